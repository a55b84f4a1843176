using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.Config;

/// <summary>
/// The repository's `.infratrend.yml`: the improvement plan's targets, weights, disabled analyzers, ignored paths and waivers.
/// </summary>
public sealed record InfraTrendConfig
{
    public const string FileName = ".infratrend.yml";

    public static InfraTrendConfig Empty { get; } = new();

    public IReadOnlyList<Target> Targets { get; init; } = [];
    public IReadOnlyDictionary<Category, double> CategoryWeights { get; init; } = new Dictionary<Category, double>();
    public IReadOnlyDictionary<string, double> AnalyzerWeights { get; init; } = new Dictionary<string, double>();
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>();
    /// <summary>Paths to leave out of the audit, in .gitignore syntax.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];
    /// <summary>Rules the user disputes for some paths, with a reason: shown as waived, not scored (lapsed ones included).</summary>
    public IReadOnlyList<Waiver> Waivers { get; init; } = [];
    /// <summary>Days of runs the forecast's least-squares line is fitted to.</summary>
    public int ForecastDays { get; init; } = 90;
    /// <summary>A short hash of the file's text, stored with each run (null without a file).</summary>
    public string? Hash { get; init; }

    /// <summary>The weights and the waivers in force on <paramref name="today"/> (by default today, UTC): a lapsed waiver is left out.</summary>
    public ScoringOptions Scoring(DateOnly? today = null) =>
        new()
        {
            CategoryWeights = Categories.All.ToDictionary(c => c, c => CategoryWeights.TryGetValue(c, out var w) ? w : ScoringOptions.DefaultCategoryWeights[c]),
            AnalyzerWeights = AnalyzerWeights,
            Waivers = Waivers.Where(w => !w.LapsedOn(today ?? Today)).ToList(),
        };

    /// <summary>One warning line per waiver that has lapsed on <paramref name="today"/>: its findings count again.</summary>
    public IEnumerable<string> LapsedWaiverWarnings(DateOnly? today = null) =>
        Waivers
            .Where(w => w.LapsedOn(today ?? Today))
            .Select(w => $"the waiver of {w.Rule}{(w.Paths.Count > 0 ? $" for {string.Join(", ", w.Paths)}" : "")} lapsed on {w.Until:yyyy-MM-dd}; its findings count again");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
