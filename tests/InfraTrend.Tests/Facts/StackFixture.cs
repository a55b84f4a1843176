using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>Reads a fixture repository's facts the way an audit does, for the Ruby and Java fact tests.</summary>
internal static class StackFixture
{
    public static RepositoryFacts ReadFacts(TestRepository repo)
    {
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Facts;
    }

    /// <summary>The facts of the part at <paramref name="path"/>, which must exist.</summary>
    public static FactTable PartAt(RepositoryFacts facts, string path) => facts.Parts.Single(p => p.Path == path).Facts;

    public static string KindOf(RepositoryFacts facts, string path) => facts.Parts.Single(p => p.Path == path).Kind;
}
