namespace InfraTrend.History;

/// <summary>
/// Where the history database lives: `--db PATH`, else `INFRATREND_DB`, else `&lt;repository&gt;/.infratrend/history.db`
/// (design.md, "Conventions"). The default folder gets a `.gitignore` of `*` on first use, so the history never
/// makes the working tree dirty and is never audited.
/// </summary>
public static class HistoryLocation
{
    public const string EnvironmentVariable = "INFRATREND_DB";
    public const string FolderName = ".infratrend";
    public const string FileName = "history.db";

    public static string Resolve(string? dbOption, string repositoryRoot)
    {
        if (!string.IsNullOrWhiteSpace(dbOption))
            return Path.GetFullPath(dbOption);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return Path.GetFullPath(fromEnvironment);
        return Path.Combine(repositoryRoot, FolderName, FileName);
    }

    /// <summary>Opens the database for writing, creating it (and the default folder's `.gitignore`) when missing.</summary>
    public static HistoryDatabase OpenOrCreate(string databasePath, string repositoryRoot)
    {
        PrepareFolder(databasePath, repositoryRoot);
        return HistoryDatabase.Open(databasePath);
    }

    /// <summary>Creates the default folder and its `.gitignore` when <paramref name="databasePath"/> is the default one.</summary>
    public static void PrepareFolder(string databasePath, string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, FolderName);
        if (!string.Equals(Path.GetDirectoryName(databasePath), folder, StringComparison.Ordinal))
            return;
        var ignore = Path.Combine(folder, ".gitignore");
        try
        {
            Directory.CreateDirectory(folder);
            if (File.Exists(ignore))
                return;
            // CreateNew: two audits starting together must not both write it.
            using var stream = new FileStream(ignore, FileMode.CreateNew, FileAccess.Write);
            stream.Write("*\n"u8);
        }
        catch (IOException) when (File.Exists(ignore))
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException($"cannot create {ignore}: {e.Message}", e);
        }
    }

    /// <summary>Why <paramref name="databasePath"/> can never hold a history (a folder, a path under a file, a name too long), or null.</summary>
    public static string? Unusable(string databasePath)
    {
        if (Directory.Exists(databasePath))
            return $"history database {databasePath} is a folder, not a file (--db takes the history file)";
        if (databasePath.Length > 4000 || databasePath.Split('/', '\\').Any(part => System.Text.Encoding.UTF8.GetByteCount(part) > 255))
            return $"history database path is too long ({databasePath.Length} characters, or a name over 255 bytes)";
        for (var folder = Path.GetDirectoryName(databasePath); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
                return $"history database {databasePath} lies under {folder}, which is a file, not a folder";
            if (Directory.Exists(folder))
                break;
        }
        return null;
    }
}
