using InfraTrend.Analyzers;
using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Scoring;

/// <summary>Turns analyzer results into category scores, an overall score and a maturity level (design.md, "Scores and maturity").</summary>
public static class Scorer
{
    /// <summary>The mean score of a set of findings, not-applicable ones left out; null when none applies.</summary>
    public static double? Mean(IEnumerable<Finding> findings)
    {
        var applicable = findings.Where(f => f.Status != FindingStatus.NotApplicable).Select(f => f.Score).ToList();
        return applicable.Count == 0 ? null : applicable.Average();
    }

    /// <summary>
    /// An analyzer's result: per part the mean of its findings (each subject once, waived ones left out), then the mean
    /// over parts, each part weighed by <paramref name="partWeights"/> (1 where it has none).
    /// </summary>
    public static AnalyzerResult Result(AnalyzerDescriptor analyzer, IReadOnlyList<ScopedFinding> findings, IReadOnlyDictionary<string, double>? partWeights = null)
    {
        var perPart = findings
            .GroupBy(f => f.PartPath)
            .Select(g => (Weight: partWeights?.GetValueOrDefault(g.Key, 1.0) ?? 1.0, Score: Mean(g.GroupBy(f => f.Finding.Subject).Select(s => s.First()).Where(f => f.Waiver is null).Select(f => f.Finding))))
            .Where(s => s.Score is not null && s.Weight > 0)
            .ToList();
        return new AnalyzerResult(analyzer, findings, perPart.Count == 0 ? null : perPart.Sum(p => p.Weight * p.Score!.Value) / perPart.Sum(p => p.Weight));
    }

    /// <summary>
    /// How much each part counts in a per-part rule. A console program beside a service (an updater, a Windows service
    /// installer, a desktop shell) counts half: auditors judge a product by the services it runs, and such helpers are
    /// thin entry points to code the services share.
    /// </summary>
    public static IReadOnlyDictionary<string, double> PartWeights(IReadOnlyList<PartFacts> parts)
    {
        var served = parts.Any(p => p.Kind != "app");
        return parts.ToDictionary(p => p.Path, p => served && p.Kind == "app" ? 0.5 : 1.0, StringComparer.Ordinal);
    }

    /// <summary>A part's score: the weighted mean of its category scores, as the overall score is of the repository's; null when none is scored.</summary>
    public static int? PartScore(IEnumerable<CategoryScore> categories, ScoringOptions options)
    {
        var scored = categories.Where(c => c.Score is not null).ToList();
        var weight = scored.Sum(c => options.WeightOf(c.Category));
        return weight <= 0 ? null : (int)Math.Round(scored.Sum(c => options.WeightOf(c.Category) * c.Score!.Value) / weight, MidpointRounding.AwayFromZero);
    }

    public static ScoreCard Score(IReadOnlyList<AnalyzerResult> results, ScoringOptions options)
    {
        var categories = Categories.All.Select(c => CategoryScoreOf(c, results, options)).ToList();

        var scored = categories.Where(c => c.Score is not null).ToList();
        var totalWeight = scored.Sum(c => options.WeightOf(c.Category));
        int? overall = totalWeight <= 0 ? null : Round(scored.Sum(c => options.WeightOf(c.Category) * c.Score!.Value) / totalWeight);

        return new ScoreCard(categories, overall, Maturity(results, options));
    }

    public static CategoryScore CategoryScoreOf(Category category, IReadOnlyList<AnalyzerResult> results, ScoringOptions options)
    {
        var applicable = results.Where(r => r.Analyzer.Category == category && r.Score is not null && options.WeightOf(r.Analyzer) > 0).ToList();
        var weight = applicable.Sum(r => options.WeightOf(r.Analyzer));
        if (weight <= 0)
            return new CategoryScore(category, null, null);
        var raw = 100 * applicable.Sum(r => options.WeightOf(r.Analyzer) * r.Score!.Value) / weight;
        var score = Math.Max(options.FloorOf(category), Round(options.Taper(category, raw)));
        return new CategoryScore(category, score, MaturityLevels.Status(score));
    }

    private static MaturityAssessment Maturity(IReadOnlyList<AnalyzerResult> results, ScoringOptions options)
    {
        var levels = new List<LevelProgress> { new(1, MaturityLevels.Name(1), 0, 0, true, []) };
        var reachedSoFar = true;
        var level = 1;
        for (var l = 2; l <= 5; l++)
        {
            var atLevel = results.Where(r => r.Analyzer.Level == l && r.Score is not null && options.WeightOf(r.Analyzer) > 0).ToList();
            var applicable = atLevel.Sum(r => options.WeightOf(r.Analyzer));
            var passing = atLevel.Sum(r => options.WeightOf(r.Analyzer) * r.Score!.Value);
            var essentialFailing = atLevel
                .Where(r => r.Analyzer.Essential && r.Score < ScoringOptions.EssentialPass)
                .Select(r => r.Analyzer.Id)
                .ToList();
            // A level with nothing applicable to judge is not claimed; one whose essential rules fail is not granted.
            var reached = reachedSoFar && applicable > 0 && passing / applicable >= ScoringOptions.LevelThreshold && essentialFailing.Count == 0;
            levels.Add(new LevelProgress(l, MaturityLevels.Name(l), applicable, passing, reached, essentialFailing));
            if (reached)
                level = l;
            reachedSoFar = reached;
        }

        // What stands between this level and the next: its essential rules first, then by weight.
        var blocking = level >= 5
            ? []
            : results
                .Where(r => r.Analyzer.Level == level + 1)
                .SelectMany(r => r.Findings)
                .Where(f => f.Finding.Status is FindingStatus.Fail or FindingStatus.Partial && f.Waiver is null)
                .OrderByDescending(f => f.Analyzer.Essential)
                .ThenByDescending(f => options.WeightOf(f.Analyzer))
                .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)
                .ToList();
        return new MaturityAssessment(level, levels, blocking);
    }

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
