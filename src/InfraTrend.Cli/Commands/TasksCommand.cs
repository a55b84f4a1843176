using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTrend.History;
using InfraTrend.Model;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend tasks ...`: remediation tasks tracked across audits, and the user's decisions on them.</summary>
public static class TasksCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string IdHelp = "a task's fingerprint, analyzer|part|subject, or any unique prefix of it; see 'infratrend tasks --all'";

    public static readonly Command Definition = Syntax.Command(
        "tasks",
        "List open remediation tasks by priority, with their age; --all adds accepted, deferred and closed ones.",
        [Syntax.Path()],
        [
            Syntax.Flag("--all", "Also list accepted, deferred, resolved and done tasks."),
            Syntax.Choice("--format", "FORMAT", "table (default) or json.", "table", "json"),
            HistoryAccess.DbOption(),
        ],
        Run,
        details: "A task opens when an audit finds a failing or partial finding, is resolved when a later audit finds it passing,\n"
            + "and reopens when it fails again.",
        subcommands:
        [
            Syntax.Command(
                "show",
                "Show one task and every change it went through.",
                [Syntax.Required("ID", IdHelp), Syntax.Path()],
                [HistoryAccess.DbOption()],
                Show),
            Syntax.Command(
                "accept",
                "Accept a task's risk, for good or until a date (then it is open again).",
                [Syntax.Required("ID", IdHelp), Syntax.Path()],
                [Syntax.Value("--reason", "TEXT", "Why the risk is accepted (required).", required: true), Syntax.Value("--until", "DATE", "When the acceptance ends (yyyy-MM-dd, UTC)."), HistoryAccess.DbOption()],
                Accept,
                details: "Example: infratrend tasks accept security.headers --reason \"behind the company proxy\" --until 2026-12-31"),
            Syntax.Command(
                "defer",
                "Put a task off until a date; then it is open again.",
                [Syntax.Required("ID", IdHelp), Syntax.Path()],
                [Syntax.Value("--until", "DATE", "When the task is due again (yyyy-MM-dd, UTC; required).", required: true), Syntax.Value("--reason", "TEXT", "Why it waits."), HistoryAccess.DbOption()],
                Defer),
            Syntax.Command(
                "done",
                "Mark a task done by hand; a later audit where it still fails reopens it.",
                [Syntax.Required("ID", IdHelp), Syntax.Path()],
                [Syntax.Value("--reason", "TEXT", "What was done (required).", required: true), HistoryAccess.DbOption()],
                Done),
        ]);

    // ---- tasks -------------------------------------------------------------------------------------

    public static int Run(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var format = args.Value("--format") ?? "table";
            var all = args.Has("--all");
            var target = HistoryAccess.Locate(args, args.Positionals.FirstOrDefault());
            using var db = HistoryAccess.OpenExisting(target);
            var repository = db is null ? null : HistoryAccess.Repository(db, target);
            var now = terminal.Clock.GetUtcNow();
            var tasks = repository is null ? [] : TaskTracker.List(db!, repository.Id, now);
            // The history's first run: what it found had been there for an unknown time, so it has no age, only a first sighting.
            var firstRun = repository is null ? null : RunQueries.Runs(db!, repository.Id, last: null).FirstOrDefault()?.Number;
            var shown = all ? tasks : tasks.Where(t => t.State.IsOpen()).ToList();

            if (format == "json")
            {
                terminal.Output.Write(new JsonObject
                {
                    ["repository"] = repository?.Identity,
                    ["tasks"] = new JsonArray(shown.Select(t => (JsonNode)TaskJson(t, now, firstRun)).ToArray()),
                }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
                return ExitCodes.Success;
            }
            if (repository is null)
            {
                terminal.Line($"No runs recorded for {target.Root} yet ('infratrend audit' records one).");
                return ExitCodes.Success;
            }

            var open = tasks.Count(t => t.State.IsOpen());
            var summary = $"{HistoryAccess.Safe(repository.Identity)}: {open} open task{(open == 1 ? "" : "s")}";
            var others = new[] { TaskState.Accepted, TaskState.Deferred }
                .Select(s => (State: s, Count: tasks.Count(t => t.State == s)))
                .Append((State: TaskState.Resolved, Count: tasks.Count(t => t.State.IsClosed())))
                .Where(x => x.Count > 0)
                .Select(x => $"{x.Count} {(x.State == TaskState.Resolved ? "closed" : x.State.Id())}")
                .ToList();
            if (others.Count > 0)
                summary += $" ({string.Join(", ", others)}{(all ? "" : ": --all lists them")})";
            terminal.Line(summary);
            if (shown.Count == 0)
                return ExitCodes.Success;

            var table = all
                ? new TextTable("priority", "state", "age", "opened", "closed", "id", "title").AlignRight(2)
                : new TextTable("priority", "state", "age", "opened", "id", "title").AlignRight(2);
            foreach (var t in shown)
            {
                var opened = $"{HistoryTime.Display(t.Opened.At)[..10]} {RunQueries.ShortSha(t.Opened.Commit)}";
                var cells = new List<string> { t.Priority.Id(), StateText(t), Age(t, now, firstRun), opened };
                if (all)
                    cells.Add(t.Closed is { } c ? $"{HistoryTime.Display(c.At)[..10]} {(c.Commit is null ? "by hand" : RunQueries.ShortSha(c.Commit))}" : "");
                cells.AddRange([HistoryAccess.Safe(t.Id), HistoryAccess.Safe(t.Title)]);
                table.Add(cells.ToArray());
            }
            terminal.Line();
            terminal.Output.Write(table.ToString());
            return ExitCodes.Success;
        });

    private static JsonObject TaskJson(TrackedTask t, DateTimeOffset now, int? firstRun) =>
        new()
        {
            ["id"] = t.Id,
            ["analyzer"] = t.AnalyzerId,
            ["part"] = t.PartPath,
            ["subject"] = t.Subject,
            ["title"] = t.Title,
            ["priority"] = t.Priority.Id(),
            ["state"] = t.State.Id(),
            ["opened"] = Moment(t.Opened),
            ["closed"] = t.Closed is null ? null : Moment(t.Closed),
            ["firstSeen"] = Moment(t.FirstSeen),
            ["lastSeen"] = Moment(t.LastSeen),
            ["until"] = HistoryTime.Text(t.Until),
            ["reason"] = t.Reason,
            ["ageDays"] = t.State.IsClosed() || SinceFirstRun(t, firstRun) ? null : (int)Math.Floor((now - t.Opened.At).TotalDays),
        };

    private static JsonObject Moment(TaskMoment m) => new() { ["at"] = HistoryTime.Text(m.At), ["commit"] = m.Commit, ["run"] = m.Run };

    private static string StateText(TrackedTask t) =>
        t.Until is { } until && t.State is TaskState.Accepted or TaskState.Deferred
            ? $"{t.State.Id()} until {HistoryTime.Display(until)[..10]}"
            : t.State.Id();

    /// <summary>
    /// Opened by the history's first run: the run sits at its commit time, but the task may be older (nothing looked
    /// before) and was only seen when the audit ran, so counting an age from the commit would be invented.
    /// </summary>
    private static bool SinceFirstRun(TrackedTask t, int? firstRun) => firstRun is { } first && t.FirstSeen.Run == first && t.Opened.At == t.FirstSeen.At;

    private static string Age(TrackedTask t, DateTimeOffset now, int? firstRun)
    {
        if (SinceFirstRun(t, firstRun) && !t.State.IsClosed())
            return $"first seen {HistoryTime.Display(t.FirstSeen.At)[..10]}";
        var end = t.Closed?.At ?? now;
        var days = (int)Math.Floor((end - t.Opened.At).TotalDays);
        return days < 1 ? "<1d" : $"{days.ToString(Invariant)}d";
    }

    // ---- tasks show --------------------------------------------------------------------------------

    public static int Show(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var id = args.Positionals[0];
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            using var db = HistoryAccess.OpenExisting(target);
            var repository = HistoryAccess.RequireRepository(db, target);
            var now = terminal.Clock.GetUtcNow();
            var fingerprint = TaskTracker.Resolve(db!, repository.Id, id);
            var task = TaskTracker.List(db!, repository.Id, now).Single(t => t.Id == fingerprint);
            terminal.Line($"{HistoryAccess.Safe(task.Id)}: {HistoryAccess.Safe(task.Title)}");
            terminal.Line($"  {task.Priority.Id()} priority, {StateText(task)}{(task.Reason is null ? "" : $" ({HistoryAccess.Safe(task.Reason)})")}");
            terminal.Line($"  first seen {HistoryTime.Display(task.FirstSeen.At)} in run {task.FirstSeen.Run} ({RunQueries.ShortSha(task.FirstSeen.Commit)}),"
                + $" last seen {HistoryTime.Display(task.LastSeen.At)} in run {task.LastSeen.Run} ({RunQueries.ShortSha(task.LastSeen.Commit)})");
            terminal.Line();
            var table = new TextTable("time (UTC)", "event", "by", "run", "commit", "reason");
            foreach (var e in TaskTracker.Events(db!, repository.Id, fingerprint, now))
            {
                table.Add(
                    HistoryTime.Display(e.At),
                    e.Kind + (e.Until is { } u ? $" until {HistoryTime.Display(u)[..10]}" : ""),
                    e.Source,
                    e.Run?.ToString(Invariant) ?? "",
                    e.Commit is null ? "" : RunQueries.ShortSha(e.Commit),
                    HistoryAccess.Safe(e.Reason));
            }
            terminal.Output.Write(table.ToString());
            return ExitCodes.Success;
        });

    // ---- decisions ---------------------------------------------------------------------------------

    public static int Accept(Arguments args, Terminal terminal) =>
        Decide(args, terminal, (db, repositoryId, id, now) =>
        {
            var reason = Required(args, "--reason", "tasks accept");
            var until = args.Value("--until") is { } text ? HistoryAccess.ParseUntil(text, now) : (DateTimeOffset?)null;
            return TaskTracker.Accept(db, repositoryId, id, reason, until, now);
        });

    public static int Defer(Arguments args, Terminal terminal) =>
        Decide(args, terminal, (db, repositoryId, id, now) =>
        {
            var until = HistoryAccess.ParseUntil(Required(args, "--until", "tasks defer"), now);
            return TaskTracker.Defer(db, repositoryId, id, until, args.Value("--reason"), now);
        });

    public static int Done(Arguments args, Terminal terminal) =>
        Decide(args, terminal, (db, repositoryId, id, now) => TaskTracker.MarkDone(db, repositoryId, id, Required(args, "--reason", "tasks done"), now));

    private static int Decide(Arguments args, Terminal terminal, Func<HistoryDatabase, long, string, DateTimeOffset, TrackedTask> decide) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var id = args.Positionals[0];
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            using var db = HistoryAccess.OpenExisting(target);
            var repository = HistoryAccess.RequireRepository(db, target);
            var task = decide(db!, repository.Id, id, terminal.Clock.GetUtcNow());
            terminal.Line($"{HistoryAccess.Safe(task.Id)}: {StateText(task)}");
            return ExitCodes.Success;
        });

    private static string Required(Arguments args, string option, string command) =>
        args.Value(option) is { } value && value.Trim().Length > 0 ? value.Trim() : throw new UsageException($"{command} needs {option}");
}
