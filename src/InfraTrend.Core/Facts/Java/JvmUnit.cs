using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Java;

/// <summary>
/// What one JVM application is built from: its part, its own module and the library modules it depends on (a Sentry
/// dependency in a `core` module, initialised in the `app` module, is the app's), their code and their Spring settings.
/// Facts found in a library module go to every part that uses it. Modules no part uses are units of their own, whose
/// facts go wherever their evidence lies.
/// </summary>
public sealed class JvmUnit(PartFacts? part, IReadOnlyList<JvmModule> modules, IReadOnlyList<SourceText> sources, IReadOnlyList<SpringSetting> settings)
{
    public PartFacts? Part { get; } = part;
    public IReadOnlyList<JvmModule> Modules { get; } = modules;
    public IReadOnlyList<SourceText> Sources { get; } = sources;
    public IReadOnlyList<SpringSetting> Settings { get; } = settings;

    public bool UsesSpringBoot => Modules.Any(m => m.UsesSpringBoot);

    /// <summary>The first runtime dependency matching any pattern, in module order (the application's own module first).</summary>
    public JvmDependency? Runtime(IEnumerable<string> patterns)
    {
        var list = patterns as IReadOnlyCollection<string> ?? patterns.ToList();
        return Modules.Select(m => m.RuntimeAny(list)).FirstOrDefault(d => d is not null);
    }

    public JvmDependency? Runtime(string pattern) => Runtime([pattern]);

    public Evidence? FirstCode(System.Text.RegularExpressions.Regex pattern) =>
        Sources.Select(s => s.FirstCode(pattern)).Where(e => e is not null).Min();

    public void Add(FactContext context, string key, string item, Evidence evidence)
    {
        if (Part is null)
            context.Add(key, item, evidence);
        else
            Part.Facts.Add(key, item, evidence);
    }

    public void Flag(FactContext context, string key, Evidence evidence)
    {
        if (Part is null)
            context.Flag(key, evidence);
        else
            Part.Facts.Flag(key, evidence);
    }

    public void Count(FactContext context, string key, long amount, Evidence evidence)
    {
        if (Part is null)
            context.Count(key, amount, evidence);
        else
            Part.Facts.Count(key, amount, evidence);
    }

    public void SetEntry(FactContext context, string key, string name, string? value, Evidence evidence)
    {
        if (Part is null)
            context.SetEntry(key, name, value, evidence);
        else
            Part.Facts.SetEntry(key, name, value, evidence);
    }
}

/// <summary>The JVM units of an audit, built once.</summary>
public static class JvmUnits
{
    public static IReadOnlyList<JvmUnit> Of(FactContext context) => context.Cached("jvm-units", () => Build(context));

    private static List<JvmUnit> Build(FactContext context)
    {
        var modules = JvmModules.Of(context);
        if (modules.Count == 0)
            return [];
        var sources = SourceFiles.Application(context, "java", "kotlin").GroupBy(s => JvmModules.Owning(modules, s.Path)?.Folder ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var settings = SpringSettings.Of(context).GroupBy(s => JvmModules.Owning(modules, s.Evidence.Path)?.Folder ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        JvmUnit Unit(PartFacts? part, List<JvmModule> members) =>
            new(part,
                members,
                members.SelectMany(m => sources.GetValueOrDefault(m.Folder) ?? []).ToList(),
                members.SelectMany(m => settings.GetValueOrDefault(m.Folder) ?? []).ToList());

        var units = new List<JvmUnit>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in context.Parts)
        {
            if (modules.FirstOrDefault(m => m.Folder == part.Path && !m.IsAggregator) is not { } own)
                continue;
            var members = new List<JvmModule> { own };
            members.AddRange(JvmModules.Closure(modules, own));
            used.UnionWith(members.Select(m => m.Folder));
            units.Add(Unit(part, members));
        }
        // An aggregator pom builds nothing itself: its dependencies are its children's, already in their units.
        foreach (var module in modules.Where(m => !used.Contains(m.Folder) && !m.IsAggregator))
            units.Add(Unit(null, [module]));
        return units;
    }
}
