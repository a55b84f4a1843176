using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Java;

/// <summary>
/// Every Maven and Gradle module of a snapshot, read once, with the modules each one depends on (Maven coordinates,
/// Gradle `project(':x')`). Build logic (buildSrc, build-logic), vendored copies and examples are left out.
/// </summary>
public static partial class JvmModules
{
    public static IReadOnlyList<JvmModule> Of(FactContext context) => context.Cached("jvm-modules", () => Of(context.Snapshot, context.Warn));

    /// <summary>The modules; <paramref name="warn"/> (path, message) hears of a version catalog that does not parse.</summary>
    public static IReadOnlyList<JvmModule> Of(Snapshot snapshot, Action<string, string>? warn = null)
    {
        var modules = new List<JvmModule>();
        var poms = snapshot.Files
            .Where(f => f.Name == "pom.xml" && Counts(f.Directory))
            .Select(f => snapshot.ReadText(f.Path) is { } text ? MavenPom.Parse(f.Path, text) : null)
            .OfType<MavenPom.Pom>()
            .ToList();
        modules.AddRange(MavenPom.Modules(poms));

        var gradleFiles = snapshot.Files.Where(f => f.Name is "build.gradle" or "build.gradle.kts" && Counts(f.Directory)).ToList();
        var settings = snapshot.Files.Where(f => f.Name is "settings.gradle" or "settings.gradle.kts" && Counts(f.Directory)).ToList();
        var builds = new List<(SnapshotFile File, string Root, GradleBuild.Build Build)>();
        // One catalog serves every module of its build: read once (and warned about once).
        var catalogs = new Dictionary<string, GradleBuild.Catalog>(StringComparer.Ordinal);
        // A custom configuration a module's main configuration extends is declared once, often in the root build.
        var mainExtensions = gradleFiles.SelectMany(f => snapshot.ReadText(f.Path) is { } t ? GradleBuild.MainExtensions(t) : []).ToHashSet(StringComparer.Ordinal);
        foreach (var file in gradleFiles)
        {
            if (snapshot.ReadText(file.Path) is not { } text)
                continue;
            var root = settings.Where(s => file.Directory == s.Directory || s.Directory == "." || Prefixes.IsUnder(file.Directory, s.Directory, '/'))
                .OrderByDescending(s => s.Directory.Length).FirstOrDefault()?.Directory ?? file.Directory;
            var catalogPath = PartDetector.Join(root, "gradle/libs.versions.toml");
            if (!catalogs.TryGetValue(catalogPath, out var catalog))
            {
                catalog = snapshot.Exists(catalogPath) && snapshot.ReadText(catalogPath) is { } toml
                    ? GradleBuild.ParseCatalog(TomlDocument.Read(catalogPath, toml, warn))
                    : GradleBuild.Catalog.Empty;
                catalogs[catalogPath] = catalog;
            }
            var build = GradleBuild.Parse(file.Path, text, catalog, mainExtensions);
            // `apply from: 'dependencies.gradle'`: a script of the module's own, beside it, that declares part of its build.
            foreach (Match from in AppliedScript().Matches(text))
            {
                var applied = PartDetector.Join(file.Directory, from.Groups["path"].Value);
                if (applied.Contains("..", StringComparison.Ordinal) || !snapshot.Exists(applied) || snapshot.ReadText(applied) is not { } script)
                    continue;
                var extra = GradleBuild.Parse(applied, script, catalog, mainExtensions);
                build = build with
                {
                    Dependencies = build.Dependencies.Concat(extra.Dependencies).ToList(),
                    ProjectReferences = build.ProjectReferences.Concat(extra.ProjectReferences).Distinct().ToList(),
                };
            }
            builds.Add((file, root, build));
        }
        foreach (var (file, root, build) in builds)
        {
            // `subprojects { dependencies { ... } }` in a build above this one: this module depends on those too.
            var inherited = builds
                .Where(b => b.File.Directory != file.Directory && (b.File.Directory == "." || Prefixes.IsUnder(file.Directory, b.File.Directory, '/')))
                .SelectMany(b => b.Build.SubprojectDependencies);
            var dependencies = build.Dependencies.Concat(inherited).ToList();
            var boot = build.Plugins.FirstOrDefault(p => p.Id == "org.springframework.boot" && p.Version is not null);
            var bootDependency = dependencies.FirstOrDefault(d => d.Artifact == "spring-boot-dependencies" && d.Version is not null && !d.Version.Contains('$'));
            (string, Evidence)? springBoot = boot is not null ? (boot.Version!, boot.Evidence) : bootDependency is not null ? (bootDependency.Version!, bootDependency.Evidence) : null;
            var settingsFile = settings.FirstOrDefault(s => s.Directory == file.Directory);
            var name = settingsFile is not null && snapshot.ReadText(settingsFile.Path) is { } s && GradleBuild.RootProjectName(s) is { } rootName
                ? rootName
                : FolderName(file.Directory, snapshot.Root);
            var references = build.ProjectReferences.Select(p => PartDetector.Join(root, p.Trim(':').Replace(':', '/'))).ToList();
            var aggregator = settingsFile is not null && build.Dependencies.All(d => d.Scope != "main") && !snapshot.Files.Any(f => f.Path.StartsWith(PartDetector.Join(file.Directory, "src/main/"), StringComparison.Ordinal));
            modules.Add(new JvmModule(file.Directory, file.Path, "gradle", name, null, dependencies, build.Plugins, build.JavaVersions, springBoot, references, aggregator));
        }

        Link(modules);
        return modules;
    }

