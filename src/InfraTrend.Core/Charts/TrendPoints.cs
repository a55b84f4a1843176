using InfraTrend.Auditing;
using InfraTrend.Model;
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
        var parts = result.Evaluation.Parts.ToDictionary(p => p.Part.Path, p => Scorer.PartScore(p.Categories, options));
        return new TrendPoint(result.EffectiveTime, runNumber, result.Repository.Commit, card.Overall, card.Maturity.Level, categories, tasks, parts, label);
    }
}
