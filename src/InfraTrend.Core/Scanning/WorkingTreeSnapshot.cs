using System.Collections.Concurrent;
using System.Text;

namespace InfraTrend.Scanning;

/// <summary>
/// The working tree: git's own list of tracked and untracked-but-not-ignored files where git is there,
/// else a walk that honours .gitignore. No symlink is followed out of the root.
/// </summary>
public sealed class WorkingTreeSnapshot : Snapshot
{
    private readonly List<SnapshotFile> _files = [];

    public WorkingTreeSnapshot(string root, bool useGit = true, long maxFileSize = DefaultMaxFileSize)
        : base(CanonicalRoot(root), maxFileSize)
    {
        IEnumerable<string>? paths = null;
        var unlisted = new List<string>();
        if (useGit && GitCli.IsAvailable)
            paths = ListWithGit(unlisted);
        UsedGit = paths is not null;
        // Read only if an id is asked for: an audit without a cache has no use for it.
        _index = new Lazy<GitIndex?>(() => UsedGit ? GitIndex.Read(new GitCli(Root), Root) : null, LazyThreadSafetyMode.ExecutionAndPublication);
        paths ??= IgnoreAwareWalk.List(Root, unlisted);
        // Folders the listing could not enter (past PATH_MAX, no permission): what is in them is outside the audit.
        foreach (var folder in unlisted)
            Skip(folder, SkipReason.Unlisted);

        foreach (var path in paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (IsToolFolder(path))
                continue;
            var file = Classify(path);
            if (file is not null)
                _files.Add(file);
        }
        CountOversized();
    }

    /// <summary>True when the list came from git (and so follows every ignore rule git knows).</summary>
    public bool UsedGit { get; }

    protected override IReadOnlyList<SnapshotFile> AllFiles => _files;

    // Each plain file's modification time as listed; a file reached through a link has none, so is always read to be known.
    private readonly Dictionary<string, DateTime> _lastWrites = new(StringComparer.Ordinal);
    private readonly Lazy<GitIndex?> _index;

    /// <summary>
    /// The file's blob id: from git's index, without reading, for a tracked file whose size and time are as the index
    /// recorded them (and not racily clean); else hashed in-process from its bytes (modified, untracked, racy, in conflict,
    /// no git). Never through a git command, which would apply the repository's filters to the bytes.
    /// </summary>
    public override string? ContentId(string path) => IndexedId(path) ?? HashedId(path);

    protected override string? KnownId(string path) => IndexedId(path);

    /// <summary>The blob id git's index gives a file unchanged since git recorded it; null when it must be read to be known.</summary>
    internal string? IndexedId(string path) =>
        _lastWrites.TryGetValue(path, out var lastWrite) && !_changedSinceListed.ContainsKey(path) && Find(path) is { } file
            ? _index.Value?.IdOf(path, file.Size, lastWrite) : null;

    // Files a read found changed since they were listed (another size or time): the index no longer vouches for the
    // bytes read, which are hashed instead. Checked only while a persistent cache is attached, the one user of the ids.
    private readonly ConcurrentDictionary<string, byte> _changedSinceListed = new(StringComparer.Ordinal);

    internal static bool IsToolFolder(string path) => path == ".infratrend" || path.StartsWith(".infratrend/", StringComparison.Ordinal);

    private static string CanonicalRoot(string root)
    {
        // Fully resolved, like the top level git reports and like every path checked against it.
        var full = Path.GetFullPath(root);
        return (RealPath.Of(full) ?? full).TrimEnd('/');
    }

