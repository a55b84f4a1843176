using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.environment-parity",
    Category = Category.Deployment,
    Level = 3,
    Weight = 1,
    WeightReason = "Two pins that disagree mean development, CI and production run different runtimes; it is a narrow check, worth a single point.",
    Severity = Severity.Medium,
    Title = "Same runtime everywhere",
    LooksFor = "Every place a runtime version is pinned (.nvmrc, engines, global.json, Dockerfile base images, CI setup steps, platform variables) naming the same version.",
    WhyItMatters = "When the version file says one runtime and the Dockerfile or the pipeline another, a bug shows up in one environment only.",
    Remediation = "Make every pin name the same runtime version, or let the others read one version file (node-version-file: .nvmrc, global.json).")]
public sealed class EnvironmentParityAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var byRuntime = context.Repository.Objects(FactKeys.RuntimeSources)
            .Select(o => (Runtime: o.Text("runtime"), Version: o.Text("version"), Path: o.Text("path")))
            .Where(s => s.Runtime is not null && s.Version is not null && s.Path is not null)
            // global.json pins the SDK, which builds every older target framework: it is not a runtime to agree with.
            .Where(s => !(s.Path!.EndsWith("global.json", StringComparison.Ordinal) && s.Runtime == "dotnet"))
            .Select(s => new Pin(s.Runtime!, s.Version!, s.Path!))
            .Distinct()
            .GroupBy(s => s.Runtime, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (byRuntime.Count == 0)
            return [context.NotApplicable("No runtime is pinned in two places, so there is nothing to compare.")];

        var disagreeing = byRuntime
            .Where(g => g.Any(a => g.Any(b => !Versions.Agree(a.Version, b.Version))))
            .ToList();
        if (disagreeing.Count == 0)
        {
            var agreed = byRuntime.Select(g => $"{g.Key} in {g.Count()} places ({string.Join(", ", g.Select(p => p.Path).Order(StringComparer.Ordinal))})");
            return [context.Pass($"Every runtime pin agrees: {string.Join("; ", agreed)}.", EvidenceOf(context, byRuntime.SelectMany(g => g)))];
        }

        var conflicts = disagreeing.Select(g =>
            $"{g.Key} {string.Join(", ", g.OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => $"{p.Version} in {p.Path}"))}");
        return
        [
            context.Fail(
                $"Runtime pins disagree: {string.Join("; ", conflicts)}.",
                $"Make every pin name one version, e.g. {string.Join(", ", disagreeing.Select(g => $"{g.Key} {Target(context, g)}"))}, or point the others at one version file (node-version-file: .nvmrc in actions/setup-node, global.json for .NET).",
                EvidenceOf(context, disagreeing.SelectMany(g => g))),
        ];
    }

    private sealed record Pin(string Runtime, string Version, string Path);

    /// <summary>The version to settle on: the one the application is deployed with, else the newest pinned.</summary>
    private static string Target(AnalyzerContext context, IGrouping<string, Pin> pins) =>
        context.Repository.Map(FactKeys.Runtimes).GetValueOrDefault(pins.Key)
        ?? pins.Select(p => p.Version).OrderDescending(Comparer<string>.Create(CompareVersions)).First();

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

    private static IEnumerable<Evidence> EvidenceOf(AnalyzerContext context, IEnumerable<Pin> pins)
    {
        var paths = pins.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var evidence = context.Repository.EvidenceOf(FactKeys.RuntimeSources).Where(e => paths.Contains(e.Path)).ToList();
        // A pin without recorded evidence is still worth pointing at, as a whole file.
        return evidence.Concat(paths.Where(p => evidence.All(e => e.Path != p)).Select(p => new Evidence(p, 0)));
    }
}
