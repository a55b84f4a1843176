using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace InfraTrend.Scanning;

/// <summary>
/// A value worked out from a file's text alone (<see cref="Snapshot.FromText{T}(string, DerivedKind{T}, Func{string, T})"/>)
/// with the serializer that lets it outlive the audit. <paramref name="Name"/> names the computation (and what else it
/// depends on: a file's extension, say); <paramref name="Version"/> is raised whenever the computation or the layout of
/// its bytes changes. <paramref name="Read"/> of <paramref name="Write"/> must give back a value equal to the original.
/// </summary>
public sealed record DerivedKind<T>(string Name, int Version, Func<T, byte[]> Write, Func<byte[], T> Read);

/// <summary>What the persistent cache did for one audit, for --verbose.</summary>
public sealed record CacheStatistics(int Hits, int Misses, int Stored, int Evicted, TimeSpan Reading, TimeSpan Hashing, string Path);

/// <summary>
/// Values worked out from file contents, kept between audits in a local SQLite file and keyed by (blob id, kind, kind
/// version): an unchanged file is neither read nor worked on again. SQLite in WAL mode with a busy timeout, so concurrent
/// audits share the file safely; a size cap, least recently used values evicted first; a file that is not a cache of
/// this layout, or corrupt, is rebuilt from scratch with a one-line warning. Everything in it is dropped when the ignore
/// settings change or when the tool's code does (the build's module id is stamped in it), so a value is only ever read by
/// the code that wrote it. A failing cache never fails the audit: the values are worked out as without one.
/// </summary>
public sealed class DerivedValueStore : IDisposable
{
    /// <summary>The default cap: many times what a large repository needs (0.7 MB for bitwarden/server, 1.3 MB for novu).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private const long ApplicationId = 0x49544331; // "ITC1"
    private const long Layout = 1;
    private static readonly string Build = typeof(DerivedValueStore).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _get;
    private readonly Lock _lock = new();
    private readonly long _maxBytes;
    private readonly Action<string> _warn;
    private readonly ConcurrentQueue<(string Oid, string Kind, int Version, long Length, byte[] Value)> _pending = new();
    private readonly ConcurrentQueue<(string Oid, string Kind, int Version)> _used = new();
    private int _hits, _misses, _stored, _evicted;
    private long _readingTicks, _hashingTicks;
    private bool _broken, _damaged;

    private DerivedValueStore(string path, SqliteConnection connection, long maxBytes, Action<string> warn)
    {
        Path = path;
        _connection = connection;
        _maxBytes = maxBytes;
        _warn = warn;
        _get = connection.CreateCommand();
        _get.CommandText = "SELECT length, value FROM derived WHERE oid = $oid AND kind = $kind AND version = $version";
        _get.Parameters.Add("$oid", SqliteType.Text);
        _get.Parameters.Add("$kind", SqliteType.Text);
        _get.Parameters.Add("$version", SqliteType.Integer);
        _get.Prepare();
    }

    public string Path { get; }

