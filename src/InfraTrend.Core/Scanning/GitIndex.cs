using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace InfraTrend.Scanning;

/// <summary>
/// What git's index says of the working tree's tracked files: each one's blob id and the size and modification time its
/// file had when git last looked, so a file unchanged since then is known by its blob id without being read (git status
/// decides the same way). Read with `git ls-files --stage --debug`, which prints the index as it is and runs no filter.
/// </summary>
internal sealed class GitIndex
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly long _indexWrittenNs;

    internal readonly record struct Entry(string Id, uint Size, long MtimeNs);

    private GitIndex(Dictionary<string, Entry> entries, long indexWrittenNs)
    {
        _entries = entries;
        _indexWrittenNs = indexWrittenNs;
    }

    /// <summary>How many paths have a usable entry (one regular file at stage 0).</summary>
    public int Count => _entries.Count;

    /// <summary>The index of the repository at <paramref name="root"/>, or null when git cannot give it.</summary>
    public static GitIndex? Read(GitCli git, string root)
    {
        // The index file's own time first: an entry as new as the index was written in the same tick as its file may
        // have changed again, unseen ("racily clean"), so it is never trusted.
        if (git.Text("rev-parse", "--git-path", "index") is not { Length: > 0 } indexPath)
            return null;
        var indexFile = new FileInfo(Path.Combine(root, indexPath));
        if (!indexFile.Exists)
            return null;
        var indexWrittenNs = Nanoseconds(indexFile.LastWriteTimeUtc);
        var (code, output, _) = git.Run("ls-files", "--stage", "--debug", "-z");
        return code == 0 ? new GitIndex(Parse(output), indexWrittenNs) : null;
    }

    /// <summary>
    /// Entries of `ls-files --stage --debug -z`: "MODE OID STAGE\tPATH\0" then five "  key: value" lines ending in '\n'
    /// (ctime, mtime, dev/ino, uid/gid, size/flags). Only regular files at stage 0 are kept: a link, a submodule and a
    /// path in conflict (several stages) are known by reading them.
    /// </summary>
    internal static Dictionary<string, Entry> Parse(byte[] output)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var conflicted = new HashSet<string>(StringComparer.Ordinal);
        var at = 0;
        while (at < output.Length)
        {
            var end = Array.IndexOf(output, (byte)0, at);
            if (end < 0)
                break;
            var header = Encoding.UTF8.GetString(output, at, end - at);
            at = end + 1;
            long mtimeNs = -1;
            uint size = 0;
            for (var line = 0; line < 5 && at < output.Length; line++)
            {
                var newline = Array.IndexOf(output, (byte)'\n', at);
                if (newline < 0)
                    newline = output.Length;
                var text = Encoding.ASCII.GetString(output, at, newline - at).Trim();
                at = newline + 1;
                if (text.StartsWith("mtime: ", StringComparison.Ordinal) && text[7..].Split(':') is [var seconds, var nanoseconds])
                    mtimeNs = long.Parse(seconds, CultureInfo.InvariantCulture) * 1_000_000_000 + long.Parse(nanoseconds, CultureInfo.InvariantCulture);
                else if (text.StartsWith("size: ", StringComparison.Ordinal))
                    size = uint.Parse(text[6..text.IndexOf('\t')], CultureInfo.InvariantCulture);
            }
            var tab = header.IndexOf('\t');
            if (tab < 0 || header[..tab].Split(' ') is not [var mode, var id, var stage])
                continue;
            var path = header[(tab + 1)..];
            if (stage != "0" || !entries.TryAdd(path, new Entry(id, size, mtimeNs)))
                conflicted.Add(path);
            else if (mode is not ("100644" or "100755") || mtimeNs < 0)
                entries.Remove(path);
        }
        foreach (var path in conflicted)
            entries.Remove(path);
        return entries;
    }

    /// <summary>
    /// The blob id of a tracked file whose size and modification time are the ones git recorded, written before the
    /// index was (so not racily clean); null for every other file, which is read to be known. Only the size and the time
    /// are compared: a file changed, then given back its size and time to the nanosecond, is not seen (nor by git).
    /// </summary>
    public string? IdOf(string path, long size, DateTime lastWriteUtc)
    {
        if (!_entries.TryGetValue(path, out var entry) || entry.Size != unchecked((uint)size))
            return null;
        // .NET keeps times in 100 ns ticks: git's nanoseconds must round to the same tick, and an entry within the
        // index's own tick counts as racy.
        var mtimeNs = Nanoseconds(lastWriteUtc);
        return entry.MtimeNs / 100 == mtimeNs / 100 && entry.MtimeNs < _indexWrittenNs / 100 * 100 ? entry.Id : null;
    }

    private static long Nanoseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}

/// <summary>Git's name for a content: the SHA-1 of "blob LENGTH\0" and the bytes, as `git hash-object --no-filters` gives it.</summary>
public static class GitBlob
{
    public static string Id(ReadOnlySpan<byte> content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {content.Length}\0")));
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
