using System.Text.Json.Nodes;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class HistoryCliTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();
    private readonly string _db;

    public HistoryCliTests() => _db = _temp.File("h.db");

    public void Dispose()
    {
        _repo.Dispose();
        _temp.Dispose();
    }

    private CliRunner.Outcome Run(params string[] args) => Tool([.. args, "--db", _db]);

    /// <summary>Two recorded audits: without CI, then with it.</summary>
    private void TwoRuns()
    {
        _repo.Commit("init", Day0);
        Assert.Equal(0, Run("audit", _repo.Root, "--quiet").ExitCode);
        _repo.Write(".github/workflows/ci.yml", Workflow).Commit("add a CI workflow", Day0.AddDays(1));
        Assert.Equal(0, Run("audit", _repo.Root, "--quiet").ExitCode);
    }

    [Theory]
    [InlineData("history")]
    [InlineData("history mark")]
    [InlineData("history rescore")]
    [InlineData("history export")]
    [InlineData("history import")]
    [InlineData("history prune")]
    [InlineData("history repos")]
    [InlineData("history forget")]
    [InlineData("tasks")]
    [InlineData("tasks show")]
    [InlineData("tasks accept")]
    [InlineData("tasks defer")]
    [InlineData("tasks done")]
    [InlineData("show")]
    [InlineData("compare")]
    public void Every_history_command_explains_itself(string command)
    {
        var result = Tool([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Usage: infratrend {command}", result.Output);
        Assert.DoesNotContain("INFRATREND_TEST", result.Output);
    }

    [Fact]
    public void History_prints_a_table_and_json_with_the_runs_and_their_change()
    {
        TwoRuns();

        var table = Run("history", _repo.Root);
        var json = JsonNode.Parse(Run("history", _repo.Root, "--format", "json").Output)!;

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2 runs, scores as recorded", table.Output);
        var runs = json["runs"]!.AsArray();
        Assert.Equal([1, 2], runs.Select(r => r!["number"]!.GetValue<int>()));
        Assert.Null(runs[0]!["change"]);
        Assert.Equal(runs[1]!["overall"]!.GetValue<int>() - runs[0]!["overall"]!.GetValue<int>(), runs[1]!["change"]!["overall"]!.GetValue<int>());
        Assert.NotNull(runs[1]!["categories"]!["ci"]);
    }

    [Fact]
    public void History_can_show_only_the_latest_runs_each_with_its_change()
    {
        TwoRuns();

        var table = Run("history", _repo.Root, "--last", "1");
        var runs = JsonNode.Parse(Run("history", _repo.Root, "--last", "1", "--format", "json").Output)!["runs"]!.AsArray();

        Assert.Contains("the latest 1 of 2 runs", table.Output);
        Assert.Equal(2, runs.Single()!["number"]!.GetValue<int>());
        Assert.NotNull(runs.Single()!["change"]);
    }

    [Fact]
    public void History_without_a_database_says_nothing_is_recorded_yet()
    {
        var result = Run("history", _repo.Root);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No runs recorded", result.Output);
        Assert.False(File.Exists(_db));
    }

    [Fact]
    public void Tasks_json_gives_each_tasks_id_analyzer_priority_state_and_when_it_opened_and_closed()
    {
        TwoRuns();

        var open = JsonNode.Parse(Run("tasks", _repo.Root, "--format", "json").Output)!["tasks"]!.AsArray();
        var all = JsonNode.Parse(Run("tasks", _repo.Root, "--all", "--format", "json").Output)!["tasks"]!.AsArray();

        Assert.All(open, t => Assert.Equal("open", t!["state"]!.GetValue<string>()));
        var ci = all.Single(t => t!["id"]!.GetValue<string>() == CiPipeline)!;
        Assert.Equal(("ci.pipeline", "resolved"), (ci["analyzer"]!.GetValue<string>(), ci["state"]!.GetValue<string>()));
        Assert.Equal("high", ci["priority"]!.GetValue<string>());
        Assert.Equal(_repo.Git("rev-parse", "HEAD~1").Trim(), ci["opened"]!["commit"]!.GetValue<string>());
        Assert.Equal(_repo.Git("rev-parse", "HEAD").Trim(), ci["closed"]!["commit"]!.GetValue<string>());
    }

    [Fact]
    public void Task_decisions_need_their_reason_and_a_future_date()
    {
        _repo.Commit("init", Day0);
        Run("audit", _repo.Root, "--quiet");

        var noReason = Run("tasks", "accept", "ci.pipeline", _repo.Root);
        var past = Run("tasks", "defer", "ci.pipeline", _repo.Root, "--until", "2020-01-01");
        var accepted = Run("tasks", "accept", "ci.pipeline", _repo.Root, "--reason", "internal tool", "--until", "2999-01-01");

        Assert.Equal((1, "infratrend: tasks accept needs --reason"), (noReason.ExitCode, noReason.Error.Trim()));
        Assert.Equal(1, past.ExitCode);
        Assert.Contains("not in the future", past.Error);
        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains("accepted until 2999-01-01", accepted.Output);
        Assert.Contains("internal tool", Run("tasks", "show", "ci.pipeline", _repo.Root).Output);
    }

    [Fact]
    public void An_unknown_run_is_one_line_on_stderr_and_exit_1()
    {
        TwoRuns();

        var result = Run("show", "99", _repo.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("infratrend: no run 99 (see 'infratrend history')", result.Error.Trim());
    }

    [Fact]
    public void Show_reprints_a_run_in_each_report_format()
    {
        TwoRuns();

        Assert.Contains("Overall score", Run("show", "1", _repo.Root).Output);
        Assert.StartsWith("#", Run("show", "latest", _repo.Root, "--format", "md").Output);
        Assert.NotNull(JsonNode.Parse(Run("show", "previous", _repo.Root, "--format", "json").Output));
        Assert.Contains("<html", Run("show", "1", _repo.Root, "--format", "html").Output);
        Assert.Equal("2.1.0", JsonNode.Parse(Run("show", "1", _repo.Root, "--format", "sarif").Output)!["version"]!.GetValue<string>());
    }

    [Fact]
    public void Compare_explains_a_change_by_analyzer_evidence_file_and_commit_and_lists_tasks_closed()
    {
        TwoRuns();

        var result = Run("compare", _repo.Root);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ci.pipeline", result.Output);
        Assert.Contains("files: .github/workflows/ci.yml", result.Output);
        Assert.Contains("add a CI workflow", result.Output);
        Assert.Contains("Tasks closed", result.Output);
        Assert.Contains(CiPipeline, result.Output);
    }

    [Fact]
    public void A_marked_run_survives_pruning()
    {
        _repo.Commit("one", Day0);
        Run("audit", _repo.Root, "--quiet");
        _repo.Write("a.txt", "a").Commit("two", Day0.AddHours(1));
        Run("audit", _repo.Root, "--quiet");
        _repo.Write("b.txt", "b").Commit("three", Day0.AddHours(2));
        Run("audit", _repo.Root, "--quiet");

        Assert.Equal(0, Run("history", "mark", "1", _repo.Root, "--label", "v1.0").ExitCode);
        var prune = Run("history", "prune", _repo.Root);

        Assert.Contains("Pruned 1 run(s); 2 kept.", prune.Output);
        var runs = JsonNode.Parse(Run("history", _repo.Root, "--format", "json").Output)!["runs"]!.AsArray();
        Assert.Equal([(1, "v1.0"), (3, null)], runs.Select(r => (r!["number"]!.GetValue<int>(), r["label"]?.GetValue<string>())));
    }

    [Fact]
    public void Export_and_import_through_the_cli_carry_the_whole_history()
    {
        TwoRuns();
        var file = _temp.File("history.json");
        var copy = _temp.File("copy.db");

        Assert.Equal(0, Run("history", "export", file, _repo.Root).ExitCode);
        var imported = Tool("history", "import", file, _repo.Root, "--db", copy);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("Imported 2 run(s)", imported.Output);
        Assert.Equal(Run("history", "export", "-", _repo.Root).Output, Tool("history", "export", "-", _repo.Root, "--db", copy).Output);
        Assert.Equal(1, Tool("history", "import", _repo.PathOf("README.md"), "--db", copy).ExitCode);
    }

    [Fact]
    public void Repositories_of_a_shared_database_are_listed_and_forgotten()
    {
        TwoRuns();
        using var other = NodeRepository();
        other.Write("other.txt", "another project").Commit("init", Day0);
        Run("audit", other.Root, "--quiet");

        var repos = JsonNode.Parse(Run("history", "repos", "--format", "json").Output)!["repositories"]!.AsArray();
        var mine = repos.Single(r => r!["root"]!.GetValue<string>() == _repo.Root)!;
        var forget = Run("history", "forget", mine["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, repos.Count);
        Assert.Equal(0, forget.ExitCode);
        Assert.Contains("2 run(s)", forget.Output);
        Assert.Single(JsonNode.Parse(Run("history", "repos", "--format", "json").Output)!["repositories"]!.AsArray());
        Assert.Contains("No runs recorded", Run("history", _repo.Root).Output);
    }
}
