using System.Globalization;
using InfraTrend.Charts;
using InfraTrend.Model;
using static InfraTrend.Reports.MarkdownText;

namespace InfraTrend.Reports;

/// <summary>
/// What the Markdown report says about the history: <paramref name="Series"/> (its last run is this audit), and the
/// chart images written beside the report, by path relative to the report's folder (none: no images, and
/// <paramref name="NoChartsBecause"/> says why). <paramref name="Clock"/> says what today is for the forecasts.
/// </summary>
public sealed record MarkdownTrend(
    TrendSeries Series,
    IReadOnlyList<(ChartKind Kind, string RelativePath)> Charts,
    int ForecastWindowDays = Forecast.DefaultWindowDays,
    TimeProvider? Clock = null,
    string? NoChartsBecause = null);

public static partial class MarkdownReport
{
    private static void Trend(Writer md, MarkdownTrend trend)
    {
        var summary = TrendSummary.Of(trend.Series, (trend.Clock ?? TimeProvider.System).GetUtcNow(), trend.ForecastWindowDays);
        md.Rule();
        md.Heading(2, "Trend");
        if (summary.Latest is null)
        {
            md.Line("_No run recorded yet._");
            return;
        }
        var points = trend.Series.Points;
        md.Line(string.Create(Invariant, $"{Plural.Count(summary.Runs, "run")} recorded, from {TrendDay(points.Min(p => p.At))} to {TrendDay(points.Max(p => p.At))}."));
        md.Blank();
        if (summary.Previous is null)
        {
            md.Line("This is the first recorded run: there is no change to show yet.");
            md.Blank();
        }
        else
        {
            md.Line(string.Create(Invariant, $"| Metric | Previous (run {summary.Previous.RunNumber}, {TrendDay(summary.Previous.At)}) | Now | Change |"));
            md.Line("|--------|----------|-----|--------|");
            foreach (var change in summary.Changes)
                md.Line($"| {Inline(change.Name)} | {TrendValue(change.Previous)} | {TrendValue(change.Latest)} | {change.DeltaText()} |");
            md.Blank();
        }

        if (summary.Targets.Count > 0)
        {
            md.Heading(3, "Targets");
            foreach (var target in summary.Targets)
                md.Line($"- {OutlookIcon(target.Outlook)} {Inline(target.Describe())}");
            md.Blank();
        }

        if (trend.Charts.Count > 0)
        {
            md.Heading(3, "Charts");
            foreach (var (kind, path) in trend.Charts)
            {
                md.Line($"![{ChartAlt(kind)}]({ImagePath(path)})");
                md.Blank();
            }
        }
        else if (trend.NoChartsBecause is { } why)
        {
            md.Line($"_{Inline(why)}_");
            md.Blank();
        }
    }

    private static string OutlookIcon(TargetOutlook outlook) =>
        outlook switch
        {
            TargetOutlook.AlreadyMet or TargetOutlook.OnTrack => "✅",
            TargetOutlook.Late => "⚠️",
            TargetOutlook.NotAtCurrentPace or TargetOutlook.PredictionPassed => "❌",
            _ => "➖",
        };

    private static string ChartAlt(ChartKind kind) =>
        kind switch
        {
            ChartKind.Overall => "Overall score and maturity level over time",
            ChartKind.Categories => "Category scores over time",
            ChartKind.Burndown => "Open tasks by priority over time",
            _ => "Monorepo part scores over time",
        };

    // Each segment percent-encoded, so a space or parenthesis cannot end the link.
    private static string ImagePath(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string TrendValue(double? value) => value is null ? "–" : value.Value.ToString("0.##", Invariant);

    private static string TrendDay(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd", Invariant);
}
