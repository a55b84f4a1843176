using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>
/// What a fact source works with: the snapshot, and tables to write into. A part-scoped fact goes to the
/// part whose folder holds its evidence (the deepest one); a repository-scoped fact, or one found outside
/// every part, goes to the repository.
/// </summary>
public sealed class FactContext : IFactWriter
{
    // Lazy: sources running side by side that ask for the same value wait for the one computing it.
    private readonly ConcurrentDictionary<string, Lazy<object>> _cache = new(StringComparer.Ordinal);
    private readonly FactTable _repository = new();
    private readonly List<(string Path, string Message)> _warnings = [];

    public FactContext(Snapshot snapshot, IReadOnlyList<PartFacts> parts)
    {
        Snapshot = snapshot;
        // Deepest first, so a file goes to the most specific part that holds it.
        Parts = parts.OrderByDescending(p => p.Path == "." ? 0 : p.Path.Count(c => c == '/') + 1).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();
    }

    public Snapshot Snapshot { get; }
    /// <summary>The repository's facts: while a fact source runs, its own copy of them (<see cref="FactRun"/>).</summary>
    public FactTable Repository => FactRun.Current is { } run ? run.CopyOf(_repository) : _repository;
    public IReadOnlyList<PartFacts> Parts { get; }

    /// <summary>Warnings for the audit's output (a workflow that does not parse, say): path and message.</summary>
    public List<(string Path, string Message)> Warnings => FactRun.Current?.Warnings ?? _warnings;

    /// <summary>The warnings every finished source's are applied to, whichever source is running.</summary>
    internal List<(string Path, string Message)> SharedWarnings => _warnings;

    /// <summary>The part that holds <paramref name="path"/>, or null when it lies outside every part.</summary>
    public PartFacts? PartOf(string path) => Parts.FirstOrDefault(p => p.Contains(path));

    /// <summary>The table a fact about <paramref name="path"/> belongs in.</summary>
    public FactTable TableFor(string key, string path) =>
        FactKeys.Get(key).Scope == FactScope.Part && PartOf(path) is { } part ? part.Facts : Repository;

    public void Add(string key, string item, Evidence evidence) => TableFor(key, evidence.Path).Add(key, item, evidence);

    public void Flag(string key, Evidence evidence, bool value = true) => TableFor(key, evidence.Path).Flag(key, evidence, value);

    public void Count(string key, long amount, Evidence evidence) => TableFor(key, evidence.Path).Count(key, amount, evidence);

    public void SetText(string key, string? value, Evidence evidence) => TableFor(key, evidence.Path).SetText(key, value, evidence);

    public void SetEntry(string key, string name, string? value, Evidence evidence) => TableFor(key, evidence.Path).SetEntry(key, name, value, evidence);

    public void AddObject(string key, JsonObject value, Evidence evidence) => TableFor(key, evidence.Path).AddObject(key, value, evidence);

    /// <summary>
    /// Records a runtime pin (stack.runtimeSources) for the environment-parity check. <paramref name="kind"/> says where
    /// it stands: deployment, docker, ci, version-file or manifest (stack.runtimes prefers them in that order).
    /// </summary>
    public void RuntimeSource(string runtime, string version, Evidence evidence, string kind)
    {
        var normalized = Versions.Normalize(version);
        if (normalized is null)
            return;
        Repository.AddObject(
            FactKeys.RuntimeSources,
            new JsonObject { ["runtime"] = runtime, ["version"] = normalized, ["path"] = evidence.Path, ["line"] = evidence.Line, ["kind"] = kind },
            evidence);
    }

    public void Warn(string path, string message) => Warnings.Add((path, message));

    /// <summary>Files whose name matches, in path order.</summary>
    public IEnumerable<SnapshotFile> FilesNamed(params string[] names) =>
        Snapshot.Files.Where(f => names.Contains(f.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Drops a cached value whose last reader is done, so its memory can go (asked for again, it is computed again). The
    /// source that forgets comes After every source that reads the value before it in the registry's order; one that
    /// reads it later computes it again, as it would have when sources ran one after another.
    /// </summary>
    public void Forget(string name) => _cache.TryRemove(name, out _);

    /// <summary>The values computed so far, by name (for tests of what an audit keeps to its end).</summary>
    internal IEnumerable<KeyValuePair<string, object>> CachedValues =>
        _cache.Where(e => e.Value.IsValueCreated).Select(e => KeyValuePair.Create(e.Key, e.Value.Value));

    /// <summary>A value computed once per audit and shared by every source (a parsed manifest, say).</summary>
    public T Cached<T>(string name, Func<T> compute)
        where T : notnull
    {
        var value = _cache.GetOrAdd(name, _ => new Lazy<object>(() => compute()));
        try
        {
            return (T)value.Value;
        }
        catch
        {
            // A value whose computing failed (a pattern that ran too long) is computed again by the next asker, not failed again.
            _cache.TryRemove(KeyValuePair.Create(name, value));
            throw;
        }
    }

    /// <summary>Migrations of one tool, by path: each part counts its own, with the first and the last as evidence.</summary>
    public void RecordMigrations(string tool, IReadOnlyList<string> migrations)
    {
        foreach (var group in migrations.Order(StringComparer.Ordinal).GroupBy(p => PartOf(p)?.Path ?? ""))
        {
            var list = group.ToList();
            var first = new Evidence(list[0], 0);
            // Migrations in a .NET library project (Lidarr's NzbDrone.Core/Datastore/Migration) belong to the parts that
            // reference the library, as the library's other facts do.
            if (group.Key == "" && list[0].EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
                && Dotnet.DotnetWorkspace.Of(this).TablesFor(list[0]) is { } tables && tables.All(t => t != Repository))
            {
                foreach (var table in tables)
                    table.Add(FactKeys.MigrationTools, tool, first);
                SharedCount.Add(this, tables, FactKeys.MigrationCount, list.Count, first, list.Count > 1 ? new Evidence(list[^1], 0) : null);
                continue;
            }
            Add(FactKeys.MigrationTools, tool, first);
            Count(FactKeys.MigrationCount, list.Count, first);
            if (list.Count > 1)
                TableFor(FactKeys.MigrationCount, list[^1]).Count(FactKeys.MigrationCount, 0, new Evidence(list[^1], 0));
        }
    }
}

/// <summary>
/// One producer of facts (a manifest reader, a workflow parser...), registered by <see cref="FactSourceAttribute"/>.
/// Sources run side by side, each once the sources its attribute names are done.
/// </summary>
public interface IFactSource
{
    void Collect(FactContext context);
}
