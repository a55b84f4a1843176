using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace InfraTrend.Scanning;

/// <summary>A file of a snapshot: repository-relative path with forward slashes, and its size in bytes.</summary>
public sealed record SnapshotFile(string Path, long Size)
{
    // Worked out once: fact sources filter tens of thousands of files by name, source after source.
    public string Name { get; } = System.IO.Path.GetFileName(Path);
    public string Directory { get; } = Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";
}

/// <summary>Why a path was left out of the audit.</summary>
public enum SkipReason
{
    Binary,
    Oversized,
    Unreadable,
    Submodule,
    SymlinkOutsideRoot,
    SymlinkBroken,
    SymlinkLoop,
    SymlinkToDirectory,
    /// <summary>A symlink in an audited commit: its target is only text there, so it is never followed.</summary>
    SymlinkInCommit,
    Missing,
    /// <summary>A named pipe, socket or device: never opened (a pipe would wait for a writer).</summary>
    SpecialFile,
    /// <summary>A folder git could not list (a path past PATH_MAX, a folder it may not open): outside the audit.</summary>
    Unlisted,
}

public sealed record SkippedFile(string Path, SkipReason Reason);

/// <summary>
/// The files of one repository state, read lazily and at most once. Two sources share this shape:
/// the working tree and a past commit, so every later stage is the same for both.
/// </summary>
public abstract partial class Snapshot : IDisposable
{
    /// <summary>Files larger than this are listed but never read.</summary>
    public const long DefaultMaxFileSize = 1024 * 1024;
    private const int BinaryProbeBytes = 8000;

    private readonly ConcurrentDictionary<string, SkippedFile> _skipped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _texts = new(StringComparer.Ordinal);
    private Dictionary<string, SnapshotFile>? _byPath;

    protected Snapshot(string root, long maxFileSize)
    {
        Root = root;
        MaxFileSize = maxFileSize;
    }

    /// <summary>Absolute path of the repository root.</summary>
    public string Root { get; }
    public long MaxFileSize { get; }

    /// <summary>Every auditable file, sorted by path (ordinal), less what <see cref="Ignore"/> left out.</summary>
    public IReadOnlyList<SnapshotFile> Files => _visible ??= _ignore is null ? AllFiles : AllFiles.Where(f => !_ignore(f.Path)).ToList();

    /// <summary>Every file the source lists, sorted by path (ordinal).</summary>
    protected abstract IReadOnlyList<SnapshotFile> AllFiles { get; }

    private Func<string, bool>? _ignore;
    private IReadOnlyList<SnapshotFile>? _visible;

    /// <summary>Leaves out the paths a configuration says to ignore: they are neither read nor reported as skipped.</summary>
    public void Ignore(Func<string, bool> ignored)
    {
        _ignore = ignored;
        _visible = null;
        _byPath = null;
        foreach (var path in _skipped.Keys.Where(ignored).ToList())
            _skipped.TryRemove(path, out _);
    }

    /// <summary>What was left out, sorted by path.</summary>
    public IReadOnlyList<SkippedFile> Skipped => _skipped.Values.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();

    public bool Exists(string path) => (_byPath ??= Files.ToDictionary(f => f.Path, StringComparer.Ordinal)).ContainsKey(path);

    public SnapshotFile? Find(string path) => (_byPath ??= Files.ToDictionary(f => f.Path, StringComparer.Ordinal)).GetValueOrDefault(path);

    /// <summary>The file's text, or null when it is binary, oversized, unreadable or absent (the reason is recorded).</summary>
    public string? ReadText(string path) =>
        SharesText(path) ? SharedText(path) : _texts.GetOrAdd(path, static (path, snapshot) => snapshot.ReadKeptOrLoad(path), this);

    /// <summary>What a file's content is known by in every commit that holds it (its blob id), or null where it has no such name (the working tree).</summary>
    public virtual string? ContentId(string path) => null;

