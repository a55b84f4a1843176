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
}
