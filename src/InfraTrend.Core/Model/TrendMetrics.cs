namespace InfraTrend.Model;

/// <summary>The metrics a target or a forecast can name: "overall", "maturity" or a category id ("ci", "security"...).</summary>
public static class TrendMetrics
{
    public const string Overall = "overall";
    public const string Maturity = "maturity";

    /// <summary>A run's value of a metric; null when the run has none (nothing applied, or an unknown metric).</summary>
    public static double? ValueOf(TrendPoint point, string metric) =>
        metric switch
        {
            Overall => point.Overall,
            Maturity => point.MaturityLevel,
            _ => point.Categories.TryGetValue(metric, out var score) ? score : null,
        };

    /// <summary>"Overall score", "Maturity level", "CI/CD Pipeline"; an unknown id as it is.</summary>
    public static string DisplayName(string metric) =>
        metric switch
        {
            Overall => "Overall score",
            Maturity => "Maturity level",
            _ => Categories.FromId(metric)?.DisplayName() ?? metric,
        };

    /// <summary>The runs that have a value for the metric, in time order.</summary>
    public static IReadOnlyList<(DateTimeOffset At, double Value)> Values(TrendSeries series, string metric) =>
        series.Points
            .Select(p => (p.At, Value: ValueOf(p, metric)))
            .Where(p => p.Value is not null)
            .Select(p => (p.At, p.Value!.Value))
            .OrderBy(p => p.At)
            .ToList();
}
