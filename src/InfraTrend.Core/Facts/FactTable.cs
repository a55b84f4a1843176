using System.Text.Json.Nodes;

namespace InfraTrend.Facts;

/// <summary>
/// The facts of a repository or of one part: every key of <see cref="FactKeys"/> with its value and the
/// evidence (path, line) it was found at. Plain JSON-able data, so a stored run can be rescored without
/// the repository.
/// </summary>
public sealed class FactTable
{
    /// <summary>Evidence kept per key or item: enough to point at, not a full index of every match.</summary>
    public const int EvidenceLimit = 20;

    private readonly SortedDictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedSet<Evidence>> _evidence = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<Evidence>>> _itemEvidence = new(StringComparer.Ordinal);

    /// <summary>
    /// On a source's copy of a shared table (<see cref="Fork"/>), every write made to it, to be made again on the
    /// shared table in the registry's order (<see cref="ReplayOnto"/>); null on every other table.
    /// </summary>
    private List<Action<FactTable>>? _journal;

    public FactTable()
    {
        foreach (var key in FactKeys.All)
            _values[key.Name] = DefaultValue(key.Kind);
    }

    private FactTable(FactTable from)
    {
        foreach (var (key, value) in from._values)
            _values[key] = value?.DeepClone();
        foreach (var (key, set) in from._evidence)
            _evidence[key] = new SortedSet<Evidence>(set);
        foreach (var (key, byItem) in from._itemEvidence)
        {
            var items = new SortedDictionary<string, SortedSet<Evidence>>(StringComparer.Ordinal);
            foreach (var (item, set) in byItem)
                items[item] = new SortedSet<Evidence>(set);
            _itemEvidence[key] = items;
        }
    }

    /// <summary>A copy that keeps every write made to it, for <see cref="ReplayOnto"/>.</summary>
    internal FactTable Fork() => new(this) { _journal = [] };

    /// <summary>Makes the writes made to this copy, in their order, on <paramref name="shared"/>.</summary>
    internal void ReplayOnto(FactTable shared)
    {
        foreach (var write in _journal!)
            write(shared);
    }

    private static JsonNode? DefaultValue(FactKind kind) =>
        kind switch
        {
            FactKind.List or FactKind.Objects => new JsonArray(),
            FactKind.Bool => JsonValue.Create(false),
            FactKind.Number => JsonValue.Create(0L),
            FactKind.Map => new JsonObject(),
            _ => null,
        };

    // ---- reading -------------------------------------------------------------------------------

    public IReadOnlyList<string> List(string key) =>
        _values[Checked(key, FactKind.List)] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [];

    public bool Has(string key, string item) => List(key).Contains(item, StringComparer.Ordinal);

    public bool Bool(string key) => _values[Checked(key, FactKind.Bool)]?.GetValue<bool>() ?? false;

    public bool? NullableBool(string key) => _values[Checked(key, FactKind.NullableBool)]?.GetValue<bool>();

    public long Number(string key) => _values[Checked(key, FactKind.Number)]?.GetValue<long>() ?? 0;

    public string? Text(string key) => _values[Checked(key, FactKind.Text)]?.GetValue<string>();

