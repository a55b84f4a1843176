using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.contributing",
    Category = Category.Operations,
    Level = 1,
    Weight = 1,
    WeightReason = "A contributing guide spreads the team's working conventions; helpful, but a team can work well without one, so it weighs one point.",
    Severity = Severity.Low,
    Title = "Contributing guide",
    LooksFor = "A CONTRIBUTING guide (CONTRIBUTING.md or .github/CONTRIBUTING.md).",
    WhyItMatters = "Without one every contributor learns the branch, review and release conventions by getting them wrong.",
    Remediation = RemediationText)]
public sealed class ContributingAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add CONTRIBUTING.md: how to set up, branch, test, and get a change reviewed and released.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.Contributing)
            ? [context.Pass("A contributing guide describes how to work on the project.", context.EvidenceOf(FactKeys.Contributing))]
            : [context.Fail("The repository has no CONTRIBUTING guide.", RemediationText)];
}
