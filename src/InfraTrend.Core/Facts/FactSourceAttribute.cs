namespace InfraTrend.Facts;

/// <summary>
/// Registers a fact source: the source generator lists every class carrying it in <see cref="FactSources.All"/>, each
/// after the sources its <see cref="After"/> names, and a class implementing <see cref="IFactSource"/> without it is a
/// compile error (IT0007), so no source is left out.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FactSourceAttribute : Attribute
{
    /// <summary>
    /// The sources whose output this one reads (facts, a shared value they compute or change, a cached value they
    /// release): it starts only once theirs is in the shared tables. A cycle is a compile error (IT0005).
    /// </summary>
    public Type[] After { get; init; } = [];
}

/// <summary>One registered fact source: its name (as <c>--verbose</c> shows it), how to make it, and the positions in <see cref="FactSources.All"/> of the sources it comes after.</summary>
public sealed record FactSourceDescriptor(string Name, Func<IFactSource> Create, IReadOnlyList<int> After);
