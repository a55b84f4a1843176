using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Planning;
using InfraTrend.Scoring;

namespace InfraTrend.Reports;

/// <summary>
/// The audit as versioned JSON (docs/json-format.md, schema docs/audit.schema.json): every key always
/// present, lists in a stable order, so two audits of the same state differ only in auditedAt and durationMs.
/// </summary>
public static class JsonReport
{
    public const string ToolName = "InfraTrend";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        // The file is read by people and scripts, never embedded in HTML: keep paths and messages legible.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(AuditResult result) => Build(result).ToJsonString(Options) + "\n";

    public static JsonObject Build(AuditResult result)
    {
        var evaluation = result.Evaluation;
        var card = evaluation.ScoreCard;
        var repo = result.Repository;
        return new JsonObject
        {
            ["schemaVersion"] = AuditResult.SchemaVersion,
            ["tool"] = new JsonObject
            {
                ["name"] = ToolName,
                ["version"] = result.ToolVersion,
                ["rulesetVersion"] = evaluation.RulesetVersion,
            },
            ["repository"] = new JsonObject
            {
                ["root"] = repo.Root,
                ["commit"] = repo.Commit,
                ["branch"] = repo.Branch,
                ["committedAt"] = repo.CommittedAt is { } committed ? Time(committed) : null,
                ["dirty"] = repo.Dirty,
                ["remote"] = repo.RemoteUrl,
                ["rootCommit"] = repo.RootCommit,
            },
            ["auditedAt"] = Time(result.AuditedAt),
            ["durationMs"] = (long)Math.Round(result.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero),
            ["filesScanned"] = result.FilesScanned,
            ["overall"] = new JsonObject
            {
                ["score"] = card.Overall,
                ["status"] = card.Overall is { } overall ? MaturityLevels.Status(overall) : null,
                ["maturityLevel"] = card.Maturity.Level,
                ["maturityName"] = card.Maturity.Name,
            },
            ["maturity"] = Maturity(card.Maturity),
            ["categories"] = Array(card.Categories.OrderBy(c => c.Category).Select(c => new JsonObject
            {
                ["id"] = c.Category.Id(),
                ["name"] = c.Category.DisplayName(),
                ["score"] = c.Score,
                ["status"] = c.Status,
            })),
            ["findings"] = Array(ReportText.AllFindings(evaluation).Select(Finding)),
            ["facts"] = result.Facts.Repository.ToFactsJson(),
            ["factEvidence"] = result.Facts.Repository.ToEvidenceJson(),
            ["parts"] = Array(evaluation.Parts.Select(Part)),
            ["tasks"] = Array(evaluation.Tasks.Select(Task)),
            ["skipped"] = Array(ReportText.Skipped(result).Select(s => new JsonObject
            {
                ["path"] = s.Path,
                ["reason"] = ReportText.SkipReasonId(s.Reason),
            })),
            ["warnings"] = Array(ReportText.Warnings(result).Select(w => new JsonObject
            {
                ["path"] = w.Path,
                ["message"] = ReportText.Clean(w.Message),
            })),
        };
    }

    private static JsonObject Maturity(MaturityAssessment maturity) =>
        new()
        {
            ["level"] = maturity.Level,
            ["name"] = maturity.Name,
            ["threshold"] = ScoringOptions.LevelThreshold,
            ["levels"] = Array(maturity.Levels.OrderBy(l => l.Level).Select(l => new JsonObject
            {
                ["level"] = l.Level,
                ["name"] = l.Name,
                ["applicableWeight"] = l.ApplicableWeight,
                ["passingWeight"] = l.PassingWeight,
                ["reached"] = l.Reached,
                ["essentialFailing"] = Array(l.EssentialFailing.Select(id => JsonValue.Create(id))),
            })),
            ["blocking"] = Array(maturity.BlockingNext.Select(f => JsonValue.Create(f.Fingerprint))),
        };

    private static JsonObject Finding(ScopedFinding f)
    {
        var finding = new JsonObject
        {
            ["analyzer"] = f.Analyzer.Id,
            ["title"] = f.Analyzer.Title,
            ["category"] = f.Analyzer.Category.Id(),
            ["level"] = f.Analyzer.Level,
            ["severity"] = ReportText.SeverityId(f.Analyzer.Severity),
            ["status"] = f.Finding.Status.Id(),
            ["score"] = f.Finding.Score,
            ["subject"] = f.Finding.Subject,
            ["part"] = f.PartPath,
            ["fingerprint"] = f.Fingerprint,
            ["evidence"] = FactTable.EvidenceArray(f.Finding.Evidence),
            ["message"] = ReportText.Clean(f.Finding.Message),
            ["fix"] = f.Finding.Fix is null ? null : ReportText.Clean(f.Finding.Fix),
        };
        // Only a waived finding has the key: it is not scored and opens no task, but is reported as it is.
        if (f.Waiver is { } w)
            finding["waiver"] = new JsonObject { ["reason"] = ReportText.Clean(w.Reason), ["until"] = w.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        return finding;
    }

    private static JsonObject Part(PartScores part) =>
        new()
        {
            ["path"] = part.Part.Path,
            ["name"] = part.Part.Name,
            ["kind"] = part.Part.Kind,
            ["stack"] = new JsonObject
            {
                ["languages"] = Array(part.Part.Facts.List(FactKeys.Languages).Select(l => JsonValue.Create(l))),
                ["frameworks"] = Array(part.Part.Facts.List(FactKeys.Frameworks).Select(l => JsonValue.Create(l))),
            },
            ["categories"] = Array(part.Categories.OrderBy(c => c.Category).Select(c => new JsonObject
            {
                ["id"] = c.Category.Id(),
                ["score"] = c.Score,
                ["status"] = c.Status,
            })),
            ["testFiles"] = part.Part.Facts.Number(FactKeys.TestFiles),
        };

    private static JsonObject Task(RemediationTask t) =>
        new()
        {
            ["id"] = t.Id,
            ["analyzer"] = t.AnalyzerId,
            ["priority"] = t.Priority.Id(),
            ["severity"] = ReportText.SeverityId(t.Severity),
            ["title"] = t.Title,
            ["message"] = ReportText.Clean(t.Message),
            ["fix"] = t.Fix is null ? null : ReportText.Clean(t.Fix),
            ["category"] = t.Category.Id(),
            ["level"] = t.Level,
            ["part"] = t.PartPath,
            ["evidence"] = FactTable.EvidenceArray(t.Evidence),
        };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());

    /// <summary>RFC 3339 with milliseconds and offset, invariant: "2025-08-27T10:03:12.000+00:00".</summary>
    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
