using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using InfraTrend.Auditing;
using InfraTrend.Charts;
using InfraTrend.History;
using InfraTrend.Scanning;

namespace InfraTrend.Cli.Commands;

/// <summary>
/// `infratrend backfill`: audits past commits of the current branch straight from git objects (no checkout) and
/// records each at its commit time, so the trend shows the past at once. Commits already recorded are skipped,
/// so an interrupted backfill resumes where it stopped.
/// </summary>
public static class BackfillCommand
{
    public static readonly Command Definition = Syntax.Command(
        "backfill",
        "Audit past commits of the current branch (first-parent) from git objects and record each at its commit time.",
        [Syntax.Path()],
        [
            Syntax.Value("--since", "DATE", "Only commits from DATE (yyyy-MM-dd) on (default: back to the first commit)."),
            Syntax.Value("--every", "STEP", "day, week or month: the last commit of each period; N: every Nth commit (the newest always)."),
            Syntax.Flag("--tags", "Only commits that a tag points at."),
            HistoryAccess.DbOption(),
        ],
        Run,
        details: "Each commit is audited with the .infratrend.yml it contains, or the current one where it has none (a broken one is a warning). Nothing is checked out; the working tree is not touched.\nExample: infratrend backfill . --every week --since 2025-01-01");

    public sealed record Commit(string Sha, DateTimeOffset At);

    public static int Run(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var target = HistoryAccess.Locate(args, args.Positionals.FirstOrDefault());
            if (!GitCli.IsAvailable || new GitCli(target.Root).Text("rev-parse", "--verify", "--quiet", "HEAD") is null)
                throw new UsageException($"'{target.Root}' has no commits to backfill (a git repository with history is needed)");
            var tags = args.Has("--tags") ? Tags(target.Root) : null;
            var commits = Select(FirstParentHistory(target.Root, args.Value("--since")), args.Value("--every"), tags);
            var fallback = HistoryAccess.CurrentConfig(target);

            using var db = HistoryAccess.OpenOrCreate(target);
            var done = RunQueries.FindRepository(db, target.Identity) is { } repository ? RunQueries.RecordedCommits(db, repository.Id) : new HashSet<string>();
            var todo = commits.Where(c => !done.Contains(c.Sha)).ToList();
            terminal.Line($"Backfill: {Plural.Count(commits.Count, "commit")} selected, {commits.Count - todo.Count} already recorded, {todo.Count} to audit.");

            // The commits are the current branch's first-parent history: their runs belong to that branch, so its baseline
            // (--fail-on-regression), retention and comparisons see them as they see live runs (null on a detached HEAD).
            var branch = RepositoryInfo.CurrentBranch(new GitCli(target.Root));
            var blobs = new BlobCache();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < todo.Count; i++)
            {
                var commit = todo[i];
                var rate = i == 0 ? 0 : i / clock.Elapsed.TotalSeconds;
                terminal.Progress($"[{i + 1}/{todo.Count}] {commit.Sha[..7]} {commit.At:yyyy-MM-dd}, {todo.Count - i - 1} left{(rate > 0 ? $", {rate.ToString("0.0", CultureInfo.InvariantCulture)} commits/s" : "")}");
                var result = Auditor.Audit(target.Root, new AuditOptions { Ref = commit.Sha, FallbackConfig = fallback, ToleratesBrokenConfig = true, Blobs = blobs });
                result = result with { Repository = result.Repository with { Branch = branch } };
                var run = RunRecorder.Record(db, result);
                // What the commit worked out and the cache then dropped is old enough to sit in the oldest generation, which the
                // runtime collects rarely: left to it, a 50,000-file backfill grew by about 250 MB more. Collected here, the
                // process holds one commit's working set (a full collection costs a fraction of a commit's audit).
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                foreach (var warning in result.Warnings.Where(w => w.Path == Config.InfraTrendConfig.FileName))
                    terminal.Error.WriteLine($"infratrend: {commit.Sha[..7]}: {warning.Message}");
                if (terminal.Verbose)
                    terminal.Error.WriteLine($"run {run.Number}: {commit.Sha[..7]} {commit.At:yyyy-MM-dd} overall {result.Evaluation.ScoreCard.Overall?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}, level {result.Evaluation.ScoreCard.Maturity.Level}");
            }
            terminal.EndProgress();
            var seconds = clock.Elapsed.TotalSeconds;
            terminal.Line(
                tags is { Count: 0 } ? "Nothing to audit: the repository has no tags (--tags selects the commits a tag points at)."
                : commits.Count == 0 && tags is not null ? "Nothing to audit: no tag points at a commit of the current branch's first-parent history" + (args.Value("--since") is { } since ? $" since {since}." : ".")
                : commits.Count == 0 ? "Nothing to audit: no commit of the current branch matches the selection."
                : todo.Count == 0 ? "Nothing to audit: every selected commit is recorded."
                : $"Recorded {Plural.Count(todo.Count, "run")} in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({(seconds / todo.Count * 1000).ToString("0", CultureInfo.InvariantCulture)} ms per commit) in {target.DatabasePath}");
            return ExitCodes.Success;
        });

    /// <summary>The first-parent history of HEAD, oldest first.</summary>
    public static IReadOnlyList<Commit> FirstParentHistory(string root, string? since)
    {
        var arguments = new List<string> { "log", "--first-parent", "--format=%H %cI" };
        if (since is not null)
        {
            if (!DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new UsageException($"--since takes a date written yyyy-MM-dd, not '{since}'");
            arguments.Add($"--since={since}T00:00:00Z");
        }
        arguments.AddRange(["HEAD", "--"]);
        var text = new GitCli(root).Text([.. arguments]) ?? "";
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(p => new Commit(p[0], DateTimeOffset.Parse(p[1], CultureInfo.InvariantCulture)))
            .Reverse()
            .ToList();
    }

    private static HashSet<string> Tags(string root) =>
        (new GitCli(root).Text("for-each-ref", "--format=%(*objectname) %(objectname)", "refs/tags") ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split(' ')[0]) // the peeled commit of an annotated tag, else the tag's own object
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Which commits to audit: all, the last of each day/week/month, or every Nth counted back from the newest.</summary>
    public static IReadOnlyList<Commit> Select(IReadOnlyList<Commit> commits, string? every, IReadOnlySet<string>? tagged = null)
    {
        IEnumerable<Commit> chosen = tagged is null ? commits : commits.Where(c => tagged.Contains(c.Sha));
        var list = chosen.ToList();
        if (every is null)
            return list;
        if (int.TryParse(every, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            if (n < 1)
                throw new UsageException($"--every takes day, week, month or a whole number of 1 or more, not '{every}'");
            return list.Where((_, i) => (list.Count - 1 - i) % n == 0).ToList();
        }
        Func<DateTimeOffset, string> period = every switch
        {
            "day" => at => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "week" => at => $"{ISOWeek.GetYear(at.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(at.UtcDateTime)}",
            "month" => at => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => throw new UsageException($"--every takes day, week, month or a whole number, not '{every}'"),
        };
        return list.GroupBy(c => period(c.At)).Select(g => g.Last()).ToList();
    }
}
