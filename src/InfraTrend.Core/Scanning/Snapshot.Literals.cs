using System.Collections.Concurrent;

namespace InfraTrend.Scanning;

// Each file's literal verdict: which sets of the catalogue its text holds, worked out once per audit from one read of
// its bytes, whichever source asks first.
public abstract partial class Snapshot
{
    private readonly ConcurrentDictionary<string, Lazy<ulong>> _verdicts = new(StringComparer.Ordinal);
    private LiteralCatalogue? _catalogue;

    /// <summary>
    /// Whether the file's text holds one of the literals of <paramref name="set"/>: false as well when it has no text
    /// (binary, oversized, unreadable, absent: the reason is recorded). The first question about a file, from any
    /// source, reads its bytes once and searches them for every set of the catalogue; every later one is answered from
    /// what was found, and with a persistent cache a file unchanged since git's index recorded it is not read at all.
    /// </summary>
    public bool Holds(string path, LiteralSet set) => (Literals(path, set).Bits & set.Bit) != 0;

    /// <summary>
    /// Like <see cref="ReadTextOnce"/>, for a source that wants only the files holding one of the literals of
    /// <paramref name="set"/>: null as well for a file without any, which is ruled out by its verdict (<see cref="Holds"/>)
    /// before it is decoded. Most files of a repository hold none of a source's literals, and decoding them was most of
    /// what reading thousands of them cost, in time and garbage.
    /// </summary>
    public string? ReadTextOnceIfAny(string path, LiteralSet set)
    {
        var (bits, text) = Literals(path, set);
        return (bits & set.Bit) == 0 ? null : text ?? ReadTextOnce(path);
    }

    /// <summary>The file's verdict and, when this question is the one that read it and <paramref name="set"/> is present, its text.</summary>
    private (ulong Bits, string? Text) Literals(string path, LiteralSet set)
    {
        var catalogue = set.Catalogue ?? throw new ArgumentException($"literal set {set.Name} is in no catalogue", nameof(set));
        if ((Interlocked.CompareExchange(ref _catalogue, catalogue, null) ?? catalogue) != catalogue)
            throw new InvalidOperationException("a snapshot answers for one literal catalogue");
        // Outside the set's files (no source of the catalogue asks about such a file for it): answered from the text.
        if ((catalogue.ScopeOf(path) & set.Bit) == 0)
            return ReadTextOnce(path) is { } whole ? (whole.AsSpan().IndexOfAny(set.Values) >= 0 ? set.Bit : 0, whole) : (LiteralCatalogue.NoText, null);
        if (_verdicts.TryGetValue(path, out var known))
            return (known.Value, null);
        // A source that asks while another is reading the same file waits for that read rather than making its own.
        string? text = null;
        var mine = new Lazy<ulong>(() =>
        {
            var (bits, read) = Verdict(path, catalogue, set.Bit);
            text = read;
            return bits;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        var verdict = _verdicts.GetOrAdd(path, mine);
        return (verdict.Value, ReferenceEquals(verdict, mine) ? text : null);
    }

    private (ulong Bits, string? Text) Verdict(string path, LiteralCatalogue catalogue, ulong wanted)
    {
        var scope = catalogue.ScopeOf(path);
        var kind = catalogue.KindFor(scope);
        // A backfill shares the verdict between commits by blob id, as it shares texts.
        if (SharesText(path))
            return (FromText<ulong?>(path, kind.Name, text => catalogue.Search(text, scope)) ?? LiteralCatalogue.NoText, null);
        if (_texts.TryGetValue(path, out var kept))
        {
            if (kept is null)
                return (LiteralCatalogue.NoText, null);
            // Read already by another question: kept all the same, or the next audit, answering that question from the
            // cache without reading, would miss it (which question reads first changes from one audit to the next).
            var fromText = catalogue.Search(kept, scope);
            if (Find(path) is { } read)
                Keep(path, kind, fromText, read.Size, count: false);
            return (fromText, kept);
        }
        if (Store is { } store && Find(path) is { } file && KnownId(path) is { } id && store.TryGet(id, kind, file.Size, out var stored))
        {
            store.Count(hit: true);
            if ((stored & LiteralCatalogue.Binary) != 0)
                Skip(path, SkipReason.Binary);
            return (stored, null);
        }
        if (LoadBytes(path) is not { } bytes)
            return (LiteralCatalogue.NoText, null);
        ulong found;
        string? decoded = null;
        // A UTF-16 file's ASCII is not ASCII bytes: it is searched decoded. A binary one is recorded as skipped by Decode.
        if (Utf16(bytes) is not null)
            found = catalogue.Search(decoded = Decode(path, bytes)!, scope);
        else if (IsBinary(bytes))
        {
            Skip(path, SkipReason.Binary);
            found = LiteralCatalogue.NoText | LiteralCatalogue.Binary;
        }
        else
        {
            found = catalogue.SearchBytes(bytes, scope);
            if ((found & wanted) != 0)
                decoded = Decode(path, bytes);
        }
        Keep(path, kind, found, bytes.Length, count: true);
        return (found, (found & wanted) != 0 ? decoded : null);
    }

    // Kept under the id of the bytes read: hashed as they were read (modified, untracked, racily clean), or vouched for by
    // the index (a read that found the file changed since it was listed drops that), if it is not kept already. Only with
    // a cache: without one, asking git's index for every file read costs more than the search itself.
    private void Keep(string path, DerivedKind<ulong> kind, ulong found, long length, bool count)
    {
        if (Store is not { } keeping || (_hashed.TryGetValue(path, out var read) ? read : (KnownId(path), length)) is not ({ } readId, var readLength))
            return;
        var held = keeping.TryGet(readId, kind, readLength, out _);
        if (count)
            keeping.Count(hit: held);
        if (!held)
            keeping.Put(readId, kind, readLength, found);
    }
}
