using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend compare [RUN_A RUN_B]`: why two runs score differently, by analyzer, evidence file and commit.</summary>
public static class CompareCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly Command Definition = Syntax.Command(
        "compare",
        "Explain every change of score or level between two runs, and the tasks that opened and closed.",
        [
            new Argument<string[]>("RUNS") { HelpName = "RUN_A RUN_B", Arity = new ArgumentArity(0, 2), Description = "Two runs, the earlier first (default: previous latest)." },
            Syntax.Path(),
        ],
        [
            Syntax.Choice("--format", "FORMAT", "text (default) or json.", "text", "json"),
            Syntax.Flag("--current-rules", "Score both runs again under the current rules from their stored facts, so only the repository's changes show."),
            HistoryAccess.DbOption(),
        ],
        Run,
        details: "Without runs it compares the previous run with the latest. A run is a number, latest, previous or a commit SHA prefix.\n"
            + "With the repository at hand, each changed finding names the commits between the runs that touched its evidence files.");

    public static int Run(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var format = args.Value("--format") ?? "text";
            var positionals = args.Positionals;
            var (nameA, nameB, path) = positionals.Count switch
            {
                0 => ("previous", "latest", null),
                1 => ("previous", "latest", positionals[0]),
                2 => (positionals[0], positionals[1], null),
                _ => (positionals[0], positionals[1], positionals[2]),
            };
            var target = HistoryAccess.Locate(args, path);
            using var db = HistoryAccess.OpenExisting(target);
            var repository = HistoryAccess.RequireRepository(db, target);
            var runA = RunQueries.Run(db!, repository.Id, nameA);
            var runB = RunQueries.Run(db!, repository.Id, nameB);
            var before = RecordedAudit.Load(db!, runA.Id);
            var after = RecordedAudit.Load(db!, runB.Id);
            if (args.Has("--current-rules"))
            {
                var rules = HistoryAccess.CurrentRules(target);
                before = rules.Rescore(before);
                after = rules.Rescore(after);
            }
            var comparison = RunComparison.Compare(before, after, target.Root);
            terminal.Output.Write(format == "json" ? Json(runA, runB, comparison) : Text(runA, runB, comparison));
            return ExitCodes.Success;
        });

    private static string Text(RunSummary a, RunSummary b, RunComparison c)
    {
        var s = new StringBuilder();
        void Line(string text = "") => s.Append(text).Append(Environment.NewLine);

        Line($"Run {a.Number} ({Describe(a)}) -> run {b.Number} ({Describe(b)})");
        Line($"Overall {Score(c.OverallBefore)} -> {Score(c.OverallAfter)}{Delta(c.OverallBefore, c.OverallAfter)}; "
            + $"level {c.LevelBefore} {MaturityLevels.Name(c.LevelBefore)} -> {c.LevelAfter} {MaturityLevels.Name(c.LevelAfter)}");
        if (c.RulesNote is not null)
            Line($"Note: {c.RulesNote} (--current-rules scores both under today's rules).");

        if (c.Scores.Count == 0 && c.Levels.Count == 0 && c.Analyzers.Count == 0)
        {
            Line();
            Line("No score, level or finding changed between the runs.");
        }
        if (c.Scores.Count > 0)
        {
            Line();
            Line("Scores");
            var width = c.Scores.Max(x => x.Name.Length);
            foreach (var x in c.Scores)
                Line($"  {x.Name.PadRight(width)}  {Score(x.Before),3} -> {Score(x.After),3}{Delta(x.Before, x.After)}");
        }
        if (c.Levels.Count > 0)
        {
            Line();
            Line("Maturity levels (share of applicable weight passing; 75% reaches a level)");
            foreach (var l in c.Levels)
                Line($"  {l.Level} {l.Name}: {Percent(l.BeforeRatio)} -> {Percent(l.AfterRatio)}{(l.BeforeReached == l.AfterReached ? "" : l.AfterReached ? ", now reached" : ", no longer reached")}");
        }
        if (c.Analyzers.Count > 0)
        {
            Line();
            Line("What changed, by analyzer");
            foreach (var group in c.Analyzers.GroupBy(x => x.Category))
            {
                Line($"  {group.Key.DisplayName()}");
                foreach (var x in group)
                {
                    Line($"    {HistoryAccess.Safe(x.AnalyzerId)} (level {x.Level}, weight {x.Weight.ToString("0.##", Invariant)}): {Result(x.Before)} -> {Result(x.After)}  {HistoryAccess.Safe(x.Title)}");
                    foreach (var f in x.Findings)
                    {
                        var where = f.PartPath == "." ? f.Subject : $"{f.PartPath}: {f.Subject}";
                        Line($"      {HistoryAccess.Safe(where)}: {Status(f.Before)} -> {Status(f.After)}: {HistoryAccess.Safe(f.Message)}");
                        if (f.Files.Count > 0)
                            Line($"        files: {HistoryAccess.Safe(string.Join(", ", f.Files.Take(5)))}{(f.Files.Count > 5 ? $" (+{f.Files.Count - 5})" : "")}");
                        foreach (var commit in f.Commits.Take(5))
                            Line($"        commit {commit.Short} {HistoryTime.Display(commit.At)[..10]} {HistoryAccess.Safe(commit.Subject)}");
                        if (f.Commits.Count > 5)
                            Line($"        (+{f.Commits.Count - 5} more commits)");
                    }
                }
            }
        }
        TaskList(Line, "Tasks opened", c.Opened);
        TaskList(Line, "Tasks closed", c.Closed);
        if (c.Commits.Count > 0)
        {
            Line();
            Line($"{c.Commits.Count} commit{(c.Commits.Count == 1 ? "" : "s")} between the runs.");
        }
        return s.ToString();
    }

    private static void TaskList(Action<string> line, string heading, IReadOnlyList<TaskChange> tasks)
    {
        if (tasks.Count == 0)
            return;
        line("");
        line($"{heading} ({tasks.Count})");
        foreach (var t in tasks)
            line($"  {t.Priority.Id(),-6}  {HistoryAccess.Safe(t.Id)}  {HistoryAccess.Safe(t.Title)}");
    }

    private static string Json(RunSummary a, RunSummary b, RunComparison c)
    {
        JsonObject Run(RunSummary r, AuditResult audit) => new()
        {
            ["number"] = r.Number,
            ["commit"] = r.Commit,
            ["time"] = HistoryTime.Text(r.EffectiveAt),
            ["ruleset"] = audit.Evaluation.RulesetVersion,
            ["overall"] = audit.Evaluation.ScoreCard.Overall,
            ["level"] = audit.Evaluation.ScoreCard.Maturity.Level,
        };
        JsonArray Tasks(IReadOnlyList<TaskChange> tasks) =>
            new(tasks.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["title"] = t.Title, ["priority"] = t.Priority.Id() }).ToArray());

        var o = new JsonObject
        {
            ["before"] = Run(a, c.Before),
            ["after"] = Run(b, c.After),
            ["rulesNote"] = c.RulesNote,
            ["scores"] = new JsonArray(c.Scores.Select(x => (JsonNode)new JsonObject { ["id"] = x.Id, ["before"] = x.Before, ["after"] = x.After }).ToArray()),
            ["levels"] = new JsonArray(c.Levels.Select(l => (JsonNode)new JsonObject
            {
                ["level"] = l.Level,
                ["before"] = Math.Round(l.BeforeRatio, 4),
                ["after"] = Math.Round(l.AfterRatio, 4),
                ["reachedBefore"] = l.BeforeReached,
                ["reachedAfter"] = l.AfterReached,
            }).ToArray()),
            ["analyzers"] = new JsonArray(c.Analyzers.Select(x => (JsonNode)new JsonObject
            {
                ["id"] = x.AnalyzerId,
                ["category"] = x.Category.Id(),
                ["level"] = x.Level,
                ["before"] = x.Before,
                ["after"] = x.After,
                ["findings"] = new JsonArray(x.Findings.Select(f => (JsonNode)new JsonObject
                {
                    ["fingerprint"] = f.Fingerprint,
                    ["before"] = f.Before?.Id(),
                    ["after"] = f.After?.Id(),
                    ["message"] = f.Message,
                    ["files"] = new JsonArray(f.Files.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
                    ["commits"] = new JsonArray(f.Commits.Select(m => (JsonNode)JsonValue.Create(m.Sha)).ToArray()),
                }).ToArray()),
            }).ToArray()),
            ["tasksOpened"] = Tasks(c.Opened),
            ["tasksClosed"] = Tasks(c.Closed),
            ["commits"] = new JsonArray(c.Commits.Select(m => (JsonNode)new JsonObject { ["sha"] = m.Sha, ["time"] = HistoryTime.Text(m.At), ["subject"] = m.Subject }).ToArray()),
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static string Describe(RunSummary r) => $"{r.ShortCommit}{(r.Dirty ? "*" : "")}, {HistoryTime.Display(r.EffectiveAt)}";

    private static string Score(int? score) => score?.ToString(Invariant) ?? "n/a";

    private static string Delta(int? before, int? after) => before is { } x && after is { } y && x != y ? $" ({HistoryCommand.Signed(y - x)})" : "";

    private static string Result(double? score) => score is { } v ? v.ToString("0.00", Invariant) : "n/a";

    private static string Percent(double ratio) => (ratio * 100).ToString("0", Invariant) + "%";

    private static string Status(FindingStatus? status) => status?.Id() ?? "absent";
}
