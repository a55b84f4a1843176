using InfraTrend.Charts;
using InfraTrend.Model;
using static InfraTrend.Tests.Charts.Series;

namespace InfraTrend.Tests.Charts;

public sealed class ForecastTests
{
    // Overall 50, 60, 70 on days 0, 10, 20: one point a day.
    private static readonly TrendPoint[] Rising = [Run(0, 50), Run(10, 60), Run(20, 70)];

    /// <summary>The forecast on <paramref name="today"/> (a day number; default: the day of the latest run).</summary>
    private static TargetForecast ForOverall(IEnumerable<TrendPoint> runs, double value, int byDay, int windowDays = Forecast.DefaultWindowDays, double? today = null)
    {
        var target = new Target("overall", value, Day(byDay));
        var series = Of(runs, target);
        var now = today is { } d ? Start.AddDays(d) : series.Points.Max(p => p.At);
        return Forecast.ForTarget(series, target, now, windowDays);
    }

    [Fact]
    public void Line_is_the_least_squares_fit_in_points_per_day()
    {
        // x = 0, 1, 2, 3 days; y = 10, 12, 11, 15: mean (1.5, 12), Sxx = 5, Sxy = 7.
        var line = Forecast.Fit([(Start, 10), (Start.AddDays(1), 12), (Start.AddDays(2), 11), (Start.AddDays(3), 15)], Start.AddDays(3))!;

        Assert.Equal(1.4, line.SlopePerDay, 12);
        Assert.Equal(9.9, line.Intercept, 12);
        Assert.Equal(Start, line.Origin);
        Assert.Equal(4, line.Runs);
        Assert.Equal(16.2, line.ValueAt(Start.AddDays(4.5)), 12);
    }

    [Fact]
    public void Only_the_runs_of_the_window_before_today_count()
    {
        // Day 0 (score 90) lies 120 days before today: outside a 90-day window, inside a 150-day one.
        var runs = Of([Run(0, 90), Run(100, 50), Run(110, 60), Run(120, 70)]);

        var recent = Forecast.Fit(runs, "overall", Start.AddDays(120))!;
        var wide = Forecast.Fit(runs, "overall", Start.AddDays(120), windowDays: 150)!;
        var later = Forecast.Fit(runs, "overall", Start.AddDays(195))!;

        Assert.Equal(3, recent.Runs);
        Assert.Equal(Start.AddDays(100), recent.From);
        Assert.Equal(1, recent.SlopePerDay, 12);
        Assert.Equal(4, wide.Runs);
        Assert.True(wide.SlopePerDay < 0);
        // 75 days on, only the runs of days 110 and 120 are in the 90 days before today.
        Assert.Equal(2, later.Runs);
    }

    [Fact]
    public void With_no_run_in_the_window_before_today_there_are_no_recent_runs_to_forecast_from()
    {
        var forecast = ForOverall(Rising, 80, byDay: 700, today: 20 + 91);

        Assert.Equal(TargetOutlook.NoRecentRuns, forecast.Outlook);
        Assert.Null(forecast.ExpectedOn);
        Assert.Equal("Overall score 80 by 2026-12-07: no forecast, no recent runs since 2025-01-26 (none in the last 90 days; 70 then)", forecast.Describe());
    }

    [Fact]
    public void A_met_target_stays_met_however_old_the_run_that_met_it()
    {
        Assert.Equal(TargetOutlook.AlreadyMet, ForOverall(Rising, 70, byDay: 40, today: 500).Outlook);
    }

    [Fact]
    public void A_day_the_line_predicted_that_has_passed_is_not_on_track()
    {
        // +1 a day reaches 80 on day 30; on day 35 no run has shown it.
        var forecast = ForOverall(Rising, 80, byDay: 40, today: 35);

        Assert.Equal(TargetOutlook.PredictionPassed, forecast.Outlook);
        Assert.Equal(Day(30), forecast.ExpectedOn);
        Assert.Equal("Overall score 80 by 2025-02-15: not met yet: the current pace predicted about 2025-02-05, which has passed (70 at the latest run, 2025-01-26; +1 a day over 3 runs in 20 days)", forecast.Describe());
    }

    [Fact]
    public void A_target_whose_date_has_passed_is_late_never_on_track()
    {
        // On day 28 the line still has 2 days to go to 80, but the target's day 25 is behind.
        var forecast = ForOverall(Rising, 80, byDay: 25, today: 28);

        Assert.Equal(TargetOutlook.Late, forecast.Outlook);
    }

