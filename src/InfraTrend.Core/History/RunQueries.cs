using Dapper;
using InfraTrend.Model;
using InfraTrend.Scanning;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>A repository in the database, with how many runs it has.</summary>
public sealed record RepositoryRecord(long Id, string Identity, string Root, string? RemoteUrl, string? RootCommit, int Runs, DateTimeOffset? LastRunAt);

/// <summary>One recorded run with the scores of one ruleset: the one it was recorded with, or a later one it was rescored under.</summary>
public sealed record RunSummary(
    long Id,
    int Number,
    DateTimeOffset AuditedAt,
    DateTimeOffset EffectiveAt,
    string? Commit,
    DateTimeOffset? CommittedAt,
    string? Branch,
    bool Dirty,
    string ToolVersion,
    string RecordedRuleset,
    string ScoresRuleset,
    int? Overall,
    int MaturityLevel,
    IReadOnlyDictionary<Category, int?> Categories,
    string? Label)
{
    public bool Rescored => ScoresRuleset != RecordedRuleset;

    public string ShortCommit => Commit is null ? "-" : Commit[..Math.Min(7, Commit.Length)];
}

/// <summary>A run in the history list with its change since the run before it.</summary>
public sealed record HistoryEntry(RunSummary Run, int? OverallChange, int? LevelChange, bool RulesetChanged);

/// <summary>Which series a trend reads: the overall score or a category's, for the repository or one part, under one ruleset or as recorded.</summary>
public sealed record TrendQuery(Category? Category = null, string? Part = null, string? Ruleset = null);

/// <summary>One point of a trend: a run, when it sits in time, and its score under the ruleset named.</summary>
public sealed record ScorePoint(int Run, DateTimeOffset At, string? Commit, int? Score, string Ruleset);

/// <summary>The run a new audit is compared with, and how it was chosen.</summary>
public sealed record Baseline(RunSummary Run, string ChosenBy);

/// <summary>Reads the history: repositories, runs by name, the history list, trends and baselines.</summary>
public static class RunQueries
{
    private static readonly Dictionary<string, Category> CategoryIds = Categories.All.ToDictionary(c => c.Id(), StringComparer.Ordinal);

    private const string RunColumns =
        "r.id, r.number, r.audited_at, r.effective_at, r.commit_sha, r.committed_at, r.branch, r.dirty, r.tool_version, r.ruleset_version, r.label, r.pruned_at";

    // ---- repositories ------------------------------------------------------------------------------

    public static IReadOnlyList<RepositoryRecord> Repositories(HistoryDatabase db) => RepositoriesWhere(db, "1 = 1", null);

    /// <summary>The repository an audit of <paramref name="info"/> would be recorded under, or null when it has no runs yet.</summary>
    public static RepositoryRecord? FindRepository(HistoryDatabase db, RepositoryInfo info)
    {
        var identity = RepositoryIdentity.Of(info);
        var byRoot = info.RootCommit is { Length: > 0 } root ? $"root:{root}" : identity;
        var found = RepositoriesWhere(db, "p.identity IN (@identity, @byRoot)", new { identity, byRoot });
        return found.FirstOrDefault(r => r.Identity == identity) ?? found.FirstOrDefault();
    }

    private static IReadOnlyList<RepositoryRecord> RepositoriesWhere(HistoryDatabase db, string where, object? parameters) =>
        db.Connection.Query<RepositoryRow>(
                $"""
                SELECT p.id, p.identity, p.root, p.remote_url, p.root_commit,
                       (SELECT count(*) FROM runs r WHERE r.repository_id = p.id AND r.pruned_at IS NULL) AS runs,
                       (SELECT max(effective_at) FROM runs r WHERE r.repository_id = p.id AND r.pruned_at IS NULL) AS last_run_at
                FROM repositories p WHERE {where} ORDER BY p.identity
                """,
                parameters)
            .Select(r => r.ToRecord())
            .ToList();

    /// <summary>A repository named by its number in `history repos`, its identity or its root folder.</summary>
    public static RepositoryRecord FindRepository(HistoryDatabase db, string name)
    {
        var all = Repositories(db);
        var match = long.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? all.FirstOrDefault(r => r.Id == id)
            : all.FirstOrDefault(r => r.Identity == name) ?? all.FirstOrDefault(r => r.Root == Path.GetFullPath(name).TrimEnd('/'));
        return match ?? throw new HistoryInputException($"no repository '{name}' in the history (see 'infratrend history repos')");
    }

