using System.CommandLine;
using System.Globalization;
using InfraTrend.Auditing;
using InfraTrend.History;
using InfraTrend.Reports;

namespace InfraTrend.Cli.Commands;

/// <summary>The history side of `audit` on the command line: its options, the request they make of <see cref="AuditWorkflow"/>, and what is printed of its outcome.</summary>
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

    /// <summary>What the audit's arguments ask of the history.</summary>
    public static HistoryRequest Request(Arguments args, AuditResult result, bool trend, Terminal terminal) =>
        new(args.Value("--db"), Record: !args.Has("--no-record"), Gate: args.Has("--fail-on-regression"), Trend: trend, TrendName: ReportText.RepositoryName(result.Repository))
        {
            InsideRecording = HoldHook(terminal),
        };

    /// <summary>Says what the history made of the audit; returns the exit code this calls for (3 when the history could not be written, 2 for a regression), or 0.</summary>
    public static int Report(HistoryRequest request, HistoryOutcome outcome, Terminal terminal, TextWriter notes)
    {
        if (outcome.Run is { } run && !terminal.Quiet)
        {
            notes.WriteLine($"Recorded as run {run.Number} in {outcome.DatabasePath}");
            if (outcome.SincePrevious is { } since)
            {
                var (before, now) = since;
                var delta = (now.Overall ?? 0) - (before.Overall ?? 0);
                var changed = before.ScoresRuleset == now.ScoresRuleset ? "" : " (the rules changed in between)";
                notes.WriteLine($"Since run {before.Number} ({before.ShortCommit}): overall {Score(before.Overall)} -> {Score(now.Overall)} ({(delta >= 0 ? "+" : "")}{delta.ToString(CultureInfo.InvariantCulture)}), level {before.MaturityLevel} -> {now.MaturityLevel}{changed}");
            }
        }
        if (outcome.Failure is { } failure)
        {
            terminal.Error.WriteLine(request.Record
                ? $"infratrend: the audit was not recorded: {failure.Message}"
                : $"infratrend: the history could not be read: {failure.Message}");
        }
        var regressed = outcome.Gate is { } gate && Regressed(gate, terminal, notes);
        if (outcome.TrendFailure is { } trendFailure)
            terminal.Error.WriteLine($"infratrend: the trend could not be read: {trendFailure.Message}");
        return outcome.Failure is not null ? ExitCodes.HistoryError : regressed ? ExitCodes.GateFailed : ExitCodes.Success;
    }

    private static bool Regressed(RegressionCheck gate, Terminal terminal, TextWriter notes)
    {
        if (gate is not { Baseline: { } baseline, Before: { } before })
        {
            if (!terminal.Quiet)
                notes.WriteLine("Regression gate: no baseline (no earlier run of this branch or of an ancestor commit): passes.");
            return false;
        }
        var was = before.Evaluation.ScoreCard;
        var now = gate.Current.Evaluation.ScoreCard;
        var against = $"run {baseline.Run.Number} ({baseline.Run.ShortCommit}, {baseline.ChosenBy})";
        var rules = gate.Rescored ? ", baseline rescored under the current rules" : "";
        var change = $"overall {Score(was.Overall)} -> {Score(now.Overall)}, level {was.Maturity.Level} -> {now.Maturity.Level}";
        if (gate.Regressed)
        {
            terminal.Error.WriteLine($"infratrend: regression against {against}: {change}{rules}");
            return true;
        }
        if (!terminal.Quiet)
            notes.WriteLine($"Regression gate: no regression against {against}: {change}{rules}.");
        return false;
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
