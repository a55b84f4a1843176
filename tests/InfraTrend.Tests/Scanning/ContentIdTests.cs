using System.Text;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Scanning;

/// <summary>Blob ids of working-tree files: from git's index without reading where the file is as git recorded it, else hashed.</summary>
public sealed class ContentIdTests
{
    private static readonly DateTime AnHourAgo = DateTime.UtcNow.AddHours(-1);

    // Files written an hour ago: an index written now is later than each of them, so no entry is racily clean by accident.
    private static void Age(TestRepository repo, params string[] paths)
    {
        foreach (var path in paths)
            File.SetLastWriteTimeUtc(repo.PathOf(path), AnHourAgo);
    }

    private static string IndexId(TestRepository repo, string path) => repo.Git("ls-files", "--stage", "--", path).Split(' ')[1];

    private static string HashObject(TestRepository repo, string path) => repo.Git("hash-object", "--no-filters", "--", path).Trim();

    private static TestRepository Committed(params (string Path, string Content)[] files)
    {
        var repo = TestRepository.Create();
        foreach (var (path, content) in files)
            repo.Write(path, content);
        Age(repo, files.Select(f => f.Path).ToArray());
        repo.Commit("init");
        return repo;
    }

    [Fact]
    public void An_unchanged_tracked_file_is_known_from_the_index_and_the_id_is_the_one_git_computes()
    {
        using var repo = Committed(("src/app.ts", "export const a = 1;\n"), ("README.md", "# r\n"));

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.Equal(IndexId(repo, "src/app.ts"), snapshot.IndexedId("src/app.ts"));
        Assert.Equal(HashObject(repo, "src/app.ts"), snapshot.ContentId("src/app.ts"));
        Assert.Equal(GitBlob.Id("# r\n"u8), snapshot.ContentId("README.md"));
    }

    [Fact]
    public void Modified_untracked_and_deleted_files_are_read_to_be_known()
    {
        using var repo = Committed(("a.txt", "one\n"), ("b.txt", "two\n"), ("c.txt", "three\n"));
        repo.Write("a.txt", "one, longer now\n").Write("new.txt", "untracked\n");
        File.Delete(repo.PathOf("c.txt"));

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.Null(snapshot.IndexedId("a.txt"));
        Assert.Equal(HashObject(repo, "a.txt"), snapshot.ContentId("a.txt"));
        Assert.NotEqual(IndexId(repo, "a.txt"), snapshot.ContentId("a.txt"));
        Assert.Null(snapshot.IndexedId("new.txt"));
        Assert.Equal(HashObject(repo, "new.txt"), snapshot.ContentId("new.txt"));
        Assert.Null(snapshot.ContentId("c.txt"));
        Assert.Equal(IndexId(repo, "b.txt"), snapshot.IndexedId("b.txt"));
    }

    [Fact]
    public void Staged_and_renamed_files_are_known_by_their_new_index_entries()
    {
        using var repo = Committed(("a.txt", "one\n"), ("old.txt", "moved\n"));
        repo.Write("a.txt", "one, staged\n");
        Age(repo, "a.txt");
        repo.Git("add", "a.txt");
        repo.Git("mv", "old.txt", "new.txt");

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.Equal(HashObject(repo, "a.txt"), snapshot.IndexedId("a.txt"));
        Assert.Equal(HashObject(repo, "new.txt"), snapshot.IndexedId("new.txt"));
        Assert.False(snapshot.Exists("old.txt"));
    }

    [Fact]
    public void A_file_changed_behind_an_index_entry_with_the_same_size_and_time_is_caught_when_the_entry_is_racy()
    {
        using var repo = Committed(("a.txt", "before\n"));
        var recorded = IndexId(repo, "a.txt");
        // Same length, same time to the tick: only the index's own time can tell it changed.
        repo.Write("a.txt", "after!\n");
        Age(repo, "a.txt");

        using (var trusted = new WorkingTreeSnapshot(repo.Root))
            Assert.Equal(recorded, trusted.IndexedId("a.txt")); // as git status would: the entry is older than the index

        // The index written in the same tick as the file (racily clean): git would look at the bytes, and so does the snapshot.
        File.SetLastWriteTimeUtc(Path.Combine(repo.Root, ".git", "index"), AnHourAgo);
        using var racy = new WorkingTreeSnapshot(repo.Root);
        Assert.Null(racy.IndexedId("a.txt"));
        Assert.Equal(GitBlob.Id("after!\n"u8), racy.ContentId("a.txt"));
    }

