using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.contributing",
    Category = Category.Operations,
    Level = 1,
    Weight = 0.5,
    WeightReason = "A contributing guide spreads the team's working conventions to outside contributors; it is repository hygiene that nearly every open project has and auditors do not count it as operational readiness, so it weighs half a point.",
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
