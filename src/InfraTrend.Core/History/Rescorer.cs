using Dapper;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scoring;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>What `history rescore` did: runs scored under the current ruleset, runs that already were, and runs whose facts it cannot read.</summary>
public sealed record RescoreSummary(string Ruleset, int Rescored, int AlreadyCurrent, int NotRescorable);

/// <summary>
/// Scores stored runs again under the current rules from their stored facts. The scores they were recorded
/// with stay; the new ones are kept beside them under the current ruleset version.
/// </summary>
public static class Rescorer
{
    private const int RunsPerTransaction = 200;

    public static RescoreSummary Rescore(HistoryDatabase db, ScoringRules rules, long? repositoryId = null)
    {
        var current = rules.Version;
        var runs = db.Connection.Query<CandidateRow>(
                """
                SELECT r.id, r.ruleset_version, f.model_version,
                       EXISTS (SELECT 1 FROM run_scores s WHERE s.run_id = r.id AND s.ruleset_version = @current) AS has_current
                FROM runs r LEFT JOIN facts f ON f.id = r.facts_id
                WHERE r.pruned_at IS NULL AND (@repositoryId IS NULL OR r.repository_id = @repositoryId)
                ORDER BY r.id
                """,
                new { current, repositoryId })
            .ToList();
        var already = runs.Count(r => r.HasCurrent != 0 || r.RulesetVersion == current);
        // A run found with another fact model lacks inputs today's rules may read: it keeps its recorded scores.
        var unreadable = runs.Count(r => r.HasCurrent == 0 && r.RulesetVersion != current && r.ModelVersion != RepositoryFacts.ModelVersion);
        var todo = runs.Where(r => r.HasCurrent == 0 && r.RulesetVersion != current && r.ModelVersion == RepositoryFacts.ModelVersion).Select(r => r.Id).ToList();
        try
        {
            foreach (var chunk in todo.Chunk(RunsPerTransaction))
            {
                using var tx = db.BeginWrite();
                foreach (var runId in chunk)
                {
                    var stored = db.Connection.ExecuteScalar<byte[]>("SELECT f.brotli_json FROM runs r JOIN facts f ON f.id = r.facts_id WHERE r.id = @runId", new { runId }, tx)!;
                    var facts = StoredFacts.Read(stored);
                    var evaluation = rules.Evaluate(facts);
                    RunRecorder.WriteRuleset(db.Connection, tx, evaluation);
                    RunRecorder.WriteScores(db.Connection, tx, runId, evaluation);
                }
                tx.Commit();
            }
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
        return new RescoreSummary(current, todo.Count, already, unreadable);
    }

    private sealed record CandidateRow
    {
        public long Id { get; init; }
        public string RulesetVersion { get; init; } = "";
        public long? ModelVersion { get; init; }
        public long HasCurrent { get; init; }
    }
}
