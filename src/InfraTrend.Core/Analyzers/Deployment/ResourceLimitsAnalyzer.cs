using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.resource-limits",
    Category = Category.Deployment,
    Level = 4,
    Weight = 2,
    WeightReason = "Declared limits or instance sizes are what keeps one runaway process from starving its neighbours and what makes capacity a reviewed decision instead of a platform default; a deployment without them is described only half.",
    Severity = Severity.Low,
    Title = "Resource limits declared",
    LooksFor = "Instance sizes, plans or CPU and memory limits in the deployment descriptor (render.yaml plan, Kubernetes resources, fly.toml [[vm]], compose deploy.resources, a systemd unit's MemoryMax). Not judged where the only descriptors cannot size anything (a Dockerfile, a Procfile, a systemd unit or supervisor program without limits, a Capistrano recipe): the size is set where the image or process runs, outside the repository.",
    WhyItMatters = "A service without declared limits gets whatever the platform defaults to, and one runaway process can starve its neighbours.",
    Remediation = "Declare the instance size or the CPU and memory limits in the deployment descriptor.")]
public sealed class ResourceLimitsAnalyzer : IAnalyzer
{
    /// <summary>
    /// Descriptors with nowhere to size an instance: an image, a process list, a service manager's program, a deploy recipe.
    /// Where they are all a repository has (gotosocial's Dockerfile, Lidarr's systemd unit, CodeTriage's Procfile), the
    /// size is chosen by whoever runs them, and auditors do not hold its absence against the repository.
    /// </summary>
    private static readonly HashSet<string> CannotSize = new(StringComparer.Ordinal) { "docker", "heroku-procfile", "systemd", "supervisor", "capistrano", "nixpacks", "debian-package" };

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        if (platforms.Count == 0)
            return [context.NotApplicable("No deployment descriptor in the repository to declare resources in.")];
        if (context.Repository.Bool(FactKeys.ResourceLimits))
            return [context.Pass("Resource limits or instance sizes are declared (in the descriptor, not observed).", context.EvidenceOf(FactKeys.ResourceLimits))];
        if (platforms.All(CannotSize.Contains))
            return [context.NotApplicable($"The repository's descriptors ({string.Join(", ", platforms)}) cannot size an instance: the limits are set where it runs, outside the repository.")];
        return [context.Fail("No resource limits or instance sizes are declared: the platform's defaults apply.", Fix(platforms), context.EvidenceOf(FactKeys.Platforms))];
    }

    private static string Fix(IReadOnlyList<string> platforms) =>
        platforms.Contains("render") ? "Set plan: (e.g. starter or standard) on each service in render.yaml."
        : platforms.Contains("kubernetes") || platforms.Contains("helm") || platforms.Contains("kustomize") ? "Set resources.requests and resources.limits (cpu, memory) on every container."
        : platforms.Contains("fly") ? "Add a [[vm]] section with memory and cpus to fly.toml."
        : platforms.Contains("docker-compose") ? "Set deploy.resources.limits (cpus, memory) on each service in docker-compose.yml."
        : platforms.Contains("railway") ? "Set the service's CPU and memory limits in railway.toml or the service settings."
        : "Declare the instance size or the CPU and memory limits in the deployment descriptor.";
}
