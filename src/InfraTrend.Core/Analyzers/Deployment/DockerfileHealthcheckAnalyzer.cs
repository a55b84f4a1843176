using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.dockerfile-healthcheck",
    Category = Category.Deployment,
    Level = 4,
    Weight = 0.5,
    WeightReason = "Docker and Compose act on a HEALTHCHECK, but Kubernetes and most platforms ignore it and probe for themselves, so it counts for half a point.",
    Severity = Severity.Low,
    Title = "Dockerfile health check",
    LooksFor = "A HEALTHCHECK instruction in each Dockerfile.",
    WhyItMatters = "Without one, docker ps, Compose and Swarm report a hung container as healthy and never restart it.",
    Remediation = "Add a HEALTHCHECK that requests the application's health route.")]
public sealed class DockerfileHealthcheckAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        DockerfileFact.Judge(context, dockerfile => dockerfile.Healthcheck
            ? context.Pass($"{dockerfile.Path} declares a HEALTHCHECK.", [dockerfile.Evidence])
            : context.Fail($"{dockerfile.Path} declares no HEALTHCHECK.", HealthProbes.Healthcheck(context, HealthProbes.Route(context)), [dockerfile.Evidence]));
}
