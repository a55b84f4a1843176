using System.CommandLine;
using InfraTrend.Charts;
using InfraTrend.History;
using InfraTrend.Model;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend trend`: charts of the recorded runs against the plan's targets, and when each target will be met.</summary>
public static class TrendCommand
{
    public static readonly Command Definition = Syntax.Command(
        "trend",
        "Chart the recorded runs (PNG or SVG by the file's extension) against the targets of .infratrend.yml, with a forecast.",
        [Syntax.Path()],
        [
            Syntax.Choice("--chart", "CHART", "overall (default: score and maturity level), categories, burndown (open tasks by priority) or parts.", "overall", "categories", "burndown", "parts"),
            Syntax.Value("--out", "FILE", "The chart file, .png or .svg (default: trend-<chart>.png in the current directory)."),
            Syntax.Value("--out-dir", "DIR", "Write every chart that has data into DIR (PNG; --format svg for SVG); not with --out."),
            Syntax.Choice("--format", "FORMAT", "png (default) or svg, with --out-dir.", "png", "svg"),
            Syntax.Value("--since", "DATE", "Draw only runs from DATE (yyyy-MM-dd) on; the forecast still uses the whole history."),
            HistoryAccess.DbOption(),
        ],
        Run,
        details: "Runs are placed at their commit time (the audit time for a dirty working tree). The forecast fits a least-squares line to the runs of the 90 days before today (forecast.days in .infratrend.yml); with no run in them it says so instead. Every chart marks today.\nExample: infratrend trend . --out-dir charts --since 2025-01-01");

    public static int Run(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var kind = ChartKinds.Parse(args.Value("--chart") ?? "overall") ?? throw new UsageException($"--chart takes overall, categories, burndown or parts, not '{args.Value("--chart")}'");
            var extension = args.Value("--format") ?? "png";
            if (args.Has("--out") && args.Has("--out-dir"))
                throw new UsageException("--out and --out-dir go one at a time");
            DateTimeOffset? since = null;
            if (args.Value("--since") is { } sinceText)
            {
                if (!DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                    throw new UsageException($"--since takes a date written yyyy-MM-dd, not '{sinceText}'");
                since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }

            var target = HistoryAccess.Locate(args, args.Positionals.FirstOrDefault());
            var config = HistoryAccess.CurrentConfig(target);
            using var db = HistoryAccess.OpenExisting(target);
            var repository = HistoryAccess.RequireRepository(db, target);
            var series = HistoryTrend.Series(db!, repository, config.Targets, name: Reports.ReportText.RepositoryName(target.Identity));
            var options = new ChartOptions { Since = since, ForecastWindowDays = config.ForecastDays, Clock = terminal.Clock };
            var total = series.Points.Count;
            var shown = since is null ? Plural.Count(total, "run") : $"{total - series.Points.Count(p => p.At < since.Value)} of {Plural.Count(total, "run")} since {args.Value("--since")}";

            if (args.Value("--out-dir") is { } dir)
            {
                foreach (var (written, file) in TrendChart.WriteAll(series, Path.GetFullPath(dir), extension, options))
                    terminal.Line($"Wrote {written.Id()} chart of {shown} to {file}");
            }
            else if (!TrendChart.HasData(series, kind) && kind == ChartKind.Parts)
            {
                terminal.Line("No parts chart: the repository is one deployable unit (one part), so its overall chart says it all.");
            }
            else
            {
                var file = Path.GetFullPath(args.Value("--out") ?? kind.FileName(extension));
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                TrendChart.Write(series, kind, file, options);
                terminal.Line($"Wrote {kind.Id()} chart of {shown} to {file}");
            }
            foreach (var forecast in Forecast.ForTargets(series, terminal.Clock.GetUtcNow(), config.ForecastDays))
                terminal.Line(forecast.Describe());
            if (series.Targets.Count == 0)
                terminal.Line("No targets: 'infratrend init' writes .infratrend.yml with some.");
            return ExitCodes.Success;
        });
}
