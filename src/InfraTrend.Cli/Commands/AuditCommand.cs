using System.CommandLine;
using InfraTrend.Auditing;
using InfraTrend.Charts;
using InfraTrend.Model;
using InfraTrend.Reports;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend audit [PATH]`: audits a repository and prints or writes its report.</summary>
public static class AuditCommand
{
    public static readonly Command Definition = Syntax.Command(
        "audit",
        "Audit a repository: facts with evidence, scores, maturity level and an improvement plan.",
        [Syntax.Path()],
        [
            Syntax.Choice("--format", "FORMAT", "console (default), md, json, html (one self-contained file) or sarif (SARIF 2.1.0, for code scanning).", "console", "md", "json", "html", "sarif"),
            Syntax.Value("--out", "FILE", "Write the report to FILE (the console summary still prints)."),
            Syntax.Value("--ref", "REV", "Audit a commit straight from git objects, without checking it out."),
            Syntax.Value("--fail-under", "N", "Exit with code 2 when the overall score is below N (0-100)."),
            Syntax.Flag("--cache", "Keep values worked out from unchanged files in a cache beside the history database and reuse them. Off by default: on the large repositories measured it still costs a little more than it saves (docs/cache.md)."),
            Syntax.Flag("--no-cache", "Audit from scratch, neither reading nor writing that cache (today's default; wins over --cache)."),
            .. AuditHistory.Options(),
        ],
        Run,
        details: "PATH defaults to the current directory; the repository is the git top level above it. Nothing in the repository is run.\n"
            + "Every audit is recorded in the history unless --no-record; when it cannot be, the report still prints and the exit code is 3.\n"
            + "Examples: infratrend audit . --format md --out report.md; infratrend audit --fail-under 60 --fail-on-regression (a CI gate).");

    public static int Run(Arguments args, Terminal terminal)
    {
        var format = args.Value("--format") ?? "console";
        var failUnder = args.Int("--fail-under", 0, 100);
        var path = Path.GetFullPath(args.Positionals.FirstOrDefault() ?? ".");
        if (!Directory.Exists(path))
        {
            terminal.Error.WriteLine(File.Exists(path) ? $"infratrend: '{path}' is a file, not a directory" : $"infratrend: '{path}' does not exist");
            return ExitCodes.InputError;
        }

        AuditResult result;
        try
        {
            var cache = !args.Has("--cache") || args.Has("--no-cache") ? null : new CacheRequest(args.Value("--db"),
                warning => terminal.Error.WriteLine($"infratrend: warning: {warning}"),
                note => { if (terminal.Verbose) terminal.Error.WriteLine($"infratrend: {note}"); });
            result = Auditor.Audit(path, new AuditOptions { Ref = args.Value("--ref"), Progress = terminal.Progress, Cache = cache });
        }
        catch (ArgumentException e) when (args.Value("--ref") is not null)
        {
            terminal.EndProgress();
            terminal.Error.WriteLine($"infratrend: {e.Message}");
            return ExitCodes.InputError;
        }
        terminal.EndProgress();
        if (!terminal.Verbose)
            WarnSkipped(result, terminal);

        var outPath = args.Value("--out");
        // A Markdown or HTML report waits for the history, so it can carry the trend that includes this audit: it is
        // rendered once, after the run is recorded. Every other report is rendered now.
        var withTrend = format == "md" || (format == "html" && outPath is not null);
        var report = withTrend ? null : ReportFormats.Render(result, format);
        FileStream? outFile = null;
        if (outPath is not null)
        {
            try
            {
                var full = Path.GetFullPath(outPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                // Opened before the history is touched: a report that cannot be written stops here, unrecorded (exit 1).
                outFile = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                terminal.Error.WriteLine($"infratrend: cannot write {outPath}: {e.Message}");
                return ExitCodes.InputError;
            }
        }
        using (outFile)
        {
            if (outFile is not null && !withTrend)
                Write(outFile, report ?? ConsoleReport.Render(result, new ConsoleReportOptions { Color = false }));

            var toStdout = outPath is null && format != "console";
            if (toStdout && !withTrend)
                terminal.Output.Write(report);
            else if (!terminal.Quiet)
            {
                terminal.Output.Write(ConsoleReport.Render(result, new ConsoleReportOptions { Color = terminal.Color, Width = terminal.Width }));
                if (outPath is not null)
                    terminal.Line($"Report written to {outPath}");
            }
            if (terminal.Verbose)
            {
                // Details for whoever wonders why a file did not count; stderr, so stdout stays the report.
                foreach (var skipped in result.Skipped)
                    terminal.Error.WriteLine($"skipped {ReportText.TerminalPath(skipped.Path)}: {ReportText.SkipReasonId(skipped.Reason)}");
                terminal.Error.WriteLine($"audited {result.FilesScanned} files in {result.Duration.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms; ruleset {result.Evaluation.RulesetVersion}");
                terminal.Error.WriteLine("costliest fact sources (they run side by side: each one's own wall time, overlapping the others'; allocations on every thread meanwhile):");
                foreach (var cost in result.SourceCosts.OrderByDescending(c => c.Elapsed).Take(8))
                    terminal.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {cost.Source}: {cost.Elapsed.TotalMilliseconds:0} ms, {cost.Allocated / 1e6:0} MB allocated"));
                terminal.Error.WriteLine(result.Cache is { } c
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cache: {c.Hits} hits, {c.Misses} misses, {c.Stored} written, {c.Evicted} evicted; {c.Reading.TotalMilliseconds:0} ms opening and reading it, {c.Hashed} files hashed in {c.Hashing.TotalMilliseconds:0} ms ({c.Path})")
                    : "cache: none (no --cache, or it could not be used)");
            }

            var request = AuditHistory.Request(args, result, trend: withTrend, terminal);
            var outcome = AuditWorkflow.Conclude(result, request);
            var history = AuditHistory.Report(request, outcome, terminal, toStdout ? terminal.Error : terminal.Output);
            if (withTrend)
            {
                var trended = WithTrend(result, format, outcome.Trend, outPath is null ? null : Path.GetFullPath(outPath), terminal);
                if (outFile is not null)
                    Write(outFile, trended);
                else
                    terminal.Output.Write(trended);
            }
            if (failUnder is { } threshold && (result.Evaluation.ScoreCard.Overall ?? 0) < threshold)
            {
                terminal.Error.WriteLine($"infratrend: overall score {result.Evaluation.ScoreCard.Overall?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} is below --fail-under {threshold}");
                return history == ExitCodes.HistoryError ? history : ExitCodes.GateFailed;
            }
            return history;
        }
    }

    /// <summary>Writes the whole report into the file opened for it (File.WriteAllText's encoding: UTF-8 without a byte order mark).</summary>
    private static void Write(FileStream file, string text)
    {
        using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        writer.Write(text);
    }

    /// <summary>Lines listed one by one before the rest are counted.</summary>
    private const int SkippedWarned = 20;

    /// <summary>
    /// One line on stderr for each file the audit left out (the first 20; --verbose lists every one). Binary files and
    /// submodules, common and expected, are counted in one line each.
    /// </summary>
    private static void WarnSkipped(AuditResult result, Terminal terminal)
    {
        var skipped = ReportText.Skipped(result);
        var named = skipped.Where(s => s.Reason is not (Scanning.SkipReason.Binary or Scanning.SkipReason.Submodule)).ToList();
        foreach (var file in named.Take(SkippedWarned))
            terminal.Error.WriteLine($"infratrend: warning: skipped {ReportText.TerminalPath(file.Path)}: {ReportText.SkipExplanation(file.Reason)}");
        if (named.Count > SkippedWarned)
            terminal.Error.WriteLine($"infratrend: warning: skipped {Plural.Count(named.Count - SkippedWarned, "more file")} (--verbose lists them)");
        foreach (var (reason, noun) in new[] { (Scanning.SkipReason.Binary, "binary file"), (Scanning.SkipReason.Submodule, "submodule") })
        {
            var count = skipped.Count(s => s.Reason == reason);
            if (count > 0)
                terminal.Error.WriteLine($"infratrend: skipped {Plural.Count(count, noun)} (--verbose lists them)");
        }
    }

    /// <summary>
    /// The Markdown or HTML report, with the trend when the history has two runs or more: the HTML report draws its charts
    /// inline; the Markdown report written to a file gets its charts written beside it (embedded by relative path), and
    /// on stdout a trend section without images (there is no folder to put them in, and the section says so).
    /// </summary>
    private static string WithTrend(AuditResult result, string format, TrendSeries? series, string? reportPath, Terminal terminal)
    {
        if (series is null)
            return ReportFormats.Render(result, format)!;
        if (reportPath is null)
        {
            return MarkdownReport.Render(result, new MarkdownTrend(
                series, [], result.Config.ForecastDays, terminal.Clock,
                NoChartsBecause: "No charts: this report went to standard output. Write it to a file (--out FILE.md) and its charts are written beside it."));
        }
        var options = new ChartOptions { ForecastWindowDays = result.Config.ForecastDays, Clock = terminal.Clock };
        if (format == "html")
            return HtmlReport.Render(result, series, options);
        var folder = Path.GetDirectoryName(reportPath)!;
        var stem = Path.GetFileNameWithoutExtension(reportPath);
        var charts = new List<(ChartKind, string)>();
        foreach (var kind in ChartKinds.All.Where(k => TrendChart.HasData(series, k)))
        {
            var name = $"{stem}-{kind.FileName("png")}";
            TrendChart.Write(series, kind, Path.Combine(folder, name), options);
            charts.Add((kind, name));
        }
        terminal.Line($"Trend of {Plural.Count(series.Points.Count, "run")} added, with {Plural.Count(charts.Count, "chart")} beside the report");
        return MarkdownReport.Render(result, new MarkdownTrend(series, charts, result.Config.ForecastDays, terminal.Clock));
    }
}
