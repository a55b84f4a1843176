using System.Text.RegularExpressions;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

/// <summary>`audit --cache` with its persistent cache (beside the history database), audits without it and what --verbose says of them.</summary>
public sealed partial class AuditCacheTests
{
    [GeneratedRegex("\"(auditedAt|durationMs)\": [^,\n]+")]
    private static partial Regex Timing();

    private static string Report(CliRunner.Outcome outcome) => Timing().Replace(outcome.Output, "");

    [GeneratedRegex(@"^cache: (\d+) hits, (\d+) misses, (\d+) written, \d+ evicted; \d+ ms opening and reading it, \d+ files hashed in \d+ ms \((.+)\)$", RegexOptions.Multiline)]
    private static partial Regex CacheLine();

    [Fact]
    public void A_second_audit_reads_what_the_first_kept_even_unrecorded_and_the_tree_stays_clean()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var status = repo.Git("status", "--porcelain");

        var first = CliRunner.Run("audit", repo.Root, "--format", "json", "--no-record", "--verbose", "--cache");
        var second = CliRunner.Run("audit", repo.Root, "--format", "json", "--no-record", "--verbose", "--cache");
        var scratch = CliRunner.Run("audit", repo.Root, "--format", "json", "--no-record", "--verbose"); // off by default
        var declined = CliRunner.Run("audit", repo.Root, "--format", "json", "--no-record", "--verbose", "--cache", "--no-cache");

        var cold = CacheLine().Match(first.Error);
        var warm = CacheLine().Match(second.Error);
        Assert.True(cold.Success, first.Error);
        Assert.Equal("0", cold.Groups[1].Value);
        Assert.NotEqual("0", cold.Groups[3].Value);
        Assert.Equal(cold.Groups[2].Value, warm.Groups[1].Value); // every value missed cold is found warm
        Assert.Equal("0", warm.Groups[2].Value);
        Assert.Equal(Path.Combine(repo.Root, ".infratrend", "history.cache.db"), warm.Groups[4].Value);
        Assert.Contains("cache: none", scratch.Error);
        Assert.Contains("cache: none", declined.Error);
        Assert.Equal(Report(scratch), Report(first));
        Assert.Equal(Report(scratch), Report(second));
        Assert.Equal(status, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public void A_garbage_cache_is_rebuilt_with_one_warning_and_the_same_report()
    {
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var db = Path.Combine(repo.Root, "..", Path.GetFileName(repo.Root) + "-history.db");
        var cache = Path.Combine(repo.Root, "..", Path.GetFileName(repo.Root) + "-history.cache.db");
        File.WriteAllText(cache, new string('x', 5000));
        try
        {
            var damaged = CliRunner.Run("audit", repo.Root, "--format", "json", "--db", db, "--cache");
            var after = CliRunner.Run("audit", repo.Root, "--format", "json", "--db", db, "--no-record", "--cache");

            Assert.Equal(0, damaged.ExitCode);
            Assert.Equal($"infratrend: warning: cache {Path.GetFullPath(cache)} was unreadable (SQLite Error 26: 'file is not a database'); rebuilt from scratch",
                Assert.Single(damaged.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("cache", StringComparison.Ordinal)));
            Assert.DoesNotContain("cache", after.Error);
            Assert.Equal(Report(damaged), Report(after));
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(db))!, Path.GetFileNameWithoutExtension(db) + "*"))
                File.Delete(file);
        }
    }
}
