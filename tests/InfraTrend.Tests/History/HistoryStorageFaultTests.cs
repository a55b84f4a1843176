using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Dapper;
using InfraTrend.History;
using InfraTrend.Tests.Support;
using Microsoft.Data.Sqlite;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

/// <summary>
/// A history that cannot be used is refused with one line and left byte for byte as it was, with no `-wal` or `-shm`
/// beside it: a real SQLite history corrupted in several ways, a real full disk (a small tmpfs), a read-only file.
/// </summary>
public sealed class HistoryStorageFaultTests : IClassFixture<HistoryStorageFaultTests.RecordedHistory>
{
    private readonly RecordedHistory _history;

    public HistoryStorageFaultTests(RecordedHistory history) => _history = history;

    /// <summary>A repository with two commits, both audited into one real history (so compare and show have runs).</summary>
    public sealed class RecordedHistory : IDisposable
    {
        public TestRepository Repo { get; }
        public TempFolder Temp { get; } = new();
        public string Database { get; }

        public RecordedHistory()
        {
            Repo = NodeRepository();
            Repo.Commit("init", Day0);
            Database = Temp.File("history.db");
            Assert.Equal(0, CliRunner.Run("audit", Repo.Root, "--db", Database, "--quiet").ExitCode);
            Repo.Write(".github/workflows/ci.yml", Workflow).Commit("ci", Day0.AddDays(1));
            Assert.Equal(0, CliRunner.Run("audit", Repo.Root, "--db", Database, "--quiet").ExitCode);
            Assert.False(File.Exists(Database + "-wal"));
        }

        public void Dispose()
        {
            Repo.Dispose();
            Temp.Dispose();
        }
    }

    public static TheoryData<string> Corruptions() => new() { "page 1 header", "b-tree page", "truncated", "garbage appended", "newer schema" };

    /// <summary>Every command that opens the history, as run against database <c>{0}</c>.</summary>
    private string[][] CommandsOpeningTheHistory(string db, string scratch) =>
    [
        ["audit", _history.Repo.Root, "--db", db, "--quiet"],
        ["history", _history.Repo.Root, "--db", db],
        ["tasks", _history.Repo.Root, "--db", db],
        ["trend", _history.Repo.Root, "--db", db, "--out-dir", scratch],
        ["compare", _history.Repo.Root, "--db", db],
        ["show", "latest", _history.Repo.Root, "--db", db],
        ["backfill", _history.Repo.Root, "--db", db, "--quiet"],
        ["history", "export", Path.Combine(scratch, "export.json"), _history.Repo.Root, "--db", db],
    ];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_history_is_refused_by_every_command_and_left_byte_for_byte_as_it_was(string corruption)
    {
        using var temp = new TempFolder();
        var db = temp.File("history.db");
        File.Copy(_history.Database, db);
        Corrupt(db, corruption);
        var before = Sha256(db);
        var scratch = Directory.CreateDirectory(temp.File("out")).FullName;

        foreach (var args in CommandsOpeningTheHistory(db, scratch))
        {
            var outcome = CliRunner.Run(args);

            var what = $"{corruption}: {string.Join(' ', args.Take(2))}";
            Assert.True(outcome.ExitCode == 3, $"{what}: exit {outcome.ExitCode}, stderr: {outcome.Error}");
            var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(corruption == "newer schema" ? "newer InfraTrend" : "corrupt", line);
            Assert.Contains("left untouched", line);
            Assert.Equal(before, Sha256(db));
            Assert.False(File.Exists(db + "-wal"), $"{what}: a -wal was left beside the database");
            Assert.False(File.Exists(db + "-shm"), $"{what}: a -shm was left beside the database");
        }
    }

    [Fact]
    public void The_healthy_history_the_corruptions_start_from_opens_and_stays_clean()
    {
        using var temp = new TempFolder();
        var db = temp.File("history.db");
        File.Copy(_history.Database, db);

        var outcome = CliRunner.Run("history", _history.Repo.Root, "--db", db);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.False(File.Exists(db + "-wal") || File.Exists(db + "-shm"));
    }

