using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.descriptor",
    Category = Category.Deployment,
    Level = 2,
    Weight = 3,
    WeightReason = "Without a descriptor in the repository a deployment cannot be reproduced or reviewed, and every other deployment check has nothing to read.",
    Severity = Severity.High,
    Essential = true,
    Title = "Deployment descriptor",
    LooksFor = "A Dockerfile, a platform blueprint (render.yaml, fly.toml, vercel.json, Procfile...) or infrastructure as code (Terraform, Kubernetes manifests, Helm...), or how it runs on servers of its own (a systemd unit or supervisor program that starts it, Kamal or Capistrano). Without one, a pipeline that publishes release artifacts or a written deployment or install guide earns half: enough not to hold level 2 back.",
    WhyItMatters = "When how the application is built and run lives only in a dashboard or in someone's head, a deployment cannot be repeated, reviewed or rolled back.",
    Remediation = RemediationText)]
public sealed class DeploymentDescriptorAnalyzer : IAnalyzer
{
    private const string RemediationText = "Describe the deployment in the repository: a Dockerfile, or the blueprint of the platform you deploy to (render.yaml, fly.toml, a Kubernetes manifest).";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        if (platforms.Count > 0)
            return [context.Pass($"The deployment is described in the repository: {string.Join(", ", platforms)}.", context.EvidenceOf(FactKeys.Platforms))];

        // Software that its users install ships as the artifacts its release pipeline builds: auditors grant the level such
        // a project earns with no Dockerfile, but no more than half the rule. What is published (a package on npm or NuGet,
        // binaries on a GitHub release) says nothing of how it runs: The Lounge's npm package, PocketBase's binaries and the
        // Clean Architecture templates on NuGet were scored 35-50 by auditors, not 75.
        // A pipeline step that deploys (az spring app deploy, gcloud app deploy, cf push of the built artifact) writes down how
        // the release reaches its platform, even where the platform's own configuration lives outside the repository.
        if (context.Repository.Bool(FactKeys.Deploys))
            return [context.Partial(0.5, "No deployment descriptor, but a pipeline deploys the built artifact: how it reaches the platform is scripted, the platform's configuration is not in the repository.", "Describe the target in the repository too: a Dockerfile, or the blueprint or infrastructure code of the platform the pipeline deploys to.", context.EvidenceOf(FactKeys.Deploys))];
        if (context.Repository.Bool(FactKeys.Publishes))
            return [context.Partial(0.5, "No deployment descriptor, but a pipeline publishes the release artifacts: how they are run is left to whoever installs them.", "Describe one way to run a release: a Dockerfile or compose file, or the blueprint of the platform you deploy to.", context.EvidenceOf(FactKeys.Publishes))];
        if (context.Repository.List(FactKeys.DeploymentDocs).Count > 0 || context.Repository.Has(FactKeys.ReadmeSections, "deploy"))
            return [context.Partial(0.5, "No deployment descriptor: the deployment is only written down, in the documentation.", RemediationText, context.EvidenceOf(FactKeys.DeploymentDocs).Concat(context.Repository.EvidenceOf(FactKeys.ReadmeSections, "deploy")))];

        var image = BaseImages.Runtime(context);
        var fix = image is null
            ? RemediationText
            : $"Add a Dockerfile (FROM {image}) or the blueprint of the platform you deploy to (render.yaml, fly.toml, a Kubernetes manifest).";
        return [context.Fail("No deployment descriptor found: how the application is built and run is not in the repository.", fix)];
    }
}
