using System.Diagnostics;
using System.Reflection;
using InfraTrend.Config;
using InfraTrend.Facts;
using InfraTrend.Scanning;

namespace InfraTrend.Auditing;

/// <summary>
/// The persistent cache an audit asks for. <paramref name="DbOption"/>: the history database named by --db, if any (the
/// cache goes beside it, <see cref="DerivedValueStore.Beside"/>). <paramref name="Warn"/>: a corrupt cache rebuilt, one line;
/// <paramref name="Note"/>: a cache that cannot be had (a read-only checkout), which only costs time. Neither is in the report.
/// </summary>
public sealed record CacheRequest(string? DbOption, Action<string> Warn, Action<string> Note);

public sealed record AuditOptions
{
    /// <summary>A commit to audit straight from git objects; null for the working tree.</summary>
    public string? Ref { get; init; }
    /// <summary>Values worked out from blob contents, shared between the commits of one backfill (what one audit does not use is then dropped).</summary>
    public BlobCache? Blobs { get; init; }
    /// <summary>The configuration to use when the audited state has no .infratrend.yml of its own.</summary>
    public InfraTrendConfig? FallbackConfig { get; init; }
    /// <summary>When the audited state's own .infratrend.yml is broken: false throws (a live audit), true warns and uses the fallback (backfill).</summary>
    public bool ToleratesBrokenConfig { get; init; }
    public long MaxFileSize { get; init; } = Snapshot.DefaultMaxFileSize;
    /// <summary>
    /// Keep values worked out from file contents between audits, beside the history database; null audits from scratch.
    /// Not used with <see cref="Blobs"/>, which shares them between a backfill's commits.
    /// </summary>
    public CacheRequest? Cache { get; init; }
    /// <summary>Called with a short description of each stage, for a progress display.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>Runs the flow for one repository state: snapshot -> facts -> analyzers -> scores -> plan.</summary>
public static class Auditor
{
    public static string ToolVersion { get; } =
        typeof(Auditor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static InfraTrendConfig LoadConfig(Snapshot snapshot, AuditOptions options, List<(string Path, string Message)> warnings)
    {
        try
        {
            // Read before the snapshot's binary filter: a UTF-16 or binary config must be decoded or refused, not skipped.
            byte[]? bytes;
            try
            {
                bytes = snapshot.ReadRaw(InfraTrendConfig.FileName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigException($"{InfraTrendConfig.FileName}: cannot be read ({e.Message})");
            }
            if (bytes is null)
                return options.FallbackConfig ?? InfraTrendConfig.Empty;
            return ConfigLoader.Parse(ConfigLoader.Decode(bytes));
        }
        catch (ConfigException e) when (options.ToleratesBrokenConfig)
        {
            warnings.Add((InfraTrendConfig.FileName, $"{e.Message}; audited with the current configuration instead"));
            return options.FallbackConfig ?? InfraTrendConfig.Empty;
        }
    }

    public static AuditResult Audit(string path, AuditOptions? options = null)
    {
        options ??= new AuditOptions();
        var clock = Stopwatch.StartNew();
        var auditedAt = DateTimeOffset.UtcNow;
        var root = RepositoryInfo.FindRoot(path);

        options.Progress?.Invoke("listing files");
        // git works out the commit, branch and dirtiness in processes of its own while the files are read
        // (on a large tree `git status` costs about as much as listing it).
        var infoTask = Task.Run(() => RepositoryInfo.Read(root, options.Ref));
        // The cache is opened and read meanwhile too; it holds values for one set of ignore settings, given once known.
        var settings = new TaskCompletionSource<string>();
        var opening = options.Cache is { } cacheRequest && options.Blobs is null ? Task.Run(() => OpenCache(cacheRequest, root, settings.Task)) : null;
        InfraTrendConfig config;
        var configWarnings = new List<(string Path, string Message)>();
        Snapshot? snapshot = null;
        try
        {
            snapshot = options.Ref is null
                ? new WorkingTreeSnapshot(root, maxFileSize: options.MaxFileSize)
                : new CommitSnapshot(root, options.Ref, options.MaxFileSize, options.Blobs);
            config = LoadConfig(snapshot, options, configWarnings);
        }
        catch
        {
            settings.TrySetCanceled(); // the cache is closed again
            snapshot?.Dispose();
            throw;
        }
        settings.SetResult(DerivedValueStore.Fingerprint(config.Ignore));
        using var store = opening?.GetAwaiter().GetResult();
        using var owned = snapshot;
        configWarnings.AddRange(config.LapsedWaiverWarnings().Select(w => (InfraTrendConfig.FileName, w)));
        if (config.Ignore.Count > 0)
        {
            var rules = IgnoreRule.Parse(config.Ignore, "").ToList();
            snapshot.Ignore(path => IgnoreRule.IsIgnored(rules, path, isDirectory: false));
        }
        snapshot.Store = store;

        options.Progress?.Invoke($"reading facts from {snapshot.Files.Count} files");
        var costs = new List<SourceCost>();
        var (facts, warnings) = FactExtractor.Extract(snapshot, costs);
        options.Blobs?.EndCommit();
        store?.Flush();
        var cache = store?.Statistics;

        options.Progress?.Invoke("scoring");
        var evaluation = ScoringRules.Of(config).Evaluate(facts);
        var info = infoTask.GetAwaiter().GetResult();
        return new AuditResult(info, ToolVersion, auditedAt, clock.Elapsed, snapshot.Files.Count, snapshot.Skipped, configWarnings.Concat(warnings).ToList(), facts, evaluation)
        {
            Config = config,
            SourceCosts = costs,
            Cache = cache,
        };
    }

    private static DerivedValueStore? OpenCache(CacheRequest request, string root, Task<string> settings)
    {
        var path = DerivedValueStore.Beside(History.HistoryLocation.Resolve(request.DbOption, root));
        try
        {
            // The default folder gets its .gitignore, as for the history: the cache never makes the tree dirty.
            History.HistoryLocation.PrepareFolder(path, root);
        }
        catch (History.HistoryException e)
        {
            request.Note($"cache {path} cannot be used ({e.Message}); audited without it");
            return null;
        }
        return DerivedValueStore.Open(path, settings, request.Warn, unusable: request.Note);
    }
}
