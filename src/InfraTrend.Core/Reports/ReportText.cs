using System.Globalization;
using System.Text;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Planning;
using InfraTrend.Scanning;
using InfraTrend.Scoring;

namespace InfraTrend.Reports;

/// <summary>What every report says the same way: statuses, labels, the order of checks, numbers and times in the invariant culture.</summary>
public static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Categories at or above this score are the report's strengths (status good or excellent).</summary>
    public const int StrongScore = 75;

    // ---- statuses ------------------------------------------------------------------------------

    /// <summary>An analyzer's findings summed up: pass when all applicable pass, fail when all fail, null when none applies.</summary>
    public static FindingStatus? StatusOf(AnalyzerResult result)
    {
        // A waived finding is not scored, so it does not make the check pass or fail either.
        var applicable = result.Findings.Where(f => f.Finding.Status != FindingStatus.NotApplicable && f.Waiver is null).ToList();
        if (applicable.Count == 0)
            return null;
        if (applicable.All(f => f.Finding.Status == FindingStatus.Pass))
            return FindingStatus.Pass;
        if (applicable.All(f => f.Finding.Status == FindingStatus.Fail))
            return FindingStatus.Fail;
        return FindingStatus.Partial;
    }

    public static bool IsGap(ScopedFinding finding) => finding.Finding.Status is FindingStatus.Fail or FindingStatus.Partial;

    /// <summary>"Good" for "good"; "Not assessed" for a category where nothing applied.</summary>
    public static string StatusLabel(string? status) =>
        status is null ? "Not assessed" : char.ToUpperInvariant(status[0]) + status[1..];

    /// <summary>The sample report's status icons: ✅ good or better, ⚠️ basic or limited, ❌ missing, ➖ not assessed.</summary>
    public static string StatusIcon(string? status) =>
        status switch
        {
            "excellent" or "good" => "✅",
            "basic" or "limited" => "⚠️",
            "missing" => "❌",
            _ => "➖",
        };

    public static string FindingIcon(FindingStatus? status) =>
        status switch
        {
            FindingStatus.Pass => "✅",
            FindingStatus.Partial => "⚠️",
            FindingStatus.Fail => "❌",
            _ => "➖",
        };

    /// <summary>"pass", "partial 40%", "fail", "n/a".</summary>
    public static string FindingLabel(Finding finding) =>
        finding.Status switch
        {
            FindingStatus.Partial => $"partial {Percent(finding.Score)}",
            FindingStatus.NotApplicable => "n/a",
            _ => finding.Status.Id(),
        };

    /// <summary>"waived: reason (until 2027-06-30)" for a waived finding, null otherwise.</summary>
    public static string? WaivedLabel(ScopedFinding finding) =>
        finding.Waiver is { } w
            ? $"waived: {Clean(w.Reason)}{(w.Until is { } until ? $" (until {until.ToString("yyyy-MM-dd", Invariant)})" : "")}"
            : null;

    public static string SeverityId(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>A category's risk: the highest severity among its failing or partial findings.</summary>
    public static Severity? RiskOf(IEnumerable<ScopedFinding> findings)
    {
        var gaps = findings.Where(f => IsGap(f) && f.Waiver is null).Select(f => f.Analyzer.Severity).ToList();
        return gaps.Count == 0 ? null : gaps.Max();
    }

    public static string PriorityHeading(Priority priority) =>
        priority switch
        {
            Priority.High => "IMMEDIATE (This Week)",
            Priority.Medium => "SHORT-TERM (Weeks 2-4)",
            _ => "MEDIUM-TERM (Month 2+)",
        };

    /// <summary>The short category names of narrow tables.</summary>
    public static string ShortName(Category category) =>
        category switch
        {
            Category.Ci => "CI/CD",
            Category.Monitoring => "Monitoring",
            Category.Database => "Database",
            Category.Operations => "Operations",
            Category.Testing => "Testing",
            _ => category.DisplayName(),
        };

    /// <summary>"binary", "symlink-outside-root": the ids the JSON and the reports use for skip reasons.</summary>
    public static string SkipReasonId(SkipReason reason)
    {
        var name = reason.ToString();
        var id = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && id.Length > 0)
                id.Append('-');
            id.Append(char.ToLowerInvariant(c));
        }
        return id.ToString();
    }

    // ---- order ---------------------------------------------------------------------------------

    /// <summary>A category's analyzers: lower levels first, heavier first, then by id.</summary>
    public static IReadOnlyList<AnalyzerResult> ResultsOf(Evaluation evaluation, Category category) =>
        evaluation.Results
            .Where(r => r.Analyzer.Category == category)
            .OrderBy(r => r.Analyzer.Level)
            .ThenByDescending(r => r.Analyzer.Weight)
            .ThenBy(r => r.Analyzer.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>An analyzer's findings by part, then subject.</summary>
    public static IReadOnlyList<ScopedFinding> FindingsOf(AnalyzerResult result) =>
        result.Findings
            .OrderBy(f => f.PartPath, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Subject, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every finding of an audit: by category, then analyzer id, part and subject.</summary>
    public static IReadOnlyList<ScopedFinding> AllFindings(Evaluation evaluation) =>
        evaluation.Findings
            .OrderBy(f => f.Analyzer.Category)
            .ThenBy(f => f.Analyzer.Id, StringComparer.Ordinal)
            .ThenBy(f => f.PartPath, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Subject, StringComparer.Ordinal)
            .ToList();

    // ---- what a finding is about ---------------------------------------------------------------

    /// <summary>Where a finding applies: "repository", a part's path, or a subject such as a Dockerfile's path.</summary>
    public static string Where(ScopedFinding finding)
    {
        var subject = finding.Finding.Subject;
        var hasSubject = subject is not ("repository" or "part");
        if (finding.PartPath == ".")
            return hasSubject ? subject : "repository";
        return hasSubject ? $"{finding.PartPath}: {subject}" : finding.PartPath;
    }

    /// <summary>
    /// The executive summary's "key findings" of a category, built only from its checks' results:
    /// "3/4 checks pass; gaps: Error tracking; Tracing (+1 more)" (titles may hold commas, so they are split by semicolons).
    /// </summary>
    public static string KeyFindings(Evaluation evaluation, Category category, int maxTitles = 2)
    {
        var results = ResultsOf(evaluation, category).Select(r => (Result: r, Status: StatusOf(r))).Where(r => r.Status is not null).ToList();
        if (results.Count == 0)
            return "no applicable checks";
        var passing = results.Count(r => r.Status == FindingStatus.Pass);
        var text = new StringBuilder(string.Create(Invariant, $"{passing}/{results.Count} checks pass"));
        var gaps = results
            .Where(r => r.Status != FindingStatus.Pass)
            .OrderBy(r => r.Result.Analyzer.Level)
            .ThenByDescending(r => r.Result.Analyzer.Weight)
            .ThenBy(r => r.Result.Analyzer.Id, StringComparer.Ordinal)
            .Select(r => r.Result.Analyzer.Title)
            .ToList();
        if (gaps.Count > 0)
        {
            text.Append("; gaps: ").Append(string.Join("; ", gaps.Take(maxTitles)));
            if (gaps.Count > maxTitles)
                text.Append(Invariant, $" (+{gaps.Count - maxTitles} more)");
        }
        return text.ToString();
    }

    /// <summary>The repository's folder name.</summary>
    public static string RepositoryName(RepositoryInfo repository)
    {
        var name = Path.GetFileName(repository.Root.TrimEnd('/', '\\'));
        return name.Length == 0 ? repository.Root : name;
    }

    /// <summary>"abc1234 (main)", "abc1234 (main, uncommitted changes)", "no commit".</summary>
    public static string CommitLine(RepositoryInfo repository)
    {
        var notes = new List<string>();
        if (repository.Branch is not null)
            notes.Add(repository.Branch);
        if (repository.Dirty)
            notes.Add("uncommitted changes");
        var commit = repository.Commit ?? "no commit";
        return notes.Count == 0 ? commit : $"{commit} ({string.Join(", ", notes)})";
    }

    /// <summary>"3 binary, 1 oversized": skipped files counted by reason, in the reasons' order.</summary>
    public static IReadOnlyList<(SkipReason Reason, int Count)> SkippedByReason(IEnumerable<SkippedFile> skipped) =>
        skipped.GroupBy(s => s.Reason).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();

    /// <summary>Warnings in a stable order: by path, then message.</summary>
    public static IReadOnlyList<(string Path, string Message)> Warnings(AuditResult result) =>
        result.Warnings.OrderBy(w => w.Path, StringComparer.Ordinal).ThenBy(w => w.Message, StringComparer.Ordinal).ToList();

    /// <summary>Skipped files in a stable order: by path.</summary>
    public static IReadOnlyList<SkippedFile> Skipped(AuditResult result) =>
        result.Skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Reason).ToList();

    /// <summary>Free text a report shows (messages, fixes, warnings), with anything that looks like a secret redacted.</summary>
    public static string Clean(string? text) => text is null ? "" : Redaction.Text(text);

    public static string EvidenceList(IEnumerable<Evidence> evidence) => string.Join(", ", evidence.Select(e => e.ToString()));

    // ---- numbers and times ---------------------------------------------------------------------

    /// <summary>A share as a whole percent, rounded down so that 74.9% never reads as the 75% a level needs.</summary>
    public static string Percent(double ratio) => ((int)Math.Floor(ratio * 100 + 1e-9)).ToString(Invariant) + "%";

    /// <summary>A weight: at most two decimals, invariant ("2.5", "10").</summary>
    public static string Number(double value) => value.ToString("0.##", Invariant);

    public static string Score(int? score) => score is null ? "n/a" : score.Value.ToString(Invariant) + "/100";

    /// <summary>"2025-08-27 10:03:12 UTC".</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";

    /// <summary>"850 ms", "3.2 s", "2 min 5 s".</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration.TotalSeconds < 1)
            return ((int)duration.TotalMilliseconds).ToString(Invariant) + " ms";
        if (duration.TotalMinutes < 1)
            return duration.TotalSeconds.ToString("0.0", Invariant) + " s";
        return string.Create(Invariant, $"{(int)duration.TotalMinutes} min {duration.Seconds} s");
    }

    /// <summary>"4 passing, 2 partial, 3 failing, 5 not applicable": the findings of an audit counted.</summary>
    public static string FindingCounts(Evaluation evaluation)
    {
        var findings = evaluation.Findings.ToList();
        int Count(FindingStatus status) => findings.Count(f => f.Finding.Status == status);
        return string.Create(
            Invariant,
            $"{evaluation.Results.Count} checks, {findings.Count} findings: {Count(FindingStatus.Pass)} pass, {Count(FindingStatus.Partial)} partial, {Count(FindingStatus.Fail)} fail, {Count(FindingStatus.NotApplicable)} not applicable");
    }
}
