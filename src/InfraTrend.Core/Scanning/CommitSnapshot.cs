using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace InfraTrend.Scanning;

/// <summary>
/// A past commit, read straight from git objects (`ls-tree` and one `cat-file --batch` process):
/// no checkout, no change to the working tree, no filter run.
/// </summary>
public sealed class CommitSnapshot : Snapshot
{
    private readonly List<SnapshotFile> _files = [];
    private readonly Dictionary<string, string> _objects = new(StringComparer.Ordinal);
    private readonly GitCli _git;
    private readonly Lock _lock = new();
    private Process? _catFile;
    private BufferedStream? _catFileOutput;

    private readonly BlobCache? _blobs;

    /// <param name="blobs">Shared across the snapshots of one backfill, so a file unchanged between commits is read and worked on once.</param>
    public CommitSnapshot(string root, string commit, long maxFileSize = DefaultMaxFileSize, BlobCache? blobs = null)
        : base(Path.GetFullPath(root).TrimEnd('/'), maxFileSize)
    {
        _blobs = blobs;
        _git = new GitCli(Root);
        Commit = _git.Text("rev-parse", "--verify", "--quiet", commit + "^{commit}")
            ?? throw new ArgumentException($"'{commit}' is not a commit of {Root}");
        var (code, output, error) = _git.Run("ls-tree", "-r", "-l", "-z", "--full-tree", Commit);
        if (code != 0)
            throw new InvalidOperationException($"git ls-tree failed: {error.Trim()}");

        foreach (var entry in Encoding.UTF8.GetString(output).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <object> <size>\t<path>"
            var tab = entry.IndexOf('\t');
            var meta = entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = entry[(tab + 1)..];
            if (WorkingTreeSnapshot.IsToolFolder(path))
                continue;
            switch (meta[0])
            {
                case "160000":
                    Skip(path, SkipReason.Submodule);
                    break;
                case "120000":
                    // A link's target is only text in a commit; following it could leave the tree, so it is not.
                    Skip(path, SkipReason.SymlinkInCommit);
                    break;
                default:
                    if (meta[1] != "blob")
                        break;
                    // A blob this repository does not hold (a partial or damaged clone) has no size: git prints BAD.
                    if (!long.TryParse(meta[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    {
                        Skip(path, SkipReason.Missing);
                        break;
                    }
                    _files.Add(new SnapshotFile(path, size));
                    _objects[path] = meta[2];
                    break;
            }
        }
        _files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        CountOversized();
    }

    /// <summary>The full SHA of the audited commit.</summary>
    public string Commit { get; }

    protected override IReadOnlyList<SnapshotFile> AllFiles => _files;

    public override string? ContentId(string path) => _objects.GetValueOrDefault(path);

    protected override string? KnownId(string path) => ContentId(path);

    protected override BlobCache? Shared => _blobs;

    // Not kept: what is worth keeping between commits is what was worked out from the bytes (see FromText).
    protected override byte[]? ReadBytes(SnapshotFile file) => ReadObject(_objects[file.Path]);

    private byte[]? ReadObject(string oid)
    {
        lock (_lock)
        {
            if (_catFile is null)
            {
                _catFile = _git.Start(["cat-file", "--batch"], redirectInput: true);
                // Buffered: the header is read a byte at a time, and a pipe read is a system call.
                _catFileOutput = new BufferedStream(_catFile.StandardOutput.BaseStream, 64 * 1024);
            }
            var input = _catFile.StandardInput;
            input.Write(oid + "\n");
            input.Flush();
            var output = _catFileOutput!;
            var header = ReadLine(output);
            var parts = header.Split(' ');
            if (parts.Length < 3 || parts[1] != "blob")
                return null;
            var size = long.Parse(parts[2], CultureInfo.InvariantCulture);
            var bytes = new byte[size];
            output.ReadExactly(bytes);
            output.ReadByte(); // the newline after the content
            return bytes;
        }
    }

    private static string ReadLine(Stream stream)
    {
        var buffer = new List<byte>(64);
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
            buffer.Add((byte)b);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public override void Dispose()
    {
        if (_catFile is not null)
        {
            try
            {
                _catFile.StandardInput.Close();
                if (!_catFile.WaitForExit(2000))
                    _catFile.Kill();
            }
            catch (InvalidOperationException)
            {
            }
            _catFile.Dispose();
        }
        base.Dispose();
    }
}

/// <summary>
/// Values worked out from blob contents (texts, lexed sources, prefilter verdicts), shared between the commits of one
/// backfill: a blob's content never changes, so neither does anything computed from it alone. What the last audited
/// commit did not use is dropped, so the cache holds about one commit's working set however long the history.
/// </summary>
public sealed class BlobCache
{
    private sealed class Entry(object? value, int used)
    {
        public object? Value { get; } = value;
        public int Used = used;
    }

    private readonly ConcurrentDictionary<(string Oid, string Kind), Entry> _entries = new();
    private int _commit;

    /// <summary>How many values are held.</summary>
    public int Count => _entries.Count;

    /// <summary>The values held (what a backfill keeps between commits, for tests of its shape).</summary>
    internal IEnumerable<object?> Values => _entries.Values.Select(e => e.Value);

    /// <summary>The value <paramref name="kind"/> of blob <paramref name="oid"/>, computed on first use (compute must depend on the blob's content only).</summary>
    public T Derived<T>(string oid, string kind, Func<T> compute)
    {
        var entry = _entries.GetOrAdd((oid, kind), static (_, arguments) => new Entry(arguments.compute(), arguments.commit), (compute, commit: _commit));
        entry.Used = _commit;
        return (T)entry.Value!;
    }

    /// <summary>Ends the audit of one commit: what it did not use is dropped.</summary>
    public void EndCommit()
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Used != _commit)
                _entries.TryRemove(key, out _);
        }
        _commit++;
    }
}
