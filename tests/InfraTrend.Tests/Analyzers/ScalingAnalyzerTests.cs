using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class ScalingAnalyzerTests
{
    [Theory]
    [InlineData("scaling.cache", FactKeys.Cache, "redis", "pnpm add ioredis", "dotnet add package Microsoft.Extensions.Caching.StackExchangeRedis")]
    [InlineData("scaling.background-jobs", FactKeys.BackgroundJobs, "bullmq", "pnpm add bullmq", "dotnet add package Hangfire.AspNetCore")]
    [InlineData("scaling.object-storage", FactKeys.ObjectStorage, "s3", "pnpm add @aws-sdk/client-s3", "dotnet add package AWSSDK.S3")]
    public void Scaling_Passes_With_The_Service_And_Fails_With_A_Stack_Fix(string id, string key, string item, string nodeFix, string dotnetFix)
    {
        var present = OnPart(id, Part("service", t => t.Add(key, item, new Evidence("backend/src/queue.ts", 1))));
        var node = OnPart(id, Part("service", t => t.Node()), Table(t => t.Node("pnpm")));
        var dotnet = OnPart(id, Part("worker", t => t.DotNet()));

        Assert.Equal(FindingStatus.Pass, present.Status);
        Assert.Contains(item, present.Message);
        Assert.Equal(FindingStatus.Fail, node.Status);
        Assert.StartsWith(nodeFix, node.Fix);
        Assert.StartsWith(dotnetFix, dotnet.Fix);
    }

    [Theory]
    [InlineData("scaling.cache")]
    [InlineData("scaling.background-jobs")]
    [InlineData("scaling.object-storage")]
    public void Scaling_Does_Not_Apply_To_A_Web_Front_End(string id)
    {
        Assert.Equal(FindingStatus.NotApplicable, OnPart(id, Part("web")).Status);
    }

    [Theory]
    [InlineData(false, false, false, FindingStatus.NotApplicable)]
    [InlineData(true, false, false, FindingStatus.Fail)]
    [InlineData(true, true, false, FindingStatus.Partial)]
    [InlineData(true, false, true, FindingStatus.Partial)]
    [InlineData(true, true, true, FindingStatus.Pass)]
    public void Autoscaling_Wants_An_Autoscaler_And_A_Disruption_Budget_For_Kubernetes_Workloads(bool workloads, bool autoscaler, bool budget, FindingStatus status)
    {
        var finding = OnRepository("scaling.autoscaling", Table(t =>
        {
            if (workloads)
                t.AddObject(FactKeys.KubernetesWorkloads, new System.Text.Json.Nodes.JsonObject { ["path"] = "k8s/web.yaml", ["kind"] = "Deployment", ["name"] = "web" }, new Evidence("k8s/web.yaml", 1));
            if (autoscaler)
                t.Add(FactKeys.Autoscaling, "hpa", new Evidence("k8s/hpa.yaml", 1));
            if (budget)
                t.Count(FactKeys.DisruptionBudgets, 1, new Evidence("k8s/pdb.yaml", 1));
        }));

        Assert.Equal(status, finding.Status);
    }
}

/// <summary>
/// Shaped after the tune corpus: a Go CI server shipped as images that keeps its state in Postgres or MySQL (can run
/// twice), a blogging engine whose images default to an embedded SQLite file (cannot), a Node starter with no
/// deployment at all but MongoDB (could, once deployed), and a compose file alone (one host).
/// </summary>
public sealed class HorizontalScalingAnalyzerTests
{
    private static FactTable Repository(string[] platforms, string[] engines) => Table(t =>
    {
        foreach (var platform in platforms)
            t.Add(FactKeys.Platforms, platform, new Evidence("Dockerfile", 1));
        foreach (var engine in engines)
            t.Add(FactKeys.DatabaseEngines, engine, new Evidence("server/store/engine.go", 3));
    });

    [Theory]
    [InlineData(new[] { "docker" }, new[] { "postgres", "mysql", "sqlite" }, FindingStatus.Pass, 1.0)]
    [InlineData(new[] { "docker", "docker-compose" }, new string[0], FindingStatus.Pass, 1.0)]
    [InlineData(new[] { "docker" }, new[] { "sqlite" }, FindingStatus.Partial, 0.5)]
    [InlineData(new string[0], new[] { "mongodb" }, FindingStatus.Partial, 0.5)]
    [InlineData(new[] { "docker-compose", "systemd" }, new[] { "sqlite" }, FindingStatus.Fail, 0.0)]
    public void An_application_scales_out_when_it_is_deployed_as_a_service_and_keeps_its_state_in_a_server(string[] platforms, string[] engines, FindingStatus status, double score)
    {
        var finding = OnRepository("scaling.horizontal", Repository(platforms, engines));

        Assert.Equal((status, score), (finding.Status, finding.Score));
        if (status != FindingStatus.Pass)
            Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }
}
