using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Scanning.WorkingTreeSnapshotTests;

namespace InfraTrend.Tests.Scanning;

/// <summary>The listing without git: a walk that must agree with git's ignore rules.</summary>
public sealed class IgnoreAwareWalkTests
{
    /// <summary>Root and nested .gitignore files using negation, anchors, ** and folder-only patterns.</summary>
    private static void WriteIgnoreFixture(TestRepository repo) =>
        repo.Write(".gitignore", """
                # comments and blank lines are not patterns

                *.log
                !keep.log
                /build
                **/cache/
                docs/**/draft.md
                tmp/
                !tmp/rescued.txt
                """)
            .Write("a.log", "").Write("keep.log", "").Write("sub/b.log", "").Write("sub/keep.log", "")
            .Write("build/out.txt", "").Write("sub/build/kept.md", "")
            .Write("deep/a/cache/c.txt", "").Write("other/cache", "a file named cache, not a folder")
            .Write("docs/draft.md", "").Write("docs/x/y/draft.md", "").Write("docs/final.md", "")
            .Write("tmp/t.txt", "").Write("tmp/rescued.txt", "git cannot re-include a file of an ignored folder").Write("sub/tmp", "a file")
            .Write("sub/.gitignore", """
                *.txt
                !important.txt
                /local.md
                """)
            .Write("sub/notes.txt", "").Write("sub/important.txt", "").Write("sub/local.md", "").Write("sub/deeper/local.md", "")
            .Write("other/notes.txt", "");

    private static readonly string[] ExpectedFromIgnoreFixture =
    [
        ".gitignore",
        "docs/final.md",
        "keep.log",
        "other/cache",
        "other/notes.txt",
        "sub/.gitignore",
        "sub/build/kept.md",
        "sub/deeper/local.md",
        "sub/important.txt",
        "sub/keep.log",
        "sub/tmp",
    ];

    [Fact]
    public void Without_git_nested_gitignore_rules_are_honoured()
    {
        using var folder = TestRepository.Create(git: false);
        WriteIgnoreFixture(folder);

        using var snapshot = new WorkingTreeSnapshot(folder.Root);

        Assert.False(snapshot.UsedGit);
        Assert.Equal(ExpectedFromIgnoreFixture, Paths(snapshot));
    }

    [Fact]
    public void The_walk_agrees_with_git_on_the_same_tree()
    {
        // git itself is the oracle: the same fixture listed both ways.
        using var repo = TestRepository.Create();
        WriteIgnoreFixture(repo);

        using var byGit = new WorkingTreeSnapshot(repo.Root);
        using var byWalk = new WorkingTreeSnapshot(repo.Root, useGit: false);

        Assert.True(byGit.UsedGit);
        Assert.False(byWalk.UsedGit);
        Assert.Equal(ExpectedFromIgnoreFixture, Paths(byGit));
        Assert.Equal(Paths(byGit), Paths(byWalk));
    }

    [Fact]
    public void Without_git_dependency_and_build_folders_are_skipped_at_any_depth()
    {
        using var folder = TestRepository.Create(git: false);
        folder.Write("package.json", "{}")
            .Write("node_modules/left-pad/index.js", "")
            .Write("bin/Debug/app.dll", "")
            .Write("obj/project.assets.json", "")
            .Write("src/Api/bin/Release/api.dll", "")
            .Write("src/Api/obj/x.cs", "")
            .Write("web/node_modules/a/b.js", "")
            .Write("vendor/lib.go", "")
            .Write(".git/config", "not a repository, still never listed")
            .Write("src/Api/Program.cs", "")
            .Write("docs/bin.md", "a file named like a skipped folder is kept")
            .WriteBytes("tools/obj", [1, 2, 3]);

        using var snapshot = new WorkingTreeSnapshot(folder.Root);

        Assert.Equal(["docs/bin.md", "package.json", "src/Api/Program.cs", "tools/obj"], Paths(snapshot));
    }

    [Fact]
    public void Without_git_files_are_sorted_ordinal_across_folders()
    {
        using var folder = TestRepository.Create(git: false);
        folder.Write("b/z.txt", "").Write("B.txt", "").Write("a-b.txt", "").Write("a/b.txt", "").Write("a.txt", "");

        using var snapshot = new WorkingTreeSnapshot(folder.Root);

        // Ordinal: '-' (0x2D) < '.' (0x2E) < '/' (0x2F) < uppercase < lowercase.
        Assert.Equal(["B.txt", "a-b.txt", "a.txt", "a/b.txt", "b/z.txt"], Paths(snapshot));
    }
}
