using System.CommandLine;
using System.Globalization;
using InfraTrend.Auditing;
using InfraTrend.History;

namespace InfraTrend.Cli.Commands;

/// <summary>What `audit` does with the history once the report is out: record the run, and apply `--fail-on-regression`.</summary>
internal static class AuditHistory
{
    public static IReadOnlyList<Option> Options() =>
    [
        Syntax.Flag("--no-record", "Do not record this audit in the history."),
        HistoryAccess.DbOption(),
        Syntax.Flag("--fail-on-regression", "Exit with code 2 when the overall score or the level fell against the baseline: the latest run of this branch at a different commit (on a detached HEAD, the nearest ancestor commit's run); for uncommitted changes, the clean run of HEAD's commit where there is one."),
    ];

    /// <summary>
    /// Hidden, for tests only: when set, the recorder stops inside its transaction (after writing the run's rows,
    /// before the commit) and says so on stderr, so a test can kill the process there. Not in --help on purpose.
    /// </summary>
    private const string HoldRecordingVariable = "INFRATREND_TEST_HOLD_RECORDING";

    /// <summary>Records and gates; returns the exit code this calls for (3 when the history could not be written, 2 for a regression), or 0.</summary>
    public static int RecordAndGate(Arguments args, AuditResult result, Terminal terminal, TextWriter notes)
    {
        var record = !args.Has("--no-record");
        var gate = args.Has("--fail-on-regression");
        if (!record && !gate)
            return ExitCodes.Success;

        var databasePath = HistoryLocation.Resolve(args.Value("--db"), result.Repository.Root);
        Baseline? baseline = null;
        AuditResult? baselineAudit = null;
        var failed = false;
        try
        {
            using var db = record || File.Exists(databasePath) ? HistoryAccess.OpenOrCreate(databasePath, result.Repository.Root) : null;
            if (db is not null && RunQueries.FindRepository(db, result.Repository) is { } repository && gate)
            {
                baseline = RunQueries.FindBaseline(db, repository.Id, result.Repository);
                if (baseline is not null)
                    baselineAudit = result.Evaluation.Rules.Rescore(RecordedAudit.Load(db, baseline.Run.Id));
            }
            if (record)
            {
                var run = RunRecorder.Record(db!, result, insideTransaction: HoldHook(terminal));
                if (!terminal.Quiet)
                {
                    notes.WriteLine($"Recorded as run {run.Number} in {databasePath}");
                    if (SincePrevious(db!, run) is { } change)
                        notes.WriteLine(change);
                }
            }
        }
        catch (HistoryException e)
        {
            terminal.Error.WriteLine(record
                ? $"infratrend: the audit was not recorded: {e.Message}"
                : $"infratrend: the history could not be read: {e.Message}");
            failed = true;
        }

        var regressed = gate && Regressed(baseline, baselineAudit, result, terminal, notes);
        return failed ? ExitCodes.HistoryError : regressed ? ExitCodes.GateFailed : ExitCodes.Success;
    }

    private static bool Regressed(Baseline? baseline, AuditResult? before, AuditResult current, Terminal terminal, TextWriter notes)
    {
        if (baseline is null || before is null)
        {
            if (!terminal.Quiet)
                notes.WriteLine("Regression gate: no baseline (no earlier run of this branch or of an ancestor commit): passes.");
            return false;
        }
        var was = before.Evaluation.ScoreCard;
        var now = current.Evaluation.ScoreCard;
        var against = $"run {baseline.Run.Number} ({baseline.Run.ShortCommit}, {baseline.ChosenBy})";
        var rules = before.Evaluation.RulesetVersion == baseline.Run.RecordedRuleset ? "" : ", baseline rescored under the current rules";
        var change = $"overall {Score(was.Overall)} -> {Score(now.Overall)}, level {was.Maturity.Level} -> {now.Maturity.Level}";
        if ((now.Overall ?? 0) < (was.Overall ?? 0) || now.Maturity.Level < was.Maturity.Level)
        {
            terminal.Error.WriteLine($"infratrend: regression against {against}: {change}{rules}");
            return true;
        }
        if (!terminal.Quiet)
            notes.WriteLine($"Regression gate: no regression against {against}: {change}{rules}.");
        return false;
    }

    /// <summary>The change since the run before this one in time (its commit time), or null for the first run.</summary>
    private static string? SincePrevious(HistoryDatabase db, RecordedRun run)
    {
        var runs = RunQueries.Runs(db, run.RepositoryId);
        var index = runs.ToList().FindIndex(r => r.Id == run.RunId);
        if (index <= 0)
            return null;
        var (before, now) = (runs[index - 1], runs[index]);
        var delta = (now.Overall ?? 0) - (before.Overall ?? 0);
        var rules = before.ScoresRuleset == now.ScoresRuleset ? "" : " (the rules changed in between)";
        return $"Since run {before.Number} ({before.ShortCommit}): overall {Score(before.Overall)} -> {Score(now.Overall)} ({(delta >= 0 ? "+" : "")}{delta.ToString(CultureInfo.InvariantCulture)}), level {before.MaturityLevel} -> {now.MaturityLevel}{rules}";
    }

    private static string Score(int? score) => score?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static Action? HoldHook(Terminal terminal)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(HoldRecordingVariable)))
            return null;
        return () =>
        {
            terminal.Error.WriteLine("infratrend: holding the recording transaction open (test hook)");
            terminal.Error.Flush();
            Thread.Sleep(Timeout.Infinite);
        };
    }
}
