using InfraTrend.Analyzers;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.Planning;

/// <summary>A remediation task: one failing or partial finding, keyed by its fingerprint.</summary>
public sealed record RemediationTask(
    string Id,
    string AnalyzerId,
    Category Category,
    int Level,
    Severity Severity,
    Priority Priority,
    string PartPath,
    string Title,
    string Message,
    string? Fix,
    IReadOnlyList<Evidence> Evidence)
{
    /// <summary>What fixing it is worth: rule weight x category weight x what is missing (1 - the finding's score).</summary>
    public double Impact { get; init; }
}

/// <summary>
/// Derives the improvement plan from an audit's findings (design.md, "Plan"): by priority (the report's groups), then
/// severity, then impact (rule weight x category weight x what is missing), so a critical finding comes before a partial README.
/// </summary>
public static class Planner
{
    public static IReadOnlyList<RemediationTask> Plan(IReadOnlyList<AnalyzerResult> results, MaturityAssessment maturity, ScoringOptions options) =>
        results
            .SelectMany(r => r.Findings)
            // A waived finding is the user's call, not work to do: it opens no task.
            .Where(f => f.Finding.Status is FindingStatus.Fail or FindingStatus.Partial && f.Waiver is null)
            .Select(f => new RemediationTask(
                f.Fingerprint,
                f.Analyzer.Id,
                f.Analyzer.Category,
                f.Analyzer.Level,
                f.Analyzer.Severity,
                PriorityOf(f.Analyzer, maturity.Level, options),
                f.PartPath,
                f.PartPath == "." ? f.Analyzer.Title : $"{f.Analyzer.Title} ({f.PartPath})",
                f.Finding.Message,
                f.Finding.Fix ?? f.Analyzer.Remediation,
                f.Finding.Evidence)
            {
                Impact = ImpactOf(f, options),
            })
            .OrderByDescending(t => t.Priority)
            .ThenByDescending(t => t.Severity)
            .ThenByDescending(t => t.Impact)
            .ThenBy(t => t.Level)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Rule weight x category weight x what is missing (1 - score), rounded to three decimals so ties stay ties.</summary>
    public static double ImpactOf(ScopedFinding finding, ScoringOptions options) =>
        Math.Round(options.WeightOf(finding.Analyzer) * options.WeightOf(finding.Analyzer.Category) * (1 - finding.Finding.Score), 3);

    /// <summary>
    /// Critical is always high. Otherwise a task on the way to the next level keeps its severity's rank
    /// (high -> high, medium -> medium), one further away drops a rank; a heavy rule (weight 3+) climbs one.
    /// </summary>
    public static Priority PriorityOf(AnalyzerDescriptor analyzer, int currentLevel, ScoringOptions options)
    {
        if (analyzer.Severity == Severity.Critical)
            return Priority.High;
        var rank = analyzer.Severity switch
        {
            Severity.High => 2,
            Severity.Medium => 1,
            _ => 0,
        };
        if (analyzer.Level > currentLevel + 1)
            rank--;
        if (options.WeightOf(analyzer) >= 3 && analyzer.Level <= currentLevel + 1)
            rank++;
        return rank >= 2 ? Priority.High : rank == 1 ? Priority.Medium : Priority.Low;
    }
}
