using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.k8s-security-context",
    Category = Category.Deployment,
    Level = 4,
    Weight = 1,
    WeightReason = "Setting runAsNonRoot makes the cluster refuse to start a container as root whatever its image says; it is a few lines per workload, so it carries one point, like the Dockerfile USER rule.",
    Severity = Severity.Medium,
    Title = "Kubernetes workloads run as non-root",
    LooksFor = "A security context with runAsNonRoot: true (or a non-zero runAsUser) on the pod or on every container of each Kubernetes workload, or in a Helm chart's values or templates. A Helm chart with no templates whose workload a shared chart renders (a dependency from a chart repository) is judged only on what its values set: the rest is that chart's default.",
    WhyItMatters = "A container running as root turns an application bug into a much larger compromise, and the image's USER can change under you: the cluster should enforce it.",
    Remediation = "Set securityContext: {runAsNonRoot: true, runAsUser: 10001} on the pod spec (and allowPrivilegeEscalation: false on each container).")]
public sealed class KubernetesSecurityContextAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        KubernetesWorkload.Judge(context, w => w.RunAsNonRoot
            ? context.Pass($"{w.Label} runs as a non-root user (securityContext).", [w.Evidence])
            : context.Fail($"{w.Label} does not require a non-root user: nothing stops its containers from running as root.", Fix(w), [w.Evidence]));

    private static string Fix(KubernetesWorkload w) =>
        w.Source == "helm"
            ? $"Set podSecurityContext: {{runAsNonRoot: true, runAsUser: 10001}} and securityContext: {{allowPrivilegeEscalation: false}} in {w.Path.Replace("Chart.yaml", "values.yaml", StringComparison.Ordinal)}."
            : $"Add securityContext: {{runAsNonRoot: true, runAsUser: 10001}} to the pod spec of {w.Kind} {w.Name}, and allowPrivilegeEscalation: false to each container.";
}
