using System.Text;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Scanning;

public sealed class WorkingTreeSnapshotTests
{
    [Fact]
    public void With_git_lists_tracked_and_untracked_files_but_not_ignored_ones_sorted_ordinal()
    {
        using var repo = TestRepository.Create();
        repo.Write("old.log", "tracked before it was ignored").Write("README.md", "# r").Write("src/app.js", "1");
        repo.Commit("init");
        repo.Write(".gitignore", "*.log\ndist/\n")
            .Write("debug.log", "ignored")
            .Write("dist/out.js", "ignored")
            .Write("notes.txt", "untracked")
            .Write("B.md", "capital sorts first")
            .Write("a.md", "lower case sorts after");

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.True(snapshot.UsedGit);
        Assert.Equal([".gitignore", "B.md", "README.md", "a.md", "notes.txt", "old.log", "src/app.js"], Paths(snapshot));
        Assert.Equal("1", snapshot.ReadText("src/app.js"));
        Assert.Equal(1, snapshot.Find("src/app.js")!.Size);
    }

    [Fact]
    public void The_tools_own_folder_is_never_listed_even_when_committed()
    {
        using var repo = TestRepository.Create();
        repo.Write(".infratrend/config.json", "{}").Write("README.md", "# r");
        repo.Commit("init");
        repo.Write(".infratrend/history.db", "untracked").Write(".infratrend-not-the-tool.md", "kept");

        using var withGit = new WorkingTreeSnapshot(repo.Root);
        using var withoutGit = new WorkingTreeSnapshot(repo.Root, useGit: false);

        Assert.Equal([".infratrend-not-the-tool.md", "README.md"], Paths(withGit));
        Assert.Equal([".infratrend-not-the-tool.md", "README.md"], Paths(withoutGit));
        Assert.Null(withGit.ReadText(".infratrend/config.json"));
    }

    [Fact]
    public void A_tracked_file_deleted_from_the_tree_is_skipped_as_missing()
    {
        using var repo = TestRepository.Create();
        repo.Write("gone.txt", "x").Write("kept.txt", "y");
        repo.Commit("init");
        File.Delete(repo.PathOf("gone.txt"));

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.Equal(["kept.txt"], Paths(snapshot));
        Assert.Equal([new SkippedFile("gone.txt", SkipReason.Missing)], snapshot.Skipped);
    }

