using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

/// <summary>One Kubernetes workload as deployment.k8sWorkloads describes it.</summary>
internal sealed record KubernetesWorkload(
    string Path, int Line, string Kind, string Name, string Source, string ResourceLimits, bool LivenessProbe, bool ReadinessProbe, bool ProbesApply, bool RunAsNonRoot)
{
    public Evidence Evidence => new(Path, Line);

    /// <summary>How a finding names it: `Deployment frontend (k8s/frontend.yaml)`, or `Helm chart api (charts/api/Chart.yaml)`.</summary>
    public string Label => Source == "helm" ? $"Helm chart {Name} ({Path})" : $"{Kind} {Name} ({Path})";

    public string Subject => Source == "helm" ? Path : $"{Path}#{Kind}/{Name}";

    public static IReadOnlyList<KubernetesWorkload> Of(FactTable repository) =>
        repository.Objects(FactKeys.KubernetesWorkloads)
            .Select(o => new KubernetesWorkload(
                o.Text("path") ?? "",
                o.Whole("line"),
                o.Text("kind") ?? "",
                o.Text("name") ?? "",
                o.Text("source") ?? "manifest",
                o.Text("resourceLimits") ?? "none",
                o.Flag("livenessProbe"),
                o.Flag("readinessProbe"),
                o.Flag("probesApply"),
                o.Flag("runAsNonRoot")))
            .OrderBy(w => w.Subject, StringComparer.Ordinal)
            .ToList();

    /// <summary>One finding per workload, its subject the workload, so each is scored and tracked on its own.</summary>
    public static IEnumerable<Finding> Judge(AnalyzerContext context, Func<KubernetesWorkload, Finding?> judge)
    {
        var workloads = Of(context.Repository);
        if (workloads.Count == 0)
            return [context.NotApplicable("The repository has no Kubernetes workload (manifest or Helm chart).")];
        var findings = workloads.Select(w => judge(w) is { } finding ? finding with { Subject = w.Subject } : null).OfType<Finding>().ToList();
        return findings.Count > 0 ? findings : [context.NotApplicable("No Kubernetes workload this rule applies to.")];
    }
}
