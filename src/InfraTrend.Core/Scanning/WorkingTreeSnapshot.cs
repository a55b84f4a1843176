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
        if (useGit && GitCli.IsAvailable)
            paths = ListWithGit();
        UsedGit = paths is not null;
        paths ??= IgnoreAwareWalk.List(Root);

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

    internal static bool IsToolFolder(string path) => path == ".infratrend" || path.StartsWith(".infratrend/", StringComparison.Ordinal);

    private static string CanonicalRoot(string root)
    {
        // Fully resolved, like the top level git reports and like every path checked against it.
        var full = Path.GetFullPath(root);
        return (RealPath.Of(full) ?? full).TrimEnd('/');
    }

    private IEnumerable<string>? ListWithGit()
    {
        var git = new GitCli(Root);
        if (git.Text("rev-parse", "--show-toplevel") is not { } top || Path.GetFullPath(top).TrimEnd('/') != Root)
            return null;
        var (code, output, _) = git.Run("ls-files", "-z", "--cached", "--others", "--exclude-standard");
        if (code != 0)
            return null;
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
                return new SnapshotFile(path, info.Length);

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
            return new SnapshotFile(path, new FileInfo(real).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SkipFile(path, SkipReason.Unreadable);
        }
    }

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
        var full = Path.Combine(Root, file.Path);
        var info = new FileInfo(full);
        if (!info.Exists)
            return null;
        // Nothing to read; and a named pipe or a device (size 0 as well) is never opened, so never waited on.
        if (info.Length == 0)
            return [];
        // A link (the file may have become one since it was listed) is resolved before anything is opened.
        var path = full;
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            if (RealPath.Of(full) is not { } real || !RealPath.IsUnder(real, Root) || new FileInfo(real).Length == 0)
                return null;
            path = real;
        }
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
                return bytes[..read]; // it shrank while being read
            read += n;
        }
        return bytes;
    }
}
