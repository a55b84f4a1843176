using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Config;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Tests.History;
using InfraTrend.Tests.Reports;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Config;

public sealed class WaiverTests
{
    private const string Secrets = "security.no-committed-secrets";
    private const string Reason = "CI service-container passwords, never used outside the pipeline";
    private const string SecretsTask = "security.no-committed-secrets|.|repository";

    private static readonly string WaiverYaml = $"""
        waivers:
          - rule: {Secrets}
            paths: ["ci/**", "examples/**"]
            reason: "{Reason}"
        """;

    /// <summary>A service container's password in a CI file: the secrets rule fails on it.</summary>
    private static TestRepository WithCiPassword()
    {
        var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write("ci/services.yml", "postgres:\n  image: postgres:16\n  environment:\n    POSTGRES_PASSWORD: pipelinepass123\n");
        repo.Commit("ci services");
        return repo;
    }

    [Fact]
    public void Waivers_are_read_with_their_paths_reason_and_date()
    {
        var config = ConfigLoader.Parse($"""
            waivers:
              - rule: {Secrets}
                paths: ["ci/**", "examples/**"]
                reason: "{Reason}"
                until: 2027-06-30
              - rule: scaling.cache
                reason: a single-user tool
            """);

        Assert.Equal(2, config.Waivers.Count);
        Assert.Equal((Secrets, Reason, new DateOnly(2027, 6, 30)), (config.Waivers[0].Rule, config.Waivers[0].Reason, config.Waivers[0].Until!.Value));
        Assert.Equal(["ci/**", "examples/**"], config.Waivers[0].Paths);
        Assert.Empty(config.Waivers[1].Paths);
        Assert.Null(config.Waivers[1].Until);
        Assert.Equal(2, config.Scoring(new DateOnly(2027, 6, 30)).Waivers.Count);
        Assert.Single(config.Scoring(new DateOnly(2027, 7, 1)).Waivers);
        Assert.Equal(
            [$"the waiver of {Secrets} for ci/**, examples/** lapsed on 2027-06-30; its findings count again"],
            config.LapsedWaiverWarnings(new DateOnly(2027, 7, 1)));
    }

