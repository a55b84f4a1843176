using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Scanning.WorkingTreeSnapshotTests;

namespace InfraTrend.Tests.Scanning;

/// <summary>
/// Hostile or odd working trees: each is listed by git and by the walk (useGit false), and neither may
/// throw, hang, or read anything outside the root.
/// </summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_binary_file_named_like_a_workflow_is_listed_but_not_read_as_text(bool useGit)
    {
        using var repo = TestRepository.Create();
        repo.WriteBytes(".github/workflows/ci.yml", [(byte)'o', (byte)'n', (byte)':', 0, 0xFF, 0x10, (byte)'\n']);

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        Assert.Equal([".github/workflows/ci.yml"], Paths(snapshot));
        Assert.Null(snapshot.ReadText(".github/workflows/ci.yml"));
        Assert.Equal([new SkippedFile(".github/workflows/ci.yml", SkipReason.Binary)], snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_50_MB_file_is_listed_with_its_size_but_never_read(bool useGit)
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r");
        Directory.CreateDirectory(repo.PathOf("data"));
        // Sparse: all zero bytes, so had it been read it would have been skipped as Binary, not Oversized.
        using (var stream = new FileStream(repo.PathOf("data/dump.sql"), FileMode.CreateNew, FileAccess.Write))
            stream.SetLength(50L * 1024 * 1024);

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        Assert.Equal(50L * 1024 * 1024, snapshot.Find("data/dump.sql")!.Size);
        Assert.Null(snapshot.ReadText("data/dump.sql"));
        Assert.Equal([new SkippedFile("data/dump.sql", SkipReason.Oversized)], snapshot.Skipped);
    }

    [Fact]
    public void A_file_at_the_size_limit_is_read_and_one_byte_more_is_not()
    {
        using var repo = TestRepository.Create();
        repo.Write("at-limit.txt", "0123456789").Write("over-limit.txt", "0123456789A");

        using var snapshot = new WorkingTreeSnapshot(repo.Root, maxFileSize: 10);

        Assert.Equal("0123456789", snapshot.ReadText("at-limit.txt"));
        Assert.Null(snapshot.ReadText("over-limit.txt"));
        Assert.Equal([new SkippedFile("over-limit.txt", SkipReason.Oversized)], snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_symlink_loop_is_skipped(bool useGit)
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Symlink("a", "b").Symlink("b", "a").Symlink("self", "self");

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        Assert.Equal(["README.md"], Paths(snapshot));
        Assert.Null(snapshot.ReadText("a"));
        Assert.Equal(
            [new SkippedFile("a", SkipReason.SymlinkLoop), new SkippedFile("b", SkipReason.SymlinkLoop), new SkippedFile("self", SkipReason.SymlinkLoop)],
            snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_symlink_to_a_file_outside_the_root_is_skipped_and_never_read(bool useGit)
    {
        using var outside = TestRepository.Create(git: false);
        outside.Write("secret.txt", "outside secret");
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r")
            .Symlink("passwd", "/etc/passwd")
            .Symlink("config/secret.txt", Path.GetRelativePath(repo.PathOf("config"), outside.PathOf("secret.txt")))
            .Symlink("outside-folder", outside.Root);

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        Assert.Equal(["README.md"], Paths(snapshot));
        Assert.Null(snapshot.ReadText("passwd"));
        Assert.Null(snapshot.ReadText("config/secret.txt"));
        Assert.Equal(
            [
                new SkippedFile("config/secret.txt", SkipReason.SymlinkOutsideRoot),
                new SkippedFile("outside-folder", SkipReason.SymlinkOutsideRoot),
                new SkippedFile("passwd", SkipReason.SymlinkOutsideRoot),
            ],
            snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_symlink_that_climbs_out_through_a_linked_folder_is_skipped_and_never_read(bool useGit)
    {
        // "hop/../secret.txt" looks like <root>/secret.txt on paper (and a decoy is there),
        // but the kernel resolves hop first, so it opens <outside>/secret.txt.
        using var outside = TestRepository.Create(git: false);
        outside.Write("secret.txt", "outside secret").Write("inner/placeholder", "");
        using var repo = TestRepository.Create();
        repo.Write("secret.txt", "decoy").Symlink("hop", outside.PathOf("inner")).Symlink("leak", "hop/../secret.txt");
        Assert.Equal("outside secret", File.ReadAllText(repo.PathOf("leak"))); // the trap is real

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        Assert.Null(snapshot.ReadText("leak"));
        Assert.Equal(["secret.txt"], Paths(snapshot));
        Assert.Contains(new SkippedFile("leak", SkipReason.SymlinkOutsideRoot), snapshot.Skipped);
        Assert.DoesNotContain(snapshot.Files, f => snapshot.ReadText(f.Path)?.Contains("outside secret") == true);
    }

    [Fact]
    public void A_tracked_file_whose_folder_became_a_link_to_outside_is_not_read()
    {
        // git still lists cfg/app.conf from its index; the path now runs through the link.
        using var outside = TestRepository.Create(git: false);
        outside.Write("app.conf", "outside secret");
        using var repo = TestRepository.Create();
        repo.Write("cfg/app.conf", "committed").Write("README.md", "# r");
        repo.Commit("init");
        Directory.Delete(repo.PathOf("cfg"), recursive: true);
        repo.Symlink("cfg", outside.Root);

        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        Assert.Null(snapshot.ReadText("cfg/app.conf"));
        Assert.Equal(["README.md"], Paths(snapshot));
        Assert.Contains(new SkippedFile("cfg/app.conf", SkipReason.SymlinkOutsideRoot), snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_symlink_inside_the_root_is_read_and_a_linked_folder_is_not_entered(bool useGit)
    {
        using var repo = TestRepository.Create();
        repo.Write("docs/guide.md", "guide").Symlink("GUIDE.md", "docs/guide.md").Symlink("docs-link", "docs");

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        Assert.Equal(["GUIDE.md", "docs/guide.md"], Paths(snapshot));
        Assert.Equal("guide", snapshot.ReadText("GUIDE.md"));
        Assert.Equal([new SkippedFile("docs-link", SkipReason.SymlinkToDirectory)], snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_broken_symlink_is_skipped(bool useGit)
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Symlink("Dockerfile", "docker/Dockerfile.missing");

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        Assert.Equal(["README.md"], Paths(snapshot));
        Assert.Null(snapshot.ReadText("Dockerfile"));
        Assert.Equal([new SkippedFile("Dockerfile", SkipReason.SymlinkBroken)], snapshot.Skipped);
    }

    [Fact]
    public void A_file_swapped_for_an_outside_link_after_listing_is_not_followed()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Write("settings.json", "{}");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        Assert.Equal(["README.md", "settings.json"], Paths(snapshot));

        File.Delete(repo.PathOf("settings.json"));
        repo.Symlink("settings.json", "/etc/passwd");

        Assert.Null(snapshot.ReadText("settings.json"));
        Assert.Equal("# r", snapshot.ReadText("README.md"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Invalid_utf8_is_decoded_with_replacement_characters(bool useGit)
    {
        using var repo = TestRepository.Create();
        var bytes = Encoding.UTF8.GetBytes("name: build\n").Concat(new byte[] { 0xC3, 0x28, 0xFF, (byte)'\n' }).Concat(Encoding.UTF8.GetBytes("on: push\n")).ToArray();
        repo.WriteBytes("ci.yml", bytes).WriteBytes("bom.txt", [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']);

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        var text = snapshot.ReadText("ci.yml");
        Assert.NotNull(text);
        Assert.StartsWith("name: build\n", text);
        Assert.EndsWith("on: push\n", text);
        Assert.Contains('\uFFFD', text);
        Assert.Equal("hi", snapshot.ReadText("bom.txt"));
        Assert.Empty(snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [SupportedOSPlatform("linux")]
    public void An_unreadable_file_is_listed_and_skipped_as_unreadable(bool useGit)
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Write("secrets.env", "TOKEN=x");
        File.SetUnixFileMode(repo.PathOf("secrets.env"), UnixFileMode.None);
        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);
        Assert.Equal(["README.md", "secrets.env"], Paths(snapshot));

        var (proof, text, readme) = Unprivileged.Run(() =>
        {
            // Proves the privileges really are dropped on this thread: root would read the file.
            var denied = Assert.ThrowsAny<UnauthorizedAccessException>(() => File.ReadAllBytes(repo.PathOf("secrets.env")));
            return (denied, snapshot.ReadText("secrets.env"), snapshot.ReadText("README.md"));
        });

        Assert.NotNull(proof);
        Assert.Null(text);
        Assert.Equal("# r", readme);
        Assert.Equal([new SkippedFile("secrets.env", SkipReason.Unreadable)], snapshot.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_named_pipe_is_never_opened(bool useGit)
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r");
        Run("mkfifo", repo.PathOf("pipe"));
        repo.Symlink("pipe-link", "pipe");
        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit);

        // Opening a pipe for reading waits for a writer. The guard only keeps a failure from hanging the run
        // (the blocked background read is then left behind and ends with the test process).
        var reads = Task.Run(() => (snapshot.ReadText("pipe"), snapshot.ReadText("pipe-link")));
        var finished = await Task.WhenAny(reads, Task.Delay(TimeSpan.FromSeconds(30))) == reads;

        Assert.True(finished, "reading a named pipe blocked");
        var (pipe, link) = await reads;
        Assert.True(string.IsNullOrEmpty(pipe) && string.IsNullOrEmpty(link), "a named pipe has no content to give");
        Assert.Equal("# r", snapshot.ReadText("README.md"));
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(command, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
