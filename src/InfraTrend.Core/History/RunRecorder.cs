using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Model;
using InfraTrend.Scanning;
using InfraTrend.Scoring;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>A run as the recorder stored it.</summary>
public sealed record RecordedRun(long RunId, long RepositoryId, int Number, string Identity);

/// <summary>Records one audit: its run, scores, findings and facts, and the tasks it moves, in one transaction.</summary>
public static class RunRecorder
{
    /// <param name="configHash">The hash of the .infratrend.yml it ran with; by default its configuration's.</param>
    /// <param name="insideTransaction">Runs after the run's rows are written and before the commit (tests use it to kill a recording half-way).</param>
    public static RecordedRun Record(
        HistoryDatabase db,
        AuditResult result,
        string? configHash = null,
        Action? insideTransaction = null)
    {
        configHash ??= result.Config.Hash;
        try
        {
            using var tx = db.BeginWrite();
            var c = db.Connection;
            var info = result.Repository;
            var (repositoryId, identity) = UpsertRepository(c, tx, info, result.AuditedAt);
            WriteRuleset(c, tx, result.Evaluation);
            var factsId = StoredFacts.Write(c, tx, result.Facts.ToStorageJson());
            var number = c.ExecuteScalar<long>("SELECT coalesce(max(number), 0) + 1 FROM runs WHERE repository_id = @repositoryId", new { repositoryId }, tx);
            var runId = c.ExecuteScalar<long>(
                """
                INSERT INTO runs (uid, repository_id, number, audited_at, effective_at, commit_sha, committed_at, branch, dirty,
                                  tool_version, ruleset_version, config_hash, files_scanned, duration_ticks, details, facts_id)
                VALUES (@uid, @repositoryId, @number, @auditedAt, @effectiveAt, @commit, @committedAt, @branch, @dirty,
                        @toolVersion, @rulesetVersion, @configHash, @filesScanned, @durationTicks, @details, @factsId)
                RETURNING id
                """,
                new
                {
                    uid = Guid.NewGuid().ToString("N"),
                    repositoryId,
                    number,
                    auditedAt = HistoryTime.Text(result.AuditedAt),
                    effectiveAt = HistoryTime.Text(result.EffectiveTime),
                    commit = info.Commit,
                    committedAt = HistoryTime.Text(info.CommittedAt),
                    branch = info.Branch,
                    dirty = info.Dirty,
                    toolVersion = result.ToolVersion,
                    rulesetVersion = result.Evaluation.RulesetVersion,
                    configHash,
                    filesScanned = result.FilesScanned,
                    durationTicks = result.Duration.Ticks,
                    details = DetailsJson(result),
                    factsId,
                },
                tx);
            WriteScores(c, tx, runId, result.Evaluation);
            WriteFindings(c, tx, runId, result.Evaluation);
            insideTransaction?.Invoke();
            TaskTracker.OnRunRecorded(c, tx, repositoryId, runId);
            tx.Commit();
            return new RecordedRun(runId, repositoryId, (int)number, identity);
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
    }

    /// <summary>Finds the repository by its identity (adopting a root-commit identity once a remote appears), or adds it.</summary>
    internal static (long Id, string Identity) UpsertRepository(SqliteConnection c, SqliteTransaction tx, RepositoryInfo info, DateTimeOffset seenAt)
    {
        var identity = RepositoryIdentity.Of(info);
        var id = c.ExecuteScalar<long?>("SELECT id FROM repositories WHERE identity = @identity", new { identity }, tx);
        if (id is null && info.RootCommit is { Length: > 0 } && identity != $"root:{info.RootCommit}")
        {
            id = c.ExecuteScalar<long?>("SELECT id FROM repositories WHERE identity = @old", new { old = $"root:{info.RootCommit}" }, tx);
            if (id is not null)
                c.Execute("UPDATE repositories SET identity = @identity WHERE id = @id", new { identity, id }, tx);
        }
        if (id is null)
        {
            return (c.ExecuteScalar<long>(
                """
                INSERT INTO repositories (identity, root, remote_url, root_commit, created_at, tasks_stale)
                VALUES (@identity, @root, @remote, @rootCommit, @createdAt, 0) RETURNING id
                """,
                new { identity, root = info.Root, remote = info.RemoteUrl, rootCommit = info.RootCommit, createdAt = HistoryTime.Text(seenAt) },
                tx), identity);
        }
        c.Execute(
            "UPDATE repositories SET root = @root, remote_url = coalesce(@remote, remote_url), root_commit = coalesce(@rootCommit, root_commit) WHERE id = @id",
            new { id, root = info.Root, remote = info.RemoteUrl, rootCommit = info.RootCommit },
            tx);
        return (id.Value, identity);
    }

    /// <summary>Stores the rules' metadata and weights once per ruleset version, so a stored run can be reprinted as it was scored.</summary>
    internal static void WriteRuleset(SqliteConnection c, SqliteTransaction tx, Evaluation evaluation)
    {
        // The weights the evaluation was built with, never its configuration's read again.
        var scoring = evaluation.Options;
        var inserted = c.Execute(
            "INSERT OR IGNORE INTO rulesets (version, category_weights) VALUES (@version, @weights)",
            new { version = evaluation.RulesetVersion, weights = CategoryWeightsJson(scoring) },
            tx);
        if (inserted == 0)
            return;
        c.Execute(
            """
            INSERT OR IGNORE INTO ruleset_rules (ruleset_version, analyzer_id, category, level, weight, severity, scope, title)
            VALUES (@RulesetVersion, @AnalyzerId, @Category, @Level, @Weight, @Severity, @Scope, @Title)
            """,
            evaluation.Results.Select(r => new
            {
                evaluation.RulesetVersion,
                AnalyzerId = r.Analyzer.Id,
                Category = r.Analyzer.Category.Id(),
                r.Analyzer.Level,
                Weight = scoring.WeightOf(r.Analyzer),
                Severity = r.Analyzer.Severity.ToString().ToLowerInvariant(),
                Scope = r.Analyzer.Scope.ToString().ToLowerInvariant(),
                r.Analyzer.Title,
            }),
            tx);
    }

    /// <summary>The overall, level and category scores (whole repository as part "", then each part) under the evaluation's ruleset.</summary>
    internal static void WriteScores(SqliteConnection c, SqliteTransaction tx, long runId, Evaluation evaluation)
    {
        var card = evaluation.ScoreCard;
        c.Execute(
            "INSERT OR REPLACE INTO run_scores (run_id, ruleset_version, overall, maturity_level) VALUES (@runId, @ruleset, @overall, @level)",
            new { runId, ruleset = evaluation.RulesetVersion, overall = card.Overall, level = card.Maturity.Level },
            tx);
        var rows = card.Categories.Select(s => (Part: "", Score: s))
            .Concat(evaluation.Parts.SelectMany(p => p.Categories.Select(s => (Part: p.Part.Path, Score: s))))
            .Select(x => new { runId, ruleset = evaluation.RulesetVersion, part = x.Part, category = x.Score.Category.Id(), score = x.Score.Score });
        c.Execute(
            "INSERT OR REPLACE INTO category_scores (run_id, ruleset_version, part_path, category, score) VALUES (@runId, @ruleset, @part, @category, @score)",
            rows,
            tx);
    }

    private static void WriteFindings(SqliteConnection c, SqliteTransaction tx, long runId, Evaluation evaluation)
    {
        var priorities = new Dictionary<string, Priority>(StringComparer.Ordinal);
        foreach (var task in evaluation.Tasks)
            priorities.TryAdd(task.Id, task.Priority);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<StoredFinding>();
        foreach (var f in evaluation.Findings)
        {
            // An analyzer that reports one subject twice is scored on the first (Scorer), so only the first is kept.
            if (!seen.Add(f.Fingerprint))
                continue;
            rows.Add(new StoredFinding(
                f.Analyzer.Id, f.PartPath, f.Finding.Subject, f.Finding.Status.Id(), f.Finding.Score,
                priorities.TryGetValue(f.Fingerprint, out var p) ? p.Id() : null,
                new FindingText(f.Finding.Message, f.Finding.Fix, EvidenceJson(f.Finding.Evidence))));
        }
        WriteFindings(c, tx, runId, rows);
    }

    /// <summary>A finding's message, fix and evidence: stored once however many runs report the same.</summary>
    internal sealed record FindingText(string Message, string? Fix, string Evidence)
    {
        public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Message}\0{Fix}\0{Evidence}")))[..32];
    }

