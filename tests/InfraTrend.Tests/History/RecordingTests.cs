using Dapper;
using InfraTrend.Auditing;
using InfraTrend.History;
using InfraTrend.Reports;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class RecordingTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();

    public RecordingTests() => _repo.Commit("init", Day0);

    public void Dispose()
    {
        _repo.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_recorded_run_prints_again_exactly_as_it_was_audited()
    {
        var audit = Auditor.Audit(_repo.Root);
        using var db = HistoryDatabase.Open(_temp.File("h.db"));

        var recorded = RunRecorder.Record(db, audit);
        var reprinted = RecordedAudit.Load(db, recorded.RunId);

        Assert.Equal(JsonReport.Render(audit), JsonReport.Render(reprinted));
        Assert.Equal(MarkdownReport.Render(audit), MarkdownReport.Render(reprinted));
    }

    [Fact]
    public void Audits_of_an_unchanged_state_share_one_copy_of_the_facts()
    {
        using var db = HistoryDatabase.Open(_temp.File("h.db"));

        Record(db, _repo);
        Record(db, _repo);

        Assert.Equal(2, Count(db, "SELECT count(*) FROM runs"));
        Assert.Equal(1, Count(db, "SELECT count(*) FROM facts"));
    }

    [Fact]
    public void Audit_records_by_default_next_to_the_repository_and_keeps_the_working_tree_clean()
    {
        var result = Tool("audit", _repo.Root);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Recorded as run 1", result.Output);
        Assert.Equal("*\n", File.ReadAllText(_repo.PathOf(".infratrend/.gitignore")));
        Assert.True(File.Exists(_repo.PathOf(".infratrend/history.db")));
        Assert.Equal("", _repo.Git("status", "--porcelain"));
        Assert.Equal(0, Tool("audit", _repo.Root).ExitCode);
        Assert.Equal("", _repo.Git("status", "--porcelain"));
    }

    [Fact]
    public void No_record_leaves_no_database_behind()
    {
        var result = Tool("audit", _repo.Root, "--no-record");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Recorded", result.Output);
        Assert.False(Directory.Exists(_repo.PathOf(".infratrend")));
    }

    [Fact]
    public void The_database_path_comes_from_the_environment_when_no_db_option_is_given()
    {
        var path = _temp.File("from-env.db");

        var result = RunCli(["audit", _repo.Root, "--quiet"], new Dictionary<string, string> { ["INFRATREND_DB"] = path });

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(path));
        Assert.False(Directory.Exists(_repo.PathOf(".infratrend")));
    }

    [Fact]
    public void Several_processes_recording_at_once_all_land()
    {
        var path = _temp.File("shared.db");
        const int writers = 4;

        var processes = Enumerable.Range(0, writers).Select(_ => StartCli(["audit", _repo.Root, "--db", path, "--quiet"])).ToList();
        var results = processes.Select(p =>
        {
            var error = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, Error: error.Result);
        }).ToList();

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        using var db = HistoryDatabase.Open(path);
        Assert.Equal(Enumerable.Range(1, writers), db.Connection.Query<int>("SELECT number FROM runs ORDER BY number"));
        Assert.Equal("ok", IntegrityCheck(path));
    }

    [Fact]
    public void A_process_killed_while_recording_leaves_no_partial_run()
    {
        var path = _temp.File("killed.db");
        Assert.Equal(0, RunCli(["audit", _repo.Root, "--db", path, "--quiet"]).ExitCode);

        // The hidden hook stops the recorder inside its transaction, after the run's rows are written.
        using var process = StartCli(["audit", _repo.Root, "--db", path, "--quiet"], new Dictionary<string, string> { ["INFRATREND_TEST_HOLD_RECORDING"] = "1" });
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null && !line.Contains("holding the recording transaction open"))
        {
        }
        Assert.NotNull(line);
        process.Kill(entireProcessTree: true);
        process.WaitForExit();

        Assert.Equal("ok", IntegrityCheck(path));
        using var db = HistoryDatabase.Open(path);
        Assert.Equal(1, Count(db, "SELECT count(*) FROM runs"));
        Assert.Equal(0, Count(db, "SELECT count(*) FROM findings WHERE run_id NOT IN (SELECT id FROM runs)"));
        Assert.Equal(1, Count(db, "SELECT count(*) FROM run_scores"));
    }

    [Fact]
    public void A_corrupt_database_still_gets_the_report_printed_then_exit_3_and_the_file_untouched()
    {
        var path = HistoryDatabaseTests.CorruptDatabase(_temp);
        var before = File.ReadAllBytes(path);

        var result = Tool("audit", _repo.Root, "--db", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Overall score", result.Output);
        Assert.Contains("the audit was not recorded", result.Error);
        Assert.Contains("corrupt", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_database_from_a_newer_tool_gets_the_report_printed_then_exit_3()
    {
        var path = _temp.File("newer.db");
        using (var db = HistoryDatabase.Open(path))
            db.Connection.Execute($"PRAGMA user_version = {HistorySchema.LatestVersion + 1}");

        var result = Tool("audit", _repo.Root, "--db", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Overall score", result.Output);
        Assert.Contains("newer InfraTrend", result.Error);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_read_only_database_still_gets_the_report_printed_then_exit_3()
    {
        // Root writes a read-only file anyway: the CLI runs as user nobody through setpriv (.ci/run installs it).
        var folder = _temp.File("readonly");
        var path = Path.Combine(folder, "history.db");
        Directory.CreateDirectory(folder);
        using (var db = HistoryDatabase.Open(path))
            RunRecorder.Record(db, Auditor.Audit(_repo.Root));
        // Readable, not writable, for user nobody: the folder and the files in it (root would write anyway).
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var file in Directory.GetFiles(folder))
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = File.ReadAllBytes(path);

        var result = CliRunner.RunProcess(asNobody: true, "audit", _repo.Root, "--db", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Overall score", result.Output);
        Assert.Contains("the audit was not recorded", result.Error);
        Assert.Equal(before, File.ReadAllBytes(path));
        using var check = HistoryDatabase.Open(path);
        Assert.Equal(1, Count(check, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public void A_repository_the_user_cannot_write_to_still_gets_its_report_then_exit_3()
    {
        // The repository belongs to root; as user nobody the default .infratrend folder cannot be created.
        var result = CliRunner.RunProcess(asNobody: true, "audit", _repo.Root);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Overall score", result.Output);
        Assert.Contains("the audit was not recorded: cannot create", result.Error);
        Assert.False(Directory.Exists(_repo.PathOf(".infratrend")));
    }
}
