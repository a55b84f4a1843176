using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Testing;

[Analyzer(
    "testing.coverage",
    Category = Category.Testing,
    Level = 4,
    Weight = 1,
    WeightReason = "Measured coverage is how a team knows, rather than hopes, what its suite exercises; it weighs one point beside the suite itself.",
    Severity = Severity.Low,
    Title = "Test coverage measured",
    LooksFor = "A coverage tool in the build or a pipeline: Codecov, Coveralls, SonarCloud, coverlet, JaCoCo, SimpleCov, coverage.py (pytest-cov), go test -cover, istanbul (nyc, c8, jest/vitest --coverage).",
    WhyItMatters = "Without a coverage figure, untested code is found by its bugs.",
    Remediation = "Measure coverage where the tests run in CI and publish it (a Codecov upload, or the runner's coverage report as an artifact).")]
public sealed class CoverageAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Number(FactKeys.TestFiles) == 0)
            return [context.NotApplicable("No tests to measure the coverage of.")];
        var tools = context.Repository.List(FactKeys.Coverage);
        if (tools.Count > 0)
            return [context.Pass($"Test coverage is measured: {string.Join(", ", tools)}.", context.EvidenceOf(FactKeys.Coverage))];
        return [context.Fail("No coverage tool in the build or the pipelines: nobody knows what the tests exercise.", Fix(context.Stack.Ecosystem))];
    }

    private static string Fix(string ecosystem) => ecosystem switch
    {
        "node" => "Run the tests with coverage (vitest run --coverage, or jest --coverage) in CI and upload the report (codecov/codecov-action)",
        "dotnet" => "dotnet test --collect:\"XPlat Code Coverage\" in CI (coverlet.collector is in the xunit template), and upload the report",
        "python" => "pytest --cov in CI (pip install pytest-cov), and upload the report",
        "go" => "go test -coverprofile=coverage.out ./... in CI, and upload the report",
        "ruby" => "Add simplecov to the test group and start it at the top of spec_helper.rb",
        "java" => "Add the jacoco-maven-plugin (or the Gradle jacoco plugin) and publish its report in CI",
        _ => "Measure coverage where the tests run in CI and publish the report",
    };
}
