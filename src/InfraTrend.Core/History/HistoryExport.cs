using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using InfraTrend.Auditing;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>What an import added and what it already had.</summary>
public sealed record ImportSummary(int Repositories, int RunsAdded, int RunsAlreadyThere, int UserEventsAdded);

/// <summary>
/// `history export` / `history import`: the whole database as one JSON document, read back losslessly.
/// Runs and the user's task events carry ids of their own, so importing into a database that already has
/// some of them adds only the rest; task states are then worked out again from the runs.
/// </summary>
public static class HistoryExport
{
    public const string Format = "infratrend-history";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Export(HistoryDatabase db) => Build(db).ToJsonString(Indented) + "\n";

    public static JsonObject Build(HistoryDatabase db)
    {
        var c = db.Connection;
        var rulesets = new JsonArray();
        foreach (var ruleset in c.Query<(string Version, string CategoryWeights)>("SELECT version, category_weights FROM rulesets ORDER BY version"))
        {
            rulesets.Add(new JsonObject
            {
                ["version"] = ruleset.Version,
                ["categoryWeights"] = JsonNode.Parse(ruleset.CategoryWeights),
                ["rules"] = new JsonArray(c.Query<RecordedAudit.RuleRow>("SELECT * FROM ruleset_rules WHERE ruleset_version = @v ORDER BY analyzer_id", new { v = ruleset.Version })
                    .Select(r => (JsonNode)new JsonObject
                    {
                        ["analyzer"] = r.AnalyzerId,
                        ["category"] = r.Category,
                        ["level"] = r.Level,
                        ["weight"] = r.Weight,
                        ["severity"] = r.Severity,
                        ["scope"] = r.Scope,
                        ["title"] = r.Title,
                    })
                    .ToArray()),
            });
        }

        var repositories = new JsonArray();
        foreach (var repo in c.Query<RepositoryExportRow>("SELECT * FROM repositories ORDER BY identity"))
        {
            TaskTracker.EnsureCurrent(db, repo.Id);
            repositories.Add(new JsonObject
            {
                ["identity"] = repo.Identity,
                ["root"] = repo.Root,
                ["remoteUrl"] = repo.RemoteUrl,
                ["rootCommit"] = repo.RootCommit,
                ["createdAt"] = repo.CreatedAt,
                ["runs"] = new JsonArray(c.Query<RunExportRow>(
                        "SELECT r.*, f.brotli_json AS facts FROM runs r LEFT JOIN facts f ON f.id = r.facts_id WHERE r.repository_id = @id ORDER BY r.number",
                        new { id = repo.Id })
                    .Select(run => (JsonNode)ExportRun(c, run))
                    .ToArray()),
                ["tasks"] = new JsonArray(c.Query<TaskTracker.TaskRow>("SELECT * FROM tasks WHERE repository_id = @id ORDER BY fingerprint", new { id = repo.Id })
                    .Select(t => (JsonNode)new JsonObject
                    {
                        ["id"] = t.Fingerprint,
                        ["title"] = t.Title,
                        ["priority"] = t.Priority,
                        ["state"] = t.State,
                        ["firstSeen"] = Moment(t.FirstSeenAt, t.FirstSeenCommit, t.FirstSeenRun),
                        ["lastSeen"] = Moment(t.LastSeenAt, t.LastSeenCommit, t.LastSeenRun),
                        ["opened"] = Moment(t.OpenedAt, t.OpenedCommit, null),
                        ["closed"] = t.ClosedAt is null ? null : Moment(t.ClosedAt, t.ClosedCommit, null),
                        ["until"] = t.Until,
                        ["reason"] = t.Reason,
                    })
                    .ToArray()),
                ["events"] = new JsonArray(c.Query<TaskTracker.EventRow>("SELECT * FROM task_events WHERE repository_id = @id ORDER BY fingerprint, at, id", new { id = repo.Id })
                    .Select(e => (JsonNode)new JsonObject
                    {
                        ["task"] = e.Fingerprint,
                        ["at"] = e.At,
                        ["kind"] = e.Kind,
                        ["source"] = e.Source,
                        ["run"] = e.RunNumber,
                        ["commit"] = e.CommitSha,
                        ["reason"] = e.Reason,
                        ["until"] = e.Until,
                        ["uid"] = e.Uid,
                    })
                    .ToArray()),
            });
        }

        return new JsonObject
        {
            ["format"] = Format,
            ["formatVersion"] = FormatVersion,
            ["schemaVersion"] = HistorySchema.LatestVersion,
            ["tool"] = Auditor.ToolVersion,
            ["rulesets"] = rulesets,
            ["repositories"] = repositories,
        };
    }

