using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.workflow-permissions",
    Category = Category.Ci,
    Level = 4,
    Weight = 0.5,
    WeightReason = "Least-privilege tokens limit what a compromised step can do; it is a few lines of YAML and auditors treat it as hygiene beside what the pipeline verifies, so it carries half a point.",
    Severity = Severity.Medium,
    Title = "Workflow token permissions set",
    LooksFor = "A permissions: block in every GitHub Actions workflow, or in each of its jobs.",
    WhyItMatters = "Without one the GITHUB_TOKEN gets the repository's default permissions, often write access to code and packages.",
    Remediation = RemediationText)]
public sealed class WorkflowPermissionsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add permissions: contents: read at the top of every workflow, and grant more only to the jobs that need it (e.g. packages: write on the publishing job).";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.NullableBool(FactKeys.WorkflowPermissionsSet) switch
        {
            true => [context.Pass("Every GitHub workflow sets its token permissions.", context.EvidenceOf(FactKeys.WorkflowPermissionsSet))],
            false => [context.Fail("At least one GitHub workflow leaves its token with the repository's default permissions.", RemediationText, context.EvidenceOf(FactKeys.WorkflowPermissionsSet))],
            null => [context.NotApplicable("The repository has no GitHub Actions workflows.")],
        };
}
