using System.Globalization;
using System.Text;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.Reports;

/// <summary>How the console summary is drawn. The CLI decides colour: none under NO_COLOR or when the output is redirected.</summary>
public sealed record ConsoleReportOptions
{
    /// <summary>ANSI colour and bold; off, the text is the same without escape sequences.</summary>
    public bool Color { get; init; }
    /// <summary>Columns available; every line is fitted to it (at least <see cref="ConsoleReport.MinWidth"/>).</summary>
    public int Width { get; init; } = 100;
    /// <summary>How many tasks of the plan the summary lists.</summary>
    public int TopTasks { get; init; } = 5;
    /// <summary>How many findings blocking the next level it lists.</summary>
    public int Blocking { get; init; } = 5;
}

/// <summary>
/// The audit as a terminal summary: the category table, overall score and maturity, what blocks the next
/// level, the top tasks, what was skipped and the warnings. Status glyphs carry meaning without colour.
/// </summary>
public static class ConsoleReport
{
    public const int MinWidth = 60;

    private const int CategoryWidth = 26;
    private const int StatusWidth = 12;
    private const int ScoreWidth = 7;
    private const int WeightWidth = 7;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(AuditResult result, ConsoleReportOptions? options = null)
    {
        options ??= new ConsoleReportOptions();
        var width = Math.Max(MinWidth, options.Width);
        var o = new Output(width, options.Color);
        var evaluation = result.Evaluation;
        var card = evaluation.ScoreCard;
        var repo = result.Repository;

        o.Line((ReportText.RepositoryName(repo), Style.Bold), ("  " + ReportText.CommitLine(repo), null));
        o.Line((string.Create(Invariant, $"{ReportText.Time(result.AuditedAt)} · {ReportText.Duration(result.Duration)} · {result.FilesScanned} files · InfraTrend {result.ToolVersion}"), Style.Dim));
        o.Blank();

        var findingsWidth = Math.Max(10, width - CategoryWidth - StatusWidth - ScoreWidth - WeightWidth - 4);
        o.Line((Pad("Category", CategoryWidth) + " " + Pad("Status", StatusWidth) + " " + Pad("Key findings", findingsWidth) + " " + "Score".PadLeft(ScoreWidth) + " " + "Weight".PadLeft(WeightWidth), Style.Bold));
        o.Line((new string('─', CategoryWidth) + " " + new string('─', StatusWidth) + " " + new string('─', findingsWidth) + " " + new string('─', ScoreWidth) + " " + new string('─', WeightWidth), Style.Dim));
        foreach (var category in card.Categories)
        {
            o.Line(
                (Pad(category.Category.DisplayName(), CategoryWidth) + " ", null),
                (Pad(StatusGlyph(category.Status) + " " + (category.Status ?? "n/a"), StatusWidth), StyleOf(category.Status)),
                (" " + Pad(ReportText.KeyFindings(evaluation, category.Category), findingsWidth) + " ", null),
                ((category.Score is { } s ? s.ToString(Invariant) : "–").PadLeft(ScoreWidth), StyleOf(category.Status)),
                (" " + ReportText.Number(evaluation.Options.WeightOf(category.Category)).PadLeft(WeightWidth), Style.Dim));
        }
        o.Line(("Score: the weighted mean of a category's checks. Weight: its share in the overall score.", Style.Dim));
        o.Blank();

        var overallStatus = card.Overall is { } overall ? MaturityLevels.Status(overall) : null;
        o.Line(("Overall score: ", Style.Bold), (ReportText.Score(card.Overall) + (overallStatus is null ? "" : $" ({overallStatus})"), StyleOf(overallStatus)));
        o.Line(("Maturity level: ", Style.Bold), (string.Create(Invariant, $"{card.Maturity.Level}/5 ({card.Maturity.Name})"), null));
        if (card.Maturity.Levels.FirstOrDefault(l => l.Level == card.Maturity.Level && l.Level >= 2) is { } reached)
        {
            var essentials = ReportText.ApplicableEssentials(evaluation, reached.Level);
            var why = string.Create(Invariant, $"Why: {ReportText.Percent(reached.Ratio)} of level {reached.Level}'s weight passes (needs {ReportText.Percent(ScoringOptions.LevelThreshold)})");
            o.Line((why + (essentials.Count == 0 ? "." : $"; essential {string.Join(", ", essentials)} passes."), null));
        }
        NextLevel(o, card.Maturity, options.Blocking);
        o.Blank();

        Tasks(o, evaluation, options.TopTasks);
        Waived(o, evaluation);
        Skipped(o, result);
        return o.ToString();
    }

    private static void NextLevel(Output o, MaturityAssessment maturity, int limit)
    {
        if (maturity.Level >= 5)
        {
            o.Line(("Level 5 (Optimizing) reached: nothing blocks.", Style.Good));
            return;
        }
        var next = maturity.Levels.First(l => l.Level == maturity.Level + 1);
        o.Line((string.Create(
            Invariant,
            $"Next: level {next.Level} ({next.Name}) needs {ReportText.Percent(ScoringOptions.LevelThreshold)} of its weight passing; {ReportText.Percent(next.Ratio)} passes now."), null));
        var essentials = ReportText.EssentialsOf(next).Select(e => e.Id + (e.Failing ? " (failing)" : "")).ToList();
        if (essentials.Count > 0)
            o.Line((string.Create(Invariant, $"Essential at level {next.Level}: {string.Join(", ", essentials)}."), null));
        if (maturity.BlockingNext.Count == 0)
            return;
        o.Line(("Blocked by:", null));
        foreach (var finding in maturity.BlockingNext.Take(limit))
        {
            var glyph = finding.Finding.Status == FindingStatus.Fail ? "✗" : "!";
            var where = ReportText.Where(finding);
            o.Line(("  " + glyph + " ", finding.Finding.Status == FindingStatus.Fail ? Style.Bad : Style.Warn),
                (finding.Analyzer.Title + (where == "repository" ? "" : $" [{where}]") + ": " + ReportText.Clean(finding.Finding.Message), null));
        }
        if (maturity.BlockingNext.Count > limit)
            o.Line((string.Create(Invariant, $"  … and {maturity.BlockingNext.Count - limit} more"), Style.Dim));
    }

