using System.Globalization;

namespace InfraTrend.Charts;

/// <summary>
/// A least-squares line through a metric's runs: value = <see cref="Intercept"/> + <see cref="SlopePerDay"/> x days since <see cref="Origin"/>.
/// <see cref="From"/> and <see cref="To"/> are the first and last run it was fitted to.
/// </summary>
public sealed record ForecastLine(DateTimeOffset Origin, double Intercept, double SlopePerDay, DateTimeOffset From, DateTimeOffset To, int Runs)
{
    public double ValueAt(DateTimeOffset time) => Intercept + SlopePerDay * (time - Origin).TotalDays;

    /// <summary>
    /// "+0.25 a day over 12 runs in 41 days": the pace with what it rests on. A history backfilled from a few hours of
    /// commits gives a steep daily pace from little evidence; the span says so.
    /// </summary>
    public string PaceText()
    {
        var span = To - From;
        var over = span.TotalDays >= 2 ? $"{Math.Round(span.TotalDays).ToString(CultureInfo.InvariantCulture)} days"
            : span.TotalHours >= 2 ? $"{Math.Round(span.TotalHours).ToString(CultureInfo.InvariantCulture)} hours"
            : $"{Math.Max(1, Math.Round(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture)} minutes";
        return $"{Forecast.PaceText(SlopePerDay)} a day over {Runs.ToString(CultureInfo.InvariantCulture)} runs in {over}";
    }
}

/// <summary>Where a target stands at the current pace.</summary>
public enum TargetOutlook
{
    /// <summary>The latest run already reaches the target's value.</summary>
    AlreadyMet,
    /// <summary>The line reaches the value on or before the target's date.</summary>
    OnTrack,
    /// <summary>The line reaches the value, but after the target's date.</summary>
    Late,
    /// <summary>The line does not rise (or would take more than <see cref="Forecast.HorizonYears"/> years): the value is never reached at this pace.</summary>
    NotAtCurrentPace,
    /// <summary>Fewer than two runs with a value in the window (at two different times): no line to draw.</summary>
    NotEnoughRuns,
}

/// <summary>A target and what the forecast says about it; <see cref="ExpectedOn"/> is the UTC day the line reaches the value (on track or late only).</summary>
public sealed record TargetForecast(Target Target, TargetOutlook Outlook, double? Current, DateOnly? ExpectedOn, ForecastLine? Line, int WindowDays)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"Overall score 80 by 2026-03-31: on track, reached about 2026-02-10 at the current pace (+0.25 a day over 12 runs in 41 days)".</summary>
    public string Describe()
    {
        var goal = string.Create(Invariant, $"{TrendMetrics.DisplayName(Target.Metric)} {Number(Target.Value)} by {Day(Target.By)}");
        var pace = Line?.PaceText() ?? "";
        return Outlook switch
        {
            TargetOutlook.AlreadyMet => string.Create(Invariant, $"{goal}: already met ({Number(Current!.Value)} now)"),
            TargetOutlook.OnTrack => $"{goal}: on track, reached about {Day(ExpectedOn!.Value)} at the current pace ({pace})",
            TargetOutlook.Late => string.Create(
                Invariant,
                $"{goal}: late, reached about {Day(ExpectedOn!.Value)} at the current pace, {ExpectedOn.Value.DayNumber - Target.By.DayNumber} days after its date ({pace})"),
            TargetOutlook.NotAtCurrentPace => Line!.SlopePerDay > 0
                ? $"{goal}: not at the current pace, which would take more than {Forecast.HorizonYears} years ({pace})"
                : $"{goal}: not at the current pace, which does not rise ({pace})",
            _ => string.Create(Invariant, $"{goal}: no forecast, fewer than 2 runs with a value in the last {WindowDays} days"),
        };
    }

    private static string Number(double value) => value.ToString("0.##", Invariant);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);
}

