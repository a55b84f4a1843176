using InfraTrend.Facts;
using InfraTrend.Model;

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
    LooksFor = "A Dockerfile, a platform blueprint (render.yaml, fly.toml, vercel.json, Procfile...) or infrastructure as code (Terraform, Kubernetes manifests, Helm...), or how it runs on servers of its own (a systemd unit or supervisor program that starts it, Kamal or Capistrano, a Debian package its debian/ folder builds); a Procfile that only starts the web process, where it is the only descriptor, earns half. Without one, a pipeline that publishes release artifacts or a pipeline step that deploys the built artifact, or a written deployment or install guide earns half: enough not to hold level 2 back. Where the only descriptors are Dockerfiles (and compose files) whose .NET or Java images are all an older major version than the project targets, they cannot build the current code and earn half.",
    WhyItMatters = "When how the application is built and run lives only in a dashboard or in someone's head, a deployment cannot be repeated, reviewed or rolled back.",
    Remediation = RemediationText)]
public sealed class DeploymentDescriptorAnalyzer : IAnalyzer
{
    private const string RemediationText = "Describe the deployment in the repository: a Dockerfile, or the blueprint of the platform you deploy to (render.yaml, fly.toml, a Kubernetes manifest).";

    /// <summary>Descriptors that only build and start an image: a stale image leaves nothing else describing a working deployment.</summary>
    private static readonly HashSet<string> ImageOnly = new(StringComparer.Ordinal) { "docker", "docker-compose" };

    /// <summary>Runtimes whose build image must be at least the version the project targets (an SDK or JDK cannot build a newer target).</summary>
    private static readonly HashSet<string> TargetBound = new(StringComparer.Ordinal) { "dotnet", "java" };

    /// <summary>
    /// A Dockerfile left behind by the code: every image of a runtime is an older major version than the newest the project
    /// targets (a .NET 5 SDK image for net8.0 projects, a .NET 6 one for net9.0). Auditors read such a Dockerfile as
    /// "looks like a descriptor but cannot build the current code" (SimplCommerce, EquinoxProject).
    /// </summary>
    private static (string Runtime, string Image, string Target, string Path, int Line)? Stale(AnalyzerContext context)
    {
        var sources = context.Repository.Objects(FactKeys.RuntimeSources)
            .Select(o => (Runtime: o.Text("runtime") ?? "", Version: o.Text("version") ?? "", Path: o.Text("path") ?? "", Line: o.Whole("line"), Kind: o.Text("kind") ?? ""))
            .Where(s => TargetBound.Contains(s.Runtime) && Major(s.Version) is not null)
            .ToList();
        foreach (var runtime in sources.Select(s => s.Runtime).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var images = sources.Where(s => s.Runtime == runtime && s.Kind == "docker").ToList();
            var targets = sources.Where(s => s.Runtime == runtime && s.Kind == "manifest").ToList();
            // Every Dockerfile must be read as an image of this runtime: one on an image we do not recognise (a vendor JDK,
            // a distro base) may be the current one.
            var dockerfiles = DockerfileFact.Of(context.Repository).Select(d => d.Path).ToList();
            if (images.Count == 0 || targets.Count == 0 || dockerfiles.Any(path => images.All(i => i.Path != path)))
                continue;
            var newestImage = images.MaxBy(s => Major(s.Version)!.Value);
            var newestTarget = targets.MaxBy(s => Major(s.Version)!.Value);
            if (Major(newestImage.Version) < Major(newestTarget.Version))
                return (runtime, newestImage.Version, newestTarget.Version, newestImage.Path, newestImage.Line);
        }
        return null;
    }

    /// <summary>The major version; Java's old 1.8 style counts as 8.</summary>
    private static int? Major(string version)
    {
        var parts = version.Split('.');
        var head = parts[0] == "1" && parts.Length > 1 ? parts[1] : parts[0];
        return int.TryParse(head, out var major) ? major : null;
    }

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        if (platforms.Count > 0 && platforms.All(ImageOnly.Contains) && Stale(context) is { } stale)
            return [context.Partial(0.5, $"The only descriptors ({string.Join(", ", platforms)}) build from a runtime image older than the one the code targets ({stale.Runtime} {stale.Image} in {stale.Path}, the project targets {stale.Target}): the image cannot build or run the current code.", $"Move the Dockerfile's base images to {stale.Runtime} {stale.Target}, the version the project targets, and build the image in CI so that it does not fall behind again.", [new Evidence(stale.Path, stale.Line)])];
        if (BareProcfile.IsOnlyDescriptor(context))
            return [context.Partial(0.5, "The only descriptor is a Procfile that starts the web process: how the application is built, released (migrations) and configured is not described.", "Describe the release too: a release phase in the Procfile (release: the migration command) with app.json or heroku.yml, or a Dockerfile or the blueprint of the platform you deploy to.", context.EvidenceOf(FactKeys.Platforms))];
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
