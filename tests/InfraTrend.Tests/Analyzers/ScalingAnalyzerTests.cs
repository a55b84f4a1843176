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
