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
