using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class DeploymentAnalyzerTests
{
    [Fact]
    public void Descriptor_Passes_With_A_Platform_And_Names_It()
    {
        var finding = OnRepository("deployment.descriptor", Table(t => t.Add(FactKeys.Platforms, "render", new Evidence("render.yaml", 1))));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("render", finding.Message);
        Assert.Equal([new Evidence("render.yaml", 1)], finding.Evidence);
    }

    [Fact]
    public void Descriptor_Fails_Without_A_Platform_With_A_Dockerfile_For_The_Pinned_Runtime()
    {
        var finding = OnRepository("deployment.descriptor", Table(t =>
        {
            t.Node();
            t.SetEntry(FactKeys.Runtimes, "node", "20.19.0");
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("FROM node:20.19.0-slim", finding.Fix);
    }

    [Theory]
    [InlineData("node", "\"engines\"")]
    [InlineData("dotnet", "globaljson")]
    [InlineData("unknown", "Pin the runtime version")]
    public void Runtime_Not_Pinned_Fails_With_The_Stacks_Way_Of_Pinning(string stack, string expected)
    {
        var repository = Table(t =>
        {
            if (stack == "node")
                t.Node();
            if (stack == "dotnet")
                t.DotNet();
        });

        var finding = OnRepository("deployment.runtime-pinned", repository);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains(expected, finding.Fix);
    }

    [Fact]
    public void Runtime_Pinned_Passes_And_Names_The_Version()
    {
        var finding = OnRepository("deployment.runtime-pinned", Table(t =>
        {
            t.Flag(FactKeys.RuntimePinned, new Evidence("nixpacks.toml", 2));
            t.SetEntry(FactKeys.Runtimes, "node", "20.19.0");
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("node 20.19.0", finding.Message);
    }

    [Theory]
    [InlineData(true, false, FindingStatus.Pass, "pipeline deploys")]
    [InlineData(false, true, FindingStatus.Pass, "declared")]
    [InlineData(true, true, FindingStatus.Pass, "also deploys on push")]
    [InlineData(false, false, FindingStatus.Fail, "Nothing deploys")]
    public void Automated_Deployment_Says_What_Deploys(bool pipeline, bool platform, FindingStatus status, string expected)
    {
        var finding = OnRepository("deployment.automated", Table(t =>
        {
            if (pipeline)
                t.Flag(FactKeys.Deploys, new Evidence(".github/workflows/ci.yml", 40));
            if (platform)
                t.Flag(FactKeys.AutoDeploy, new Evidence("render.yaml", 5));
        }));

        Assert.Equal(status, finding.Status);
        Assert.Contains(expected, finding.Message);
    }

    [Fact]
    public void Automated_Deployment_Passes_When_A_Pipeline_Publishes_The_Release()
    {
        var publishes = OnRepository("deployment.automated", Table(t =>
        {
            t.Flag(FactKeys.Publishes, new Evidence(".github/workflows/docker-publish.yml", 63));
            t.Add(FactKeys.Platforms, "docker", new Evidence("Dockerfile", 1));
        }));

        Assert.Equal(FindingStatus.Pass, publishes.Status);
        Assert.Contains("publishes the release", publishes.Message);
        Assert.Equal([new Evidence(".github/workflows/docker-publish.yml", 63)], publishes.Evidence);
    }

    [Fact]
    public void Automated_Deployment_Fix_Uses_The_Platform()
    {
        var finding = OnRepository("deployment.automated", Table(t => t.Add(FactKeys.Platforms, "render")));

        Assert.Contains("autoDeploy: true", finding.Fix);
    }

    [Fact]
    public void Environment_Parity_Passes_When_A_Major_Version_Agrees_With_A_Full_One()
    {
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            t.RuntimeSource("node", "20", ".github/workflows/ci.yml", 12);
            t.RuntimeSource("node", "20.19.0", "nixpacks.toml", 3);
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("node in 2 places", finding.Message);
    }

    [Fact]
    public void Environment_Parity_Fails_Naming_Each_Place_And_Version()
    {
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            t.RuntimeSource("node", "20.19.0", ".nvmrc");
            t.RuntimeSource("node", "18", "Dockerfile");
            t.RuntimeSource("dotnet", "8.0", "global.json");
            t.SetEntry(FactKeys.Runtimes, "node", "20.19.0");
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("node 20.19.0 in .nvmrc, 18 in Dockerfile", finding.Message);
        Assert.Contains("node 20.19.0", finding.Fix);
        Assert.Equal([".nvmrc", "Dockerfile"], finding.Evidence.Select(e => e.Path));
    }

    [Fact]
    public void Environment_Parity_Fails_When_Two_Full_Versions_Differ_Even_If_Each_Agrees_With_The_Major()
    {
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            t.RuntimeSource("node", "20", "package.json");
            t.RuntimeSource("node", "20.19.0", ".nvmrc");
            t.RuntimeSource("node", "20.11.1", "Dockerfile");
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
    }

    [Fact]
    public void Environment_Parity_Leaves_The_Sdk_Of_Global_Json_Out_Of_The_Comparison()
    {
        // SDK 10 builds a net8.0 application: the two do not disagree.
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            t.RuntimeSource("dotnet", "10.0", "global.json");
            t.RuntimeSource("dotnet", "8.0", "src/Api/Api.csproj");
            t.RuntimeSource("dotnet", "8.0", "Dockerfile");
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
    }

    [Fact]
    public void Environment_Parity_Does_Not_Apply_Without_A_Runtime_Pinned_Twice()
    {
        var finding = OnRepository("deployment.environment-parity", Table(t =>
        {
            t.RuntimeSource("node", "20", ".nvmrc");
            t.RuntimeSource("python", "3.12", ".python-version");
        }));

        Assert.Equal(FindingStatus.NotApplicable, finding.Status);
    }

    [Fact]
    public void Health_Check_Does_Not_Apply_Without_A_Platform()
    {
        Assert.Equal(FindingStatus.NotApplicable, OnRepository("deployment.health-check", Table()).Status);
    }

    [Fact]
    public void Health_Check_Passes_On_A_Declared_Platform_Check_And_Says_It_Is_Declared()
    {
        var finding = OnRepository("deployment.health-check", Table(t =>
        {
            t.Add(FactKeys.Platforms, "render");
            t.Add(FactKeys.PlatformHealthCheck, "/health", new Evidence("render.yaml", 9));
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("declared, not observed", finding.Message);
        Assert.Equal([new Evidence("render.yaml", 9)], finding.Evidence);
    }

    [Fact]
    public void Health_Check_Passes_On_A_Dockerfile_Healthcheck()
    {
        var finding = OnRepository("deployment.health-check", Table(t =>
        {
            t.Add(FactKeys.Platforms, "docker");
            t.Dockerfile("Dockerfile", healthcheck: true);
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("HEALTHCHECK in Dockerfile", finding.Message);
    }

    [Fact]
    public void Health_Check_Fails_With_The_Platforms_Setting_For_The_Served_Route()
    {
        var finding = OnRepository("deployment.health-check", Table(t =>
        {
            t.Add(FactKeys.Platforms, "render");
            t.Add(FactKeys.HealthRoutes, "/api/health");
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("Set healthCheckPath: /api/health on the web service in render.yaml", finding.Fix);
    }

    [Theory]
    [InlineData(false, false, FindingStatus.NotApplicable)]
    [InlineData(true, false, FindingStatus.Fail)]
    [InlineData(true, true, FindingStatus.Pass)]
    public void Resource_Limits_Apply_Only_With_A_Platform(bool platform, bool limits, FindingStatus status)
    {
        var finding = OnRepository("deployment.resource-limits", Table(t =>
        {
            if (platform)
                t.Add(FactKeys.Platforms, "kubernetes");
            if (limits)
                t.Flag(FactKeys.ResourceLimits, new Evidence("k8s/deployment.yaml", 20));
        }));

        Assert.Equal(status, finding.Status);
    }

    [Theory]
    [InlineData("terraform", FindingStatus.Pass, 1.0)]
    [InlineData("render,kubernetes", FindingStatus.Pass, 1.0)]
    [InlineData("render,nixpacks", FindingStatus.Partial, 0.5)]
    [InlineData("docker-compose", FindingStatus.Partial, 0.5)]
    [InlineData("docker", FindingStatus.Fail, 0.0)]
    [InlineData("", FindingStatus.Fail, 0.0)]
    public void Infrastructure_As_Code_Counts_A_Platform_Blueprint_For_Half(string platforms, FindingStatus status, double score)
    {
        var finding = OnRepository("deployment.infrastructure-as-code", Table(t =>
        {
            foreach (var platform in platforms.Split(',', StringSplitOptions.RemoveEmptyEntries))
                t.Add(FactKeys.Platforms, platform);
        }));

        Assert.Equal((status, score), (finding.Status, finding.Score));
    }

    [Theory]
    [InlineData("deployment.dockerfile-non-root")]
    [InlineData("deployment.dockerfile-pinned-base")]
    [InlineData("deployment.dockerfile-healthcheck")]
    [InlineData("deployment.dockerfile-multi-stage")]
    public void Dockerfile_Analyzers_Do_Not_Apply_Without_A_Dockerfile(string id)
    {
        Assert.Equal(FindingStatus.NotApplicable, OnRepository(id, Table()).Status);
    }

    [Theory]
    [InlineData("deployment.dockerfile-non-root")]
    [InlineData("deployment.dockerfile-pinned-base")]
    [InlineData("deployment.dockerfile-healthcheck")]
    [InlineData("deployment.dockerfile-multi-stage")]
    public void Dockerfile_Analyzers_Judge_Each_Dockerfile_On_Its_Own(string id)
    {
        var repository = Table(t =>
        {
            t.Node();
            t.Dockerfile("api/Dockerfile", nonRootUser: true, pinnedBase: true, healthcheck: true, multiStage: true);
            t.Dockerfile("worker/Dockerfile");
        });

        var findings = Findings(id, repository, null);

        Assert.Equal(["api/Dockerfile", "worker/Dockerfile"], findings.Select(f => f.Subject));
        Assert.Equal([FindingStatus.Pass, FindingStatus.Fail], findings.Select(f => f.Status));
        Assert.Equal([new Evidence("worker/Dockerfile", 1)], findings[1].Evidence);
        Assert.Contains("worker/Dockerfile", findings[1].Message);
    }

    [Fact]
    public void A_Dockerfile_Analyzer_Weighs_The_Same_However_Many_Dockerfiles_There_Are()
    {
        var repository = Table(t =>
        {
            t.Dockerfile("api/Dockerfile", nonRootUser: true);
            t.Dockerfile("worker/Dockerfile");
        });

        var evaluation = Evaluation.Evaluate(new RepositoryFacts { Repository = repository, Parts = [] });

        Assert.Equal(0.5, evaluation.Results.Single(r => r.Analyzer.Id == "deployment.dockerfile-non-root").Score);
    }

    [Theory]
    [InlineData("node", "USER node")]
    [InlineData("dotnet", "USER $APP_UID")]
    [InlineData("unknown", "useradd")]
    public void Dockerfile_Non_Root_Fix_Uses_The_Images_Own_User(string stack, string expected)
    {
        var repository = Table(t =>
        {
            if (stack == "node")
                t.Node();
            if (stack == "dotnet")
                t.DotNet();
            t.Dockerfile("Dockerfile");
        });

        Assert.Contains(expected, OnRepository("deployment.dockerfile-non-root", repository).Fix);
    }

    [Fact]
    public void Dockerfile_Healthcheck_Fix_Works_Without_Curl_In_A_Node_Image()
    {
        var finding = OnRepository("deployment.dockerfile-healthcheck", Table(t =>
        {
            t.Node();
            t.Dockerfile("Dockerfile");
        }));

        Assert.Contains("HEALTHCHECK", finding.Fix);
        Assert.Contains("node -e", finding.Fix);
        Assert.DoesNotContain("curl", finding.Fix);
    }
}
