using System.Globalization;
using InfraTrend.Model;

namespace InfraTrend.Charts;

/// <summary>One metric at the run before and at the latest run; null where a run has no value.</summary>
public sealed record MetricChange(string Metric, string Name, double? Previous, double? Latest)
{
    public double? Delta => Previous is null || Latest is null ? null : Latest - Previous;

    /// <summary>"+3", "-2", "no change", "new" (no value before), "–" (no value now).</summary>
    public string DeltaText()
    {
        if (Latest is null)
            return "–";
        if (Previous is null)
            return "new";
        var delta = Delta!.Value;
        return delta == 0 ? "no change" : (delta > 0 ? "+" : "") + delta.ToString("0.##", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// What a report says about the history: the change since the previous run and where each target stands.
/// The series' last run is the audit being reported (the history records it before the report is written).
/// </summary>
public sealed record TrendSummary(int Runs, TrendPoint? Previous, TrendPoint? Latest, IReadOnlyList<MetricChange> Changes, IReadOnlyList<TargetForecast> Targets)
{
    /// <summary>The metric id of the open-task count in <see cref="Changes"/>; fewer is better.</summary>
    public const string OpenTasks = "open-tasks";

    /// <summary>The summary on <paramref name="now"/>: the targets' forecasts measure the pace up to that day.</summary>
    public static TrendSummary Of(TrendSeries series, DateTimeOffset now, int forecastWindowDays = Forecast.DefaultWindowDays)
    {
        var points = series.Points.OrderBy(p => p.At).ThenBy(p => p.RunNumber).ToList();
        var latest = points.Count > 0 ? points[^1] : null;
        var previous = points.Count > 1 ? points[^2] : null;
        var changes = new List<MetricChange>();
        if (latest is not null)
        {
            changes.Add(Change(TrendMetrics.Overall, previous, latest));
            changes.Add(Change(TrendMetrics.Maturity, previous, latest));
            changes.Add(new MetricChange(OpenTasks, "Open tasks", previous?.OpenTasksByPriority.Values.Sum(), latest.OpenTasksByPriority.Values.Sum()));
            foreach (var category in Categories.All)
            {
                var change = Change(category.Id(), previous, latest);
                if (change.Previous is not null || change.Latest is not null)
                    changes.Add(change);
            }
        }
        return new TrendSummary(points.Count, previous, latest, changes, Forecast.ForTargets(series, now, forecastWindowDays));
    }

    private static MetricChange Change(string metric, TrendPoint? previous, TrendPoint latest) =>
        new(metric, TrendMetrics.DisplayName(metric), previous is null ? null : TrendMetrics.ValueOf(previous, metric), TrendMetrics.ValueOf(latest, metric));
}
