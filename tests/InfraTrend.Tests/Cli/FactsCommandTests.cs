using System.Text.Json.Nodes;
using InfraTrend.Facts;
using InfraTrend.Reports;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

public sealed class FactsCommandTests
{
    [Fact]
    public void Facts_lists_every_key_with_its_kind_and_scope()
    {
        var outcome = CliRunner.Run("facts");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("ci.deployGated", outcome.Output);
        Assert.Contains($"{FactKeys.All.Count} facts", outcome.Output);
        foreach (var key in FactKeys.All)
            Assert.Contains(key.Name, outcome.Output);
    }

    [Fact]
    public void Json_lists_the_keys_in_catalogue_order()
    {
        var outcome = CliRunner.Run("facts", "--format", "json");

        var keys = JsonNode.Parse(outcome.Output)!.AsArray();
        Assert.Equal(FactKeys.All.Select(k => k.Name), keys.Select(k => (string)k!["key"]!));
        Assert.Equal("bool?", (string)keys.Single(k => (string)k!["key"]! == FactKeys.DeployGated)!["kind"]!);
        Assert.Equal("part", (string)keys.Single(k => (string)k!["key"]! == FactKeys.TracingWiring)!["scope"]!);
    }

    [Fact]
    public void The_committed_facts_catalogue_is_the_generated_one()
    {
        // Regenerate with: dotnet run --project src/InfraTrend.Cli -- facts --format md > docs/facts.md
        var committed = File.ReadAllText(Path.Combine(CliRunner.SourceRoot, "docs", "facts.md"));

        Assert.Equal(FactsCatalogue.Markdown(), committed);
        Assert.Equal(committed, CliRunner.Run("facts", "--format", "md").Output);
    }
}
