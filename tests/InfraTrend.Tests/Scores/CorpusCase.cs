using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Scores;

/// <summary>What every corpus-case test does: commit a hand-written fixture, extract its facts, pick one finding.</summary>
internal static class CorpusCase
{
    public static RepositoryFacts Extract(TestRepository repo)
    {
        repo.Commit("fixture");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Facts;
    }

    public static ScopedFinding Finding(Evaluation evaluation, string rule, string part = ".") =>
        evaluation.Findings.Single(f => f.Analyzer.Id == rule && f.PartPath == part);

    public const string WebProject = """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>""";

    /// <summary>
    /// A pipeline that runs the tests, for cases about what counts as a secret: without any pipeline, clean files earn half
    /// of security.no-committed-secrets (a test of its own).
    /// </summary>
    public const string CiWorkflow = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n";

    public const string ConsoleProject = """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>""";
}
