using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Testing;

[Analyzer(
    "testing.depth",
    Category = Category.Testing,
    Level = 4,
    Weight = 3,
    WeightReason = "Whether tests exist says little on its own: a handful of files beside hundreds of source files checks almost nothing. Auditors judge a suite by its size, against the code and in itself, as much as by its presence: it weighs as much as the tests' presence.",
    Severity = Severity.Medium,
    Title = "Depth of the test suite",
    LooksFor = "Test files against application source files across the repository (shared packages included), and the size of the suite itself: one test file for every seven source files or more, and a suite of 200 test files, pass; short of either earns its share (the suite's size on a logarithmic scale: 15 files earn half).",
    WhyItMatters = "A thin suite passes while most of the code is never exercised: regressions ship with a green build.",
    Remediation = "Grow the suite where the code changes most: a test file beside each module that holds business rules.")]
public sealed class TestDepthAnalyzer : IAnalyzer
{
    /// <summary>
    /// One test file for every seven source files: the calibration corpus's well-tested services sit at or above it
    /// (a .NET or Java test class covers many small source classes, so a ratio of one to four asked too much).
    /// </summary>
    public const double FullRatio = 0.15;

    /// <summary>
    /// A suite of this many test files is a broad one whatever the size of the code: auditors rate a dozen test files
    /// beside a small application well below a suite of hundreds, even when the ratio is the same.
    /// </summary>
    public const int BroadSuite = 200;

    /// <summary>The credit for the suite's own size, on a logarithmic scale: 1 file earns 0.13, 15 files 0.52, 50 files 0.74, 200 files 1.</summary>
    public static double SizeCredit(int tests) => tests <= 0 ? 0 : Math.Min(1, Math.Log(tests + 1) / Math.Log(BroadSuite + 1));

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var sources = context.Repository.Number(FactKeys.SourceFiles);
        var tests = context.Repository.Number(FactKeys.TestFiles);
        if (sources == 0)
            return [context.NotApplicable("No application source files to test.")];
        var evidence = context.EvidenceOf(FactKeys.TestFiles);
        var ratio = (double)tests / sources;
        var text = $"{tests} test file{(tests == 1 ? "" : "s")} for {sources} source file{(sources == 1 ? "" : "s")} (1 for every {(tests == 0 ? "-" : Math.Max(1, Math.Round(sources / (double)tests)).ToString(System.Globalization.CultureInfo.InvariantCulture))})";
        if (tests == 0)
            return [context.Fail($"No test files for {sources} source files.", "Start with tests for the code that holds the business rules, and run them in CI.")];
        var size = SizeCredit((int)tests);
        if (ratio >= FullRatio && size >= 1)
            return [context.Pass($"{text}.", evidence)];
        if (ratio < FullRatio && ratio / FullRatio <= size)
            return [context.Partial(ratio / FullRatio, $"{text}: a thin suite for the size of the code.", $"Aim for a test file for every seven source files, starting where the code changes most ({(int)Math.Ceiling(sources * FullRatio) - tests} more).", evidence)];
        return [context.Partial(size, $"{text}: a small suite ({BroadSuite} test files make a broad one).", "Grow the suite where the code changes most: tests for each module that holds business rules, and for the main flows end to end.", evidence)];
    }
}
