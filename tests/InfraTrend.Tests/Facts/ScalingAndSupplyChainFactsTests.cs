using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// krane's ERB-templated manifests (config/deploy/*.yaml.erb) with an autoscaler and a disruption budget, a Helm chart
/// that turns autoscaling on, and the signing, SBOM and provenance steps of release pipelines and build files.
/// </summary>
public class ScalingAndSupplyChainFactsTests
{
    private const string WebErb = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          <% if environment == 'staging' %>
          annotations:
            note: staging
          <% end %>
        spec:
          replicas: <%= environment == 'production' ? 4 : 1 %>
          template:
            spec:
              containers:
                - name: web
                  image: registry.example.com/web:<%= current_sha %>
                  <% if environment == 'production' %>
                  resources:
                    limits:
                      memory: 2Gi
                  <% else %>
                  resources:
                    limits:
                      memory: 1Gi
                  <% end %>
                  readinessProbe:
                    httpGet:
                      path: /internal/ping
                      port: 3000
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: web
        spec:
          minAvailable: 1
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: web
        spec:
          minReplicas: 2
        """;

    [Fact]
    public void Erb_templated_manifests_are_read_with_their_autoscaler_and_disruption_budget()
    {
        var facts = Read(("config/deploy/web.yaml.erb", WebErb));

        Assert.Contains("kubernetes", facts.List(FactKeys.Platforms));
        var web = Assert.Single(facts.Objects(FactKeys.KubernetesWorkloads));
        Assert.Equal("web", (string)web["name"]!);
        Assert.Equal("all", (string)web["resourceLimits"]!);
        Assert.Equal(["/internal/ping"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["hpa"], facts.List(FactKeys.Autoscaling));
        Assert.Equal(["config/deploy/web.yaml.erb:37"], facts.Where(FactKeys.Autoscaling));
        Assert.Equal(1, facts.Number(FactKeys.DisruptionBudgets));
    }

    // Shaped after a NAV service's .nais/app-prod.yaml: NAIS makes the Deployment, its autoscaler and its probes from an
    // Application, and runs the Cloud SQL instance it names. An Argo CD Application (another apiVersion) is not one.
    [Fact]
    public void A_nais_application_is_a_kubernetes_workload_with_its_probes_replicas_and_database()
    {
        var facts = Read((".nais/app-prod.yaml", """
            apiVersion: "nais.io/v1alpha1"
            kind: "Application"
            metadata:
              name: benefits
              namespace: team
            spec:
              image: {{image}}
              port: 8080
              liveness:
                path: /internal/health/liveness
              readiness:
                path: /internal/health/readiness
              prometheus:
                enabled: true
              gcp:
                sqlInstances:
                  - type: POSTGRES_17
                    autoBackupHour: 2
                    pointInTimeRecovery: true
              replicas:
                min: 2
                max: 4
              resources:
                limits:
                  memory: 2048Mi
            """),
            ("deploy/argocd.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: other\nspec:\n  project: default\n"));

        Assert.Contains("kubernetes", facts.List(FactKeys.Platforms));
        var app = Assert.Single(facts.Objects(FactKeys.KubernetesWorkloads));
        Assert.Equal(("benefits", 2, "all", true, true), ((string)app["name"]!, (int)app["replicas"]!, (string)app["resourceLimits"]!, (bool)app["livenessProbe"]!, (bool)app["readinessProbe"]!));
        Assert.Equal(["/internal/health/liveness", "/internal/health/readiness"], facts.List(FactKeys.PlatformHealthCheck).Order(StringComparer.Ordinal));
        Assert.Equal(["hpa"], facts.List(FactKeys.Autoscaling));
        Assert.Equal(["cloud-sql"], facts.List(FactKeys.ManagedDatabase));
    }

    [Fact]
    public void A_nais_application_with_a_fixed_size_and_no_backup_setting_claims_neither()
    {
        var facts = Read((".nais/app.yaml", "apiVersion: nais.io/v1alpha1\nkind: Application\nmetadata:\n  name: small\nspec:\n  replicas:\n    min: 1\n    max: 1\n  gcp:\n    sqlInstances:\n      - type: POSTGRES_17\n"));

        Assert.Single(facts.Objects(FactKeys.KubernetesWorkloads));
        Assert.Empty(facts.List(FactKeys.Autoscaling));
        Assert.Empty(facts.List(FactKeys.ManagedDatabase));
    }

    // Shaped after a Rails API whose Jenkinsfile fills in the image tag of kubernetes/deployment-production.tmpl with sed
    // and pipes it to kubectl apply: the manifest, with its autoscaler and disruption budget, is YAML before that.
    [Fact]
    public void Tmpl_manifests_a_pipeline_fills_in_are_read_as_kubernetes_manifests()
    {
        var facts = Read(("kubernetes/deployment-production.tmpl", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: example/api:__IMAGE_TAG__
            ---
            apiVersion: autoscaling/v1
            kind: HorizontalPodAutoscaler
            metadata:
              name: api
            spec:
              minReplicas: 3
              maxReplicas: 16
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: api
            spec:
              minAvailable: 1
            """),
            ("docs/notes.tmpl", "Hello {{ name }}\n"),
            // The maintenance page's own pod is not the application's.
            ("maintenance_page/manifests/deployment_maintenance.yml.tmpl", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: maintenance\nspec:\n  replicas: 2\n"));

        Assert.Contains("kubernetes", facts.List(FactKeys.Platforms));
        Assert.Equal("api", (string)Assert.Single(facts.Objects(FactKeys.KubernetesWorkloads))["name"]!);
        Assert.Equal(["hpa"], facts.List(FactKeys.Autoscaling));
        Assert.Equal(1, facts.Number(FactKeys.DisruptionBudgets));
    }

    [Fact]
    public void A_helm_chart_counts_autoscaling_only_when_its_values_turn_it_on()
    {
        const string chart = "apiVersion: v2\nname: app\nversion: 1.0.0\n";
        var on = Read(("chart/Chart.yaml", chart), ("chart/values.yaml", "autoscaling:\n  enabled: true\n  minReplicas: 2\npodDisruptionBudget:\n  enabled: true\n"));
        var off = Read(("chart/Chart.yaml", chart), ("chart/values.yaml", "autoscaling:\n  enabled: false\n  minReplicas: 1\n"));

        Assert.Equal(["hpa"], on.List(FactKeys.Autoscaling));
        Assert.Equal(1, on.Number(FactKeys.DisruptionBudgets));
        Assert.Empty(off.List(FactKeys.Autoscaling));
        Assert.Equal(0, off.Number(FactKeys.DisruptionBudgets));
    }

    [Fact]
    public void Signing_sbom_and_provenance_steps_are_recorded_from_pipelines_and_build_files()
    {
        var facts = Read(
            (".github/workflows/build.yml", """
                on:
                  push:
                    branches: [main]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          push: true
                          sbom: true
                      - uses: sigstore/cosign-installer@v3
                      - run: cosign sign --yes ghcr.io/acme/app@${DIGEST}
                      - uses: actions/attest-build-provenance@v2
                        with:
                          subject-path: dist/*
                """),
            ("pom.xml", "<project>\n  <build><plugins>\n    <plugin><groupId>org.cyclonedx</groupId><artifactId>cyclonedx-maven-plugin</artifactId></plugin>\n  </plugins></build>\n</project>\n"));

        Assert.Equal(["provenance", "sbom", "signing"], facts.List(FactKeys.SupplyChain).Order().ToList());
        Assert.Equal([".github/workflows/build.yml:13"], facts.Where(FactKeys.SupplyChain, "signing"));
        Assert.Equal([".github/workflows/build.yml:8", "pom.xml:3"], facts.Where(FactKeys.SupplyChain, "sbom"));
        Assert.Equal([".github/workflows/build.yml:14"], facts.Where(FactKeys.SupplyChain, "provenance"));
    }

    [Fact]
    public void Installing_cosign_or_building_without_attestations_adds_nothing()
    {
        var facts = Read((".github/workflows/build.yml", """
            on: push
            jobs:
              image:
                runs-on: ubuntu-latest
                steps:
                  - uses: sigstore/cosign-installer@v3
                  - uses: docker/build-push-action@v6
                    with:
                      push: true
                      provenance: false
            """));

        Assert.Empty(facts.List(FactKeys.SupplyChain));
    }
}
