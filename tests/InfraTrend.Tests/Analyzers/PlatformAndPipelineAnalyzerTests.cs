using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

/// <summary>The Kubernetes, timeout, parity and pinned-base rules on facts built in a few lines.</summary>
public sealed class PlatformAndPipelineAnalyzerTests
{
    private static void Workload(FactTable table, string path, string kind, string name, string limits = "none", bool liveness = false, bool readiness = false, bool nonRoot = false, string source = "manifest") =>
        table.AddObject(
            FactKeys.KubernetesWorkloads,
            new JsonObject
            {
                ["path"] = path,
                ["line"] = 1,
                ["kind"] = kind,
                ["name"] = name,
                ["source"] = source,
                ["resourceLimits"] = limits,
                ["livenessProbe"] = liveness,
                ["readinessProbe"] = readiness,
                ["probesApply"] = kind is not ("Job" or "CronJob"),
                ["runAsNonRoot"] = nonRoot,
            },
            new Evidence(path, 1));

    [Fact]
    public void Kubernetes_rules_give_one_finding_per_workload()
    {
        var facts = Table(t =>
        {
            Workload(t, "k8s/api.yaml", "Deployment", "api", limits: "all", liveness: true, readiness: true, nonRoot: true);
            Workload(t, "k8s/worker.yaml", "Deployment", "worker", limits: "partial", liveness: true);
            Workload(t, "k8s/cleanup.yaml", "CronJob", "cleanup");
        });

        var limits = Findings("deployment.k8s-resource-limits", facts, null);
        var probes = Findings("deployment.k8s-probes", facts, null);
        var security = Findings("deployment.k8s-security-context", facts, null);

        Assert.Equal(
            [("k8s/api.yaml#Deployment/api", FindingStatus.Pass), ("k8s/cleanup.yaml#CronJob/cleanup", FindingStatus.Fail), ("k8s/worker.yaml#Deployment/worker", FindingStatus.Partial)],
            limits.Select(f => (f.Subject, f.Status)));
        // A CronJob runs to completion: probes do not apply to it.
        Assert.Equal(
            [("k8s/api.yaml#Deployment/api", FindingStatus.Pass), ("k8s/worker.yaml#Deployment/worker", FindingStatus.Partial)],
            probes.Select(f => (f.Subject, f.Status)));
        Assert.Contains("no readiness probe", probes[1].Message);
        Assert.Equal([FindingStatus.Pass, FindingStatus.Fail, FindingStatus.Fail], security.Select(f => f.Status));
        Assert.All(limits.Concat(probes).Concat(security).Where(f => f.Status != FindingStatus.Pass), f => Assert.False(string.IsNullOrWhiteSpace(f.Fix)));
        Assert.Equal([new Evidence("k8s/worker.yaml", 1)], limits[2].Evidence);
    }

    [Fact]
    public void A_helm_chart_fix_points_at_its_values()
    {
        var finding = OnRepository("deployment.k8s-resource-limits", Table(t => Workload(t, "charts/api/Chart.yaml", "HelmChart", "api", source: "helm")));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("charts/api/Chart.yaml", finding.Subject);
        Assert.Contains("charts/api/values.yaml", finding.Fix);
    }

    [Fact]
    public void Kubernetes_rules_do_not_apply_without_a_workload()
    {
        Assert.Equal(FindingStatus.NotApplicable, OnRepository("deployment.k8s-probes", Table()).Status);
    }

    [Theory]
    [InlineData(null, FindingStatus.NotApplicable)]
    [InlineData(true, FindingStatus.Pass)]
    [InlineData(false, FindingStatus.Fail)]
    public void Timeouts_follow_the_job_timeouts_fact(bool? bounded, FindingStatus status)
    {
        var finding = OnRepository("ci.timeouts", Table(t =>
        {
            t.Add(FactKeys.CiSystems, "github-actions");
            if (bounded is { } value)
                t.Flag(FactKeys.JobTimeouts, new Evidence(".github/workflows/ci.yml", 5), value);
        }));

        Assert.Equal(status, finding.Status);
        if (status == FindingStatus.Fail)
        {
            Assert.Contains("timeout-minutes", finding.Fix);
            Assert.Equal([new Evidence(".github/workflows/ci.yml", 5)], finding.Evidence);
        }
    }

    private static void Pin(FactTable table, string runtime, string version, string path, int line, string kind) =>
        table.AddObject(FactKeys.RuntimeSources, new JsonObject { ["runtime"] = runtime, ["version"] = version, ["path"] = path, ["line"] = line, ["kind"] = kind }, new Evidence(path, line));

    [Fact]
    public void Parity_accepts_a_ci_matrix_that_includes_the_deployed_version()
    {
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            Pin(t, "node", "18", ".github/workflows/ci.yml", 17, "ci");
            Pin(t, "node", "20", ".github/workflows/ci.yml", 17, "ci");
            Pin(t, "node", "22", ".github/workflows/ci.yml", 17, "ci");
            Pin(t, "node", "20.19.0", ".nvmrc", 1, "version-file");
            Pin(t, "node", "20", "Dockerfile", 1, "docker");
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("matrix", finding.Message);
    }

    [Fact]
    public void Parity_names_where_and_in_what_kind_of_file_the_pins_differ()
    {
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            Pin(t, "node", "18", ".github/workflows/azure-dev.yml", 34, "ci");
            Pin(t, "node", "20", "src/api/Dockerfile", 1, "docker");
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("node 18 in .github/workflows/azure-dev.yml:34 (CI), 20 in src/api/Dockerfile:1 (Docker image)", finding.Message);
        Assert.Equal([new Evidence(".github/workflows/azure-dev.yml", 34), new Evidence("src/api/Dockerfile", 1)], finding.Evidence);
    }

    [Fact]
    public void Parity_reads_a_manifest_constraint_as_a_minimum()
    {
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            Pin(t, "node", "18", "package.json", 5, "manifest");
            Pin(t, "node", "22", ".nvmrc", 1, "version-file");
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
    }

    [Fact]
    public void A_base_image_versioned_only_by_a_build_argument_counts_for_half()
    {
        var finding = OnRepository("deployment.dockerfile-pinned-base", Table(t =>
            t.AddObject(FactKeys.Dockerfiles, new JsonObject { ["path"] = "Dockerfile", ["line"] = 1, ["pinnedBase"] = false, ["parameterisedBase"] = true }, new Evidence("Dockerfile", 1))));

        Assert.Equal((FindingStatus.Partial, 0.5), (finding.Status, finding.Score));
        Assert.Contains("ARG", finding.Fix);
    }
}
