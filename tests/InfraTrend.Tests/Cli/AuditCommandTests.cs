using System.Text.Json.Nodes;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

public sealed class AuditCommandTests
{
    [Fact]
    public void Audit_prints_the_summary_and_writes_the_markdown_report()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var report = repo.PathOf("out/report.md");

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "md", "--out", report);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Maturity level: 3/5 (Defined)", outcome.Output);
        Assert.Contains("Report written to", outcome.Output);
        var markdown = File.ReadAllText(report);
        Assert.Contains("## Executive Summary", markdown);
        Assert.Contains("`render.yaml:8`", markdown);
        Assert.Contains("pnpm add @sentry/node", markdown);
        Assert.Equal("", outcome.Error);
    }

    [Fact]
    public void Json_goes_to_stdout_alone_so_scripts_can_read_it()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "json");

        var json = JsonNode.Parse(outcome.Output)!;
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(3, json["overall"]!["maturityLevel"]!.GetValue<int>());
        Assert.Equal(22, json["facts"]!["database.migrationCount"]!.GetValue<int>());
    }

    [Fact]
    public void Verbose_names_the_costliest_fact_sources_on_stderr_and_leaves_json_alone()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "json", "--no-record", "--verbose");

        Assert.NotNull(JsonNode.Parse(outcome.Output));
        var costs = outcome.Error.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(" MB allocated", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, costs.Count);
        var sources = InfraTrend.Facts.FactSources.All.Select(f => f.Name).Append("PartDetector").ToHashSet();
        Assert.All(costs, line =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"^  (\w+): \d+ ms, \d+ MB allocated$");
            Assert.True(match.Success, line);
            Assert.Contains(match.Groups[1].Value, sources);
        });
        Assert.Contains("audited ", outcome.Error);
    }

    [Theory]
    [InlineData(90, 2)]
    [InlineData(10, 0)]
    public void Fail_under_gates_on_the_overall_score(int threshold, int expectedExit)
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();

        var outcome = CliRunner.Run("audit", repo.Root, "--quiet", "--fail-under", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expectedExit, outcome.ExitCode);
        Assert.Equal(expectedExit == 2, outcome.Error.Contains("below --fail-under", StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_one_line_and_exit_1()
    {
        var outcome = CliRunner.Run("audit", "/nonexistent/infratrend/repo");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("infratrend: '/nonexistent/infratrend/repo' does not exist", outcome.Error.TrimEnd());
        Assert.Equal("", outcome.Output);
    }

    [Fact]
    public void A_file_instead_of_a_directory_is_one_line_and_exit_1()
    {
        using var repo = TestRepository.Create();
        repo.Write("file.txt", "x");

        var outcome = CliRunner.Run("audit", repo.PathOf("file.txt"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Single(outcome.Error.TrimEnd().Split('\n'));
        Assert.Contains("is a file, not a directory", outcome.Error);
    }

    [Theory]
    [InlineData("--formt", "md")]
    [InlineData("--format", "pdf")]
    [InlineData("--fail-under", "abc")]
    public void A_bad_option_is_one_line_and_exit_1(string option, string value)
    {
        var outcome = CliRunner.Run("audit", ".", option, value);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Single(outcome.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("infratrend: ", outcome.Error);
    }

    [Fact]
    public void Ref_audits_a_past_commit_without_touching_the_working_tree()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var first = repo.Git("rev-parse", "HEAD").Trim();
        repo.Write(".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n");
        repo.Commit("Dependabot");
        var status = repo.Git("status", "--porcelain");

        var then = JsonNode.Parse(CliRunner.Run("audit", repo.Root, "--format", "json", "--ref", first[..10]).Output)!;
        var now = JsonNode.Parse(CliRunner.Run("audit", repo.Root, "--format", "json").Output)!;

        Assert.Null(then["facts"]!["ci.dependencyBot"]);
        Assert.Equal(first, then["repository"]!["commit"]!.GetValue<string>());
        Assert.Equal("dependabot", now["facts"]!["ci.dependencyBot"]!.GetValue<string>());
        Assert.Equal(status, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public void A_ref_that_is_not_a_commit_is_one_line_and_exit_1()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();

        var outcome = CliRunner.Run("audit", repo.Root, "--ref", "no-such-branch");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("no-such-branch", outcome.Error);
    }

    [Fact]
    public void A_report_that_cannot_be_written_is_one_line_and_exit_1()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write("taken", "a file where a folder is wanted");

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "md", "--out", repo.PathOf("taken/report.md"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("infratrend: cannot write ", outcome.Error);
        Assert.Single(outcome.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_report_that_cannot_be_written_leaves_the_audit_unrecorded()
    {
        // The report is rendered after the history (so it can carry the trend), but its file is opened before it.
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write("taken", "a file where a folder is wanted");

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "html", "--out", repo.PathOf("taken/report.html"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.False(File.Exists(repo.PathOf(".infratrend/history.db")));
        Assert.DoesNotContain("Recorded as run", outcome.Output);
    }

    [Fact]
    public void Help_explains_the_command()
    {
        var outcome = CliRunner.Run("audit", "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Usage: infratrend audit [PATH]", outcome.Output);
        Assert.Contains("--fail-under N", outcome.Output);
    }

    [Fact]
    public void Version_prints_the_tool_version()
    {
        var outcome = CliRunner.Run("--version");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", outcome.Output);
    }
}
