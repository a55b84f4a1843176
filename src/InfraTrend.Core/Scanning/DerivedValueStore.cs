using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
/// <summary>
/// What the persistent cache did for one audit, for --verbose: <paramref name="Reading"/> is opening it and reading its
/// values; <paramref name="Hashed"/> files were hashed (read bytes no id was known for) in <paramref name="Hashing"/>.
/// </summary>
public sealed record CacheStatistics(int Hits, int Misses, int Stored, int Evicted, TimeSpan Reading, int Hashed, TimeSpan Hashing, string Path);

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
    private readonly string _stamp;
    private readonly Lock _lock = new();
    private readonly long _maxBytes;
    private readonly Action<string> _warn;
    // Every value in the file, read in one query when it is opened and never changed afterwards: looked up from any
    // thread without a lock. What an audit works out is written when it ends and read by the next one.
    private readonly Dictionary<Key, Row> _rows;
    // Recency is kept to the day: a value used since this moment is not marked again, so an audit repeated within a day
    // of the last one writes nothing at all, and eviction still drops the values left unused the longest.
    private readonly long _freshSince;
    private readonly ConcurrentQueue<(Key Key, long Length, byte[] Value)> _pending = new();
    private readonly ConcurrentQueue<Key> _touched = new();
    private int _hits, _misses, _stored, _evicted, _hashed;
    private readonly long _readingTicks;
    private long _hashingTicks;
    private bool _broken, _damaged;

    private readonly record struct Key(string Oid, string Kind, int Version);

    private readonly record struct Row(long Length, byte[] Value, long Used);

    private DerivedValueStore(string path, SqliteConnection connection, string stamp, long maxBytes, Action<string> warn, Dictionary<Key, Row> rows, long readingTicks)
    {
        Path = path;
        _connection = connection;
        _stamp = stamp;
        _maxBytes = maxBytes;
        _warn = warn;
        _rows = rows;
        _readingTicks = readingTicks;
        _freshSince = DateTime.UtcNow.Ticks - TimeSpan.TicksPerDay;
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
    public static DerivedValueStore? Open(string path, string settings, Action<string> warn, long maxBytes = DefaultMaxBytes, Action<string>? unusable = null) =>
        Open(path, Task.FromResult(settings), warn, maxBytes, unusable);

    /// <summary>
    /// Like the Open above, for settings known later: the file is opened and its values read meanwhile (an audit starts
    /// this before it lists its files, and gives the settings once its configuration is read). A cancelled
    /// <paramref name="settings"/> closes it again (and throws).
    /// </summary>
    public static DerivedValueStore? Open(string path, Task<string> settings, Action<string> warn, long maxBytes = DefaultMaxBytes, Action<string>? unusable = null)
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

    private static DerivedValueStore OpenOrReset(string path, Task<string> settings, long maxBytes, Action<string> warn)
    {
        var clock = Stopwatch.GetTimestamp();
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
            // Read before the settings are known (the audit lists its files meanwhile), in one read transaction so the
            // values are those of the stamp read with them; only a file of this layout and this build is worth reading.
            string? found = null;
            var rows = new Dictionary<Key, Row>();
            using (var transaction = connection.BeginTransaction(deferred: true))
            {
                if (Scalar(connection, "PRAGMA application_id") == ApplicationId && Scalar(connection, "PRAGMA user_version") == Layout)
                {
                    found = Stamp(connection);
                    if (found?.StartsWith(Build + " ", StringComparison.Ordinal) == true)
                        rows = ReadAll(connection);
                }
                transaction.Commit();
            }
            var readingTicks = Stopwatch.GetTimestamp() - clock;
            var stamp = $"{Build} {settings.GetAwaiter().GetResult()}";
            if (found != stamp)
            {
                rows.Clear();
                Reset(connection, stamp);
            }
            return new DerivedValueStore(path, connection, stamp, maxBytes, warn, rows, readingTicks);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string? Stamp(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM meta WHERE key = 'stamp'";
        return read.ExecuteScalar() as string;
    }

    // Not this layout (new, or written by another version), or another build or other settings: made again, or emptied.
    private static void Reset(SqliteConnection connection, string stamp)
    {
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
        if (Scalar(connection, "PRAGMA application_id") != ApplicationId || Scalar(connection, "PRAGMA user_version") != Layout)
        {
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
        // Checked again under the write lock: another audit of the same build and settings may have stamped it meanwhile.
        if (Stamp(connection) != stamp)
        {
            Execute(connection, "DELETE FROM derived");
            using var write = connection.CreateCommand();
            write.CommandText = "INSERT OR REPLACE INTO meta (key, value) VALUES ('stamp', $stamp)";
            write.Parameters.AddWithValue("$stamp", stamp);
            write.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    // All of it, in one query: a repository's values are a few MB at most (0.7 MB for bitwarden/server's 7,451 files),
    // and reading them whole costs less than picking the ones this audit will ask for.
    private static Dictionary<Key, Row> ReadAll(SqliteConnection connection)
    {
        var rows = new Dictionary<Key, Row>();
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal); // each kind's name held once
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT oid, kind, version, length, value, used FROM derived";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var kind = reader.GetString(1);
            if (!kinds.TryGetValue(kind, out var held))
                kinds[kind] = held = kind;
            rows[new Key(reader.GetString(0), held, reader.GetInt32(2))] = new Row(reader.GetInt64(3), (byte[])reader.GetValue(4), reader.GetInt64(5));
        }
        return rows;
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
        var key = new Key(oid, kind.Name, kind.Version);
        if (!_rows.TryGetValue(key, out var row) || row.Length != length)
            return false;
        value = kind.Read(row.Value);
        if (row.Used < _freshSince)
            _touched.Enqueue(key);
        return true;
    }

    /// <summary>Keeps a value worked out from blob <paramref name="oid"/> of <paramref name="length"/> bytes (written when the audit ends).</summary>
    public void Put<T>(string oid, DerivedKind<T> kind, long length, T value)
    {
        _pending.Enqueue((new Key(oid, kind.Name, kind.Version), length, kind.Write(value)));
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

    /// <summary>Counts a file hashed to know its id, and the time it took.</summary>
    public void AddHashing(long stopwatchTicks)
    {
        Interlocked.Increment(ref _hashed);
        Interlocked.Add(ref _hashingTicks, stopwatchTicks);
    }

    /// <summary>So far: what is written and evicted is known once <see cref="Flush"/> has run.</summary>
    public CacheStatistics Statistics => new(_hits, _misses, _stored, _evicted,
        Stopwatch.GetElapsedTime(0, _readingTicks), _hashed, Stopwatch.GetElapsedTime(0, _hashingTicks), Path);

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

    /// <summary>
    /// Writes what this audit worked out and marks what it used (one statement each, in one transaction), then evicts the
    /// least recently used values over the cap. An audit that worked nothing out and used only fresh values writes nothing.
    /// </summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_broken || _pending.IsEmpty && _touched.IsEmpty)
                return;
            try
            {
                using var transaction = _connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
                // Emptied and stamped meanwhile by another build or other ignore settings: what this one has is not theirs.
                if (Stamp(_connection) != _stamp)
                    return;
                var now = DateTime.UtcNow.Ticks;
                // The rows go in as one JSON array (values in hex): one statement, however many there are.
                Write(transaction, now, """
                    INSERT OR REPLACE INTO derived (oid, kind, version, length, value, used)
                    SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, unhex(value ->> 4), $now FROM json_each($rows)
                    """, Drain(_pending, (json, row) =>
                    {
                        WriteKey(json, row.Key);
                        json.WriteNumberValue(row.Length);
                        json.WriteStringValue(Convert.ToHexString(row.Value));
                    }));
                Write(transaction, now, """
                    UPDATE derived SET used = $now
                    WHERE (oid, kind, version) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($rows))
                    """, Drain(_touched, WriteKey));
                Evict(transaction);
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                Break(e);
            }
        }
    }

    private static void WriteKey(Utf8JsonWriter json, Key key)
    {
        json.WriteStringValue(key.Oid);
        json.WriteStringValue(key.Kind);
        json.WriteNumberValue(key.Version);
    }

    // The queue's items as a JSON array of arrays, or null when it is empty.
    private static string? Drain<T>(ConcurrentQueue<T> queue, Action<Utf8JsonWriter, T> write)
    {
        if (queue.IsEmpty)
            return null;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            while (queue.TryDequeue(out var item))
            {
                json.WriteStartArray();
                write(json, item);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void Write(SqliteTransaction transaction, long now, string sql, string? rows)
    {
        if (rows is null)
            return;
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$rows", rows);
        command.ExecuteNonQuery();
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
