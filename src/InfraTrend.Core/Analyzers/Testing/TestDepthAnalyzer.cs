using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Testing;

[Analyzer(
    "testing.depth",
    Category = Category.Testing,
    Level = 4,
    Weight = 2,
    WeightReason = "Whether tests exist says little on its own: a handful of files beside hundreds of source files checks almost nothing. Auditors judge a suite by its size against the code.",
    Severity = Severity.Medium,
    Title = "Depth of the test suite",
    LooksFor = "Test files against application source files across the repository (shared packages included): one test file for every four source files or more passes; fewer earns its share.",
    WhyItMatters = "A thin suite passes while most of the code is never exercised: regressions ship with a green build.",
    Remediation = "Grow the suite where the code changes most: a test file beside each module that holds business rules.")]
public sealed class TestDepthAnalyzer : IAnalyzer
{
    /// <summary>One test file for every four source files: the calibration corpus's well-tested services sit at or above it.</summary>
    public const double FullRatio = 0.25;

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var sources = context.Repository.Number(FactKeys.SourceFiles);
        var tests = context.Repository.Number(FactKeys.TestFiles);
        if (sources == 0)
            return [context.NotApplicable("No application source files to test.")];
        var evidence = context.EvidenceOf(FactKeys.TestFiles);
        var ratio = (double)tests / sources;
        var text = $"{tests} test file{(tests == 1 ? "" : "s")} for {sources} source file{(sources == 1 ? "" : "s")} (1 for every {(tests == 0 ? "-" : Math.Max(1, Math.Round(sources / (double)tests)).ToString(System.Globalization.CultureInfo.InvariantCulture))})";
        if (ratio >= FullRatio)
            return [context.Pass($"{text}.", evidence)];
        if (tests == 0)
            return [context.Fail($"No test files for {sources} source files.", "Start with tests for the code that holds the business rules, and run them in CI.")];
        return [context.Partial(ratio / FullRatio, $"{text}: a thin suite for the size of the code.", $"Aim for a test file for every four source files, starting where the code changes most ({(int)Math.Ceiling(sources * FullRatio) - tests} more).", evidence)];
    }
}
