using InfraTrend.Charts;
using InfraTrend.Config;

namespace InfraTrend.History;

/// <summary>The recorded runs of a repository as a chart sees them, in time order, with the plan's targets.</summary>
public static class HistoryTrend
{
    /// <summary>
    /// Every live run, each read back as it was scored (<see cref="RecordedAudit"/>), so the burn-down counts the
    /// tasks each run really had open and the parts keep their own scores.
    /// </summary>
    public static TrendSeries Load(HistoryDatabase db, RepositoryRecord repository, InfraTrendConfig config)
    {
        var points = new List<TrendPoint>();
        var rulesets = new List<string>();
        foreach (var run in RunQueries.Runs(db, repository.Id))
        {
            var audit = RecordedAudit.Load(db, run.Id);
            points.Add(TrendPoints.FromAudit(audit, run.Number, audit.Config.Scoring(), run.Label));
            rulesets.Add(run.RecordedRuleset);
        }
        var ruleset = rulesets.Count == 0 ? ""
            : rulesets.Distinct().Count() > 1 ? $"{rulesets[^1]} (mixed: each run keeps the ruleset it was recorded with)"
            : rulesets[^1];
        return new TrendSeries(Path.GetFileName(repository.Root), ruleset, points, config.Targets);
    }
}
