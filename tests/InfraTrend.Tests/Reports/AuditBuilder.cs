using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Planning;
using InfraTrend.Scanning;
using InfraTrend.Scoring;

namespace InfraTrend.Tests.Reports;

/// <summary>
/// Builds an <see cref="AuditResult"/> by hand: facts, parts and findings of made-up checks, scored and planned by
/// the real Scorer and Planner, so report tests do not depend on which analyzers the catalogue holds.
/// </summary>
internal sealed class AuditBuilder
{
    public static readonly DateTimeOffset AuditedAt = new(2025, 8, 27, 10, 3, 12, TimeSpan.Zero);

    private readonly List<(AnalyzerDescriptor Analyzer, List<ScopedFinding> Findings)> _checks = [];

    public FactTable Facts { get; } = new();
    public List<PartFacts> Parts { get; } = [];
    public List<SkippedFile> Skipped { get; } = [];
    public List<(string Path, string Message)> Warnings { get; } = [];
    public RepositoryInfo Repository { get; set; } = new(
        "/srv/repos/shop", "0123456789abcdef0123456789abcdef01234567", "main",
        new DateTimeOffset(2025, 8, 26, 18, 0, 0, TimeSpan.FromHours(2)), false, "https://example.com/acme/shop.git", "fedcba9876543210fedcba9876543210fedcba98");

    public static Evidence At(string path, int line = 0) => new(path, line);

    public static Finding Pass(string message, params Evidence[] evidence) => new("repository", FindingStatus.Pass, 1, evidence, message);

    public static Finding Fail(string message, string? fix, params Evidence[] evidence) => new("repository", FindingStatus.Fail, 0, evidence, message, fix);

    public static Finding Partial(double score, string message, string? fix, params Evidence[] evidence) => new("repository", FindingStatus.Partial, score, evidence, message, fix);

    public static Finding NotApplicable(string message) => new("repository", FindingStatus.NotApplicable, 0, [], message);

    public PartFacts Part(string path, string name, string kind)
    {
        var part = new PartFacts(path, name, kind);
        Parts.Add(part);
        return part;
    }

    /// <summary>A repository-wide check with its findings (subject "repository" unless a finding says otherwise).</summary>
    public AuditBuilder Check(string id, Category category, int level, Severity severity, params Finding[] findings)
    {
        var analyzer = Descriptor(id, category, level, severity, AnalyzerScope.Repository);
        _checks.Add((analyzer, findings.Select(f => new ScopedFinding(analyzer, ".", f)).ToList()));
        return this;
    }

    /// <summary>A per-part check: one finding (subject "part") for each part named.</summary>
    public AuditBuilder PartCheck(string id, Category category, int level, Severity severity, params (string Part, Finding Finding)[] findings)
    {
        var analyzer = Descriptor(id, category, level, severity, AnalyzerScope.Part);
        _checks.Add((analyzer, findings.Select(f => new ScopedFinding(analyzer, f.Part, f.Finding with { Subject = "part" })).ToList()));
        return this;
    }

    /// <summary>Marks a check added before as essential to its level, as [Analyzer(Essential = true)] does.</summary>
    public AuditBuilder Essential(string id)
    {
        var i = _checks.FindIndex(c => c.Analyzer.Id == id);
        var analyzer = _checks[i].Analyzer with { Essential = true };
        _checks[i] = (analyzer, _checks[i].Findings.Select(f => f with { Analyzer = analyzer }).ToList());
        return this;
    }

    public AuditResult Build()
    {
        // Pinned weights: the hand-built result's figures must not move when the calibrated defaults are tuned.
        var options = new ScoringOptions
        {
            CategoryWeights = Categories.All.ToDictionary(c => c, c => c is Category.Operations or Category.Testing or Category.Scaling ? 0.25 : 1.0),
        };
        var results = _checks.Select(c => Scorer.Result(c.Analyzer, c.Findings)).ToList();
        var card = Scorer.Score(results, options);
        var tasks = Planner.Plan(results, card.Maturity, options);
        var parts = Parts
            .Select(part => new PartScores(
                part,
                Categories.All.Select(c => Scorer.CategoryScoreOf(
                    c,
                    results.Select(r => Scorer.Result(r.Analyzer, r.Findings.Where(f => f.PartPath == part.Path || r.Analyzer.Scope == AnalyzerScope.Repository).ToList())).ToList(),
                    options)).ToList()))
            .ToList();
        var evaluation = new Evaluation(results, card, tasks, parts, Evaluation.RulesetVersionOf(_checks.Select(c => c.Analyzer), options)) { Options = options };
        var facts = new RepositoryFacts { Repository = Facts, Parts = Parts };
        return new AuditResult(Repository, "0.1.0", AuditedAt, TimeSpan.FromMilliseconds(1234), 120, Skipped, Warnings, facts, evaluation);
    }

    private static AnalyzerDescriptor Descriptor(string id, Category category, int level, Severity severity, AnalyzerScope scope) =>
        new(
            id,
            category,
            level,
            Weight: 1,
            WeightReason: "test",
            severity,
            Title: TitleOf(id),
            LooksFor: "test",
            WhyItMatters: "test",
            Remediation: $"Remediate {id}.",
            Create: () => throw new InvalidOperationException("built by hand"),
            scope);

