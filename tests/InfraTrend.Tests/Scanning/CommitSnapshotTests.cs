using System.Security.Cryptography;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Scanning.WorkingTreeSnapshotTests;

namespace InfraTrend.Tests.Scanning;

public sealed class CommitSnapshotTests
{
    [Fact]
    public void An_older_commit_is_read_from_git_objects_without_touching_the_working_tree()
    {
        using var repo = TestRepository.Create();
        repo.Write(".github/workflows/ci.yml", "v1").Write("README.md", "# r");
        var first = repo.Commit("first");
        repo.Git("tag", "v1.0");
        repo.Write(".github/workflows/ci.yml", "v2").Write("Dockerfile", "FROM scratch");
        repo.Commit("second");
        repo.Write(".github/workflows/ci.yml", "v3, not committed").Write("untracked.txt", "u");
        var statusBefore = repo.Git("status", "--porcelain");
        var indexBefore = SHA256.HashData(File.ReadAllBytes(repo.PathOf(".git/index")));

        using (var snapshot = new CommitSnapshot(repo.Root, "v1.0"))
        {
            Assert.Equal(first, snapshot.Commit);
            Assert.Equal([".github/workflows/ci.yml", "README.md"], Paths(snapshot));
            Assert.Equal("v1", snapshot.ReadText(".github/workflows/ci.yml"));
            Assert.Equal("# r", snapshot.ReadText("README.md"));
            Assert.Null(snapshot.ReadText("Dockerfile"));
        }

        Assert.Equal(indexBefore, SHA256.HashData(File.ReadAllBytes(repo.PathOf(".git/index"))));
        Assert.Equal(statusBefore, repo.Git("status", "--porcelain"));
        Assert.Equal("v3, not committed", File.ReadAllText(repo.PathOf(".github/workflows/ci.yml")));
        Assert.Equal("main", repo.Git("symbolic-ref", "--short", "HEAD").Trim());
    }

    [Fact]
    public void A_blob_the_clone_does_not_hold_is_skipped_as_missing_and_the_rest_is_read()
    {
        // Seen on a mirror that leaves its largest blobs out: `git ls-tree -l` gives their size as BAD.
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Write("assets/font.ttf", "not really a font");
        repo.Commit("first");
        var oid = repo.Git("rev-parse", "HEAD:assets/font.ttf").Trim();
        File.Delete(repo.PathOf($".git/objects/{oid[..2]}/{oid[2..]}"));
        Assert.Contains("BAD", repo.Git("ls-tree", "-r", "-l", "HEAD"));

        using var snapshot = new CommitSnapshot(repo.Root, "HEAD");

        Assert.Equal(["README.md"], Paths(snapshot));
        Assert.Equal("# r", snapshot.ReadText("README.md"));
        Assert.Contains(snapshot.Skipped, s => s.Path == "assets/font.ttf" && s.Reason == SkipReason.Missing);
    }

    [Fact]
    public void Any_revision_git_understands_names_the_commit()
    {
        using var repo = TestRepository.Create();
        repo.Write("a.txt", "one");
        var first = repo.Commit("first");
        repo.Write("a.txt", "two");
        repo.Commit("second");

        using var byParent = new CommitSnapshot(repo.Root, "HEAD~1");
        using var byShortSha = new CommitSnapshot(repo.Root, first[..8]);

        Assert.Equal(first, byParent.Commit);
        Assert.Equal(first, byShortSha.Commit);
        Assert.Equal("one", byShortSha.ReadText("a.txt"));
    }

    [Fact]
    public void A_name_that_is_not_a_commit_is_rejected()
    {
        using var repo = TestRepository.Create();
        repo.Write("a.txt", "one");
        repo.Commit("first");
        var blob = repo.Git("rev-parse", "HEAD:a.txt").Trim();

        Assert.Throws<ArgumentException>(() => new CommitSnapshot(repo.Root, "no-such-branch"));
        Assert.Throws<ArgumentException>(() => new CommitSnapshot(repo.Root, blob));
    }

    [Fact]
    public void Many_files_are_read_in_order_through_one_object_stream()
    {
        using var repo = TestRepository.Create();
        for (var i = 0; i < 50; i++)
            repo.Write($"files/{i:D2}.txt", new string((char)('a' + i % 26), i * 37));
        repo.WriteBytes("files/binary.bin", [0x89, 0x50, 0x00, 0x47]);
        repo.Commit("many");

        using var snapshot = new CommitSnapshot(repo.Root, "HEAD");

        // Backwards, with a binary blob in between: each answer must belong to its own request.
        Assert.Null(snapshot.ReadText("files/binary.bin"));
        for (var i = 49; i >= 0; i--)
            Assert.Equal(new string((char)('a' + i % 26), i * 37), snapshot.ReadText($"files/{i:D2}.txt"));
        Assert.Equal([new SkippedFile("files/binary.bin", SkipReason.Binary)], snapshot.Skipped);
    }

    [Fact]
    public void Submodule_entries_are_skipped_and_counted()
    {
        using var library = TestRepository.Create();
        library.Write("lib.txt", "library");
        library.Commit("lib");
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r");
        repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.Root, "libs/one");
        repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.Root, "libs/two");
        repo.Commit("submodules");

        using var snapshot = new CommitSnapshot(repo.Root, "HEAD");

        Assert.Equal([".gitmodules", "README.md"], Paths(snapshot));
        Assert.Equal(
            [new SkippedFile("libs/one", SkipReason.Submodule), new SkippedFile("libs/two", SkipReason.Submodule)],
            snapshot.Skipped);
        Assert.Null(snapshot.ReadText("libs/one"));
    }

    [Fact]
    public void A_committed_symlink_is_never_followed()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Symlink("passwd", "/etc/passwd").Symlink("readme-link", "README.md");
        repo.Commit("links");

        using var snapshot = new CommitSnapshot(repo.Root, "HEAD");

        Assert.Equal(["README.md"], Paths(snapshot));
        Assert.Null(snapshot.ReadText("passwd"));
        Assert.Equal([new SkippedFile("passwd", SkipReason.SymlinkInCommit), new SkippedFile("readme-link", SkipReason.SymlinkInCommit)], snapshot.Skipped);
    }

    [Fact]
    public void The_tools_own_folder_is_never_listed_from_a_commit()
    {
        using var repo = TestRepository.Create();
        repo.Write(".infratrend/config.json", "{}").Write("README.md", "# r");
        repo.Commit("init");

        using var snapshot = new CommitSnapshot(repo.Root, "HEAD");

        Assert.Equal(["README.md"], Paths(snapshot));
    }

    [Fact]
    public void Files_over_the_size_limit_are_listed_but_not_read_from_a_commit()
    {
        using var repo = TestRepository.Create();
        repo.Write("small.txt", "0123456789").Write("large.txt", "0123456789A");
        repo.Commit("sizes");

        using var snapshot = new CommitSnapshot(repo.Root, "HEAD", maxFileSize: 10);

        Assert.Equal(["large.txt", "small.txt"], Paths(snapshot));
        Assert.Equal(11, snapshot.Find("large.txt")!.Size);
        Assert.Equal("0123456789", snapshot.ReadText("small.txt"));
        Assert.Null(snapshot.ReadText("large.txt"));
        Assert.Equal([new SkippedFile("large.txt", SkipReason.Oversized)], snapshot.Skipped);
    }
}
