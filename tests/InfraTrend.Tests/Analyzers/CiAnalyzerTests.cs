using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class CiAnalyzerTests
{
    [Theory]
    [InlineData("ci.builds", FactKeys.RunsBuild)]
    [InlineData("ci.tests", FactKeys.RunsTests)]
    [InlineData("ci.lint-or-typecheck", FactKeys.RunsLint)]
    [InlineData("ci.lint-or-typecheck", FactKeys.RunsTypecheck)]
    public void A_Pipeline_Step_Passes_And_Its_Absence_Fails(string id, string key)
    {
        var evidence = new Evidence(".github/workflows/ci.yml", 30);

        // The repository has tests for the step to run (a test step without test files tests nothing).
        var with = OnRepository(id, Table(t =>
        {
            t.Flag(key, evidence);
            t.Count(FactKeys.TestFiles, 3);
        }));
        var without = OnRepository(id, Table(t => t.Count(FactKeys.TestFiles, 3)));

        Assert.Equal(FindingStatus.Pass, with.Status);
        Assert.Equal([evidence], with.Evidence);
        Assert.Equal(FindingStatus.Fail, without.Status);
    }

    [Fact]
    public void Pipeline_Passes_And_Counts_The_Workflow_Files()
    {
        var finding = OnRepository("ci.pipeline", Table(t =>
        {
            t.Add(FactKeys.CiSystems, "github-actions", new Evidence(".github/workflows/ci.yml", 0));
            t.Count(FactKeys.WorkflowFiles, 1);
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Equal("CI is configured: github-actions (1 pipeline file).", finding.Message);
    }

    [Theory]
    [InlineData("pnpm", "pnpm install --frozen-lockfile && pnpm run build && pnpm run test")]
    [InlineData("npm", "npm ci && npm run build && npm test")]
    [InlineData("yarn", "yarn install --frozen-lockfile && yarn build && yarn test")]
    public void Pipeline_Fix_Runs_The_Repositorys_Package_Manager(string manager, string expected)
    {
        var finding = OnRepository("ci.pipeline", Table(t => t.Node(manager)));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains(expected, finding.Fix);
    }

    [Fact]
    public void Pipeline_Fix_For_DotNet_Restores_Builds_And_Tests()
    {
        var finding = OnRepository("ci.pipeline", Table(t => t.DotNet()));

        Assert.Contains("actions/setup-dotnet, then dotnet restore && dotnet build --no-restore && dotnet test", finding.Fix);
    }

    [Fact]
    public void Tests_Fix_Adds_A_Step_To_An_Existing_Pipeline()
    {
        var finding = OnRepository("ci.tests", Table(t =>
        {
            t.Node("pnpm");
            t.Add(FactKeys.CiSystems, "github-actions");
        }));

        Assert.Equal("The pipeline never runs the tests.", finding.Message);
        Assert.StartsWith("Add a test step to the pipeline: pnpm run test", finding.Fix);
    }

    [Theory]
    [InlineData(true, true, "a linter and a type check.")]
    [InlineData(true, false, "a linter.")]
    [InlineData(false, true, "a type check.")]
    public void Lint_Or_Typecheck_Says_Which_Runs(bool lint, bool typecheck, string expected)
    {
        var finding = OnRepository("ci.lint-or-typecheck", Table(t =>
        {
            if (lint)
                t.Flag(FactKeys.RunsLint);
            if (typecheck)
                t.Flag(FactKeys.RunsTypecheck);
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.EndsWith(expected, finding.Message);
    }

    [Fact]
    public void Lint_Fix_Adds_A_Type_Check_For_TypeScript()
    {
        var finding = OnRepository("ci.lint-or-typecheck", Table(t => t.Node("pnpm")));

        Assert.Equal("Add a step to the pipeline: pnpm exec eslint . && pnpm exec tsc --noEmit.", finding.Fix);
    }

    [Theory]
    [InlineData("pnpm-audit", FindingStatus.Pass)]
    [InlineData("dotnet-vulnerable", FindingStatus.Pass)]
    [InlineData("osv-scanner", FindingStatus.Pass)]
    [InlineData("trivy", FindingStatus.Pass)]
    [InlineData("grype", FindingStatus.Pass)]
    [InlineData("govulncheck", FindingStatus.Pass)]
    [InlineData("dependency-check", FindingStatus.Pass)]
    [InlineData("dependency-review", FindingStatus.Pass)]
    [InlineData("codeql", FindingStatus.Partial)]
    [InlineData("semgrep", FindingStatus.Partial)]
    [InlineData("hadolint", FindingStatus.Fail)]
    public void Dependency_Audit_Counts_Only_Dependency_Auditors(string scanner, FindingStatus status)
    {
        var finding = OnRepository("ci.dependency-audit", Table(t => t.Add(FactKeys.SecurityScanners, scanner, new Evidence(".github/workflows/ci.yml", 50))));

        Assert.Equal(status, finding.Status);
    }

    [Fact]
    public void Dependency_Audit_Gives_Nothing_To_A_Dependency_Bot_Without_An_Audit_Step()
    {
        var bot = OnRepository("ci.dependency-audit", Table(t => t.SetText(FactKeys.DependencyBot, "dependabot", new Evidence(".github/dependabot.yml", 0))));
        var both = OnRepository("ci.dependency-audit", Table(t =>
        {
            t.SetText(FactKeys.DependencyBot, "dependabot", new Evidence(".github/dependabot.yml", 0));
            t.Add(FactKeys.SecurityScanners, "npm-audit", new Evidence(".github/workflows/ci.yml", 50));
        }));

        // ci.dependency-updates counts the bot; this rule asks whether a change that adds a vulnerable dependency is checked.
        Assert.Equal(FindingStatus.Fail, bot.Status);
        Assert.Contains("dependabot", bot.Message);
        Assert.Equal(FindingStatus.Pass, both.Status);
    }

    [Theory]
    [InlineData("ruby", null, true)]
    [InlineData("python", null, true)]
    [InlineData("javascript", null, true)]
    [InlineData("typescript", null, false)]
    [InlineData("go", null, false)]
    [InlineData("ruby", "skip-tests", false)]
    public void Builds_Passes_For_An_Interpreted_Stack_Whose_Pipeline_Runs_The_Tests(string language, string? variant, bool passes)
    {
        var finding = OnRepository("ci.builds", Table(t =>
        {
            t.Add(FactKeys.Languages, language);
            t.Add(FactKeys.CiSystems, "github-actions", new Evidence(".github/workflows/check.yml", 0));
            if (variant != "skip-tests")
                t.Flag(FactKeys.RunsTests, new Evidence(".github/workflows/check.yml", 20));
        }));

        Assert.Equal(passes ? FindingStatus.Pass : FindingStatus.Fail, finding.Status);
        if (passes)
            Assert.Contains("Nothing to compile", finding.Message);
    }

    [Theory]
    [InlineData("pnpm", "pnpm audit --prod")]
    [InlineData("npm", "npm audit --omit=dev")]
    [InlineData("nuget", "dotnet list package --vulnerable")]
    public void Dependency_Audit_Fix_Uses_The_Stacks_Auditor(string manager, string expected)
    {
        var finding = OnRepository("ci.dependency-audit", Table(t =>
        {
            if (manager == "nuget")
                t.DotNet();
            else
                t.Node(manager);
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains(expected, finding.Fix);
    }

    [Fact]
    public void Dependency_Updates_Pass_With_A_Bot_And_Fix_Names_The_Ecosystem()
    {
        var pass = OnRepository("ci.dependency-updates", Table(t => t.SetText(FactKeys.DependencyBot, "renovate", new Evidence("renovate.json", 0))));
        var dotnet = OnRepository("ci.dependency-updates", Table(t => t.DotNet()));
        var node = OnRepository("ci.dependency-updates", Table(t => t.Node("pnpm")));

        Assert.Equal(FindingStatus.Pass, pass.Status);
        Assert.Contains("renovate", pass.Message);
        Assert.Contains("package-ecosystem: nuget", dotnet.Fix);
        Assert.Contains("package-ecosystem: npm", node.Fix);
    }

    [Theory]
    [InlineData("all", FindingStatus.Pass, 1.0)]
    [InlineData("some", FindingStatus.Partial, 0.5)]
    [InlineData("none", FindingStatus.Fail, 0.0)]
    [InlineData(null, FindingStatus.NotApplicable, 0.0)]
    public void Actions_Pinned_By_Sha(string? pinned, FindingStatus status, double score)
    {
        var finding = OnRepository("ci.actions-pinned", Table(t => t.SetText(FactKeys.ActionsPinnedBySha, pinned)));

        Assert.Equal((status, score), (finding.Status, finding.Score));
    }

    [Theory]
    [InlineData(true, FindingStatus.Pass)]
    [InlineData(false, FindingStatus.Fail)]
    [InlineData(null, FindingStatus.NotApplicable)]
    public void Workflow_Permissions(bool? set, FindingStatus status)
    {
        var finding = OnRepository("ci.workflow-permissions", Table(t =>
        {
            if (set is { } value)
                t.Flag(FactKeys.WorkflowPermissionsSet, new Evidence(".github/workflows/ci.yml", 1), value);
        }));

        Assert.Equal(status, finding.Status);
    }
}
