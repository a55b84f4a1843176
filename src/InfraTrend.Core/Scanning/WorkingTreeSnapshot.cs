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

    private SnapshotFile? Classify(string path)
    {
        var full = Path.Combine(Root, path);
        try
        {
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
        // Resolved again at read time: the tree may have changed since it was listed.
        var real = RealPath.Of(Path.Combine(Root, file.Path));
        if (real is null || !RealPath.IsUnder(real, Root))
            return null;
        // Nothing to read; and a named pipe or a device (size 0 as well) is never opened, so never waited on.
        if (new FileInfo(real).Length == 0)
            return [];
        using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.Length > MaxFileSize)
            return null;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
