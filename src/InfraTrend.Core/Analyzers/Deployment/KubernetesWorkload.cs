using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

/// <summary>One Kubernetes workload as deployment.k8sWorkloads describes it.</summary>
internal sealed record KubernetesWorkload(
    string Path, int Line, string Kind, string Name, string Source, string ResourceLimits, bool LivenessProbe, bool ReadinessProbe, bool ProbesApply, bool RunAsNonRoot, string? SharedChart = null)
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
                o.Flag("runAsNonRoot"),
                o.Text("sharedChart")))
            .OrderBy(w => w.Subject, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A chart whose workload a shared chart renders (a platform team's generic-service, pulled as a dependency, with no
    /// templates here) is credited for what its values set; what they leave out is the shared chart's default, which the
    /// repository does not show, so it is not judged.
    /// </summary>
    private static Finding? Shared(AnalyzerContext context, KubernetesWorkload w, Finding? finding) =>
        finding is { Status: FindingStatus.Fail or FindingStatus.Partial } && w.SharedChart is { } shared
            ? context.NotApplicable($"{w.Label} is rendered by the shared chart {shared} (a dependency, no templates here): what its values leave unset comes from that chart's defaults, outside the repository.")
            : finding;

    /// <summary>One finding per workload, its subject the workload, so each is scored and tracked on its own.</summary>
    public static IEnumerable<Finding> Judge(AnalyzerContext context, Func<KubernetesWorkload, Finding?> judge)
    {
        var workloads = Of(context.Repository);
        if (workloads.Count == 0)
            return [context.NotApplicable("The repository has no Kubernetes workload (manifest or Helm chart).")];
        var findings = workloads.Select(w => Shared(context, w, judge(w)) is { } finding ? finding with { Subject = w.Subject } : null).OfType<Finding>().ToList();
        return findings.Count > 0 ? findings : [context.NotApplicable("No Kubernetes workload this rule applies to.")];
    }
}