/// <summary>
/// Says when each target will be reached at the current pace: a least-squares line over the runs of the last
/// N days (counted back from the latest run, so the answer depends on the history alone, not on the clock).
/// </summary>
public static class Forecast
{
    public const int DefaultWindowDays = 90;

    /// <summary>A slope per day, signed: "+1.07", "-0.25", and slow ones with the digits they need ("+0.001").</summary>
    public static string PaceText(double slopePerDay)
    {
        var text = slopePerDay.ToString(Math.Abs(slopePerDay) >= 0.1 ? "0.##" : "0.#####", CultureInfo.InvariantCulture);
        return slopePerDay > 0 ? "+" + text : text;
    }

    /// <summary>A line that reaches its value later than this is reported as not reaching it.</summary>
    public const int HorizonYears = 100;

    /// <summary>The least-squares line over the values within <paramref name="windowDays"/> days of the latest; null with fewer than two distinct times.</summary>
    public static ForecastLine? Fit(IReadOnlyList<(DateTimeOffset At, double Value)> values, int windowDays = DefaultWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowDays);
        if (values.Count == 0)
            return null;
        var latest = values.Max(v => v.At);
        var window = values.Where(v => v.At >= latest.AddDays(-windowDays)).OrderBy(v => v.At).ToList();
        var origin = window[0].At;
        var xs = window.Select(v => (v.At - origin).TotalDays).ToList();
        var ys = window.Select(v => v.Value).ToList();
        var meanX = xs.Average();
        var meanY = ys.Average();
        double sxx = 0, sxy = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sxx += (xs[i] - meanX) * (xs[i] - meanX);
            sxy += (xs[i] - meanX) * (ys[i] - meanY);
        }
        // All runs at one moment: no slope to speak of.
        if (sxx <= 0)
            return null;
        var slope = sxy / sxx;
        return new ForecastLine(origin, meanY - slope * meanX, slope, origin, window[^1].At, window.Count);
    }

    /// <summary>The line of one metric ("overall", "maturity", a category id) over the series.</summary>
    public static ForecastLine? Fit(TrendSeries series, string metric, int windowDays = DefaultWindowDays) =>
        Fit(TrendMetrics.Values(series, metric), windowDays);

    /// <summary>What the forecast says about every target of the series, in the series' order.</summary>
    public static IReadOnlyList<TargetForecast> ForTargets(TrendSeries series, int windowDays = DefaultWindowDays) =>
        series.Targets.Select(t => ForTarget(series, t, windowDays)).ToList();

    public static TargetForecast ForTarget(TrendSeries series, Target target, int windowDays = DefaultWindowDays)
    {
        var values = TrendMetrics.Values(series, target.Metric);
        double? current = values.Count == 0 ? null : values[^1].Value;
        var line = Fit(values, windowDays);
        if (current >= target.Value)
            return new TargetForecast(target, TargetOutlook.AlreadyMet, current, null, line, windowDays);
        if (line is null)
            return new TargetForecast(target, TargetOutlook.NotEnoughRuns, current, null, null, windowDays);
        if (line.SlopePerDay <= 0)
            return new TargetForecast(target, TargetOutlook.NotAtCurrentPace, current, null, line, windowDays);

        var days = (target.Value - line.Intercept) / line.SlopePerDay;
        if (days > HorizonYears * 365.25 + (line.To - line.Origin).TotalDays)
            return new TargetForecast(target, TargetOutlook.NotAtCurrentPace, current, null, line, windowDays);
        // The line may cross the value before the latest run (which is still below it); it cannot be reached in the past.
        var reachedAt = line.Origin.AddDays(days);
        if (reachedAt < line.To)
            reachedAt = line.To;
        var expectedOn = DateOnly.FromDateTime(reachedAt.UtcDateTime);
        var outlook = expectedOn <= target.By ? TargetOutlook.OnTrack : TargetOutlook.Late;
        return new TargetForecast(target, outlook, current, expectedOn, line, windowDays);
    }
}
