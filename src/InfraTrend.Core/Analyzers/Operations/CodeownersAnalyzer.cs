using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.codeowners",
    Category = Category.Operations,
    Level = 4,
    Weight = 1,
    WeightReason = "Code owners route reviews to the people who know an area; it formalises ownership a small team may already have, so it weighs one point.",
    Severity = Severity.Low,
    Title = "Code owners",
    LooksFor = "A CODEOWNERS file (root, .github/ or docs/).",
    WhyItMatters = "Without code owners nobody in particular is asked to review a change to a sensitive area, such as the pipeline or the infrastructure.",
    Remediation = RemediationText)]
public sealed class CodeownersAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add .github/CODEOWNERS with an owner per area (e.g. * @org/team and /.github/ @org/platform), and require code owner review on the main branch.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.Codeowners)
            ? [context.Pass("A CODEOWNERS file assigns reviewers to each area.", context.EvidenceOf(FactKeys.Codeowners))]
            : [context.Fail("The repository has no CODEOWNERS file.", RemediationText)];
}
