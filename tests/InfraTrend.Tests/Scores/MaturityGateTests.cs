using InfraTrend.Analyzers;
using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.Tests.Scores;

/// <summary>How a level is reached: the share of its applicable weight that passes, and its essential rules.</summary>
public sealed class MaturityGateTests
{
    private static AnalyzerDescriptor Rule(string id, int level, double weight, bool essential = false) =>
        new(id, Category.Ci, level, weight, "w", essential ? Severity.High : Severity.Medium, id, "l", "m", "r", () => throw new NotSupportedException(), Essential: essential);

    private static AnalyzerResult Result(AnalyzerDescriptor rule, double score) =>
        new(rule, [new ScopedFinding(rule, ".", new Finding("repository", score >= 1 ? FindingStatus.Pass : score <= 0 ? FindingStatus.Fail : FindingStatus.Partial, score, [], "m"))], score);

    [Fact]
    public void A_failing_essential_rule_withholds_its_level_though_the_weight_passes()
    {
        var essential = Rule("ci.essential", 2, 1, essential: true);
        var heavy = Rule("ci.heavy", 2, 9);

        var withheld = Scorer.Score([Result(essential, 0), Result(heavy, 1)], ScoringOptions.Default).Maturity;
        var granted = Scorer.Score([Result(essential, 1), Result(heavy, 1)], ScoringOptions.Default).Maturity;

        Assert.Equal(1, withheld.Level);
        Assert.Equal(0.9, withheld.Levels.Single(l => l.Level == 2).Ratio, 3);
        Assert.Equal(["ci.essential"], withheld.Levels.Single(l => l.Level == 2).EssentialFailing);
        Assert.Equal("ci.essential|.|repository", withheld.BlockingNext[0].Fingerprint);
        Assert.Equal(2, granted.Level);
    }

    [Fact]
    public void An_essential_rule_at_half_or_more_does_not_withhold_and_a_plain_rule_never_does_alone()
    {
        var essential = Rule("ci.essential", 2, 3, essential: true);
        var plain = Rule("ci.plain", 2, 1);

        Assert.Equal(2, Scorer.Score([Result(Rule("ci.light", 2, 1, essential: true), 0.5), Result(Rule("ci.heavy", 2, 3), 1)], ScoringOptions.Default).Maturity.Level);
        Assert.Equal(2, Scorer.Score([Result(essential, 1), Result(plain, 0)], ScoringOptions.Default).Maturity.Level);
        Assert.Equal(1, Scorer.Score([Result(essential, 0.6), Result(plain, 0)], ScoringOptions.Default).Maturity.Level); // 45% of the weight
    }
}
