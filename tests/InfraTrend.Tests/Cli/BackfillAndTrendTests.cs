using System.Text.Json.Nodes;
using System.Xml.Linq;
using InfraTrend.Cli.Commands;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

public sealed class BackfillAndTrendTests
{
    /// <summary>The sample repository, then three weekly commits that each fix something.</summary>
    private static TestRepository ImprovingRepository()
    {
        var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var week = new DateTimeOffset(2025, 8, 27, 12, 0, 0, TimeSpan.Zero);
        repo.Write(".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n");
        repo.Commit("Dependabot", week);
        repo.Write("SECURITY.md", "# Security\n\nReport vulnerabilities to security@example.com.\n")
            .Write("docs/runbooks/restart.md", "# Runbook: restart the API\n");
        repo.Commit("Security policy and a runbook", week.AddDays(7));
        repo.Write("backend/src/index.ts", File.ReadAllText(repo.PathOf("backend/src/index.ts")).Replace("import cors from 'cors';", "import cors from 'cors';\nimport helmet from 'helmet';").Replace("app.use(cors());", "app.use(cors());\napp.use(helmet());"));
        repo.Commit("Helmet", week.AddDays(14));
        return repo;
    }

    [Fact]
    public void Backfill_records_every_commit_at_its_commit_time_and_resumes_without_repeating()
    {
        using var repo = ImprovingRepository();
        var status = repo.Git("status", "--porcelain");

        var first = CliRunner.Run("backfill", repo.Root);
        var again = CliRunner.Run("backfill", repo.Root);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("4 to audit", first.Output);
        Assert.Contains("0 to audit", again.Output);
        var runs = JsonNode.Parse(CliRunner.Run("history", repo.Root, "--format", "json").Output)!["runs"]!.AsArray();
        Assert.Equal(4, runs.Count);
        var overall = runs.Select(r => r!["overall"]!.GetValue<int>()).ToList();
        Assert.True(overall[^1] > overall[0], $"the score rises: {string.Join(", ", overall)}");
        Assert.Equal(status, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public void Backfilled_runs_and_tasks_carry_the_commit_times_not_the_time_of_the_backfill()
    {
        using var repo = ImprovingRepository();
        var committed = repo.Git("log", "--first-parent", "--reverse", "--format=%H %cI").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).Select(p => (Sha: p[0], At: DateTimeOffset.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(0, CliRunner.Run("backfill", repo.Root).ExitCode);

        var runs = JsonNode.Parse(CliRunner.Run("history", repo.Root, "--format", "json").Output)!["runs"]!.AsArray();
        Assert.Equal(committed.Select(c => c.Sha), runs.Select(r => (string)r!["commit"]!));
        Assert.Equal(committed.Select(c => c.At), runs.Select(r => r!["time"]!.GetValue<DateTimeOffset>()));
        // The first-parent history of the current branch: its runs are that branch's, as a live audit's would be.
        var branch = repo.Git("symbolic-ref", "--short", "HEAD").Trim();
        Assert.All(runs, r => Assert.Equal(branch, (string?)r!["branch"]));
        // SECURITY.md arrived with the third commit: the task opened at the first commit and was resolved at the third.
        var tasks = JsonNode.Parse(CliRunner.Run("tasks", repo.Root, "--all", "--format", "json").Output)!["tasks"]!.AsArray();
        var policy = tasks.Single(t => (string)t!["id"]! == "security.policy|.|repository")!;
        Assert.Equal("resolved", (string)policy["state"]!);
        Assert.Equal(committed[0].At, policy["opened"]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(committed[2].At, policy["closed"]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(committed[2].Sha, (string)policy["closed"]!["commit"]!);
    }

    [Fact]
    public void A_backfill_killed_midway_keeps_what_it_recorded_and_a_rerun_adds_only_the_rest()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var day = new DateTimeOffset(2025, 9, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 30; i++)
        {
            repo.Write($"docs/notes/{i}.md", $"# Note {i}\n");
            repo.Commit($"Note {i}", day.AddDays(i));
        }
        var commits = repo.Git("rev-list", "--first-parent", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // SIGKILL once the first run is recorded: no chance to clean up, the harshest interruption there is.
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { CliRunner.ToolDll, "backfill", repo.Root, "--verbose" })
            info.ArgumentList.Add(a);
        using (var process = System.Diagnostics.Process.Start(info)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            while (process.StandardError.ReadLine() is { } line && !line.StartsWith("run 1:", StringComparison.Ordinal))
            {
            }
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var kept = JsonNode.Parse(CliRunner.Run("history", repo.Root, "--format", "json").Output)!["runs"]!.AsArray().Count;
        Assert.InRange(kept, 1, commits.Length - 1);

        var rerun = CliRunner.Run("backfill", repo.Root);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains($"{commits.Length - kept} to audit", rerun.Output);
        var runs = JsonNode.Parse(CliRunner.Run("history", repo.Root, "--format", "json").Output)!["runs"]!.AsArray();
        Assert.Equal(commits.Order(StringComparer.Ordinal), runs.Select(r => (string)r!["commit"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Trend_draws_the_recorded_runs_with_the_plan_targets()
    {
        using var repo = ImprovingRepository();
        repo.Write(".infratrend.yml", "targets:\n  overall: { score: 80, by: 2026-06-30 }\n");
        CliRunner.Run("backfill", repo.Root);
        var svg = repo.PathOf("out/overall.svg");

        var outcome = CliRunner.Run("trend", repo.Root, "--out", svg);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("of 4 runs", outcome.Output);
        var text = XDocument.Load(svg).ToString();
        Assert.Contains("Overall score", text);
        Assert.Contains("Target: 80", text);
        Assert.Contains("80", outcome.Output);
    }

    [Fact]
    public void Trend_without_a_history_is_one_line_and_exit_1()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();

        var outcome = CliRunner.Run("trend", repo.Root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("no runs recorded", outcome.Error);
    }

    [Fact]
    public void The_markdown_report_gains_a_trend_and_its_charts_once_there_are_two_runs()
    {
        using var repo = ImprovingRepository();
        CliRunner.Run("backfill", repo.Root, "--every", "2");
        var report = repo.PathOf("reports/audit.md");

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "md", "--out", report);

        Assert.Equal(0, outcome.ExitCode);
        var markdown = File.ReadAllText(report);
        Assert.Contains("## Trend", markdown);
        Assert.Contains("](audit-trend-overall.png)", markdown);
        Assert.True(File.Exists(repo.PathOf("reports/audit-trend-overall.png")));
    }

    [Fact]
    public void History_shows_a_sparkline_and_the_audit_the_change_since_the_previous_run()
    {
        using var repo = ImprovingRepository();
        CliRunner.Run("backfill", repo.Root);
        repo.Write("CONTRIBUTING.md", "# Contributing\n");

        var audit = CliRunner.Run("audit", repo.Root);
        var history = CliRunner.Run("history", repo.Root);

        Assert.Matches(@"Since run 4 \([0-9a-f]{7}\): overall \d+ -> \d+ \(\+\d+\), level 3 -> 3", audit.Output);
        Assert.Matches(@"Overall [▁▂▃▄▅▆▇█]{5}  \d+ -> \d+", history.Output);
    }

    [Fact]
    public void A_sparkline_has_a_block_per_score_on_a_fixed_scale()
    {
        Assert.Equal("▁▄█", InfraTrend.Reports.Sparkline.Of([0, 50, 100]));
        Assert.Equal("▄█", InfraTrend.Reports.Sparkline.Of([0, 50, 100], width: 2));
    }

    [Theory]
    [InlineData("2", new[] { 1, 3, 5 })]
    [InlineData("week", new[] { 1, 2, 3, 5 })]
    [InlineData("month", new[] { 1, 3, 5 })]
    public void Every_picks_the_nth_commit_or_the_last_of_each_period(string every, int[] expected)
    {
        var start = new DateTimeOffset(2025, 1, 27, 12, 0, 0, TimeSpan.Zero); // a Monday
        var commits = new[] { 0, 1, 8, 30, 40, 41 }.Select((days, i) => new BackfillCommand.Commit($"c{i}", start.AddDays(days))).ToList();

        var chosen = BackfillCommand.Select(commits, every);

        Assert.Equal(expected.Select(i => $"c{i}"), chosen.Select(c => c.Sha));
    }
}