    private static JsonObject ExportRun(SqliteConnection c, RunExportRow run)
    {
        var scores = new JsonArray();
        foreach (var score in c.Query<ScoreExportRow>("SELECT * FROM run_scores WHERE run_id = @id ORDER BY ruleset_version", new { id = run.Id }))
        {
            scores.Add(new JsonObject
            {
                ["ruleset"] = score.RulesetVersion,
                ["overall"] = score.Overall,
                ["level"] = score.MaturityLevel,
                ["categories"] = new JsonArray(c.Query<CategoryExportRow>(
                        "SELECT * FROM category_scores WHERE run_id = @id AND ruleset_version = @ruleset ORDER BY part_path, category",
                        new { id = run.Id, ruleset = score.RulesetVersion })
                    .Select(s => (JsonNode)new JsonObject { ["part"] = s.PartPath, ["category"] = s.Category, ["score"] = s.Score })
                    .ToArray()),
            });
        }
        return new JsonObject
        {
            ["uid"] = run.Uid,
            ["number"] = run.Number,
            ["auditedAt"] = run.AuditedAt,
            ["effectiveAt"] = run.EffectiveAt,
            ["commit"] = run.CommitSha,
            ["committedAt"] = run.CommittedAt,
            ["branch"] = run.Branch,
            ["dirty"] = run.Dirty != 0,
            ["tool"] = run.ToolVersion,
            ["ruleset"] = run.RulesetVersion,
            ["configHash"] = run.ConfigHash,
            ["filesScanned"] = run.FilesScanned,
            ["durationTicks"] = run.DurationTicks,
            ["label"] = run.Label,
            ["prunedAt"] = run.PrunedAt,
            ["details"] = JsonNode.Parse(run.Details),
            ["facts"] = run.Facts is null ? null : StoredFacts.Json(run.Facts),
            ["scores"] = scores,
            ["findings"] = new JsonArray(c.Query<FindingExportRow>(
                    """
                    SELECT p.analyzer_id, p.part_path, p.subject, f.status, f.score, f.priority, t.message, t.fix, t.evidence
                    FROM findings f JOIN fingerprints p ON p.id = f.fingerprint_id LEFT JOIN finding_texts t ON t.id = f.text_id
                    WHERE f.run_id = @id ORDER BY f.ordinal
                    """,
                    new { id = run.Id })
                .Select(f => (JsonNode)new JsonObject
                {
                    ["analyzer"] = f.AnalyzerId,
                    ["part"] = f.PartPath,
                    ["subject"] = f.Subject,
                    ["status"] = f.Status,
                    ["score"] = f.Score,
                    ["priority"] = f.Priority,
                    ["message"] = f.Message,
                    ["fix"] = f.Fix,
                    ["evidence"] = f.Evidence is null ? null : JsonNode.Parse(f.Evidence),
                })
                .ToArray()),
        };
    }

    private static JsonObject Moment(string at, string? commit, long? run) => new() { ["at"] = at, ["commit"] = commit, ["run"] = run };

    // ---- import ------------------------------------------------------------------------------------

    public static ImportSummary Import(HistoryDatabase db, string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new HistoryInputException("the file is not an InfraTrend history export (not a JSON object)");
        }
        catch (JsonException e)
        {
            throw new HistoryInputException($"the file is not an InfraTrend history export: {e.Message}");
        }
        if (root["format"]?.GetValue<string>() != Format)
            throw new HistoryInputException("the file is not an InfraTrend history export (no \"format\": \"infratrend-history\")");
        var version = root["formatVersion"]?.GetValue<int>() ?? 0;
        if (version > FormatVersion)
            throw new HistoryInputException($"the export was written by a newer InfraTrend (format {version}, this tool reads up to {FormatVersion})");

