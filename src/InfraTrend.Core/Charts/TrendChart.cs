using System.Globalization;
using InfraTrend.Model;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace InfraTrend.Charts;

/// <summary>How a chart is drawn: its size in pixels, the forecast's window, and the first run it shows.</summary>
public sealed record ChartOptions
{
    public int Width { get; init; } = 1000;
    public int Height { get; init; } = 560;

    /// <summary>The forecast line is fitted to the runs of this many days before today.</summary>
    public int ForecastWindowDays { get; init; } = Forecast.DefaultWindowDays;

    /// <summary>Only runs at or after this time are drawn (the forecast still uses the whole history).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>What "today" is: the forecast's window ends there and a line marks it. Tests set a fixed clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Draws a <see cref="TrendSeries"/> as a chart (ScottPlot, with the embedded font): PNG or SVG, chosen by the file's
/// extension. Dates run along the x axis; the legend sits below the plot so it never covers the data.
/// </summary>
public static class TrendChart
{
    /// <summary>Above this many runs a line has no markers: they would merge into a thick smear.</summary>
    public const int MarkerLimit = 60;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Colour-blind-safe (Okabe-Ito, then Tol) colours, in a fixed order so a category keeps its colour across charts.
    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#332288"), Color.FromHex("#999933"),
        Color.FromHex("#882255"), Color.FromHex("#44AA99"), Color.FromHex("#AA4499"), Color.FromHex("#777777"),
    ];

    private static readonly Color TargetColor = Color.FromHex("#009E73");
    private static readonly Color ForecastColor = Color.FromHex("#555555");
    private static readonly Color TodayColor = Color.FromHex("#AA3377");

