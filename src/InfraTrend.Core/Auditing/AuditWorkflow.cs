using InfraTrend.History;
using InfraTrend.Model;

namespace InfraTrend.Auditing;

/// <summary>What an audit asks of the history once it is done.</summary>
/// <param name="DbOption">The history database named by --db, if any (<see cref="HistoryLocation.Resolve"/>).</param>
/// <param name="Record">Record the audit as a run (false: --no-record).</param>
/// <param name="Gate">Compare the audit with its baseline (--fail-on-regression).</param>
/// <param name="Trend">Read the trend that includes this audit, for a report that shows it.</param>
/// <param name="TrendName">The repository's name as the reports give it, for the trend series.</param>
public sealed record HistoryRequest(string? DbOption, bool Record, bool Gate = false, bool Trend = false, string? TrendName = null)
{
    /// <summary>Runs inside the recording transaction, after the run's rows are written (tests kill the process there).</summary>
    public Action? InsideRecording { get; init; }
}

/// <summary>The regression gate's verdict: the baseline (null when there is none), and the baseline as it scores under the audit's rules.</summary>
public sealed record RegressionCheck(Baseline? Baseline, AuditResult? Before, AuditResult Current)
{
    /// <summary>The baseline's recorded rules differ from the audit's, so it was scored again under the audit's.</summary>
    public bool Rescored => Baseline is not null && Before is not null && Before.Evaluation.RulesetVersion != Baseline.Run.RecordedRuleset;

    /// <summary>The overall score or the maturity level fell against the baseline.</summary>
    public bool Regressed
    {
        get
        {
            if (Before is null)
                return false;
            var (was, now) = (Before.Evaluation.ScoreCard, Current.Evaluation.ScoreCard);
            return (now.Overall ?? 0) < (was.Overall ?? 0) || now.Maturity.Level < was.Maturity.Level;
        }
    }
}

/// <summary>What the history made of an audit. Failures are kept as values: the report still prints, then the exit code says so.</summary>
public sealed record HistoryOutcome
{
    /// <summary>Where the history is; null when nothing asked for it.</summary>
    public string? DatabasePath { get; init; }
    /// <summary>The run recorded; null when not asked or when it failed.</summary>
    public RecordedRun? Run { get; init; }
    /// <summary>The run before the recorded one in time (its commit time), and the recorded one, as listed; null for a first run.</summary>
    public (RunSummary Before, RunSummary Now)? SincePrevious { get; init; }
    /// <summary>The regression gate's verdict; null when not asked or when the history failed.</summary>
    public RegressionCheck? Gate { get; init; }
    /// <summary>The recorded runs of the repository as the charts draw them, this audit's included; null with fewer than two runs.</summary>
    public TrendSeries? Trend { get; init; }
    /// <summary>The history could not be written or read for the recording or the gate: the audit was not recorded (exit 3).</summary>
    public HistoryException? Failure { get; init; }
    /// <summary>The trend could not be read (the audit was recorded, if asked): the report goes out without it.</summary>
    public HistoryException? TrendFailure { get; init; }
}

/// <summary>
/// The audit workflow after the audit itself (<see cref="Auditor"/>, which loads the configuration once): record the run,
/// apply the regression gate against a baseline rescored under the audit's own rules, and assemble the trend, all on one
/// opening of the history database. The command line only parses, prints and writes files.
/// </summary>
public static class AuditWorkflow
{
    /// <summary>A trend needs two runs: one point is a dot, not a line.</summary>
    public const int TrendMinimumRuns = 2;

    public static HistoryOutcome Conclude(AuditResult result, HistoryRequest request)
    {
        var recordOrGate = request.Record || request.Gate;
        // Until a baseline is found (none recorded, or the history failed first), the gate has none and passes.
        var outcome = new HistoryOutcome { Gate = request.Gate ? new RegressionCheck(null, null, result) : null };
        if (!recordOrGate && !request.Trend)
            return outcome;
        var path = HistoryLocation.Resolve(request.DbOption, result.Repository.Root);
        outcome = outcome with { DatabasePath = path };
        // Nothing is created for a read: without recording, a database that is not there has no baseline and no trend.
        if (!request.Record && !File.Exists(path))
            return outcome;

        HistoryDatabase? db = null;
        try
        {
            if (recordOrGate)
            {
                try
                {
                    db = HistoryLocation.OpenOrCreate(path, result.Repository.Root);
                    if (request.Gate)
                        outcome = outcome with { Gate = Gate(db, result) };
                    if (request.Record)
                    {
                        var run = RunRecorder.Record(db, result, insideTransaction: request.InsideRecording);
                        outcome = outcome with { Run = run };
                        outcome = outcome with { SincePrevious = SincePrevious(db, run) };
                    }
                }
                catch (HistoryException e)
                {
                    return outcome with { Failure = e };
                }
            }
            if (!request.Trend)
                return outcome;
            try
            {
                db ??= HistoryDatabase.Open(path);
                return outcome with { Trend = Trend(db, result, request.TrendName) };
            }
            catch (HistoryException e)
            {
                return outcome with { TrendFailure = e };
            }
        }
        finally
        {
            db?.Dispose();
        }
    }

    /// <summary>The baseline and the baseline rescored under the audit's own rules; found before the audit is recorded, so never the audit itself.</summary>
    private static RegressionCheck Gate(HistoryDatabase db, AuditResult result)
    {
        if (RunQueries.FindRepository(db, result.Repository) is not { } repository || RunQueries.FindBaseline(db, repository.Id, result.Repository) is not { } baseline)
            return new RegressionCheck(null, null, result);
        return new RegressionCheck(baseline, result.Evaluation.Rules.Rescore(RecordedAudit.Load(db, baseline.Run.Id)), result);
    }

    /// <summary>The run before <paramref name="run"/> in time (its commit time) and the run itself; null for the first run.</summary>
    private static (RunSummary Before, RunSummary Now)? SincePrevious(HistoryDatabase db, RecordedRun run)
    {
        var runs = RunQueries.Runs(db, run.RepositoryId);
        var index = runs.ToList().FindIndex(r => r.Id == run.RunId);
        return index <= 0 ? null : (runs[index - 1], runs[index]);
    }

    private static TrendSeries? Trend(HistoryDatabase db, AuditResult result, string? name)
    {
        if (RunQueries.FindRepository(db, result.Repository) is not { } repository)
            return null;
        var series = HistoryTrend.Series(db, repository, result.Config.Targets, name: name);
        return series.Points.Count < TrendMinimumRuns ? null : series;
    }
}
