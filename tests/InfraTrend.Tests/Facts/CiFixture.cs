using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>Builds a repository from (path, text) pairs and reads its facts, for the CI, deployment and operations fact tests.</summary>
internal static class CiFixture
{
    public static FactTable Read(params (string Path, string Text)[] files) => Extract(files).Repository;

    public static RepositoryFacts Extract(params (string Path, string Text)[] files)
    {
        using var repo = TestRepository.Create();
        foreach (var (path, text) in files)
            repo.Write(path, text);
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Facts;
    }

    /// <summary>Evidence of a fact as "path:line" strings, for short asserts.</summary>
    public static IReadOnlyList<string> Where(this FactTable facts, string key) => facts.EvidenceOf(key).Select(e => e.ToString()).ToList();

    public static IReadOnlyList<string> Where(this FactTable facts, string key, string item) => facts.EvidenceOf(key, item).Select(e => e.ToString()).ToList();

    /// <summary>stack.runtimeSources as "runtime version path:line kind".</summary>
    public static IReadOnlyList<string> Pins(this FactTable facts) =>
        facts.Objects(FactKeys.RuntimeSources)
            .Select(o => $"{o["runtime"]} {o["version"]} {o["path"]}:{o["line"]} {o["kind"]}")
            .ToList();
}
