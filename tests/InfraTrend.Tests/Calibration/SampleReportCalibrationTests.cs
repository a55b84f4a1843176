using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Calibration;

/// <summary>
/// design.md, "Calibration": a repository built like the one the sample report audits must yield the report's
/// facts, maturity level 3, category scores within 10 points of the report's (ranked the same) and an overall
/// score within 10 of 72.
/// </summary>
public sealed class SampleReportCalibrationTests : IClassFixture<SampleReportCalibrationTests.Audited>
{
    public sealed class Audited : IDisposable
    {
        public Audited()
        {
            Repository = SampleRepositories.NodeExpressPrismaOnRender();
            Result = Auditor.Audit(Repository.Root);
        }

        public TestRepository Repository { get; }
        public AuditResult Result { get; }

        public void Dispose() => Repository.Dispose();
    }

    private readonly AuditResult _result;
    private readonly FactTable _facts;

    public SampleReportCalibrationTests(Audited audited)
    {
        _result = audited.Result;
        _facts = audited.Result.Facts.Repository;
    }

    [Fact]
    public void Finds_the_deployment_the_report_describes()
    {
        Assert.Equal(["nixpacks", "render"], _facts.List(FactKeys.Platforms));
        Assert.Equal("20.19.0", _facts.Map(FactKeys.Runtimes)["node"]);
        Assert.Equal("8.15.0", _facts.Map(FactKeys.PackageManagers)["pnpm"]);
        Assert.True(_facts.Bool(FactKeys.RuntimePinned));
        Assert.Contains("/health", _facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["render-postgres"], _facts.List(FactKeys.ManagedDatabase));
        Assert.Contains(new Evidence("nixpacks.toml", 2), _facts.EvidenceOf(FactKeys.RuntimeSources));
    }

    [Fact]
    public void Finds_the_pipeline_the_report_describes()
    {
        Assert.Equal(["github-actions"], _facts.List(FactKeys.CiSystems));
        Assert.Equal(1, _facts.Number(FactKeys.WorkflowFiles));
        Assert.True(_facts.Bool(FactKeys.RunsLint));
        Assert.True(_facts.Bool(FactKeys.RunsTypecheck));
        Assert.True(_facts.Bool(FactKeys.RunsTests));
        Assert.True(_facts.Bool(FactKeys.RunsBuild));
        Assert.True(_facts.Bool(FactKeys.Deploys));
        Assert.Equal(["pnpm-audit", "trivy"], _facts.List(FactKeys.SecurityScanners));
        Assert.Equal("none", _facts.Text(FactKeys.ActionsPinnedBySha));
        Assert.Contains(_facts.EvidenceOf(FactKeys.RunsTests), e => e.Path == ".github/workflows/ci.yml" && e.Line > 0);
    }

    [Fact]
    public void Finds_the_application_facts_the_report_describes()
    {
        Assert.Equal(["prisma"], _facts.List(FactKeys.MigrationTools));
        Assert.Equal(22, _facts.Number(FactKeys.MigrationCount));
        Assert.Contains("start", _facts.List(FactKeys.MigrationsAppliedAt));
        Assert.True(_facts.Bool(FactKeys.SeedScript));
        Assert.Equal(["jwt"], _facts.List(FactKeys.Auth));
        Assert.Empty(_facts.List(FactKeys.SecurityHeaders));
        Assert.False(_facts.Bool(FactKeys.RateLimiting));
        Assert.False(_facts.Bool(FactKeys.CorsConfigured));
        Assert.True(_facts.Bool(FactKeys.CorsPermissive));
        Assert.Empty(_facts.List(FactKeys.ErrorTracking));
        Assert.Empty(_facts.List(FactKeys.Tracing));
        Assert.True(_facts.Bool(FactKeys.HealthEndpoint));
        Assert.Contains(new Evidence("backend/src/index.ts", 13), _facts.EvidenceOf(FactKeys.HealthEndpoint));
        // Four real console calls; the commented one and the one inside a string do not count.
        Assert.Equal(5, _facts.Number(FactKeys.ConsoleLogCalls));
        Assert.True(_facts.Bool(FactKeys.EnvExample));
        Assert.False(_facts.Bool(FactKeys.EnvFileCommitted));
        Assert.Equal(["express", "react"], _facts.List(FactKeys.Frameworks));
    }

    [Fact]
    public void Sees_two_parts_with_backend_tests_and_no_frontend_tests()
    {
        var parts = _result.Facts.Parts;
        Assert.Equal(["backend", "frontend"], parts.Select(p => p.Path));
        Assert.Equal(["service", "web"], parts.Select(p => p.Kind));
        Assert.Equal(6, parts[0].Facts.Number(FactKeys.TestFiles));
        Assert.Equal(0, parts[1].Facts.Number(FactKeys.TestFiles));
    }

    [Fact]
    public void Lands_at_maturity_level_3()
    {
        Assert.Equal(3, _result.Evaluation.ScoreCard.Maturity.Level);
        Assert.Contains(_result.Evaluation.ScoreCard.Maturity.BlockingNext, f => f.Analyzer.Id == "monitoring.error-tracking");
    }

    [Theory]
    [InlineData(Category.Database, 90)]
    [InlineData(Category.Ci, 85)]
    [InlineData(Category.Deployment, 80)]
    [InlineData(Category.Security, 60)]
    [InlineData(Category.Monitoring, 45)]
    public void Scores_each_category_within_ten_points_of_the_report(Category category, int reported)
    {
        var score = _result.Evaluation.ScoreCard.Category(category).Score;
        Assert.NotNull(score);
        Assert.InRange(score!.Value, reported - 10, reported + 10);
    }

    [Fact]
    public void Ranks_the_categories_as_the_report_does()
    {
        var card = _result.Evaluation.ScoreCard;
        int S(Category c) => card.Category(c).Score!.Value;
        Assert.True(S(Category.Database) > S(Category.Ci), $"database {S(Category.Database)} > ci {S(Category.Ci)}");
        Assert.True(S(Category.Ci) > S(Category.Deployment), $"ci {S(Category.Ci)} > deployment {S(Category.Deployment)}");
        Assert.True(S(Category.Deployment) > S(Category.Security), $"deployment {S(Category.Deployment)} > security {S(Category.Security)}");
        Assert.True(S(Category.Security) > S(Category.Monitoring), $"security {S(Category.Security)} > monitoring {S(Category.Monitoring)}");
    }

    [Fact]
    public void Scores_overall_within_ten_points_of_72()
    {
        Assert.InRange(_result.Evaluation.ScoreCard.Overall!.Value, 62, 82);
    }

    [Fact]
    public void Plans_the_reports_first_tasks_with_pnpm_fixes()
    {
        var tasks = _result.Evaluation.Tasks;
        var errorTracking = Assert.Single(tasks, t => t.Id == "monitoring.error-tracking|backend|part");
        Assert.Equal(Priority.High, errorTracking.Priority);
        Assert.Contains("pnpm add @sentry/node", errorTracking.Fix);
        var frontendTracking = Assert.Single(tasks, t => t.Id == "monitoring.error-tracking|frontend|part");
        Assert.Contains("pnpm add @sentry/react", frontendTracking.Fix);
        Assert.Contains(tasks, t => t.AnalyzerId == "security.headers" && t.Priority == Priority.High && t.Fix!.Contains("helmet"));
        Assert.Contains(tasks, t => t.AnalyzerId == "security.rate-limiting" && t.Priority == Priority.High);
    }
}
