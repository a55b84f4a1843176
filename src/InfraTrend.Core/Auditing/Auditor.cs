using System.Diagnostics;
using System.Reflection;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Scoring;

namespace InfraTrend.Auditing;

public sealed record AuditOptions
{
    /// <summary>A commit to audit straight from git objects; null for the working tree.</summary>
    public string? Ref { get; init; }
    public ScoringOptions Scoring { get; init; } = ScoringOptions.Default;
    public IReadOnlySet<string> DisabledAnalyzers { get; init; } = new HashSet<string>();
    public long MaxFileSize { get; init; } = Snapshot.DefaultMaxFileSize;
    /// <summary>Called with a short description of each stage, for a progress display.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>Runs the flow for one repository state: snapshot -> facts -> analyzers -> scores -> plan.</summary>
public static class Auditor
{
    public static string ToolVersion { get; } =
        typeof(Auditor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static AuditResult Audit(string path, AuditOptions? options = null)
    {
        options ??= new AuditOptions();
        var clock = Stopwatch.StartNew();
        var auditedAt = DateTimeOffset.UtcNow;
        var root = RepositoryInfo.FindRoot(path);

        options.Progress?.Invoke("listing files");
        using Snapshot snapshot = options.Ref is null
            ? new WorkingTreeSnapshot(root, maxFileSize: options.MaxFileSize)
            : new CommitSnapshot(root, options.Ref, options.MaxFileSize);
        var info = RepositoryInfo.Read(root, options.Ref);

        options.Progress?.Invoke($"reading facts from {snapshot.Files.Count} files");
        var (facts, warnings) = FactExtractor.Extract(snapshot);

        options.Progress?.Invoke("scoring");
        var evaluation = Evaluation.Evaluate(facts, options.Scoring, options.DisabledAnalyzers);
        return new AuditResult(info, ToolVersion, auditedAt, clock.Elapsed, snapshot.Files.Count, snapshot.Skipped, warnings, facts, evaluation);
    }
}