    // "monitoring.error-tracking" -> "Error tracking"
    private static string TitleOf(string id)
    {
        var name = id[(id.IndexOf('.') + 1)..].Replace('-', ' ');
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// A repository like the sample report's: Render and Nixpacks, a CI workflow, Prisma migrations, a backend
    /// and a frontend part; strong deployment, CI and database, no error tracking or security middleware; one
    /// Dockerfile whose name holds a pipe and backticks.
    /// </summary>
    public static AuditBuilder SampleLike()
    {
        var audit = new AuditBuilder();
        var facts = audit.Facts;
        facts.Add(FactKeys.Languages, "typescript", At("backend/package.json", 1));
        facts.Add(FactKeys.Frameworks, "express", At("backend/package.json", 12));
        facts.Add(FactKeys.Frameworks, "react", At("frontend/package.json", 9));
        facts.SetEntry(FactKeys.Runtimes, "node", "20.19.0", At("nixpacks.toml", 2));
        facts.SetEntry(FactKeys.PackageManagers, "pnpm", "8.15.0", At("package.json", 5));
        facts.Add(FactKeys.Lockfiles, "pnpm-lock.yaml", At("pnpm-lock.yaml"));
        facts.Add(FactKeys.Platforms, "render", At("render.yaml", 1));
        facts.Add(FactKeys.Platforms, "nixpacks", At("nixpacks.toml", 1));
        facts.Add(FactKeys.CiSystems, "github-actions", At(".github/workflows/ci.yml"));
        facts.Count(FactKeys.WorkflowFiles, 1, At(".github/workflows/ci.yml"));
        facts.Add(FactKeys.MigrationTools, "prisma", At("backend/prisma/schema.prisma"));
        facts.Count(FactKeys.MigrationCount, 22, At("backend/prisma/migrations"));
        facts.Add(FactKeys.DatabaseEngines, "postgresql", At("backend/prisma/schema.prisma", 2));
        facts.Add(FactKeys.TestFrameworks, "jest", At("backend/package.json", 30));
        facts.Count(FactKeys.TestFiles, 444, At("backend/test/app.test.ts"));
        facts.AddObject(FactKeys.RuntimeSources, new() { ["runtime"] = "node", ["version"] = "20.19.0", ["path"] = "nixpacks.toml" }, At("nixpacks.toml", 2));

        var backend = audit.Part("backend", "shop-api", "service");
        backend.Facts.Add(FactKeys.Languages, "typescript");
        backend.Facts.Add(FactKeys.Frameworks, "express");
        backend.Facts.Count(FactKeys.TestFiles, 444);
        var frontend = audit.Part("frontend", "shop-web", "web");
        frontend.Facts.Add(FactKeys.Languages, "typescript");
        frontend.Facts.Add(FactKeys.Frameworks, "react");

        audit
            .Check("operations.readme", Category.Operations, 1, Severity.Medium, Pass("README.md documents install and deploy", At("README.md")))
            .Check("operations.runbooks", Category.Operations, 5, Severity.Low, Fail("no runbook found", fix: null))
            .Check("deployment.descriptor", Category.Deployment, 2, Severity.High, Pass("Render blueprint declares 2 services", At("render.yaml", 1), At("nixpacks.toml", 1)))
            .Check("deployment.auto-deploy", Category.Deployment, 3, Severity.Medium, Pass("Render deploys on push", At("render.yaml", 7)))
            .Check(
                "deployment.dockerfile",
                Category.Deployment,
                2,
                Severity.Medium,
                Partial(0.5, "runs as root: no USER | line", "Add `USER node` before ```CMD```.", At("docker/evil|name`x`.Dockerfile", 3)) with { Subject = "docker/evil|name`x`.Dockerfile" })
            .Check("ci.builds", Category.Ci, 2, Severity.High, Pass("the workflow builds both parts", At(".github/workflows/ci.yml", 14)))
            .Check("ci.tests-in-pipeline", Category.Ci, 3, Severity.High, Pass("pnpm test runs in CI", At(".github/workflows/ci.yml", 20)))
            .Check("ci.security-scanning", Category.Ci, 4, Severity.Medium, Pass("trivy scans the image", At(".github/workflows/ci.yml", 31)))
            .Check("security.env-example", Category.Security, 2, Severity.High, Pass(".env.example is committed", At(".env.example")))
            .PartCheck(
                "monitoring.health-endpoint",
                Category.Monitoring,
                3,
                Severity.Medium,
                ("backend", Pass("GET /health is served", At("backend/src/app.ts", 40))),
                ("frontend", NotApplicable("a static site serves no routes")))
            .PartCheck(
                "monitoring.error-tracking",
                Category.Monitoring,
                4,
                Severity.High,
                ("backend", Fail("no error tracking SDK is initialised", "pnpm add @sentry/node")),
                ("frontend", Fail("no error tracking SDK is initialised", "pnpm add @sentry/react")))
            .PartCheck(
                "security.rate-limiting",
                Category.Security,
                4,
                Severity.High,
                ("backend", Fail("no rate limiting middleware", "pnpm add express-rate-limit\n\napp.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));")))
            .PartCheck(
                "security.headers",
                Category.Security,
                4,
                Severity.Medium,
                ("backend", Fail("no security headers middleware", "pnpm add helmet")))
            .PartCheck(
                "database.migrations",
                Category.Database,
                3,
                Severity.High,
                ("backend", Pass("22 Prisma migrations, applied at start", At("backend/prisma/migrations/20240101_init/migration.sql"), At("render.yaml", 12))))
            .PartCheck("scaling.cache", Category.Scaling, 5, Severity.Low, ("backend", NotApplicable("no cache needed by the declared load")));

        audit.Skipped.Add(new SkippedFile("assets/logo.png", SkipReason.Binary));
        audit.Skipped.Add(new SkippedFile("data/dump.sql", SkipReason.Oversized));
        audit.Warnings.Add((".github/workflows/broken.yml", "could not parse: mapping values are not allowed here"));
        return audit;
    }
}
