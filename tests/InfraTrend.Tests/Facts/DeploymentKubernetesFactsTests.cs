using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>Kubernetes manifests, Kustomize patches and Helm charts, shaped after microservices-demo and a chart made by helm create.</summary>
public class DeploymentKubernetesFactsTests
{
    private const string Frontend = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: frontend
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 1000
              containers:
                - name: server
                  image: frontend
                  readinessProbe:
                    httpGet:
                      path: "/_healthz"
                      port: 8080
                  livenessProbe:
                    httpGet:
                      path: "/_healthz"
                      port: 8080
                  resources:
                    requests:
                      cpu: 100m
                      memory: 64Mi
                    limits:
                      cpu: 200m
                      memory: 128Mi
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: frontend
        spec:
          ports:
            - port: 80
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: cleanup
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: cleanup
                      image: cleanup
                      resources:
                        requests:
                          cpu: 50m
        """;

    private static IReadOnlyList<string> Workloads(FactTable facts) =>
        facts.Objects(FactKeys.KubernetesWorkloads)
            .Select(o => $"{o["kind"]} {o["name"]} {o["path"]}:{o["line"]} limits={o["resourceLimits"]} liveness={o["livenessProbe"]} readiness={o["readinessProbe"]} probesApply={o["probesApply"]} nonRoot={o["runAsNonRoot"]}")
            .ToList();

    [Fact]
    public void Each_workload_is_described_with_its_limits_probes_and_security_context()
    {
        var facts = Read(("kubernetes-manifests/frontend.yaml", Frontend));

        Assert.Equal(["kubernetes"], facts.List(FactKeys.Platforms));
        Assert.Equal(
            [
                "Deployment frontend kubernetes-manifests/frontend.yaml:1 limits=all liveness=true readiness=true probesApply=true nonRoot=true",
                "CronJob cleanup kubernetes-manifests/frontend.yaml:38 limits=partial liveness=false readiness=false probesApply=false nonRoot=false",
            ],
            Workloads(facts));
        Assert.Equal(["/_healthz"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["kubernetes-manifests/frontend.yaml:27"], facts.Where(FactKeys.ResourceLimits));
    }

    [Fact]
    public void A_kustomize_patch_adds_to_the_workload_it_names()
    {
        var facts = Read(
            ("k8s/base/api.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n"),
            ("k8s/base/kustomization.yaml", "resources:\n  - api.yaml\n"),
            ("k8s/overlays/prod/limits.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources:\n            limits:\n              memory: 512Mi\n"),
            ("k8s/overlays/prod/kustomization.yaml", "resources:\n  - ../../base\npatches:\n  - path: limits.yaml\n"));

        Assert.Equal(["kubernetes", "kustomize"], facts.List(FactKeys.Platforms));
        Assert.Equal(["Deployment api k8s/base/api.yaml:1 limits=all liveness=false readiness=false probesApply=true nonRoot=false"], Workloads(facts));
    }

    [Fact]
    public void A_helm_chart_made_by_helm_create_leaves_resources_and_security_context_empty()
    {
        var facts = Read(
            ("charts/api/Chart.yaml", "apiVersion: v2\nname: api\nversion: 0.1.0\n"),
            ("charts/api/values.yaml", """
                replicaCount: 1
                podSecurityContext: {}
                  # fsGroup: 2000
                securityContext: {}
                  # runAsNonRoot: true
                resources: {}
                  # limits:
                  #   cpu: 100m
                livenessProbe:
                  httpGet:
                    path: /
                    port: http
                readinessProbe:
                  httpGet:
                    path: /
                    port: http
                """),
            ("charts/api/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          livenessProbe:\n            {{- toYaml .Values.livenessProbe | nindent 12 }}\n"));

        Assert.Equal(["helm"], facts.List(FactKeys.Platforms));
        Assert.Equal(["HelmChart api charts/api/Chart.yaml:1 limits=none liveness=true readiness=true probesApply=true nonRoot=false"], Workloads(facts));
        Assert.False(facts.Bool(FactKeys.ResourceLimits));
    }

    [Fact]
    public void A_helm_chart_with_filled_in_values_declares_limits_and_a_non_root_user()
    {
        var facts = Read(
            ("deploy/chart/Chart.yaml", "apiVersion: v2\nname: web\n"),
            ("deploy/chart/values.yaml", "web:\n  resources:\n    limits:\n      memory: 256Mi\npodSecurityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n"));

        Assert.Equal(["HelmChart web deploy/chart/Chart.yaml:1 limits=all liveness=false readiness=false probesApply=true nonRoot=true"], Workloads(facts));
        Assert.Equal(["deploy/chart/values.yaml:4"], facts.Where(FactKeys.ResourceLimits));
    }
}
