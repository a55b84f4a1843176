using System.Text.RegularExpressions;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Docs;

/// <summary>The README's examples are real output: each is checked against the tool run on the fixture it describes.</summary>
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public void The_console_example_is_what_audit_prints_on_the_sample_repository()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.SourceRoot, "README.md"));
        // The first plain fenced block after "`infratrend audit` on it prints".
        var at = readme.IndexOf("`infratrend audit` on it prints", StringComparison.Ordinal);
        Assert.True(at >= 0, "the README no longer introduces its console example");
        var block = FencedBlock().Match(readme, at);
        Assert.True(block.Success, "no fenced block after the console example's introduction");
        var expected = Lines(block.Groups["body"].Value);

        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        // The command the README shows (`infratrend audit`), without writing a history into the fixture.
        var outcome = CliRunner.Run("audit", repo.Root, "--no-record", "--no-color");
        Assert.Equal(0, outcome.ExitCode);
        var actual = Lines(outcome.Output);

        // The README shows a contiguous part of the output: the same lines, in order, volatile parts aside.
        var start = actual.FindIndex(l => Normal(l) == Normal(expected[0]));
        Assert.True(start >= 0, $"the output has no line '{expected[0]}':\n{outcome.Output}");
        Assert.True(expected.Select(Normal).SequenceEqual(actual.Skip(start).Take(expected.Count).Select(Normal)), $"the README's console example differs from the real output:\n{string.Join('\n', actual.Skip(start).Take(expected.Count))}");
    }

    private static List<string> Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToList();

    /// <summary>Times, dates, durations and commit hashes replaced by placeholders.</summary>
    private static string Normal(string line) =>
        Volatile().Replace(line, "#");

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?( UTC)?|\b[0-9a-f]{7,40}\b|\d+(\.\d+)? (ms|s)\b")]
    private static partial Regex Volatile();

    [GeneratedRegex(@"```\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
