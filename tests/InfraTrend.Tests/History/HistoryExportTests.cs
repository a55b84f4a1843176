using InfraTrend.Auditing;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class HistoryExportTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();

    public void Dispose()
    {
        _repo.Dispose();
        _temp.Dispose();
    }

    /// <summary>Runs across a pruned one, a label, a user decision and rescored scores: everything an export carries.</summary>
    private HistoryDatabase FullHistory(string name)
    {
        var db = HistoryDatabase.Open(_temp.File(name));
        var now = Day0.AddDays(20);
        var c1 = _repo.Commit("init", Day0);
        _repo.Write(".github/workflows/ci.yml", Workflow);
        var c2 = _repo.Commit("add ci", Day0.AddHours(1));
        File.Delete(_repo.PathOf(".github/workflows/ci.yml"));
        var c3 = _repo.Commit("drop ci", Day0.AddHours(2));
        foreach (var commit in new[] { c1, c2, c3 })
            Record(db, _repo, commit);
        var id = RepositoryId(db, _repo);
        RunLabels.Mark(db, RunQueries.Run(db, id, "1").Id, "v1.0");
        TaskTracker.Accept(db, id, CiPipeline, "tracked elsewhere", Day0.AddDays(30), Day0.AddDays(1));
        Retention.Prune(db, RetentionPolicy.Default, now);
        Rescorer.Rescore(db, ScoringRules.Default with { Options = new ScoringOptions { CategoryWeights = new Dictionary<Category, double>(ScoringOptions.DefaultCategoryWeights) { [Category.Ci] = 2 } } });
        return db;
    }

    [Fact]
    public void An_export_imported_into_an_empty_database_exports_the_same_again()
    {
        using var original = FullHistory("original.db");
        var exported = HistoryExport.Export(original);
        using var copy = HistoryDatabase.Open(_temp.File("copy.db"));

        var summary = HistoryExport.Import(copy, exported);

        Assert.Equal((1, 3, 0, 1), (summary.Repositories, summary.RunsAdded, summary.RunsAlreadyThere, summary.UserEventsAdded));
        Assert.Equal(exported, HistoryExport.Export(copy));
        Assert.Contains("\"prunedAt\": \"", exported);
        Assert.Contains("\"label\": \"v1.0\"", exported);
        Assert.Contains("\"source\": \"user\"", exported);
    }

    [Fact]
    public void Importing_the_same_export_twice_adds_nothing_the_second_time()
    {
        using var original = FullHistory("original.db");
        var exported = HistoryExport.Export(original);
        using var copy = HistoryDatabase.Open(_temp.File("copy.db"));
        HistoryExport.Import(copy, exported);

        var again = HistoryExport.Import(copy, exported);

        Assert.Equal((0, 3, 0), (again.RunsAdded, again.RunsAlreadyThere, again.UserEventsAdded));
        Assert.Equal(exported, HistoryExport.Export(copy));
    }

    [Fact]
    public void A_file_that_is_not_an_export_is_refused_with_a_clear_error()
    {
        using var db = HistoryDatabase.Open(_temp.File("h.db"));

        Assert.Contains("not an InfraTrend history export", Assert.Throws<HistoryInputException>(() => HistoryExport.Import(db, "{\"runs\": []}")).Message);
        Assert.Contains("not an InfraTrend history export", Assert.Throws<HistoryInputException>(() => HistoryExport.Import(db, "name,score\nshop,70\n")).Message);
    }
}