    public IReadOnlyDictionary<string, string?> Map(string key) =>
        ((JsonObject)_values[Checked(key, FactKind.Map)]!).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>(), StringComparer.Ordinal);

    public IReadOnlyList<JsonObject> Objects(string key) =>
        ((JsonArray)_values[Checked(key, FactKind.Objects)]!).Select(n => (JsonObject)n!).ToList();

    public IReadOnlyList<Evidence> EvidenceOf(string key) =>
        _evidence.TryGetValue(key, out var set) ? set.ToList() : [];

    public IReadOnlyList<Evidence> EvidenceOf(string key, string item) =>
        _itemEvidence.TryGetValue(key, out var items) && items.TryGetValue(item, out var set) ? set.ToList() : [];

    /// <summary>True when the key holds anything other than its empty default.</summary>
    public bool IsSet(string key) =>
        _values[key] switch
        {
            null => false,
            JsonArray a => a.Count > 0,
            JsonObject o => o.Count > 0,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<long>(out var n) => n != 0,
            _ => true,
        };

    // ---- writing -------------------------------------------------------------------------------

    public void Add(string key, string item, Evidence? evidence = null)
    {
        _journal?.Add(t => t.Add(key, item, evidence));
        var array = (JsonArray)_values[Checked(key, FactKind.List)]!;
        if (!array.Any(n => n!.GetValue<string>() == item))
        {
            var index = 0;
            while (index < array.Count && string.CompareOrdinal(array[index]!.GetValue<string>(), item) < 0)
                index++;
            array.Insert(index, item);
        }
        Note(key, item, evidence);
    }

    public void Flag(string key, Evidence? evidence = null, bool value = true)
    {
        _journal?.Add(t => t.Flag(key, evidence, value));
        var kind = FactKeys.Get(key).Kind;
        if (kind == FactKind.NullableBool)
        {
            // "every workflow sets it": once one says no, the answer stays no, and the evidence is where it says no.
            var current = _values[key]?.GetValue<bool>();
            _values[key] = JsonValue.Create(current is null ? value : current.Value && value);
            if (current is true && !value)
                _evidence.Remove(key);
            else if (current is false && value)
                return;
        }
        else
        {
            Checked(key, FactKind.Bool);
            if (value)
                _values[key] = JsonValue.Create(true);
        }
        Note(key, null, evidence);
    }

    public void Count(string key, long amount, Evidence? evidence = null)
    {
        _journal?.Add(t => t.Count(key, amount, evidence));
        _values[Checked(key, FactKind.Number)] = JsonValue.Create(Number(key) + amount);
        Note(key, null, evidence);
    }

    /// <summary>Sets a text fact; the first value found wins unless <paramref name="overwrite"/>.</summary>
    public void SetText(string key, string? value, Evidence? evidence = null, bool overwrite = false)
    {
        _journal?.Add(t => t.SetText(key, value, evidence, overwrite));
        Checked(key, FactKind.Text);
        if (_values[key] is null || overwrite)
            _values[key] = value is null ? null : JsonValue.Create(value);
        Note(key, null, evidence);
    }

    /// <summary>Sets one entry of a map fact; the first value found for a name wins, except that a version beats null.</summary>
    public void SetEntry(string key, string name, string? value, Evidence? evidence = null)
    {
        _journal?.Add(t => t.SetEntry(key, name, value, evidence));
        var map = (JsonObject)_values[Checked(key, FactKind.Map)]!;
        if (!map.ContainsKey(name) || (map[name] is null && value is not null))
            map[name] = value is null ? null : JsonValue.Create(value);
        Note(key, name, evidence);
    }

    public void AddObject(string key, JsonObject value, Evidence? evidence = null)
    {
        // The shared table gets its own copy, as the source left it (a node has one parent).
        _journal?.Add(t => t.AddObject(key, (JsonObject)value.DeepClone(), evidence));
        ((JsonArray)_values[Checked(key, FactKind.Objects)]!).Add(value);
        Note(key, null, evidence);
    }

    private void Note(string key, string? item, Evidence? evidence)
    {
        if (evidence is null)
            return;
        AddCapped(_evidence, key, evidence);
        if (item is not null)
        {
            if (!_itemEvidence.TryGetValue(key, out var items))
                _itemEvidence[key] = items = new SortedDictionary<string, SortedSet<Evidence>>(StringComparer.Ordinal);
            AddCapped(items, item, evidence);
        }
    }

    private static void AddCapped(IDictionary<string, SortedSet<Evidence>> into, string key, Evidence evidence)
    {
        if (!into.TryGetValue(key, out var set))
            into[key] = set = [];
        set.Add(evidence);
        if (set.Count > EvidenceLimit)
            set.Remove(set.Max!);
    }

    private static string Checked(string key, FactKind kind)
    {
        var actual = FactKeys.Get(key).Kind;
        if (actual != kind)
            throw new InvalidOperationException($"fact '{key}' is a {actual}, not a {kind}");
        return key;
    }

    // ---- combining -----------------------------------------------------------------------------

    /// <summary>Folds another table into this one, by each key's merge rule (union, OR, sum, first).</summary>
    public void MergeFrom(FactTable other, Func<FactKey, bool>? include = null)
    {
        if (_journal is { } journal)
        {
            // One write: the other table as it is now, merged again on the shared table (the merge's own writes are not kept twice).
            var then = new FactTable(other);
            journal.Add(t => t.MergeFrom(then, include));
            _journal = null;
            try
            {
                MergeFrom(other, include);
            }
            finally
            {
                _journal = journal;
            }
            return;
        }
        foreach (var key in FactKeys.All)
        {
            if (include is not null && !include(key))
                continue;
            var name = key.Name;
            switch (key.Kind)
            {
                case FactKind.List:
                    foreach (var item in other.List(name))
                    {
                        Add(name, item);
                        foreach (var e in other.EvidenceOf(name, item))
                            Note(name, item, e);
                    }
                    break;
                case FactKind.Bool:
                    if (other.Bool(name))
                        Flag(name);
                    break;
                case FactKind.NullableBool:
                    if (other.NullableBool(name) is { } b)
                        Flag(name, null, b);
                    break;
                case FactKind.Number:
                    Count(name, other.Number(name));
                    break;
                case FactKind.Text:
                    SetText(name, other.Text(name));
                    break;
                case FactKind.Map:
                    foreach (var (entry, value) in other.Map(name))
                    {
                        SetEntry(name, entry, value);
                        foreach (var e in other.EvidenceOf(name, entry))
                            Note(name, entry, e);
                    }
                    break;
                case FactKind.Objects:
                    foreach (var value in other.Objects(name))
                        AddObject(name, (JsonObject)value.DeepClone());
                    break;
            }
            foreach (var e in other.EvidenceOf(name))
                Note(name, null, e);
        }
    }

    // ---- JSON ----------------------------------------------------------------------------------

    /// <summary>The flat <c>facts</c> object of the JSON report: every key, in catalogue order.</summary>
    public JsonObject ToFactsJson()
    {
        var json = new JsonObject();
        foreach (var key in FactKeys.All)
            json[key.Name] = _values[key.Name]?.DeepClone();
        return json;
    }

    /// <summary><c>factEvidence</c>: key -> evidence, for every fact that is not empty.</summary>
    public JsonObject ToEvidenceJson()
    {
        var json = new JsonObject();
        foreach (var key in FactKeys.All)
        {
            if (IsSet(key.Name) && _evidence.TryGetValue(key.Name, out var set))
                json[key.Name] = EvidenceArray(set);
        }
        return json;
    }

    /// <summary>The whole table, item evidence included, for the history (read back by <see cref="FromStorageJson"/>).</summary>
    public JsonObject ToStorageJson()
    {
        var items = new JsonObject();
        foreach (var (key, byItem) in _itemEvidence)
        {
            var o = new JsonObject();
            foreach (var (item, set) in byItem)
                o[item] = EvidenceArray(set);
            items[key] = o;
        }
        var evidence = new JsonObject();
        foreach (var (key, set) in _evidence)
            evidence[key] = EvidenceArray(set);
        return new JsonObject { ["values"] = ToFactsJson(), ["evidence"] = evidence, ["itemEvidence"] = items };
    }

    public static FactTable FromStorageJson(JsonObject json)
    {
        var table = new FactTable();
        if (json["values"] is JsonObject values)
        {
            foreach (var (name, value) in values)
            {
                // A key a later tool no longer knows is dropped; one it added since keeps its default.
                if (FactKeys.IsKnown(name))
                    table._values[name] = value?.DeepClone();
            }
        }
        if (json["evidence"] is JsonObject evidence)
        {
            foreach (var (key, list) in evidence)
                foreach (var e in ReadEvidence(list))
                    AddCapped(table._evidence, key, e);
        }
        if (json["itemEvidence"] is JsonObject items)
        {
            foreach (var (key, byItem) in items)
                foreach (var (item, list) in (JsonObject)byItem!)
                    foreach (var e in ReadEvidence(list))
                        table.Note(key, item, e);
        }
        return table;
    }

    public static JsonArray EvidenceArray(IEnumerable<Evidence> evidence) =>
        new(evidence.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["line"] = e.Line }).ToArray());

    public static IEnumerable<Evidence> ReadEvidence(JsonNode? list) =>
        list is JsonArray array
            ? array.OfType<JsonObject>().Select(o => new Evidence(o["path"]!.GetValue<string>(), o["line"]!.GetValue<int>()))
            : [];
}
