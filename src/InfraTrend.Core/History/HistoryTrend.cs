using Dapper;
using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.History;

/// <summary>
/// The recorded runs as the charts draw them (<see cref="TrendPoint"/>): the same keys as an audit's own point
/// (Charts.TrendPoints.FromAudit), so a run read back draws as it did when it was audited.
/// </summary>
public static class HistoryTrend
{
    /// <summary>
    /// A repository's series: its live runs in time order under one ruleset (null: each as recorded), with the plan's
    /// targets, named as the reports name the repository: <paramref name="name"/>, else the folder it was last recorded from
    /// (never the internal identity, a root commit or a remote's last segment).
    /// </summary>
    public static TrendSeries Series(HistoryDatabase db, RepositoryRecord repository, IReadOnlyList<Target> targets, string? ruleset = null, string? name = null)
    {
        var points = Points(db, repository.Id, ruleset);
        var runs = RunQueries.Runs(db, repository.Id, ruleset);
        var shown = runs.Select(r => r.ScoresRuleset).Distinct().ToList();
        var folder = Path.GetFileName(repository.Root.TrimEnd('/', '\\'));
        return new TrendSeries(name ?? (folder.Length > 0 ? folder : repository.Identity), ruleset ?? (shown.Count == 1 ? shown[0] : "recorded"), points, targets);
    }

    public static IReadOnlyList<TrendPoint> Points(HistoryDatabase db, long repositoryId, string? ruleset = null)
    {
        var c = db.Connection;
        var runs = RunQueries.Runs(db, repositoryId, ruleset);
        // Open tasks are the plan of the run as recorded: its failing and partial findings, by priority.
        var tasks = c.Query<(long RunId, string Priority, long Count)>(
                """
                SELECT f.run_id, f.priority, count(*) FROM runs r JOIN findings f ON f.run_id = r.id
                WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL AND f.priority IS NOT NULL AND f.status IN ('fail', 'partial')
                GROUP BY f.run_id, f.priority
                """,
                new { repositoryId })
            .ToLookup(t => t.RunId);
        var parts = c.Query<(long RunId, string Ruleset, string Part, string Category, long? Score)>(
                """
                SELECT s.run_id, s.ruleset_version, s.part_path, s.category, s.score FROM runs r
                JOIN category_scores s ON s.run_id = r.id AND s.ruleset_version IN (r.ruleset_version, @ruleset) AND s.part_path != ''
                WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL
                """,
                new { repositoryId, ruleset })
            .ToLookup(p => (p.RunId, p.Ruleset));
        var weights = c.Query<(string Version, string Weights)>("SELECT version, category_weights FROM rulesets")
            .ToDictionary(r => r.Version, r => new ScoringOptions { CategoryWeights = RecordedAudit.ParseCategoryWeights(r.Weights) }, StringComparer.Ordinal);

        return runs.Select(run =>
            {
                var options = weights.GetValueOrDefault(run.ScoresRuleset) ?? ScoringOptions.Default;
                var byPriority = new[] { Priority.High, Priority.Medium, Priority.Low }
                    .ToDictionary(p => p.Id(), p => (int)tasks[run.Id].Where(t => t.Priority == p.Id()).Sum(t => t.Count));
                var partScores = parts[(run.Id, run.ScoresRuleset)]
                    .GroupBy(p => p.Part, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(
                        g => g.Key,
                        g => Scorer.PartScore(
                            g.Where(p => Categories.FromId(p.Category) is not null)
                                .Select(p => new CategoryScore(Categories.FromId(p.Category)!.Value, p.Score is { } s ? (int)s : null, null)),
                            options));
                return new TrendPoint(
                    run.EffectiveAt,
                    run.Number,
                    run.Commit,
                    run.Overall,
                    run.MaturityLevel,
                    run.Categories.ToDictionary(x => x.Key.Id(), x => x.Value),
                    byPriority,
                    partScores,
                    run.Label);
            })
            .ToList();
    }
}
