using System.Diagnostics;
using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>What one fact source cost an audit: wall time, and bytes allocated meanwhile (on every thread).</summary>
public sealed record SourceCost(string Source, TimeSpan Elapsed, long Allocated);

/// <summary>Reads every fact of a snapshot: parts first, then each source in order, then the parts folded into the repository.</summary>
public static class FactExtractor
{
    /// <param name="costs">When given, receives each source's cost, in order (`audit --verbose`, `bench alloc`).</param>
    public static (RepositoryFacts Facts, IReadOnlyList<(string Path, string Message)> Warnings) Extract(Snapshot snapshot, List<SourceCost>? costs = null)
    {
        var parts = Measured(nameof(PartDetector), costs, () => PartDetector.Detect(snapshot));
        var context = new FactContext(snapshot, parts);
        foreach (var source in FactSources.All)
            Measured(source.GetType().Name, costs, () => { source.Collect(context); return 0; });

        foreach (var part in parts)
            context.Repository.MergeFrom(part.Facts, key => key.Scope == FactScope.Part);

        var ordered = parts.OrderBy(p => p.Path == "." ? "" : p.Path, StringComparer.Ordinal).ToList();
        return (new RepositoryFacts { Repository = context.Repository, Parts = ordered }, context.Warnings.OrderBy(w => w.Path, StringComparer.Ordinal).ToList());
    }

    private static T Measured<T>(string name, List<SourceCost>? costs, Func<T> run)
    {
        if (costs is null)
            return run();
        var start = Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes();
        var result = run();
        costs.Add(new SourceCost(name, Stopwatch.GetElapsedTime(start), GC.GetTotalAllocatedBytes() - allocated));
        return result;
    }
}
