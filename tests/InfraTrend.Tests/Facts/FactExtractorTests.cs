using System.Text.RegularExpressions;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

public class FactExtractorTests
{
    /// <summary>A source whose pattern backtracks without end on the README (the shape of a bug that once hung an audit).</summary>
    private sealed class RunawayPatternSource : IFactSource
    {
        private static readonly Regex Runaway = new(@"^(?:(?:[ \t]+|-)[^\n]*\n?)*?name:\s*alerts$", RegexOptions.Multiline, TimeSpan.FromMilliseconds(200));

        public void Collect(FactContext context)
        {
            foreach (var file in context.Snapshot.Files)
                if (context.Snapshot.ReadText(file.Path) is { } text)
                    Runaway.IsMatch(text);
        }
    }

    private sealed class LaterSource : IFactSource
    {
        public bool Ran { get; private set; }

        public void Collect(FactContext context) => Ran = true;
    }

    [Fact]
    public void A_source_whose_pattern_gives_up_is_a_warning_and_the_other_sources_still_run()
    {
        using var repo = TestRepository.Create()
            .Write("README.md", "# svc\n" + string.Concat(Enumerable.Repeat("    repository: oci://registry-1.docker.io/example-charts-and-more\n", 40)))
            .Write("package.json", """{ "name": "svc", "dependencies": { "express": "4.19.0" } }""");
        repo.Commit("fixture");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        var later = new LaterSource();

        var (_, warnings) = FactExtractor.Extract(snapshot, sources: [new RunawayPatternSource(), later]);

        var warning = Assert.Single(warnings);
        Assert.Contains("RunawayPatternSource stopped", warning.Message);
        Assert.Contains("0.2 s", warning.Message);
        Assert.True(later.Ran);
    }
}
