using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>
/// How old runs are thinned, the way SonarQube's housekeeping does it: every run younger than
/// <see cref="KeepAll"/>, then the latest run of each day until <see cref="Daily"/>, of each week until
/// <see cref="Weekly"/>, and of each month after that. Ages count from the run's commit time.
/// </summary>
public sealed record RetentionPolicy(TimeSpan KeepAll, TimeSpan Daily, TimeSpan Weekly)
{
    public static RetentionPolicy Default { get; } = new(TimeSpan.FromDays(1), TimeSpan.FromDays(30), TimeSpan.FromDays(365));
}

/// <summary>A run retention looks at: when it sits in time, its branch, and whether it is marked.</summary>
public sealed record RetentionCandidate(long Id, int Number, string? Branch, DateTimeOffset At, string? Commit, bool Marked);

/// <summary>What pruning did (or, for a dry run, would do).</summary>
public sealed record PruneSummary(IReadOnlyList<RetentionCandidate> Pruned, int Kept);

/// <summary>
/// Applies a <see cref="RetentionPolicy"/>. Marked runs are always kept. A pruned run keeps a slim row
/// (its commit, times and each finding's status, without messages, evidence, scores or facts), so a later
/// backfill knows the commit was audited and task history can still be worked out from it.
/// </summary>
public static class Retention
{
    /// <summary>The runs the policy drops, per repository branch: in each bucket all but the latest, marked runs aside.</summary>
    public static IReadOnlyList<RetentionCandidate> RunsToPrune(IEnumerable<RetentionCandidate> runs, RetentionPolicy policy, DateTimeOffset now)
    {
        var prune = new List<RetentionCandidate>();
        foreach (var branch in runs.GroupBy(r => r.Branch ?? "", StringComparer.Ordinal))
        {
            foreach (var bucket in branch.GroupBy(r => Bucket(r.At, policy, now), StringComparer.Ordinal).Where(g => g.Key.Length > 0))
            {
                var keep = bucket.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).First();
                prune.AddRange(bucket.Where(r => r != keep && !r.Marked));
            }
        }
        return prune.OrderBy(r => r.At).ThenBy(r => r.Id).ToList();
    }

    /// <summary>The bucket a run falls in: "" when it is young enough to keep whatever happens.</summary>
    private static string Bucket(DateTimeOffset at, RetentionPolicy policy, DateTimeOffset now)
    {
        var age = now - at;
        var day = at.UtcDateTime.Date;
        if (age < policy.KeepAll)
            return "";
        if (age < policy.Daily)
            return day.ToString("'d'yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (age < policy.Weekly)
            return FormattableString.Invariant($"w{ISOWeek.GetYear(day)}-{ISOWeek.GetWeekOfYear(day):00}");
        return day.ToString("'m'yyyy-MM", CultureInfo.InvariantCulture);
    }

    public static PruneSummary Prune(HistoryDatabase db, RetentionPolicy policy, DateTimeOffset now, long? repositoryId = null, bool dryRun = false)
    {
        var c = db.Connection;
        var live = c.Query<CandidateRow>(
                """
                SELECT id, repository_id, number, branch, effective_at, commit_sha, label FROM runs
                WHERE pruned_at IS NULL AND (@repositoryId IS NULL OR repository_id = @repositoryId)
                """,
                new { repositoryId })
            .ToList();
        var pruned = live.GroupBy(r => r.RepositoryId)
            .SelectMany(g => RunsToPrune(g.Select(r => r.ToCandidate()), policy, now))
            .ToList();
        if (dryRun || pruned.Count == 0)
            return new PruneSummary(pruned, live.Count - pruned.Count);
        try
        {
            using (var tx = db.BeginWrite())
            {
                var ids = pruned.Select(r => new { id = r.Id, at = HistoryTime.Text(now) }).ToList();
                c.Execute("UPDATE runs SET pruned_at = @at, facts_id = NULL WHERE id = @id", ids, tx);
                c.Execute("DELETE FROM run_scores WHERE run_id = @id", ids, tx);
                c.Execute("DELETE FROM category_scores WHERE run_id = @id", ids, tx);
                // Status and priority stay: working tasks out again after a backfill needs them.
                c.Execute("UPDATE findings SET text_id = NULL WHERE run_id = @id", ids, tx);
                RemoveUnused(c, tx);
                tx.Commit();
            }
            c.Execute("PRAGMA incremental_vacuum");
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
        return new PruneSummary(pruned, live.Count - pruned.Count);
    }

    /// <summary>Facts, finding texts and fingerprints no run refers to any more.</summary>
    internal static void RemoveUnused(SqliteConnection c, SqliteTransaction tx)
    {
        c.Execute("DELETE FROM facts WHERE id NOT IN (SELECT facts_id FROM runs WHERE facts_id IS NOT NULL)", transaction: tx);
        c.Execute("DELETE FROM finding_texts WHERE id NOT IN (SELECT text_id FROM findings WHERE text_id IS NOT NULL)", transaction: tx);
        c.Execute("DELETE FROM fingerprints WHERE id NOT IN (SELECT fingerprint_id FROM findings)", transaction: tx);
    }

    private sealed record CandidateRow
    {
        public long Id { get; init; }
        public long RepositoryId { get; init; }
        public long Number { get; init; }
        public string? Branch { get; init; }
        public string EffectiveAt { get; init; } = "";
        public string? CommitSha { get; init; }
        public string? Label { get; init; }

        public RetentionCandidate ToCandidate() => new(Id, (int)Number, Branch, HistoryTime.Parse(EffectiveAt), CommitSha, Label is not null);
    }
}
