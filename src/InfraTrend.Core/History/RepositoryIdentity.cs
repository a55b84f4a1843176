using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.History;

/// <summary>
/// How a shared database tells repositories apart: the normalised remote URL, else the root commit,
/// else the absolute path (design.md, "Conventions").
/// </summary>
public static partial class RepositoryIdentity
{
    public static string Of(RepositoryInfo info) =>
        NormaliseRemote(info.RemoteUrl) is { } remote ? remote
        : info.RootCommit is { Length: > 0 } root ? $"root:{root}"
        : $"path:{info.Root}";

    /// <summary>
    /// `git@github.com:Owner/Repo.git`, `https://user@github.com/Owner/Repo` and `ssh://git@github.com:22/Owner/Repo/`
    /// all become `github.com/Owner/Repo`: no scheme, credentials, default port or `.git`; the host in lower case.
    /// </summary>
    public static string? NormaliseRemote(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        var text = url.Trim();
        string host;
        string path;
        if (text.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return "file:" + TrimRepositorySuffix(text[7..]);
        if (UrlShape().Match(text) is { Success: true } m)
        {
            host = m.Groups["host"].Value;
            path = m.Groups["path"].Value;
            var port = m.Groups["port"].Value;
            if (port.Length > 0 && port is not ("22" or "80" or "443" or "9418"))
                host += ":" + port;
        }
        else if (ScpShape().Match(text) is { Success: true } s)
        {
            host = s.Groups["host"].Value;
            path = s.Groups["path"].Value;
        }
        else
        {
            // A local path used as a remote: keep it as it is, minus a trailing slash or .git.
            return "file:" + TrimRepositorySuffix(text.Replace('\\', '/'));
        }
        path = TrimRepositorySuffix(path.Trim('/'));
        return path.Length == 0 ? host.ToLowerInvariant() : $"{host.ToLowerInvariant()}/{path}";
    }

    private static string TrimRepositorySuffix(string path)
    {
        path = path.TrimEnd('/');
        return path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4].TrimEnd('/') : path;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(?<host>\[[^\]]+\]|[^:/]+)(?::(?<port>\d*))?(?<path>/.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlShape();

    [GeneratedRegex(@"^(?:[^@/:]+@)?(?<host>[^:/]{2,}):(?<path>.+)$")]
    private static partial Regex ScpShape();
}
