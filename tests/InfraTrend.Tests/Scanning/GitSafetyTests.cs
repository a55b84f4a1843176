using System.Runtime.Versioning;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Scanning;

/// <summary>
/// The audited repository is untrusted: its .git/config can name commands. Each test first proves that
/// plain git does run the command (so the trap is real), then reads the repository the way the tool does.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GitSafetyTests
{
    [Fact]
    public void An_fsmonitor_hook_never_runs()
    {
        using var repo = CommittedRepository();
        var script = Trap(repo, "fsmonitor", out var marker);
        repo.Git("config", "core.fsmonitor", script);

        repo.Git("status");
        Assert.True(File.Exists(marker), "plain git status runs core.fsmonitor");
        File.Delete(marker);

        ReadEverythingTheToolReads(repo);

        Assert.False(File.Exists(marker), "core.fsmonitor ran");
    }

    [Fact]
    public void A_clean_or_smudge_filter_never_runs()
    {
        using var repo = CommittedRepository();
        Trap(repo, "filter", out var marker);
        repo.Git("config", "filter.evil.clean", $"touch '{marker}'; cat");
        repo.Git("config", "filter.evil.smudge", $"touch '{marker}'; cat");

        MakeGitRecheckContent(repo, minutes: 1);
        repo.Git("status");
        Assert.True(File.Exists(marker), "plain git status runs the clean filter of a file it must re-read");
        File.Delete(marker);
        MakeGitRecheckContent(repo, minutes: 2);

        ReadEverythingTheToolReads(repo);

        Assert.False(File.Exists(marker), "a filter driver ran");
    }

    [Fact]
    public void A_signature_check_program_never_runs()
    {
        using var repo = CommittedRepository();
        repo.SignHeadWithFakeSignature();
        var script = Trap(repo, "gpg", out var marker);
        repo.Git("config", "log.showSignature", "true");
        repo.Git("config", "gpg.program", script);

        // git status checks no signature; git log, which the tool also runs, does.
        repo.Git("log", "-1");
        Assert.True(File.Exists(marker), "plain git log runs gpg.program on a signed commit");
        File.Delete(marker);

        ReadEverythingTheToolReads(repo);

        Assert.False(File.Exists(marker), "gpg.program ran");
    }

    [Fact]
    public void A_hook_never_runs()
    {
        using var repo = CommittedRepository();
        var script = Trap(repo, "hook", out var marker);
        File.Copy(script, repo.PathOf(".git/hooks/post-index-change"));

        MakeGitRecheckContent(repo, minutes: 1);
        repo.Git("status");
        Assert.True(File.Exists(marker), "plain git status rewrites the index and runs post-index-change");
        File.Delete(marker);
        MakeGitRecheckContent(repo, minutes: 2);

        ReadEverythingTheToolReads(repo);

        Assert.False(File.Exists(marker), "a hook ran");
    }

    /// <summary>Every git-reading entry point of Scanning, with every file's content read.</summary>
    private static void ReadEverythingTheToolReads(TestRepository repo)
    {
        Assert.Equal(repo.Root, RepositoryInfo.FindRoot(repo.Root));
        var info = RepositoryInfo.Read(repo.Root);
        Assert.NotNull(info.Commit);
        Assert.NotNull(RepositoryInfo.Read(repo.Root, "HEAD").Commit);

        using (var tree = new WorkingTreeSnapshot(repo.Root))
        {
            Assert.True(tree.UsedGit);
            Assert.All(tree.Files, f => tree.ReadText(f.Path));
            Assert.Equal("name: ci\n", tree.ReadText("ci.yml"));
        }

        using var commit = new CommitSnapshot(repo.Root, "HEAD");
        Assert.All(commit.Files, f => commit.ReadText(f.Path));
        Assert.Equal("name: ci\n", commit.ReadText("ci.yml"));
    }

    private static TestRepository CommittedRepository()
    {
        var repo = TestRepository.Create();
        repo.Write(".gitattributes", "* filter=evil\n").Write("ci.yml", "name: ci\n").Write("README.md", "# r\n");
        repo.Commit("init"); // before any trap is configured
        return repo;
    }

    /// <summary>A script (kept in .git, outside the working tree) that leaves a marker file when it runs.</summary>
    private static string Trap(TestRepository repo, string name, out string marker)
    {
        var folder = Directory.CreateDirectory(repo.PathOf(".git/trap")).FullName;
        marker = Path.Combine(folder, name + ".ran");
        var script = Path.Combine(folder, name + ".sh");
        File.WriteAllText(script, $"#!/bin/sh\ntouch '{marker}'\nexit 1\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        return script;
    }

    /// <summary>Same content, new time: git can no longer trust its index and must read the file again.</summary>
    private static void MakeGitRecheckContent(TestRepository repo, int minutes) =>
        File.SetLastWriteTimeUtc(repo.PathOf("ci.yml"), DateTime.UtcNow.AddMinutes(minutes));
}