    [Fact]
    public void A_submodule_in_the_working_tree_is_skipped_and_counted()
    {
        using var library = TestRepository.Create();
        library.Write("lib.txt", "library");
        library.Commit("lib");
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r");
        repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.Root, "libs/one");
        repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.Root, "libs/two");
        repo.Commit("submodules");

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.Equal([".gitmodules", "README.md"], Paths(snapshot));
        Assert.Equal(2, snapshot.Skipped.Count(s => s.Reason == SkipReason.Submodule));
        Assert.DoesNotContain(snapshot.Files, f => f.Path.StartsWith("libs/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repository_reached_through_a_symlinked_parent_folder_is_still_listed_by_git()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Write(".gitignore", "*.log\n").Write("x.log", "ignored only by git rules");
        repo.Commit("init");
        var alias = Path.Combine(Path.GetTempPath(), "infratrend-tests", "alias-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateSymbolicLink(alias, Path.GetDirectoryName(repo.Root)!);
        try
        {
            using var snapshot = new WorkingTreeSnapshot(Path.Combine(alias, Path.GetFileName(repo.Root)));

            Assert.True(snapshot.UsedGit);
            Assert.Equal([".gitignore", "README.md"], Paths(snapshot));
            Assert.Equal("# r", snapshot.ReadText("README.md"));
        }
        finally
        {
            File.Delete(alias);
        }
    }

    [Fact]
    public void A_folder_inside_a_repository_is_not_listed_with_the_whole_repository()
    {
        // Only the audited root's files, never its parent repository's.
        using var repo = TestRepository.Create();
        repo.Write("top.txt", "t").Write("sub/inner.txt", "i");
        repo.Commit("init");

        using var snapshot = new WorkingTreeSnapshot(repo.PathOf("sub"));

        Assert.Equal(["inner.txt"], Paths(snapshot));
    }

    [Fact]
    public void A_prefiltered_read_gives_the_text_of_the_files_that_hold_a_literal_and_records_skips_as_a_whole_read_does()
    {
        using var repo = TestRepository.Create();
        repo.Write("accented.cs", "// café\n[Authorize(Roles = \"a\")]").Write("plain.cs", "// café, no literal").Write("kept.cs", "[Authorize]");
        File.WriteAllBytes(repo.PathOf("broken.cs"), [0xC3, .. "[Authorize"u8]); // a stray lead byte right before the literal
        File.WriteAllBytes(repo.PathOf("wide.cs"), [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes("[Authorize]")]);
        File.WriteAllBytes(repo.PathOf("binary.cs"), [.. "[Authorize"u8, 0, 1]);
        var (authorize, _) = Sets();
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        snapshot.ReadText("kept.cs");

        Assert.Equal("// café\n[Authorize(Roles = \"a\")]", snapshot.ReadTextOnceIfAny("accented.cs", authorize));
        Assert.Equal("\uFFFD[Authorize", snapshot.ReadTextOnceIfAny("broken.cs", authorize));
        Assert.Equal("[Authorize]", snapshot.ReadTextOnceIfAny("wide.cs", authorize));
        Assert.Equal("[Authorize]", snapshot.ReadTextOnceIfAny("kept.cs", authorize));
        Assert.Null(snapshot.ReadTextOnceIfAny("plain.cs", authorize));
        Assert.Null(snapshot.ReadTextOnceIfAny("binary.cs", authorize));
        Assert.Equal([new SkippedFile("binary.cs", SkipReason.Binary)], snapshot.Skipped);
    }

    [Fact]
    public void The_first_question_about_a_file_reads_it_once_for_every_literal_set_and_later_questions_are_answered_from_that_read()
    {
        using var repo = TestRepository.Create();
        repo.Write("a.cs", "[Authorize] // one\n").Write("b.cs", "nothing here\n").Write("notes.md", "[Authorize]\n");
        var (authorize, env) = Sets();
        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.True(snapshot.Holds("a.cs", authorize));
        Assert.False(snapshot.Holds("b.cs", env));
        // Changed after the first read: the verdicts are those of the bytes read then, for every set.
        repo.Write("a.cs", "[Authorize] Environment // one\n").Write("b.cs", "Environment here\n");

        Assert.False(snapshot.Holds("a.cs", env));
        Assert.Null(snapshot.ReadTextOnceIfAny("b.cs", env));
        Assert.False(snapshot.Holds("b.cs", authorize));
        // A set that is present still gives the text.
        Assert.StartsWith("[Authorize]", snapshot.ReadTextOnceIfAny("a.cs", authorize));
        // A file outside the set's extensions is not in its verdicts: the question is answered from its text.
        Assert.True(snapshot.Holds("notes.md", authorize));
        Assert.False(snapshot.Holds("b.cs", authorize));
    }

    [Fact]
    public void With_a_persistent_cache_an_unchanged_file_is_answered_without_reading_it_and_its_binary_skip_is_recorded_again()
    {
        using var repo = TestRepository.Create();
        repo.Write("a.cs", "[Authorize] // one\n").Write("b.cs", "nothing here\n");
        File.WriteAllBytes(repo.PathOf("c.bin"), [.. "Environment"u8, 0, 1]);
        var anHourAgo = DateTime.UtcNow.AddHours(-1);
        foreach (var path in new[] { "a.cs", "b.cs", "c.bin" })
            File.SetLastWriteTimeUtc(repo.PathOf(path), anHourAgo);
        repo.Commit("init");
        var (authorize, env) = Sets();
        var cache = Path.Combine(repo.Root, ".infratrend", "t.cache.db");
        var warnings = new List<string>();

        using (var store = DerivedValueStore.Open(cache, "", warnings.Add)!)
        using (var cold = new WorkingTreeSnapshot(repo.Root) { Store = store })
        {
            Assert.True(cold.Holds("a.cs", authorize));
            Assert.False(cold.Holds("b.cs", authorize));
            Assert.False(cold.Holds("c.bin", env));
            store.Flush();
        }
        // The same length and time as git's index recorded: the cache answers for the bytes it was worked out from.
        File.WriteAllText(repo.PathOf("b.cs"), "Environment!\n");
        File.SetLastWriteTimeUtc(repo.PathOf("b.cs"), anHourAgo);

        using (var store = DerivedValueStore.Open(cache, "", warnings.Add)!)
        using (var warm = new WorkingTreeSnapshot(repo.Root) { Store = store })
        {
            Assert.False(warm.Holds("b.cs", env));
            Assert.True(warm.Holds("a.cs", authorize));
            Assert.False(warm.Holds("c.bin", env));
            Assert.Equal([new SkippedFile("c.bin", SkipReason.Binary)], warm.Skipped);
            Assert.Equal(3, store.Statistics.Hits);
            Assert.Equal(0, store.Statistics.Misses);
        }
        Assert.Empty(warnings);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    // A catalogue of the tests' own: two sets.
    private static (LiteralSet Authorize, LiteralSet Environment) Sets()
    {
        var authorize = new LiteralSet("authorize", [".cs"], ["[Authorize"]);
        var environment = new LiteralSet("environment", [".cs", ".bin"], ["Environment"]);
        _ = new LiteralCatalogue([authorize, environment]);
        return (authorize, environment);
    }

    internal static string[] Paths(Snapshot snapshot) => snapshot.Files.Select(f => f.Path).ToArray();
}
