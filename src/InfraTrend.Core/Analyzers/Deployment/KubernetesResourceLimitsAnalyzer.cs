using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.k8s-resource-limits",
    Category = Category.Deployment,
    Level = 4,
    Weight = 1,
    WeightReason = "The repository-wide rule (deployment.resource-limits) already weighs that limits are declared somewhere; this one weighs that every workload has them, a refinement worth one point.",
    Severity = Severity.Medium,
    Title = "Kubernetes workloads declare resource limits",
    LooksFor = "Resource limits (resources.limits: cpu, memory) on every container of each Kubernetes workload, or resources.limits in a Helm chart's values.yaml; requests alone count for half. A Helm chart with no templates whose workload a shared chart renders (a dependency from a chart repository) is judged only on what its values set: the rest is that chart's default.",
    WhyItMatters = "A container without a memory limit can take a node's memory and get its neighbours evicted; without requests the scheduler packs pods blindly.",
    Remediation = "Set resources.requests and resources.limits (cpu, memory) on every container.")]
public sealed class KubernetesResourceLimitsAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        KubernetesWorkload.Judge(context, w => w.ResourceLimits switch
        {
            "all" => context.Pass($"{w.Label} declares resource limits on every container (declared, not observed).", [w.Evidence]),
            "partial" => context.Partial(0.5, $"{w.Label} declares resource requests but not limits on every container.", Fix(w), [w.Evidence]),
            _ => context.Fail($"{w.Label} declares no resource limits: its containers can use a whole node.", Fix(w), [w.Evidence]),
        });

    private static string Fix(KubernetesWorkload w) =>
        w.Source == "helm"
            ? $"Fill in resources in {w.Path.Replace("Chart.yaml", "values.yaml", StringComparison.Ordinal)} (requests: cpu: 100m, memory: 128Mi; limits: memory: 256Mi) instead of resources: {{}}."
            : $"Add resources: {{requests: {{cpu: 100m, memory: 128Mi}}, limits: {{memory: 256Mi}}}} to each container of {w.Kind} {w.Name}, sized from its observed use.";
}
