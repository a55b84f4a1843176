using System.Text.Json.Nodes;
using InfraTrend.History;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class TaskTrackerTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();
    private readonly HistoryDatabase _db;

    public TaskTrackerTests() => _db = HistoryDatabase.Open(_temp.File("h.db"));

    public void Dispose()
    {
        _db.Dispose();
        _repo.Dispose();
        _temp.Dispose();
    }

    private string AddCi(int day)
    {
        _repo.Write(".github/workflows/ci.yml", Workflow);
        return _repo.Commit("add ci", Day0.AddDays(day));
    }

    private string RemoveCi(int day)
    {
        File.Delete(_repo.PathOf(".github/workflows/ci.yml"));
        return _repo.Commit("remove ci", Day0.AddDays(day));
    }

    private string Touch(int day)
    {
        _repo.Write("README.md", $"# Shop\n\nChanged on day {day}.\n");
        return _repo.Commit("docs", Day0.AddDays(day));
    }

    private IReadOnlyList<string> EventKinds(string id) =>
        TaskTracker.Events(_db, RepositoryId(_db, _repo), id, Day0.AddYears(1)).Select(e => e.Kind).ToList();

    [Fact]
    public void A_failing_finding_opens_a_task_a_pass_resolves_it_and_a_regression_reopens_it()
    {
        var c1 = _repo.Commit("init", Day0);
        Record(_db, _repo);
        var opened = Task(_db, _repo, CiPipeline);
        Assert.Equal((TaskState.Open, c1, 1), (opened.State, opened.FirstSeen.Commit, opened.FirstSeen.Run));

        var c2 = AddCi(1);
        Record(_db, _repo);
        var resolved = Task(_db, _repo, CiPipeline);
        Assert.Equal((TaskState.Resolved, c2), (resolved.State, resolved.Closed?.Commit));

        var c3 = RemoveCi(2);
        Record(_db, _repo);
        var reopened = Task(_db, _repo, CiPipeline);
        Assert.Equal((TaskState.Reopened, c3, c1, c3), (reopened.State, reopened.Opened.Commit, reopened.FirstSeen.Commit, reopened.LastSeen.Commit));
        Assert.Null(reopened.Closed);
        Assert.Equal(["opened", "resolved", "reopened"], EventKinds(CiPipeline));
    }

    [Fact]
    public void An_accepted_risk_that_expires_is_open_again_with_an_event_saying_so()
    {
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        var repositoryId = RepositoryId(_db, _repo);
        TaskTracker.Accept(_db, repositoryId, "ci.pipe", "no CI budget this quarter", until: Day0.AddDays(5), at: Day0.AddHours(1));

        Assert.Equal(TaskState.Accepted, Task(_db, _repo, CiPipeline, now: Day0.AddDays(2)).State);
        Assert.Equal(TaskState.Open, Task(_db, _repo, CiPipeline, now: Day0.AddDays(6)).State);

        Touch(10);
        Record(_db, _repo);
        var task = Task(_db, _repo, CiPipeline, now: Day0.AddDays(11));
        Assert.Equal(TaskState.Open, task.State);
        var events = TaskTracker.Events(_db, repositoryId, CiPipeline, Day0.AddDays(11));
        Assert.Equal(["opened", "accepted", "acceptance-expired"], events.Select(e => e.Kind));
        Assert.Equal(("no CI budget this quarter", "user"), (events[1].Reason, events[1].Source));
        Assert.Equal(Day0.AddDays(5), events[2].At);
    }

    [Fact]
    public void An_acceptance_without_a_date_holds_while_the_finding_fails_and_a_pass_resolves_the_task()
    {
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        TaskTracker.Accept(_db, RepositoryId(_db, _repo), CiPipeline, "internal tool", until: null, at: Day0.AddHours(1));

        Touch(1);
        Record(_db, _repo);
        Assert.Equal(TaskState.Accepted, Task(_db, _repo, CiPipeline).State);

        AddCi(2);
        Record(_db, _repo);
        Assert.Equal(TaskState.Resolved, Task(_db, _repo, CiPipeline).State);
    }

    [Fact]
    public void A_deferred_task_is_open_again_once_its_date_has_passed()
    {
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        TaskTracker.Defer(_db, RepositoryId(_db, _repo), CiPipeline, until: Day0.AddDays(3), reason: "after the migration", at: Day0.AddHours(1));

        Touch(1);
        Record(_db, _repo);
        var deferred = Task(_db, _repo, CiPipeline, now: Day0.AddDays(2));
        Assert.Equal((TaskState.Deferred, Day0.AddDays(3)), (deferred.State, deferred.Until));

        Touch(4);
        Record(_db, _repo);
        Assert.Equal(TaskState.Open, Task(_db, _repo, CiPipeline).State);
        Assert.Equal(["opened", "deferred", "deferral-ended"], EventKinds(CiPipeline));
    }

    [Fact]
    public void A_task_marked_done_by_hand_is_reopened_by_a_later_failing_audit()
    {
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        TaskTracker.MarkDone(_db, RepositoryId(_db, _repo), CiPipeline, "CI runs in our Jenkins", at: Day0.AddHours(1));
        var done = Task(_db, _repo, CiPipeline);
        Assert.Equal((TaskState.Done, Day0.AddHours(1), "CI runs in our Jenkins"), (done.State, done.Closed?.At, done.Reason));

        var c2 = Touch(1);
        Record(_db, _repo);

        var task = Task(_db, _repo, CiPipeline);
        Assert.Equal((TaskState.Reopened, c2), (task.State, task.Opened.Commit));
        var reopened = TaskTracker.Events(_db, RepositoryId(_db, _repo), CiPipeline, Day0.AddDays(2)).Last();
        Assert.Equal(("reopened", "fails again after it was marked done"), (reopened.Kind, reopened.Reason));
    }

    [Fact]
    public void A_finding_no_longer_reported_resolves_its_task_with_an_event_that_says_so()
    {
        _repo.Write("api/Dockerfile", "FROM node:20\nCMD [\"node\", \"index.js\"]\n").Write("worker/Dockerfile", "FROM node:20\nCMD [\"node\", \"worker.js\"]\n");
        _repo.Commit("containers", Day0);
        Record(_db, _repo);
        var worker = TaskTracker.List(_db, RepositoryId(_db, _repo), Day0).Single(t => t.AnalyzerId == "deployment.dockerfile-non-root" && t.Subject == "worker/Dockerfile");

        File.Delete(_repo.PathOf("worker/Dockerfile"));
        _repo.Commit("drop the worker", Day0.AddDays(1));
        Record(_db, _repo);

        Assert.Equal(TaskState.Resolved, Task(_db, _repo, worker.Id).State);
        Assert.StartsWith("no longer reported", TaskTracker.Events(_db, RepositoryId(_db, _repo), worker.Id, Day0.AddDays(2)).Last().Reason);
        Assert.Equal(TaskState.Open, TaskTracker.List(_db, RepositoryId(_db, _repo), Day0).Single(t => t.Id == worker.Id.Replace("worker/", "api/")).State);
    }

    [Fact]
    public void A_task_is_named_by_any_unique_prefix_of_its_fingerprint()
    {
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        var repositoryId = RepositoryId(_db, _repo);

        Assert.Equal(CiPipeline, TaskTracker.Resolve(_db, repositoryId, "ci.pipel"));
        Assert.Contains("matches", Assert.Throws<HistoryInputException>(() => TaskTracker.Resolve(_db, repositoryId, "ci.")).Message);
        Assert.Contains("no task matches", Assert.Throws<HistoryInputException>(() => TaskTracker.Resolve(_db, repositoryId, "nope")).Message);
    }

    [Fact]
    public void A_closed_task_cannot_be_accepted()
    {
        _repo.Commit("init", Day0);
        Record(_db, _repo);
        AddCi(1);
        Record(_db, _repo);

        var error = Assert.Throws<HistoryInputException>(() => TaskTracker.Accept(_db, RepositoryId(_db, _repo), CiPipeline, "why", null, Day0.AddDays(2)));

        Assert.Contains("is resolved", error.Message);
    }

    [Fact]
    public void Recording_runs_out_of_order_gives_the_same_task_states_and_events_as_in_order()
    {
        var c1 = _repo.Commit("init", Day0);
        var c2 = AddCi(1);
        var c3 = RemoveCi(2);
        var c4 = AddCi(3);
        var accepted = Day0.AddDays(2).AddHours(1);

        using var inOrder = HistoryDatabase.Open(_temp.File("in-order.db"));
        foreach (var commit in new[] { c1, c2, c3 })
            Record(inOrder, _repo, commit);
        TaskTracker.Accept(inOrder, RepositoryId(inOrder, _repo), CiPipeline, "tracked elsewhere", null, accepted);
        Record(inOrder, _repo, c4);

        using var backfilled = HistoryDatabase.Open(_temp.File("backfilled.db"));
        foreach (var commit in new[] { c3, c1 })
            Record(backfilled, _repo, commit);
        TaskTracker.Accept(backfilled, RepositoryId(backfilled, _repo), CiPipeline, "tracked elsewhere", null, accepted);
        foreach (var commit in new[] { c4, c2 })
            Record(backfilled, _repo, commit);

        Assert.Equal(TaskState.Resolved, Task(inOrder, _repo, CiPipeline).State);
        Assert.Equal(TaskHistory(inOrder), TaskHistory(backfilled));
        Assert.Contains("accepted", TaskHistory(inOrder));
    }

    /// <summary>Tasks and events as an export writes them, less the run numbers (which follow the recording order).</summary>
    private static string TaskHistory(HistoryDatabase db)
    {
        var repository = HistoryExport.Build(db)["repositories"]![0]!.AsObject();
        foreach (var task in repository["tasks"]!.AsArray().Select(t => t!.AsObject()))
        {
            task["firstSeen"]!.AsObject().Remove("run");
            task["lastSeen"]!.AsObject().Remove("run");
        }
        foreach (var e in repository["events"]!.AsArray().Select(e => e!.AsObject()))
        {
            e.Remove("run");
            e.Remove("uid");
        }
        return new JsonArray(repository["tasks"]!.DeepClone(), repository["events"]!.DeepClone()).ToJsonString();
    }
}
