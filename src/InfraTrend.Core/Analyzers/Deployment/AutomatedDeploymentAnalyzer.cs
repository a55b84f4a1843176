using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.automated",
    Category = Category.Deployment,
    Level = 3,
    Weight = 3,
    WeightReason = "Manual deployments are where most release mistakes happen; automating them is the step that makes deployment a defined process.",
    Severity = Severity.High,
    Title = "Automated deployment",
    LooksFor = "A pipeline step that deploys, a platform that deploys on push (declared in its descriptor), or a pipeline that publishes the release on a push, tag or release (an image pushed to a registry, a package, a GitHub release): for a product others run, publishing is its automated delivery. Publishing counts for half where nothing in the repository describes how a release runs (no Dockerfile, blueprint or service unit).",
    WhyItMatters = "A deployment someone runs by hand is skipped, done differently each time and hard to trace back to a commit.",
    Remediation = RemediationText)]
public sealed class AutomatedDeploymentAnalyzer : IAnalyzer
{
    private const string RemediationText = "Deploy from the pipeline on every push to the main branch, or turn on the platform's deploy-on-push.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var pipeline = context.Repository.Bool(FactKeys.Deploys);
        var platform = context.Repository.Bool(FactKeys.AutoDeploy);
        if (pipeline && platform)
            return [context.Pass("A pipeline deploys, and the platform also deploys on push (declared, not observed).", context.EvidenceOf(FactKeys.Deploys, FactKeys.AutoDeploy))];
        if (pipeline)
            return [context.Pass("A pipeline deploys the application.", context.EvidenceOf(FactKeys.Deploys))];
        if (platform)
            return [context.Pass("The platform deploys on push (declared in its descriptor, not observed).", context.EvidenceOf(FactKeys.AutoDeploy))];
        // A self-hosted product is delivered by publishing it: the images, packages or release archives its operators install.
        if (context.Repository.Bool(FactKeys.Publishes) && context.Repository.List(FactKeys.Platforms).Count == 0)
            return [context.Partial(0.5, "A pipeline publishes the release (images, packages or release archives), but nothing in the repository describes how a release runs: the delivery stops at the registry.", "Describe one way to run a release beside the pipeline that publishes it: a Dockerfile or compose file, a service unit, or the blueprint of the platform it is deployed to.", context.EvidenceOf(FactKeys.Publishes))];
        if (context.Repository.Bool(FactKeys.Publishes))
            return [context.Pass("A pipeline publishes the release automatically (images, packages or release archives); rolling it out is left to whoever runs it.", context.EvidenceOf(FactKeys.Publishes))];

        return [context.Fail("Nothing deploys automatically: no pipeline deploy or publish step and no deploy-on-push declared.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        if (platforms.Contains("render"))
            return "Set autoDeploy: true on the services in render.yaml, or call the service's deploy hook from a pipeline job on the main branch.";
        if (platforms.Contains("fly"))
            return "Add a pipeline job on the main branch that runs flyctl deploy --remote-only (superfly/flyctl-actions, with FLY_API_TOKEN as a secret).";
        if (platforms.Contains("vercel") || platforms.Contains("netlify"))
            return "Connect the Git repository to the project so that every push to the main branch deploys.";
        if (platforms.Contains("railway"))
            return "Connect the Git repository to the Railway service (deploys on push), or run railway up from a pipeline job on the main branch.";
        if (platforms.Contains("kubernetes") || platforms.Contains("helm") || platforms.Contains("kustomize"))
            return "Add a pipeline job on the main branch that builds and pushes the image and applies the manifests (kubectl apply or helm upgrade --install), or let Argo CD or Flux sync them.";
        if (platforms.Contains("terraform"))
            return "Add a pipeline job on the main branch that runs terraform plan and terraform apply with the state in a remote backend.";
        return RemediationText;
    }
}