    /// <summary>
    /// Where the cache lives: beside the history database (HISTORY.db -> HISTORY.cache.db; by default in the repository's
    /// .infratrend/), never inside it: the history may be shared, the cache is this machine's.
    /// </summary>
    public static string Beside(string historyDatabase) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(historyDatabase)!, System.IO.Path.GetFileNameWithoutExtension(historyDatabase) + ".cache.db");

    /// <summary>A fingerprint of the settings the cache is only good for (the ignore patterns): another one empties it.</summary>
    public static string Fingerprint(IEnumerable<string> settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', settings))));

    /// <summary>
    /// Opens (or creates) the cache; a corrupt one is rebuilt after a one-line <paramref name="warn"/>. Null when no usable
    /// file can be had there (a read-only checkout), said to <paramref name="unusable"/> (else to warn).
    /// </summary>
    public static DerivedValueStore? Open(string path, string settings, Action<string> warn, long maxBytes = DefaultMaxBytes, Action<string>? unusable = null)
    {
        var existed = File.Exists(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            try
            {
                return OpenOrReset(path, settings, maxBytes, warn);
            }
            catch (SqliteException e) when (IsDamage(e))
            {
                warn($"cache {path} was unreadable ({e.Message.TrimEnd('.')}); rebuilt from scratch");
                Delete(path);
                return OpenOrReset(path, settings, maxBytes, warn);
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            (unusable ?? warn)($"cache {path} cannot be used ({e.Message.TrimEnd('.')}); audited without it");
            // What this open began (a full disk, a read-only folder) is not left behind.
            if (!existed)
            {
                try
                {
                    Delete(path);
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                {
                }
            }
            return null;
        }
    }

    private static bool IsDamage(SqliteException e) => e.SqliteErrorCode is 11 or 26; // SQLITE_CORRUPT, SQLITE_NOTADB

    private static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            File.Delete(file);
    }

    private static DerivedValueStore OpenOrReset(string path, string settings, long maxBytes, Action<string> warn)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 10000");
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = NORMAL");
            using (var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable))
            {
                var stamp = $"{Build} {settings}";
                if (Scalar(connection, "PRAGMA application_id") != ApplicationId || Scalar(connection, "PRAGMA user_version") != Layout)
                {
                    // Not this layout (new, or written by another version): nothing in it is read, it is made again.
                    Execute(connection, "DROP TABLE IF EXISTS derived; DROP TABLE IF EXISTS meta");
                    Execute(connection, """
                        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                        CREATE TABLE derived (
                            oid TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL,
                            length INTEGER NOT NULL, value BLOB NOT NULL, used INTEGER NOT NULL,
                            PRIMARY KEY (oid, kind, version)) WITHOUT ROWID;
                        CREATE INDEX derived_used ON derived (used);
                        """);
                    Execute(connection, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {Layout}");
                }
                using var read = connection.CreateCommand();
                read.CommandText = "SELECT value FROM meta WHERE key = 'stamp'";
                if (read.ExecuteScalar() as string != stamp)
                {
                    Execute(connection, "DELETE FROM derived");
                    using var write = connection.CreateCommand();
                    write.CommandText = "INSERT OR REPLACE INTO meta (key, value) VALUES ('stamp', $stamp)";
                    write.Parameters.AddWithValue("$stamp", stamp);
                    write.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return new DerivedValueStore(path, connection, maxBytes, warn);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The value kept for blob <paramref name="oid"/> of <paramref name="length"/> bytes, or default (a miss).</summary>
    /// <remarks>
    /// The length is checked because a working-tree file is looked up by the blob id git's index gives it, and a file git
    /// converted on checkout (line ends, a filter) holds other bytes than that blob: practically always another length.
    /// </remarks>
    public bool TryGet<T>(string oid, DerivedKind<T> kind, long length, out T value)
    {
        value = default!;
        byte[]? bytes = null;
        var clock = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_broken)
                return false;
            try
            {
                _get.Parameters[0].Value = oid;
                _get.Parameters[1].Value = kind.Name;
                _get.Parameters[2].Value = kind.Version;
                using var reader = _get.ExecuteReader();
                if (reader.Read() && reader.GetInt64(0) == length)
                    bytes = (byte[])reader.GetValue(1);
            }
            catch (SqliteException e)
            {
                Break(e);
            }
        }
        Interlocked.Add(ref _readingTicks, Stopwatch.GetTimestamp() - clock);
        if (bytes is null)
            return false;
        value = kind.Read(bytes);
        _used.Enqueue((oid, kind.Name, kind.Version));
        return true;
    }

    /// <summary>Keeps a value worked out from blob <paramref name="oid"/> of <paramref name="length"/> bytes (written when the audit ends).</summary>
    public void Put<T>(string oid, DerivedKind<T> kind, long length, T value)
    {
        _pending.Enqueue((oid, kind.Name, kind.Version, length, kind.Write(value)));
        Interlocked.Increment(ref _stored);
    }

    /// <summary>Counts a value looked up, found or not (one per file and kind, however many lookups it took).</summary>
    public void Count(bool hit)
    {
        if (hit)
            Interlocked.Increment(ref _hits);
        else
            Interlocked.Increment(ref _misses);
    }

    /// <summary>Adds time spent hashing files to know their ids.</summary>
    public void AddHashing(long stopwatchTicks) => Interlocked.Add(ref _hashingTicks, stopwatchTicks);

    /// <summary>So far: what is written and evicted is known once <see cref="Flush"/> has run.</summary>
    public CacheStatistics Statistics => new(_hits, _misses, _stored, _evicted,
        Stopwatch.GetElapsedTime(0, _readingTicks), Stopwatch.GetElapsedTime(0, _hashingTicks), Path);

    private void Break(SqliteException e)
    {
        if (_broken)
            return;
        _broken = true;
        _damaged = IsDamage(e);
        _warn(_damaged
            ? $"cache {Path} is corrupt ({e.Message.TrimEnd('.')}); audited without it, rebuilt by the next audit"
            : $"cache {Path} failed ({e.Message.TrimEnd('.')}); audited without it");
    }

    /// <summary>Writes what this audit worked out and marks what it used, then evicts the least recently used values over the cap.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_broken)
                return;
            try
            {
                using var transaction = _connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
                var now = DateTime.UtcNow.Ticks;
                using (var put = _connection.CreateCommand())
                {
                    put.Transaction = transaction;
                    put.CommandText = "INSERT OR REPLACE INTO derived (oid, kind, version, length, value, used) VALUES ($oid, $kind, $version, $length, $value, $used)";
                    foreach (var name in new[] { "$oid", "$kind", "$version", "$length", "$value", "$used" })
                        put.Parameters.Add(new SqliteParameter { ParameterName = name });
                    while (_pending.TryDequeue(out var row))
                    {
                        (put.Parameters[0].Value, put.Parameters[1].Value, put.Parameters[2].Value) = (row.Oid, row.Kind, row.Version);
                        (put.Parameters[3].Value, put.Parameters[4].Value, put.Parameters[5].Value) = (row.Length, row.Value, now);
                        put.ExecuteNonQuery();
                    }
                }
                using (var touch = _connection.CreateCommand())
                {
                    touch.Transaction = transaction;
                    touch.CommandText = "UPDATE derived SET used = $used WHERE oid = $oid AND kind = $kind AND version = $version";
                    foreach (var name in new[] { "$used", "$oid", "$kind", "$version" })
                        touch.Parameters.Add(new SqliteParameter { ParameterName = name });
                    touch.Parameters[0].Value = now;
                    while (_used.TryDequeue(out var key))
                    {
                        (touch.Parameters[1].Value, touch.Parameters[2].Value, touch.Parameters[3].Value) = (key.Oid, key.Kind, key.Version);
                        touch.ExecuteNonQuery();
                    }
                }
                Evict(transaction);
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                Break(e);
            }
        }
    }

    // Pages in use (freed pages are reused, not given back): over the cap, the least recently used quarter and more goes.
    private void Evict(SqliteTransaction transaction)
    {
        long Query(string sql)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var used = (Query("PRAGMA page_count") - Query("PRAGMA freelist_count")) * Query("PRAGMA page_size");
        if (used <= _maxBytes)
            return;
        var rows = Query("SELECT count(*) FROM derived");
        var drop = Math.Max(1, (long)(rows * (1 - 0.75 * _maxBytes / used)));
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM derived WHERE (oid, kind, version) IN (SELECT oid, kind, version FROM derived ORDER BY used LIMIT $drop)";
        delete.Parameters.AddWithValue("$drop", drop);
        _evicted += delete.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Flush();
        _get.Dispose();
        _connection.Dispose();
        if (_damaged)
        {
            // Corrupt: the next audit starts from an empty file rather than meeting the damage again.
            try
            {
                Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
