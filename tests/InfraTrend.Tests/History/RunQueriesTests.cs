using InfraTrend.Auditing;
using InfraTrend.Charts;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class RunQueriesTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();
    private readonly HistoryDatabase _db;

    public RunQueriesTests() => _db = HistoryDatabase.Open(_temp.File("h.db"));

    public void Dispose()
    {
        _db.Dispose();
        _repo.Dispose();
        _temp.Dispose();
    }

    private string CommitWithCi(int day)
    {
        _repo.Write(".github/workflows/ci.yml", Workflow);
        return _repo.Commit("add ci", Day0.AddDays(day));
    }

    [Fact]
    public void History_lists_runs_in_commit_time_order_with_the_change_since_the_run_before()
    {
        var c1 = _repo.Commit("init", Day0);
        var c2 = CommitWithCi(1);
        Record(_db, _repo, c2);
        Record(_db, _repo, c1);

        var history = RunQueries.History(_db, RepositoryId(_db, _repo));

        Assert.Equal([(2, c1), (1, c2)], history.Select(e => (e.Run.Number, e.Run.Commit!)));
        Assert.Null(history[0].OverallChange);
        Assert.True(history[1].OverallChange > 0);
        Assert.Equal(history[1].Run.Overall - history[0].Run.Overall, history[1].OverallChange);
        Assert.True(history[1].Run.Categories[Category.Ci] > history[0].Run.Categories[Category.Ci]);
    }

    [Fact]
    public void A_run_is_named_by_number_latest_previous_or_commit_prefix()
    {
        var c1 = _repo.Commit("init", Day0);
        var c2 = CommitWithCi(1);
        Record(_db, _repo, c1);
        Record(_db, _repo, c2);
        var id = RepositoryId(_db, _repo);

        Assert.Equal(c1, RunQueries.Run(_db, id, "1").Commit);
        Assert.Equal(c2, RunQueries.Run(_db, id, "latest").Commit);
        Assert.Equal(c1, RunQueries.Run(_db, id, "previous").Commit);
        Assert.Equal(2, RunQueries.Run(_db, id, c2[..8]).Number);
        Assert.Throws<HistoryInputException>(() => RunQueries.Run(_db, id, "9"));
        Assert.Throws<HistoryInputException>(() => RunQueries.Run(_db, id, "yesterday"));
        Assert.Throws<HistoryInputException>(() => RunQueries.Run(_db, id, new string('9', 25)));
    }

    [Fact]
    public void A_commit_prefix_of_digits_only_names_its_run_when_no_run_has_that_number()
    {
        var c1 = _repo.Commit("init", Day0);
        Record(_db, _repo, c1);
        var id = RepositoryId(_db, _repo);
        // One commit in about 25 has eight leading decimal digits (07881113...): give the run such a SHA.
        var digits = "07881113" + c1[8..];
        Dapper.SqlMapper.Execute(_db.Connection, "UPDATE runs SET commit_sha = @digits", new { digits });

        Assert.Equal(1, RunQueries.Run(_db, id, "07881113").Number);
        Assert.Equal(1, RunQueries.Run(_db, id, "1").Number);
        Assert.Throws<HistoryInputException>(() => RunQueries.Run(_db, id, "0788"[..3]));
    }

    [Fact]
    public void A_trend_follows_one_category_of_one_part_under_the_recorded_or_a_later_ruleset()
    {
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        CommitWithCi(1);
        Record(_db, _repo);
        var id = RepositoryId(_db, _repo);

        var ci = RunQueries.Trend(_db, id, new TrendQuery(Category.Ci));
        var overall = RunQueries.Trend(_db, id, new TrendQuery());
        var rootPart = RunQueries.Trend(_db, id, new TrendQuery(Category.Monitoring, Part: "."));

        Assert.Equal(2, ci.Count);
        Assert.True(ci[1].Score > ci[0].Score);
        Assert.Equal(RunQueries.Runs(_db, id).Select(r => r.Overall), overall.Select(p => p.Score));
        Assert.Equal(2, rootPart.Count);
        Assert.Empty(RunQueries.Trend(_db, id, new TrendQuery(Category.Ci, Ruleset: "no-such-ruleset")));
    }

    [Fact]
    public void Recorded_runs_read_back_as_trend_points_draw_as_the_audits_did()
    {
        _repo.Commit("init", Day0);
        var first = Auditor.Audit(_repo.Root);
        RunRecorder.Record(_db, first);
        CommitWithCi(1);
        var second = Auditor.Audit(_repo.Root);
        RunRecorder.Record(_db, second);

        var points = HistoryTrend.Points(_db, RepositoryId(_db, _repo));

        Assert.Equal(
            [Describe(TrendPoints.FromAudit(first, 1)), Describe(TrendPoints.FromAudit(second, 2))],
            points.Select(Describe));
    }

    private static string Describe(InfraTrend.Model.TrendPoint p) =>
        string.Join(
            " ",
            p.At.ToUniversalTime().ToString("O"), p.RunNumber, p.Commit, p.Overall, p.MaturityLevel,
            string.Join(",", p.Categories.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")),
            string.Join(",", p.OpenTasksByPriority.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")),
            string.Join(",", p.Parts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")));

    [Fact]
    public void The_baseline_of_a_branch_is_its_latest_run_by_commit_time()
    {
        var c1 = _repo.Commit("init", Day0);
        Record(_db, _repo);
        _repo.Git("checkout", "-q", "-b", "feature");
        CommitWithCi(1);
        Record(_db, _repo);
        _repo.Git("checkout", "-q", "main");
        _repo.Write("a.txt", "a").Commit("not audited yet", Day0.AddDays(2));

        var baseline = RunQueries.FindBaseline(_db, RepositoryId(_db, _repo), RepositoryInfo.Read(_repo.Root));

        Assert.Equal((c1, "main"), (baseline!.Run.Commit, baseline.Run.Branch));
    }

    [Fact]
    public void On_a_detached_head_the_baseline_is_the_nearest_ancestor_commit_that_has_a_run()
    {
        var c1 = _repo.Commit("init", Day0);
        Record(_db, _repo);
        _repo.Write("a.txt", "a").Commit("no run for this one", Day0.AddDays(1));
        var c3 = _repo.Write("b.txt", "b").Commit("nor this one", Day0.AddDays(2));
        _repo.Git("checkout", "-q", "--detach", c3);

        var info = RepositoryInfo.Read(_repo.Root);
        var baseline = RunQueries.FindBaseline(_db, RepositoryId(_db, _repo), info);

        Assert.Null(info.Branch);
        Assert.Equal(c1, baseline!.Run.Commit);
        Assert.Contains("nearest ancestor", baseline.ChosenBy);
    }

    [Fact]
    public void A_regression_gate_without_a_baseline_passes_and_says_so()
    {
        _repo.Commit("init", Day0);

        var result = Tool("audit", _repo.Root, "--fail-on-regression", "--db", _temp.File("gate.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no baseline", result.Output);
    }

    [Fact]
    public void A_regression_gate_fails_with_exit_2_when_the_score_fell_against_the_baseline()
    {
        var db = _temp.File("gate.db");
        _repo.Commit("init", Day0);
        CommitWithCi(1);
        Assert.Equal(0, Tool("audit", _repo.Root, "--db", db, "--quiet").ExitCode);
        File.Delete(_repo.PathOf(".github/workflows/ci.yml"));
        _repo.Commit("drop ci", Day0.AddDays(2));

        var fell = Tool("audit", _repo.Root, "--fail-on-regression", "--db", db);
        _repo.Write("a.txt", "a").Commit("an unrelated file", Day0.AddDays(3));
        var steady = Tool("audit", _repo.Root, "--fail-on-regression", "--db", db);

        Assert.Equal(2, fell.ExitCode);
        Assert.Contains("regression against run 1", fell.Error);
        Assert.Contains("Recorded as run 2", fell.Output);
        // The next commit is compared with the run before it, the failing one: the fall is counted once.
        Assert.Equal(0, steady.ExitCode);
        Assert.Contains("no regression against run 2", steady.Output);
    }
}