    // The blob id and length of a file's bytes as last read, for a file no id is known for without reading (modified,
    // untracked, racily clean, no git): hashed as they are read while a persistent cache is attached (what is worked out
    // from them is kept under that id, and the bytes are not kept to be hashed later), or when ContentId asks. A file
    // git's index or a commit's tree vouches for is never hashed.
    private readonly ConcurrentDictionary<string, (string Id, long Length)> _hashed = new(StringComparer.Ordinal);

    /// <summary>The blob id of the file's bytes as they are now (read and hashed once), or null when it cannot be read.</summary>
    protected string? HashedId(string path)
    {
        if (!_hashed.TryGetValue(path, out var read) && (LoadBytes(path, hash: true) is null || !_hashed.TryGetValue(path, out read)))
            return null;
        return read.Id;
    }

    /// <summary>The file's blob id where it is known without reading the file (git's index, a commit's tree), else null.</summary>
    protected virtual string? KnownId(string path) => null;

    /// <summary>
    /// The persistent cache values of a <see cref="DerivedKind{T}"/> are kept in between audits (attached by the auditor
    /// before any fact is read; null without one). In a backfill the in-memory <see cref="BlobCache"/> shares values between
    /// commits instead.
    /// </summary>
    public DerivedValueStore? Store { get; set; }

    /// <summary>
    /// Like <see cref="FromText{T}(string, string, Func{string, T})"/>, for a value with a serializer: with a persistent
    /// cache attached, a file known by its blob id without reading (unchanged since git's index recorded it) whose value is
    /// kept is not read at all; any other file is read, hashed, and its value looked up or worked out and kept.
    /// </summary>
    public T? FromText<T>(string path, DerivedKind<T> kind, Func<string, T> compute) =>
        Shared is null && Store is { } store && Find(path) is { } file
            ? Stored(store, file, kind, compute, text: null)
            : FromText(path, kind.Name, compute);

    /// <summary>
    /// Like the FromText above, for a value whose every file without one of the literals of <paramref name="set"/> is
    /// <paramref name="withoutLiterals"/> (compute would give it): such a file is ruled out by its literal verdict
    /// (<see cref="Holds"/>), never decoded, and with a persistent cache not even read when unchanged.
    /// </summary>
    public T? FromText<T>(string path, DerivedKind<T> kind, Func<string, T> compute, LiteralSet set, T withoutLiterals)
    {
        var (bits, text) = Literals(path, set);
        if ((bits & LiteralCatalogue.NoText) != 0)
            return default;
        if ((bits & set.Bit) == 0)
            return withoutLiterals;
        return text is not null ? FromKnownText(path, kind, text, compute) : FromText(path, kind, compute);
    }

    /// <summary>Like <see cref="FromKnownText{T}(string, string, string, Func{string, T})"/>, for a value with a serializer (see the FromText above).</summary>
    public T FromKnownText<T>(string path, DerivedKind<T> kind, string text, Func<string, T> compute) =>
        Shared is null && Store is { } store && Find(path) is { } file
            ? Stored(store, file, kind, compute, text)!
            : FromKnownText(path, kind.Name, text, compute);

    private T? Stored<T>(DerivedValueStore store, SnapshotFile file, DerivedKind<T> kind, Func<string, T> compute, string? text)
    {
        // Not read yet and known by its id without reading: a hit spares reading the file (a file of the length that id's
        // blob has: see DerivedValueStore.TryGet).
        if (text is null && KnownId(file.Path) is { } known && store.TryGet(known, kind, file.Size, out var kept))
        {
            store.Count(hit: true);
            return kept;
        }
        text ??= ReadKeptOrLoad(file.Path);
        // The bytes just read: hashed as they were read, or vouched for by the index or the tree (a read that found the
        // file changed since it was listed drops that).
        var (id, length) = _hashed.TryGetValue(file.Path, out var read) ? read : (KnownId(file.Path), file.Size);
        if (text is null || id is null)
        {
            store.Count(hit: false);
            return text is null ? default : compute(text);
        }
        if (store.TryGet(id, kind, length, out kept))
        {
            store.Count(hit: true);
            return kept;
        }
        store.Count(hit: false);
        var value = compute(text);
        store.Put(id, kind, length, value);
        return value;
    }

