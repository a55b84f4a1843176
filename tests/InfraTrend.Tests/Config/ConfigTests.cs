using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Cli.Commands;
using InfraTrend.Config;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Config;

public sealed class ConfigTests
{
    [Fact]
    public void Targets_weights_disabled_and_ignore_are_read()
    {
        var config = ConfigLoader.Parse("""
            targets:
              overall: { score: 80, by: 2026-06-30 }
              maturity: { level: 4, by: 2026-12-31 }
              categories:
                monitoring: { score: 70, by: 2026-03-31 }
            weights:
              categories:
                scaling: 0
              analyzers:
                deployment.resource-limits: 1
            disabled:
              - scaling.object-storage
            ignore:
              - examples/
            forecast:
              days: 30
            """);

        Assert.Equal([("overall", 80.0), ("maturity", 4.0), ("monitoring", 70.0)], config.Targets.Select(t => (t.Metric, t.Value)));
        Assert.Equal(new DateOnly(2026, 3, 31), config.Targets[2].By);
        Assert.Equal(0, config.Scoring().WeightOf(Category.Scaling));
        Assert.Equal(1, config.Scoring().WeightOf(AnalyzerRegistry.Find("deployment.resource-limits")!));
        Assert.Equal(["scaling.object-storage"], config.Disabled);
        Assert.Equal(["examples/"], config.Ignore);
        Assert.Equal(30, config.ForecastDays);
        Assert.NotNull(config.Hash);
    }

    [Theory]
    [InlineData("targets:\n  overall: { score: 120, by: 2026-01-01 }\n", "line 2: 'targets.overall.score' must be a number from 0 to 100")]
    [InlineData("targets:\n  overall: { score: 80, by: 30/06/2026 }\n", "line 2: 'targets.overall.by' must be a date written yyyy-MM-dd")]
    [InlineData("targets:\n  overall: { score: 80 }\n", "'targets.overall.by' is missing")]
    [InlineData("targets:\n  categories:\n    monitorin: { score: 80, by: 2026-01-01 }\n", "line 3: 'targets.categories.monitorin' unknown category")]
    [InlineData("disabled:\n  - ci.no-such-rule\n", "line 2: 'disabled.ci.no-such-rule' unknown analyzer id")]
    [InlineData("wieghts:\n  categories: {}\n", "line 1: 'wieghts' unknown key")]
    [InlineData("targets: [\n", "not valid YAML")]
    public void A_broken_config_names_the_line_and_the_key(string text, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith(".infratrend.yml line ", error.Message);
    }

    [Fact]
    public void An_anchor_bomb_in_the_config_is_refused_before_it_is_walked()
    {
        // Nine levels of nine aliases: a billion nodes out of a few hundred bytes.
        var text = new System.Text.StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            text.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }
        text.Append("ignore: *i\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(text.ToString()));

        Assert.Contains("anchor bomb", error.Message);
    }

    [Fact]
    public void A_broken_config_stops_the_audit_with_exit_1()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write(".infratrend.yml", "targets:\n  overall: { score: high, by: 2026-01-01 }\n");

        var outcome = CliRunner.Run("audit", repo.Root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("infratrend: .infratrend.yml line 2: 'targets.overall.score' must be a number from 0 to 100", outcome.Error.TrimEnd());
    }

    [Fact]
    public void The_audit_applies_disabled_analyzers_weights_and_ignored_paths()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write("examples/demo/.env", "API_KEY=abcdefghijklmnop\n")
            .Write(".infratrend.yml", "disabled:\n  - scaling.cache\nweights:\n  categories:\n    scaling: 0\nignore:\n  - examples/\n");

        var result = Auditor.Audit(repo.Root);

        Assert.DoesNotContain(result.Evaluation.Results, r => r.Analyzer.Id == "scaling.cache");
        Assert.False(result.Facts.Repository.Bool(FactKeys.EnvFileCommitted));
        Assert.DoesNotContain(result.Skipped, s => s.Path.StartsWith("examples/", StringComparison.Ordinal));
        var withoutScaling = result.Evaluation.ScoreCard;
        var scoredCategories = withoutScaling.Categories.Where(c => c.Score is not null).Select(c => c.Category).ToList();
        Assert.Contains(Category.Scaling, scoredCategories);
        Assert.NotEqual(Evaluation.RulesetVersionOf(AnalyzerRegistry.All, Scoring.ScoringOptions.Default), result.Evaluation.RulesetVersion);
    }

    [Fact]
    public void Init_writes_a_starter_file_that_parses_and_declares_targets()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var overall = Auditor.Audit(repo.Root).Evaluation.ScoreCard.Overall!.Value;

        var outcome = CliRunner.Run("init", repo.Root);
        var again = CliRunner.Run("init", repo.Root);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(1, again.ExitCode);
        var text = File.ReadAllText(repo.PathOf(".infratrend.yml"));
        var config = ConfigLoader.Parse(text);
        Assert.Contains(config.Targets, t => t.Metric == "overall" && t.Value == overall + 10);
        Assert.Contains(config.Targets, t => t.Metric == "maturity" && t.Value == 4);
        Assert.Contains(config.Targets, t => t.Metric == "monitoring");
        // The comment names the category it sets a target for, and says which set it is the weakest of.
        Assert.Matches(@"monitoring: \{ score: \d+, by: [\d-]+ \}   # Monitoring & Observability, \d+/100 today: the weakest of the 5 main categories scored\n", text);
        Assert.Contains("frameworks express, react", text);
        Assert.Contains("# waivers:\n#   - rule: security.no-committed-secrets\n", text);
        // The commented example is itself a valid waiver once uncommented.
        var waivers = text[text.IndexOf("# waivers:", StringComparison.Ordinal)..].Split('\n').TakeWhile(l => l.StartsWith('#')).Select(l => l[2..]);
        Assert.Single(ConfigLoader.Parse(string.Join('\n', waivers)).Waivers);
        var json = JsonNode.Parse(CliRunner.Run("audit", repo.Root, "--format", "json").Output)!;
        Assert.True(json["facts"]!["operations.targetsDeclared"]!.GetValue<bool>());
    }
}
