using Dapper;
using InfraTrend.History;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static RetentionCandidate Run(int id, double daysAgo, string branch = "main", bool marked = false) =>
        new(id, id, branch, Now.AddDays(-daysAgo), $"c{id}", marked);

    private static IReadOnlyList<int> Pruned(params RetentionCandidate[] runs) =>
        Retention.RunsToPrune(runs, RetentionPolicy.Default, Now).Select(r => r.Number).ToList();

    [Fact]
    public void Every_run_of_the_last_day_is_kept() =>
        Assert.Empty(Pruned(Run(1, 0.9), Run(2, 0.5), Run(3, 0.1)));

    [Fact]
    public void After_a_day_the_latest_run_of_each_day_is_kept() =>
        Assert.Equal([1, 2], Pruned(Run(1, 10.3), Run(2, 10.2), Run(3, 10.1), Run(4, 11.1)));

    [Fact]
    public void After_a_month_the_latest_run_of_each_week_is_kept()
    {
        // 2026-04-13 is a Monday: days 63..60 ago fall in one ISO week.
        Assert.Equal([1, 2], Pruned(Run(1, 63), Run(2, 62), Run(3, 60)));
    }

    [Fact]
    public void After_a_year_the_latest_run_of_each_month_is_kept() =>
        Assert.Equal([1], Pruned(Run(1, 400), Run(2, 390), Run(3, 450)));

    [Fact]
    public void Marked_runs_and_each_branch_are_kept_apart() =>
        Assert.Equal([2], Pruned(Run(1, 10.3, marked: true), Run(2, 10.2), Run(3, 10.1), Run(4, 10.2, branch: "feature")));

    [Fact]
    public void Pruning_leaves_a_marker_of_the_commit_and_never_loses_task_history()
    {
        using var temp = new TempFolder();
        using var repo = NodeRepository();
        using var db = HistoryDatabase.Open(temp.File("h.db"));
        var day = Now.AddDays(-10);
        var c1 = repo.Commit("init", day);
        repo.Write(".github/workflows/ci.yml", Workflow);
        var c2 = repo.Commit("add ci", day.AddHours(1));
        File.Delete(repo.PathOf(".github/workflows/ci.yml"));
        var c3 = repo.Commit("drop ci", day.AddHours(2));
        foreach (var commit in new[] { c1, c2, c3 })
            Record(db, repo, commit);
        var id = RepositoryId(db, repo);
        RunLabels.Mark(db, RunQueries.Run(db, id, "1").Id, "v1.0");
        var eventsBefore = TaskTracker.Events(db, id, CiPipeline, Now);

        var summary = Retention.Prune(db, RetentionPolicy.Default, Now);

        Assert.Equal([2], summary.Pruned.Select(r => r.Number));
        Assert.Equal([1, 3], RunQueries.Runs(db, id).Select(r => r.Number));
        Assert.Contains(c2, RunQueries.RecordedCommits(db, id));
        Assert.Contains("was pruned", Assert.Throws<HistoryInputException>(() => RunQueries.Run(db, id, "2")).Message);
        Assert.Equal(0, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM run_scores WHERE run_id = (SELECT id FROM runs WHERE number = 2)"));

        // Working the tasks out again from the runs that are left gives the same history.
        db.Connection.Execute("UPDATE repositories SET tasks_stale = 1");
        TaskTracker.EnsureCurrent(db, id);
        Assert.Equal(eventsBefore, TaskTracker.Events(db, id, CiPipeline, Now));
        Assert.Equal(["opened", "resolved", "reopened"], eventsBefore.Select(e => e.Kind));
        Assert.Equal("ok", IntegrityCheck(db.Path));
    }
}
