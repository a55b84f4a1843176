using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

/// <summary>
/// Bad input never stops an audit: it finishes, says what it skipped and why, never prints a secret, and exits 0.
/// </summary>
public sealed class BadInputTests
{
    private const string AwsKey = "AKIAIOSFODNN7EXAMPLQ";
    private const string GitHubToken = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    private const string DbPassword = "s3cr3t-Passw0rd-42";

    private static TestRepository Hostile()
    {
        var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write(".github/workflows/broken.yml", "name: broken\non: [push\njobs:\n  build:\n    steps: - run: make\n")
            .WriteBytes(".github/workflows/ci-binary.yml", [0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3])
            .WriteBytes("backend/src/latin1.ts", [0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0x78, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0xff, 0x27, 0x3b, 0x0a])
            .Write("config/production.yml", $"aws:\n  access_key_id: {AwsKey}\n  token: {GitHubToken}\ndatabase:\n  url: postgres://app:{DbPassword}@db.internal:5432/shop\n")
            .Symlink("loop-a", "loop-b")
            .Symlink("loop-b", "loop-a")
            .Symlink("passwd-link", "/etc/passwd");
        Directory.CreateDirectory(repo.PathOf("assets"));
        using (var big = File.Create(repo.PathOf("assets/huge.bin")))
            big.SetLength(50L * 1024 * 1024);
        repo.Commit("hostile content");
        return repo;
    }

    [Fact]
    public void A_hostile_repository_is_audited_to_the_end_and_says_what_it_skipped()
    {
        using var repo = Hostile();
        var report = repo.PathOf("report.json");

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "json", "--out", report);

        Assert.Equal(0, outcome.ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(report))!;
        var skipped = json["skipped"]!.AsArray().ToDictionary(s => s!["path"]!.GetValue<string>(), s => s!["reason"]!.GetValue<string>());
        Assert.Equal("binary", skipped[".github/workflows/ci-binary.yml"]);
        Assert.Equal("oversized", skipped["assets/huge.bin"]);
        Assert.Equal("symlink-loop", skipped["loop-a"]);
        Assert.Equal("symlink-outside-root", skipped["passwd-link"]);
        var warnings = json["warnings"]!.AsArray().Select(w => w!["path"]!.GetValue<string>()).ToList();
        Assert.Contains(".github/workflows/broken.yml", warnings);
        Assert.Contains("Skipped files", outcome.Output);
        var verbose = CliRunner.Run("audit", repo.Root, "--quiet", "--verbose");
        Assert.Contains("skipped assets/huge.bin: oversized", verbose.Error);
        Assert.Equal("", verbose.Output);
        Assert.Contains("broken.yml", outcome.Output);
        // The sample's facts survive the noise around them.
        Assert.Equal(22, json["facts"]!["database.migrationCount"]!.GetValue<int>());
    }

    [Fact]
    public void A_committed_secret_is_reported_by_place_and_never_printed()
    {
        using var repo = Hostile();
        var md = repo.PathOf("report.md");
        var jsonPath = repo.PathOf("report.json");

        var console = CliRunner.Run("audit", repo.Root, "--verbose", "--format", "md", "--out", md);
        var json = CliRunner.Run("audit", repo.Root, "--format", "json", "--out", jsonPath);

        Assert.Equal(0, console.ExitCode);
        var facts = JsonNode.Parse(File.ReadAllText(jsonPath))!["facts"]!;
        Assert.True(facts["security.committedSecrets"]!.GetValue<int>() >= 3);
        Assert.Contains("config/production.yml:2", File.ReadAllText(md));
        foreach (var text in new[] { console.Output, console.Error, File.ReadAllText(md), File.ReadAllText(jsonPath), json.Output })
        {
            Assert.DoesNotContain(AwsKey, text);
            Assert.DoesNotContain(GitHubToken, text);
            Assert.DoesNotContain(DbPassword, text);
        }
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void An_unreadable_file_is_skipped_when_the_audit_runs_without_root()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write("backend/src/secret-notes.ts", "export const x = 1;\n");
        File.SetUnixFileMode(repo.PathOf("backend/src/secret-notes.ts"), UnixFileMode.None);
        var outFolder = repo.PathOf("out-for-nobody");
        Directory.CreateDirectory(outFolder);
        File.SetUnixFileMode(outFolder, (UnixFileMode)0b111_111_111);
        var report = Path.Combine(outFolder, "report.json");

        // Root reads a mode-000 file, so the audit runs as user nobody.
        var outcome = CliRunner.RunProcess(asNobody: true, "audit", repo.Root, "--format", "json", "--out", report, "--no-record");

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var skipped = JsonNode.Parse(File.ReadAllText(report))!["skipped"]!.AsArray();
        Assert.Contains(skipped, s => s!["path"]!.GetValue<string>() == "backend/src/secret-notes.ts" && s["reason"]!.GetValue<string>() == "unreadable");
    }

    [Fact]
    public void A_repository_with_no_files_is_audited_at_level_1()
    {
        using var repo = TestRepository.Create();

        var outcome = CliRunner.Run("audit", repo.Root, "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        var json = JsonNode.Parse(outcome.Output)!;
        Assert.Equal(1, json["overall"]!["maturityLevel"]!.GetValue<int>());
        Assert.Null(json["repository"]!["commit"]);
    }

    [Fact]
    public void A_folder_outside_git_is_audited_with_its_ignore_rules()
    {
        using var repo = TestRepository.Create(git: false);
        repo.Write(".gitignore", "secrets/\n").Write("secrets/.env", "X=1\n").Write("README.md", "# x\n");

        var json = JsonNode.Parse(CliRunner.Run("audit", repo.Root, "--format", "json").Output)!;

        Assert.True(json["facts"]!["operations.readme"]!.GetValue<bool>());
        Assert.False(json["facts"]!["security.envFileCommitted"]!.GetValue<bool>());
    }
}
