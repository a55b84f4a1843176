using System.Globalization;
using System.Text;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
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

    // ---- findings grouped ----------------------------------------------------------------------

    /// <summary>
    /// An analyzer's findings with the same outcome: one finding alone, or several (every part or workload that
    /// passes, say) told once as "7 of 7 workloads pass".
    /// </summary>
    public sealed record FindingGroup(IReadOnlyList<ScopedFinding> Findings, int Of, string Noun)
    {
        public ScopedFinding First => Findings[0];
        public AnalyzerDescriptor Analyzer => First.Analyzer;
        public FindingStatus Status => First.Finding.Status;
        public bool IsGroup => Findings.Count > 1;

        /// <summary>"7 of 7 workloads pass", "2 of 5 parts fail", "3 of 4 files are partial".</summary>
        public string Count => string.Create(Invariant, $"{Findings.Count} of {Of} {Noun} ") + Status switch
        {
            FindingStatus.Pass => "pass",
            FindingStatus.Fail => "fail",
            FindingStatus.Partial => "are partial",
            _ => "do not apply",
        };

        /// <summary>Where the group's findings are: "backend, frontend, worker and 2 more".</summary>
        public string Where(int listed = ListedInline) => Capped(Findings.Select(ReportText.Where).ToList(), listed);

        /// <summary>The message, said once when every finding says the same, else the first as an example.</summary>
        public string Message =>
            Findings.Select(f => f.Finding.Message).Distinct(StringComparer.Ordinal).Count() == 1 ? First.Finding.Message : "e.g. " + First.Finding.Message;

        /// <summary>Every finding's evidence, each place once.</summary>
        public IReadOnlyList<Evidence> Evidence => Findings.SelectMany(f => f.Finding.Evidence).Distinct().ToList();

        /// <summary>The group's mean score (a partial group's findings may score differently).</summary>
        public double Score => Findings.Average(f => f.Finding.Score);
    }

    /// <summary>Items listed inline before the rest are counted ("and 12 more").</summary>
    public const int ListedInline = 5;

    /// <summary>"a, b, c, d, e and 12 more": the first few, the rest counted.</summary>
    public static string Capped(IReadOnlyList<string> items, int listed = ListedInline) =>
        items.Count <= listed
            ? string.Join(", ", items)
            : string.Join(", ", items.Take(listed)) + string.Create(Invariant, $" and {items.Count - listed} more");

    /// <summary>
    /// An analyzer's findings grouped by outcome, when it has several subjects (parts, workloads, files): findings
    /// with the same status become one group; a status only one finding has stays that finding. Not-applicable
    /// findings are left out unless nothing applies. In <see cref="FindingsOf"/> order.
    /// </summary>
    public static IReadOnlyList<FindingGroup> GroupsOf(AnalyzerResult result)
    {
        var findings = FindingsOf(result);
        var applicable = findings.Where(f => f.Finding.Status != FindingStatus.NotApplicable).ToList();
        if (applicable.Count < 2)
            return findings.Select(f => new FindingGroup([f], 1, "")).ToList();
        var noun = NounOf(applicable);
        return applicable
            // A waived finding is told on its own, with its reason, never folded into a count.
            .GroupBy(f => (f.Finding.Status, Waived: f.Waiver is not null))
            .SelectMany(g => g.Key.Waived || g.Count() == 1 ? g.Select(f => new FindingGroup([f], applicable.Count, noun)) : [new FindingGroup(g.ToList(), applicable.Count, noun)])
            .OrderBy(g => findings.ToList().IndexOf(g.First))
            .ToList();
    }

    private static string NounOf(IReadOnlyList<ScopedFinding> findings)
    {
        if (findings.All(f => f.Finding.Subject is "part" or "repository"))
            return "parts";
        if (findings.Any(f => f.Finding.Subject.Contains('#', StringComparison.Ordinal) || f.Finding.Subject.EndsWith("Chart.yaml", StringComparison.Ordinal)))
            return "workloads";
        return "files";
    }

    /// <summary>
    /// A per-part rule's parts that pass: "1 of 2 parts pass"; null for a repository-wide rule or one that applies to
    /// fewer than two parts. A part passes when every applicable finding it has passes.
    /// </summary>
    public static string? PartTally(AnalyzerResult result)
    {
        if (result.Analyzer.Scope != AnalyzerScope.Part)
            return null;
        var parts = result.Findings
            .Where(f => f.Finding.Status != FindingStatus.NotApplicable)
            .GroupBy(f => f.PartPath)
            .ToList();
        if (parts.Count < 2)
            return null;
        var passing = parts.Count(p => p.All(f => f.Finding.Status == FindingStatus.Pass));
        return string.Create(Invariant, $"{passing} of {parts.Count} parts pass");
    }

    /// <summary>"weight 1 of 5.75": a category's weight in the overall score and the weights of every assessed category.</summary>
    public static string CategoryWeight(Evaluation evaluation, Category category)
    {
        if (evaluation.ScoreCard.Categories.FirstOrDefault(c => c.Category == category)?.Score is null)
            return $"weight {Number(evaluation.Options.WeightOf(category))}, not counted";
        var total = evaluation.ScoreCard.Categories.Where(c => c.Score is not null).Sum(c => evaluation.Options.WeightOf(c.Category));
        return $"weight {Number(evaluation.Options.WeightOf(category))} of {Number(total)}";
    }

    // ---- maturity ------------------------------------------------------------------------------

    /// <summary>
    /// Why each level up to the next one stands as it does: "Level 3 (Defined) reached: 82% of its weight 12 passes
    /// (needs 55%), and its essential rule ci.tests passes." / "Level 4 (...) not reached: 18% passes (needs 55%)."
    /// </summary>
    /// <summary>A level's essential rules that apply to this repository, by id.</summary>
    public static IReadOnlyList<string> ApplicableEssentials(Evaluation evaluation, int level) =>
        evaluation.Results.Where(r => r.Analyzer.Essential && r.Analyzer.Level == level && r.Score is not null).Select(r => r.Analyzer.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>Every essential rule of a level in the catalogue, by id, and whether it fails in this audit.</summary>
    public static IReadOnlyList<(string Id, bool Failing)> EssentialsOf(LevelProgress level) =>
        AnalyzerRegistry.All.Where(a => a.Essential && a.Level == level.Level).Select(a => (a.Id, level.EssentialFailing.Contains(a.Id))).ToList();

    public static IReadOnlyList<string> LevelReasons(Evaluation evaluation)
    {
        var maturity = evaluation.ScoreCard.Maturity;
        var reasons = new List<string>();
        foreach (var level in maturity.Levels.Where(l => l.Level >= 2 && l.Level <= maturity.Level + 1))
        {
            var name = string.Create(Invariant, $"Level {level.Level} ({level.Name})");
            if (level.ApplicableWeight <= 0)
            {
                reasons.Add($"{name} not reached: no check of the level applies.");
                continue;
            }
            var share = string.Create(Invariant, $"{Percent(level.Ratio)} of its applicable weight ({Number(level.ApplicableWeight)}) passes (needs {Percent(ScoringOptions.LevelThreshold)})");
            var essentials = ApplicableEssentials(evaluation, level.Level);
            var essentialText = essentials.Count == 0
                ? "it has no applicable essential rule"
                : level.EssentialFailing.Count == 0
                    ? $"its essential rule{(essentials.Count == 1 ? "" : "s")} {string.Join(", ", essentials)} pass{(essentials.Count == 1 ? "es" : "")}"
                    : $"its essential rule{(level.EssentialFailing.Count == 1 ? "" : "s")} {string.Join(", ", level.EssentialFailing)} fail{(level.EssentialFailing.Count == 1 ? "s" : "")}";
            var state = level.Reached ? "reached" : "not reached";
            reasons.Add($"{name} {state}: {share}; {essentialText}.");
        }
        return reasons;
    }

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

    private static readonly IReadOnlyDictionary<Category, int> NoFloors = new Dictionary<Category, int>();
    private static readonly IReadOnlyDictionary<Category, (int From, double Slope)> NoTapers = new Dictionary<Category, (int From, double Slope)>();

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
        // A score raised to its category's floor, or tapered above a point, would otherwise contradict the checks beside it.
        var options = evaluation.Options;
        var shown = evaluation.ScoreCard.Category(category).Score;
        if (Scorer.CategoryScoreOf(category, evaluation.Results, options with { CategoryFloors = NoFloors, CategoryTapers = NoTapers }).Score is { } raw && raw != shown)
        {
            var rule = raw < options.FloorOf(category)
                ? string.Create(Invariant, $"the category's floor is {options.FloorOf(category)}")
                : string.Create(Invariant, $"above {options.CategoryTapers[category].From} a point counts {options.CategoryTapers[category].Slope:0%}");
            text.Append(Invariant, $" (they give {raw}; {rule})");
        }
        var gaps = results
            .Where(r => r.Status != FindingStatus.Pass)
            .OrderBy(r => r.Result.Analyzer.Level)
            .ThenByDescending(r => r.Result.Analyzer.Weight)
            .ThenBy(r => r.Result.Analyzer.Id, StringComparer.Ordinal)
            .Select(r => PartTally(r.Result) is { } tally ? $"{r.Result.Analyzer.Title} ({tally})" : r.Result.Analyzer.Title)
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

    /// <summary>Why a file was skipped, for a one-line warning: "a symlink that leads outside the repository, not followed".</summary>
    public static string SkipExplanation(SkipReason reason) =>
        reason switch
        {
            SkipReason.Binary => "binary, not read",
            SkipReason.Oversized => "over the size limit (1 MB), not read",
            SkipReason.Unreadable => "cannot be read",
            SkipReason.Submodule => "a submodule or nested repository, not audited",
            SkipReason.SymlinkOutsideRoot => "a symlink that leads outside the repository, not followed",
            SkipReason.SymlinkBroken => "a broken symlink",
            SkipReason.SymlinkLoop => "a symlink loop",
            SkipReason.SymlinkToDirectory => "a symlink to a folder, not entered",
            SkipReason.SymlinkInCommit => "a symlink in the audited commit, not followed",
            SkipReason.Missing => "listed but missing",
            SkipReason.SpecialFile => "a named pipe, socket or device, not opened",
            SkipReason.Unlisted => "a folder that could not be listed (path too long or not permitted): its files are outside the audit",
            _ => SkipReasonId(reason),
        };

    /// <summary>
    /// A repository path on one terminal line: control characters (a newline, an escape sequence) written as
    /// <c>\n</c>, <c>\t</c> or <c>\xHH</c>, so a file name can neither break the line nor drive the terminal.
    /// </summary>
    public static string TerminalPath(string path)
    {
        // A path past PATH_MAX runs to thousands of characters: its start and end say where it is.
        if (path.Length > 200)
            path = path[..80] + "…" + path[^80..];
        if (!path.Any(char.IsControl))
            return path;
        var shown = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            if (!char.IsControl(c))
                shown.Append(c);
            else if (c == '\n')
                shown.Append("\\n");
            else if (c == '\t')
                shown.Append("\\t");
            else
                shown.Append(string.Create(Invariant, $"\\x{(int)c:x2}"));
        }
        return shown.ToString();
    }

    /// <summary>Free text a report shows (messages, fixes, warnings), with anything that looks like a secret redacted.</summary>
    public static string Clean(string? text) => text is null ? "" : Redaction.Text(text);

    public static string EvidenceList(IEnumerable<Evidence> evidence) => string.Join(", ", evidence.Select(e => e.ToString()));

    /// <summary>The first few places and how many more: "a.yml:3, b.yml:4 and 12 more" (the JSON and HTML reports list them all).</summary>
    public static string EvidenceShort(IReadOnlyList<Evidence> evidence, int listed = ListedInline) =>
        Capped(evidence.Select(e => e.ToString()).ToList(), listed);

    // ---- numbers and times ---------------------------------------------------------------------

    /// <summary>A share as a whole percent, rounded down so that 54.9% never reads as the 55% a level needs.</summary>
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
