namespace InfraTrend.Facts;

/// <summary>Where a fact was found: a repository-relative path (forward slashes) and a 1-based line, 0 for the whole file.</summary>
public sealed record Evidence(string Path, int Line) : IComparable<Evidence>
{
    public int CompareTo(Evidence? other)
    {
        if (other is null)
            return 1;
        var byPath = string.CompareOrdinal(Path, other.Path);
        return byPath != 0 ? byPath : Line.CompareTo(other.Line);
    }

    public override string ToString() => Line > 0 ? $"{Path}:{Line}" : Path;
}

/// <summary>Evidence kept per key where several places show the same thing: the first in path and line order wins.</summary>
public static class EarliestEvidence
{
    /// <summary>Keeps <paramref name="evidence"/> for <paramref name="key"/> unless an earlier one is already there.</summary>
    public static void KeepEarliest<TKey>(this Dictionary<TKey, Evidence> map, TKey key, Evidence evidence)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var known) || evidence.CompareTo(known) < 0)
            map[key] = evidence;
    }
}
