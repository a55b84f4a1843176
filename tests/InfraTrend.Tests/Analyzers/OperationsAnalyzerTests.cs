using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class OperationsAnalyzerTests
{
    [Theory]
    [InlineData("operations.license", FactKeys.License)]
    [InlineData("operations.contributing", FactKeys.Contributing)]
    [InlineData("operations.changelog", FactKeys.Changelog)]
    [InlineData("operations.codeowners", FactKeys.Codeowners)]
    [InlineData("operations.runbooks", FactKeys.Runbooks)]
    [InlineData("operations.incident-response", FactKeys.IncidentResponse)]
    [InlineData("operations.disaster-recovery", FactKeys.DisasterRecovery)]
    [InlineData("operations.architecture-docs", FactKeys.ArchitectureDocs)]
    [InlineData("operations.slos", FactKeys.Slos)]
    [InlineData("operations.improvement-targets", FactKeys.TargetsDeclared)]
    public void A_Document_Passes_When_Present_And_Fails_With_A_Fix_When_Absent(string id, string key)
    {
        var evidence = new Evidence("docs/some.md", 0);

        var present = OnRepository(id, Table(t => t.Flag(key, evidence)));
        var absent = OnRepository(id, Table());

        Assert.Equal(FindingStatus.Pass, present.Status);
        Assert.Equal([evidence], present.Evidence);
        Assert.Equal(FindingStatus.Fail, absent.Status);
        Assert.False(string.IsNullOrWhiteSpace(absent.Fix));
    }

    [Theory]
    [InlineData(new[] { "install", "run", "deploy" }, FindingStatus.Pass, 1.0)]
    [InlineData(new[] { "install" }, FindingStatus.Partial, 0.75)]
    [InlineData(new string[0], FindingStatus.Partial, 0.5)]
    public void Readme_Depth_Is_Install_And_Run_Sections(string[] sections, FindingStatus status, double score)
    {
        var finding = OnRepository("operations.readme", Table(t =>
        {
            t.Flag(FactKeys.Readme, new Evidence("README.md", 0));
            foreach (var section in sections)
                t.Add(FactKeys.ReadmeSections, section, new Evidence("README.md", 5));
        }));

        Assert.Equal((status, score), (finding.Status, finding.Score));
        Assert.Contains(new Evidence("README.md", 0), finding.Evidence);
        if (status == FindingStatus.Partial)
            Assert.Contains("section", finding.Fix);
    }

    [Fact]
    public void Runbooks_Count_A_Troubleshooting_Guide_For_Half()
    {
        var finding = OnRepository("operations.runbooks", Table(t => t.Flag(FactKeys.Troubleshooting, new Evidence("docs/troubleshooting.md", 0))));

        Assert.Equal((FindingStatus.Partial, 0.5), (finding.Status, finding.Score));
        Assert.Equal([new Evidence("docs/troubleshooting.md", 0)], finding.Evidence);
    }

    [Fact]
    public void Readme_Fix_Names_The_Stacks_Install_And_Test_Commands()
    {
        var finding = OnRepository("operations.readme", Table(t => t.Node("pnpm")));

        Assert.Contains("pnpm install --frozen-lockfile, pnpm run test", finding.Fix);
    }

    [Fact]
    public void Improvement_Targets_Fix_Points_At_Infratrend_Init()
    {
        Assert.Contains("infratrend init", OnRepository("operations.improvement-targets", Table()).Fix);
    }

    [Theory]
    [InlineData(true, "deploy", FindingStatus.Partial, 0.75)]
    [InlineData(true, "install", FindingStatus.Partial, 0.5)]
    [InlineData(false, null, FindingStatus.Fail, 0.0)]
    public void Deployment_Docs_Need_A_Deploy_Section_In_The_Readme(bool readme, string? section, FindingStatus status, double score)
    {
        var finding = OnRepository("operations.deployment-docs", Table(t =>
        {
            if (readme)
                t.Flag(FactKeys.Readme, new Evidence("README.md", 0));
            if (section is not null)
                t.Add(FactKeys.ReadmeSections, section, new Evidence("README.md", 40));
        }));

        Assert.Equal((status, score), (finding.Status, finding.Score));
    }

    [Fact]
    public void Deployment_Docs_Fix_Names_The_Platforms()
    {
        var finding = OnRepository("operations.deployment-docs", Table(t =>
        {
            t.Flag(FactKeys.Readme);
            t.Add(FactKeys.Platforms, "render");
        }));

        Assert.Contains("render configuration", finding.Fix);
    }

    [Fact]
    public void Api_Docs_Do_Not_Apply_Without_A_Server_Framework()
    {
        var finding = OnRepository("operations.api-docs", Table(t => t.Add(FactKeys.Frameworks, "react")));

        Assert.Equal(FindingStatus.NotApplicable, finding.Status);
    }

    [Theory]
    [InlineData("express", "pnpm add swagger-jsdoc swagger-ui-express")]
    [InlineData("nestjs", "pnpm add @nestjs/swagger")]
    public void Api_Docs_Fail_For_A_Server_Without_A_Description(string framework, string expected)
    {
        var finding = OnRepository("operations.api-docs", Table(t =>
        {
            t.Node("pnpm");
            t.Add(FactKeys.Frameworks, framework);
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.StartsWith(expected, finding.Fix);
    }

    [Fact]
    public void Api_Docs_Pass_With_An_OpenApi_Description()
    {
        var finding = OnRepository("operations.api-docs", Table(t =>
        {
            t.Add(FactKeys.Frameworks, "aspnetcore");
            t.Add(FactKeys.ApiDocs, "openapi", new Evidence("src/Api/openapi.json", 0));
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("openapi", finding.Message);
    }
}
