using System.Diagnostics;
using System.Text.RegularExpressions;
using InfraTrend.Cli;
using InfraTrend.Tests.History;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

/// <summary>
/// The command line as System.CommandLine defines it: help from the same definition as the parser, "did you mean" for a
/// mistyped command or option, one line per error, and completion scripts that ask the tool through `[suggest:N]`.
/// </summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("bash", "complete -o default -F _infratrend_complete infratrend")]
    [InlineData("zsh", "compdef _infratrend infratrend")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName infratrend")]
    public void Each_completion_script_is_printed_and_asks_the_tool(string shell, string registers)
    {
        var outcome = CliRunner.Run("completion", shell);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Contains(registers, outcome.Output);
        Assert.Contains("[suggest:", outcome.Output);
    }

    [Fact]
    public void Completion_without_a_shell_says_how_to_load_each_script_and_an_unknown_shell_is_one_line()
    {
        var setup = CliRunner.Run("completion");
        var fish = CliRunner.Run("completion", "fish");

        Assert.Equal(0, setup.ExitCode);
        Assert.Contains("source <(infratrend completion bash)", setup.Output);
        Assert.Contains("infratrend completion pwsh", setup.Output);
        Assert.Equal((1, "infratrend: completion takes bash, zsh, pwsh, not 'fish'"), (fish.ExitCode, fish.Error.Trim()));
    }

    [Theory]
    [InlineData("infratrend hi", "history")]
    [InlineData("infratrend ", "audit backfill completion history tasks trend")]
    [InlineData("infratrend audit --f", "--format --fail-under --fail-on-regression")]
    [InlineData("infratrend audit --format ", "console md json html sarif")]
    [InlineData("infratrend history ", "mark export prune --last --db --quiet")]
    [InlineData("infratrend tasks accept x --", "--reason --until --db")]
    [InlineData("infratrend completion ", "bash zsh pwsh")]
    public void The_completion_entry_point_offers_what_can_follow_a_partial_command_line(string line, string expected)
    {
        var outcome = CliRunner.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(0, outcome.ExitCode);
        var offered = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var word in expected.Split(' '))
            Assert.Contains(word, offered);
    }

    [Fact]
    public void Completion_for_options_offers_only_the_command_s_own()
    {
        var offered = CliRunner.Run("[suggest:21]", "infratrend rules --").Output.Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains("--format", offered);
        Assert.DoesNotContain("--db", offered);
        Assert.DoesNotContain("--out", offered);
    }

    [Fact]
    public void The_bash_script_completes_through_the_built_tool()
    {
        if (!File.Exists("/bin/bash") || OperatingSystem.IsWindows())
            return;
        using var temp = new TempFolder();
        var launcher = temp.File("infratrend");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet '{CliRunner.ToolDll}' \"$@\"\n");
        File.SetUnixFileMode(launcher, (UnixFileMode)0b111_101_101);
        var script = "source <(infratrend completion bash)\n"
            + "COMP_LINE='infratrend history ex'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(infratrend history ex); COMP_CWORD=2\n"
            + "_infratrend_complete; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        var info = new ProcessStartInfo("/bin/bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["PATH"] = $"{temp.Path}:{Environment.GetEnvironmentVariable("PATH")}";
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        Assert.Equal("export", output.Trim());
    }

    [Theory]
    [InlineData(new[] { "adit" }, "unknown command 'adit'; did you mean 'audit'? (see 'infratrend --help')")]
    [InlineData(new[] { "hstory", "." }, "unknown command 'hstory'; did you mean 'history'? (see 'infratrend --help')")]
    [InlineData(new[] { "history", "exprot", "x.json" }, "unknown command 'history exprot'; did you mean 'history export'? (see 'infratrend history --help')")]
    [InlineData(new[] { "audit", "--fromat", "md" }, "unknown option '--fromat' for 'audit'; did you mean '--format'? (see 'infratrend audit --help')")]
    [InlineData(new[] { "audit", "--fail" }, "unknown option '--fail' for 'audit'; did you mean '--fail-under' or '--fail-on-regression'? (see 'infratrend audit --help')")]
    [InlineData(new[] { "rules", "--db", "x" }, "unknown option '--db' for 'rules' (see 'infratrend rules --help')")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate' (see 'infratrend --help')")]
    [InlineData(new[] { "audit", "--no-record=yes" }, "--no-record takes no value")]
    [InlineData(new[] { "audit", "--out" }, "--out needs a value (FILE)")]
    [InlineData(new[] { "audit", "--out", "--" }, "--out needs a value (FILE), not '--'")]
    [InlineData(new[] { "audit", "--format", "xml" }, "--format takes one of console, md, json, html, sarif, not 'xml'")]
    [InlineData(new[] { "audit", "a", "b" }, "'audit' takes at most 1 argument(s), got: a b")]
    [InlineData(new[] { "show" }, "show needs RUN (a run number, latest, previous or a commit SHA prefix; see 'infratrend history')")]
    [InlineData(new[] { "tasks", "done", "ci.pipeline" }, "tasks done needs --reason")]
    [InlineData(new[] { "audit", "--format", "md", "--format", "json" }, "--format is given more than once")]
    public void A_mistake_on_the_command_line_is_one_line_and_exit_1(string[] args, string says)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((1, $"infratrend: {says}"), (outcome.ExitCode, outcome.Error.TrimEnd()));
        Assert.Equal("", outcome.Output);
    }

    [Fact]
    public void Help_and_version_answer_as_before()
    {
        Assert.Equal(CliRunner.Run("--version").Output, CliRunner.Run("version").Output);
        Assert.Equal(CliRunner.Run("history", "mark", "--help").Output, CliRunner.Run("help", "history", "mark").Output);
        Assert.Equal((0, ""), (CliRunner.Run("audit", "-h").ExitCode, CliRunner.Run("audit", "-h").Error));
        var none = CliRunner.Run();
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("Commands:", none.Output);
    }

    [Fact]
    public void Every_option_and_argument_help_names_is_one_the_parser_accepts_and_the_reverse()
    {
        foreach (var spec in InfraTrend.Cli.Cli.Specs)
        {
            var help = spec.Help();
            var listed = help.Split('\n').Where(l => l.StartsWith("  --", StringComparison.Ordinal)).Select(l => l.Trim().Split(' ')[0]).ToHashSet();
            var accepted = spec.Definition.Options.Select(o => o.Name).Concat(CommandSpec.Common.Select(o => o.Name)).ToHashSet();
            Assert.Equal(accepted.Order(), listed.Order());
            foreach (var option in spec.Options)
            {
                string[] args = [.. spec.Name.Split(' '), option.Name, .. option.ValueName is null ? Array.Empty<string>() : ["x"]];
                var parse = InfraTrend.Cli.Cli.Root.Parse(args);
                Assert.DoesNotContain(parse.UnmatchedTokens, t => t == option.Name);
                Assert.NotNull(parse.GetResult(spec.Definition.Options.Single(o => o.Name == option.Name)));
            }
            foreach (Match argument in Regex.Matches(spec.Usage, @"\b[A-Z_]{2,}\b"))
                Assert.Contains(argument.Value, help);
        }
    }
}
