using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.delivers",
    Category = Category.Ci,
    Level = 3,
    Weight = 2,
    WeightReason = "The CD half of CI/CD: auditors count a pipeline that ships what it built (an image pushed, a package or release published, a deploy) above one that only checks it, and name 'deploys nothing' and 'no release build in CI' as gaps. Two points, like the lint step.",
    Severity = Severity.Medium,
    Title = "Pipeline ships what it builds",
    LooksFor = "A pipeline step on a push, tag or release that deploys the application or publishes a release artifact: an image pushed to a registry, a package uploaded to its registry, a GitHub release; or a platform declared to deploy every push (Render's autoDeploy). Not applicable without a pipeline (ci.pipeline fails then).",
    WhyItMatters = "A release built by hand on someone's machine is not the artifact the pipeline tested, and shipping it depends on who remembers the steps.",
    Remediation = "Add a release job that runs on tags (or on the main branch) after the tests and publishes the artifact: docker/build-push-action with push: true, a package publish, or a GitHub release with the built binaries.")]
public sealed class DeliversAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (!context.HasPipeline)
            return [context.NotApplicable("No pipeline: ci.pipeline covers it.")];
        var deploys = context.Repository.Bool(FactKeys.Deploys);
        var publishes = context.Repository.Bool(FactKeys.Publishes);
        if (deploys || publishes)
        {
            var what = deploys && publishes ? "deploys and publishes a release artifact" : deploys ? "deploys the application" : "publishes a release artifact";
            var evidence = context.EvidenceOf(FactKeys.Deploys, FactKeys.Publishes);
            return [context.Pass($"A pipeline {what}{RemoteWorkflowNote.Of(context, evidence)}.", evidence)];
        }
        // A platform that deploys every push to the main branch (Render's autoDeploy) is the delivery half of the pipeline.
        if (context.Repository.Bool(FactKeys.AutoDeploy))
            return [context.Pass("The platform deploys every push once it is built: the pipeline checks, the platform ships.", context.EvidenceOf(FactKeys.AutoDeploy))];
        return [context.Fail("The pipeline only checks the code: nothing it builds is deployed or published as a release.",
            "Add a release job that runs on tags (or on the main branch) after the tests and publishes the artifact (an image, a package, a GitHub release) or deploys it.", context.EvidenceOf(FactKeys.CiSystems))];
    }
}