    /// <summary>A finding as stored: its fingerprint's parts, status, score, priority when it is a task, and its text (none once pruned).</summary>
    internal sealed record StoredFinding(string AnalyzerId, string PartPath, string Subject, string Status, double Score, string? Priority, FindingText? Text);

    /// <summary>Writes a run's findings in order; fingerprints and texts are looked up in one query each and added when new.</summary>
    internal static void WriteFindings(SqliteConnection c, SqliteTransaction tx, long runId, IReadOnlyList<StoredFinding> findings)
    {
        var analyzers = findings.Select(f => f.AnalyzerId).Distinct(StringComparer.Ordinal).ToList();
        var fingerprints = new Dictionary<(string, string, string), long>();
        foreach (var chunk in analyzers.Chunk(500))
        {
            foreach (var (id, analyzer, part, subject) in c.Query<(long, string, string, string)>(
                         "SELECT id, analyzer_id, part_path, subject FROM fingerprints WHERE analyzer_id IN @chunk", new { chunk }, tx))
                fingerprints[(analyzer, part, subject)] = id;
        }
        var texts = new Dictionary<string, long>(StringComparer.Ordinal);
        var hashes = findings.Where(f => f.Text is not null).Select(f => f.Text!.Hash).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in hashes.Chunk(500))
        {
            foreach (var (id, hash) in c.Query<(long, string)>("SELECT id, hash FROM finding_texts WHERE hash IN @chunk", new { chunk }, tx))
                texts[hash] = id;
        }