    // ---- runs --------------------------------------------------------------------------------------

    /// <summary>
    /// The repository's live runs in time order (commit time; audit time for a dirty tree) with the scores of
    /// <paramref name="ruleset"/> where it has them; with <paramref name="last"/>, only the latest that many.
    /// </summary>
    public static IReadOnlyList<RunSummary> Runs(HistoryDatabase db, long repositoryId, string? ruleset = null, int? last = null)
    {
        var rows = db.Connection.Query<RunRow>(
                $"""
                SELECT {RunColumns} FROM runs r WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL
                ORDER BY r.effective_at DESC, r.audited_at DESC, r.id DESC LIMIT @limit
                """,
                new { repositoryId, limit = last ?? -1 })
            .Reverse()
            .ToList();
        return Summaries(db.Connection, rows, ruleset, last is null ? repositoryId : null);
    }

    /// <summary>The history list: live runs with their change since the one before (the latest <paramref name="last"/> of them, or all).</summary>
    public static IReadOnlyList<HistoryEntry> History(HistoryDatabase db, long repositoryId, string? ruleset = null, int? last = null)
    {
        // One run more than shown, so the first one shown has its change too.
        var runs = Runs(db, repositoryId, ruleset, last + 1);
        var entries = new List<HistoryEntry>(runs.Count);
        RunSummary? previous = null;
        foreach (var run in runs)
        {
            entries.Add(new HistoryEntry(
                run,
                previous is null || run.Overall is null || previous.Overall is null ? null : run.Overall - previous.Overall,
                previous is null ? null : run.MaturityLevel - previous.MaturityLevel,
                previous is not null && previous.ScoresRuleset != run.ScoresRuleset));
            previous = run;
        }
        return last is { } n && entries.Count > n ? entries[^n..] : entries;
    }

    /// <summary>How many live runs the repository has.</summary>
    public static int CountRuns(HistoryDatabase db, long repositoryId) =>
        db.Connection.ExecuteScalar<int>("SELECT count(*) FROM runs WHERE repository_id = @repositoryId AND pruned_at IS NULL", new { repositoryId });

    /// <summary>
    /// A run named by its number, `latest`, `previous` or a commit SHA prefix (the latest run of that commit).
    /// A pruned run is refused with the date it was pruned.
    /// </summary>
    public static RunSummary Run(HistoryDatabase db, long repositoryId, string name, string? ruleset = null)
    {
        var c = db.Connection;
        RunRow? row;
        var text = name.Trim();
        if (text is "latest" or "previous")
        {
            row = c.QueryFirstOrDefault<RunRow>(
                $"SELECT {RunColumns} FROM runs r WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL ORDER BY r.effective_at DESC, r.audited_at DESC, r.id DESC LIMIT 1 OFFSET @skip",
                new { repositoryId, skip = text == "latest" ? 0 : 1 });
            if (row is null)
                throw new HistoryInputException(text == "latest" ? "no runs recorded for this repository yet" : "only one run recorded for this repository: there is no previous run");
        }
        else if (text.Length > 0 && text.All(char.IsAsciiDigit)
            && (row = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? c.QueryFirstOrDefault<RunRow>($"SELECT {RunColumns} FROM runs r WHERE r.repository_id = @repositoryId AND r.number = @number", new { repositoryId, number })
                : null) is not null)
        {
            // A run number; all digits and no such run, it may still be a commit prefix (07881113).
        }
        else if (text.Length > 0 && text.All(char.IsAsciiDigit) && (text.Length < 4 || !HasCommitPrefix(c, repositoryId, text)))
        {
            throw new HistoryInputException($"no run {text} (see 'infratrend history')");
        }
        else if (text.Length >= 4 && text.All(char.IsAsciiHexDigit))
        {
            var prefix = text.ToLowerInvariant();
            var rows = c.Query<RunRow>(
                    $"SELECT {RunColumns} FROM runs r WHERE r.repository_id = @repositoryId AND substr(r.commit_sha, 1, length(@prefix)) = @prefix ORDER BY r.effective_at DESC, r.audited_at DESC, r.id DESC",
                    new { repositoryId, prefix })
                .ToList();
            var commits = rows.Select(r => r.CommitSha).Distinct().ToList();
            if (commits.Count > 1)
                throw new HistoryInputException($"'{text}' matches {commits.Count} commits; type more of the SHA");
            row = rows.FirstOrDefault(r => r.PrunedAt is null) ?? rows.FirstOrDefault()
                ?? throw new HistoryInputException($"no run of a commit starting with '{text}' (see 'infratrend history')");
        }
        else
        {
            throw new HistoryInputException($"'{name}' names no run: give a run number, 'latest', 'previous' or a commit SHA prefix (4+ hex digits)");
        }
        if (row.PrunedAt is not null)
            throw new HistoryInputException($"run {row.Number} (commit {ShortSha(row.CommitSha)}) was pruned on {HistoryTime.Display(row.PrunedAt)}; only its commit marker is kept");
        return Summaries(c, [row], ruleset)[0];
    }

