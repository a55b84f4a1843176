using InfraTrend.Analyzers;
using InfraTrend.Reports;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

public sealed class RulesCommandTests
{
    [Fact]
    public void Rules_lists_every_analyzer()
    {
        var outcome = CliRunner.Run("rules");

        Assert.Equal(0, outcome.ExitCode);
        foreach (var analyzer in AnalyzerRegistry.All)
            Assert.Contains(analyzer.Id, outcome.Output);
        Assert.Contains($"{AnalyzerRegistry.All.Count} rules", outcome.Output);
    }

    [Fact]
    public void The_committed_rules_catalogue_is_the_generated_one()
    {
        // Regenerate with: dotnet run --project src/InfraTrend.Cli -- rules --format md > docs/rules.md
        var committed = File.ReadAllText(Path.Combine(CliRunner.SourceRoot, "docs", "rules.md"));

        Assert.Equal(RulesCatalogue.Markdown(), committed);
        Assert.Equal(committed, CliRunner.Run("rules", "--format", "md").Output);
    }
}
