using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

/// <summary>Paths that cannot be used as given: each is one line on stderr and exit 1, never a .NET stack trace.</summary>
public sealed class PathArgumentTests
{
    [Fact]
    public void Unusable_output_paths_give_one_line_and_exit_1()
    {
        using var repo = TestRepository.Create();
        repo.Write("package.json", "{\"name\":\"shop\"}\n").Write("a-file", "x\n");
        repo.Commit("init");
        var db = Path.Combine(repo.Root, ".infratrend", "history.db");
        Assert.Equal(0, CliRunner.Run("audit", repo.Root, "--db", db, "--quiet").ExitCode);
        var file = repo.PathOf("a-file");

        var cases = new[]
        {
            (new[] { "trend", repo.Root, "--db", db, "--out", repo.PathOf("chart.jpg") }, ".png or .svg"),
            (["trend", repo.Root, "--db", db, "--out", repo.PathOf("chart")], ".png or .svg"),
            (["trend", repo.Root, "--db", db, "--out-dir", file], "a-file"),
            (["trend", repo.Root, "--db", db, "--out", Path.Combine(file, "t.png")], "a-file"),
            (["history", "export", Path.Combine(file, "x.json"), repo.Root, "--db", db], "a-file"),
        };
        foreach (var (args, says) in cases)
        {
            var outcome = CliRunner.Run(args);
            Assert.True(outcome.ExitCode == 1, $"{string.Join(' ', args[..1])} {args[^1]}: exit {outcome.ExitCode}");
            var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("infratrend: ", line);
            Assert.Contains(says, line);
            Assert.DoesNotContain("   at ", outcome.Error);
        }
    }
}