    private static void Tasks(Output o, Evaluation evaluation, int limit)
    {
        var tasks = evaluation.Tasks;
        if (tasks.Count == 0)
        {
            o.Line(("No tasks: every applicable check passes.", Style.Good));
            o.Blank();
            return;
        }
        var counts = string.Join(", ", tasks.GroupBy(t => t.Priority).OrderByDescending(g => g.Key).Select(g => string.Create(Invariant, $"{g.Count()} {g.Key.Id()}")));
        o.Line((string.Create(Invariant, $"Top tasks ({tasks.Count} in all: {counts}):"), Style.Bold));
        var number = 0;
        foreach (var task in tasks.Take(limit))
        {
            var marker = string.Create(Invariant, $"{++number,2}. ");
            o.Line((marker, null), ($"[{task.Priority.Id()}] ", task.Priority == Priority.High ? Style.Bad : task.Priority == Priority.Medium ? Style.Warn : Style.Dim), (task.Title, Style.Bold));
            var fix = ReportText.Clean(task.Fix).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            if (fix is not null)
                o.Line(("      fix: " + fix, null));
            if (task.Evidence.Count > 0)
                o.Line(("      at:  " + ReportText.EvidenceShort(task.Evidence), Style.Dim));
            o.Line(("      id:  " + task.Id, Style.Dim));
        }
        o.Blank();
    }

    /// <summary>Waived gaps: not scored and no task, but never hidden.</summary>
    private static void Waived(Output o, Evaluation evaluation)
    {
        var waived = ReportText.AllFindings(evaluation).Where(f => f.Waiver is not null && ReportText.IsGap(f)).ToList();
        if (waived.Count == 0)
            return;
        o.Line((string.Create(Invariant, $"Waived ({waived.Count}, not scored):"), Style.Bold));
        foreach (var finding in waived)
        {
            var where = ReportText.Where(finding);
            o.Line(("  ~ ", Style.Dim), (finding.Analyzer.Title + (where == "repository" ? "" : $" [{where}]") + ": " + ReportText.WaivedLabel(finding), null));
        }
        o.Blank();
    }

    private static void Skipped(Output o, AuditResult result)
    {
        var byReason = ReportText.SkippedByReason(result.Skipped);
        o.Line(("Skipped files: ", Style.Bold), (byReason.Count == 0
            ? "none"
            : string.Join(", ", byReason.Select(r => string.Create(Invariant, $"{r.Count} {ReportText.SkipReasonId(r.Reason)}"))), null));
        var warnings = ReportText.Warnings(result);
        if (warnings.Count == 0)
        {
            o.Line(("Warnings: ", Style.Bold), ("none", null));
            return;
        }
        o.Line((string.Create(Invariant, $"Warnings ({warnings.Count}):"), Style.Bold));
        foreach (var (path, message) in warnings)
            o.Line(("  ! ", Style.Warn), (path + ": " + ReportText.Clean(message), null));
    }

    /// <summary>✓ good or better, ! basic or limited, ✗ missing, - not assessed: readable without colour.</summary>
    public static string StatusGlyph(string? status) =>
        status switch
        {
            "excellent" or "good" => "✓",
            "basic" or "limited" => "!",
            "missing" => "✗",
            _ => "-",
        };

    private static Style? StyleOf(string? status) =>
        status switch
        {
            "excellent" or "good" => Style.Good,
            "basic" or "limited" => Style.Warn,
            "missing" => Style.Bad,
            _ => Style.Dim,
        };

    private static string Pad(string text, int width) => Fit(text, width).PadRight(width);

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";

    /// <summary>
    /// Characters that would let repository text steer the terminal (escape sequences, other controls,
    /// bidirectional overrides) become '?'.
    /// </summary>
    public static string Sanitize(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
            safe.Append(char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') ? '?' : c);
        return safe.ToString();
    }

    private enum Style
    {
        Bold,
        Dim,
        Good,
        Warn,
        Bad,
    }

    /// <summary>Lines of styled segments, each fitted to the width on its plain text before any escape code is added.</summary>
    private sealed class Output(int width, bool color)
    {
        private readonly StringBuilder _text = new();

        public void Blank() => _text.Append('\n');

        public void Line(params (string Text, Style? Style)[] segments)
        {
            var room = width;
            foreach (var (raw, style) in segments)
            {
                if (room <= 0)
                    break;
                var text = Sanitize(raw);
                if (text.Length > room)
                    text = Fit(text, room);
                room -= text.Length;
                if (color && style is { } s && text.Length > 0)
                    _text.Append(Code(s)).Append(text).Append("\u001b[0m");
                else
                    _text.Append(text);
            }
            // Padding at the end of a line is noise for a reader and for diff.
            while (_text.Length > 0 && _text[^1] == ' ')
                _text.Length--;
            _text.Append('\n');
        }

        private static string Code(Style style) =>
            style switch
            {
                Style.Bold => "\u001b[1m",
                Style.Dim => "\u001b[2m",
                Style.Good => "\u001b[32m",
                Style.Warn => "\u001b[33m",
                _ => "\u001b[31m",
            };

        public override string ToString() => _text.ToString();
    }
}
