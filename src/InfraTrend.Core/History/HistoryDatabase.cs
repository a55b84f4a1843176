using System.Data;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>
/// An open history database: SQLite in WAL mode with a busy timeout, migrated forward to
/// <see cref="HistorySchema.LatestVersion"/>. A file that is not an InfraTrend history, is corrupt, or
/// comes from a newer tool is refused before anything is written to it.
/// </summary>
public sealed class HistoryDatabase : IDisposable
{
    /// <summary>How long a writer waits for another process's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    static HistoryDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private HistoryDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    public string Path { get; }

    public SqliteConnection Connection { get; }

    /// <summary>Opens (creating it when missing) and migrates the database at <paramref name="path"/>.</summary>
    public static HistoryDatabase Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var isNew = !File.Exists(full) || new FileInfo(full).Length == 0;
        if (!isNew)
            CheckHeader(full);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException($"cannot create the folder of {full}: {e.Message}", e);
        }

        var connection = new SqliteConnection(ConnectionString(full, SqliteOpenMode.ReadWriteCreate));
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            // Reads only, before anything could write: a file that is not ours, is corrupt or is newer stays as it was.
            if (!isNew)
                CheckContents(connection, full);
            // Only takes effect before the first table exists; lets `history prune` give pages back.
            connection.Execute("PRAGMA auto_vacuum = INCREMENTAL");
            var mode = connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new HistoryException($"history database {full} could not be switched to WAL mode (got '{mode}')");
            connection.Execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
            Migrate(connection, full);
            return new HistoryDatabase(full, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Explain(e, full);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Turns an SQLite error into one line a user can act on.</summary>
    public static HistoryException Explain(SqliteException e, string path) =>
        (e.SqliteErrorCode, e.SqliteExtendedErrorCode & 0xff) switch
        {
            (26, _) => new HistoryException($"{path} is not an SQLite database; it was left untouched (choose another --db)", e),
            (11, _) => new HistoryException($"history database {path} is corrupt; it was left untouched (restore it or choose another --db)", e),
            (8, _) => new HistoryException($"history database {path} is read-only: {e.Message.TrimEnd('.')}", e),
            (14, _) => new HistoryException($"history database {path} cannot be opened: {e.Message.TrimEnd('.')}", e),
            (5, _) or (6, _) => new HistoryException($"history database {path} stayed locked by another process for {BusyTimeout.TotalSeconds:0} s", e),
            _ => new HistoryException($"history database {path}: {e.Message.TrimEnd('.')}", e),
        };

    /// <summary>An existing file must start as every SQLite database does; read as plain bytes, before SQLite opens it.</summary>
    private static void CheckHeader(string path)
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException($"history database {path} cannot be read: {e.Message}", e);
        }
        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
            throw new HistoryException($"{path} is not an SQLite database; it was left untouched (choose another --db)");
    }

    /// <summary>
    /// An existing database must be an InfraTrend history of a schema this tool knows. Read through the connection that
    /// will write (a separate read-only one can fail while another process is setting WAL up), and reading writes nothing.
    /// </summary>
    private static void CheckContents(SqliteConnection connection, string path)
    {
        var applicationId = connection.ExecuteScalar<long>("PRAGMA application_id");
        var version = connection.ExecuteScalar<long>("PRAGMA user_version");
        var tables = connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master");
        if (applicationId != HistorySchema.ApplicationId && (applicationId != 0 || tables > 0))
            throw new HistoryException($"{path} is an SQLite database but not an InfraTrend history; it was left untouched (choose another --db)");
        if (version > HistorySchema.LatestVersion)
            throw new HistoryException(
                $"history database {path} was written by a newer InfraTrend (schema {version}, this tool knows up to {HistorySchema.LatestVersion}); it was left untouched (update the tool)");
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        if (connection.ExecuteScalar<long>("PRAGMA user_version") == HistorySchema.LatestVersion)
            return;
        // IMMEDIATE: two processes creating the same database wait for each other instead of both migrating.
        using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
        var version = (int)connection.ExecuteScalar<long>("PRAGMA user_version", transaction: transaction);
        if (version > HistorySchema.LatestVersion)
            throw new HistoryException($"history database {path} was written by a newer InfraTrend (schema {version}, this tool knows up to {HistorySchema.LatestVersion})");
        for (var step = version; step < HistorySchema.LatestVersion; step++)
            connection.Execute(HistorySchema.Migrations[step], transaction: transaction);
        connection.Execute($"PRAGMA application_id = {HistorySchema.ApplicationId}; PRAGMA user_version = {HistorySchema.LatestVersion}", transaction: transaction);
        transaction.Commit();
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            // Each process opens one connection; a pool would keep the file open after Dispose.
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();

    public SqliteTransaction BeginWrite() => Connection.BeginTransaction(IsolationLevel.Serializable);

    public void Dispose() => Connection.Dispose();
}