    /// <summary>Values worked out from file contents that outlive this snapshot (a backfill's), or null when nothing is shared.</summary>
    protected virtual BlobCache? Shared => null;

    /// <summary>Whether what <see cref="FromText"/> works out outlives this snapshot (a backfill's commit, a persistent cache), so is worth keeping compact.</summary>
    public bool SharesDerivedValues => Shared is not null || Store is not null;

    /// <summary>
    /// A value worked out from a file's text alone (its lexed form, a prefilter's verdict), or default when the file has
    /// no text (the reason is recorded). <paramref name="kind"/> names the computation, and must hold the path too when
    /// the value depends on it. In a backfill the value is shared by content id: an unchanged file is read and worked on once.
    /// </summary>
    public T? FromText<T>(string path, string kind, Func<string, T> compute)
    {
        if (Shared is not { } shared || Find(path) is null || ContentId(path) is not { } id)
            return ReadKeptOrLoad(path) is { } text ? compute(text) : default;
        // Why a file has no text goes with the value: each snapshot reports its own skipped files.
        var (value, skipped) = shared.Derived(id, kind, () => ReadKeptOrLoad(path) is { } text
            ? (compute(text), (SkipReason?)null)
            : (default(T), _skipped.TryGetValue(path, out var skip) ? skip.Reason : SkipReason.Unreadable));
        if (skipped is { } reason)
            Skip(path, reason);
        return value;
    }

    /// <summary>
    /// Like <see cref="FromText"/>, from a text the caller has just read through this snapshot (so the file has one): in a
    /// backfill the value is shared by content id without reading the file again to work it out.
    /// </summary>
    public T FromKnownText<T>(string path, string kind, string text, Func<string, T> compute) =>
        Shared is { } shared && Find(path) is not null && ContentId(path) is { } id ? shared.Derived(id, kind, () => compute(text)) : compute(text);

    /// <summary>
    /// Like <see cref="ReadText"/>, for a one-pass reader (a prefilter over thousands of source files): a text read
    /// here is not kept, so it can be collected as soon as the reader is done with it.
    /// </summary>
    public string? ReadTextOnce(string path) => SharesText(path) ? SharedText(path) : ReadKeptOrLoad(path);

    private string? ReadKeptOrLoad(string path) => _texts.TryGetValue(path, out var kept) ? kept : Load(path);

    // A backfill's snapshot keeps no text of its own, and its texts are shared between commits packed (UTF-8, deflated),
    // not as strings: every source file of a large monorepo is read whole (by the configuration and account-hardening
    // sources, among others), and held as strings those texts alone were 158 MB of a 50,000-file monorepo's 225 MB kept
    // between commits, the floor every commit's audit then grew from. Packed they are a fraction of that, and a text
    // unpacked for one reader is garbage as soon as that reader is done with it. A file unchanged since the last commit
    // is still neither read from git nor decoded again.
    private bool SharesText(string path) => Shared is not null && Find(path) is not null && ContentId(path) is not null;

    private string? SharedText(string path) => FromText(path, "text", PackedText.Pack)?.Unpack();

    private string? Load(string path) => LoadBytes(path) is { } bytes ? Decode(path, bytes) : null;

    /// <summary>
    /// A file's bytes, or null when it is oversized, unreadable or absent (the reason is recorded). Hashed (see _hashed)
    /// when <paramref name="hash"/>, or when a persistent cache is attached and no id is known for the file without reading.
    /// </summary>
    private byte[]? LoadBytes(string path, bool hash = false)
    {
        var file = Find(path);
        if (file is null)
            return null;
        if (file.Size > MaxFileSize)
        {
            Skip(path, SkipReason.Oversized);
            return null;
        }
        byte[]? bytes;
        try
        {
            bytes = ReadBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bytes = null;
        }
        if (bytes is null)
            Skip(path, SkipReason.Unreadable);
        else if (hash || Store is not null && KnownId(path) is null)
        {
            var clock = Stopwatch.GetTimestamp();
            _hashed[path] = (GitBlob.Id(bytes), bytes.Length);
            Store?.AddHashing(Stopwatch.GetTimestamp() - clock);
        }
        return bytes;
    }

