using System.Text.Json.Nodes;
using Dapper;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Scanning;
using InfraTrend.Scoring;

namespace InfraTrend.History;

/// <summary>
/// Puts a stored run back together as the <see cref="AuditResult"/> it was recorded from: its findings and
/// analyzer results under the rules and weights it was scored with, so any report prints it as it was.
/// </summary>
public static class RecordedAudit
{
    public static AuditResult Load(HistoryDatabase db, long runId)
    {
        var c = db.Connection;
        var run = c.QuerySingle<StoredRunRow>(
            """
            SELECT r.*, p.root, p.remote_url, p.root_commit, f.brotli_json AS facts, s.category_weights
            FROM runs r
            JOIN repositories p ON p.id = r.repository_id
            JOIN rulesets s ON s.version = r.ruleset_version
            LEFT JOIN facts f ON f.id = r.facts_id
            WHERE r.id = @runId
            """,
            new { runId });
        if (run.Facts is null)
            throw new HistoryInputException($"run {run.Number} was pruned: only its commit marker is kept");

        var facts = StoredFacts.Read(run.Facts);
        var rules = c.Query<RuleRow>("SELECT * FROM ruleset_rules WHERE ruleset_version = @version", new { version = run.RulesetVersion })
            .ToDictionary(r => r.AnalyzerId, Descriptor, StringComparer.Ordinal);
        var findings = c.Query<FindingRow>(
                """
                SELECT p.analyzer_id, p.part_path, p.subject, f.status, f.score, t.message, t.fix, t.evidence
                FROM findings f
                JOIN fingerprints p ON p.id = f.fingerprint_id
                LEFT JOIN finding_texts t ON t.id = f.text_id
                WHERE f.run_id = @runId
                ORDER BY f.ordinal
                """,
                new { runId })
            .ToLookup(f => f.AnalyzerId, StringComparer.Ordinal);
        var details = JsonNode.Parse(run.Details)!.AsObject();
        var waived = (details["waived"]?.AsArray() ?? [])
            .ToDictionary(
                w => w![0]!.GetValue<string>(),
                w => (Reason: w![1]!.GetValue<string>(), Until: w[2] is { } until ? DateOnly.ParseExact(until.GetValue<string>(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : (DateOnly?)null),
                StringComparer.Ordinal);
        // An analyzer's result is a function of its findings (Scorer), so only the findings are stored.
        var partWeights = Scorer.PartWeights(facts.Parts);
        var results = rules.Values
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(descriptor => Scorer.Result(
                descriptor,
                findings[descriptor.Id]
                    .Select(f => new ScopedFinding(
                        descriptor,
                        f.PartPath,
                        new Finding(f.Subject, FindingStatuses.Parse(f.Status), f.Score, RunRecorder.ParseEvidence(f.Evidence), f.Message ?? "", f.Fix))
                    {
                        Waiver = waived.TryGetValue($"{descriptor.Id}|{f.PartPath}|{f.Subject}", out var w) ? new Waiver(descriptor.Id, [], w.Reason, w.Until) : null,
                    })
                    .ToList(),
                partWeights))
            .ToList();

        var options = new ScoringOptions { CategoryWeights = ParseCategoryWeights(run.CategoryWeights) };
        var evaluation = Evaluation.FromResults(facts, results, options, run.RulesetVersion);
        var info = new RepositoryInfo(
            run.Root,
            run.CommitSha,
            run.Branch,
            HistoryTime.ParseOrNull(run.CommittedAt),
            run.Dirty != 0,
            run.RemoteUrl,
            run.RootCommit);
        return new AuditResult(
            info,
            run.ToolVersion,
            HistoryTime.Parse(run.AuditedAt),
            TimeSpan.FromTicks(run.DurationTicks),
            (int)run.FilesScanned,
            details["skipped"]!.AsArray().Select(s => new SkippedFile(s![0]!.GetValue<string>(), Enum.Parse<SkipReason>(s[1]!.GetValue<string>()))).ToList(),
            details["warnings"]!.AsArray().Select(w => (w![0]!.GetValue<string>(), w[1]!.GetValue<string>())).ToList(),
            facts,
            evaluation);
    }

    /// <summary>Scoring options with the weights a ruleset was recorded with.</summary>
    internal static IReadOnlyDictionary<Category, double> ParseCategoryWeights(string json)
    {
        var weights = new Dictionary<Category, double>();
        foreach (var (id, value) in JsonNode.Parse(json)!.AsObject())
        {
            if (Categories.FromId(id) is { } category && value is not null)
                weights[category] = value.GetValue<double>();
        }
        return weights;
    }

    /// <summary>The rule as it was: this tool's texts when it still knows the rule, the stored metadata and weight always.</summary>
    private static AnalyzerDescriptor Descriptor(RuleRow rule)
    {
        var category = Categories.FromId(rule.Category) ?? Category.Operations;
        var severity = Enum.Parse<Severity>(rule.Severity, ignoreCase: true);
        var scope = Enum.Parse<AnalyzerScope>(rule.Scope, ignoreCase: true);
        var known = AnalyzerRegistry.Find(rule.AnalyzerId);
        return known is not null
            ? known with { Category = category, Level = (int)rule.Level, Weight = rule.Weight, Severity = severity, Scope = scope, Title = rule.Title }
            : new AnalyzerDescriptor(
                rule.AnalyzerId, category, (int)rule.Level, rule.Weight, "", severity, rule.Title, "", "", "",
                () => throw new InvalidOperationException($"rule {rule.AnalyzerId} is not part of this version of InfraTrend"),
                scope);
    }

    private sealed record StoredRunRow
    {
        public long Number { get; init; }
        public string AuditedAt { get; init; } = "";
        public string? CommitSha { get; init; }
        public string? CommittedAt { get; init; }
        public string? Branch { get; init; }
        public long Dirty { get; init; }
        public string ToolVersion { get; init; } = "";
        public string RulesetVersion { get; init; } = "";
        public long FilesScanned { get; init; }
        public long DurationTicks { get; init; }
        public string Details { get; init; } = "{}";
        public string Root { get; init; } = "";
        public string? RemoteUrl { get; init; }
        public string? RootCommit { get; init; }
        public byte[]? Facts { get; init; }
        public string CategoryWeights { get; init; } = "{}";
    }

    internal sealed record RuleRow
    {
        public string AnalyzerId { get; init; } = "";
        public string Category { get; init; } = "";
        public long Level { get; init; }
        public double Weight { get; init; }
        public string Severity { get; init; } = "";
        public string Scope { get; init; } = "";
        public string Title { get; init; } = "";
    }

    private sealed record FindingRow
    {
        public string AnalyzerId { get; init; } = "";
        public string PartPath { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public double Score { get; init; }
        public string? Message { get; init; }
        public string? Fix { get; init; }
        public string? Evidence { get; init; }
    }
}
