using System.Text;
using InfraTrend.Scanning;
using Microsoft.Data.Sqlite;

namespace InfraTrend.Tests.Scanning;

public sealed class DerivedValueStoreTests : IDisposable
{
    private static readonly DerivedKind<string> Upper = new("upper", 1, Encoding.UTF8.GetBytes, Encoding.UTF8.GetString);
    private static readonly DerivedKind<string> UpperNext = Upper with { Version = 2 };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "infratrend-tests", "store-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<string> _warnings = [];

    private string CachePath => Path.Combine(_folder, ".infratrend", "history.cache.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private DerivedValueStore Open(string settings = "", long maxBytes = DerivedValueStore.DefaultMaxBytes) =>
        DerivedValueStore.Open(CachePath, settings, _warnings.Add, maxBytes) ?? throw new InvalidOperationException(string.Join('\n', _warnings));

    private static string? Get(DerivedValueStore store, string oid, DerivedKind<string> kind, long length) =>
        store.TryGet(oid, kind, length, out var value) ? value : null;

    [Fact]
    public void A_value_written_by_one_audit_is_read_by_the_next_for_the_same_blob_kind_version_and_length()
    {
        using (var store = Open())
        {
            store.Put("aa", Upper, 3, "ABC");
            Assert.Null(Get(store, "aa", Upper, 3)); // written when the audit ends
        }
        using (var store = Open())
        {
            Assert.Equal("ABC", Get(store, "aa", Upper, 3));
            Assert.Null(Get(store, "aa", Upper, 4)); // a file of another length holds other bytes (a converted checkout)
            Assert.Null(Get(store, "aa", UpperNext, 3));
            Assert.Null(Get(store, "bb", Upper, 3));
        }
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Other_ignore_settings_or_another_build_or_layout_empty_it()
    {
        using (var store = Open("ignore: a"))
            store.Put("aa", Upper, 3, "ABC");
        using (var store = Open("ignore: a"))
            Assert.Equal("ABC", Get(store, "aa", Upper, 3));
        using (var store = Open("ignore: b"))
            Assert.Null(Get(store, "aa", Upper, 3));

        using (var store = Open())
            store.Put("aa", Upper, 3, "ABC");
        Write("UPDATE meta SET value = 'another-build ' WHERE key = 'stamp'");
        using (var store = Open())
            Assert.Null(Get(store, "aa", Upper, 3));

        using (var store = Open())
            store.Put("aa", Upper, 3, "ABC");
        Write("PRAGMA user_version = 99");
        using (var store = Open())
        {
            Assert.Null(Get(store, "aa", Upper, 3));
            store.Put("aa", Upper, 3, "ABC");
        }
        using (var store = Open())
            Assert.Equal("ABC", Get(store, "aa", Upper, 3));
        Assert.Empty(_warnings);
    }

    private void Write(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={CachePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Settings_given_while_it_opens_are_checked_and_a_cancelled_open_leaves_it_usable()
    {
        using (var store = Open("ignore: a"))
            store.Put("aa", Upper, 3, "ABC");

        var settings = new TaskCompletionSource<string>();
        var opening = Task.Run(() => DerivedValueStore.Open(CachePath, settings.Task, _warnings.Add));
        settings.SetResult("ignore: b");
        using (var store = await opening)
            Assert.Null(Get(store!, "aa", Upper, 3)); // read before the settings were known, and dropped: they differ

        Assert.Throws<TaskCanceledException>(() => DerivedValueStore.Open(CachePath, Task.FromCanceled<string>(new CancellationToken(true)), _warnings.Add));
        using (var store = Open("ignore: b"))
            store.Put("bb", Upper, 3, "BCD");
        using (var store = Open("ignore: b"))
            Assert.Equal("BCD", Get(store, "bb", Upper, 3));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_garbage_file_is_rebuilt_from_scratch_with_one_warning()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllBytes(CachePath, Encoding.ASCII.GetBytes(new string('x', 10_000)));

        using (var store = Open())
            store.Put("aa", Upper, 3, "ABC");
        using (var store = Open())
            Assert.Equal("ABC", Get(store, "aa", Upper, 3));

        Assert.Equal($"cache {CachePath} was unreadable (SQLite Error 26: 'file is not a database'); rebuilt from scratch", Assert.Single(_warnings));
    }

    [Fact]
    public void A_truncated_file_is_never_read_wrongly_and_works_again_by_the_next_audit()
    {
        using (var store = Open())
        {
            for (var i = 0; i < 2000; i++)
                store.Put($"{i:x40}", Upper, 100, new string('v', 100) + i);
        }
        using (var connection = new SqliteConnection($"Data Source={CachePath};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        using (var file = new FileStream(CachePath, FileMode.Open))
            file.SetLength(file.Length / 2);

        // Opened (the first pages are whole) or rebuilt at once: either way no lookup returns a wrong value.
        using (var store = Open())
        {
            for (var i = 0; i < 2000; i++)
            {
                if (Get(store, $"{i:x40}", Upper, 100) is { } value)
                    Assert.Equal(new string('v', 100) + i, value);
            }
        }
        Assert.Matches("^cache .* (is corrupt .*; audited without it, rebuilt by the next audit|was unreadable .*; rebuilt from scratch)$", Assert.Single(_warnings));

        using (var store = Open())
            store.Put("aa", Upper, 3, "ABC");
        using (var store = Open())
            Assert.Equal("ABC", Get(store, "aa", Upper, 3));
    }

    [Fact]
    public void Over_its_cap_the_least_recently_used_values_go_first()
    {
        var value = new string('v', 2000);
        using (var store = Open())
        {
            for (var i = 0; i < 100; i++)
                store.Put($"old{i}", Upper, 2000, value);
        }
        var cap = UsedBytes() * 6 / 5;
        Write($"UPDATE derived SET used = used - {TimeSpan.TicksPerDay * 2}"); // recency is kept to the day: these are two days old
        using (var store = Open(maxBytes: cap))
            Assert.NotNull(Get(store, "old0", Upper, 2000)); // used again: more recent than the other 99
        using (var store = Open(maxBytes: cap))
        {
            for (var i = 0; i < 60; i++)
                store.Put($"new{i}", Upper, 2000, value);
        }

        Assert.True(UsedBytes() <= cap);
        using (var store = Open(maxBytes: cap))
        {
            Assert.NotNull(Get(store, "old0", Upper, 2000));
            Assert.All(Enumerable.Range(0, 60), i => Assert.NotNull(Get(store, $"new{i}", Upper, 2000)));
            Assert.InRange(Enumerable.Range(1, 99).Count(i => Get(store, $"old{i}", Upper, 2000) is not null), 1, 60);
        }
    }

    [Fact]
    public void A_value_is_marked_used_at_most_once_a_day_so_an_audit_repeated_within_one_writes_nothing()
    {
        using (var store = Open())
        {
            store.Put("aa", Upper, 1, "A");
            store.Put("bb", Upper, 1, "B");
        }
        var twoDaysAgo = DateTime.UtcNow.Ticks - TimeSpan.TicksPerDay * 2;
        Write($"UPDATE derived SET used = {twoDaysAgo} WHERE oid = 'bb'");
        var written = Used();
        using (var store = Open())
            Assert.Equal("A", Get(store, "aa", Upper, 1));
        Assert.Equal(written, Used()); // used within the day: left as it was

        using (var store = Open())
        {
            Assert.Equal("A", Get(store, "aa", Upper, 1));
            Assert.Equal("B", Get(store, "bb", Upper, 1));
        }
        var after = Used();
        Assert.Equal(written["aa"], after["aa"]);
        Assert.True(after["bb"] > DateTime.UtcNow.AddMinutes(-1).Ticks, "a value last used two days ago is marked used now");
    }

    private Dictionary<string, long> Used()
    {
        using var connection = new SqliteConnection($"Data Source={CachePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT oid, used FROM derived";
        using var reader = command.ExecuteReader();
        var used = new Dictionary<string, long>();
        while (reader.Read())
            used[reader.GetString(0)] = reader.GetInt64(1);
        return used;
    }

    private long UsedBytes()
    {
        using var connection = new SqliteConnection($"Data Source={CachePath};Pooling=False");
        connection.Open();
        long Query(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
        return (Query("PRAGMA page_count") - Query("PRAGMA freelist_count")) * Query("PRAGMA page_size");
    }

    [Fact]
    public void Two_audits_writing_at_once_both_keep_their_values()
    {
        using (var first = Open())
        using (var second = Open())
        {
            first.Put("aa", Upper, 1, "A");
            second.Put("bb", Upper, 1, "B");
            Parallel.Invoke(first.Flush, second.Flush);
        }
        using var store = Open();
        Assert.Equal("A", Get(store, "aa", Upper, 1));
        Assert.Equal("B", Get(store, "bb", Upper, 1));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void It_lives_beside_the_history_database_never_inside_it()
    {
        Assert.Equal("/data/team.cache.db", DerivedValueStore.Beside("/data/team.db"));
        Assert.Equal("/repo/.infratrend/history.cache.db", DerivedValueStore.Beside("/repo/.infratrend/history.db"));
    }
}