    /// <summary>Every commit that has a run, pruned ones included: a backfill skips them.</summary>
    public static IReadOnlySet<string> RecordedCommits(HistoryDatabase db, long repositoryId) =>
        db.Connection.Query<string>("SELECT DISTINCT commit_sha FROM runs WHERE repository_id = @repositoryId AND commit_sha IS NOT NULL", new { repositoryId })
            .ToHashSet(StringComparer.Ordinal);

    // ---- trends ------------------------------------------------------------------------------------

    /// <summary>One series in time order. Without a ruleset each point carries the scores it was recorded with (and says which).</summary>
    public static IReadOnlyList<ScorePoint> Trend(HistoryDatabase db, long repositoryId, TrendQuery query)
    {
        var sql = query.Category is null
            ? """
              SELECT r.number AS run, r.effective_at AS at, r.commit_sha AS commit_sha, s.overall AS score, s.ruleset_version AS ruleset
              FROM runs r JOIN run_scores s ON s.run_id = r.id AND s.ruleset_version = coalesce(@ruleset, r.ruleset_version)
              WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL
              ORDER BY r.effective_at, r.audited_at, r.id
              """
            : """
              SELECT r.number AS run, r.effective_at AS at, r.commit_sha AS commit_sha, s.score AS score, s.ruleset_version AS ruleset
              FROM runs r JOIN category_scores s ON s.run_id = r.id AND s.ruleset_version = coalesce(@ruleset, r.ruleset_version)
                                                 AND s.part_path = @part AND s.category = @category
              WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL
              ORDER BY r.effective_at, r.audited_at, r.id
              """;
        return db.Connection.Query<TrendRow>(sql, new { repositoryId, ruleset = query.Ruleset, part = query.Part ?? "", category = query.Category?.Id() })
            .Select(r => new ScorePoint((int)r.Run, HistoryTime.Parse(r.At), r.CommitSha, r.Score is { } s ? (int)s : null, r.Ruleset))
            .ToList();
    }

    // ---- baselines ---------------------------------------------------------------------------------

