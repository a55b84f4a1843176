using InfraTrend.Charts;
using InfraTrend.Tests.Support;
using ScottPlot.Plottables;
using static InfraTrend.Tests.Charts.Series;

namespace InfraTrend.Tests.Charts;

/// <summary>Issue 12: a today line on every chart, categories drawn as steps, no parts chart for a single part.</summary>
public sealed class TrendChartTodayTests
{
    public static TheoryData<ChartKind> Kinds() => [.. ChartKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_chart_draws_a_today_line_where_the_clock_says_today_is(ChartKind kind)
    {
        var today = Start.AddDays(200);
        using var plot = TrendChart.Build(Improving(5, 40), kind, new ChartOptions { Clock = new FixedClock(today) }, svg: false);

        var line = Assert.Single(plot.GetPlottables<VerticalLine>());
        Assert.Equal(today.UtcDateTime.ToOADate(), line.X, 6);
        Assert.Equal("Today (2025-07-25)", line.LegendText);
        Assert.True(plot.Axes.Bottom.Max > line.X, "the x axis reaches past today");
    }

    [Fact]
    public void The_today_line_is_in_the_svg_as_text_too()
    {
        var svg = TrendChart.Svg(Improving(5, 40), ChartKind.Overall, new ChartOptions { Clock = new FixedClock(Start.AddDays(41)) });

        Assert.Contains("Today (2025-02-16)", ChartFiles.SvgTexts(svg));
    }

    [Fact]
    public void Category_scores_are_steps_as_the_level_and_the_burndown_are()
    {
        using var plot = TrendChart.Build(Improving(6, 50), ChartKind.Categories, new ChartOptions(), svg: false);
        var lines = plot.GetPlottables<Scatter>().Where(l => l.LegendText is "CI/CD Pipeline" or "Security" or "Scaling").ToList();

        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(ScottPlot.ConnectStyle.StepHorizontal, l.ConnectStyle));
    }

    [Fact]
    public void A_single_part_has_no_parts_chart()
    {
        var single = Of([Run(0, 50, parts: new Dictionary<string, int?> { ["."] = 50 }), Run(5, 60, parts: new Dictionary<string, int?> { ["."] = 60 })]);

        Assert.False(TrendChart.HasData(single, ChartKind.Parts));
        Assert.True(TrendChart.HasData(Improving(3, 20), ChartKind.Parts));
        var folder = Directory.CreateTempSubdirectory("infratrend-parts-").FullName;
        try
        {
            Assert.DoesNotContain(ChartKind.Parts, TrendChart.WriteAll(single, folder).Select(w => w.Kind));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
