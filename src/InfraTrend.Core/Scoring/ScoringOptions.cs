using InfraTrend.Analyzers;

namespace InfraTrend.Scoring;

/// <summary>Category and analyzer weights. The defaults are the calibrated ones (docs/rules.md says why).</summary>
public sealed record ScoringOptions
{
    /// <summary>
    /// A level is reached when this share of its applicable weight passes (and its essential rules do). 65%, not
    /// the three quarters of the first model: with the essential rules carrying what a level cannot do without, the
    /// share only has to show that most of the rest is in place, and on the calibration corpus three quarters withheld
    /// levels that auditors granted (rubygems.org at 72% of level 4, halo at 74% of level 3).
    /// </summary>
    public const double LevelThreshold = 0.65;

    /// <summary>An essential rule holds its level back while its result is below this (a fail, or a partial under one half).</summary>
    public const double EssentialPass = 0.5;

    public static readonly IReadOnlyDictionary<Category, double> DefaultCategoryWeights = new Dictionary<Category, double>
    {
        [Category.Deployment] = 1.0,
        [Category.Ci] = 1.0,
        [Category.Monitoring] = 1.0,
        [Category.Security] = 1.0,
        [Category.Database] = 1.0,
        // Supporting categories: they matter, but a repository can be well run with modest scores here. Each weighs a
        // quarter of a main category, as in the rubric the calibration auditors score by (calibration/README.md), so
        // the overall score and an auditor's overall are the same weighted mean.
        [Category.Operations] = 0.25,
        [Category.Testing] = 0.25,
        [Category.Scaling] = 0.25,
    };

    public IReadOnlyDictionary<Category, double> CategoryWeights { get; init; } = DefaultCategoryWeights;

    /// <summary>Analyzer id -> weight, overriding the attribute's.</summary>
    public IReadOnlyDictionary<string, double> AnalyzerWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>The waivers in force (lapsed ones already left out): their findings are shown but not scored.</summary>
    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    public static ScoringOptions Default { get; } = new();

    public double WeightOf(AnalyzerDescriptor analyzer) => AnalyzerWeights.TryGetValue(analyzer.Id, out var w) ? w : analyzer.Weight;

    public double WeightOf(Category category) => CategoryWeights.TryGetValue(category, out var w) ? w : DefaultCategoryWeights[category];
}
