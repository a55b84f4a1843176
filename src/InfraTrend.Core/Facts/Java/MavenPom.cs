using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace InfraTrend.Facts.Java;

/// <summary>
/// Reads a pom.xml: coordinates, parent, properties, dependencies (with profile dependencies, not dependencyManagement
/// or plugin dependencies), plugins, modules, and the Java version. `${...}` properties resolve through local parents.
/// </summary>
public static partial class MavenPom
{
    /// <summary>What one pom.xml says before its parents are consulted.</summary>
    public sealed record Pom(
        string Path,
        string? GroupId,
        string ArtifactId,
        string Packaging,
        (string GroupId, string ArtifactId, string? Version, string RelativePath, int Line)? Parent,
        IReadOnlyDictionary<string, (string Value, int Line)> Properties,
        IReadOnlyList<(string GroupId, string ArtifactId, string? Version, string Scope, int Line)> Dependencies,
        IReadOnlyList<(string GroupId, string ArtifactId, string? Version, int Line)> Plugins,
        IReadOnlyList<(string Key, string Value, int Line)> CompilerSettings,
        IReadOnlyList<string> Modules,
        (string Version, int Line)? SpringBootBom)
    {
        public string Folder => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();

    private static readonly string[] LocalProfiles = ["dev", "local", "test", "it", "ci", "debug"];

    public static Pom? Parse(string path, string text)
    {
        XElement root;
        try
        {
            root = XDocument.Parse(text, LoadOptions.SetLineInfo).Root!;
        }
        catch (XmlException)
        {
            return null;
        }
        if (root.Name.LocalName != "project")
            return null;

        var parentElement = Child(root, "parent");
        (string, string, string?, string, int)? parent = parentElement is null
            ? null
            : (Value(parentElement, "groupId") ?? "", Value(parentElement, "artifactId") ?? "", Value(parentElement, "version"), Value(parentElement, "relativePath") ?? "../pom.xml", Line(parentElement));

        var properties = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var p in Child(root, "properties")?.Elements() ?? [])
            properties[p.Name.LocalName] = (p.Value.Trim(), Line(p));

        var dependencies = new List<(string, string, string?, string, int)>();
        AddDependencies(Child(root, "dependencies"), dependencies);
        foreach (var profile in Child(root, "profiles")?.Elements().Where(e => e.Name.LocalName == "profile") ?? [])
        {
            var id = Value(profile, "id") ?? "";
            if (!LocalProfiles.Any(l => id.Contains(l, StringComparison.OrdinalIgnoreCase)))
                AddDependencies(Child(profile, "dependencies"), dependencies);
        }

        var plugins = new List<(string, string, string?, int)>();
        var compiler = new List<(string, string, int)>();
        foreach (var plugin in Child(Child(root, "build"), "plugins")?.Elements().Where(e => e.Name.LocalName == "plugin") ?? [])
        {
            var groupId = Value(plugin, "groupId") ?? "org.apache.maven.plugins";
            var artifactId = Value(plugin, "artifactId") ?? "";
            plugins.Add((groupId, artifactId, Value(plugin, "version"), Line(plugin)));
            if (artifactId == "maven-compiler-plugin" && Child(plugin, "configuration") is { } configuration)
            {
                foreach (var key in new[] { "release", "source", "target" })
                {
                    if (Child(configuration, key) is { } setting)
                        compiler.Add((key, setting.Value.Trim(), Line(setting)));
                }
            }
        }

        (string, int)? bom = null;
        foreach (var managed in Child(Child(root, "dependencyManagement"), "dependencies")?.Elements() ?? [])
        {
            if (Value(managed, "artifactId") == "spring-boot-dependencies" && Value(managed, "version") is { } version)
                bom = (version, Line(managed));
        }

        var modules = Child(root, "modules")?.Elements().Where(e => e.Name.LocalName == "module").Select(e => e.Value.Trim()).ToList() ?? [];
        return new Pom(path, Value(root, "groupId"), Value(root, "artifactId") ?? "", Value(root, "packaging") ?? "jar", parent, properties, dependencies, plugins, compiler, modules, bom);
    }

    private static void AddDependencies(XElement? list, List<(string, string, string?, string, int)> into)
    {
        foreach (var dependency in list?.Elements().Where(e => e.Name.LocalName == "dependency") ?? [])
        {
            var scope = (Value(dependency, "scope") ?? "compile") switch
            {
                "compile" or "runtime" => "main",
                "test" => "test",
                "import" => "bom",
                _ => "build",
            };
            if (Value(dependency, "optional") == "true" && scope == "main")
                scope = "build";
            into.Add((Value(dependency, "groupId") ?? "", Value(dependency, "artifactId") ?? "", Value(dependency, "version"), scope, Line(dependency)));
        }
    }

