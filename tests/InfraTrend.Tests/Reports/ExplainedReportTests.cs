using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Planning;
using InfraTrend.Reports;
using InfraTrend.Scoring;
using static InfraTrend.Tests.Reports.AuditBuilder;

namespace InfraTrend.Tests.Reports;

/// <summary>Every figure a reader sees is explained where they see it: weights, part counts, risks, order, levels.</summary>
public sealed class ExplainedReportTests
{
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no heading '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();
        var next = Enumerable.Range(1, level)
            .Select(l => markdown.IndexOf("\n" + new string('#', l) + " ", start + heading.Length + 1, StringComparison.Ordinal))
            .Where(i => i >= 0)
            .DefaultIfEmpty(markdown.Length)
            .Min();
        return markdown[start..next];
    }

    private static Evidence[] Places(int count) => Enumerable.Range(1, count).Select(i => At($"k8s/app-{i:00}.yaml", i)).ToArray();

    // ---- 1. weights and part counts beside the scores -------------------------------------------

    [Fact]
    public void Category_weights_and_per_part_counts_stand_beside_the_scores()
    {
        var result = SampleLike().Build();
        var markdown = MarkdownReport.Render(result);
        var console = ConsoleReport.Render(result);

        var summary = Section(markdown, "## Executive Summary");
        Assert.Contains("| Category | Status | Key findings | Score | Weight |", summary);
        Assert.Contains("| **Security** | ❌ Missing | 1/3 checks pass; gaps: Headers; Rate limiting | 33/100 | 1 |", summary);
        Assert.Contains("| **Operational Readiness** | ⚠️ Limited | 1/2 checks pass (they give 50; above 20 a point counts 80%); gaps: Runbooks | 44/100 | 0.25 |", summary);
        Assert.Contains("gaps: Error tracking (0 of 2 parts pass) | 50/100 | 1 |", summary);
        Assert.Contains("the overall score is the mean of the category scores by their weight", summary);

        var detail = Section(markdown, "## Detailed Infrastructure Analysis");
        Assert.Contains("### Monitoring & Observability: 50/100 (Limited, weight 1 of 5.25)", detail);
        Assert.Contains("Per-part checks: Error tracking 0 of 2 parts pass.", detail);

        Assert.Contains("Weight", console.Split('\n')[3]);
        Assert.Contains(console.Split('\n'), l => l.StartsWith("Operational Readiness ", StringComparison.Ordinal) && l.EndsWith(" 44    0.25", StringComparison.Ordinal));
    }

    // ---- 2. a strong category is no risk --------------------------------------------------------

    private static AuditResult StrongWithOneFailure()
    {
        var audit = new AuditBuilder();
        for (var i = 1; i <= 9; i++)
            audit.Check($"deployment.check-{i}", Category.Deployment, 2, Severity.Medium, Pass($"check {i} holds"));
        audit.Check("deployment.resource-limits", Category.Deployment, 3, Severity.High, Partial(0.7, "2 of 3 workloads set limits", "Set limits."));
        audit.Check("security.headers", Category.Security, 4, Severity.Medium, Fail("no security headers middleware", "pnpm add helmet"));
        return audit.Build();
    }

    [Fact]
    public void A_category_at_97_is_not_listed_among_the_risks_but_its_open_finding_is_named_with_its_strengths()
    {
        var result = StrongWithOneFailure();
        Assert.Equal(97, result.Evaluation.ScoreCard.Category(Category.Deployment).Score);
        var markdown = MarkdownReport.Render(result);

        var gaps = Section(markdown, "## ⚠️ Infrastructure Gaps & Risks");
        Assert.DoesNotContain("**Deployment**", gaps);
        Assert.Contains("### 1. **Security** ⚠️ MEDIUM RISK (0/100, missing, weight 1 of 2)", gaps);

        var strengths = Section(markdown, "## Critical Infrastructure Findings");
        Assert.Contains("### 1. **Deployment** ✅ EXCELLENT (97/100, weight 1 of 2)", strengths);
        Assert.Contains("- ⚠️ Still open: **Resource limits**: 2 of 3 workloads set limits", strengths);
    }

    // ---- 3. every section says what it holds ----------------------------------------------------

    [Fact]
    public void The_sample_reports_sections_keep_their_titles_each_with_a_lead()
    {
        var markdown = MarkdownReport.Render(SampleLike().Build());

        Assert.Contains("## Executive Summary\n\nEach category's score is", markdown);
        Assert.Contains("## Critical Infrastructure Findings\n\nWhat is in place, category by category", markdown);
        Assert.Contains("## ⚠️ Infrastructure Gaps & Risks\n\nWhat is missing or partial in the categories scoring below 75", markdown);
        Assert.Contains("## Detailed Infrastructure Analysis\n\nEvery check of every category", markdown);
        Assert.Contains("## Infrastructure Maturity Assessment\n\nWhy the repository stands at its level", markdown);
        Assert.Contains("## Infrastructure Improvement Plan\n\nOne task per failing or partial finding", markdown);
        Assert.Contains("## Next Steps Priority Matrix\n\nThe plan's tasks as a checklist", markdown);
        Assert.Contains("## Technology Stack Assessment\n\nWhat the repository is built", markdown);
        Assert.Contains("## What Was Skipped\n\nFiles the audit did not read", markdown);
    }

    // ---- 4. tasks by severity, then impact ------------------------------------------------------

    [Fact]
    public void Tasks_go_by_severity_then_by_impact_so_a_critical_finding_precedes_a_partial_readme()
    {
        var audit = new AuditBuilder()
            .Check("operations.readme", Category.Operations, 1, Severity.Medium, Partial(0.5, "README has no setup section", "Add one."))
            .Check("security.secrets", Category.Security, 3, Severity.Critical, Partial(0.9, "one secret committed", "Remove it."))
            .Check("ci.pipeline", Category.Ci, 2, Severity.High, Partial(0.5, "pipeline only lints", "Build and test."))
            .Check("deployment.descriptor", Category.Deployment, 2, Severity.High, Fail("no descriptor", "Add one."))
            .Check("monitoring.logs", Category.Monitoring, 2, Severity.Medium, Partial(0.8, "some logs", "Log more."))
            .Check("monitoring.metrics", Category.Monitoring, 2, Severity.Medium, Fail("no metrics", "Add metrics."));
        var result = audit.Build();
        var ids = result.Evaluation.Tasks.Select(t => t.AnalyzerId).ToList();

        // critical; high by impact (1 before 0.5); medium by impact (metrics 1, logs 0.2, README 0.5 x 0.25).
        Assert.Equal(["security.secrets", "deployment.descriptor", "ci.pipeline", "monitoring.metrics", "monitoring.logs", "operations.readme"], ids);
        Assert.Equal(0.125, result.Evaluation.Tasks.Single(t => t.AnalyzerId == "operations.readme").Impact);

        var markdown = MarkdownReport.Render(result);
        var plan = Section(markdown, "## Infrastructure Improvement Plan");
        Assert.True(plan.IndexOf("**Secrets**", StringComparison.Ordinal) < plan.IndexOf("**Readme**", StringComparison.Ordinal));
        Assert.Contains("1. **Secrets** (Security, level 3, critical severity, impact 0.1)", plan);
        var matrix = Section(markdown, "## Next Steps Priority Matrix");
        Assert.True(matrix.IndexOf("Metrics", StringComparison.Ordinal) < matrix.IndexOf("Logs", StringComparison.Ordinal));
        var console = ConsoleReport.Render(result, new ConsoleReportOptions { TopTasks = 6 });
        Assert.True(console.IndexOf("] Secrets", StringComparison.Ordinal) < console.IndexOf("] Descriptor", StringComparison.Ordinal));
        Assert.True(console.IndexOf("] Metrics", StringComparison.Ordinal) < console.IndexOf("] Readme", StringComparison.Ordinal));
    }

    [Fact]
    public void Impact_is_rule_weight_times_category_weight_times_what_is_missing()
    {
        var analyzer = new AnalyzerDescriptor("ci.pipeline", Category.Ci, 2, 2, "test", Severity.High, "Pipeline", "t", "t", "t", () => throw new InvalidOperationException());
        var finding = new ScopedFinding(analyzer, ".", Partial(0.25, "lint only", null));
        var options = new ScoringOptions
        {
            CategoryWeights = Categories.All.ToDictionary(c => c, c => c == Category.Ci ? 0.5 : 1.0),
            AnalyzerWeights = new Dictionary<string, double> { ["ci.pipeline"] = 3 },
        };

        Assert.Equal(1.125, Planner.ImpactOf(finding, options));
    }

    // ---- 5. long evidence lists -----------------------------------------------------------------

    [Fact]
    public void Long_evidence_shows_five_and_a_count_in_markdown_and_console_and_all_of_it_in_json_and_html()
    {
        var result = new AuditBuilder()
            .Check("deployment.descriptor", Category.Deployment, 2, Severity.High, Pass("17 manifests", Places(17)))
            .Check("deployment.resource-limits", Category.Deployment, 3, Severity.High, Fail("no limits", "Set limits.", Places(17)))
            .Check("deployment.auto-deploy", Category.Deployment, 3, Severity.Medium, Pass("deploys on push"))
            .Check("deployment.rollback", Category.Deployment, 3, Severity.Medium, Pass("rolls back"))
            .Build();

        var markdown = MarkdownReport.Render(result);
        Assert.Contains("`k8s/app-05.yaml:5` and 12 more", Section(markdown, "## Critical Infrastructure Findings"));
        Assert.Contains("`k8s/app-05.yaml:5` and 12 more", Section(markdown, "## Infrastructure Improvement Plan"));
        Assert.DoesNotContain("k8s/app-06.yaml", markdown);
        var console = ConsoleReport.Render(result, new ConsoleReportOptions { Width = 160 });
        Assert.Contains("      at:  k8s/app-01.yaml:1, k8s/app-02.yaml:2, k8s/app-03.yaml:3, k8s/app-04.yaml:4, k8s/app-05.yaml:5 and 12 more\n", console);

        var json = JsonNode.Parse(JsonReport.Render(result))!.ToJsonString();
        var html = HtmlReport.Render(result);
        Assert.Contains("k8s/app-17.yaml", json);
        Assert.Contains("<code>k8s/app-17.yaml:17</code>", html);
        Assert.Contains("<summary>and 12 more</summary>", html);
    }

    // ---- 6. repeated findings grouped -----------------------------------------------------------

    [Fact]
    public void The_same_outcome_on_every_workload_or_part_is_told_once()
    {
        var workloads = Enumerable.Range(1, 7)
            .Select(i => Pass($"Deployment app-{i} has probes", At($"k8s/app-{i}.yaml", 3)) with { Subject = $"k8s/app-{i}.yaml#Deployment/app-{i}" })
            .ToArray();
        var audit = new AuditBuilder().Check("deployment.probes", Category.Deployment, 3, Severity.Medium, workloads);
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
            audit.Part(name, name, "service");
        audit.PartCheck(
            "monitoring.health-endpoint",
            Category.Monitoring,
            3,
            Severity.Medium,
            ("a", Pass("GET /health is served")),
            ("b", Pass("GET /health is served")),
            ("c", Pass("GET /health is served")),
            ("d", Fail("no health endpoint", "Add one.")),
            ("e", Fail("no health endpoint", "Add one.")));
        var markdown = MarkdownReport.Render(audit.Build());

        var strengths = Section(markdown, "## Critical Infrastructure Findings");
        Assert.Contains("- ✅ **Probes**: 7 of 7 workloads pass (k8s/app-1.yaml\\#Deployment/app-1, k8s/app-2.yaml\\#Deployment/app-2, k8s/app-3.yaml\\#Deployment/app-3, k8s/app-4.yaml\\#Deployment/app-4, k8s/app-5.yaml\\#Deployment/app-5 and 2 more): e.g. Deployment app-1 has probes — `k8s/app-1.yaml:3`", strengths);
        Assert.Single(strengths.Split('\n'), l => l.Contains("**Probes**", StringComparison.Ordinal));

        var gaps = Section(markdown, "## ⚠️ Infrastructure Gaps & Risks");
        Assert.Contains("- ❌ **Health endpoint** (level 3, medium severity, 2 of 5 parts fail: d, e): no health endpoint", gaps);
        var detail = Section(markdown, "## Detailed Infrastructure Analysis");
        Assert.Contains("| ✅ pass | 3 of 5 parts pass: `a, b, c` | GET /health is served |", detail);
        Assert.Contains("Per-part checks: Health endpoint 3 of 5 parts pass.", detail);
        Assert.Single(detail.Split('\n'), l => l.Contains("(`deployment.probes`)", StringComparison.Ordinal));
    }

    // ---- 7. why the level ---------------------------------------------------------------------

    [Fact]
    public void The_maturity_section_says_why_the_level_was_reached_and_what_the_next_levels_essentials_are()
    {
        var result = new AuditBuilder()
            .Check("ci.pipeline", Category.Ci, 2, Severity.High, Pass("a workflow builds"))
            .Essential("ci.pipeline")
            .Check("deployment.descriptor", Category.Deployment, 2, Severity.High, Pass("render.yaml"))
            .Check("ci.tests", Category.Ci, 3, Severity.High, Fail("no tests run in CI", "Run them."))
            .Essential("ci.tests")
            .Check("deployment.auto-deploy", Category.Deployment, 3, Severity.Medium, Pass("deploys on push"))
            .Build();
        Assert.Equal(2, result.Evaluation.ScoreCard.Maturity.Level);

        var maturity = Section(MarkdownReport.Render(result), "## Infrastructure Maturity Assessment");
        Assert.Contains("- Level 2 (Managed) reached: 100% of its applicable weight (2) passes (needs 55%); its essential rule ci.pipeline passes.", maturity);
        Assert.Contains("- Level 3 (Defined) not reached: 50% of its applicable weight (2) passes (needs 55%); its essential rule ci.tests fails.", maturity);
        Assert.Contains("Essential at level 3: `ci.tests` (failing).", maturity);

        var console = ConsoleReport.Render(result);
        Assert.Contains("Why: 100% of level 2's weight passes (needs 55%); essential ci.pipeline passes.\n", console);
        Assert.Contains("Essential at level 3: ci.tests (failing).\n", console);

        var html = HtmlReport.Render(result);
        Assert.Contains("<li>Level 3 (Defined) not reached: 50% of its applicable weight (2) passes (needs 55%); its essential rule ci.tests fails.</li>", html);
    }
}
