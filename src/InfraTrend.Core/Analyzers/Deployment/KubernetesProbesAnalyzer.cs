using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.k8s-probes",
    Category = Category.Deployment,
    Level = 3,
    Weight = 1,
    WeightReason = "Probes are how Kubernetes tells a serving pod from a running one; deployment.health-check weighs that a check exists, this rule that every workload has both, so it carries one point.",
    Severity = Severity.Medium,
    Title = "Kubernetes workloads have liveness and readiness probes",
    LooksFor = "A livenessProbe and a readinessProbe on every container of each long-running Kubernetes workload (Jobs and CronJobs excluded), or probes in a Helm chart's templates or values; one of the two counts for half. A Helm chart with no templates whose workload a shared chart renders (a dependency from a chart repository) is judged only on what its values set: the rest is that chart's default.",
    WhyItMatters = "Without a readiness probe a rollout sends traffic to pods that cannot serve yet; without a liveness probe a hung process is never restarted.",
    Remediation = "Add a readinessProbe and a livenessProbe (httpGet on the health route) to each container.")]
public sealed class KubernetesProbesAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var route = HealthProbes.Route(context);
        var fix = $"Add readinessProbe and livenessProbe with httpGet: {{path: {route}, port: http}} (initialDelaySeconds 5, periodSeconds 10) to each container.";
        return KubernetesWorkload.Judge(context, w => !w.ProbesApply ? null : (w.LivenessProbe, w.ReadinessProbe) switch
        {
            (true, true) => context.Pass($"{w.Label} has liveness and readiness probes (declared, not observed).", [w.Evidence]),
            (true, false) => context.Partial(0.5, $"{w.Label} has a liveness probe but no readiness probe: traffic reaches pods before they can serve.", fix, [w.Evidence]),
            (false, true) => context.Partial(0.5, $"{w.Label} has a readiness probe but no liveness probe: a hung process is never restarted.", fix, [w.Evidence]),
            _ => context.Fail($"{w.Label} has no liveness or readiness probe.", fix, [w.Evidence]),
        });
    }
}
