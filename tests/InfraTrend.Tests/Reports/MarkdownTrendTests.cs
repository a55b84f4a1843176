using InfraTrend.Charts;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Tests.Charts;
using static InfraTrend.Tests.Reports.AuditBuilder;

namespace InfraTrend.Tests.Reports;

public sealed class MarkdownTrendTests
{
    private static readonly TrendSeries Trend = Series.Improving(8, 70, new Target("overall", 80, Series.Day(120)), new Target("security", 90, Series.Day(30)), new Target("ci", 90, Series.Day(10)));

    private static string Render(TrendSeries series, params (ChartKind, string)[] charts) =>
        MarkdownReport.Render(SampleLike().Build(), new MarkdownTrend(series, charts, Clock: new InfraTrend.Tests.Support.FixedClock(Series.Start.AddDays(70))));

    [Fact]
    public void Trend_section_follows_the_executive_summary()
    {
        var markdown = Render(Trend);

        var summary = markdown.IndexOf("\n## Executive Summary\n", StringComparison.Ordinal);
        var trend = markdown.IndexOf("\n## Trend\n", StringComparison.Ordinal);
        var findings = markdown.IndexOf("\n## Critical Infrastructure Findings\n", StringComparison.Ordinal);

        Assert.True(summary < trend && trend < findings, $"summary {summary}, trend {trend}, findings {findings}");
        Assert.DoesNotContain("## Trend", MarkdownReport.Render(SampleLike().Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_since_the_previous_run_are_a_table()
    {
        var markdown = Render(Trend);

        Assert.Contains("8 runs recorded, from 2025-01-06 to 2025-03-17.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Metric | Previous (run 7, 2025-03-07) | Now | Change |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Overall score | 70 | 75 | +5 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Maturity level | 3 | 4 | +1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Open tasks | 13 | 11 | -2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Scaling | 60 | 60 | no change |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_say_where_each_stands()
    {
        var markdown = Render(Trend);

        Assert.Contains("- ✅ Overall score 80 by 2025-05-06: on track, reached about 2025-03-27 at the current pace (+0.5 a day over 8 runs in 70 days)", markdown, StringComparison.Ordinal);
        Assert.Contains("- ⚠️ Security 90 by 2025-02-05: late, reached about", markdown, StringComparison.Ordinal);
        Assert.Contains("- ✅ CI/CD Pipeline 90 by 2025-01-16: already met (90 now)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_are_embedded_by_their_relative_path()
    {
        var markdown = Render(Trend, (ChartKind.Overall, "trend-overall.png"), (ChartKind.Burndown, "charts/open tasks (all).png"));

        Assert.Contains("![Overall score and maturity level over time](trend-overall.png)", markdown, StringComparison.Ordinal);
        Assert.Contains("![Open tasks by priority over time](charts/open%20tasks%20%28all%29.png)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### Charts", Render(Trend), StringComparison.Ordinal);
    }

    [Fact]
    public void First_run_has_no_change_to_show()
    {
        var markdown = Render(Series.Improving(1, 0));

        Assert.Contains("1 run recorded, from 2025-01-06 to 2025-01-06.", markdown, StringComparison.Ordinal);
        Assert.Contains("This is the first recorded run: there is no change to show yet.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Metric |", markdown, StringComparison.Ordinal);
    }
}
