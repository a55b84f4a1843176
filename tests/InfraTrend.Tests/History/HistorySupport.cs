using System.Diagnostics;
using InfraTrend.Auditing;
using InfraTrend.History;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.History;

/// <summary>A folder for a test's databases and exports, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infratrend-tests", "db-" + Guid.NewGuid().ToString("N")[..12]);

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Shortcuts the history tests share: commits at chosen times, audits recorded, the CLI in process or as a child process.</summary>
public static class HistorySupport
{
    public const string CiPipeline = "ci.pipeline|.|repository";

    /// <summary>A fixed day so commit times, ages and retention never depend on when the tests run.</summary>
    public static readonly DateTimeOffset Day0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public const string Workflow = "name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n";

    /// <summary>A small Node repository with a README and no CI: the ci.pipeline task is open.</summary>
    public static TestRepository NodeRepository()
    {
        var repo = TestRepository.Create();
        repo.Write("README.md", "# Shop\n\nAn online shop.\n")
            .Write("package.json", """{ "name": "shop", "scripts": { "test": "node --test" } }""")
            .Write("index.js", "console.log('hi');\n");
        return repo;
    }

    /// <summary>Audits the working tree (or a commit) and records it.</summary>
    public static RecordedRun Record(HistoryDatabase db, TestRepository repo, string? commit = null) =>
        RunRecorder.Record(db, Auditor.Audit(repo.Root, new AuditOptions { Ref = commit }));

    public static TrackedTask Task(HistoryDatabase db, TestRepository repo, string id, DateTimeOffset? now = null)
    {
        var repository = RunQueries.FindRepository(db, InfraTrend.Scanning.RepositoryInfo.Read(repo.Root))!;
        return TaskTracker.List(db, repository.Id, now ?? Day0.AddYears(1)).Single(t => t.Id == id);
    }

    public static long RepositoryId(HistoryDatabase db, TestRepository repo) =>
        RunQueries.FindRepository(db, InfraTrend.Scanning.RepositoryInfo.Read(repo.Root))!.Id;

    /// <summary>Runs the CLI in this process.</summary>
    public static CliRunner.Outcome Tool(params string[] args) => CliRunner.Run(args);

    /// <summary>Starts `dotnet infratrend.dll ARGS` as a child process, with INFRATREND_DB cleared unless given.</summary>
    public static Process StartCli(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliRunner.ToolDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove(HistoryLocation.EnvironmentVariable);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        return Process.Start(info)!;
    }

    public static CliRunner.Outcome RunCli(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = StartCli(args, environment);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRunner.Outcome(process.ExitCode, output, error.Result);
    }

    public static string IntegrityCheck(string databasePath)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    public static long Count(HistoryDatabase db, string sql)
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
