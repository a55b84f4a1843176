using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.actions-pinned",
    Category = Category.Ci,
    Level = 4,
    Weight = 0.5,
    WeightReason = "A tag of a third-party action can be moved to malicious code; pinning by SHA closes a real supply-chain path at little cost, but auditors rate a pipeline by what it verifies and treat pinning as hygiene, so it weighs half a point.",
    Severity = Severity.Medium,
    Title = "Third-party actions pinned by SHA",
    LooksFor = "Third-party GitHub Actions referenced by a full commit SHA in their uses: lines, not by a tag or branch.",
    WhyItMatters = "A tag can be re-pointed by whoever controls the action; a compromised action runs with the workflow's secrets.",
    Remediation = RemediationText)]
public sealed class ActionsPinnedAnalyzer : IAnalyzer
{
    private const string RemediationText = "Pin every third-party action to a full commit SHA with the version as a comment (uses: owner/action@<40-char sha> # v4); pinact or Renovate's helpers:pinGitHubActionDigests do it for you.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Text(FactKeys.ActionsPinnedBySha) switch
        {
            "all" => [context.Pass("Every third-party action is pinned by commit SHA.", context.EvidenceOf(FactKeys.ActionsPinnedBySha))],
            "some" => [context.Partial(0.5, "Some third-party actions are pinned by commit SHA, others by a tag or branch.", RemediationText, context.EvidenceOf(FactKeys.ActionsPinnedBySha))],
            "none" => [context.Fail("Third-party actions are referenced by tag or branch, none by commit SHA.", RemediationText, context.EvidenceOf(FactKeys.ActionsPinnedBySha))],
            _ => [context.NotApplicable(context.Repository.Has(FactKeys.CiSystems, "github-actions") ? "The workflows use no third-party actions." : "The repository has no GitHub Actions workflows.")],
        };
}