    [Theory]
    [InlineData("waivers:\n  - rule: security.no-such-rule\n    reason: because\n", "line 2: 'waivers[0].rule' unknown analyzer id 'security.no-such-rule'")]
    [InlineData("waivers:\n  - reason: because\n", "line 2: 'waivers[0].rule' is missing")]
    [InlineData("waivers:\n  - rule: scaling.cache\n    reason: \"  \"\n", "line 3: 'waivers[0].reason' must say why the rule is waived")]
    [InlineData("waivers:\n  - rule: scaling.cache\n", "line 2: 'waivers[0].reason' must say why the rule is waived")]
    [InlineData("waivers:\n  - rule: scaling.cache\n    reason: because\n    until: 30/06/2027\n", "line 4: 'waivers[0].until' must be a date written yyyy-MM-dd")]
    [InlineData("waivers:\n  - rule: scaling.cache\n    reason: because\n    path: [ci/]\n", "line 4: 'waivers[0].path' unknown key")]
    [InlineData("waivers:\n  - rule: scaling.cache\n    reason: because\n    paths: ci/\n", "line 4: 'waivers[0].paths' must be a list")]
    [InlineData("waivers:\n  rule: scaling.cache\n", "line 2: 'waivers' must be a list")]
    public void A_broken_waiver_is_a_config_error_naming_the_line_and_the_key(string text, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith(".infratrend.yml line ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_waived_finding_is_reported_with_its_reason_but_not_scored_and_opens_no_task()
    {
        using var repo = WithCiPassword();
        var before = Auditor.Audit(repo.Root);
        Assert.Contains(before.Evaluation.Tasks, t => t.Id == SecretsTask);
        repo.Write(".infratrend.yml", $"disabled:\n  - {Secrets}\n");
        var disabled = Auditor.Audit(repo.Root);
        repo.Write(".infratrend.yml", WaiverYaml);

        var waived = Auditor.Audit(repo.Root);

        var finding = waived.Evaluation.Findings.Single(f => f.Analyzer.Id == Secrets);
        Assert.Equal(FindingStatus.Fail, finding.Finding.Status);
        Assert.Equal(Reason, finding.Waiver?.Reason);
        // Left out like a not-applicable finding: the scores are those of an audit without the rule, not of the failing one.
        Assert.Null(waived.Evaluation.Results.Single(r => r.Analyzer.Id == Secrets).Score);
        Assert.Equal(disabled.Evaluation.ScoreCard.Category(Category.Security).Score, waived.Evaluation.ScoreCard.Category(Category.Security).Score);
        Assert.True(waived.Evaluation.ScoreCard.Category(Category.Security).Score > before.Evaluation.ScoreCard.Category(Category.Security).Score);
        Assert.Equal(disabled.Evaluation.ScoreCard.Overall, waived.Evaluation.ScoreCard.Overall);
        Assert.DoesNotContain(waived.Evaluation.Tasks, t => t.Id == SecretsTask);
        Assert.DoesNotContain(waived.Evaluation.ScoreCard.Maturity.BlockingNext, f => f.Analyzer.Id == Secrets);
        // Waivers are part of the scoring configuration.
        Assert.NotEqual(before.Evaluation.RulesetVersion, waived.Evaluation.RulesetVersion);

        var json = JsonNode.Parse(JsonReport.Render(waived))!;
        var jsonFinding = json["findings"]!.AsArray().Single(f => f!["analyzer"]!.GetValue<string>() == Secrets)!;
        Assert.Equal(Reason, jsonFinding["waiver"]!["reason"]!.GetValue<string>());
        Assert.Null(jsonFinding["waiver"]!["until"]);
        Assert.Empty(AuditSchema.Errors(JsonReport.Render(waived)));
        Assert.All(json["findings"]!.AsArray().Where(f => f!["analyzer"]!.GetValue<string>() != Secrets), f => Assert.Null(f!["waiver"]));

        Assert.Contains($"waived: {Reason}", MarkdownReport.Render(waived));
        Assert.Contains($"waived: {Reason}", ConsoleReport.Render(waived));
        Assert.Contains($"waived: {Reason}", HtmlReport.Render(waived));
    }

    [Fact]
    public void A_waived_finding_is_a_sarif_result_with_an_external_suppression()
    {
        using var repo = WithCiPassword();
        repo.Write(".infratrend.yml", WaiverYaml.Replace("reason:", "until: 2099-12-31\n    reason:", StringComparison.Ordinal));

        var sarif = SarifReport.Render(Auditor.Audit(repo.Root));

        var result = JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == Secrets)!;
        var suppression = result["suppressions"]!.AsArray().Single()!;
        Assert.Equal("external", suppression["kind"]!.GetValue<string>());
        Assert.Equal(Reason, suppression["justification"]!.GetValue<string>());
        Assert.Equal("2099-12-31", suppression["properties"]!["until"]!.GetValue<string>());
        Assert.Empty(SarifSchema.Errors(sarif));
    }

    [Fact]
    public void A_waiver_covers_a_finding_only_when_all_its_evidence_is_under_its_paths()
    {
        using var repo = WithCiPassword();
        repo.Write("config/production.yml", "database:\n  password: prodpass98765\n");
        repo.Write(".infratrend.yml", WaiverYaml);

        var result = Auditor.Audit(repo.Root);

        var finding = result.Evaluation.Findings.Single(f => f.Analyzer.Id == Secrets);
        Assert.Null(finding.Waiver);
        Assert.Contains(result.Evaluation.Tasks, t => t.Id == SecretsTask);
    }

    [Fact]
    public void A_waiver_without_paths_waives_the_rule_everywhere_and_a_lapsed_one_warns_and_counts_again()
    {
        using var repo = WithCiPassword();
        repo.Write(".infratrend.yml", $"waivers:\n  - rule: {Secrets}\n    reason: test fixtures only\n");
        Assert.NotNull(Auditor.Audit(repo.Root).Evaluation.Findings.Single(f => f.Analyzer.Id == Secrets).Waiver);

        repo.Write(".infratrend.yml", $"waivers:\n  - rule: {Secrets}\n    reason: test fixtures only\n    until: 2020-01-31\n");
        var lapsed = Auditor.Audit(repo.Root);

        Assert.Null(lapsed.Evaluation.Findings.Single(f => f.Analyzer.Id == Secrets).Waiver);
        Assert.Contains(lapsed.Evaluation.Tasks, t => t.Id == SecretsTask);
        Assert.Contains(lapsed.Warnings, w => w.Path == ".infratrend.yml" && w.Message.Contains($"waiver of {Secrets} lapsed on 2020-01-31", StringComparison.Ordinal));
    }

    [Fact]
    public void A_recorded_waived_finding_opens_no_task_leaves_an_open_one_as_it_is_and_is_reprinted_waived()
    {
        using var temp = new TempFolder();
        using var db = HistoryDatabase.Open(temp.File("h.db"));
        using var repo = WithCiPassword();
        repo.Write(".infratrend.yml", WaiverYaml);
        repo.Commit("waive the CI password", HistorySupport.Day0);

        var run = HistorySupport.Record(db, repo);

        var tasks = TaskTracker.List(db, run.RepositoryId, HistorySupport.Day0.AddYears(1));
        Assert.DoesNotContain(tasks, t => t.Id == SecretsTask);
        Assert.NotEmpty(tasks);
        var reprinted = RecordedAudit.Load(db, run.RunId);
        Assert.Equal(Reason, reprinted.Evaluation.Findings.Single(f => f.Analyzer.Id == Secrets).Waiver?.Reason);
        Assert.Equal(Auditor.Audit(repo.Root).Evaluation.ScoreCard.Overall, reprinted.Evaluation.ScoreCard.Overall);

        // Without the waiver the task opens; waived again, it is left as it is (neither resolved nor closed).
        File.Delete(repo.PathOf(".infratrend.yml"));
        repo.Commit("no waiver", HistorySupport.Day0.AddDays(1));
        HistorySupport.Record(db, repo);
        Assert.Equal(TaskState.Open, TaskTracker.List(db, run.RepositoryId, HistorySupport.Day0.AddYears(1)).Single(t => t.Id == SecretsTask).State);
        repo.Write(".infratrend.yml", WaiverYaml);
        repo.Commit("waive again", HistorySupport.Day0.AddDays(2));
        HistorySupport.Record(db, repo);
        var task = TaskTracker.List(db, run.RepositoryId, HistorySupport.Day0.AddYears(1)).Single(t => t.Id == SecretsTask);
        Assert.Equal(TaskState.Open, task.State);
        Assert.Equal(2, task.LastSeen.Run);
    }
}
