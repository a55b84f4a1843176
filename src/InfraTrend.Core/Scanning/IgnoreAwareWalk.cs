using System.Text;
using System.Text.RegularExpressions;

namespace InfraTrend.Scanning;

/// <summary>
/// Lists a folder that is not a git checkout the way git would: nested .gitignore files honoured, the usual
/// dependency and build folders skipped, and no symlinked folder entered (so no loop and no escape).
/// </summary>
internal static class IgnoreAwareWalk
{
    private static readonly HashSet<string> AlwaysSkipped = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", "bin", "obj", "vendor", ".infratrend",
    };

    /// <param name="unlisted">Gets each folder that could not be listed (past PATH_MAX, no permission).</param>
    public static IEnumerable<string> List(string root, List<string>? unlisted = null)
    {
        var results = new List<string>();
        Walk(root, "", [], results, unlisted ?? []);
        return results;
    }

    private static void Walk(string root, string relative, List<IgnoreRule> inherited, List<string> results, List<string> unlisted)
    {
        var folder = relative.Length == 0 ? root : Path.Combine(root, relative);
        var rules = new List<IgnoreRule>(inherited);
        var ignoreFile = Path.Combine(folder, ".gitignore");
        try
        {
            if (File.Exists(ignoreFile) && new FileInfo(ignoreFile).Length < 1024 * 1024)
                rules.AddRange(IgnoreRule.Parse(File.ReadAllLines(ignoreFile), relative));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unlisted.Add(relative);
            return;
        }

        foreach (var entry in entries)
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
            if (isDirectory && AlwaysSkipped.Contains(entry.Name))
                continue;
            if (IgnoreRule.IsIgnored(rules, path, isDirectory))
                continue;
            if (isDirectory)
                Walk(root, path, rules, results, unlisted);
            else
                results.Add(path); // files and links alike; the snapshot decides what a link may be
        }
    }
}

/// <summary>One line of a .gitignore, as a regular expression over repository-relative paths.</summary>
internal sealed record IgnoreRule(Regex Pattern, bool Negated, bool DirectoryOnly)
{
    public static IEnumerable<IgnoreRule> Parse(IEnumerable<string> lines, string baseFolder)
    {
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var negated = line.StartsWith('!');
            if (negated)
                line = line[1..];
            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0)
                continue;
            // A pattern with a slash before its end is anchored to its .gitignore's folder; one without matches at any depth.
            var anchored = line.Contains('/');
            line = line.TrimStart('/');
            var prefix = baseFolder.Length == 0 ? "" : Regex.Escape(baseFolder) + "/";
            var body = GlobToRegex(line);
            var pattern = anchored ? $"^{prefix}{body}(/.*)?$" : $"^{prefix}(.*/)?{body}(/.*)?$";
            yield return new IgnoreRule(new Regex(pattern, RegexOptions.CultureInvariant), negated, directoryOnly);
        }
    }

    public static bool IsIgnored(IReadOnlyList<IgnoreRule> rules, string path, bool isDirectory)
    {
        var ignored = false;
        foreach (var rule in rules)
        {
            if (rule.DirectoryOnly && !isDirectory && !rule.Pattern.IsMatch(path[..Math.Max(0, path.LastIndexOf('/'))]))
                continue;
            if (rule.Pattern.IsMatch(path))
                ignored = !rule.Negated;
        }
        return ignored;
    }

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
                sb.Append("[^/]*");
            else if (c == '?')
                sb.Append("[^/]");
            else if (c == '[')
            {
                var end = glob.IndexOf(']', i + 1);
                if (end < 0)
                    sb.Append(@"\[");
                else
                {
                    sb.Append('[').Append(glob[(i + 1)..end].Replace("!", "^").Replace(@"\", @"\\")).Append(']');
                    i = end;
                }
            }
            else
                sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