    private IEnumerable<string>? ListWithGit(List<string> unlisted)
    {
        var git = new GitCli(Root);
        if (git.Text("rev-parse", "--show-toplevel") is not { } top || Path.GetFullPath(top).TrimEnd('/') != Root)
            return null;
        var (code, output, error) = git.Run("ls-files", "-z", "--cached", "--others", "--exclude-standard");
        if (code != 0)
            return null;
        // git lists what it can and warns about each folder it cannot open (LC_ALL=C: the message is git's English one).
        foreach (var line in error.Split('\n'))
        {
            const string Prefix = "warning: could not open directory '";
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            var folder = line[Prefix.Length..];
            var end = folder.LastIndexOf("': ", StringComparison.Ordinal);
            // git cuts a message at 4,096 bytes, so a path past PATH_MAX arrives without its end: keep its whole folders.
            folder = end >= 0 ? folder[..end] : folder[..Math.Max(0, folder.LastIndexOf('/'))];
            if (folder.TrimEnd('/') is { Length: > 0 } listed)
                unlisted.Add(listed);
        }
        return Encoding.UTF8.GetString(output).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    // Each folder's resolved path, worked out once: a monorepo has a few thousand folders for tens of thousands of files.
    private readonly Dictionary<string, string?> _realFolders = new(StringComparer.Ordinal);

    private SnapshotFile? Classify(string path)
    {
        var full = Path.Combine(Root, path);
        try
        {
            // The common case in one lstat: a plain file (not a link, not a folder) in a folder that resolves inside the root.
            var slash = path.LastIndexOf('/');
            var folder = slash < 0 ? "" : path[..slash];
            if (!_realFolders.TryGetValue(folder, out var realFolder))
                _realFolders[folder] = realFolder = RealPath.Of(slash < 0 ? Root : Path.Combine(Root, folder));
            var info = new FileInfo(full);
            if (realFolder is not null && RealPath.IsUnder(realFolder, Root) && info.Exists && (info.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Directory)) == 0)
            {
                // From the same lstat: what tells a file unchanged since git's index recorded it (see ContentId).
                _lastWrites[path] = info.LastWriteTimeUtc;
                return Sized(path, full, info.Length);
            }

            var isLink = new FileInfo(full).LinkTarget is not null;
            var real = RealPath.Of(full);
            if (real is null)
                return SkipFile(path, !isLink ? SkipReason.Missing : IsLinkLoop(full) ? SkipReason.SymlinkLoop : SkipReason.SymlinkBroken);
            // Resolving out of the root means a link on the way: the file itself or a folder above it
            // (git still lists a tracked file whose folder was replaced by a link).
            if (!RealPath.IsUnder(real, Root))
                return SkipFile(path, SkipReason.SymlinkOutsideRoot);
            if (Directory.Exists(real))
            {
                // git lists a submodule (or a nested repository) as one entry that is a folder.
                return SkipFile(path, isLink ? SkipReason.SymlinkToDirectory : SkipReason.Submodule);
            }
            return Sized(path, real, new FileInfo(real).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SkipFile(path, SkipReason.Unreadable);
        }
    }

    // A named pipe, socket or device is listed with size 0; only empty files pay for the question (one statx, nothing opened).
    private SnapshotFile? Sized(string path, string full, long length) =>
        length == 0 && RealPath.IsRegularFile(full) == false ? SkipFile(path, SkipReason.SpecialFile) : new SnapshotFile(path, length);

    private SnapshotFile? SkipFile(string path, SkipReason reason)
    {
        Skip(path, reason);
        return null;
    }

    private static bool IsLinkLoop(string link)
    {
        try
        {
            File.ResolveLinkTarget(link, returnFinalTarget: true);
            return false;
        }
        catch (IOException)
        {
            // ELOOP: the chain of links never ends.
            return true;
        }
    }

    protected override byte[]? ReadBytes(SnapshotFile file)
    {
        // Nothing to read; and a named pipe or a device (listed with size 0) is never opened, so never waited on.
        if (file.Size == 0)
            return [];
        // No lstat first: a system call costs microseconds and there are tens of thousands of files. What was opened
        // is checked below, so a file that became a link (or sits under a folder that did) since the listing is still
        // never read from outside the root.
        var path = Path.Combine(Root, file.Path);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        // Checked again on the open file: a folder on the way may have become a link to outside since the listing.
        var opened = RealPath.OfOpenFile(handle) ?? RealPath.Of(path);
        if (opened is null || !RealPath.IsUnder(opened, Root))
            return null;
        var length = RandomAccess.GetLength(handle);
        if (length > MaxFileSize)
            return null;
        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0)
            {
                bytes = bytes[..read]; // it shrank while being read
                break;
            }
            read += n;
        }
        // Checked once read: a change made while reading shows in the time.
        if (Store is not null && (bytes.Length != file.Size || _lastWrites.TryGetValue(file.Path, out var listed) && File.GetLastWriteTimeUtc(handle) != listed))
            _changedSinceListed.TryAdd(file.Path, 0);
        return bytes;
    }
}
