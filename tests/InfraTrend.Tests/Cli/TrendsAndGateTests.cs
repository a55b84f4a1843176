using System.Text.RegularExpressions;
using InfraTrend.Tests.Charts;
using InfraTrend.Tests.History;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.History.HistorySupport;

namespace InfraTrend.Tests.Cli;

/// <summary>
/// Issue 12, "Trends and the gate": forecasts measured against today (a clock the test sets), the regression
/// gate's baseline, and what the trend, backfill and audit commands say. Real repositories, real history files.
/// </summary>
public sealed partial class TrendsAndGateTests : IDisposable
{
    /// <summary>The day the issue was found on: long after the 2025 commits of <see cref="Improving"/>.</summary>
    private static readonly DateTimeOffset Today = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _temp = new();
    private readonly TestRepository _repo = NodeRepository();

    public void Dispose()
    {
        _repo.Dispose();
        _temp.Dispose();
    }

    private string Db => _temp.File("history.db");

    /// <summary>Three commits on 2025-03-01..03: no CI, then a pipeline, then a Dockerfile; a target the repository never meets.</summary>
    private void Improving()
    {
        _repo.Write(".infratrend.yml", "targets:\n  overall: { score: 99, by: 2027-06-30 }\n");
        _repo.Commit("init", Day0);
        _repo.Write(".github/workflows/ci.yml", Workflow);
        _repo.Commit("ci", Day0.AddDays(1));
        _repo.Write("Dockerfile", "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"index.js\"]\n");
        _repo.Commit("docker", Day0.AddDays(2));
        Assert.Equal(0, CliRunner.Run("backfill", _repo.Root, "--db", Db).ExitCode);
    }

    // ---- the forecast measures against today ------------------------------------------------------

    [Fact]
    public void A_forecast_long_after_the_last_run_says_no_recent_runs_instead_of_on_track()
    {
        Improving();

        var trend = CliRunner.RunAt(Today, "trend", _repo.Root, "--db", Db, "--out", _temp.File("t.png"));

        Assert.Equal(0, trend.ExitCode);
        Assert.Contains("Overall score 99 by 2027-06-30: no forecast, no recent runs since 2025-03-03", trend.Output);
        Assert.DoesNotContain("on track", trend.Output);
        Assert.DoesNotContain("reached about", trend.Output);
    }

    [Fact]
    public void A_forecast_whose_predicted_day_has_passed_is_never_on_track()
    {
        Improving();

        // Seventeen days after the last run: inside the window, but past the day the steep pace of three commits predicts.
        var trend = CliRunner.RunAt(Day0.AddDays(19), "trend", _repo.Root, "--db", Db, "--out", _temp.File("t.png"));

        Assert.Equal(0, trend.ExitCode);
        Assert.DoesNotContain("on track", trend.Output);
        Assert.Matches("Overall score 99 by 2027-06-30: not met yet: the current pace predicted about 2025-03-[0-9]{2}, which has passed", trend.Output);
    }

    [Fact]
    public void The_markdown_trend_section_forecasts_against_today_too()
    {
        Improving();

        var report = _temp.File("r.md");
        var audit = CliRunner.RunAt(Today, "audit", _repo.Root, "--db", Db, "--format", "md", "--out", report);

        Assert.Equal(0, audit.ExitCode);
        var markdown = File.ReadAllText(report);
        Assert.Contains("no recent runs since", markdown);
        Assert.DoesNotContain("on track", markdown);
    }

    // ---- trend --since ----------------------------------------------------------------------------

    [Fact]
    public void Trend_since_a_day_after_the_last_run_says_none_of_the_runs_is_drawn()
    {
        Improving();

        var trend = CliRunner.RunAt(Today, "trend", _repo.Root, "--db", Db, "--since", "2026-01-01", "--out", _temp.File("t.svg"));
        var some = CliRunner.RunAt(Today, "trend", _repo.Root, "--db", Db, "--since", "2025-03-02", "--out", _temp.File("u.svg"));

        Assert.Equal(0, trend.ExitCode);
        Assert.Contains("Wrote overall chart of 0 of 3 runs since 2026-01-01 to", trend.Output);
        Assert.Contains(ChartFiles.SvgTexts(File.ReadAllText(_temp.File("t.svg"))), t => t.StartsWith("No runs since 2026-01-01: the latest is from 2025-03-03", StringComparison.Ordinal));
        Assert.Contains("Wrote overall chart of 2 of 3 runs since 2025-03-02 to", some.Output);
    }

    // ---- the regression gate's baseline -----------------------------------------------------------

    [Fact]
    public void A_regression_fails_the_gate_again_when_the_same_commit_is_audited_again()
    {
        _repo.Commit("init", Day0);
        _repo.Write(".github/workflows/ci.yml", Workflow);
        _repo.Commit("ci", Day0.AddDays(1));
        Assert.Equal(0, CliRunner.Run("audit", _repo.Root, "--db", Db, "--quiet").ExitCode);
        File.Delete(_repo.PathOf(".github/workflows/ci.yml"));
        _repo.Commit("drop ci", Day0.AddDays(2));

        var fell = CliRunner.Run("audit", _repo.Root, "--fail-on-regression", "--db", Db);
        var retried = CliRunner.Run("audit", _repo.Root, "--fail-on-regression", "--db", Db);

        Assert.Equal(2, fell.ExitCode);
        Assert.Contains("regression against run 1", fell.Error);
        Assert.Equal(2, retried.ExitCode);
        Assert.Contains("regression against run 1", retried.Error);
    }

