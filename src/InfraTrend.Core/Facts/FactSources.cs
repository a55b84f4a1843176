namespace InfraTrend.Facts;

/// <summary>Every fact source, in the order they run. Later sources may read what earlier ones wrote.</summary>
public static class FactSources
{
    public static readonly IReadOnlyList<IFactSource> All =
    [
    ];
}