    /// <summary>A script plugin applied from a relative path of the repository (not a URL or a variable).</summary>
    [GeneratedRegex(@"^\s*apply\s*\(?\s*from\s*[:=]\s*['""](?<path>[\w.\-/]+\.gradle(?:\.kts)?)['""]", RegexOptions.Multiline)]
    private static partial Regex AppliedScript();

    /// <summary>Folders whose build files belong to the repository's own modules.</summary>
    private static bool Counts(string folder) =>
        !Node.NodeManifests.IsVendored(folder + "/") && !PartDetector.IsTestOrExample(folder)
        && !folder.Split('/').Any(s => s is "buildSrc" or "build-logic" or "build-conventions" or "target" or "build" or ".mvn" or "archetype-resources" or "templates")
        && !("/" + folder + "/").Contains("/src/main/", StringComparison.Ordinal) && !("/" + folder + "/").Contains("/src/test/", StringComparison.Ordinal)
        && !("/" + folder + "/").Contains("/src/it/", StringComparison.Ordinal);

    private static void Link(List<JvmModule> modules)
    {
        var byCoordinates = modules.Where(m => m.Coordinates is not null).GroupBy(m => m.Coordinates!).ToDictionary(g => g.Key, g => g.First().Folder, StringComparer.Ordinal);
        var folders = modules.Select(m => m.Folder).ToHashSet(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            foreach (var reference in module.ModuleReferences)
            {
                var folder = module.BuildTool == "maven" ? byCoordinates.GetValueOrDefault(reference) : folders.Contains(reference) ? reference : null;
                if (folder is not null && folder != module.Folder && !module.DependsOnFolders.Contains(folder))
                    module.DependsOnFolders.Add(folder);
            }
        }
    }

    /// <summary>The module whose folder holds <paramref name="path"/> (the deepest), or null.</summary>
    public static JvmModule? Owning(IReadOnlyList<JvmModule> modules, string path) =>
        modules.Where(m => m.Holds(path)).OrderByDescending(m => m.Folder.Length).FirstOrDefault();

    /// <summary>The modules <paramref name="module"/> depends on, directly or through others.</summary>
    public static IEnumerable<JvmModule> Closure(IReadOnlyList<JvmModule> modules, JvmModule module)
    {
        var byFolder = modules.GroupBy(m => m.Folder).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { module.Folder };
        var queue = new Queue<string>(module.DependsOnFolders);
        while (queue.Count > 0)
        {
            var folder = queue.Dequeue();
            if (!seen.Add(folder) || !byFolder.TryGetValue(folder, out var dependency))
                continue;
            yield return dependency;
            foreach (var next in dependency.DependsOnFolders)
                queue.Enqueue(next);
        }
    }

    private static string FolderName(string folder, string root) => folder == "." ? Path.GetFileName(root) : folder[(folder.LastIndexOf('/') + 1)..];
}