    /// <summary>A file's bytes as text, or null when they are binary (recorded as skipped).</summary>
    private string? Decode(string path, byte[] bytes)
    {
        // UTF-16 with a byte order mark is text (YAML allows it; some Windows editors write it); without one it is binary.
        if (Utf16(bytes) is { } encoding)
            return encoding.GetString(bytes, 2, bytes.Length - 2);
        if (IsBinary(bytes))
        {
            Skip(path, SkipReason.Binary);
            return null;
        }
        // Invalid UTF-8 is decoded with replacement characters: a stray byte must not hide the rest of a file.
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    private static bool IsBinary(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeBytes)).IndexOf((byte)0) >= 0;

    private static Encoding? Utf16(byte[] bytes) =>
        bytes.Length < 2 || bytes.Length % 2 != 0 ? null
        : bytes[0] == 0xFF && bytes[1] == 0xFE && !(bytes.Length >= 4 && bytes[2] == 0 && bytes[3] == 0) ? Encoding.Unicode // not UTF-32LE
        : bytes[0] == 0xFE && bytes[1] == 0xFF ? Encoding.BigEndianUnicode
        : null;

    /// <summary>
    /// A file's bytes as they are, before the binary and size filters, for the one file whose encoding is checked
    /// rather than skipped (the configuration); null when the snapshot has no such file. Throws IOException or
    /// UnauthorizedAccessException when it cannot be read.
    /// </summary>
    public byte[]? ReadRaw(string path) =>
        Find(path) is { } file ? ReadBytes(file) ?? throw new IOException($"{path} cannot be read") : null;

    /// <summary>Reads a file's bytes; returns null (or throws IOException) when it cannot be read.</summary>
    protected abstract byte[]? ReadBytes(SnapshotFile file);

    /// <summary>Called once the list is known: files over the size limit are counted as skipped whether or not anything asks for them.</summary>
    protected void CountOversized()
    {
        foreach (var file in Files)
        {
            if (file.Size > MaxFileSize)
                Skip(file.Path, SkipReason.Oversized);
        }
    }

    protected void Skip(string path, SkipReason reason) => _skipped.TryAdd(path, new SkippedFile(path, reason));

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>
/// A text as a backfill keeps it between commits: its UTF-8 bytes, deflated when that makes them smaller. A text with a
/// lone surrogate would not come back from UTF-8 unchanged: it is kept as it is (decoded texts have none, as a rule).
/// </summary>
internal sealed class PackedText
{
    private readonly byte[]? _bytes;
    private readonly int _length;
    private readonly bool _deflated;
    private readonly string? _text;

    private PackedText(string text) => _text = text;

    private PackedText(byte[] bytes, int length, bool deflated)
    {
        _bytes = bytes;
        _length = length;
        _deflated = deflated;
    }

    public static PackedText Pack(string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            if (Utf8.FromUtf16(text, buffer, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
                return new PackedText(text);
            using var output = new MemoryStream(length / 4 + 64);
            using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
                deflate.Write(buffer, 0, length);
            return output.Length < length
                ? new PackedText(output.ToArray(), length, deflated: true)
                : new PackedText(buffer.AsSpan(0, length).ToArray(), length, deflated: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public string Unpack()
    {
        if (_text is not null)
            return _text;
        if (!_deflated)
            return Encoding.UTF8.GetString(_bytes!);
        var buffer = ArrayPool<byte>.Shared.Rent(_length);
        try
        {
            using (var inflate = new DeflateStream(new MemoryStream(_bytes!), CompressionMode.Decompress))
                inflate.ReadExactly(buffer, 0, _length);
            return Encoding.UTF8.GetString(buffer, 0, _length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
