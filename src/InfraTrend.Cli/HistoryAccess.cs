using System.CommandLine;
using InfraTrend.Auditing;
using InfraTrend.Config;
using InfraTrend.History;
using InfraTrend.Reports;
using InfraTrend.Scanning;

namespace InfraTrend.Cli;

/// <summary>What the history commands share: finding the repository and its database, and turning history errors into exit codes.</summary>
internal static class HistoryAccess
{
    public static Option<string> DbOption() => Syntax.Value("--db", "PATH", "History database (default: $INFRATREND_DB, else <repository>/.infratrend/history.db).");

    /// <summary>What a RUN argument may be (its help, and the end of the error when it is missing).</summary>
    public const string RunHelp = "a run number, latest, previous or a commit SHA prefix; see 'infratrend history'";

    /// <summary>A repository named by a PATH argument: its root, what identifies it, and where its history is.</summary>
    public sealed record Target(string Root, RepositoryInfo Identity, string DatabasePath);

    public static Target Locate(Arguments args, string? path)
    {
        var full = Path.GetFullPath(path ?? ".");
        if (!Directory.Exists(full))
            throw new UsageException(File.Exists(full) ? $"'{full}' is a file, not a directory" : $"'{full}' does not exist");
        var root = RepositoryInfo.FindRoot(full);
        return new Target(root, IdentityOf(root), HistoryLocation.Resolve(args.Value("--db"), root));
    }

    /// <summary>Just what names the repository (remote and root commit), without the cost of a status check.</summary>
    private static RepositoryInfo IdentityOf(string root)
    {
        if (!GitCli.IsAvailable)
            return new RepositoryInfo(root, null, null, null, false, null, null);
        var git = new GitCli(root);
        var remote = Redaction.Url(git.Text("config", "--get", "remote.origin.url"));
        var rootCommit = git.Text("rev-list", "--max-parents=0", "HEAD")?.Split('\n').LastOrDefault()?.Trim();
        return new RepositoryInfo(root, null, null, null, false, string.IsNullOrEmpty(remote) ? null : remote, string.IsNullOrEmpty(rootCommit) ? null : rootCommit);
    }

    /// <summary>Opens the database for reading and writing; null when there is none yet (nothing recorded).</summary>
    /// A path that can never hold a history (a folder, a path under a file, a name too long) is an input error; a file
    /// that is not there yet is an empty history.
    public static HistoryDatabase? OpenExisting(Target target)
    {
        if (HistoryLocation.Unusable(target.DatabasePath) is { } problem)
            throw new UsageException(problem);
        return File.Exists(target.DatabasePath) ? HistoryDatabase.Open(target.DatabasePath) : null;
    }

    /// <summary>Opens the database, creating it (and the default folder's .gitignore) when missing.</summary>
    public static HistoryDatabase OpenOrCreate(Target target) => HistoryLocation.OpenOrCreate(target.DatabasePath, target.Root);

    /// <summary>The repository's record in <paramref name="db"/>, with its tasks worked out if a migration or import left them stale.</summary>
    public static RepositoryRecord? Repository(HistoryDatabase db, Target target)
    {
        var repository = RunQueries.FindRepository(db, target.Identity);
        if (repository is not null)
            TaskTracker.EnsureCurrent(db, repository.Id);
        return repository;
    }

    public static RepositoryRecord RequireRepository(HistoryDatabase? db, Target target) =>
        (db is null ? null : Repository(db, target))
        ?? throw new HistoryInputException($"no runs recorded for {target.Root} yet (run 'infratrend audit' first; history: {target.DatabasePath})");

    /// <summary>Runs a history command: an unusable database is exit 3, a bad name or input exit 1, each one line on stderr.</summary>
    public static int Guard(Terminal terminal, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (HistoryInputException e)
        {
            terminal.Error.WriteLine($"infratrend: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (HistoryException e)
        {
            terminal.Error.WriteLine($"infratrend: {e.Message}");
            return ExitCodes.HistoryError;
        }
    }

    /// <summary>The repository's .infratrend.yml as it is now (a broken one is exit 1, one line): its targets, and what "the current rules" means for it.</summary>
    public static InfraTrendConfig CurrentConfig(Target target) => ConfigLoader.ReadWorkingTree(target.Root);

    /// <summary>The rules an audit of the repository would be scored under now.</summary>
    public static ScoringRules CurrentRules(Target target) => ScoringRules.Of(CurrentConfig(target));

    /// <summary>Text from the database or the audited repository, safe to print on a terminal.</summary>
    public static string Safe(string? text) => text is null ? "" : ConsoleReport.Sanitize(text);

    /// <summary>`--until DATE`: a day (its start, UTC) or an ISO 8601 time; it must lie ahead.</summary>
    public static DateTimeOffset ParseUntil(string text, DateTimeOffset now)
    {
        var styles = System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal;
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, styles, out var until)
            && !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles, out until))
            throw new UsageException($"--until takes a date (yyyy-MM-dd) or an ISO 8601 time, not '{text}'");
        if (until <= now)
            throw new UsageException($"--until {text} is not in the future");
        return until;
    }
}
