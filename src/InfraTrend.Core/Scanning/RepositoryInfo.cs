using System.Globalization;

namespace InfraTrend.Scanning;

/// <summary>Which repository state an audit read: where, which commit and branch, and whether the tree was dirty.</summary>
public sealed record RepositoryInfo(
    string Root,
    string? Commit,
    string? Branch,
    DateTimeOffset? CommittedAt,
    bool Dirty,
    string? RemoteUrl,
    string? RootCommit)
{
    /// <summary>The git top level above <paramref name="path"/>, or the path itself outside git.</summary>
    public static string FindRoot(string path)
    {
        var full = Path.GetFullPath(path);
        if (GitCli.IsAvailable && new GitCli(full).Text("rev-parse", "--show-toplevel") is { Length: > 0 } top)
            return Path.GetFullPath(top).TrimEnd('/');
        return full.TrimEnd('/');
    }

    /// <summary>Reads the state of <paramref name="root"/> at <paramref name="commit"/> (HEAD and the working tree when null).</summary>
    /// <summary>The branch HEAD is on, or null on a detached HEAD.</summary>
    public static string? CurrentBranch(GitCli git) => git.Text("symbolic-ref", "--short", "-q", "HEAD");

    public static RepositoryInfo Read(string root, string? commit = null)
    {
        if (!GitCli.IsAvailable)
            return new RepositoryInfo(root, null, null, null, false, null, null);
        var git = new GitCli(root);
        var rev = commit ?? "HEAD";
        var log = git.Text("log", "-1", "--format=%H%n%cI", rev, "--");
        if (log is null)
            return new RepositoryInfo(root, null, CurrentBranch(git), null, commit is null && HasFiles(git), null, null);
        var lines = log.Split('\n');
        var sha = lines[0].Trim();
        var committedAt = DateTimeOffset.Parse(lines[1].Trim(), CultureInfo.InvariantCulture);
        string? branch = commit is null ? CurrentBranch(git) : null;
        var dirty = commit is null && !string.IsNullOrEmpty(git.Text("status", "--porcelain", "--untracked-files=normal", "--ignore-submodules"));
        var remote = git.Text("config", "--get", "remote.origin.url");
        var rootCommit = git.Text("rev-list", "--max-parents=0", rev)?.Split('\n').LastOrDefault()?.Trim();
        return new RepositoryInfo(root, sha, string.IsNullOrEmpty(branch) ? null : branch, committedAt, dirty, Redaction.Url(remote), rootCommit);
    }

    private static bool HasFiles(GitCli git) => !string.IsNullOrEmpty(git.Text("status", "--porcelain", "--untracked-files=normal", "--ignore-submodules"));
}
