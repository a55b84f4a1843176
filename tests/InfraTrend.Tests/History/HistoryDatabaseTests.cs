using System.Text.RegularExpressions;
using Dapper;
using InfraTrend.History;
using Microsoft.Data.Sqlite;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.History;

public sealed class HistoryDatabaseTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<int> EarlierVersions()
    {
        var versions = new TheoryData<int>();
        for (var v = 1; v < HistorySchema.LatestVersion; v++)
            versions.Add(v);
        return versions;
    }

    [Fact]
    public void Every_earlier_schema_version_has_a_fixture()
    {
        Assert.Equal(Enumerable.Range(1, HistorySchema.LatestVersion - 1), SchemaFixtures.Schemas.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public void A_database_of_an_earlier_version_migrates_forward_keeping_its_runs_and_tasks(int version)
    {
        var path = _temp.File($"v{version}.db");
        CreateOldDatabase(path, version);

        using (var db = HistoryDatabase.Open(path))
        {
            Assert.Equal(HistorySchema.LatestVersion, db.Connection.ExecuteScalar<int>("PRAGMA user_version"));
            var repository = RunQueries.Repositories(db).Single();
            TaskTracker.EnsureCurrent(db, repository.Id);

            var run = RunQueries.Runs(db, repository.Id).Single();
            Assert.Equal((1, 20, "old-rules"), (run.Number, run.Overall, run.RecordedRuleset));
            var task = TaskTracker.List(db, repository.Id, Day0).Single();
            Assert.Equal((CiPipeline, TaskState.Open, 1), (task.Id, task.State, task.FirstSeen.Run));
            var reprinted = RecordedAudit.Load(db, run.Id);
            // The reprint scores the stored facts with today's rules (the operations taper included), not the recorded 20.
            Assert.Equal(17, reprinted.Evaluation.ScoreCard.Overall);
        }
        Assert.Equal(Schema(FreshDatabase()), Schema(path));
        Assert.Equal("ok", IntegrityCheck(path));
    }

    [Fact]
    public void A_new_database_is_in_wal_mode_and_marked_as_an_infratrend_history()
    {
        using var db = HistoryDatabase.Open(_temp.File("new.db"));

        Assert.Equal("wal", db.Connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(HistorySchema.ApplicationId, db.Connection.ExecuteScalar<int>("PRAGMA application_id"));
        Assert.Equal(HistorySchema.LatestVersion, db.Connection.ExecuteScalar<int>("PRAGMA user_version"));
        Assert.True(db.Connection.ExecuteScalar<int>("PRAGMA busy_timeout") >= 1000);
    }

    [Fact]
    public void A_database_from_a_newer_tool_is_refused_and_left_untouched()
    {
        var path = FreshDatabase();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            connection.Execute($"PRAGMA user_version = {HistorySchema.LatestVersion + 1}");
        }
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<HistoryException>(() => HistoryDatabase.Open(path));

        Assert.Contains("newer InfraTrend", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_refused_and_left_untouched()
    {
        var path = _temp.File("notes.db");
        File.WriteAllText(path, "these are my notes, not a database\n");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<HistoryException>(() => HistoryDatabase.Open(path));

        Assert.Contains("is not an SQLite database", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_corrupt_database_is_refused_and_left_untouched()
    {
        var path = CorruptDatabase(_temp);
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<HistoryException>(() => HistoryDatabase.Open(path));

        Assert.Contains("corrupt", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Another_applications_sqlite_database_is_refused_and_left_untouched()
    {
        var path = _temp.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            connection.Execute("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
        }
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<HistoryException>(() => HistoryDatabase.Open(path));

        Assert.Contains("not an InfraTrend history", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    /// <summary>A real history whose first page (the schema's b-tree) is overwritten: SQLite reports it malformed.</summary>
    internal static string CorruptDatabase(TempFolder temp)
    {
        var path = temp.File("corrupt.db");
        using (var db = HistoryDatabase.Open(path))
            db.Connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 100;
            stream.Write(Enumerable.Repeat((byte)0xA5, 3000).ToArray());
        }
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        return path;
    }

    private string FreshDatabase()
    {
        var path = _temp.File($"fresh-{Guid.NewGuid():N}.db");
        HistoryDatabase.Open(path).Dispose();
        return path;
    }

    private static void CreateOldDatabase(string path, int version)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        connection.Execute("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL");
        connection.Execute(SchemaFixtures.Schemas[version]);
        connection.Execute(SchemaFixtures.RunData);
        if (version >= 2)
            connection.Execute(SchemaFixtures.TaskData);
        connection.Execute($"PRAGMA application_id = {HistorySchema.ApplicationId}; PRAGMA user_version = {version}");
    }

    private static IReadOnlyList<string> Schema(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection.Query<(string Type, string Name, string? Sql)>("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .Select(r => $"{r.Type} {r.Name}: {Regex.Replace(r.Sql ?? "", @"\s+", " ")}")
            .ToList();
    }
}