    /// <summary>
    /// What an audit of <paramref name="current"/> is compared with. Never a run of the same commit and state, or
    /// a failing run would become its own baseline and the gate would pass when retried:
    /// <list type="bullet">
    /// <item>uncommitted changes: the latest clean run of HEAD's commit, where there is one;</item>
    /// <item>on a branch: the latest run of the branch (by commit time) at a different commit;</item>
    /// <item>on a detached HEAD (or an audit of a given ref): the run of the nearest ancestor commit that has one.</item>
    /// </list>
    /// </summary>
    public static Baseline? FindBaseline(HistoryDatabase db, long repositoryId, RepositoryInfo current, long? excludeRunId = null, string? ruleset = null)
    {
        var c = db.Connection;
        var exclude = excludeRunId ?? -1;
        if (current.Dirty && current.Commit is { } head)
        {
            var clean = c.QueryFirstOrDefault<RunRow>(
                $"""
                SELECT {RunColumns} FROM runs r
                WHERE r.repository_id = @repositoryId AND r.commit_sha = @head AND r.dirty = 0 AND r.pruned_at IS NULL AND r.id != @exclude
                ORDER BY r.audited_at DESC, r.id DESC LIMIT 1
                """,
                new { repositoryId, head, exclude });
            if (clean is not null)
                return new Baseline(Summaries(c, [clean], ruleset)[0], $"clean run of {ShortSha(head)}, the commit under the uncommitted changes");
        }
        if (current.Branch is { } branch)
        {
            var row = c.QueryFirstOrDefault<RunRow>(
                $"""
                SELECT {RunColumns} FROM runs r
                WHERE r.repository_id = @repositoryId AND r.branch = @branch AND r.pruned_at IS NULL AND r.id != @exclude
                  AND (@commit IS NULL OR r.commit_sha IS NULL OR r.commit_sha != @commit)
                ORDER BY r.effective_at DESC, r.audited_at DESC, r.id DESC LIMIT 1
                """,
                new { repositoryId, branch, exclude, commit = current.Commit });
            return row is null ? null : new Baseline(Summaries(c, [row], ruleset)[0], $"latest run of branch {branch} at another commit");
        }
        if (current.Commit is null || !GitCli.IsAvailable)
            return null;

        var byCommit = c.Query<RunRow>(
                $"SELECT {RunColumns} FROM runs r WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL AND r.commit_sha IS NOT NULL AND r.id != @exclude ORDER BY r.effective_at, r.audited_at, r.id",
                new { repositoryId, exclude })
            .Where(r => r.CommitSha != current.Commit)
            .GroupBy(r => r.CommitSha!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        if (byCommit.Count == 0)
            return null;
        var ancestor = NearestAncestor(current.Root, current.Commit, byCommit.Keys.ToHashSet(StringComparer.Ordinal));
        return ancestor is null ? null : new Baseline(Summaries(c, [byCommit[ancestor]], ruleset)[0], $"nearest ancestor commit with a run ({ShortSha(ancestor)})");
    }

    /// <summary>The first commit in `git rev-list` order from <paramref name="commit"/> (itself included) that is in <paramref name="candidates"/>.</summary>
    private static string? NearestAncestor(string root, string commit, IReadOnlySet<string> candidates)
    {
        using var process = new GitCli(root).Start(["rev-list", "--topo-order", commit, "--"], redirectInput: false);
        _ = process.StandardError.ReadToEndAsync();
        string? found = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (candidates.Contains(line.Trim()))
            {
                found = line.Trim();
                break;
            }
        }
        if (!process.HasExited)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        }
        process.WaitForExit();
        return found;
    }

    // ---- mapping -----------------------------------------------------------------------------------

    /// <summary>Summaries of <paramref name="rows"/>: their scores read by id, or for a whole repository's list in one join.</summary>
    private static List<RunSummary> Summaries(SqliteConnection c, IReadOnlyList<RunRow> rows, string? ruleset, long? wholeRepository = null)
    {
        if (rows.Count == 0)
            return [];
        var scores = new Dictionary<(long, string), RunScoreRow>();
        var categories = new Dictionary<(long, string), Dictionary<Category, int?>>();
        var queries = wholeRepository is { } repositoryId
            ? [(
                "SELECT s.run_id, s.ruleset_version, s.overall, s.maturity_level FROM runs r JOIN run_scores s ON s.run_id = r.id WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL",
                """
                SELECT s.run_id, s.ruleset_version, s.category, s.score FROM runs r
                JOIN category_scores s ON s.run_id = r.id AND s.ruleset_version IN (r.ruleset_version, @ruleset) AND s.part_path = ''
                WHERE r.repository_id = @repositoryId AND r.pruned_at IS NULL
                """,
                (object)new { repositoryId, ruleset })]
            : rows.Select(r => r.Id).Chunk(500).Select(chunk => (
                "SELECT run_id, ruleset_version, overall, maturity_level FROM run_scores WHERE run_id IN @chunk",
                "SELECT run_id, ruleset_version, category, score FROM category_scores WHERE part_path = '' AND run_id IN @chunk",
                (object)new { chunk })).ToList();
        foreach (var (scoreSql, categorySql, parameters) in queries)
        {
            foreach (var s in c.Query<RunScoreRow>(scoreSql, parameters))
                scores[(s.RunId, s.RulesetVersion)] = s;
            foreach (var s in c.Query<CategoryRow>(categorySql, parameters))
            {
                if (!CategoryIds.TryGetValue(s.Category, out var category))
                    continue;
                if (!categories.TryGetValue((s.RunId, s.RulesetVersion), out var map))
                    categories[(s.RunId, s.RulesetVersion)] = map = [];
                map[category] = s.Score is { } v ? (int)v : null;
            }
        }
        return rows.Select(r =>
            {
                var shown = ruleset is not null && scores.ContainsKey((r.Id, ruleset)) ? ruleset : r.RulesetVersion;
                var score = scores.GetValueOrDefault((r.Id, shown));
                var map = categories.GetValueOrDefault((r.Id, shown)) ?? [];
                return new RunSummary(
                    r.Id,
                    (int)r.Number,
                    HistoryTime.Parse(r.AuditedAt),
                    HistoryTime.Parse(r.EffectiveAt),
                    r.CommitSha,
                    HistoryTime.ParseOrNull(r.CommittedAt),
                    r.Branch,
                    r.Dirty != 0,
                    r.ToolVersion,
                    r.RulesetVersion,
                    shown,
                    score?.Overall is { } o ? (int)o : null,
                    (int)(score?.MaturityLevel ?? 1),
                    Categories.All.ToDictionary(cat => cat, cat => map.GetValueOrDefault(cat)),
                    r.Label);
            })
            .ToList();
    }

    /// <summary>The first seven characters of a commit SHA, "-" for none.</summary>
    public static string ShortSha(string? sha) => sha is null ? "-" : sha[..Math.Min(7, sha.Length)];

    private sealed record RepositoryRow
    {
        public long Id { get; init; }
        public string Identity { get; init; } = "";
        public string Root { get; init; } = "";
        public string? RemoteUrl { get; init; }
        public string? RootCommit { get; init; }
        public long Runs { get; init; }
        public string? LastRunAt { get; init; }

        public RepositoryRecord ToRecord() => new(Id, Identity, Root, RemoteUrl, RootCommit, (int)Runs, HistoryTime.ParseOrNull(LastRunAt));
    }

    internal sealed record RunRow
    {
        public long Id { get; init; }
        public long Number { get; init; }
        public string AuditedAt { get; init; } = "";
        public string EffectiveAt { get; init; } = "";
        public string? CommitSha { get; init; }
        public string? CommittedAt { get; init; }
        public string? Branch { get; init; }
        public long Dirty { get; init; }
        public string ToolVersion { get; init; } = "";
        public string RulesetVersion { get; init; } = "";
        public string? Label { get; init; }
        public string? PrunedAt { get; init; }
    }

    private sealed record RunScoreRow
    {
        public long RunId { get; init; }
        public string RulesetVersion { get; init; } = "";
        public long? Overall { get; init; }
        public long MaturityLevel { get; init; }
    }

    private sealed record CategoryRow
    {
        public long RunId { get; init; }
        public string RulesetVersion { get; init; } = "";
        public string Category { get; init; } = "";
        public long? Score { get; init; }
    }

    private sealed record TrendRow
    {
        public long Run { get; init; }
        public string At { get; init; } = "";
        public string? CommitSha { get; init; }
        public long? Score { get; init; }
        public string Ruleset { get; init; } = "";
    }

    /// <summary>Whether any run of the repository has scores under <paramref name="rulesetVersion"/> (recorded or rescored).</summary>
    public static bool HasScoresUnder(HistoryDatabase db, long repositoryId, string rulesetVersion) =>
        db.Connection.ExecuteScalar<long>(
            "SELECT EXISTS (SELECT 1 FROM run_scores s JOIN runs r ON r.id = s.run_id WHERE r.repository_id = @repositoryId AND s.ruleset_version = @rulesetVersion)",
            new { repositoryId, rulesetVersion }) != 0;

    private static bool HasCommitPrefix(SqliteConnection c, long repositoryId, string prefix) =>
        c.ExecuteScalar<long>(
            "SELECT EXISTS (SELECT 1 FROM runs r WHERE r.repository_id = @repositoryId AND substr(r.commit_sha, 1, length(@prefix)) = @prefix)",
            new { repositoryId, prefix }) != 0;
}
