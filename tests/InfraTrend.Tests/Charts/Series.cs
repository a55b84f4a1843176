using InfraTrend.Charts;
using InfraTrend.Model;

namespace InfraTrend.Tests.Charts;

/// <summary>Trend series built by hand: runs by day number from <see cref="Start"/>, targets by day number too.</summary>
internal static class Series
{
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public static DateOnly Day(int day) => DateOnly.FromDateTime(Start.AddDays(day).UtcDateTime);

    /// <summary>Chart options on a fixed day (a day number; default 61, just after the series <see cref="Improving"/> draws), so forecasts and the today line never depend on the real date.</summary>
    public static InfraTrend.Charts.ChartOptions On(double day = 61) => new() { Clock = new InfraTrend.Tests.Support.FixedClock(Start.AddDays(day)) };

    public static TrendPoint Run(
        double day,
        int? overall,
        int level = 1,
        IReadOnlyDictionary<string, int?>? categories = null,
        (int High, int Medium, int Low) tasks = default,
        IReadOnlyDictionary<string, int?>? parts = null,
        int run = 0) =>
        new(
            Start.AddDays(day),
            run,
            null,
            overall,
            level,
            categories ?? new Dictionary<string, int?>(),
            new Dictionary<string, int> { ["high"] = tasks.High, ["medium"] = tasks.Medium, ["low"] = tasks.Low },
            parts ?? new Dictionary<string, int?>());

    public static TrendSeries Of(IEnumerable<TrendPoint> runs, params Target[] targets)
    {
        var numbered = runs.Select((p, i) => p with { RunNumber = i + 1 }).ToList();
        return new TrendSeries("/srv/repos/shop", "rules1", numbered, targets);
    }

    /// <summary>
    /// <paramref name="count"/> runs over <paramref name="days"/> days, each metric rising steadily: overall 40 -> 75,
    /// level 1 -> 4, security 30 -> 70 (scaling only from the second half), tasks falling, two parts.
    /// </summary>
    public static TrendSeries Improving(int count, double days, params Target[] targets) =>
        Of(Enumerable.Range(0, count).Select(i =>
        {
            var f = count == 1 ? 0 : (double)i / (count - 1);
            var overall = (int)Math.Round(40 + 35 * f);
            return Run(
                count == 1 ? 0 : days * f,
                overall,
                level: 1 + (int)(f * 3),
                categories: new Dictionary<string, int?>
                {
                    ["ci"] = (int)Math.Round(50 + 40 * f),
                    ["security"] = (int)Math.Round(30 + 40 * f),
                    ["scaling"] = f < 0.5 ? null : 60,
                },
                tasks: ((int)Math.Round(6 - 6 * f), (int)Math.Round(10 - 4 * f), 5),
                parts: new Dictionary<string, int?> { ["backend"] = overall + 5, ["frontend"] = overall - 10 });
        }), targets);
}
