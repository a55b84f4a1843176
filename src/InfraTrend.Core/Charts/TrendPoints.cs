using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Planning;
using InfraTrend.Scoring;

namespace InfraTrend.Charts;

/// <summary>
/// An audit as a chart sees it: categories by id ("ci"), open tasks by priority id ("high", "medium", "low"),
/// parts by path with a score of their own. The history stores the same keys, so a run read back and a fresh
/// audit draw the same.
/// </summary>
public static class TrendPoints
{
    public static TrendPoint FromAudit(AuditResult result, int runNumber, ScoringOptions? options = null, string? label = null)
    {
        options ??= ScoringOptions.Default;
        var card = result.Evaluation.ScoreCard;
        var categories = card.Categories.ToDictionary(c => c.Category.Id(), c => c.Score);
        var tasks = new[] { Priority.High, Priority.Medium, Priority.Low }
            .ToDictionary(p => p.Id(), p => result.Evaluation.Tasks.Count(t => t.Priority == p));
        var parts = result.Evaluation.Parts.ToDictionary(p => p.Part.Path, p => PartScore(p.Categories, options));
        return new TrendPoint(result.EffectiveTime, runNumber, result.Repository.Commit, card.Overall, card.Maturity.Level, categories, tasks, parts, label);
    }

    /// <summary>A part's score: the weighted mean of its category scores, as the overall score is of the repository's; null when none is scored.</summary>
    public static int? PartScore(IEnumerable<CategoryScore> categories, ScoringOptions options)
    {
        var scored = categories.Where(c => c.Score is not null).ToList();
        var weight = scored.Sum(c => options.WeightOf(c.Category));
        return weight <= 0 ? null : (int)Math.Round(scored.Sum(c => options.WeightOf(c.Category) * c.Score!.Value) / weight, MidpointRounding.AwayFromZero);
    }
}
