using System.Runtime.Versioning;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Scanning;

/// <summary>
/// Every way a repository's configuration can name a command, each with its own marker file, and every command of
/// the tool that runs git over that repository. Where plain git can be made to run the command without a terminal
/// or a network, the test first shows that it does, so the trap is real.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GitConfigCommandTests
{
    /// <summary>Filter and diff driver names that the old <c>-c name=value</c> overrides could not reach, and plain ones.</summary>
    private static readonly string[] DriverNames = ["evil", "a=b", "a.b", "a b", "x=y.z", "p q=r"];

    [Fact]
    public void No_command_named_by_the_repository_configuration_runs_in_any_command_of_the_tool()
    {
        using var repo = HostileRepository(out var traps);
        var db = Path.Combine(repo.Root, ".infratrend-test", "history.db");

        // Plain git runs them: the traps are real.
        StaleTimestamps(repo, minutes: 1);
        TryGit(repo, "status");
        TryGit(repo, "diff", "HEAD~1", "HEAD", "--", "README.md");
        for (var i = 0; i < DriverNames.Count(n => !n.Contains(' ')); i++)
            TryGit(repo, "diff", "HEAD~1", "HEAD", "--", $"d{i}.txt"); // an external diff that fails stops git at its file
        TryGit(repo, "log", "-1");
        TryGit(repo, "update-ref", "refs/heads/proof", "HEAD");
        TryGit(repo, "ls-remote", "ssh://example.invalid/r.git");
        TryGitWithInput(repo, "protocol=https\nhost=example.invalid\n\n", "credential", "fill");
        foreach (var proven in new[] { "include-fsmonitor", "includeif-hook", "diff-evil", "diff-a=b", "diff-a.b", "diff-x=y.z", "gpg", "ssh", "credential" })
            Assert.True(File.Exists(traps.Marker(proven)), $"plain git runs the {proven} trap");
        // A process filter that fails stops plain git at the first file, so those are added only now; each filter
        // driver is shown to run on its own in A_filter_driver_of_any_name_never_runs.
        foreach (var name in DriverNames)
            repo.Git("config", $"filter.{name}.process", traps.Command("process-" + name));
        traps.Clear();
        StaleTimestamps(repo, minutes: 2);

        var head = repo.Git("rev-parse", "HEAD").Trim();
        var commands = new[]
        {
            new[] { "audit", repo.Root, "--db", db, "--quiet" },
            ["audit", repo.Root, "--ref", "HEAD~1", "--db", db, "--quiet"],
            ["audit", repo.Root, "--no-record", "--format", "sarif", "--quiet"],
            ["backfill", repo.Root, "--db", db, "--quiet"],
            ["history", repo.Root, "--db", db],
            ["history", "rescore", repo.Root, "--db", db],
            ["compare", repo.Root, "--db", db],
            ["compare", "1", head[..8], repo.Root, "--db", db],
            ["tasks", repo.Root, "--db", db],
            ["show", "latest", repo.Root, "--db", db, "--format", "md"],
            ["trend", repo.Root, "--db", db, "--out", Path.Combine(repo.Root, ".infratrend-test", "t.svg")],
            ["audit", repo.Root, "--db", db, "--fail-on-regression", "--quiet"],
            ["init", repo.Root],
        };
        foreach (var args in commands)
        {
            StaleTimestamps(repo, minutes: 3 + Array.IndexOf(commands, args));
            var outcome = CliRunner.Run(args);
            Assert.True(outcome.ExitCode is 0 or 2, $"{string.Join(' ', args[..2])}: exit {outcome.ExitCode}: {outcome.Error}");
            Assert.Empty(traps.Ran());
        }
    }

    [Fact]
    public void A_repository_owned_by_another_user_is_audited_with_its_commands_still_off()
    {
        if (Environment.UserName != "root")
            return; // only root can give a folder to another user; CI runs as root
        using var repo = TestRepository.Create();
        repo.Write(".gitattributes", "* filter=a=b\n").Write("README.md", "# r\n");
        var commit = repo.Commit("init");
        var traps = new Traps(repo);
        repo.Git("config", "filter.a=b.clean", traps.Command("filter", passThrough: true));
        repo.Git("config", "core.fsmonitor", traps.Script("fsmonitor"));
        Assert.Equal(0, RunAsRoot("chown", "-R", "65534:65534", repo.Root));
        Assert.NotEqual(0, RunAsRoot("git", "-C", repo.Root, "status"));
        File.SetLastWriteTimeUtc(repo.PathOf("README.md"), DateTime.UtcNow.AddMinutes(1));

        var outcome = CliRunner.Run("audit", repo.Root, "--no-record", "--format", "json", "--quiet");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(commit, outcome.Output);
        Assert.Empty(traps.Ran());
    }

    private static int RunAsRoot(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    [Theory]
    [InlineData("evil", "clean")]
    [InlineData("a=b", "clean")]
    [InlineData("a=b", "process")]
    [InlineData("a.b", "smudge")]
    [InlineData("x=y.z", "process")]
    public void A_filter_driver_of_any_name_never_runs(string name, string part)
    {
        using var repo = TestRepository.Create();
        repo.Write(".gitattributes", $"d.txt filter={name}\n").Write("d.txt", "one\n").Write("README.md", "# r\n");
        repo.Commit("init");
        var traps = new Traps(repo);
        repo.Git("config", $"filter.{name}.{part}", traps.Command("filter", passThrough: part != "process"));
        if (part == "smudge")
        {
            File.Delete(repo.PathOf("d.txt"));
            TryGit(repo, "checkout", "--", "d.txt");
        }
        else
        {
            File.SetLastWriteTimeUtc(repo.PathOf("d.txt"), DateTime.UtcNow.AddMinutes(1));
            TryGit(repo, "status");
        }
        Assert.True(File.Exists(traps.Marker("filter")), $"plain git runs filter.{name}.{part}");
        traps.Clear();
        File.SetLastWriteTimeUtc(repo.PathOf("d.txt"), DateTime.UtcNow.AddMinutes(2));

        foreach (var args in new[] { new[] { "audit", repo.Root, "--no-record", "--quiet" }, ["audit", repo.Root, "--ref", "HEAD", "--no-record", "--quiet"] })
            Assert.Equal(0, CliRunner.Run(args).ExitCode);

        Assert.Empty(traps.Ran());
    }

    [Theory]
    [InlineData("filter.evil.clean", "filter.evil.clean", "")]
    [InlineData("filter.a=b.clean", "filter.a=b.clean", "")]
    [InlineData("filter.a=b.process", "filter.a=b.required", "false")]
    [InlineData("diff.a b.textconv", "diff.a b.textconv", "")]
    [InlineData("diff.x.y.command", "diff.x.y.command", "")]
    [InlineData("gpg.ssh.program", "gpg.ssh.program", "")]
    [InlineData("credential.https://example.com.helper", "credential.https://example.com.helper", "")]
    [InlineData("merge.ours.driver", "merge.ours.driver", "")]
    [InlineData("pager.log", "pager.log", "false")]
    [InlineData("core.sshcommand", "core.sshcommand", "")]
    public void A_command_key_of_any_driver_name_is_overridden_whole(string key, string overridden, string value) =>
        Assert.Contains((overridden, value), GitCli.OverridesFor(key));

    [Theory]
    [InlineData("user.name")]
    [InlineData("remote.origin.url")]
    [InlineData("core.bare")]
    public void Keys_that_name_no_command_are_left_alone(string key) => Assert.Empty(GitCli.OverridesFor(key));

    [Fact]
    public void A_filter_of_a_submodule_never_runs()
    {
        using var inner = TestRepository.Create();
        inner.Write(".gitattributes", "* filter=sub\n").Write("a.yml", "a: 1\n");
        inner.Commit("inner");
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r\n");
        repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.Root, "sub");
        repo.Commit("with submodule");
        var marker = repo.PathOf(".git/sub-filter.ran");
        repo.Git("-C", repo.PathOf("sub"), "config", "filter.sub.clean", $"touch '{marker}'; cat");
        File.SetLastWriteTimeUtc(repo.PathOf("sub/a.yml"), DateTime.UtcNow.AddMinutes(1));
        repo.Git("status");
        Assert.True(File.Exists(marker), "plain git status recurses into the submodule and runs its filter");
        File.Delete(marker);
        File.SetLastWriteTimeUtc(repo.PathOf("sub/a.yml"), DateTime.UtcNow.AddMinutes(2));

        var outcome = CliRunner.Run("audit", repo.Root, "--no-record", "--quiet");

        Assert.Equal(0, outcome.ExitCode);
        Assert.False(File.Exists(marker), "the submodule's filter ran");
    }

    /// <summary>
    /// A repository with two commits whose .git/config (and the files it includes) names a trap in every key
    /// git reads a command from; every file carries attributes that select each filter and diff driver.
    /// </summary>
    private static TestRepository HostileRepository(out Traps traps)
    {
        var repo = TestRepository.Create();
        // One file per driver name (a later attribute line wins, so each name needs its own path); names with a
        // space cannot be selected by .gitattributes but are still configured below.
        var selectable = DriverNames.Where(n => !n.Contains(' ')).ToArray();
        var attributes = "* filter=evil diff=evil\n" + string.Concat(selectable.Select((n, i) => $"d{i}.txt filter={n} diff={n}\n")) + "*.yml filter=included\n";
        repo.Write(".gitattributes", attributes)
            .Write("README.md", "# r\n")
            .Write("ci.yml", "name: ci\n")
            .Write("package.json", "{\"name\":\"r\",\"scripts\":{\"start\":\"node index.js\"}}\n");
        for (var i = 0; i < selectable.Length; i++)
            repo.Write($"d{i}.txt", "one\n");
        repo.Commit("init");
        repo.Write("README.md", "# r\n\nMore.\n").Write("Dockerfile", "FROM node:22\n");
        for (var i = 0; i < selectable.Length; i++)
            repo.Write($"d{i}.txt", "two\n");
        repo.Commit("second");
        repo.SignHeadWithFakeSignature();

        traps = new Traps(repo);
        foreach (var name in DriverNames)
        {
            foreach (var part in new[] { "clean", "smudge" })
                repo.Git("config", $"filter.{name}.{part}", traps.Command("filter-" + name, passThrough: true));
            repo.Git("config", $"diff.{name}.textconv", traps.Command("diff-" + name, passThrough: true));
            repo.Git("config", $"diff.{name}.command", traps.Command("diff-" + name));
            repo.Git("config", $"merge.{name}.driver", traps.Command("merge-" + name));
        }
        repo.Git("config", "core.fsmonitor", traps.Script("fsmonitor"));
        repo.Git("config", "core.sshCommand", traps.Command("ssh"));
        repo.Git("config", "core.pager", traps.Command("pager"));
        repo.Git("config", "pager.log", traps.Command("pager-log"));
        repo.Git("config", "core.alternateRefsCommand", traps.Command("alternate-refs"));
        repo.Git("config", "core.editor", traps.Command("editor"));
        repo.Git("config", "core.askPass", traps.Script("askpass"));
        repo.Git("config", "log.showSignature", "true");
        repo.Git("config", "gpg.program", traps.Script("gpg"));
        repo.Git("config", "gpg.ssh.program", traps.Script("gpg-ssh"));
        repo.Git("config", "gpg.x509.program", traps.Script("gpg-x509"));
        repo.Git("config", "uploadpack.packObjectsHook", traps.Script("pack-objects-hook"));
        repo.Git("config", "credential.helper", "!" + traps.Command("credential"));
        repo.Git("config", "credential.https://example.invalid.helper", "!" + traps.Command("credential-url"));

        // Hooks, through core.hooksPath set in a config that the repository's config includes only conditionally.
        var hooks = Directory.CreateDirectory(repo.PathOf(".git/trap-hooks")).FullName;
        foreach (var hook in new[] { "post-index-change", "pre-commit", "post-checkout", "reference-transaction" })
            File.Copy(traps.Script("includeif-hook"), Path.Combine(hooks, hook), overwrite: true);
        File.WriteAllText(repo.PathOf(".git/conditional.config"), $"[core]\n\thooksPath = {hooks}\n");
        repo.Git("config", $"includeIf.gitdir:{repo.Root}/.git.path", repo.PathOf(".git/conditional.config"));

        // A second fsmonitor and a filter that only an included file names: they override the repository's own.
        File.WriteAllText(repo.PathOf(".git/included.config"),
            $"[core]\n\tfsmonitor = {traps.Script("include-fsmonitor")}\n[filter \"included\"]\n\tclean = {traps.Command("include-filter", passThrough: true)}\n");
        repo.Git("config", "include.path", repo.PathOf(".git/included.config"));
        return repo;
    }

    private sealed class Traps(TestRepository repo)
    {
        private readonly string _folder = Directory.CreateDirectory(repo.PathOf(".git/traps")).FullName;

        public string Marker(string name) => Path.Combine(_folder, Safe(name) + ".ran");

        /// <summary>An executable script that leaves the marker; as a filter or textconv it passes its input through.</summary>
        public string Script(string name, bool passThrough = false)
        {
            var script = Path.Combine(_folder, Safe(name) + ".sh");
            File.WriteAllText(script, $"#!/bin/sh\ntouch '{Marker(name)}'\n{(passThrough ? "cat \"$@\"\n" : "exit 1\n")}");
            File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
            return script;
        }

        /// <summary>A shell command line (git runs these through sh) that runs the script.</summary>
        public string Command(string name, bool passThrough = false) => $"'{Script(name, passThrough)}'";

        public IEnumerable<string> Ran() => Directory.EnumerateFiles(_folder, "*.ran").Select(Path.GetFileName)!;

        public void Clear()
        {
            foreach (var file in Directory.EnumerateFiles(_folder, "*.ran"))
                File.Delete(file);
        }

        private static string Safe(string name) => name.Replace(' ', '_');
    }

    /// <summary>Same content, new time: git can no longer trust its index and must read each file again.</summary>
    private static void StaleTimestamps(TestRepository repo, int minutes)
    {
        foreach (var file in new[] { "README.md", "ci.yml", "package.json", "Dockerfile", ".gitattributes" })
            File.SetLastWriteTimeUtc(repo.PathOf(file), DateTime.UtcNow.AddMinutes(minutes));
    }

    private static void TryGit(TestRepository repo, params string[] args)
    {
        try
        {
            repo.Git(args);
        }
        catch (InvalidOperationException)
        {
            // The trap exits 1, so git fails after running it; that it ran is what counts.
        }
    }

    private static void TryGitWithInput(TestRepository repo, string input, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = repo.Root, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }
}
