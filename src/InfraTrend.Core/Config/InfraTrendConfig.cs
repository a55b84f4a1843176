using InfraTrend.Analyzers;
using InfraTrend.Charts;
using InfraTrend.Scoring;

namespace InfraTrend.Config;

/// <summary>
/// The repository's `.infratrend.yml`: the improvement plan's targets, weights, disabled analyzers and ignored paths.
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
    /// <summary>Days of runs the forecast's least-squares line is fitted to.</summary>
    public int ForecastDays { get; init; } = 90;
    /// <summary>A short hash of the file's text, stored with each run (null without a file).</summary>
    public string? Hash { get; init; }

    public ScoringOptions Scoring() =>
        new()
        {
            CategoryWeights = Categories.All.ToDictionary(c => c, c => CategoryWeights.TryGetValue(c, out var w) ? w : ScoringOptions.DefaultCategoryWeights[c]),
            AnalyzerWeights = AnalyzerWeights,
        };
}
