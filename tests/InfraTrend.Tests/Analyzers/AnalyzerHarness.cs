using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Facts;

namespace InfraTrend.Tests.Analyzers;

/// <summary>Runs one registered analyzer on facts a test builds in a few lines, the way the evaluation runs it.</summary>
internal static class AnalyzerHarness
{
    /// <summary>The single finding of a repository-scoped analyzer.</summary>
    public static Finding OnRepository(string id, FactTable repository) => Findings(id, repository, null).Single();

    /// <summary>The single finding of a per-part analyzer for <paramref name="part"/>.</summary>
    public static Finding OnPart(string id, PartFacts part, FactTable? repository = null) => Findings(id, repository ?? new FactTable(), part).Single();

    public static IReadOnlyList<Finding> Findings(string id, FactTable repository, PartFacts? part)
    {
        var descriptor = AnalyzerRegistry.Find(id) ?? throw new ArgumentException($"no analyzer '{id}'", nameof(id));
        Assert.Equal(part is null ? AnalyzerScope.Repository : AnalyzerScope.Part, descriptor.Scope);
        return descriptor.Create().Analyze(new AnalyzerContext(part?.Facts ?? repository, repository, part)).ToList();
    }

    public static FactTable Table(Action<FactTable>? build = null)
    {
        var table = new FactTable();
        build?.Invoke(table);
        return table;
    }

    public static PartFacts Part(string kind, Action<FactTable>? build = null, string path = "backend") =>
        new(path, path, kind) { Facts = Table(build) };

    /// <summary>A TypeScript codebase managed with <paramref name="manager"/> (the languages go to the part, the manager to the repository).</summary>
    public static void Node(this FactTable table, string manager = "pnpm")
    {
        table.Add(FactKeys.Languages, "typescript");
        table.SetEntry(FactKeys.PackageManagers, manager, null);
    }

    public static void DotNet(this FactTable table)
    {
        table.Add(FactKeys.Languages, "csharp");
        table.SetEntry(FactKeys.PackageManagers, "nuget", null);
    }

    public static void Dockerfile(this FactTable table, string path, bool nonRootUser = false, bool pinnedBase = false, bool healthcheck = false, bool multiStage = false) =>
        table.AddObject(
            FactKeys.Dockerfiles,
            new JsonObject
            {
                ["path"] = path,
                ["line"] = 1,
                ["nonRootUser"] = nonRootUser,
                ["pinnedBase"] = pinnedBase,
                ["healthcheck"] = healthcheck,
                ["multiStage"] = multiStage,
            },
            new Evidence(path, 1));

    public static void RuntimeSource(this FactTable table, string runtime, string version, string path, int line = 1) =>
        table.AddObject(FactKeys.RuntimeSources, new JsonObject { ["runtime"] = runtime, ["version"] = version, ["path"] = path }, new Evidence(path, line));
}