    private static void Corrupt(string path, string corruption)
    {
        var bytes = File.ReadAllBytes(path);
        var pageSize = (bytes[16] << 8) | bytes[17];
        switch (corruption)
        {
            case "page 1 header":
                // The schema table's b-tree header, just after the 100-byte file header.
                Array.Fill(bytes, (byte)0xA5, 100, 8);
                break;
            case "b-tree page":
                // The runs table's root page, well beyond page 1: only a check of every page finds it.
                var root = RootPage(path, "runs");
                Assert.True(root > 2);
                Array.Fill(bytes, (byte)0xA5, (int)(root - 1) * pageSize, 16);
                break;
            case "truncated":
                bytes = bytes[..(bytes.Length - pageSize * 2 - 100)];
                break;
            case "garbage appended":
                bytes = [.. bytes, .. Enumerable.Repeat((byte)'x', 5000)];
                break;
            case "newer schema":
                using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    connection.Open();
                    connection.Execute($"PRAGMA user_version = {HistorySchema.LatestVersion + 1}");
                }
                Assert.False(File.Exists(path + "-wal"));
                return;
        }
        File.WriteAllBytes(path, bytes);
    }

    private static long RootPage(string path, string table)
    {
        // Immutable: a plain read-only connection would itself leave a -wal and a -shm beside the file.
        using var connection = new SqliteConnection($"Data Source=file:{path}?immutable=1;Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<long>("SELECT rootpage FROM sqlite_master WHERE name = @table", new { table });
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [TmpfsFact]
    public void A_full_disk_says_so_in_one_line_and_leaves_nothing_beside_the_database()
    {
        using var disk = new SmallDisk(512 * 1024);
        var db = Path.Combine(disk.Path, "history.db");
        File.Copy(_history.Database, db);
        var before = Sha256(db);

        // Nearly full: too little room for SQLite's 32 KiB of shared memory. Then room for that but not for a run.
        foreach (var free in new[] { 8 * 1024, 96 * 1024 })
        {
            disk.FillLeaving(free);
            foreach (var args in new[] { new[] { "audit", _history.Repo.Root, "--db", db, "--quiet" }, ["history", _history.Repo.Root, "--db", db] })
            {
                var outcome = CliRunner.Run(args);

                var what = $"{args[0]} with {free / 1024} KiB free";
                Assert.Equal(before, Sha256(db));
                Assert.Equal(["fill", "history.db"], Directory.GetFiles(disk.Path).Select(Path.GetFileName).Order());
                if (args[0] == "history" && outcome.ExitCode == 0)
                    continue; // reading needs no room once the shared memory fits
                Assert.True(outcome.ExitCode == 3, $"{what}: exit {outcome.ExitCode}, stderr: {outcome.Error}");
                var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains("is full", line);
                Assert.DoesNotContain("disk I/O error", line);
                Assert.Equal(before, Sha256(db));
                Assert.Equal(["fill", "history.db"], Directory.GetFiles(disk.Path).Select(Path.GetFileName).Order());
            }
        }

        // A new history on a full disk: not even an empty database is left.
        disk.FillLeaving(8 * 1024);
        var fresh = Path.Combine(disk.Path, "new.db");
        var created = CliRunner.Run("audit", _history.Repo.Root, "--db", fresh, "--quiet");
        Assert.Equal(3, created.ExitCode);
        Assert.Contains("is full", Assert.Single(created.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(File.Exists(fresh) || File.Exists(fresh + "-wal") || File.Exists(fresh + "-shm"));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void A_read_only_history_file_in_a_writable_folder_says_so_and_leaves_nothing_beside_it()
    {
        using var temp = new TempFolder();
        File.SetUnixFileMode(temp.Path, (UnixFileMode)0b111_111_111);
        var db = temp.File("history.db");
        File.Copy(_history.Database, db);
        File.SetUnixFileMode(db, (UnixFileMode)0b100_100_100);
        var before = Sha256(db);

        foreach (var command in new[] { "audit", "history", "tasks" })
        {
            // Tests run as root, who writes a mode-444 file; the command runs with user nobody's file permissions.
            var outcome = Unprivileged.Run(() => CliRunner.Run(command, _history.Repo.Root, "--db", db, "--quiet"));

            Assert.True(outcome.ExitCode == 3, $"{command}: exit {outcome.ExitCode}, stderr: {outcome.Error}");
            var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("read-only", line);
            Assert.Equal(before, Sha256(db));
            Assert.False(File.Exists(db + "-wal") || File.Exists(db + "-shm"), $"{command}: -wal or -shm left beside a read-only database");
        }
    }

    /// <summary>
    /// A large history (about 40 MB of findings) opens, its check included, and stays as it was: the check reads, it
    /// never rewrites. How long opening takes is measured by the history benchmark (bench/InfraTrend.Bench), not here.
    /// </summary>
    [Fact]
    public void A_large_history_opens_with_its_check_and_is_left_as_it_was()
    {
        using var temp = new TempFolder();
        var db = temp.File("large.db");
        File.Copy(_history.Database, db);
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            // Bulk rows of a realistic size in the largest tables: about 40 MB.
            connection.Execute("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                INSERT INTO finding_texts (hash, message, fix, evidence) SELECT 'bulk' || i, hex(randomblob(600)), hex(randomblob(300)), hex(randomblob(200)) FROM n;
                PRAGMA wal_checkpoint(TRUNCATE);
                """);
        }
        Assert.True(new FileInfo(db).Length > 30_000_000);
        var before = Sha256(db);

        using (var opened = HistoryDatabase.Open(db))
            Assert.Equal(20000, opened.Connection.ExecuteScalar<long>("SELECT count(*) FROM finding_texts WHERE hash LIKE 'bulk%'"));

        Assert.Equal(before, Sha256(db));
    }

    /// <summary>
    /// A history caught mid-write by another process (here: cut short, then whole again, as a checkpoint leaves it) is
    /// checked a second time before it is called corrupt; one still cut on the second check is refused and left as it was.
    /// </summary>
    [Fact]
    public void A_history_that_looks_corrupt_only_for_a_moment_opens_and_one_that_stays_corrupt_is_refused()
    {
        using var temp = new TempFolder();
        var db = temp.File("busy.db");
        var whole = temp.File("whole.db");
        File.Copy(_history.Database, whole);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(db, bytes[..^1024]);
        try
        {
            HistoryDatabase.BeforeSecondCheck = () => File.Copy(whole, db, overwrite: true);
            using (var opened = HistoryDatabase.Open(db))
                Assert.True(opened.Connection.ExecuteScalar<long>("SELECT count(*) FROM runs") > 0);

            File.WriteAllBytes(db, bytes[..^1024]);
            HistoryDatabase.BeforeSecondCheck = null;
            var error = Assert.Throws<HistoryException>(() => HistoryDatabase.Open(db));
            Assert.Contains("is corrupt", error.Message);
            Assert.Equal(bytes[..^1024], File.ReadAllBytes(db));
        }
        finally
        {
            HistoryDatabase.BeforeSecondCheck = null;
        }
    }
}

/// <summary>A fact that needs a small tmpfs (a real full disk); skipped, with the reason, where mounting one is not permitted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (SmallDisk.Unavailable is { } why)
            Skip = why;
    }
}

/// <summary>A tmpfs of a fixed size, mounted for one test, with a file that fills it to a chosen free space.</summary>
public sealed class SmallDisk : IDisposable
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        if (!OperatingSystem.IsLinux())
            return "a tmpfs needs Linux";
        try
        {
            using var disk = new SmallDisk(64 * 1024);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    });

    public static string? Unavailable => Probe.Value;

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infratrend-tests", "disk-" + Guid.NewGuid().ToString("N")[..12]);

    public SmallDisk(int bytes)
    {
        Directory.CreateDirectory(Path);
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", Path);
        if (code != 0)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException($"mounting a tmpfs is not permitted here ({error.Trim()})");
        }
    }

    /// <summary>Resizes the fill file so that about <paramref name="free"/> bytes stay free.</summary>
    public void FillLeaving(int free)
    {
        var fill = System.IO.Path.Combine(Path, "fill");
        File.WriteAllBytes(fill, []);
        var available = new DriveInfo(Path).AvailableFreeSpace;
        using var stream = new FileStream(fill, FileMode.Open, FileAccess.Write);
        stream.Write(new byte[Math.Max(0, available - free)]);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args)
                info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
