using InfraTrend.Charts;
using InfraTrend.Model;
using ScottPlot.Plottables;
using static InfraTrend.Tests.Charts.Series;

namespace InfraTrend.Tests.Charts;

public sealed class TrendChartTests : IDisposable
{
    private static readonly Target OverallTarget = new("overall", 80, Day(120));
    private static readonly Target MaturityTarget = new("maturity", 4, Day(150));
    private static readonly Target SecurityTarget = new("security", 75, Day(100));

    private readonly string _folder = Directory.CreateTempSubdirectory("infratrend-charts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IReadOnlyList<Scatter> Lines(TrendSeries series, ChartKind kind)
    {
        using var plot = TrendChart.Build(series, kind, On(), svg: false);
        return plot.GetPlottables<Scatter>().ToList();
    }

    private static Scatter Line(TrendSeries series, ChartKind kind, string legend) => Lines(series, kind).Single(l => l.LegendText == legend);

    private static IReadOnlyList<double> Ys(Scatter line) => line.Data.GetScatterPoints().Select(p => p.Y).ToList();

    [Fact]
    public void Png_file_has_the_PNG_signature_and_the_requested_size()
    {
        var path = Path.Combine(_folder, "overall.png");

        TrendChart.Write(Improving(10, 60, OverallTarget), ChartKind.Overall, path, On() with { Width = 800, Height = 450 });

        Assert.Equal((800, 450), ChartFiles.PngSize(File.ReadAllBytes(path)));
    }

    [Fact]
    public void Svg_file_parses_and_names_each_series_the_targets_and_the_forecast()
    {
        var path = Path.Combine(_folder, "overall.svg");

        TrendChart.Write(Improving(10, 60, OverallTarget, MaturityTarget), ChartKind.Overall, path, On());
        var texts = ChartFiles.SvgTexts(File.ReadAllText(path));

        Assert.Contains("shop: Overall score and maturity level", texts);
        Assert.Contains("Overall score", texts);
        Assert.Contains("Maturity level (right axis)", texts);
        Assert.Contains("Target: Overall score 80 by 2025-05-06", texts);
        Assert.Contains("Target: 80 by 2025-05-06", texts);
        Assert.Contains("Target: level 4 by 2025-06-05", texts);
        Assert.Contains(texts, t => t.StartsWith("Forecast (+0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Extension_chooses_the_format_whatever_its_case_and_anything_else_is_refused()
    {
        var series = Improving(3, 20);

        TrendChart.Write(series, ChartKind.Burndown, Path.Combine(_folder, "b.PNG"));
        TrendChart.Write(series, ChartKind.Burndown, Path.Combine(_folder, "b.Svg"));
        var refused = Assert.Throws<ArgumentException>(() => TrendChart.Write(series, ChartKind.Burndown, Path.Combine(_folder, "b.jpg")));

        ChartFiles.PngSize(File.ReadAllBytes(Path.Combine(_folder, "b.PNG")));
        ChartFiles.SvgTexts(File.ReadAllText(Path.Combine(_folder, "b.Svg")));
        Assert.Contains(".png or .svg", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "b.jpg")));
    }

    public static TheoryData<ChartKind, int> KindsAndRunCounts()
    {
        var data = new TheoryData<ChartKind, int>();
        foreach (var kind in ChartKinds.All)
        {
            foreach (var runs in new[] { 1, 2, 1000 })
                data.Add(kind, runs);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndRunCounts))]
    public void Every_chart_renders_with_one_two_and_a_thousand_runs(ChartKind kind, int runs)
    {
        var series = Improving(runs, days: 700, OverallTarget, MaturityTarget, SecurityTarget);

        var (width, height) = ChartFiles.PngSize(TrendChart.Png(series, kind, On()));
        var texts = ChartFiles.SvgTexts(TrendChart.Svg(series, kind, On()));

        Assert.Equal((1000, 560), (width, height));
        Assert.All(TrendChart.LegendTexts(series, kind, On()), legend => Assert.Contains(legend, texts));
    }

    [Fact]
    public void One_run_is_a_marker_and_a_thousand_runs_are_a_line_without_markers()
    {
        var one = Line(Improving(1, 0), ChartKind.Overall, "Overall score");
        var two = Line(Improving(2, 10), ChartKind.Overall, "Overall score");
        var many = Line(Improving(1000, 700), ChartKind.Overall, "Overall score");

        Assert.Single(Ys(one));
        Assert.True(one.MarkerSize > 0);
        Assert.Equal(2, Ys(two).Count);
        Assert.True(two.MarkerSize > 0 && two.LineWidth > 0);
        Assert.Equal(1000, Ys(many).Count);
        Assert.Equal(0, many.MarkerSize);
    }

    [Fact]
    public void One_run_draws_no_forecast()
    {
        Assert.DoesNotContain(Lines(Improving(1, 0, OverallTarget), ChartKind.Overall), l => l.LegendText.StartsWith("Forecast", StringComparison.Ordinal));
        Assert.Contains(Lines(Improving(2, 10, OverallTarget), ChartKind.Overall), l => l.LegendText.StartsWith("Forecast", StringComparison.Ordinal));
    }

    [Fact]
    public void Maturity_is_a_step_line_on_the_right_axis_from_1_to_5()
    {
        using var plot = TrendChart.Build(Improving(4, 30), ChartKind.Overall, On(), svg: false);
        var maturity = plot.GetPlottables<Scatter>().Single(l => l.LegendText == "Maturity level (right axis)");

        Assert.Equal(ScottPlot.ConnectStyle.StepHorizontal, maturity.ConnectStyle);
        Assert.Same(plot.Axes.Right, maturity.Axes.YAxis);
        Assert.Equal((0.5, 5.5), (plot.Axes.Right.Min, plot.Axes.Right.Max));
        Assert.Equal([1.0, 2, 3, 4], Ys(maturity));
    }

    [Fact]
    public void X_axis_is_dates_spanning_the_runs_and_the_targets()
    {
        using var plot = TrendChart.Build(Improving(5, 40, OverallTarget), ChartKind.Overall, On(), svg: false);
        var axis = plot.Axes.Bottom;

        Assert.IsType<ScottPlot.AxisPanels.DateTimeXAxis>(axis);
        Assert.True(axis.Min < Start.UtcDateTime.ToOADate());
        Assert.True(axis.Max > Start.AddDays(120).UtcDateTime.ToOADate());
    }

    [Fact]
    public void Burndown_draws_the_open_task_counts_of_each_run_by_priority()
    {
        var series = Of([Run(0, 40, tasks: (5, 8, 2)), Run(7, 50, tasks: (3, 8, 3)), Run(14, 60, tasks: (0, 6, 3))]);

        Assert.Equal([5.0, 3, 0], Ys(Line(series, ChartKind.Burndown, "High priority")));
        Assert.Equal([8.0, 8, 6], Ys(Line(series, ChartKind.Burndown, "Medium priority")));
        Assert.Equal([2.0, 3, 3], Ys(Line(series, ChartKind.Burndown, "Low priority")));
        Assert.Equal([15.0, 14, 9], Ys(Line(series, ChartKind.Burndown, "All open tasks")));
    }

    [Fact]
    public void Categories_chart_draws_each_category_that_has_a_score_with_its_target()
    {
        var legends = TrendChart.LegendTexts(Improving(6, 50, SecurityTarget), ChartKind.Categories, On());

        Assert.Equal(["CI/CD Pipeline", "Security", "Scaling", "Target: Security 75 by 2025-04-16", "Today (2025-03-08)"], legends);
        Assert.Equal(3, Ys(Line(Improving(6, 50), ChartKind.Categories, "Scaling")).Count);
    }

    [Fact]
    public void Parts_chart_draws_each_part_and_has_no_data_without_parts()
    {
        var noParts = Of([Run(0, 50), Run(5, 60)]);

        Assert.Equal(["backend", "frontend", "Today (2025-03-08)"], TrendChart.LegendTexts(Improving(3, 20), ChartKind.Parts, On()));
        Assert.True(TrendChart.HasData(Improving(3, 20), ChartKind.Parts));
        Assert.False(TrendChart.HasData(noParts, ChartKind.Parts));
        Assert.Contains("No monorepo parts: the repository is one deployable unit.", ChartFiles.SvgTexts(TrendChart.Svg(noParts, ChartKind.Parts)));
    }

    [Fact]
    public void Since_leaves_out_earlier_runs()
    {
        var series = Improving(10, 90);

        var since = Line(series, ChartKind.Overall, "Overall score");
        using var plot = TrendChart.Build(series, ChartKind.Overall, On() with { Since = Start.AddDays(45) }, svg: false);
        var later = plot.GetPlottables<Scatter>().Single(l => l.LegendText == "Overall score");

        Assert.Equal(10, Ys(since).Count);
        Assert.Equal(5, later.Data.GetScatterPoints().Count);
    }

    [Fact]
    public void Svg_keeps_dashes_as_stroke_dasharray_and_is_the_same_bytes_every_time()
    {
        var series = Improving(5, 40, OverallTarget);

        var first = TrendChart.Svg(series, ChartKind.Overall, On());
        var second = TrendChart.Svg(series, ChartKind.Overall, On());

        Assert.Equal(first, second);
        Assert.Contains("stroke-dasharray=\"8 5\"", first, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray=\"2 4\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("stroke-width=\"1.50", first, StringComparison.Ordinal);
        Assert.Contains("id=\"trend-overall-0\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain(", \"", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_all_writes_each_chart_with_data_into_the_folder()
    {
        var written = TrendChart.WriteAll(Of([Run(0, 40), Run(9, 45)]), Path.Combine(_folder, "charts"), "svg");

        Assert.Equal([ChartKind.Overall, ChartKind.Categories, ChartKind.Burndown], written.Select(w => w.Kind));
        Assert.Equal(["trend-overall.svg", "trend-categories.svg", "trend-burndown.svg"], written.Select(w => Path.GetFileName(w.Path)));
        Assert.All(written, w => ChartFiles.SvgTexts(File.ReadAllText(w.Path)));
    }

    [Fact]
    public void Hostile_names_stay_text_in_the_svg()
    {
        const string Evil = "<script>alert(1)</script>&\"'";
        var series = Of([Run(0, 50, parts: new Dictionary<string, int?> { [Evil] = 40, ["api"] = 60 })]) with { Repository = "/srv/<b>&amp;" };

        var svg = TrendChart.Svg(series, ChartKind.Parts);

        Assert.Contains(Evil, ChartFiles.SvgTexts(svg));
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains("<b>&amp;: Scores of the monorepo's parts", ChartFiles.SvgTexts(svg));
    }

    [Fact]
    public void Empty_series_still_renders_and_says_so()
    {
        var texts = ChartFiles.SvgTexts(TrendChart.Svg(Of([]), ChartKind.Overall));

        Assert.Contains("No runs recorded yet.", texts);
        Assert.False(TrendChart.HasData(Of([]), ChartKind.Overall));
    }
}
