using System.Text;
using InfraTrend.Auditing;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Config;

/// <summary>
/// `.infratrend.yml` is read before the snapshot's binary filter: UTF-8 (with or without a byte order mark) and UTF-16
/// with one are applied; anything else is refused with one line and exit 1, never skipped as if it were not there.
/// </summary>
public sealed class ConfigEncodingTests
{
    private const string Config = "disabled:\n  - scaling.cache\n";

    private static TestRepository Repository(byte[] config)
    {
        var repo = TestRepository.Create();
        repo.Write("package.json", "{\"name\":\"shop\",\"dependencies\":{\"express\":\"4.19.2\"}}\n").WriteBytes(".infratrend.yml", config);
        repo.Commit("init");
        return repo;
    }

    public static TheoryData<string, byte[]> Readable => new()
    {
        { "UTF-8", Encoding.UTF8.GetBytes(Config) },
        { "UTF-8 with a byte order mark", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Config)] },
        { "UTF-16 LE with a byte order mark", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Config)] },
        { "UTF-16 BE with a byte order mark", [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Config)] },
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void A_config_in_utf8_or_utf16_with_a_mark_is_applied(string encoding, byte[] bytes)
    {
        using var repo = Repository(bytes);

        var result = Auditor.Audit(repo.Root);

        Assert.True(result.Evaluation.Results.All(r => r.Analyzer.Id != "scaling.cache"), $"{encoding}: scaling.cache is disabled");
        Assert.Contains("scaling.cache", result.Config!.Disabled);
    }

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "UTF-16 without a mark", Encoding.Unicode.GetBytes(Config) },
        { "binary", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00] },
        { "Latin-1", Encoding.Latin1.GetBytes("# caf\u00e9\n" + Config) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Any_other_config_is_refused_with_one_line_and_exit_1(string encoding, byte[] bytes)
    {
        using var repo = Repository(bytes);

        var outcome = CliRunner.Run("audit", repo.Root, "--no-record");

        Assert.True(outcome.ExitCode == 1, $"{encoding}: exit {outcome.ExitCode}");
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(".infratrend.yml", line);
        Assert.Contains("UTF-8", line);
    }

    [Fact]
    public void In_a_backfill_a_past_commits_unreadable_config_is_a_warning()
    {
        using var repo = Repository(Encoding.Unicode.GetBytes(Config));
        repo.Write(".infratrend.yml", Config);
        repo.Commit("config as UTF-8");
        var db = Path.Combine(repo.Root, ".infratrend", "history.db");

        var outcome = CliRunner.Run("backfill", repo.Root, "--db", db);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("UTF-8", outcome.Output + outcome.Error);
    }
}
