namespace InfraTrend.Model;

// The trend's data as the history reads it, the configuration declares it and the charts and reports draw it: here, so
// that none of them depends on another for it (History and Config never reference InfraTrend.Charts).

/// <summary>One recorded run as a chart sees it: when (its commit time, or audit time for a dirty tree) and what it scored.</summary>
public sealed record TrendPoint(
    DateTimeOffset At,
    int RunNumber,
    string? Commit,
    int? Overall,
    int MaturityLevel,
    IReadOnlyDictionary<string, int?> Categories,
    IReadOnlyDictionary<string, int> OpenTasksByPriority,
    IReadOnlyDictionary<string, int?> Parts,
    string? Label = null);

/// <summary>A target of the plan (.infratrend.yml): a metric ("overall", "maturity", a category id), a value and a date.</summary>
public sealed record Target(string Metric, double Value, DateOnly By);

/// <summary>
/// Everything a trend chart draws: the repository's name as the reports give it (its folder), the runs in time order,
/// the plan's targets, and which ruleset scored them.
/// </summary>
public sealed record TrendSeries(string Repository, string RulesetVersion, IReadOnlyList<TrendPoint> Points, IReadOnlyList<Target> Targets);
