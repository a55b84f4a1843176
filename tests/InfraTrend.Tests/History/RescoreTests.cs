using Dapper;
using InfraTrend.Auditing;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class RescoreTests : IDisposable
{
    private static readonly ScoringOptions CiCountsDouble = new()
    {
        CategoryWeights = new Dictionary<Category, double>(ScoringOptions.DefaultCategoryWeights) { [Category.Ci] = 2 },
    };

    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();
    private readonly HistoryDatabase _db;

    public RescoreTests()
    {
        _db = HistoryDatabase.Open(_temp.File("h.db"));
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        _repo.Write(".github/workflows/ci.yml", Workflow).Commit("add ci", Day0.AddDays(1));
        Record(_db, _repo);
    }

    public void Dispose()
    {
        _db.Dispose();
        _repo.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Rescoring_scores_stored_facts_under_the_new_rules_and_keeps_the_recorded_scores()
    {
        var id = RepositoryId(_db, _repo);
        var recorded = RunQueries.Runs(_db, id);

        var summary = Rescorer.Rescore(_db, ScoringRules.Default with { Options = CiCountsDouble });

        var rescored = RunQueries.Runs(_db, id, summary.Ruleset);
        Assert.Equal((2, 0, 0), (summary.Rescored, summary.AlreadyCurrent, summary.NotRescorable));
        Assert.NotEqual(recorded[0].RecordedRuleset, summary.Ruleset);
        Assert.All(rescored, r => Assert.True(r.Rescored));
        Assert.Equal(Evaluation.Evaluate(Auditor.Audit(_repo.Root).Facts, CiCountsDouble).ScoreCard.Overall, rescored[1].Overall);
        Assert.Equal(recorded.Select(r => r.Overall), RunQueries.Runs(_db, id).Select(r => r.Overall));
        Assert.Equal(summary.Ruleset, RunQueries.Trend(_db, id, new TrendQuery(Category.Ci, Ruleset: summary.Ruleset))[0].Ruleset);
    }

    [Fact]
    public void Rescoring_again_under_the_same_rules_does_nothing()
    {
        Rescorer.Rescore(_db, ScoringRules.Default with { Options = CiCountsDouble });

        var again = Rescorer.Rescore(_db, ScoringRules.Default with { Options = CiCountsDouble });

        Assert.Equal((0, 2), (again.Rescored, again.AlreadyCurrent));
    }

    [Fact]
    public void A_run_whose_facts_came_from_another_fact_model_keeps_its_recorded_scores()
    {
        _db.Connection.Execute("UPDATE facts SET model_version = 0 WHERE id = (SELECT facts_id FROM runs WHERE number = 1)");

        var summary = Rescorer.Rescore(_db, ScoringRules.Default with { Options = CiCountsDouble });

        Assert.Equal((1, 1), (summary.Rescored, summary.NotRescorable));
        var first = RunQueries.Runs(_db, RepositoryId(_db, _repo), summary.Ruleset)[0];
        Assert.False(first.Rescored);
    }
}
