using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.deploy-gated",
    Category = Category.Ci,
    Level = 3,
    Weight = 2,
    WeightReason = "A deploy that does not wait for the tests ships whatever was pushed; gating it is what turns a pipeline into continuous delivery rather than continuous deployment of regressions.",
    Severity = Severity.High,
    Title = "Deploys wait for the tests",
    LooksFor = "Each pipeline deploy step runs after the tests: later in the same job, or in a job that needs (directly or through others) a job that runs them.",
    WhyItMatters = "When the deploy job runs beside the tests instead of after them, a red build still reaches production.",
    Remediation = "Make the deploy job depend on the test job (`needs: test` in GitHub Actions, a later stage in GitLab CI).")]
public sealed class DeployGatedAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.NullableBool(FactKeys.DeployGated) switch
        {
            null => [context.NotApplicable("No pipeline step deploys.")],
            true => [context.Pass("Every pipeline deploy waits for the tests.", context.EvidenceOf(FactKeys.DeployGated))],
            false => [context.Fail("A pipeline deploy step runs without waiting for the tests.", "Add `needs: <test job>` to the deploy job (or move the deploy after the test step).", context.EvidenceOf(FactKeys.DeployGated))],
        };
}
