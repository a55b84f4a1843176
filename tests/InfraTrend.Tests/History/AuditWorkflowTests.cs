using Dapper;
using InfraTrend.Auditing;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

/// <summary>The audit workflow of the engine (<see cref="AuditWorkflow"/>, <see cref="ScoringRules"/>) on real git repositories and SQLite files.</summary>
public sealed class AuditWorkflowTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();

    public void Dispose()
    {
        _repo.Dispose();
        _temp.Dispose();
    }

    private string Db => _temp.File("history.db");

    private HistoryOutcome Conclude(bool record = true, bool gate = false, bool trend = false, string? db = null) =>
        AuditWorkflow.Conclude(Auditor.Audit(_repo.Root), new HistoryRequest(db ?? Db, record, gate, trend, TrendName: "shop"));

    [Fact]
    public void Recording_gives_the_run_its_change_since_the_run_before_and_the_trend_that_includes_it()
    {
        _repo.Commit("init", Day0);
        var first = Conclude(trend: true);
        _repo.Write(".github/workflows/ci.yml", Workflow).Commit("add ci", Day0.AddDays(1));

        var second = Conclude(trend: true);

        Assert.Equal(1, first.Run!.Number);
        Assert.Null(first.SincePrevious);
        Assert.Null(first.Trend); // one run is no trend
        Assert.Equal(Db, first.DatabasePath);
        Assert.Equal(2, second.Run!.Number);
        Assert.Equal((1, 2), (second.SincePrevious!.Value.Before.Number, second.SincePrevious.Value.Now.Number));
        Assert.Equal("shop", second.Trend!.Repository);
        Assert.Equal([1, 2], second.Trend.Points.Select(p => p.RunNumber));
        Assert.Null(second.Failure);
        Assert.Null(second.TrendFailure);
    }

    [Fact]
    public void The_gate_compares_with_the_baseline_rescored_under_the_audits_own_rules_and_records_nothing_without_record()
    {
        _repo.Write(".github/workflows/ci.yml", Workflow).Commit("init", Day0);
        Conclude();
        // The rules change with the next commit: the baseline was scored under others.
        _repo.Write(".infratrend.yml", "weights:\n  categories:\n    ci: 3\n").Commit("weights", Day0.AddDays(1));
        var audit = Auditor.Audit(_repo.Root);

        var outcome = AuditWorkflow.Conclude(audit, new HistoryRequest(Db, Record: false, Gate: true));

        var gate = outcome.Gate!;
        Assert.Equal(1, gate.Baseline!.Run.Number);
        Assert.True(gate.Rescored);
        Assert.Equal(audit.Evaluation.RulesetVersion, gate.Before!.Evaluation.RulesetVersion);
        Assert.NotEqual(gate.Baseline.Run.RecordedRuleset, gate.Before.Evaluation.RulesetVersion);
        Assert.Null(outcome.Run);
        using var db = HistoryDatabase.Open(Db);
        Assert.Equal(1, db.Connection.ExecuteScalar<int>("SELECT count(*) FROM runs"));
    }

    [Fact]
    public void A_fall_in_score_against_the_baseline_is_a_regression()
    {
        _repo.Write(".github/workflows/ci.yml", Workflow).Commit("init", Day0);
        Conclude();
        _repo.Git("rm", "-q", ".github/workflows/ci.yml");
        _repo.Commit("drop ci", Day0.AddDays(1));

        var gate = Conclude(gate: true).Gate!;

        Assert.Equal(1, gate.Baseline!.Run.Number);
        Assert.False(gate.Rescored);
        Assert.True(gate.Regressed);
    }

    [Fact]
    public void Without_recording_a_missing_database_is_not_created_and_the_gate_has_no_baseline()
    {
        _repo.Commit("init", Day0);

        var outcome = Conclude(record: false, gate: true, trend: true);

        Assert.False(File.Exists(Db));
        Assert.NotNull(outcome.Gate);
        Assert.Null(outcome.Gate!.Baseline);
        Assert.False(outcome.Gate.Regressed);
        Assert.Null(outcome.Trend);
        Assert.Null(outcome.Failure);
    }

    [Fact]
    public void Nothing_asked_touches_no_history()
    {
        _repo.Commit("init", Day0);

        var outcome = Conclude(record: false);

        Assert.Null(outcome.DatabasePath);
        Assert.Null(outcome.Gate);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void A_corrupt_database_is_a_failure_to_record_but_only_a_missing_trend_for_a_read()
    {
        _repo.Commit("init", Day0);
        var path = HistoryDatabaseTests.CorruptDatabase(_temp);
        var before = File.ReadAllBytes(path);

        var recording = Conclude(gate: true, trend: true, db: path);
        var reading = Conclude(record: false, trend: true, db: path);

        Assert.Contains("corrupt", recording.Failure!.Message);
        Assert.Null(recording.Run);
        Assert.Null(recording.Trend);
        Assert.Null(recording.Gate!.Baseline);
        Assert.Null(reading.Failure);
        Assert.Contains("corrupt", reading.TrendFailure!.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void An_evaluation_keeps_the_rules_it_was_built_with()
    {
        _repo.Write(".infratrend.yml", "disabled: [ci.pipeline]\nweights:\n  categories:\n    ci: 3\n").Commit("init", Day0);

        var evaluation = Auditor.Audit(_repo.Root).Evaluation;

        Assert.Contains("ci.pipeline", evaluation.Rules.Disabled);
        Assert.Equal(3, evaluation.Rules.Options.WeightOf(Category.Ci));
        Assert.Equal(evaluation.RulesetVersion, evaluation.Rules.Version);
        Assert.DoesNotContain(evaluation.Results, r => r.Analyzer.Id == "ci.pipeline");
    }

    [Fact]
    public void Rescoring_under_the_rules_a_run_was_scored_with_keeps_it_as_stored_and_under_others_scores_its_facts_again()
    {
        _repo.Commit("init", Day0);
        var audit = Auditor.Audit(_repo.Root);
        var doubled = new ScoringRules(new Scoring.ScoringOptions { CategoryWeights = new Dictionary<Category, double>(Scoring.ScoringOptions.DefaultCategoryWeights) { [Category.Ci] = 2 } }, new HashSet<string>());

        Assert.Same(audit, audit.Evaluation.Rules.Rescore(audit));
        var rescored = doubled.Rescore(audit);
        Assert.Equal(doubled.Version, rescored.Evaluation.RulesetVersion);
        Assert.Equal(2, rescored.Evaluation.Options.WeightOf(Category.Ci));
        Assert.Same(audit.Facts, rescored.Facts);
    }

    [Fact]
    public void The_recorded_ruleset_keeps_the_weights_the_evaluation_was_built_with()
    {
        _repo.Write(".infratrend.yml", "weights:\n  categories:\n    ci: 3\n").Commit("init", Day0);
        var audit = Auditor.Audit(_repo.Root);

        var outcome = AuditWorkflow.Conclude(audit, new HistoryRequest(Db, Record: true));

        using var db = HistoryDatabase.Open(Db);
        var stored = RecordedAudit.Load(db, outcome.Run!.RunId);
        Assert.Equal(3, stored.Evaluation.Options.WeightOf(Category.Ci));
        Assert.Equal(audit.Evaluation.RulesetVersion, stored.Evaluation.RulesetVersion);
    }
}
