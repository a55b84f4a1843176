using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>Reads every fact of a snapshot: parts first, then each source in order, then the parts folded into the repository.</summary>
public static class FactExtractor
{
    public static (RepositoryFacts Facts, IReadOnlyList<(string Path, string Message)> Warnings) Extract(Snapshot snapshot)
    {
        var parts = PartDetector.Detect(snapshot);
        var context = new FactContext(snapshot, parts);
        foreach (var source in FactSources.All)
            source.Collect(context);

        foreach (var part in parts)
            context.Repository.MergeFrom(part.Facts, key => key.Scope == FactScope.Part);

        var ordered = parts.OrderBy(p => p.Path == "." ? "" : p.Path, StringComparer.Ordinal).ToList();
        return (new RepositoryFacts { Repository = context.Repository, Parts = ordered }, context.Warnings.OrderBy(w => w.Path, StringComparer.Ordinal).ToList());
    }
}
