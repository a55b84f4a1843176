using System.Globalization;
using InfraTrend.Model;

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
        return $"{Forecast.PaceText(SlopePerDay)} a day over {Plural.Count(Runs, "run")} in {over}";
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
    /// <summary>The line reached the value before today, but no run shows it reached: the predicted day has passed.</summary>
    PredictionPassed,
    /// <summary>No run in the window before today: the pace of old runs says nothing about now.</summary>
    NoRecentRuns,
    /// <summary>The line does not rise (or would take more than <see cref="Forecast.HorizonYears"/> years): the value is never reached at this pace.</summary>
    NotAtCurrentPace,
    /// <summary>Fewer than two runs with a value in the window (at two different times): no line to draw.</summary>
    NotEnoughRuns,
}

/// <summary>
/// A target and what the forecast says about it; <see cref="ExpectedOn"/> is the UTC day the line reaches the value
/// (on track, late, or a prediction that has passed); <see cref="LatestAt"/> is the time of the latest run with a value.
/// </summary>
public sealed record TargetForecast(Target Target, TargetOutlook Outlook, double? Current, DateOnly? ExpectedOn, ForecastLine? Line, int WindowDays, DateTimeOffset? LatestAt = null)
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
                $"{goal}: late, reached about {Day(ExpectedOn!.Value)} at the current pace, {Plural.Count(ExpectedOn.Value.DayNumber - Target.By.DayNumber, "day")} after its date ({pace})"),
            TargetOutlook.PredictionPassed => string.Create(
                Invariant,
                $"{goal}: not met yet: the current pace predicted about {Day(ExpectedOn!.Value)}, which has passed ({Number(Current!.Value)} at the latest run, {Day(LatestAt!.Value)}; {pace})"),
            TargetOutlook.NoRecentRuns => string.Create(
                Invariant,
                $"{goal}: no forecast, no recent runs since {Day(LatestAt!.Value)} (none in the last {Plural.Count(WindowDays, "day")}; {Number(Current!.Value)} then)"),
            TargetOutlook.NotAtCurrentPace => Line!.SlopePerDay > 0
                ? $"{goal}: not at the current pace, which would take more than {Forecast.HorizonYears} years ({pace})"
                : $"{goal}: not at the current pace, which does not rise ({pace})",
            _ => string.Create(Invariant, $"{goal}: no forecast, fewer than 2 runs with a value in the last {Plural.Count(WindowDays, "day")}"),
        };
    }

    private static string Number(double value) => value.ToString("0.##", Invariant);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", Invariant);
}

/// <summary>
/// Says when each target will be reached at the current pace: a least-squares line over the runs of the last
/// N days before today (<c>now</c>, from the caller's clock). Old runs say nothing about today's pace: with no run
/// in the window there is no forecast, and a day the line predicted that has passed is never "on track".
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

    /// <summary>The least-squares line over the values of the <paramref name="windowDays"/> days before <paramref name="now"/>; null with fewer than two distinct times.</summary>
    public static ForecastLine? Fit(IReadOnlyList<(DateTimeOffset At, double Value)> values, DateTimeOffset now, int windowDays = DefaultWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowDays);
        var window = values.Where(v => v.At >= now.AddDays(-windowDays)).OrderBy(v => v.At).ToList();
        if (window.Count == 0)
            return null;
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
    public static ForecastLine? Fit(TrendSeries series, string metric, DateTimeOffset now, int windowDays = DefaultWindowDays) =>
        Fit(TrendMetrics.Values(series, metric), now, windowDays);

    /// <summary>What the forecast says about every target of the series on <paramref name="now"/>, in the series' order.</summary>
    public static IReadOnlyList<TargetForecast> ForTargets(TrendSeries series, DateTimeOffset now, int windowDays = DefaultWindowDays) =>
        series.Targets.Select(t => ForTarget(series, t, now, windowDays)).ToList();

    public static TargetForecast ForTarget(TrendSeries series, Target target, DateTimeOffset now, int windowDays = DefaultWindowDays)
    {
        var values = TrendMetrics.Values(series, target.Metric);
        double? current = values.Count == 0 ? null : values[^1].Value;
        DateTimeOffset? latestAt = values.Count == 0 ? null : values[^1].At;
        var line = Fit(values, now, windowDays);
        TargetForecast Outcome(TargetOutlook outlook, DateOnly? expectedOn = null, ForecastLine? fitted = null) =>
            new(target, outlook, current, expectedOn, fitted, windowDays, latestAt);

        if (current >= target.Value)
            return Outcome(TargetOutlook.AlreadyMet, fitted: line);
        if (latestAt is { } latest && latest < now.AddDays(-windowDays))
            return Outcome(TargetOutlook.NoRecentRuns);
        if (line is null)
            return Outcome(TargetOutlook.NotEnoughRuns);
        if (line.SlopePerDay <= 0)
            return Outcome(TargetOutlook.NotAtCurrentPace, fitted: line);

        var days = (target.Value - line.Intercept) / line.SlopePerDay;
        if (days > HorizonYears * 365.25 + (now - line.Origin).TotalDays)
            return Outcome(TargetOutlook.NotAtCurrentPace, fitted: line);
        // The latest run is below the value: a line that crosses it before today predicted a day that has passed.
        var reachedAt = line.Origin.AddDays(days);
        var expectedOn = DateOnly.FromDateTime(reachedAt.UtcDateTime);
        if (reachedAt < now)
            return Outcome(TargetOutlook.PredictionPassed, expectedOn, line);
        return Outcome(expectedOn <= target.By ? TargetOutlook.OnTrack : TargetOutlook.Late, expectedOn, line);
    }
}