    [Fact]
    public void One_day_late_is_one_day()
    {
        Assert.Contains("1 day after its date", ForOverall(Rising, 80, byDay: 29).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Target_ahead_of_the_line_is_on_track_with_the_day_it_is_reached()
    {
        var forecast = ForOverall(Rising, 80, byDay: 40);

        Assert.Equal(TargetOutlook.OnTrack, forecast.Outlook);
        Assert.Equal(Day(30), forecast.ExpectedOn);
        Assert.Equal(70, forecast.Current);
        Assert.Equal("Overall score 80 by 2025-02-15: on track, reached about 2025-02-05 at the current pace (+1 a day over 3 runs in 20 days)", forecast.Describe());
    }

    [Fact]
    public void Target_dated_before_the_line_reaches_it_is_late_by_the_days_between()
    {
        var forecast = ForOverall(Rising, 80, byDay: 25);

        Assert.Equal(TargetOutlook.Late, forecast.Outlook);
        Assert.Equal(Day(30), forecast.ExpectedOn);
        Assert.Equal("Overall score 80 by 2025-01-31: late, reached about 2025-02-05 at the current pace, 5 days after its date (+1 a day over 3 runs in 20 days)", forecast.Describe());
    }

    [Fact]
    public void Target_the_latest_run_reaches_is_already_met()
    {
        var forecast = ForOverall(Rising, 70, byDay: 40);

        Assert.Equal(TargetOutlook.AlreadyMet, forecast.Outlook);
        Assert.Null(forecast.ExpectedOn);
        Assert.Equal("Overall score 70 by 2025-02-15: already met (70 now)", forecast.Describe());
    }

    [Fact]
    public void Falling_or_flat_scores_never_reach_a_higher_target()
    {
        var falling = ForOverall([Run(0, 70), Run(10, 60), Run(20, 50)], 80, byDay: 40);
        var flat = ForOverall([Run(0, 60), Run(10, 60)], 80, byDay: 40);

        Assert.Equal(TargetOutlook.NotAtCurrentPace, falling.Outlook);
        Assert.Equal(-1, falling.Line!.SlopePerDay, 12);
        Assert.Equal("Overall score 80 by 2025-02-15: not at the current pace, which does not rise (-1 a day over 3 runs in 20 days)", falling.Describe());
        Assert.Equal(TargetOutlook.NotAtCurrentPace, flat.Outlook);
        Assert.Null(flat.ExpectedOn);
    }

    [Fact]
    public void A_pace_that_needs_more_than_a_century_is_not_at_the_current_pace()
    {
        // One point in 1,000 days: the 60 points from 40 to 100 would take 60,000 days, about 164 years.
        var slow = ForOverall([Run(0, 39), Run(1000, 40)], 100, byDay: 2000, windowDays: 1500);

        Assert.Equal(TargetOutlook.NotAtCurrentPace, slow.Outlook);
        Assert.Null(slow.ExpectedOn);
        Assert.Equal("Overall score 100 by 2030-06-29: not at the current pace, which would take more than 100 years (+0.001 a day over 2 runs in 1000 days)", slow.Describe());
    }

    [Fact]
    public void One_run_or_runs_at_one_moment_give_no_forecast()
    {
        var one = ForOverall([Run(0, 50)], 80, byDay: 40);
        var sameMoment = ForOverall([Run(5, 50), Run(5, 55)], 80, byDay: 40);

        Assert.Equal(TargetOutlook.NotEnoughRuns, one.Outlook);
        Assert.Null(one.Line);
        Assert.Equal(TargetOutlook.NotEnoughRuns, sameMoment.Outlook);
        Assert.Equal("Overall score 80 by 2025-02-15: no forecast, fewer than 2 runs with a value in the last 90 days", one.Describe());
    }

    [Fact]
    public void Runs_without_a_value_are_left_out_of_the_line()
    {
        var forecast = ForOverall([Run(0, 50), Run(5, null), Run(10, 60), Run(20, 70)], 80, byDay: 40);

        Assert.Equal(3, forecast.Line!.Runs);
        Assert.Equal(Day(30), forecast.ExpectedOn);
    }

    [Fact]
    public void Maturity_and_category_targets_read_their_own_metric()
    {
        var runs = new[]
        {
            Run(0, 50, level: 1, categories: new Dictionary<string, int?> { ["security"] = 20 }),
            Run(10, 50, level: 2, categories: new Dictionary<string, int?> { ["security"] = 40 }),
        };
        var maturity = new Target("maturity", 4, Day(40));
        var security = new Target("security", 80, Day(20));

        var forecasts = Forecast.ForTargets(Of(runs, maturity, security), Start.AddDays(10));

        // Level: +0.1 a day from 2 on day 10 reaches 4 on day 30. Security: +2 a day from 40 reaches 80 on day 30, after its day 20.
        Assert.Equal([TargetOutlook.OnTrack, TargetOutlook.Late], forecasts.Select(f => f.Outlook));
        Assert.Equal([Day(30), Day(30)], forecasts.Select(f => f.ExpectedOn!.Value));
        Assert.StartsWith("Maturity level 4 by ", forecasts[0].Describe(), StringComparison.Ordinal);
        Assert.StartsWith("Security 80 by ", forecasts[1].Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_on_a_metric_no_run_has_gets_no_forecast()
    {
        var target = new Target("nonsense", 50, Day(10));

        var forecast = Forecast.ForTarget(Of(Rising, target), target, Start.AddDays(20));

        Assert.Equal(TargetOutlook.NotEnoughRuns, forecast.Outlook);
        Assert.Null(forecast.Current);
    }

    [Theory]
    [InlineData(4.6 * 60, "over 15 runs in 5 hours")]
    [InlineData(50, "over 15 runs in 50 minutes")]
    [InlineData(3 * 24 * 60, "over 15 runs in 3 days")]
    public void The_pace_says_how_many_runs_over_how_long_it_rests_on(double minutes, string expected)
    {
        // A history backfilled from an afternoon of commits gives a steep daily pace: the text must not pass it off as months of evidence.
        var line = new ForecastLine(Start, 10, 34.22, Start, Start.AddMinutes(minutes), 15);

        Assert.EndsWith(expected, line.PaceText(), StringComparison.Ordinal);
        Assert.StartsWith("+34.22 a day ", line.PaceText(), StringComparison.Ordinal);
    }
}
