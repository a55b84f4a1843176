using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace InfraTrend.Scanning;

/// <summary>
/// A named set of ASCII literals a fact source needs one of in a file before the file can matter to it: every match of
/// its patterns holds one. Made only by a <see cref="LiteralCatalogue"/>'s owner and asked through
/// <see cref="Snapshot.ReadTextOnceIfAny(string, LiteralSet)"/> or <see cref="Snapshot.Holds"/>.
/// </summary>
public sealed class LiteralSet
{
    /// <param name="extensions">The files the set's source asks about, by extension (any case): only those are searched for it.</param>
    public LiteralSet(string name, IEnumerable<string> extensions, IEnumerable<string> literals)
    {
        Extensions = extensions.Select(e => e.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Name = name;
        var distinct = literals.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Literals = distinct;
        // Only ASCII is found the same in bytes and in decoded text; an empty literal would hold for every file.
        if (Literals.Count == 0 || Literals.Any(l => l.Length == 0 || !Ascii.IsValid(l)))
            throw new ArgumentException($"literal set {name} needs non-empty ASCII literals", nameof(literals));
        Values = SearchValues.Create(distinct, StringComparison.Ordinal);
    }

    public string Name { get; }
    public IReadOnlyList<string> Extensions { get; }
    public IReadOnlyList<string> Literals { get; }
    internal SearchValues<string> Values { get; }

    /// <summary>Its position in its catalogue (<see cref="LiteralCatalogue.Sets"/>).</summary>
    public int Index { get; private set; } = -1;

    public LiteralCatalogue Catalogue { get; private set; } = null!;

    internal ulong Bit => 1UL << Index;

    internal void Join(LiteralCatalogue catalogue, int index)
    {
        if (Index >= 0)
            throw new InvalidOperationException($"literal set {Name} is in a catalogue already");
        Catalogue = catalogue;
        Index = index;
    }
}

/// <summary>
/// Every literal set of the fact sources, known before any file is read. A file's bytes are searched for all of them
/// in one go the first time any source asks about the file (<see cref="Snapshot.Holds"/>), and every later question
/// about it, from any source, is answered from the bits found: a source whose set is absent never reads the file.
/// The bits are a <see cref="DerivedKind{T}"/> whose version follows the sets, so a persistent cache answers for
/// an unchanged file without reading it, and a changed literal invalidates what was kept.
/// </summary>
public sealed class LiteralCatalogue
{
    /// <summary>The file has no text: binary, oversized, unreadable or absent (nothing else is set then, but <see cref="Binary"/>).</summary>
    internal const ulong NoText = 1UL << 63;

    /// <summary>The file is binary, which an audit records as skipped (kept, so a cached verdict records it too).</summary>
    internal const ulong Binary = 1UL << 62;

    private const int MaxSets = 62;

    public LiteralCatalogue(IReadOnlyList<LiteralSet> sets)
    {
        if (sets.Count > MaxSets)
            throw new ArgumentException($"at most {MaxSets} literal sets fit a file's verdict", nameof(sets));
        Sets = sets;
        for (var i = 0; i < sets.Count; i++)
            sets[i].Join(this, i);
        foreach (var set in sets)
        {
            foreach (var extension in set.Extensions)
                _scopes[extension] = _scopes.GetValueOrDefault(extension) | set.Bit;
        }
        var contents = string.Join('\n', sets.Select(s => s.Name + "\t" + string.Join(' ', s.Extensions) + "\t" + string.Join('\t', s.Literals)));
        // Positive, and the same for the same sets in the same order in every build.
        Version = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(contents)), 0) & int.MaxValue;
    }

    /// <summary>Follows the sets' names, extensions and literals: another catalogue's verdicts are never taken for this one's.</summary>
    public int Version { get; }

    private readonly ConcurrentDictionary<ulong, DerivedKind<ulong>> _kinds = new();

    /// <summary>
    /// A file's verdict as a cache keeps it (the sets present, and <see cref="Binary"/>), for the files searched for the sets of
    /// <paramref name="scope"/>: one blob under two extensions is searched for other sets, so its verdicts are kept apart.
    /// </summary>
    public DerivedKind<ulong> KindFor(ulong scope) =>
        _kinds.GetOrAdd(scope, static (scope, version) => new DerivedKind<ulong>($"literal-sets.{scope:x}", version, bits => BitConverter.GetBytes(bits), bytes => BitConverter.ToUInt64(bytes)), Version);

    public IReadOnlyList<LiteralSet> Sets { get; }

    // For each file extension, the sets searched in such a file: a file's verdict holds no set its sources never ask about.
    private readonly Dictionary<string, ulong> _scopes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The sets a file of this path is searched for (by its extension).</summary>
    internal ulong ScopeOf(string path) => _scopes.GetValueOrDefault(Path.GetExtension(path));


    /// <summary>The sets of <paramref name="scope"/> whose literals the text holds.</summary>
    internal ulong Search(ReadOnlySpan<char> text, ulong scope)
    {
        var bits = 0UL;
        foreach (var set in Sets)
        {
            if ((scope & set.Bit) != 0 && text.IndexOfAny(set.Values) >= 0)
                bits |= set.Bit;
        }
        return bits;
    }

    /// <summary>
    /// The sets whose literals a UTF-8 file's bytes hold: the bytes widened one to one into characters (Latin-1), where an
    /// ASCII literal is found exactly where it is in the decoded text (UTF-8 never encodes anything else with ASCII bytes).
    /// </summary>
    internal ulong SearchBytes(ReadOnlySpan<byte> bytes, ulong scope)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            var length = Encoding.Latin1.GetChars(bytes, chars);
            return Search(chars.AsSpan(0, length), scope);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
