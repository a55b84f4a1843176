using System.Diagnostics;
using System.Text;
using InfraTrend.Auditing;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using Xunit.Abstractions;

namespace InfraTrend.Tests.Scanning;

/// <summary>
/// A corpus of hostile repositories, each built here with real files and the git CLI. For each case the in-process
/// audit (working tree, and the commit where something is committed) and the CLI's <c>audit</c> in every report format
/// must finish, exit 0, never follow a link out of the repository, never open a named pipe, say in one line on stderr
/// what it skipped, and keep file names' markup and control characters out of every report. Each case prints its
/// time and allocations (the README's budget is 5 s and 300 MB a case; nothing here asserts a timing).
/// </summary>
public sealed class HostileRepositoryTests(ITestOutputHelper output)
{
    private const string OutsideSecret = "OUTSIDE-SECRET-4f1c";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);
    private static readonly string[] Formats = ["console", "md", "json", "html", "sarif"];

    [Fact]
    public void Symlinks_out_of_the_tree_and_in_loops_are_skipped_and_never_followed()
    {
        using var outside = TestRepository.Create(git: false);
        outside.Write("secret.txt", OutsideSecret).Write("deploy.yml", $"on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo {OutsideSecret}\n");
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r").Write("docs/guide.md", "guide")
            .Symlink("passwd", "/etc/passwd")
            .Symlink("secret.txt", outside.PathOf("secret.txt"))
            .Symlink(".github/workflows/deploy.yml", outside.PathOf("deploy.yml"))
            .Symlink("outside-folder", outside.Root)
            .Symlink("up", "..")
            .Symlink("loop-a", "loop-b").Symlink("loop-b", "loop-a").Symlink("self", "self")
            .Symlink("GUIDE.md", "docs/guide.md");
        repo.Commit("links");

        var result = AuditCase(repo, "symlinks");

        foreach (var path in new[] { "passwd", "secret.txt", ".github/workflows/deploy.yml", "outside-folder", "up" })
            Assert.Contains(new SkippedFile(path, SkipReason.SymlinkOutsideRoot), result.Skipped);
        foreach (var path in new[] { "loop-a", "loop-b", "self" })
            Assert.Contains(new SkippedFile(path, SkipReason.SymlinkLoop), result.Skipped);
    }

    [Fact]
    public void A_named_pipe_is_never_opened_and_is_reported_as_skipped()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r");
        repo.Commit("init");
        MakeFifo(repo.PathOf("pipe"));
        // git lists no pipe, but it lists links to one, named where the audit reads first.
        repo.Symlink(".github/workflows/ci.yml", "../../pipe").Symlink("package.json", "pipe").Symlink("docker-compose.yml", "pipe");

        var result = AuditCase(repo, "fifo");

        foreach (var path in new[] { ".github/workflows/ci.yml", "package.json", "docker-compose.yml" })
            Assert.Contains(new SkippedFile(path, SkipReason.SpecialFile), result.Skipped);
    }

    [Fact]
    public void A_named_pipe_in_a_folder_without_git_is_never_opened_and_is_reported_as_skipped()
    {
        using var repo = TestRepository.Create(git: false);
        repo.Write("README.md", "# r");
        Directory.CreateDirectory(repo.PathOf(".github/workflows"));
        MakeFifo(repo.PathOf(".github/workflows/ci.yml"));
        MakeFifo(repo.PathOf("package.json"));

        var result = AuditCase(repo, "fifo without git");

        Assert.Contains(new SkippedFile(".github/workflows/ci.yml", SkipReason.SpecialFile), result.Skipped);
        Assert.Contains(new SkippedFile("package.json", SkipReason.SpecialFile), result.Skipped);
    }

    [Fact]
    public void A_1_GB_sparse_file_and_a_100_MB_single_line_manifest_left_untracked_are_listed_and_never_read()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r");
        repo.Commit("init");
        Directory.CreateDirectory(repo.PathOf("data"));
        using (var sparse = new FileStream(repo.PathOf("data/dump.bin"), FileMode.CreateNew, FileAccess.Write))
            sparse.SetLength(1L << 30);
        using (var manifest = new FileStream(repo.PathOf("package.json"), FileMode.CreateNew, FileAccess.Write))
        {
            var chunk = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
            manifest.Write("{\"name\":\""u8);
            for (var i = 0; i < 100; i++)
                manifest.Write(chunk);
            manifest.Write("\"}"u8);
        }

        var result = AuditCase(repo, "1 GB sparse + 100 MB manifest");

        Assert.Contains(new SkippedFile("data/dump.bin", SkipReason.Oversized), result.Skipped);
        Assert.Contains(new SkippedFile("package.json", SkipReason.Oversized), result.Skipped);
    }

    [Fact]
    public void Invalid_utf8_is_read_with_replacement_characters()
    {
        using var repo = TestRepository.Create();
        byte[] Bad(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, 0xFF, 0xFE, 0x80, (byte)'\n', .. Encoding.UTF8.GetBytes(after)];
        repo.WriteBytes(".github/workflows/ci.yml", Bad("on: push\n# ", "jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n"))
            .WriteBytes("package.json", Bad("{\"name\": \"x\", \"scripts\": {\"test\": \"jest\"}, \"description\": \"", "\"}\n"))
            .WriteBytes("Dockerfile", Bad("FROM node:20\n# ", "CMD [\"node\", \"app.js\"]\n"))
            .WriteBytes("src/app.js", Bad("console.log('", "');\n"));
        repo.Commit("bytes");

        var result = AuditCase(repo, "invalid UTF-8");

        Assert.DoesNotContain(result.Skipped, s => s.Reason == SkipReason.Binary);
    }

    [Fact]
    public void Utf16_workflows_with_a_byte_order_mark_are_read_and_one_without_is_skipped_as_binary()
    {
        const string Workflow = "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - run: npm test\n";
        using var repo = TestRepository.Create();
        repo.Write("package.json", "{\"name\": \"x\", \"scripts\": {\"test\": \"jest\"}}\n")
            .WriteBytes(".github/workflows/le.yml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Workflow)])
            .WriteBytes(".github/workflows/be.yml", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Workflow)])
            .WriteBytes(".github/workflows/no-bom.yml", Encoding.Unicode.GetBytes(Workflow));
        repo.Commit("utf-16");

        var result = AuditCase(repo, "UTF-16 workflows");

        Assert.Equal([new SkippedFile(".github/workflows/no-bom.yml", SkipReason.Binary)], result.Skipped);
        Assert.Contains(result.Facts.Repository.EvidenceOf("ci.workflowFiles"), e => e.Path == ".github/workflows/le.yml");
    }

    [Fact]
    public void Yaml_anchor_bombs_are_refused_with_a_warning()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
            bomb.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + (char)(level - 1), 9))).Append("]\n");
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r")
            .Write(".github/workflows/ci.yml", bomb + "on: push\nenv: *i\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env: *i\n    steps:\n      - run: npm test\n        with: *i\n      - *i\n")
            .Write("docker-compose.yml", bomb + "services:\n  web:\n    image: nginx\n    environment: *i\n    command: *i\n")
            .Write(".gitlab-ci.yml", bomb + "test:\n  script: *i\n");
        repo.Commit("bombs");

        var result = AuditCase(repo, "YAML anchor bombs");

        foreach (var path in new[] { ".github/workflows/ci.yml", "docker-compose.yml", ".gitlab-ci.yml" })
            Assert.Contains(result.Warnings, w => w.Path == path && w.Message.Contains("aliases", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_nested_200000_deep_is_refused_with_a_warning_not_a_stack_overflow()
    {
        // YamlDotNet recurses per level: this overflowed the stack, which no catch survives (exit 134).
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r")
            .Write(".github/workflows/ci.yml", "on: " + new string('[', 200_000) + new string(']', 200_000) + "\n")
            .Write(".gitlab-ci.yml", "a: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\n")
            .Write("src/main/resources/application.yml", "server: " + new string('[', 200_000) + "\n");
        repo.Commit("deep");

        var result = AuditCase(repo, "YAML nested 200,000 deep");

        foreach (var path in new[] { ".github/workflows/ci.yml", ".gitlab-ci.yml" })
            Assert.Contains(result.Warnings, w => w.Path == path && w.Message.Contains("deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Folders_nested_past_PATH_MAX_are_outside_the_audit_and_the_audit_says_so()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r");
        repo.Commit("init");
        // 25 folders of 200 characters: over 5,000 characters, past PATH_MAX (4,096). Built one relative step at a time.
        var name = new string('d', 200);
        RunShell(repo.Root, $"for i in $(seq 1 25); do mkdir {name} && cd {name} || exit 1; done; printf '{{}}' > package.json");
        try
        {
            var result = AuditCase(repo, "nested past PATH_MAX");

            Assert.Contains(result.Skipped, s => s.Reason == SkipReason.Unlisted && s.Path.StartsWith(name, StringComparison.Ordinal));
        }
        finally
        {
            RunShell(repo.Root, $"rm -rf {name}");
        }
    }

    [Fact]
    public void File_names_with_markup_pipes_backticks_newlines_and_escapes_stay_out_of_every_report_raw()
    {
        const string Hostile = "<svg onload=alert(1)>|`x`\n\u001b[31mred\u0007";
        using var outside = TestRepository.Create(git: false);
        outside.Write("secret.txt", OutsideSecret);
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# r")
            .Write($".github/workflows/{Hostile}.yml", "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n")
            .Write($"{Hostile}.md", "# notes")
            .WriteBytes($".github/workflows/{Hostile}-binary.yml", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0])
            .Symlink($"{Hostile}.txt", outside.PathOf("secret.txt"));
        repo.Commit("names");

        var result = AuditCase(repo, "hostile file names");

        Assert.Contains(new SkippedFile($".github/workflows/{Hostile}-binary.yml", SkipReason.Binary), result.Skipped);
        Assert.Contains(new SkippedFile($"{Hostile}.txt", SkipReason.SymlinkOutsideRoot), result.Skipped);
    }

    // ---- the checks every case goes through -----------------------------------------------------

    /// <summary>Audits in process and through the CLI in every format; checks what every case must hold; returns the in-process result.</summary>
    private AuditResult AuditCase(TestRepository repo, string name)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = Guarded(() => Auditor.Audit(repo.Root), $"{name}: Auditor.Audit");
        output.WriteLine($"{name}: in-process audit {clock.ElapsedMilliseconds} ms, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_000_000} MB allocated, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB");
        AssertNothingFromOutside(result);

        if (Directory.Exists(repo.PathOf(".git")) && repo.Git("rev-list", "--all").Length > 0)
        {
            clock.Restart();
            var committed = Guarded(() => Auditor.Audit(repo.Root, new AuditOptions { Ref = "HEAD" }), $"{name}: Auditor.Audit --ref HEAD");
            output.WriteLine($"{name}: --ref HEAD {clock.ElapsedMilliseconds} ms");
            AssertNothingFromOutside(committed);
        }

        foreach (var format in Formats)
        {
            // Markdown and HTML to a file (on stdout the console summary comes first); the others to stdout.
            var file = format is "md" or "html" ? Path.Combine(Path.GetTempPath(), "infratrend-tests", $"hostile-{Guid.NewGuid():N}.{format}") : null;
            string[] args = file is null ? ["audit", repo.Root, "--no-record", "--format", format] : ["audit", repo.Root, "--no-record", "--format", format, "--out", file];
            clock.Restart();
            var outcome = Guarded(() => CliRunner.Run(args), $"{name}: audit --format {format}");
            output.WriteLine($"{name}: audit --format {format}: exit {outcome.ExitCode}, {clock.ElapsedMilliseconds} ms");
            Assert.True(outcome.ExitCode == 0, $"{name}: audit --format {format} exited {outcome.ExitCode}: {outcome.Error}");
            AssertClean(outcome.Output, "stdout", name);
            AssertClean(outcome.Error, "stderr", name);
            if (file is not null)
            {
                AssertClean(File.ReadAllText(file), format, name);
                File.Delete(file);
            }
            AssertSkipsAreWarned(result, outcome.Error, $"{name}, --format {format}");
        }
        return result;
    }

    /// <summary>Every file the audit read is inside the repository: no outside content reached a fact, warning or evidence.</summary>
    private static void AssertNothingFromOutside(AuditResult result)
    {
        var json = InfraTrend.Reports.JsonReport.Render(result);
        Assert.DoesNotContain(OutsideSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", json, StringComparison.Ordinal);
    }

    /// <summary>No control character but line ends and tabs; no raw markup from a file name where a reader renders markup.</summary>
    private static void AssertClean(string text, string format, string name)
    {
        var bad = text.FirstOrDefault(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
        Assert.True(bad == default, $"{name}: {format} holds control character U+{(int)bad:X4}");
        Assert.DoesNotContain(OutsideSecret, text, StringComparison.Ordinal);
        // Markdown and HTML are rendered: a name's markup must arrive escaped. The console and stderr are plain text (a
        // name is shown as it is, less its control characters); JSON and SARIF carry it as data, escaped by their own rules.
        if (format == "md")
        {
            // In Markdown a name goes in a code span (its fence longer than any backtick run inside), where markup is text.
            var outsideCode = System.Text.RegularExpressions.Regex.Replace(text, @"(`+)(?!`).*?(?<!`)\1(?!`)", "");
            Assert.DoesNotContain("<svg", outsideCode, StringComparison.Ordinal);
        }
        if (format == "html")
            Assert.DoesNotContain("<svg", text, StringComparison.Ordinal);
    }

    /// <summary>Each skipped path has one line on stderr naming it (binary files are counted in one line).</summary>
    private static void AssertSkipsAreWarned(AuditResult result, string stderr, string context)
    {
        var lines = stderr.Split('\n');
        foreach (var skipped in result.Skipped)
        {
            if (skipped.Reason == SkipReason.Binary)
            {
                Assert.Contains(lines, l => l.StartsWith("infratrend: skipped ", StringComparison.Ordinal) && l.Contains("binary", StringComparison.Ordinal));
                continue;
            }
            var shown = InfraTrend.Reports.ReportText.TerminalPath(skipped.Path);
            Assert.True(
                lines.Any(l => l.StartsWith("infratrend: warning: skipped ", StringComparison.Ordinal) && l.Contains(shown, StringComparison.Ordinal)),
                $"{context}: no warning line for {shown} ({skipped.Reason}) in:\n{stderr}");
        }
    }

    private static T Guarded<T>(Func<T> action, string what)
    {
        // A hang (a pipe opened, an alias expanded) fails the test instead of the run; the stuck thread ends with the process.
        var task = Task.Run(action);
        Assert.True(task.Wait(Guard), $"{what} did not finish in {Guard.TotalSeconds} s");
        return task.Result;
    }

    private static void MakeFifo(string path) => RunShell(Path.GetDirectoryName(path)!, $"mkfifo '{Path.GetFileName(path)}'");

    private static void RunShell(string folder, string script)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = folder, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bash -c failed: {error}");
    }
}
