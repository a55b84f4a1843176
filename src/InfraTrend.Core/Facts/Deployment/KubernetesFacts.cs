using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Deployment;

/// <summary>
/// Kubernetes manifests (any YAML with apiVersion and a known kind), Helm charts and Kustomize overlays. Each workload
/// (Deployment, StatefulSet, Job...) is described with its resource limits, probes and non-root security context; a
/// Kustomize patch of the same kind and name adds to its base, and a Helm chart is one workload read from its values
/// and templates.
/// </summary>
[FactSource]
public sealed partial class KubernetesFacts : IFactSource
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet", "Rollout", "Service", "Ingress", "ConfigMap", "HorizontalPodAutoscaler", "Namespace", "NetworkPolicy",
        "PodDisruptionBudget", "ScaledObject", "VerticalPodAutoscaler",
    };

    private static readonly HashSet<string> WorkloadKinds = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet", "Rollout" };

    [GeneratedRegex(@"^\s*apiVersion\s*:", RegexOptions.Multiline)]
    private static partial Regex ApiVersion();

    [GeneratedRegex(@"^\s*runAsNonRoot\s*:\s*true\b|^\s*runAsUser\s*:\s*[1-9]", RegexOptions.Multiline)]
    private static partial Regex NonRootSetting();

    /// <summary>One workload as the manifests (base and patches together) declare it.</summary>
    private sealed class Workload(string kind, string name, Evidence evidence)
    {
        public string Kind { get; } = kind;
        public string Name { get; } = name;
        public Evidence Evidence { get; set; } = evidence;
        public string Source { get; init; } = "manifest";
        public int Containers { get; set; }
        public string Limits { get; set; } = "none";
        public bool Liveness { get; set; }
        public bool Readiness { get; set; }
        public bool NonRoot { get; set; }
        public int Replicas { get; set; }
        public string? SharedChart { get; set; }
    }

    public void Collect(FactContext context)
    {
        var workloads = new Dictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var file in context.Snapshot.Files.Where(f => DeploymentPaths.Counts(f.Path)))
        {
            if (file.Name == "Chart.yaml")
            {
                context.Add(FactKeys.Platforms, "helm", new Evidence(file.Path, 1));
                HelmChart(context, file.Path, workloads);
            }
            else if (file.Name is "kustomization.yaml" or "kustomization.yml" or "Kustomization")
                context.Add(FactKeys.Platforms, "kustomize", new Evidence(file.Path, 1));
            // krane renders deploy/*.yaml.erb templates: YAML once its ERB tags are taken out. A `.tmpl` manifest is YAML
            // whose placeholders the pipeline fills in before applying it (Panoptes' `sed 's/__IMAGE_TAG__/...' kubernetes/deployment-production.tmpl | kubectl apply -f -`).
            else if ((file.Name.EndsWith(".yaml", StringComparison.Ordinal) || file.Name.EndsWith(".yml", StringComparison.Ordinal) || file.Name.EndsWith(".yaml.erb", StringComparison.Ordinal) || file.Name.EndsWith(".yml.erb", StringComparison.Ordinal) || file.Name.EndsWith(".tmpl", StringComparison.Ordinal))
                     && !file.Path.StartsWith(".github/", StringComparison.Ordinal)
                     // The page a service shows while it is down for maintenance runs in its own pod (DfE's
                     // maintenance_page/manifests/maintenance/deployment_maintenance.yml.tmpl): it is not the application.
                     && !file.Path.Split('/')[..^1].Any(f => f is "maintenance_page" or "maintenance-page")
                     && !file.Path.Contains("/templates/", StringComparison.Ordinal) && !file.Path.StartsWith("templates/", StringComparison.Ordinal) // Helm templates are not YAML until rendered
                     && file.Size < 512 * 1024
                     && context.Snapshot.ReadText(file.Path) is { } text && ApiVersion().IsMatch(text))
                Manifest(context, file.Path, workloads);
        }

        foreach (var workload in workloads.Values.OrderBy(w => w.Evidence))
        {
            context.AddObject(
                FactKeys.KubernetesWorkloads,
                new JsonObject
                {
                    ["path"] = workload.Evidence.Path,
                    ["line"] = workload.Evidence.Line,
                    ["kind"] = workload.Kind,
                    ["name"] = workload.Name,
                    ["source"] = workload.Source,
                    ["containers"] = workload.Containers,
                    ["resourceLimits"] = workload.Limits,
                    ["livenessProbe"] = workload.Liveness,
                    ["readinessProbe"] = workload.Readiness,
                    // Jobs run to completion: nothing routes traffic to them, so probes do not apply.
                    ["probesApply"] = workload.Kind is not ("Job" or "CronJob"),
                    ["runAsNonRoot"] = workload.NonRoot,
                    // The fixed replica count the manifest or the chart's values declare (0 where none is declared).
                    ["replicas"] = workload.Replicas,
                    ["sharedChart"] = workload.SharedChart,
                },
                workload.Evidence);
        }
    }

    private static void Manifest(FactContext context, string path, Dictionary<string, Workload> workloads)
    {
        foreach (var document in YamlDocuments.Load(context, path))
        {
            if (document.Scalar("kind") == "Application" && document.Scalar("apiVersion")?.StartsWith("nais.io/", StringComparison.Ordinal) == true)
            {
                NaisApplication(context, path, document, workloads);
                continue;
            }
            if (document.Scalar("kind") is not { } kind || !Kinds.Contains(kind) || document.Scalar("apiVersion") is null)
                continue;
            var evidence = new Evidence(path, document.Line());
            context.Add(FactKeys.Platforms, "kubernetes", evidence);
            switch (kind)
            {
                case "HorizontalPodAutoscaler":
                    context.Add(FactKeys.Autoscaling, "hpa", evidence);
                    break;
                case "ScaledObject":
                    context.Add(FactKeys.Autoscaling, "keda", evidence);
                    break;
                case "VerticalPodAutoscaler":
                    context.Add(FactKeys.Autoscaling, "vpa", evidence);
                    break;
                case "PodDisruptionBudget":
                    context.Count(FactKeys.DisruptionBudgets, 1, evidence);
                    break;
            }
            if (!WorkloadKinds.Contains(kind))
                continue;

            var name = document.Get("metadata").Scalar("name") ?? path;
            // A Kustomize patch names the workload it changes: what it declares adds to the base.
            var key = $"{kind}/{name}";
            if (!workloads.TryGetValue(key, out var workload))
                workloads[key] = workload = new Workload(kind, name, evidence);
            if (int.TryParse(document.Get("spec").Scalar("replicas"), out var replicas) && !Datastore().IsMatch(name))
                workload.Replicas = Math.Max(workload.Replicas, replicas);
            var pod = PodSpec(document);
            var containers = pod.Get("containers").Items().ToList();
            workload.Containers = Math.Max(workload.Containers, containers.Count);

            var podNonRoot = NonRoot(pod.Get("securityContext"));
            if (containers.Count > 0 && (podNonRoot || containers.All(c => NonRoot(c.Get("securityContext")))))
                workload.NonRoot = true;

            var withLimits = containers.Count(c => c.Get("resources").Get("limits").Entries().Any());
            var withRequests = containers.Count(c => c.Get("resources").Get("requests").Entries().Any());
            if (containers.Count > 0 && withLimits == containers.Count)
                workload.Limits = "all";
            else if (workload.Limits != "all" && withLimits + withRequests > 0)
                workload.Limits = "partial";

            if (containers.Count > 0 && containers.All(c => c.Get("livenessProbe") is not null))
                workload.Liveness = true;
            if (containers.Count > 0 && containers.All(c => c.Get("readinessProbe") is not null))
                workload.Readiness = true;

            foreach (var container in containers)
            {
                if (container.Get("resources").Get("limits") is { } limits && limits.Entries().Any())
                    context.Flag(FactKeys.ResourceLimits, new Evidence(path, limits.Line()));
                foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
                {
                    if (container.Get(probe) is { } p)
                        context.Add(FactKeys.PlatformHealthCheck, p.Get("httpGet").Scalar("path") ?? probe, new Evidence(path, p.Line()));
                }
            }
        }
    }

    /// <summary>
    /// NAV's NAIS platform turns an `Application` (apiVersion nais.io) into the Deployment, HorizontalPodAutoscaler and
    /// probes a plain manifest would declare: its spec names the probe paths, the resources and the replica range it
    /// scales between (navikt/familie-ba-sak's .nais/app-prod.yaml). Only what the file declares counts: a Cloud SQL
    /// instance is taken as backed up where the file sets its backup hour or point-in-time recovery.
    /// </summary>
    private static void NaisApplication(FactContext context, string path, YamlNode document, Dictionary<string, Workload> workloads)
    {
        var evidence = new Evidence(path, document.Line());
        context.Add(FactKeys.Platforms, "kubernetes", evidence);
        var spec = document.Get("spec");
        var name = document.Get("metadata").Scalar("name") ?? path;
        var key = $"Deployment/{name}";
        if (!workloads.TryGetValue(key, out var workload))
            workloads[key] = workload = new Workload("Deployment", name, evidence);
        workload.Containers = Math.Max(workload.Containers, 1);

        var replicas = spec.Get("replicas");
        if (int.TryParse(replicas.Scalar("min"), out var min))
            workload.Replicas = Math.Max(workload.Replicas, min);
        if (int.TryParse(replicas.Scalar("max"), out var max) && max > Math.Max(min, 1))
            context.Add(FactKeys.Autoscaling, "hpa", new Evidence(path, replicas!.Line()));

        foreach (var probe in new[] { "liveness", "readiness", "startup" })
        {
            if (spec.Get(probe) is not { } p)
                continue;
            context.Add(FactKeys.PlatformHealthCheck, p.Scalar("path") ?? probe, new Evidence(path, p.Line()));
            workload.Liveness |= probe == "liveness";
            workload.Readiness |= probe == "readiness";
        }

        if (spec.Get("resources").Get("limits") is { } limits && limits.Entries().Any())
        {
            context.Flag(FactKeys.ResourceLimits, new Evidence(path, limits.Line()));
            workload.Limits = "all";
        }

        foreach (var sql in spec.Get("gcp").Get("sqlInstances").Items())
        {
            if (sql.Scalar("autoBackupHour") is not null || sql.Scalar("pointInTimeRecovery") == "true")
                context.Add(FactKeys.ManagedDatabase, "cloud-sql", new Evidence(path, sql.Line()));
        }
    }

    private static bool NonRoot(YamlNode? securityContext) =>
        securityContext.Scalar("runAsNonRoot") == "true"
        || long.TryParse(securityContext.Scalar("runAsUser"), out var uid) && uid > 0;

    private static YamlNode? PodSpec(YamlNode document)
    {
        var spec = document.Get("spec");
        return document.Scalar("kind") switch
        {
            "Pod" => spec,
            "CronJob" => spec.Get("jobTemplate").Get("spec").Get("template").Get("spec"),
            _ => spec.Get("template").Get("spec"),
        };
    }

    /// <summary>
    /// A Helm chart is one workload: its values declare resources and security contexts (a chart made by helm create
    /// leaves them empty, `resources: {}`), its templates the probes.
    /// </summary>
    private static void HelmChart(FactContext context, string chartPath, Dictionary<string, Workload> workloads)
    {
        var folder = chartPath.Contains('/') ? chartPath[..chartPath.LastIndexOf('/')] + "/" : "";
        var name = YamlDocuments.Root(context, chartPath).Scalar("name") ?? folder.TrimEnd('/');
        var workload = new Workload("HelmChart", name, new Evidence(chartPath, 1)) { Source = "helm", Containers = 1 };
        workloads[$"HelmChart/{chartPath}"] = workload;

        var valuesPath = folder + "values.yaml";
        var values = YamlDocuments.Root(context, valuesPath);
        var autoscalingOn = false;
        Evidence? autoscalingOff = null;
        if (values is not null)
        {
            var resources = Mappings(values).Where(m => m.Key == "resources").Select(m => m.Value).ToList();
            if (resources.Any(r => r.Get("limits").Entries().Any()))
            {
                workload.Limits = "all";
                foreach (var limits in resources.Select(r => r.Get("limits")).Where(l => l.Entries().Any()))
                    context.Flag(FactKeys.ResourceLimits, new Evidence(valuesPath, limits!.Line()));
            }
            else if (resources.Any(r => r.Get("requests").Entries().Any()))
                workload.Limits = "partial";
            workload.NonRoot |= Mappings(values).Any(m => m.Key is "securityContext" or "podSecurityContext" && NonRoot(m.Value));
            workload.Liveness |= Mappings(values).Any(m => m.Key == "livenessProbe" && m.Value.Entries().Any());
            workload.Readiness |= Mappings(values).Any(m => m.Key == "readinessProbe" && m.Value.Entries().Any());
            // A chart's autoscaling or disruption budget counts when its values turn it on (helm create leaves autoscaling off).
            foreach (var (key, value) in Mappings(values).Where(m => m.Key is "autoscaling" or "hpa" or "podDisruptionBudget" or "pdb"))
            {
                var evidence = new Evidence(valuesPath, value.Line());
                if (value.Scalar("enabled") != "true")
                {
                    // Configured (a replica ceiling set) but left off: the autoscaler of the shared chart these values
                    // configure (HM Courts' nodejs and java charts), which the operator turns on per environment.
                    if (key is "autoscaling" or "hpa" && value.Get("maxReplicas") is not null)
                        autoscalingOff ??= evidence;
                    continue;
                }
                if (key is "autoscaling" or "hpa")
                {
                    context.Add(FactKeys.Autoscaling, "hpa", evidence);
                    autoscalingOn = true;
                }
                else
                    context.Count(FactKeys.DisruptionBudgets, 1, evidence);
            }
        }
        workload.Replicas = ChartReplicas(context, folder);
        var runsPods = false;
        Evidence? optionalScaler = null;
        foreach (var template in context.Snapshot.Files.Where(f => f.Path.StartsWith(folder + "templates/", StringComparison.Ordinal) && (f.Name.EndsWith(".yaml", StringComparison.Ordinal) || f.Name.EndsWith(".yml", StringComparison.Ordinal) || f.Name.EndsWith(".tpl", StringComparison.Ordinal))))
        {
            if (context.Snapshot.ReadText(template.Path) is not { } text)
                continue;
            runsPods |= PodKind().IsMatch(text);
            if (optionalScaler is null && AutoscalerKind().Match(text) is { Success: true } scaler)
                optionalScaler = new Evidence(template.Path, new TextLines(text).LineOf(scaler.Index));
            workload.Liveness |= text.Contains("livenessProbe", StringComparison.Ordinal);
            workload.Readiness |= text.Contains("readinessProbe", StringComparison.Ordinal);
            workload.NonRoot |= NonRootSetting().IsMatch(text);
            if (text.Contains("readinessProbe", StringComparison.Ordinal) || text.Contains("livenessProbe", StringComparison.Ordinal))
                context.Add(FactKeys.PlatformHealthCheck, "helm-probes", new Evidence(template.Path, TextLines.Find(text, "Probe")));
        }
        // A chart with no templates of its own whose workload a shared chart renders (a platform team's generic-service or
        // java chart, pulled from its repository as a dependency): the pod spec, with its probes, limits and security
        // context, is that chart's, set by its defaults and the values handed to it; what the values leave out is not
        // visible here, so it is not judged as missing.
        if (!context.Snapshot.Files.Any(f => f.Path.StartsWith(folder + "templates/", StringComparison.Ordinal))
            && SharedDependency(YamlDocuments.Root(context, chartPath)) is { } shared)
            workload.SharedChart = shared;
        // A chart whose templates declare an autoscaler its default values leave off: the operator can turn it on, which
        // auditors credit as scaling support, though less than one that runs.
        optionalScaler ??= autoscalingOff;
        if (optionalScaler is not null && !autoscalingOn)
            context.Add(FactKeys.Autoscaling, AutoscalerOptional, optionalScaler);
        // An umbrella chart (growthbook's charts/growthbook: an ingress and its subchart) runs no pods of its own: its
        // subcharts are the workloads.
        if (!runsPods && context.Snapshot.Files.Any(f => f.Name == "Chart.yaml" && f.Path.StartsWith(folder + "charts/", StringComparison.Ordinal)))
            workloads.Remove($"HelmChart/{chartPath}");
    }

    /// <summary>
    /// The most replicas a chart's values files declare for its own workload (replicaCount or replicas at the top of
    /// values.yaml or values-prod.yaml, or one level down, under the shared chart it configures, such as
    /// generic-service:), in the chart's folder or beside it (helm_deploy/values-prod.yaml); a datastore subchart's
    /// replicas (postgresql:, redis:, cnpg:) are not the application's.
    /// </summary>
    private static int ChartReplicas(FactContext context, string folder)
    {
        // The folder holding the chart's folder (helm_deploy/ for helm_deploy/app/Chart.yaml), unless that is the top level.
        var chartFolder = folder.TrimEnd('/');
        string? parent = chartFolder.Contains('/') ? chartFolder[..(chartFolder.LastIndexOf('/') + 1)] : null;
        var most = 0;
        foreach (var file in context.Snapshot.Files.Where(v => ValuesFile().IsMatch(v.Name) && (InFolder(v.Path, folder) || parent is not null && InFolder(v.Path, parent))))
        {
            if (YamlDocuments.Root(context, file.Path) is not { } values)
                continue;
            var declared = values.Entries().Where(e => e.Key is "replicaCount" or "replicas").Select(e => e.Value)
                .Concat(values.Entries().Where(e => !Datastore().IsMatch(e.Key)).SelectMany(e => e.Value.Entries().Where(i => i.Key is "replicaCount" or "replicas").Select(i => i.Value)));
            foreach (var node in declared)
            {
                if (int.TryParse(node.Scalar(), out var n))
                    most = Math.Max(most, n);
            }
        }
        return most;
    }

    private static bool InFolder(string path, string folder) =>
        path.StartsWith(folder, StringComparison.Ordinal) && !path[folder.Length..].Contains('/');

    [GeneratedRegex(@"^values([-_.][A-Za-z0-9]+)?\.ya?ml$")]
    private static partial Regex ValuesFile();

    /// <summary>Workloads and subcharts that run a datastore or a broker beside the application, not the application.</summary>
    [GeneratedRegex(@"(?i)postgres|mysql|mariadb|mongo|redis|valkey|memcache|elastic|opensearch|rabbit|kafka|zookeeper|etcd|minio|cnpg|cassandra|clickhouse|nats|keycloak|\bdb\b|database")]
    private static partial Regex Datastore();

    /// <summary>
    /// The first dependency of a chart (Chart.yaml's `dependencies`) pulled from a chart repository or an OCI registry, not
    /// from a folder of the repository (`file://`): the shared chart that renders its workload.
    /// </summary>
    private static string? SharedDependency(YamlNode? chart)
    {
        foreach (var dependency in chart.Get("dependencies").Items())
        {
            if (dependency.Scalar("name") is { Length: > 0 } name && dependency.Scalar("repository") is { } repository
                && (repository.StartsWith("https://", StringComparison.Ordinal) || repository.StartsWith("http://", StringComparison.Ordinal)
                    || repository.StartsWith("oci://", StringComparison.Ordinal) || repository.StartsWith('@') || repository.StartsWith("alias:", StringComparison.Ordinal)))
                return name;
        }
        return null;
    }

    /// <summary>The autoscaling fact of a Helm chart whose autoscaler template is off by default.</summary>
    public const string AutoscalerOptional = "hpa-optional";

    [GeneratedRegex(@"^\s*kind:\s*(?:HorizontalPodAutoscaler|ScaledObject)\b", RegexOptions.Multiline)]
    private static partial Regex AutoscalerKind();

    [GeneratedRegex(@"^\s*kind:\s*(?:Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet|Rollout)\b", RegexOptions.Multiline)]
    private static partial Regex PodKind();

    private static IEnumerable<KeyValuePair<string, YamlNode>> Mappings(YamlNode node)
    {
        foreach (var entry in node.Entries())
        {
            yield return entry;
            foreach (var inner in Mappings(entry.Value))
                yield return inner;
        }
    }
}
