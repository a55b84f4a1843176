using System.Text.RegularExpressions;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

public class FactExtractorTests
{
    /// <summary>A source whose pattern backtracks without end on the README (the shape of a bug that once hung an audit).</summary>
    private sealed class RunawayPatternSource : IFactSource
    {
        private static readonly Regex Runaway = new(@"^(?:(?:[ \t]+|-)[^\n]*\n?)*?name:\s*alerts$", RegexOptions.Multiline, TimeSpan.FromMilliseconds(200));

        public void Collect(FactContext context)
        {
            foreach (var file in context.Snapshot.Files)
                if (context.Snapshot.ReadText(file.Path) is { } text)
                    Runaway.IsMatch(text);
        }
    }

    private sealed class LaterSource : IFactSource
    {
        public bool Ran { get; private set; }

        public void Collect(FactContext context) => Ran = true;
    }

    [Fact]
    public void A_source_whose_pattern_gives_up_is_a_warning_and_the_other_sources_still_run()
    {
        using var repo = TestRepository.Create()
            .Write("README.md", "# svc\n" + string.Concat(Enumerable.Repeat("    repository: oci://registry-1.docker.io/example-charts-and-more\n", 40)))
            .Write("package.json", """{ "name": "svc", "dependencies": { "express": "4.19.0" } }""");
        repo.Commit("fixture");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        var later = new LaterSource();

        var (_, warnings) = FactExtractor.Extract(snapshot, sources: [new RunawayPatternSource(), later]);

        var warning = Assert.Single(warnings);
        Assert.Contains("RunawayPatternSource stopped", warning.Message);
        Assert.Contains("0.2 s", warning.Message);
        Assert.True(later.Ran);
    }

    [Fact]
    public void Sources_side_by_side_give_the_facts_and_warnings_of_the_same_sources_one_after_another()
    {
        // Several ecosystems writing the same order-keeping facts (runtime pins, package managers), a part with a
        // database its migrations cover, and a project file that does not parse (a warning).
        using var repo = SampleRepositories.NodeExpressPrismaOnRender();
        repo.Write("api/Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>""")
            .Write("api/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapHealthChecks(\"/health\");\napp.Run();\n")
            .Write("broken/Broken.csproj", "<Project")
            .Write("worker/requirements.txt", "celery==5.3.0\nsentry-sdk==1.40.0\n")
            .Write("worker/.python-version", "3.12.1\n")
            .Write("worker/Dockerfile", "FROM python:3.12-slim\nCMD [\"celery\", \"-A\", \"tasks\", \"worker\"]\n")
            .Write(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with: { node-version: 20 }\n      - uses: actions/setup-dotnet@v4\n        with: { dotnet-version: 8.0.x }\n      - run: pnpm test\n");
        repo.Commit("more stacks");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);

        var (serial, serialWarnings) = FactExtractor.Extract(snapshot, sources: FactSources.All.Select(s => s.Create()).ToList());
        var (parallel, parallelWarnings) = FactExtractor.Extract(snapshot);

        Assert.NotEmpty(serial.Repository.Objects(FactKeys.RuntimeSources));
        Assert.NotEmpty(serialWarnings);
        Assert.Equal(serial.ToStorageJson().ToJsonString(), parallel.ToStorageJson().ToJsonString());
        Assert.Equal(serialWarnings, parallelWarnings);
    }
}