    [Fact]
    public void A_file_a_read_finds_changed_since_it_was_listed_is_no_longer_known_by_its_index_id()
    {
        using var repo = Committed(("a.txt", "before\n"), ("b.txt", "still\n"));
        var cache = Path.Combine(Path.GetTempPath(), "infratrend-tests", "content-" + Guid.NewGuid().ToString("N")[..12] + ".cache.db");
        var warnings = new List<string>();
        try
        {
            using var store = DerivedValueStore.Open(cache, "", warnings.Add);
            using var snapshot = new WorkingTreeSnapshot(repo.Root) { Store = store };
            Assert.NotNull(snapshot.IndexedId("a.txt"));

            // Same length, a new time: the bytes read are not the blob the index names any more.
            repo.Write("a.txt", "after!\n");
            Assert.Equal("after!\n", snapshot.ReadText("a.txt"));
            Assert.Equal("still\n", snapshot.ReadText("b.txt"));

            Assert.Null(snapshot.IndexedId("a.txt"));
            Assert.Equal(GitBlob.Id("after!\n"u8), snapshot.ContentId("a.txt"));
            Assert.Equal(IndexId(repo, "b.txt"), snapshot.IndexedId("b.txt"));
            Assert.Equal(1, store!.Statistics.Hashed); // a.txt, read once; b.txt is vouched for by the index
            Assert.Empty(warnings);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(cache)!, Path.GetFileName(cache) + "*"))
                File.Delete(file);
        }
    }

    [Fact]
    public void A_file_git_converts_on_checkout_keeps_its_index_id_though_its_bytes_hash_differently()
    {
        using var repo = Committed((".gitattributes", "*.txt text eol=crlf\n"), ("a.txt", "one\ntwo\n"));
        File.Delete(repo.PathOf("a.txt"));
        repo.Git("checkout", "--", "a.txt");
        Age(repo, "a.txt");
        repo.Git("update-index", "--refresh");

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        // The index names the committed (LF) blob; the file holds CRLF, one byte per line longer: a value kept under
        // the blob's id is only taken for a file of the blob's length (DerivedValueStore).
        Assert.Equal("one\r\ntwo\r\n", File.ReadAllText(repo.PathOf("a.txt")));
        Assert.Equal(GitBlob.Id("one\ntwo\n"u8), snapshot.IndexedId("a.txt"));
        Assert.Equal(10, snapshot.Find("a.txt")!.Size);
    }

    [Fact]
    public void Paths_in_conflict_links_and_a_tree_without_git_are_read_to_be_known()
    {
        using var repo = Committed(("a.txt", "base\n"), ("target.txt", "t\n"));
        repo.Symlink("link.txt", "target.txt");
        repo.Commit("link");
        repo.Git("checkout", "-q", "-b", "other");
        repo.Write("a.txt", "theirs\n").Commit("theirs");
        repo.Git("checkout", "-q", "main");
        repo.Write("a.txt", "ours\n").Commit("ours");
        Assert.ThrowsAny<InvalidOperationException>(() => repo.Git("merge", "-q", "other"));

        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        using var withoutGit = new WorkingTreeSnapshot(repo.Root, useGit: false);

        Assert.Null(snapshot.IndexedId("a.txt"));
        Assert.Equal(GitBlob.Id(File.ReadAllBytes(repo.PathOf("a.txt"))), snapshot.ContentId("a.txt"));
        Assert.Null(snapshot.IndexedId("link.txt"));
        Assert.Equal(GitBlob.Id("t\n"u8), snapshot.ContentId("link.txt"));
        Assert.Null(withoutGit.IndexedId("target.txt"));
        Assert.Equal(GitBlob.Id("t\n"u8), withoutGit.ContentId("target.txt"));
    }

    [Fact]
    public void The_blob_id_is_gits_for_empty_and_binary_contents()
    {
        Assert.Equal("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", GitBlob.Id([]));
        using var repo = TestRepository.Create();
        var bytes = Encoding.Latin1.GetBytes("\0\x01\xff binary\r\n");
        repo.WriteBytes("b.bin", bytes);
        Assert.Equal(HashObject(repo, "b.bin"), GitBlob.Id(bytes));
    }
}