        var rows = new List<object>(findings.Count);
        var ordinal = 0;
        foreach (var f in findings)
        {
            var key = (f.AnalyzerId, f.PartPath, f.Subject);
            if (!fingerprints.TryGetValue(key, out var fingerprintId))
            {
                fingerprints[key] = fingerprintId = c.ExecuteScalar<long>(
                    "INSERT INTO fingerprints (analyzer_id, part_path, subject) VALUES (@AnalyzerId, @PartPath, @Subject) RETURNING id", f, tx);
            }
            long? textId = null;
            if (f.Text is { } text)
            {
                var hash = text.Hash;
                if (!texts.TryGetValue(hash, out var id))
                {
                    texts[hash] = id = c.ExecuteScalar<long>(
                        "INSERT INTO finding_texts (hash, message, fix, evidence) VALUES (@hash, @Message, @Fix, @Evidence) RETURNING id",
                        new { hash, text.Message, text.Fix, text.Evidence },
                        tx);
                }
                textId = id;
            }
            rows.Add(new { runId, ordinal = ordinal++, fingerprintId, f.Status, f.Score, f.Priority, textId });
        }
        c.Execute(
            """
            INSERT INTO findings (run_id, ordinal, fingerprint_id, status, score, priority, text_id)
            VALUES (@runId, @ordinal, @fingerprintId, @Status, @Score, @Priority, @textId)
            """,
            rows,
            tx);
    }

    internal static string EvidenceJson(IReadOnlyList<Facts.Evidence> evidence) =>
        new JsonArray(evidence.Select(e => (JsonNode)new JsonArray(e.Path, e.Line)).ToArray()).ToJsonString();

    internal static IReadOnlyList<Facts.Evidence> ParseEvidence(string? json) =>
        json is null
            ? []
            : JsonNode.Parse(json)!.AsArray().Select(e => new Facts.Evidence(e![0]!.GetValue<string>(), e[1]!.GetValue<int>())).ToList();

    internal static string CategoryWeightsJson(ScoringOptions scoring)
    {
        var o = new JsonObject();
        foreach (var category in Categories.All)
            o[category.Id()] = scoring.WeightOf(category);
        return o.ToJsonString();
    }

    private static string DetailsJson(AuditResult result)
    {
        var details = new JsonObject
        {
            ["skipped"] = new JsonArray(result.Skipped.Select(s => (JsonNode)new JsonArray(s.Path, s.Reason.ToString())).ToArray()),
            ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)new JsonArray(w.Path, w.Message)).ToArray()),
        };
        // Waived findings, so a stored run is reprinted with them marked (their rows keep status and score, without a priority).
        var waived = result.Evaluation.Findings
            .Where(f => f.Waiver is not null)
            .Select(f => (JsonNode)new JsonArray(f.Fingerprint, f.Waiver!.Reason, f.Waiver.Until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        if (waived.Length > 0)
            details["waived"] = new JsonArray(waived);
        return details.ToJsonString();
    }
}