        var c = db.Connection;
        int repositories = 0, added = 0, already = 0, events = 0;
        try
        {
            using var tx = db.BeginWrite();
            foreach (var ruleset in Array(root, "rulesets"))
            {
                var v = Text(ruleset, "version")!;
                c.Execute("INSERT OR IGNORE INTO rulesets (version, category_weights) VALUES (@v, @w)", new { v, w = ruleset["categoryWeights"]!.ToJsonString() }, tx);
                c.Execute(
                    """
                    INSERT OR IGNORE INTO ruleset_rules (ruleset_version, analyzer_id, category, level, weight, severity, scope, title)
                    VALUES (@v, @analyzer, @category, @level, @weight, @severity, @scope, @title)
                    """,
                    Array(ruleset, "rules").Select(r => new
                    {
                        v,
                        analyzer = Text(r, "analyzer"),
                        category = Text(r, "category"),
                        level = r["level"]!.GetValue<long>(),
                        weight = r["weight"]!.GetValue<double>(),
                        severity = Text(r, "severity"),
                        scope = Text(r, "scope"),
                        title = Text(r, "title"),
                    }),
                    tx);
            }

            foreach (var repo in Array(root, "repositories"))
            {
                repositories++;
                var identity = Text(repo, "identity")!;
                var repositoryId = c.ExecuteScalar<long?>("SELECT id FROM repositories WHERE identity = @identity", new { identity }, tx)
                    ?? c.ExecuteScalar<long>(
                        """
                        INSERT INTO repositories (identity, root, remote_url, root_commit, created_at, tasks_stale)
                        VALUES (@identity, @root, @remote, @rootCommit, @createdAt, 1) RETURNING id
                        """,
                        new { identity, root = Text(repo, "root"), remote = Text(repo, "remoteUrl"), rootCommit = Text(repo, "rootCommit"), createdAt = Text(repo, "createdAt") },
                        tx);
                var changed = false;
                foreach (var run in Array(repo, "runs"))
                {
                    if (c.ExecuteScalar<long>("SELECT count(*) FROM runs WHERE uid = @uid", new { uid = Text(run, "uid") }, tx) > 0)
                    {
                        already++;
                        continue;
                    }
                    ImportRun(c, tx, repositoryId, run);
                    added++;
                    changed = true;
                }
                foreach (var e in Array(repo, "events").Where(e => Text(e, "source") == TaskTracker.SourceUser))
                {
                    events += c.Execute(
                        """
                        INSERT OR IGNORE INTO task_events (repository_id, fingerprint, at, kind, source, reason, until, uid)
                        VALUES (@repositoryId, @task, @at, @kind, @source, @reason, @until, @uid)
                        """,
                        new { repositoryId, task = Text(e, "task"), at = Text(e, "at"), kind = Text(e, "kind"), source = TaskTracker.SourceUser, reason = Text(e, "reason"), until = Text(e, "until"), uid = Text(e, "uid") },
                        tx);
                    changed = true;
                }
                if (changed)
                    TaskTracker.Replay(c, tx, repositoryId);
            }
            tx.Commit();
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or NullReferenceException)
        {
            throw new HistoryInputException($"the export is damaged: {e.Message}");
        }
        return new ImportSummary(repositories, added, already, events);
    }

    private static void ImportRun(SqliteConnection c, SqliteTransaction tx, long repositoryId, JsonObject run)
    {
        var number = run["number"]!.GetValue<long>();
        if (c.ExecuteScalar<long>("SELECT count(*) FROM runs WHERE repository_id = @repositoryId AND number = @number", new { repositoryId, number }, tx) > 0)
            number = c.ExecuteScalar<long>("SELECT max(number) + 1 FROM runs WHERE repository_id = @repositoryId", new { repositoryId }, tx);
        long? factsId = run["facts"] is JsonObject facts ? StoredFacts.Write(c, tx, facts) : null;
        var runId = c.ExecuteScalar<long>(
            """
            INSERT INTO runs (uid, repository_id, number, audited_at, effective_at, commit_sha, committed_at, branch, dirty,
                              tool_version, ruleset_version, config_hash, files_scanned, duration_ticks, details, facts_id, label, pruned_at)
            VALUES (@uid, @repositoryId, @number, @auditedAt, @effectiveAt, @commit, @committedAt, @branch, @dirty,
                    @tool, @ruleset, @configHash, @filesScanned, @durationTicks, @details, @factsId, @label, @prunedAt)
            RETURNING id
            """,
            new
            {
                uid = Text(run, "uid"),
                repositoryId,
                number,
                auditedAt = Text(run, "auditedAt"),
                effectiveAt = Text(run, "effectiveAt"),
                commit = Text(run, "commit"),
                committedAt = Text(run, "committedAt"),
                branch = Text(run, "branch"),
                dirty = run["dirty"]!.GetValue<bool>(),
                tool = Text(run, "tool"),
                ruleset = Text(run, "ruleset"),
                configHash = Text(run, "configHash"),
                filesScanned = run["filesScanned"]!.GetValue<long>(),
                durationTicks = run["durationTicks"]!.GetValue<long>(),
                details = run["details"]!.ToJsonString(),
                factsId,
                label = Text(run, "label"),
                prunedAt = Text(run, "prunedAt"),
            },
            tx);
        foreach (var score in Array(run, "scores"))
        {
            var ruleset = Text(score, "ruleset");
            c.Execute(
                "INSERT INTO run_scores (run_id, ruleset_version, overall, maturity_level) VALUES (@runId, @ruleset, @overall, @level)",
                new { runId, ruleset, overall = score["overall"]?.GetValue<long>(), level = score["level"]!.GetValue<long>() },
                tx);
            c.Execute(
                "INSERT INTO category_scores (run_id, ruleset_version, part_path, category, score) VALUES (@runId, @ruleset, @part, @category, @score)",
                Array(score, "categories").Select(s => new { runId, ruleset, part = Text(s, "part"), category = Text(s, "category"), score = s["score"]?.GetValue<long>() }),
                tx);
        }
        RunRecorder.WriteFindings(
            c,
            tx,
            runId,
            Array(run, "findings")
                .Select(f => new RunRecorder.StoredFinding(
                    Text(f, "analyzer")!, Text(f, "part")!, Text(f, "subject")!, Text(f, "status")!, f["score"]!.GetValue<double>(), Text(f, "priority"),
                    f["message"] is null ? null : new RunRecorder.FindingText(Text(f, "message")!, Text(f, "fix"), f["evidence"]?.ToJsonString() ?? "[]")))
                .ToList());
    }

    private static IEnumerable<JsonObject> Array(JsonObject o, string name) => (o[name] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static string? Text(JsonObject o, string name) => o[name]?.GetValue<string>();

    private sealed record RepositoryExportRow
    {
        public long Id { get; init; }
        public string Identity { get; init; } = "";
        public string Root { get; init; } = "";
        public string? RemoteUrl { get; init; }
        public string? RootCommit { get; init; }
        public string CreatedAt { get; init; } = "";
    }

    private sealed record RunExportRow
    {
        public long Id { get; init; }
        public string Uid { get; init; } = "";
        public long Number { get; init; }
        public string AuditedAt { get; init; } = "";
        public string EffectiveAt { get; init; } = "";
        public string? CommitSha { get; init; }
        public string? CommittedAt { get; init; }
        public string? Branch { get; init; }
        public long Dirty { get; init; }
        public string ToolVersion { get; init; } = "";
        public string RulesetVersion { get; init; } = "";
        public string? ConfigHash { get; init; }
        public long FilesScanned { get; init; }
        public long DurationTicks { get; init; }
        public string Details { get; init; } = "{}";
        public string? Label { get; init; }
        public string? PrunedAt { get; init; }
        public byte[]? Facts { get; init; }
    }

    private sealed record ScoreExportRow
    {
        public string RulesetVersion { get; init; } = "";
        public long? Overall { get; init; }
        public long MaturityLevel { get; init; }
    }

    private sealed record CategoryExportRow
    {
        public string PartPath { get; init; } = "";
        public string Category { get; init; } = "";
        public long? Score { get; init; }
    }

    private sealed record FindingExportRow
    {
        public string AnalyzerId { get; init; } = "";
        public string PartPath { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public double Score { get; init; }
        public string? Priority { get; init; }
        public string? Message { get; init; }
        public string? Fix { get; init; }
        public string? Evidence { get; init; }
    }
}
