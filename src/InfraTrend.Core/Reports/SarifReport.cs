using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.Reports;

/// <summary>
/// The audit as SARIF 2.1.0 for GitHub code scanning: every failing or partial finding is a result of its analyzer's
/// rule, located at its evidence (paths relative to %SRCROOT%) and keyed by the finding's fingerprint, so an alert
/// keeps its identity from one audit to the next. The driver lists every rule that ran, with its metadata.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>The uriBaseId every location is relative to: the repository's root.</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>The partialFingerprints key of our fingerprint (analyzer|part|subject); versioned so the scheme may change.</summary>
    public const string FingerprintKey = "infratrendFingerprint/v1";

    /// <summary>GitHub reads at most this many locations of a result.</summary>
    public const int MaxLocations = 10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(AuditResult result) => Build(result).ToJsonString(Options) + "\n";

    public static JsonObject Build(AuditResult result)
    {
        var evaluation = result.Evaluation;
        var rules = evaluation.Results.Select(r => r.Analyzer).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index);
        var results = new JsonArray();
        foreach (var finding in ReportText.AllFindings(evaluation).Where(ReportText.IsGap))
            results.Add(Result(finding, ruleIndex[finding.Analyzer.Id]));

        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = JsonReport.ToolName,
                    ["version"] = result.ToolVersion,
                    ["semanticVersion"] = result.ToolVersion,
                    ["rules"] = new JsonArray(rules.Select(Rule).ToArray<JsonNode?>()),
                },
            },
            ["invocations"] = new JsonArray(Invocation(result)),
            ["results"] = results,
            ["columnKind"] = "utf16CodeUnits",
            ["properties"] = new JsonObject
            {
                ["overallScore"] = evaluation.ScoreCard.Overall,
                ["maturityLevel"] = evaluation.ScoreCard.Maturity.Level,
                ["maturityName"] = evaluation.ScoreCard.Maturity.Name,
                ["rulesetVersion"] = evaluation.RulesetVersion,
            },
        };
        if (Provenance(result) is { } provenance)
            run["versionControlProvenance"] = new JsonArray(provenance);

        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
    }

    /// <summary>error for critical and high severity, warning for medium, note for low.</summary>
    public static string Level(Severity severity) =>
        severity switch
        {
            Severity.Critical or Severity.High => "error",
            Severity.Medium => "warning",
            _ => "note",
        };

    /// <summary>A repository-relative path as a URI reference: forward slashes, each segment percent-encoded.</summary>
    public static string Uri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));

    private static JsonObject Rule(AnalyzerDescriptor rule) =>
        new()
        {
            ["id"] = rule.Id,
            ["shortDescription"] = Text(rule.Title),
            ["fullDescription"] = Text($"{rule.LooksFor} {rule.WhyItMatters}".Trim()),
            ["help"] = new JsonObject
            {
                ["text"] = rule.Remediation,
                ["markdown"] = $"**How to fix:** {MarkdownText.Inline(rule.Remediation)}\n\n**Why it matters:** {MarkdownText.Inline(rule.WhyItMatters)}",
            },
            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
            ["properties"] = new JsonObject
            {
                ["category"] = rule.Category.Id(),
                ["level"] = rule.Level,
                ["weight"] = rule.Weight,
                ["severity"] = ReportText.SeverityId(rule.Severity),
                ["tags"] = new JsonArray("infrastructure", rule.Category.Id()),
            },
        };

    private static JsonObject Result(ScopedFinding finding, int ruleIndex)
    {
        var message = ReportText.Clean(finding.Finding.Message);
        if (finding.Finding.Status == FindingStatus.Partial)
            message += $" (partial, {ReportText.Percent(finding.Finding.Score)})";
        if (finding.PartPath != ".")
            message += $" [part {finding.PartPath}]";
        var properties = new JsonObject
        {
            ["status"] = finding.Finding.Status.Id(),
            ["score"] = finding.Finding.Score,
            ["part"] = finding.PartPath,
            ["subject"] = finding.Finding.Subject,
        };
        if (!string.IsNullOrWhiteSpace(finding.Finding.Fix))
            properties["fix"] = ReportText.Clean(finding.Finding.Fix);
        var result = new JsonObject
        {
            ["ruleId"] = finding.Analyzer.Id,
            ["ruleIndex"] = ruleIndex,
            ["level"] = Level(finding.Analyzer.Severity),
            ["message"] = Text(message),
            ["locations"] = new JsonArray(Locations(finding).ToArray<JsonNode?>()),
            ["partialFingerprints"] = new JsonObject { [FingerprintKey] = finding.Fingerprint },
            ["properties"] = properties,
        };
        // A waiver in .infratrend.yml is a suppression made outside the code (SARIF 2.1.0 §3.35): the result stays, marked.
        if (finding.Waiver is { } waiver)
        {
            var suppression = new JsonObject { ["kind"] = "external", ["status"] = "accepted", ["justification"] = ReportText.Clean(waiver.Reason) };
            if (waiver.Until is { } until)
                suppression["properties"] = new JsonObject { ["until"] = until.ToString("yyyy-MM-dd", Invariant) };
            result["suppressions"] = new JsonArray(suppression);
        }
        return result;
    }

    /// <summary>
    /// The evidence, up to <see cref="MaxLocations"/>. Code scanning shows a result only with a location, so a finding
    /// about something missing (no evidence) points at its part's folder, or the repository's root.
    /// </summary>
    private static IEnumerable<JsonObject> Locations(ScopedFinding finding)
    {
        var evidence = finding.Finding.Evidence.Distinct().Order().Take(MaxLocations).ToList();
        if (evidence.Count == 0)
            evidence.Add(new Evidence(finding.PartPath == "." ? "." : finding.PartPath, 0));
        foreach (var e in evidence)
        {
            var physical = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = Uri(e.Path), ["uriBaseId"] = SourceRoot },
            };
            if (e.Line > 0)
                physical["region"] = new JsonObject { ["startLine"] = e.Line };
            yield return new JsonObject { ["physicalLocation"] = physical };
        }
    }

    private static JsonObject Invocation(AuditResult result)
    {
        var invocation = new JsonObject
        {
            ["executionSuccessful"] = true,
            ["startTimeUtc"] = Time(result.AuditedAt),
            ["endTimeUtc"] = Time(result.AuditedAt + result.Duration),
        };
        var warnings = ReportText.Warnings(result);
        if (warnings.Count > 0)
        {
            invocation["toolExecutionNotifications"] = new JsonArray(warnings
                .Select(w => (JsonNode?)new JsonObject
                {
                    ["level"] = "warning",
                    ["message"] = Text(ReportText.Clean(w.Message)),
                    ["locations"] = new JsonArray(new JsonObject
                    {
                        ["physicalLocation"] = new JsonObject
                        {
                            ["artifactLocation"] = new JsonObject { ["uri"] = Uri(w.Path), ["uriBaseId"] = SourceRoot },
                        },
                    }),
                })
                .ToArray());
        }
        return invocation;
    }

    // Only a remote that is a URI (https://, ssh://) can be a repositoryUri; scp-like "git@host:org/repo" cannot.
    private static JsonObject? Provenance(AuditResult result)
    {
        var repo = result.Repository;
        if (repo.Commit is null || repo.RemoteUrl is null)
            return null;
        var remote = ReportText.Clean(repo.RemoteUrl);
        if (!System.Uri.TryCreate(remote, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "ssh" or "git"))
            return null;
        var provenance = new JsonObject { ["repositoryUri"] = uri.AbsoluteUri, ["revisionId"] = repo.Commit };
        if (repo.Branch is not null)
            provenance["branch"] = repo.Branch;
        return provenance;
    }

    private static JsonObject Text(string text) => new() { ["text"] = text };

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Invariant);
}
