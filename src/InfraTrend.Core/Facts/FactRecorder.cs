namespace InfraTrend.Facts;

/// <summary>What a fact source writes per file: facts added, flagged and counted, each with its evidence.</summary>
public interface IFactWriter
{
    void Add(string key, string item, Evidence evidence);

    void Flag(string key, Evidence evidence, bool value = true);

    void Count(string key, long amount, Evidence evidence);
}

/// <summary>
/// Keeps what a per-file scan writes, to write it into the context later, in the same order: files can then be scanned
/// on every core while the context (which is not thread-safe) receives their facts one file after another, in path order.
/// </summary>
public sealed class FactRecorder : IFactWriter
{
    private readonly List<Action<IFactWriter>> _writes = [];

    public void Add(string key, string item, Evidence evidence) => _writes.Add(w => w.Add(key, item, evidence));

    public void Flag(string key, Evidence evidence, bool value = true) => _writes.Add(w => w.Flag(key, evidence, value));

    public void Count(string key, long amount, Evidence evidence) => _writes.Add(w => w.Count(key, amount, evidence));

    /// <summary>Writes everything recorded into <paramref name="writer"/>, in the order it was recorded.</summary>
    public void WriteTo(IFactWriter writer)
    {
        foreach (var write in _writes)
            write(writer);
    }
}
