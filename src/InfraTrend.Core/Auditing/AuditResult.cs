using InfraTrend.Config;
using InfraTrend.Facts;
using InfraTrend.Scanning;

namespace InfraTrend.Auditing;

/// <summary>One audit: which state was read, what was found, and what it scored.</summary>
public sealed record AuditResult(
    RepositoryInfo Repository,
    string ToolVersion,
    DateTimeOffset AuditedAt,
    TimeSpan Duration,
    int FilesScanned,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<(string Path, string Message)> Warnings,
    RepositoryFacts Facts,
    Evaluation Evaluation)
{
    /// <summary>The configuration the audit ran with (.infratrend.yml of the audited state, or the fallback).</summary>
    public InfraTrendConfig Config { get; init; } = InfraTrendConfig.Empty;

    /// <summary>What each fact source cost, in the order they ran: for `--verbose` and the benchmarks, never stored.</summary>
    public IReadOnlyList<SourceCost> SourceCosts { get; init; } = [];

    /// <summary>What the persistent cache did (null without one): for `--verbose` and the benchmarks, never stored.</summary>
    public Scanning.CacheStatistics? Cache { get; init; }

    /// <summary>The JSON output's schema version (docs/audit.schema.json).</summary>
    public const int SchemaVersion = 1;

    /// <summary>Where the run sits in time: its commit time, or the audit time for a dirty working tree.</summary>
    public DateTimeOffset EffectiveTime => Repository.Dirty || Repository.CommittedAt is null ? AuditedAt : Repository.CommittedAt.Value;
}