    /// <summary>Turns parsed poms into modules: properties, group and the Spring Boot version follow the parent chain.</summary>
    public static IReadOnlyList<JvmModule> Modules(IReadOnlyList<Pom> poms)
    {
        var byPath = poms.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var byCoordinates = poms.Where(p => p.GroupId is not null).GroupBy(p => $"{p.GroupId}:{p.ArtifactId}").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        Pom? ParentOf(Pom pom)
        {
            if (pom.Parent is not { } parent)
                return null;
            var relative = RepositoryPath.Normalize(PartDetector.Join(pom.Folder, parent.RelativePath.EndsWith(".xml", StringComparison.Ordinal) ? parent.RelativePath : parent.RelativePath.TrimEnd('/') + "/pom.xml"));
            if (relative is not null && byPath.TryGetValue(relative, out var local) && local.ArtifactId == parent.ArtifactId)
                return local;
            return byCoordinates.GetValueOrDefault($"{parent.GroupId}:{parent.ArtifactId}");
        }

        IEnumerable<Pom> Chain(Pom pom)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = pom; current is not null && seen.Add(current.Path); current = ParentOf(current))
                yield return current;
        }

        var modules = new List<JvmModule>();
        foreach (var pom in poms)
        {
            var chain = Chain(pom).ToList();
            string? Property(string name, int depth = 0)
            {
                if (depth > 10)
                    return null;
                foreach (var p in chain)
                {
                    if (p.Properties.TryGetValue(name, out var value))
                        return Resolve(value.Value, depth + 1);
                }
                return name switch
                {
                    "project.version" or "version" => null,
                    "project.groupId" => chain.Select(p => p.GroupId).FirstOrDefault(g => g is not null),
                    _ => null,
                };
            }
            string? Resolve(string? raw, int depth = 0) =>
                raw is null ? null : Placeholder().Replace(raw, m => Property(m.Groups[1].Value, depth) ?? m.Value);

            // A parent's <dependencies> (not its dependencyManagement) are every child's too; the evidence stays in the parent.
            var dependencies = chain
                .SelectMany(p => p.Dependencies.Where(d => d.Scope != "bom").Select(d => new JvmDependency(Resolve(d.GroupId) ?? d.GroupId, Resolve(d.ArtifactId) ?? d.ArtifactId, Resolve(d.Version), d.Scope, new Evidence(p.Path, d.Line))))
                .ToList();
            var plugins = pom.Plugins.Select(p => new JvmPlugin($"{p.GroupId}:{p.ArtifactId}", Resolve(p.Version), new Evidence(pom.Path, p.Line))).ToList();

            var java = new List<(string, Evidence)>();
            foreach (var key in new[] { "maven.compiler.release", "java.version", "maven.compiler.source", "maven.compiler.target" })
            {
                // The pin is where the property is written, which may be a parent pom.
                var owner = chain.FirstOrDefault(p => p.Properties.ContainsKey(key));
                if (owner is not null && Resolve(owner.Properties[key].Value) is { } version && Versions.Normalize(version) is not null && !version.Contains('$'))
                    java.Add((version, new Evidence(owner.Path, owner.Properties[key].Line)));
            }
            foreach (var (key, value, line) in pom.CompilerSettings)
            {
                if (Resolve(value) is { } version && !version.Contains('$') && Versions.Normalize(version) is not null)
                    java.Add((version, new Evidence(pom.Path, line)));
            }

            (string, Evidence)? springBoot = null;
            foreach (var p in chain)
            {
                if (p.Parent is { ArtifactId: "spring-boot-starter-parent" or "spring-boot-dependencies" } bootParent && bootParent.Version is { } version)
                {
                    springBoot = (Resolve(version) ?? version, new Evidence(p.Path, bootParent.Line));
                    break;
                }
                if (p.SpringBootBom is { } bom)
                {
                    springBoot = (Resolve(bom.Version) ?? bom.Version, new Evidence(p.Path, bom.Line));
                    break;
                }
            }

            var group = pom.GroupId ?? pom.Parent?.GroupId;
            modules.Add(new JvmModule(
                pom.Folder,
                pom.Path,
                "maven",
                pom.ArtifactId,
                group is null ? null : $"{group}:{pom.ArtifactId}",
                dependencies,
                plugins,
                java,
                springBoot,
                pom.Dependencies.Select(d => $"{Resolve(d.GroupId)}:{Resolve(d.ArtifactId)}").ToList(),
                pom.Packaging == "pom"));
        }
        return modules;
    }

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Value(XElement parent, string name) => Child(parent, name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;
}