    /// <summary>Writes the chart to <paramref name="path"/>: PNG for ".png", SVG for ".svg" (any other extension is an error).</summary>
    public static void Write(TrendSeries series, ChartKind kind, string path, ChartOptions? options = null)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".png":
                File.WriteAllBytes(path, Png(series, kind, options));
                break;
            case ".svg":
                File.WriteAllText(path, Svg(series, kind, options));
                break;
            default:
                throw new ArgumentException($"a chart file must end in .png or .svg, not '{extension}'", nameof(path));
        }
    }

    /// <summary>
    /// Writes every chart that has data into <paramref name="directory"/> as trend-{kind}.{extension}
    /// ("png" or "svg") and returns what it wrote, in <see cref="ChartKinds.All"/> order.
    /// </summary>
    public static IReadOnlyList<(ChartKind Kind, string Path)> WriteAll(TrendSeries series, string directory, string extension = "png", ChartOptions? options = null)
    {
        Directory.CreateDirectory(directory);
        var written = new List<(ChartKind, string)>();
        foreach (var kind in ChartKinds.All.Where(k => HasData(series, k)))
        {
            var path = Path.Combine(directory, kind.FileName(extension));
            Write(series, kind, path, options);
            written.Add((kind, path));
        }
        return written;
    }

    public static byte[] Png(TrendSeries series, ChartKind kind, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        using var plot = Build(series, kind, options, svg: false);
        return plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png);
    }

    /// <summary>The chart as an SVG document: text stays text (in the embedded font's family), ids start with "trend-{kind}-".</summary>
    public static string Svg(TrendSeries series, ChartKind kind, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        using var plot = Build(series, kind, options, svg: true);
        return SvgCleanup.Apply(plot.GetSvgXml(options.Width, options.Height), $"trend-{kind.Id()}-");
    }

    /// <summary>
    /// Whether the chart has anything to draw: a parts chart needs a monorepo (two parts or more, over the whole
    /// history: a repository of one part is the overall chart again, under the part "."), the others a run.
    /// </summary>
    public static bool HasData(TrendSeries series, ChartKind kind) =>
        kind == ChartKind.Parts ? series.Points.SelectMany(p => p.Parts.Keys).Distinct(StringComparer.Ordinal).Take(2).Count() == 2 : series.Points.Count > 0;

    /// <summary>The legend text of each line a chart draws, in the legend's order (tests and the HTML report's alt text use it).</summary>
    public static IReadOnlyList<string> LegendTexts(TrendSeries series, ChartKind kind, ChartOptions? options = null)
    {
        using var plot = Build(series, kind, options ?? new ChartOptions(), svg: false);
        return plot.Legend.GetItems().Select(i => i.LabelText).Where(t => !string.IsNullOrEmpty(t)).ToList();
    }

    internal static Plot Build(TrendSeries series, ChartKind kind, ChartOptions options, bool svg)
    {
        ChartFont.EnsureRegistered();
        var points = series.Points
            .Where(p => options.Since is null || p.At >= options.Since.Value)
            .OrderBy(p => p.At)
            .ThenBy(p => p.RunNumber)
            .ToList();
        var plot = new Plot();
        try
        {
            var drawing = new Drawing(plot, series, points, options, svg);
            switch (kind)
            {
                case ChartKind.Overall:
                    drawing.Overall();
                    break;
                case ChartKind.Categories:
                    drawing.Categories();
                    break;
                case ChartKind.Burndown:
                    drawing.Burndown();
                    break;
                case ChartKind.Parts:
                    drawing.Parts();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
            drawing.Finish();
            return plot;
        }
        catch
        {
            plot.Dispose();
            throw;
        }
    }

    /// <summary>"shop" for "shop", "/srv/repos/shop" or "https://example.com/acme/shop.git".</summary>
    internal static string RepositoryLabel(string repository)
    {
        var trimmed = repository.TrimEnd('/', '\\');
        if (trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[..^4];
        var slash = trimmed.LastIndexOfAny(['/', '\\', ':']);
        var name = slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
        return name.Length == 0 ? repository : name;
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    internal static string Number(double value) => value.ToString("0.##", Invariant);

    /// <summary>One chart being drawn: its runs, the x range they and the targets need, and the lines so far.</summary>
    private sealed class Drawing(Plot plot, TrendSeries series, IReadOnlyList<TrendPoint> points, ChartOptions options, bool svg)
    {
        private readonly List<DateTime> _times = points.Select(p => p.At.UtcDateTime).ToList();
        private readonly DateTimeOffset _now = options.Clock.GetUtcNow();
        private readonly List<IPlottable> _labels = [];

        // Made first: replacing the bottom axis autoscales every axis, which would undo the limits set below.
        private readonly IXAxis _bottom = plot.Axes.DateTimeTicksBottom();

        public void Overall()
        {
            Title("Overall score and maturity level");
            ScoreAxis();
            var overall = Values(p => p.Overall);
            Line(overall, TrendMetrics.DisplayName(TrendMetrics.Overall), Palette[0], step: false, plot.Axes.Left, width: 2.5f);

            var right = plot.Axes.Right;
            right.IsVisible = true;
            right.Label.Text = "Maturity level (1-5)";
            var levels = new NumericManual();
            for (var level = 1; level <= 5; level++)
                levels.AddMajor(level, level.ToString(Invariant));
            right.TickGenerator = levels;
            plot.Axes.SetLimitsY(0.5, 5.5, right);
            Line(Values(p => p.MaturityLevel), "Maturity level (right axis)", Palette[1], step: true, right, width: 2f);

            foreach (var target in series.Targets.Where(t => t.Metric == TrendMetrics.Overall))
                Target(target, TargetColor, plot.Axes.Left, named: false);
            foreach (var target in series.Targets.Where(t => t.Metric == TrendMetrics.Maturity))
                Target(target, Palette[1], right, named: false);
            ForecastLine(TrendMetrics.Overall, ForecastColor);
        }

        public void Categories()
        {
            Title("Category scores");
            ScoreAxis();
            // A category keeps its colour (its place in the catalogue) whether or not the others are drawn.
            var colors = InfraTrend.Model.Categories.All.Select((c, i) => (Id: c.Id(), Color: Palette[i % Palette.Length])).ToDictionary(c => c.Id, c => c.Color);
            foreach (var category in InfraTrend.Model.Categories.All)
            {
                var values = Values(p => TrendMetrics.ValueOf(p, category.Id()));
                // A score moves when a commit changes it: a step, not a slope between two runs weeks apart.
                if (values.Count > 0)
                    Line(values, category.DisplayName(), colors[category.Id()], step: true, plot.Axes.Left, width: 2f);
            }
            // Targets after the lines, so the legend lists the categories together.
            foreach (var target in series.Targets.Where(t => colors.ContainsKey(t.Metric)))
                Target(target, colors[target.Metric], plot.Axes.Left, named: true);
        }

        public void Burndown()
        {
            Title("Open tasks by priority");
            plot.Axes.Left.Label.Text = "Open tasks";
            var most = 0;
            var index = 0;
            Color[] colors = [Color.FromHex("#D55E00"), Color.FromHex("#E69F00"), Color.FromHex("#0072B2")];
            foreach (var priority in new[] { Priority.High, Priority.Medium, Priority.Low })
            {
                var values = Values(p => p.OpenTasksByPriority.TryGetValue(priority.Id(), out var n) ? n : 0);
                most = Math.Max(most, values.Count == 0 ? 0 : (int)values.Max(v => v.Value));
                Line(values, $"{char.ToUpperInvariant(priority.Id()[0])}{priority.Id()[1..]} priority", colors[index++], step: true, plot.Axes.Left, width: 2f);
            }
            var total = Values(p => p.OpenTasksByPriority.Values.Sum());
            most = Math.Max(most, total.Count == 0 ? 0 : (int)total.Max(v => v.Value));
            var all = Line(total, "All open tasks", Colors.Black, step: true, plot.Axes.Left, width: 1.5f);
            Pattern(all.LineStyle, SvgCleanup.Dashed);

            plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
            var top = Math.Max(5, most * 1.1);
            plot.Axes.SetLimitsY(-top * 0.03, top, plot.Axes.Left);
        }

        public void Parts()
        {
            Title("Scores of the monorepo's parts");
            ScoreAxis();
            var parts = points.SelectMany(p => p.Parts.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            // One part is the repository itself (the part "."): its line would be the overall score again.
            if (parts.Count < 2)
            {
                Note("No monorepo parts: the repository is one deployable unit.");
                return;
            }
            var index = 0;
            foreach (var part in parts)
            {
                var values = Values(p => p.Parts.TryGetValue(part, out var score) ? score : null);
                if (values.Count > 0)
                    Line(values, part, Palette[index++ % Palette.Length], step: true, plot.Axes.Left, width: 2f);
            }
        }

        /// <summary>Sets the x range and its date ticks, the legend and the fonts, once every line is there.</summary>
        public void Finish()
        {
            if (points.Count == 0)
                Note(series.Points.Count > 0 && options.Since is { } since
                    ? $"No runs since {Day(DateOnly.FromDateTime(since.UtcDateTime))}: the latest is from {Day(DateOnly.FromDateTime(series.Points.Max(p => p.At).UtcDateTime))}."
                    : "No runs recorded yet.");
            Today();
            // Target labels over every line, the forecast included.
            foreach (var label in _labels)
                plot.MoveToFront(label);

            var (from, to) = XRange();
            var span = to - from;
            var format = span < TimeSpan.FromDays(3) ? "MM-dd HH:mm" : span < TimeSpan.FromDays(3 * 365) ? "yyyy-MM-dd" : "yyyy-MM";
            _bottom.TickGenerator = new DateTimeAutomatic { LabelFormatter = t => t.ToString(format, Invariant) };
            // Room on the right for the last date label, which is centred on its tick.
            plot.Axes.Right.MinimumSize = Math.Max(plot.Axes.Right.MinimumSize, 40);
            plot.Axes.SetLimitsX(from.ToOADate(), to.ToOADate(), _bottom);

            if (plot.Legend.GetItems().Any(i => !string.IsNullOrEmpty(i.LabelText)))
            {
                var legend = plot.ShowLegend(Edge.Bottom);
                legend.Legend.Orientation = Orientation.Horizontal;
                legend.Legend.FontSize = 12;
            }
        }

        private void Title(string what)
        {
            plot.Title($"{RepositoryLabel(series.Repository)}: {what}", size: 16);
        }

        private void ScoreAxis()
        {
            plot.Axes.Left.Label.Text = "Score (0-100)";
            plot.Axes.SetLimitsY(-3, 103, plot.Axes.Left);
        }

        private List<(DateTime At, double Value)> Values(Func<TrendPoint, double?> value) =>
            points.Select(p => (p.At.UtcDateTime, Value: value(p))).Where(p => p.Value is not null).Select(p => (p.UtcDateTime, p.Value!.Value)).ToList();

        private ScottPlot.Plottables.Scatter Line(IReadOnlyList<(DateTime At, double Value)> values, string legend, Color color, bool step, IYAxis axis, float width)
        {
            var xs = values.Select(v => v.At.ToOADate()).ToArray();
            var ys = values.Select(v => v.Value).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.Axes.YAxis = axis;
            line.LegendText = legend;
            line.LineWidth = width;
            line.ConnectStyle = step ? ConnectStyle.StepHorizontal : ConnectStyle.Straight;
            // One run is a marker alone; many runs are a line alone.
            line.MarkerSize = values.Count == 1 ? 9 : values.Count <= MarkerLimit ? 6 : 0;
            line.MarkerShape = MarkerShape.FilledCircle;
            return line;
        }

        /// <summary>A target: a dashed line at its value up to its date, a diamond on the date, and a label ("Target: level 4 by 2025-12-31").</summary>
        private void Target(Target target, Color color, IYAxis axis, bool named)
        {
            var at = target.By.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            _times.Add(at);
            var value = target.Metric == TrendMetrics.Maturity ? $"level {Number(target.Value)}" : Number(target.Value);
            var label = $"{(named ? TrendMetrics.DisplayName(target.Metric) + " " : "")}{value} by {Day(target.By)}";
            var line = plot.Add.HorizontalLine(target.Value, 1.5f, color);
            Pattern(line.LineStyle, SvgCleanup.Dashed);
            line.Axes.YAxis = axis;
            line.Maximum = at.ToOADate();
            line.LegendText = $"Target: {TrendMetrics.DisplayName(target.Metric)} {Number(target.Value)} by {Day(target.By)}";

            var marker = plot.Add.Marker(at.ToOADate(), target.Value, MarkerShape.FilledDiamond, 11, color);
            marker.Axes.YAxis = axis;
            var text = plot.Add.Text($"Target: {label}", at.ToOADate(), target.Value);
            text.Axes.YAxis = axis;
            text.LabelFontSize = 11;
            text.LabelFontColor = color;
            text.LabelAlignment = Alignment.LowerRight;
            text.LabelOffsetY = -6;
            // Lines (the forecast, other targets) may pass behind the label: a light backing keeps it legible.
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            _labels.Add(text);
        }

        private void ForecastLine(string metric, Color color)
        {
            var fit = Forecast.Fit(series, metric, _now, options.ForecastWindowDays);
            if (fit is null)
                return;
            // Out to the furthest target of the metric, else a quarter of the shown span past the last run.
            var targets = series.Targets.Where(t => t.Metric == metric).Select(t => new DateTimeOffset(t.By.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).ToList();
            var shown = _times.Count < 2 ? TimeSpan.FromDays(30) : _times.Max() - _times.Min();
            var end = targets.Count > 0 && targets.Max() > fit.To ? targets.Max() : fit.To + shown / 4;
            // Stop where the line leaves the 0-100 range.
            var bound = fit.SlopePerDay > 0 ? 100 : 0;
            if (fit.SlopePerDay != 0 && (fit.ValueAt(end) > 100 || fit.ValueAt(end) < 0))
                end = fit.Origin.AddDays((bound - fit.Intercept) / fit.SlopePerDay);
            if (end <= fit.From)
                return;
            _times.Add(end.UtcDateTime);
            var line = plot.Add.Scatter(
                new[] { fit.From.UtcDateTime.ToOADate(), end.UtcDateTime.ToOADate() },
                new[] { fit.ValueAt(fit.From), fit.ValueAt(end) },
                color);
            line.LineWidth = 1.5f;
            Pattern(line.LineStyle, SvgCleanup.Dotted);
            line.MarkerSize = 0;
            line.LegendText = $"Forecast ({fit.PaceText()})";
        }

        /// <summary>A thin vertical line at the clock's now, "Today (2026-12-06)" in the legend: how old the latest run is, at a glance.</summary>
        private void Today()
        {
            var today = _now.UtcDateTime;
            _times.Add(today);
            var line = plot.Add.VerticalLine(today.ToOADate(), 1f, TodayColor);
            line.LegendText = $"Today ({Day(DateOnly.FromDateTime(today))})";
        }

        /// <summary>A dashed or dotted 1.5 px line: drawn as such in a PNG, marked by its width for <see cref="SvgCleanup"/> in an SVG.</summary>
        private void Pattern(LineStyle style, SvgCleanup.Dash dash)
        {
            if (svg)
            {
                style.Pattern = LinePattern.Solid;
                style.Width = dash.MarkWidth;
            }
            else
            {
                style.Pattern = dash.Pattern;
                style.Width = SvgCleanup.DashWidth;
            }
        }

        private void Note(string text)
        {
            var note = plot.Add.Annotation(text, Alignment.MiddleCenter);
            note.LabelFontSize = 14;
        }

        private (DateTime From, DateTime To) XRange()
        {
            if (_times.Count == 0)
            {
                var today = _now.UtcDateTime.Date;
                return (today.AddDays(-7), today.AddDays(7));
            }
            var min = _times.Min();
            var max = _times.Max();
            // A lone run sits in the middle of two weeks; otherwise 4% of the span on each side keeps end markers off the frame.
            if (max - min < TimeSpan.FromMinutes(1))
                return (min.AddDays(-7), max.AddDays(7));
            var pad = (max - min) * 0.04;
            return (min - pad, max + pad);
        }
    }
}
