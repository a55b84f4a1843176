using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.health-check",
    Category = Category.Deployment,
    Level = 3,
    Weight = 1,
    WeightReason = "A declared health check lets the platform hold back a broken release; the route it probes is weighed in monitoring, so the declaration carries one point.",
    Severity = Severity.Medium,
    Title = "Health check declared",
    LooksFor = "A health check path in the platform's descriptor (render.yaml healthCheckPath, Kubernetes probes, fly.toml checks) or a Dockerfile HEALTHCHECK.",
    WhyItMatters = "Without a declared check the platform routes traffic to an instance as soon as its process starts, even when it cannot serve.",
    Remediation = "Declare a health check on the application's health route in the deployment descriptor, or a HEALTHCHECK in the Dockerfile.")]
public sealed class HealthCheckAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.List(FactKeys.Platforms).Count == 0)
            return [context.NotApplicable("No deployment descriptor in the repository to declare a health check in.")];

        var probes = HealthProbes.Of(context.Repository);
        if (probes.Count > 0)
            return [context.Pass($"The deployment checks the application's health: {string.Join("; ", probes)}.", HealthProbes.EvidenceOf(context.Repository))];

        var route = HealthProbes.Route(context);
        return [context.Fail("No health check is declared: the platform cannot tell a running instance from a serving one.", HealthProbes.Fix(context, route) ?? $"Declare a health check on {route} in the deployment descriptor.", context.EvidenceOf(FactKeys.Platforms))];
    }
}
