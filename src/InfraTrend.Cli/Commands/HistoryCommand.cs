using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Scoring;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend history ...`: the recorded runs, and what keeps the database useful (mark, rescore, export, import, prune, repos, forget).</summary>
public static class HistoryCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How many runs the table shows unless asked for more: a screenful.</summary>
    private const int TableRuns = 50;

    public static readonly Command Definition = Syntax.Command(
        "history",
        "List recorded runs: time, commit, overall score, level, category scores and the change since the run before.",
        [Syntax.Path()],
        [
            Syntax.Choice("--format", "FORMAT", "table (default) or json (an object with `runs`).", "table", "json"),
            Syntax.Value("--last", "N", "Only the latest N runs (the table's default: 50; json lists all)."),
            Syntax.Flag("--all", "Every run, in the table too."),
            Syntax.Value("--ruleset", "RULESET", "Scores to show: recorded (default: each run as it was scored), current (as rescored by 'history rescore') or a ruleset version."),
            HistoryAccess.DbOption(),
        ],
        Run,
        details: "Runs are listed in commit-time order (an audit of a working tree with uncommitted changes sits at its audit time; its commit has a *).",
        subcommands:
        [
            Syntax.Command(
                "mark",
                "Label a run (a release, say); marked runs are never pruned.",
                [Syntax.Required("RUN", HistoryAccess.RunHelp), Syntax.Path()],
                [Syntax.Value("--label", "TEXT", "The label; an empty one removes it.", allowEmpty: true, required: true), HistoryAccess.DbOption()],
                Mark,
                details: "Example: infratrend history mark latest --label v1.2"),
            Syntax.Command(
                "rescore",
                "Score recorded runs again under the current rules, from their stored facts; the recorded scores stay.",
                [Syntax.Path()],
                [Syntax.Flag("--all-repositories", "Rescore every repository in the database, not only PATH's."), HistoryAccess.DbOption()],
                Rescore,
                details: "Then 'history --ruleset current' shows the rescored trend. A run whose facts came from another fact model keeps its recorded scores."),
            Syntax.Command(
                "export",
                "Write the whole history database as JSON (runs, facts, scores, findings, tasks and their events).",
                [Syntax.Required("FILE", "the JSON file to write; '-' for standard output"), Syntax.Path()],
                [HistoryAccess.DbOption()],
                Export,
                details: "'history import' reads it back, losslessly."),
            Syntax.Command(
                "import",
                "Read a history export into the database; runs and task events it already has are skipped.",
                [Syntax.Required("FILE", "a 'history export' file; '-' for standard input"), Syntax.Path()],
                [HistoryAccess.DbOption()],
                Import),
            Syntax.Command(
                "prune",
                "Thin old runs: all of the last day, then one a day, one a week after a month, one a month after a year. Marked runs stay.",
                [Syntax.Path()],
                [
                    Syntax.Value("--keep-all", "DAYS", "Keep every run younger than this (default 1)."),
                    Syntax.Value("--daily", "DAYS", "Then keep one run a day until this age (default 30)."),
                    Syntax.Value("--weekly", "DAYS", "Then one a week until this age (default 365); one a month after that."),
                    Syntax.Flag("--dry-run", "List what would be pruned, change nothing."),
                    HistoryAccess.DbOption(),
                ],
                Prune,
                details: "Applies to every repository in the database, per branch, by commit time. A pruned run leaves a marker of its commit\n"
                    + "(so a backfill does not audit it again) and what its findings were (so task history is kept)."),
            Syntax.Command(
                "repos",
                "List the repositories in the history database.",
                [Syntax.Path()],
                [Syntax.Choice("--format", "FORMAT", "table (default) or json.", "table", "json"), HistoryAccess.DbOption()],
                Repos),
            Syntax.Command(
                "forget",
                "Remove a repository and all its runs and tasks from the history database.",
                [Syntax.Required("REPO", "the number 'history repos' shows, the repository's identity, or its folder"), Syntax.Path()],
                [HistoryAccess.DbOption()],
                Forget),
        ]);

    // ---- history -----------------------------------------------------------------------------------

    public static int Run(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var format = args.Value("--format") ?? "table";
            var target = HistoryAccess.Locate(args, args.Positionals.FirstOrDefault());
            using var db = HistoryAccess.OpenExisting(target);
            var repository = db is null ? null : HistoryAccess.Repository(db, target);
            var rulesetOption = args.Value("--ruleset") ?? "recorded";
            var ruleset = rulesetOption switch
            {
                "recorded" => null,
                "current" => HistoryAccess.CurrentRules(target).Version,
                _ => rulesetOption,
            };
            if (ruleset is not null && rulesetOption != "current" && db is not null && repository is not null && !RunQueries.HasScoresUnder(db, repository.Id, ruleset))
                throw new UsageException($"no run has scores under ruleset '{HistoryAccess.Safe(ruleset.Length > 40 ? ruleset[..40] + "..." : ruleset)}' (the ruleset column of 'infratrend history' lists them; 'history rescore' adds the current one)");
            var last = args.Has("--all") ? null : args.Int("--last", 1, int.MaxValue) ?? (format == "table" ? TableRuns : null);
            var entries = db is null || repository is null ? [] : RunQueries.History(db, repository.Id, ruleset, last);
            var total = db is null || repository is null ? 0 : RunQueries.CountRuns(db, repository.Id);

            if (format == "json")
            {
                terminal.Output.Write(HistoryJson(repository, rulesetOption, ruleset, entries));
                return ExitCodes.Success;
            }
            if (entries.Count == 0)
            {
                terminal.Line($"No runs recorded for {target.Root} yet ('infratrend audit' records one).");
                return ExitCodes.Success;
            }
            terminal.Output.Write(HistoryTable(repository!, rulesetOption, ruleset, entries, total));
            return ExitCodes.Success;
        });

    private static string HistoryTable(RepositoryRecord repository, string rulesetOption, string? ruleset, IReadOnlyList<HistoryEntry> entries, int total)
    {
        var headers = new List<string> { "#", "time (UTC)", "commit", "branch", "overall", "change", "level" };
        headers.AddRange(Categories.All.Select(ShortColumn));
        headers.AddRange(["ruleset", "label"]);
        var table = new TextTable(headers.ToArray()).AlignRight([0, 4, 5, 6, .. Enumerable.Range(7, Categories.All.Count)]);
        foreach (var (run, overallChange, levelChange, rulesChanged) in entries)
        {
            var cells = new List<string>
            {
                run.Number.ToString(Invariant),
                HistoryTime.Display(run.EffectiveAt),
                run.ShortCommit + (run.Dirty ? "*" : ""),
                HistoryAccess.Safe(run.Branch ?? "-"),
                run.Overall?.ToString(Invariant) ?? "n/a",
                overallChange is { } d ? Signed(d) + (rulesChanged ? "r" : "") : "",
                run.MaturityLevel.ToString(Invariant) + (levelChange is { } l && l != 0 ? $" ({Signed(l)})" : ""),
            };
            cells.AddRange(Categories.All.Select(c => run.Categories[c]?.ToString(Invariant) ?? "-"));
            cells.Add(run.ScoresRuleset + (ruleset is not null && !run.Rescored && run.ScoresRuleset != ruleset ? " (recorded)" : ""));
            cells.Add(HistoryAccess.Safe(run.Label));
            table.Add(cells.ToArray());
        }
        var rulesets = entries.Select(e => e.Run.ScoresRuleset).Distinct().Count();
        var scores = ruleset is null
            ? rulesets == 1 ? $"scores as recorded, ruleset {entries[0].Run.ScoresRuleset}" : $"scores as recorded, under {rulesets} rulesets (an 'r' marks a change where the rules changed too)"
            : $"scores under ruleset {ruleset}{(rulesetOption == "current" ? " (current)" : "")}; runs not rescored under it show their recorded scores";
        var count = entries.Count == total
            ? $"{total} run{(total == 1 ? "" : "s")}"
            : $"the latest {entries.Count} of {total.ToString("N0", Invariant)} runs (--all lists every one)";
        var overall = entries.Where(e => e.Run.Overall is not null).Select(e => e.Run.Overall!.Value).ToList();
        var spark = overall.Count == 0 ? "" : $"{Environment.NewLine}Overall {Sparkline.Of(overall)}  {overall[0].ToString(Invariant)} -> {overall[^1].ToString(Invariant)}{Environment.NewLine}";
        return $"{HistoryAccess.Safe(repository.Identity)}: {count}, {scores}{Environment.NewLine}{Environment.NewLine}{table}{spark}";
    }

    private static string HistoryJson(RepositoryRecord? repository, string rulesetOption, string? ruleset, IReadOnlyList<HistoryEntry> entries)
    {
        var runs = new JsonArray();
        foreach (var (run, overallChange, levelChange, rulesChanged) in entries)
        {
            var categories = new JsonObject();
            foreach (var category in Categories.All)
                categories[category.Id()] = run.Categories[category];
            runs.Add(new JsonObject
            {
                ["number"] = run.Number,
                ["time"] = HistoryTime.Text(run.EffectiveAt),
                ["auditedAt"] = HistoryTime.Text(run.AuditedAt),
                ["commit"] = run.Commit,
                ["committedAt"] = HistoryTime.Text(run.CommittedAt),
                ["branch"] = run.Branch,
                ["dirty"] = run.Dirty,
                ["overall"] = run.Overall,
                ["level"] = run.MaturityLevel,
                ["levelName"] = MaturityLevels.Name(run.MaturityLevel),
                ["categories"] = categories,
                ["change"] = overallChange is null && levelChange is null
                    ? null
                    : new JsonObject { ["overall"] = overallChange, ["level"] = levelChange, ["rulesetChanged"] = rulesChanged },
                ["ruleset"] = run.ScoresRuleset,
                ["recordedRuleset"] = run.RecordedRuleset,
                ["rescored"] = run.Rescored,
                ["toolVersion"] = run.ToolVersion,
                ["label"] = run.Label,
            });
        }
        var o = new JsonObject
        {
            ["repository"] = repository?.Identity,
            ["ruleset"] = ruleset ?? "recorded",
            ["rulesetRequested"] = rulesetOption,
            ["runs"] = runs,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static string ShortColumn(Category category) =>
        category switch
        {
            Category.Deployment => "dep",
            Category.Ci => "ci",
            Category.Monitoring => "mon",
            Category.Security => "sec",
            Category.Database => "db",
            Category.Operations => "ops",
            Category.Testing => "test",
            _ => "scal",
        };

    internal static string Signed(int value) => value > 0 ? $"+{value.ToString(Invariant)}" : value.ToString(Invariant);

    // ---- mark --------------------------------------------------------------------------------------

    public static int Mark(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var name = args.Positionals[0];
            var label = args.Value("--label") ?? throw new UsageException("history mark needs --label TEXT");
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            using var db = HistoryAccess.OpenExisting(target);
            var repository = HistoryAccess.RequireRepository(db, target);
            var run = RunQueries.Run(db!, repository.Id, name);
            RunLabels.Mark(db!, run.Id, label);
            terminal.Line(label.Trim().Length == 0
                ? $"Run {run.Number} ({run.ShortCommit}) is no longer marked."
                : $"Run {run.Number} ({run.ShortCommit}) marked '{HistoryAccess.Safe(label.Trim())}'.");
            return ExitCodes.Success;
        });

    // ---- rescore -----------------------------------------------------------------------------------

    public static int Rescore(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var target = HistoryAccess.Locate(args, args.Positionals.FirstOrDefault());
            using var db = HistoryAccess.OpenExisting(target);
            long? repositoryId = args.Has("--all-repositories") ? null : HistoryAccess.RequireRepository(db, target).Id;
            if (db is null)
                throw new HistoryInputException($"no history at {target.DatabasePath} yet");
            var rules = HistoryAccess.CurrentRules(target);
            terminal.Progress("rescoring");
            var summary = Rescorer.Rescore(db, rules, repositoryId);
            terminal.EndProgress();
            terminal.Line($"Ruleset {summary.Ruleset}: {summary.Rescored} run(s) rescored, {summary.AlreadyCurrent} already scored under it"
                + (summary.NotRescorable > 0 ? $", {summary.NotRescorable} not rescorable (facts from another fact model; they keep their recorded scores)" : "") + ".");
            terminal.Line("Recorded scores are kept; 'infratrend history --ruleset current' shows the rescored ones.");
            return ExitCodes.Success;
        });

    // ---- export / import ---------------------------------------------------------------------------

    public static int Export(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var file = args.Positionals[0];
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            using var db = HistoryAccess.OpenExisting(target) ?? throw new HistoryInputException($"no history at {target.DatabasePath} yet");
            var json = HistoryExport.Export(db);
            if (file == "-")
            {
                terminal.Output.Write(json);
                return ExitCodes.Success;
            }
            var full = Path.GetFullPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, json);
            terminal.Line($"History of {target.DatabasePath} exported to {full}");
            return ExitCodes.Success;
        });

    public static int Import(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var file = args.Positionals[0];
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            string json;
            try
            {
                json = file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(Path.GetFullPath(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read '{file}': {e.Message}");
            }
            using var db = HistoryAccess.OpenOrCreate(target);
            var summary = HistoryExport.Import(db, json);
            terminal.Line($"Imported {summary.RunsAdded} run(s) of {summary.Repositories} repositor{(summary.Repositories == 1 ? "y" : "ies")} into {target.DatabasePath}"
                + $" ({summary.RunsAlreadyThere} already there, {summary.UserEventsAdded} task decision(s) added).");
            return ExitCodes.Success;
        });

    // ---- prune -------------------------------------------------------------------------------------

    public static int Prune(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var keepAll = args.Int("--keep-all", 0, 36500) ?? 1;
            var daily = args.Int("--daily", 0, 36500) ?? 30;
            var weekly = args.Int("--weekly", 0, 36500) ?? 365;
            if (daily < keepAll || weekly < daily)
                throw new UsageException("--keep-all, --daily and --weekly must not decrease (days)");
            var target = HistoryAccess.Locate(args, args.Positionals.FirstOrDefault());
            using var db = HistoryAccess.OpenExisting(target) ?? throw new HistoryInputException($"no history at {target.DatabasePath} yet");
            var dryRun = args.Has("--dry-run");
            var summary = Retention.Prune(db, new RetentionPolicy(TimeSpan.FromDays(keepAll), TimeSpan.FromDays(daily), TimeSpan.FromDays(weekly)), DateTimeOffset.UtcNow, dryRun: dryRun);
            if (terminal.Verbose || dryRun)
            {
                foreach (var run in summary.Pruned)
                    terminal.Line($"  run {run.Number,5}  {HistoryTime.Display(run.At)}  {RunQueries.ShortSha(run.Commit)}  {HistoryAccess.Safe(run.Branch ?? "-")}");
            }
            terminal.Line($"{(dryRun ? "Would prune" : "Pruned")} {summary.Pruned.Count} run(s); {summary.Kept} kept.");
            return ExitCodes.Success;
        });

    // ---- repos / forget ----------------------------------------------------------------------------

    public static int Repos(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var format = args.Value("--format") ?? "table";
            var target = HistoryAccess.Locate(args, args.Positionals.FirstOrDefault());
            using var db = HistoryAccess.OpenExisting(target);
            var repositories = db is null ? [] : RunQueries.Repositories(db);
            if (format == "json")
            {
                var array = new JsonArray(repositories.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = r.Id,
                    ["identity"] = r.Identity,
                    ["root"] = r.Root,
                    ["remoteUrl"] = r.RemoteUrl,
                    ["rootCommit"] = r.RootCommit,
                    ["runs"] = r.Runs,
                    ["lastRun"] = HistoryTime.Text(r.LastRunAt),
                }).ToArray());
                terminal.Output.Write(new JsonObject { ["repositories"] = array }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
                return ExitCodes.Success;
            }
            if (repositories.Count == 0)
            {
                terminal.Line($"No repositories in {target.DatabasePath} yet.");
                return ExitCodes.Success;
            }
            var table = new TextTable("id", "repository", "runs", "last run (UTC)", "folder").AlignRight(0, 2);
            foreach (var r in repositories)
                table.Add(r.Id.ToString(Invariant), HistoryAccess.Safe(r.Identity), r.Runs.ToString(Invariant), r.LastRunAt is { } at ? HistoryTime.Display(at) : "-", HistoryAccess.Safe(r.Root));
            terminal.Output.Write(table.ToString());
            return ExitCodes.Success;
        });

    public static int Forget(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var name = args.Positionals[0];
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            using var db = HistoryAccess.OpenExisting(target) ?? throw new HistoryInputException($"no history at {target.DatabasePath} yet");
            var repository = RunQueries.FindRepository(db, name);
            var runs = RepositoryRemoval.Forget(db, repository.Id);
            terminal.Line($"Forgot {HistoryAccess.Safe(repository.Identity)}: {runs} run(s) and its tasks removed.");
            return ExitCodes.Success;
        });
}
