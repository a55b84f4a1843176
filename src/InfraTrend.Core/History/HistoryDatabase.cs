using System.Buffers.Binary;
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
        var existed = File.Exists(full);
        var isNew = !existed || new FileInfo(full).Length == 0;
        if (!isNew)
        {
            // Plain bytes, then a read-only SQLite connection that creates no file: only a database that passes both is
            // opened for writing, so a file that is not ours, is corrupt or is newer stays byte for byte as it was.
            try
            {
                CheckExisting(full);
            }
            catch (HistoryException e) when (e.Data.Contains(MayBeMidWrite))
            {
                // Another process creating, writing or checkpointing the same file can be caught mid-write (an immutable
                // read sees a torn page or a log that appeared meanwhile, the length is not yet what the header says): a
                // file is refused only when it fails twice, a moment apart.
                Thread.Sleep(250);
                BeforeSecondCheck?.Invoke();
                CheckExisting(full);
            }
        }
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException($"cannot create the folder of {full}: {e.Message}", e);
        }
        CheckFreeSpace(full);

        var leftovers = SidecarsAbsent(full);
        var connection = new SqliteConnection(ConnectionString(full, SqliteOpenMode.ReadWriteCreate));
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            // Lets `history prune` give pages back. Only for a new file: on an existing one it commits a write of page 1
            // (its change counter) even when the mode is already incremental, so merely reading a history changed it.
            if (isNew)
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
            RemoveLeftovers(full, leftovers, createdHere: !existed);
            throw Explain(e, full);
        }
        catch
        {
            connection.Dispose();
            RemoveLeftovers(full, leftovers, createdHere: !existed);
            throw;
        }
    }

    /// <summary>Marks a pre-check failure that another process's write in progress can cause, so the check is made again.</summary>
    private const string MayBeMidWrite = "infratrend.may-be-mid-write";

    /// <summary>For tests: runs between the two checks of a file that looked damaged (another process finishing its write).</summary>
    internal static Action? BeforeSecondCheck { get; set; }

    private static void CheckExisting(string path)
    {
        CheckHeader(path);
        CheckWritable(path);
        Inspect(path);
    }

    /// <summary>Turns an SQLite error into one line a user can act on.</summary>
    public static HistoryException Explain(SqliteException e, string path) =>
        (e.SqliteErrorCode, e.SqliteExtendedErrorCode & 0xff) switch
        {
            (26, _) => new HistoryException($"{path} is not an SQLite database; it was left untouched (choose another --db)", e),
            (11, _) => Marked(new HistoryException($"history database {path} is corrupt; it was left untouched (restore it or choose another --db)", e)),
            (8, _) => new HistoryException($"history database {path} is read-only: {e.Message.TrimEnd('.')}", e),
            (13, _) => DiskFull(path, e),
            (10, _) when FreeBytes(path) is < LowSpace => DiskFull(path, e),
            (14, _) => new HistoryException($"history database {path} cannot be opened: {e.Message.TrimEnd('.')}", e),
            (5, _) or (6, _) => new HistoryException($"history database {path} stayed locked by another process for {BusyTimeout.TotalSeconds:0} s", e),
            _ => new HistoryException($"history database {path}: {e.Message.TrimEnd('.')}", e),
        };

    /// <summary>Below this much free space a disk I/O error on the history is taken for a full disk (SQLite's shared memory alone takes 32 KiB).</summary>
    private const long LowSpace = 1024 * 1024;

    private static HistoryException DiskFull(string path, Exception? inner = null) =>
        new($"the disk holding history database {path} is full ({FreeText(path)} free); nothing was written (free some space or choose another --db)", inner);

    private static string FreeText(string path) =>
        FreeBytes(path) is { } free ? (free >= 1024 ? $"{free / 1024} KiB" : $"{free} bytes") : "no space";

    /// <summary>Free space for an unprivileged user on the file system holding <paramref name="path"/>, or null when it cannot be told.</summary>
    private static long? FreeBytes(string path)
    {
        try
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            return Directory.Exists(folder) ? new DriveInfo(folder).AvailableFreeSpace : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Refuses to start on a disk too full for SQLite's shared memory and a run: SQLite would fail with a bare
    /// "disk I/O error" and leave an empty `-wal` and a `-shm` behind.
    /// </summary>
    private static void CheckFreeSpace(string path)
    {
        if (FreeBytes(path) is < 64 * 1024)
            throw DiskFull(path);
    }

    /// <summary>An existing file the tool may not write (mode 444, say): said before SQLite opens it, which would leave `-wal` and `-shm` behind.</summary>
    private static void CheckWritable(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new HistoryException($"history database {path} is read-only (this user may not write the file); it was left untouched (make it writable or choose another --db)", e);
        }
        catch (IOException e)
        {
            throw new HistoryException($"history database {path} cannot be opened for writing: {e.Message}; it was left untouched", e);
        }
    }

    /// <summary>
    /// An existing file must start as every SQLite database does, and (with no write-ahead log beside it) be as long as its
    /// header says: read as plain bytes, before SQLite opens it. A cut file or one with bytes appended is corrupt.
    /// </summary>
    private static void CheckHeader(string path)
    {
        var header = new byte[100];
        int read;
        long length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException($"history database {path} cannot be read: {e.Message}", e);
        }
        if (read < SqliteHeader.Length || !header.AsSpan(0, SqliteHeader.Length).SequenceEqual(SqliteHeader))
            throw new HistoryException($"{path} is not an SQLite database; it was left untouched (choose another --db)");
        if (read < header.Length)
            throw Corrupt(path, "shorter than its header");
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) is var size && size == 1 ? 65536 : (int)size;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
            throw Corrupt(path, "its header names no valid page size");
        // The page count in the header is valid when its change counter matches "version-valid-for" (SQLite file format, 1.3).
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        if (pages == 0 || changeCounter != validFor || HasLog(path))
            return;
        var expected = (long)pages * pageSize;
        if (length < expected)
            throw Corrupt(path, $"cut short: {length} bytes where its header says {expected}");
        if (length > expected)
            throw Corrupt(path, $"{length - expected} bytes past the {expected} its header says");
    }

    private static HistoryException Corrupt(string path, string why, Exception? inner = null) =>
        Marked(new HistoryException($"history database {path} is corrupt ({why}); it was left untouched (restore it or choose another --db)", inner));

    private static HistoryException Marked(HistoryException e)
    {
        e.Data[MayBeMidWrite] = true;
        return e;
    }

    /// <summary>A non-empty write-ahead log: committed pages the database file does not hold yet (another process is writing, or one was killed).</summary>
    private static bool HasLog(string path) => new FileInfo(path + "-wal") is { Exists: true, Length: > 0 };

    /// <summary>
    /// An existing database must be an InfraTrend history of a schema this tool knows, and pass SQLite's quick check
    /// (every page's b-tree structure; not the indexes' content, which integrity_check would add at 5-10x the cost:
    /// 0.15 s against 1.1 s on a 120 MB file). With no write-ahead log the file is read as immutable: SQLite takes no
    /// lock and creates no `-shm` or `-wal`. With a log (another process is writing) it is read through the log, read-only.
    /// </summary>
    private static void Inspect(string path)
    {
        var immutable = !HasLog(path);
        try
        {
            InspectWith(path, immutable);
        }
        catch (HistoryException e) when (immutable)
        {
            // Another process may have written while the file was read as immutable (no lock): Open checks it again, and
            // then reads it through the log if one has appeared.
            throw Marked(e);
        }
    }

    private static void InspectWith(string path, bool immutable)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? "file:" + UriPath(path) + "?immutable=1" : path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        using var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            var applicationId = connection.ExecuteScalar<long>("PRAGMA application_id");
            var version = connection.ExecuteScalar<long>("PRAGMA user_version");
            var tables = connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master");
            if (applicationId != HistorySchema.ApplicationId && (applicationId != 0 || tables > 0))
                throw new HistoryException($"{path} is an SQLite database but not an InfraTrend history; it was left untouched (choose another --db)");
            if (version > HistorySchema.LatestVersion)
                throw new HistoryException(
                    $"history database {path} was written by a newer InfraTrend (schema {version}, this tool knows up to {HistorySchema.LatestVersion}); it was left untouched (update the tool)");
            var check = connection.Query<string>("PRAGMA quick_check(1)").FirstOrDefault();
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
                throw Corrupt(path, (check ?? "no answer").ReplaceLineEndings(" "));
        }
        catch (SqliteException e)
        {
            throw Explain(e, path);
        }
    }

    /// <summary>A path as the path part of an SQLite URI filename: '%', '?' and '#' escaped (and anything outside printable ASCII).</summary>
    private static string UriPath(string path)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(path.Replace('\\', '/')))
        {
            if (b is (byte)'%' or (byte)'?' or (byte)'#' or < 0x21 or > 0x7e)
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else
                text.Append((char)b);
        }
        return text.ToString();
    }

    /// <summary>An empty file, or a database whose schema version is still 0: the first migration never committed.</summary>
    private static bool NeverBecameAHistory(string path)
    {
        var header = new byte[100];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return read == 0 || (read == header.Length && BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(60)) == 0);
    }

    /// <summary>Which of `-wal` and `-shm` were absent before this process opened the database.</summary>
    private static (bool Wal, bool Shm) SidecarsAbsent(string path) => (!File.Exists(path + "-wal"), !File.Exists(path + "-shm"));

    /// <summary>
    /// After a failed open (a full disk, a read-only folder), removes what SQLite created and could not clean up: an
    /// empty `-wal` and its `-shm`, only when neither was there before, the log holds nothing, and no other process has
    /// the database open (it would hold a lock on it); a new database that failed to become one goes too when empty.
    /// </summary>
    private static void RemoveLeftovers(string path, (bool Wal, bool Shm) absent, bool createdHere)
    {
        try
        {
            if (!absent.Wal || !absent.Shm || HasLog(path) || SqliteLocks.HeldByAnotherProcess(path))
                return;
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
            if (createdHere && File.Exists(path) && NeverBecameAHistory(path))
                File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that brought us here is the one to report.
        }
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