    [Fact]
    public void Uncommitted_changes_are_gated_against_the_clean_run_of_their_commit()
    {
        _repo.Commit("init", Day0);
        _repo.Write(".github/workflows/ci.yml", Workflow);
        _repo.Commit("ci", Day0.AddDays(1));
        Assert.Equal(0, CliRunner.Run("audit", _repo.Root, "--db", Db, "--quiet").ExitCode);
        File.Delete(_repo.PathOf(".github/workflows/ci.yml"));

        var fell = CliRunner.Run("audit", _repo.Root, "--fail-on-regression", "--db", Db);
        var retried = CliRunner.Run("audit", _repo.Root, "--fail-on-regression", "--db", Db);

        Assert.Equal(2, fell.ExitCode);
        Assert.Equal(2, retried.ExitCode);
        Assert.Contains("regression against run 1", retried.Error);
        Assert.Contains("clean run of", retried.Error);
    }

    [Fact]
    public void The_gate_says_in_its_help_which_run_is_the_baseline()
    {
        var help = CliRunner.Run("audit", "--help").Output;

        Assert.Contains("a different commit", help);
        Assert.Contains("uncommitted changes", help);
    }

    // ---- charts: titles and the parts chart -------------------------------------------------------

    [Fact]
    public void Chart_titles_name_the_repository_by_its_folder_as_the_reports_do()
    {
        Improving();

        CliRunner.RunAt(Today, "trend", _repo.Root, "--db", Db, "--out", _temp.File("t.svg"));

        var folder = Path.GetFileName(_repo.Root);
        Assert.Contains($"{folder}: Overall score and maturity level", ChartFiles.SvgTexts(File.ReadAllText(_temp.File("t.svg"))));
    }

    [Fact]
    public void A_single_part_repository_gets_no_parts_chart()
    {
        Improving();

        var all = CliRunner.RunAt(Today, "trend", _repo.Root, "--db", Db, "--out-dir", _temp.File("charts"));
        var parts = CliRunner.RunAt(Today, "trend", _repo.Root, "--db", Db, "--chart", "parts", "--out", _temp.File("parts.png"));

        Assert.Equal(0, all.ExitCode);
        Assert.False(File.Exists(Path.Combine(_temp.File("charts"), "trend-parts.png")));
        Assert.True(File.Exists(Path.Combine(_temp.File("charts"), "trend-overall.png")));
        Assert.Equal(0, parts.ExitCode);
        Assert.Contains("No parts chart", parts.Output);
        Assert.False(File.Exists(_temp.File("parts.png")));
    }

    // ---- what the commands say --------------------------------------------------------------------

    [Fact]
    public void A_markdown_report_on_stdout_carries_the_trend_section()
    {
        Improving();

        var audit = CliRunner.RunAt(Today, "audit", _repo.Root, "--db", Db, "--format", "md");

        Assert.Equal(0, audit.ExitCode);
        Assert.Contains("## Trend", audit.Output);
        Assert.Contains("4 runs recorded", audit.Output);
        Assert.Contains("--out", audit.Output);
    }

    [Fact]
    public void Backfill_of_tags_in_a_repository_without_tags_says_there_are_none()
    {
        _repo.Commit("init", Day0);

        var backfill = CliRunner.Run("backfill", _repo.Root, "--db", Db, "--tags");

        Assert.Equal(0, backfill.ExitCode);
        Assert.Contains("no tags", backfill.Output);
        Assert.DoesNotContain("every selected commit is recorded", backfill.Output);
    }

    [Fact]
    public void Every_help_names_only_options_its_command_has()
    {
        var overview = CliRunner.Run("--help").Output;
        var commands = overview.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Length > 18)
            .Select(l => l[2..18].Trim()).Where(n => n.Length > 0).ToList();
        Assert.Contains("backfill", commands);

        foreach (var command in commands)
        {
            var help = CliRunner.Run([.. command.Split(' '), "--help"]).Output;
            var lines = help.Split('\n');
            var listed = lines.Where(l => l.StartsWith("  --", StringComparison.Ordinal)).Select(l => l.Trim().Split(' ')[0]).ToHashSet();
            // The usage line and the options' own lines; the closing notes may point to other commands ('history --ruleset current').
            var own = string.Join('\n', lines.Where(l => l.StartsWith("Usage:", StringComparison.Ordinal) || l.StartsWith("  --", StringComparison.Ordinal)));
            foreach (Match named in OptionName().Matches(own))
                Assert.True(listed.Contains(named.Value), $"'{command} --help' names {named.Value}, which '{command}' does not take");
        }
    }

    [Fact]
    public void One_of_anything_is_singular()
    {
        _repo.Commit("init", Day0);

        var backfill = CliRunner.Run("backfill", _repo.Root, "--db", Db);
        var trend = CliRunner.RunAt(Today, "trend", _repo.Root, "--db", Db, "--out", _temp.File("t.png"));

        Assert.Contains("1 commit selected", backfill.Output);
        Assert.Contains("Recorded 1 run in", backfill.Output);
        Assert.Contains("chart of 1 run to", trend.Output);
    }

    [Fact]
    public void A_task_found_by_the_first_audit_says_when_it_was_first_seen_not_an_age_from_the_commit()
    {
        _repo.Commit("init", Day0);
        Assert.Equal(0, CliRunner.RunAt(Today, "audit", _repo.Root, "--db", Db, "--quiet").ExitCode);

        var tasks = CliRunner.RunAt(Today, "tasks", _repo.Root, "--db", Db);

        Assert.Equal(0, tasks.ExitCode);
        Assert.Contains("first seen 2025-03-01", tasks.Output);
        Assert.DoesNotMatch(@"\b6[0-9]{2}d\b", tasks.Output);
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*[a-z]")]
    private static partial Regex OptionName();
}
