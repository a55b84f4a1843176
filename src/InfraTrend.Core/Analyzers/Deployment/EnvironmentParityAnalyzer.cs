using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.environment-parity",
    Category = Category.Deployment,
    Level = 3,
    Weight = 1,
    WeightReason = "Two pins that disagree mean development, CI and production run different runtimes; it is a narrow check, worth a single point.",
    Severity = Severity.Medium,
    Title = "Same runtime everywhere",
    LooksFor = "Every place a runtime version is pinned (.nvmrc, engines, global.json, Dockerfile base images, CI setup steps and images, platform variables) naming the same version; a CI matrix agrees when it includes the others' version, and a manifest minimum (engines >=18) when the others satisfy it.",
    WhyItMatters = "When the version file says one runtime and the Dockerfile or the pipeline another, a bug shows up in one environment only.",
    Remediation = "Make every pin name the same runtime version, or let the others read one version file (node-version-file: .nvmrc, global.json).")]
public sealed class EnvironmentParityAnalyzer : IAnalyzer
{
    // A manifest's runtime constraint for these is a minimum (engines ">=18", requires-python ">=3.10", go.mod's go line):
    // a newer runtime elsewhere satisfies it.
    private static readonly HashSet<string> MinimumInManifest = new(StringComparer.Ordinal) { "node", "python", "go", "php", "bun", "deno" };

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var byRuntime = context.Repository.Objects(FactKeys.RuntimeSources)
            .Select(o => (Runtime: o.Text("runtime"), Version: o.Text("version"), Path: o.Text("path"), Line: o.Whole("line"), Kind: o.Text("kind") ?? ""))
            .Where(s => s.Runtime is not null && s.Version is not null && s.Path is not null)
            // global.json pins the SDK, which builds every older target framework: it is not a runtime to agree with.
            .Where(s => !(s.Path!.EndsWith("global.json", StringComparison.Ordinal) && s.Runtime == "dotnet"))
            .GroupBy(s => s.Runtime!, StringComparer.Ordinal)
            .Select(g => (Runtime: g.Key, Sites: g.GroupBy(s => s.Path!, StringComparer.Ordinal)
                .Select(site => new Site(site.Key, site.Select(s => s.Version!).Distinct(StringComparer.Ordinal).ToList(), site.Min(s => s.Line), site.First().Kind))
                .ToList()))
            .Where(r => r.Sites.Count >= 2)
            .OrderBy(r => r.Runtime, StringComparer.Ordinal)
            .ToList();
        if (byRuntime.Count == 0)
            return [context.NotApplicable("No runtime is pinned in two places, so there is nothing to compare.")];

        var disagreeing = byRuntime
            .Where(r => r.Sites.Any(a => r.Sites.Any(b => !Agree(r.Runtime, a, b))))
            .ToList();
        if (disagreeing.Count == 0)
        {
            var agreed = byRuntime.Select(r =>
            {
                var matrices = r.Sites.Where(s => s.Kind == "ci" && s.Versions.Count > 1).Select(s => $"{s.Path} tests {string.Join(", ", s.Versions)}").ToList();
                var note = matrices.Count > 0 ? $"; the CI matrix ({string.Join("; ", matrices)}) includes it" : "";
                return $"{r.Runtime} in {r.Sites.Count} places ({string.Join(", ", r.Sites.Select(p => p.Path).Order(StringComparer.Ordinal))}){note}";
            });
            return [context.Pass($"Every runtime pin agrees: {string.Join("; ", agreed)}.", EvidenceOf(byRuntime.SelectMany(r => r.Sites)))];
        }

        var conflicts = disagreeing.Select(r =>
            $"{r.Runtime} {string.Join(", ", r.Sites.OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => $"{string.Join("/", p.Versions)} in {p.Path}{(p.Line > 0 ? $":{p.Line}" : "")}{Describe(p)}"))}");
        return
        [
            context.Fail(
                $"Runtime pins disagree: {string.Join("; ", conflicts)}.",
                $"Make every pin name one version, e.g. {string.Join(", ", disagreeing.Select(r => $"{r.Runtime} {Target(context, r.Runtime, r.Sites)}"))}, or point the others at one version file (node-version-file: .nvmrc in actions/setup-node, global.json for .NET).",
                EvidenceOf(disagreeing.SelectMany(r => r.Sites))),
        ];
    }

    /// <summary>Every place that pins a runtime: one file, with the versions it names (a CI matrix names several on purpose).</summary>
    private sealed record Site(string Path, IReadOnlyList<string> Versions, int Line, string Kind);

    /// <summary>Two sites agree when some version of one agrees with some version of the other (a matrix agrees when it includes the deployed version).</summary>
    private static bool Agree(string runtime, Site a, Site b) =>
        a.Versions.Any(x => b.Versions.Any(y =>
            Versions.Agree(x, y)
            || MinimumInManifest.Contains(runtime) && (a.Kind == "manifest" && CompareVersions(y, x) >= 0 || b.Kind == "manifest" && CompareVersions(x, y) >= 0)));

    private static string Describe(Site site) =>
        site.Kind switch
        {
            "ci" => site.Versions.Count > 1 ? " (CI matrix)" : " (CI)",
            "docker" => " (Docker image)",
            "deployment" => " (deployment)",
            "version-file" => " (version file)",
            "manifest" => " (manifest)",
            _ => "",
        };

    /// <summary>The version to settle on: the one the application is deployed with, else the newest pinned.</summary>
    private static string Target(AnalyzerContext context, string runtime, IEnumerable<Site> sites) =>
        context.Repository.Map(FactKeys.Runtimes).GetValueOrDefault(runtime)
        ?? sites.SelectMany(p => p.Versions).OrderDescending(Comparer<string>.Create(CompareVersions)).First();

    private static int CompareVersions(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var byNumber = (long.TryParse(x[i], out var m) ? m : 0).CompareTo(long.TryParse(y[i], out var n) ? n : 0);
            if (byNumber != 0)
                return byNumber;
        }
        return x.Length.CompareTo(y.Length);
    }

    private static IEnumerable<Evidence> EvidenceOf(IEnumerable<Site> sites) =>
        sites.Select(s => new Evidence(s.Path, s.Line));
}
