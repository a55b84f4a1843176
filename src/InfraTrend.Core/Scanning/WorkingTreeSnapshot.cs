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
    }

    /// <summary>True when the list came from git (and so follows every ignore rule git knows).</summary>
    public bool UsedGit { get; }

    public override IReadOnlyList<SnapshotFile> Files => _files;

    internal static bool IsToolFolder(string path) => path == ".infratrend" || path.StartsWith(".infratrend/", StringComparison.Ordinal);

    private static string CanonicalRoot(string root)
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        var resolved = new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true);
        return resolved is null ? full : Path.GetFullPath(resolved.FullName).TrimEnd('/');
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
        FileSystemInfo info = new FileInfo(full);
        try
        {
            if (info.LinkTarget is not null)
                return ClassifyLink(path, (FileInfo)info);
            if (Directory.Exists(full))
            {
                // git lists a submodule (or a nested repository) as one entry that is a folder.
                Skip(path, SkipReason.Submodule);
                return null;
            }
            if (!info.Exists)
            {
                Skip(path, SkipReason.Missing);
                return null;
            }
            return new SnapshotFile(path, ((FileInfo)info).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Skip(path, SkipReason.Unreadable);
            return null;
        }
    }

    private SnapshotFile? ClassifyLink(string path, FileInfo link)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            // ELOOP: the chain of links never ends.
            Skip(path, SkipReason.SymlinkLoop);
            return null;
        }
        if (target is null || !target.Exists && !Directory.Exists(target.FullName))
        {
            Skip(path, SkipReason.SymlinkBroken);
            return null;
        }
        var targetPath = Path.GetFullPath(target.FullName);
        if (!targetPath.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            Skip(path, SkipReason.SymlinkOutsideRoot);
            return null;
        }
        if (Directory.Exists(targetPath))
        {
            Skip(path, SkipReason.SymlinkToDirectory);
            return null;
        }
        return new SnapshotFile(path, new FileInfo(targetPath).Length);
    }

    protected override byte[]? ReadBytes(SnapshotFile file)
    {
        var full = Path.Combine(Root, file.Path);
        // Re-check at read time: the tree may have changed since it was listed.
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(true);
            if (target is null || !Path.GetFullPath(target.FullName).StartsWith(Root + "/", StringComparison.Ordinal))
                return null;
        }
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.Length > MaxFileSize)
            return null;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
