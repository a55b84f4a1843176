using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Deployment;

/// <summary>Kubernetes manifests (any YAML with apiVersion and a workload kind), Helm charts and Kustomize overlays.</summary>
public sealed partial class KubernetesFacts : IFactSource
{
    private static readonly HashSet<string> WorkloadKinds = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet", "Service", "Ingress", "ConfigMap", "HorizontalPodAutoscaler",
    };

    [GeneratedRegex(@"^\s*apiVersion\s*:", RegexOptions.Multiline)]
    private static partial Regex ApiVersion();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (Node.NodeManifests.IsVendored(file.Path))
                continue;
            if (file.Name == "Chart.yaml")
                context.Add(FactKeys.Platforms, "helm", new Evidence(file.Path, 1));
            else if (file.Name is "kustomization.yaml" or "kustomization.yml" or "Kustomization")
                context.Add(FactKeys.Platforms, "kustomize", new Evidence(file.Path, 1));
            else if ((file.Name.EndsWith(".yaml", StringComparison.Ordinal) || file.Name.EndsWith(".yml", StringComparison.Ordinal))
                     && !file.Path.StartsWith(".github/", StringComparison.Ordinal)
                     && !file.Path.Contains("/templates/", StringComparison.Ordinal) // Helm templates are not YAML until rendered
                     && context.Snapshot.ReadText(file.Path) is { } text && ApiVersion().IsMatch(text))
                Manifest(context, file.Path);
        }
    }

    private static void Manifest(FactContext context, string path)
    {
        foreach (var document in YamlDocuments.Load(context, path))
        {
            if (document.Scalar("kind") is not { } kind || !WorkloadKinds.Contains(kind) || document.Scalar("apiVersion") is null)
                continue;
            context.Add(FactKeys.Platforms, "kubernetes", new Evidence(path, document.Line()));
            foreach (var container in Containers(document))
            {
                if (container.Get("resources").Get("limits") is { } limits)
                    context.Flag(FactKeys.ResourceLimits, new Evidence(path, limits.Line()));
                foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
                {
                    if (container.Get(probe) is { } p)
                        context.Add(FactKeys.PlatformHealthCheck, p.Get("httpGet").Scalar("path") ?? probe, new Evidence(path, p.Line()));
                }
            }
        }
    }

    private static IEnumerable<YamlNode> Containers(YamlNode document)
    {
        var spec = document.Get("spec");
        var podSpec = spec.Get("template").Get("spec") ?? spec.Get("jobTemplate").Get("spec").Get("template").Get("spec") ?? spec;
        return podSpec.Get("containers").Items();
    }
}
