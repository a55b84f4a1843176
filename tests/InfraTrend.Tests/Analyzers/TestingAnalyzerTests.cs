using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class TestingAnalyzerTests
{
    [Fact]
    public void Tests_Present_Passes_And_Says_How_Many_With_Which_Frameworks()
    {
        var finding = OnPart("testing.tests-present", Part("service", t =>
        {
            t.Count(FactKeys.TestFiles, 444, new Evidence("backend/src/app.test.ts", 0));
            t.Add(FactKeys.TestFrameworks, "vitest");
        }), Table(t => t.Flag(FactKeys.RunsTests, new Evidence(".github/workflows/ci.yml", 20))));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Equal("444 test files (vitest).", finding.Message);
    }

    [Theory]
    [InlineData("web", "react", "", "pnpm add -D vitest @testing-library/react jsdom")]
    [InlineData("web", "react", "jest", "pnpm add -D vitest @testing-library/react jsdom")]
    [InlineData("web", "nextjs", "jest", "pnpm add -D jest")]
    [InlineData("service", "express", "", "pnpm add -D jest")]
    [InlineData("service", "express", "vitest", "pnpm add -D vitest")]
    public void Tests_Missing_In_A_Node_Part_Use_Vitest_For_A_Vite_Front_End_Else_The_Repositorys_Framework(string kind, string framework, string repositoryFramework, string expected)
    {
        var repository = Table(t =>
        {
            t.Node("pnpm");
            if (repositoryFramework.Length > 0)
                t.Add(FactKeys.TestFrameworks, repositoryFramework);
        });
        var part = Part(kind, t =>
        {
            t.Add(FactKeys.Languages, "typescript");
            t.Add(FactKeys.Frameworks, framework);
        }, path: "frontend");

        var finding = OnPart("testing.tests-present", part, repository);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.StartsWith(expected + ",", finding.Fix);
    }

    [Fact]
    public void Tests_Missing_In_A_DotNet_Part_Create_An_Xunit_Project_For_It()
    {
        var part = new PartFacts("src/Orders.Api", "Orders.Api", "service") { Facts = Table(t => t.DotNet()) };

        var finding = OnPart("testing.tests-present", part);

        Assert.StartsWith("dotnet new xunit -o tests/Orders.Api.Tests && dotnet add tests/Orders.Api.Tests reference src/Orders.Api/Orders.Api.csproj", finding.Fix);
    }

    [Fact]
    public void Tests_Are_Scored_Per_Part_And_Averaged()
    {
        var backend = Part("service", t => t.Count(FactKeys.TestFiles, 10), path: "backend");
        var frontend = Part("web", path: "frontend");

        var evaluation = Evaluation.Evaluate(new RepositoryFacts { Repository = Table(t => t.Flag(FactKeys.RunsTests, new Evidence(".github/workflows/ci.yml", 20))), Parts = [backend, frontend] });

        var result = evaluation.Results.Single(r => r.Analyzer.Id == "testing.tests-present");
        Assert.Equal(0.5, result.Score);
        Assert.Equal(["testing.tests-present|frontend|part"], evaluation.Tasks.Where(t => t.AnalyzerId == "testing.tests-present").Select(t => t.Id));
    }

    [Fact]
    public void Performance_Tests()
    {
        var present = OnRepository("testing.performance-tests", Table(t => t.Add(FactKeys.PerformanceTests, "k6", new Evidence("load/smoke.js", 0))));
        var absent = OnRepository("testing.performance-tests", Table());

        Assert.Equal(FindingStatus.Pass, present.Status);
        Assert.Equal(FindingStatus.Fail, absent.Status);
        Assert.Contains("k6 run", absent.Fix);
    }
}

/// <summary>Shaped after a tutorial Flask application with a test suite and no pipeline at all.</summary>
public sealed class TestsNoPipelineRunsTests
{
    [Fact]
    public void Tests_that_no_pipeline_runs_count_for_half()
    {
        var part = AnalyzerHarness.Part("app", t => t.Count(FactKeys.TestFiles, 4, new Evidence("tests/test_basics.py", 1)), path: ".");

        var unrun = AnalyzerHarness.OnPart("testing.tests-present", part, AnalyzerHarness.Table());
        var run = AnalyzerHarness.OnPart("testing.tests-present", part, AnalyzerHarness.Table(t => t.Flag(FactKeys.RunsTests, new Evidence(".github/workflows/ci.yml", 12))));

        Assert.Equal((FindingStatus.Partial, 0.5), (unrun.Status, unrun.Score));
        Assert.Contains("no pipeline runs them", unrun.Message);
        Assert.Equal(FindingStatus.Pass, run.Status);
    }
}
