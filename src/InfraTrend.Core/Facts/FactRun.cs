namespace InfraTrend.Facts;

/// <summary>
/// One fact source's turn while sources run side by side: its own copy of each table it touches (made when it first
/// touches it, from the shared table as it is then) and its own warnings. The copies record every write, and the
/// extractor makes the same writes on the shared tables in the registry's order, so the shared tables end as they
/// would have if the sources had run one after another, whatever the threads did meanwhile.
/// </summary>
/// <remarks>
/// It is ambient (<see cref="Current"/> flows into the source's own parallel loops and into a shared value it
/// computes), so code that holds the context or a part, a value cached for every source included, writes into the
/// copies of whichever source is running it.
/// </remarks>
internal sealed class FactRun(object gate)
{
    private static readonly AsyncLocal<FactRun?> Ambient = new();

    private readonly Dictionary<FactTable, FactTable> _copies = new(ReferenceEqualityComparer.Instance);

    public static FactRun? Current => Ambient.Value;

    public List<(string Path, string Message)> Warnings { get; } = [];

    /// <summary>Makes this the running source's turn for the rest of the calling flow (a task of its own).</summary>
    public void Enter() => Ambient.Value = this;

    /// <summary>This turn's copy of <paramref name="shared"/>.</summary>
    public FactTable CopyOf(FactTable shared)
    {
        lock (_copies)
        {
            if (!_copies.TryGetValue(shared, out var copy))
            {
                // The gate keeps a finished source's writes from landing in the shared table while it is copied.
                lock (gate)
                    _copies[shared] = copy = shared.Fork();
            }
            return copy;
        }
    }

    /// <summary>Makes this turn's writes on the shared tables and hands its warnings over; the caller holds the gate.</summary>
    public void ApplyTo(List<(string Path, string Message)> warnings)
    {
        foreach (var (shared, copy) in _copies)
            copy.ReplayOnto(shared);
        warnings.AddRange(Warnings);
    }
}
