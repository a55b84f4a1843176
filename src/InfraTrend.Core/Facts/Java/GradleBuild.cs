using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Java;

/// <summary>
/// Reads a build.gradle or build.gradle.kts without running Gradle: applied plugins (`id`, `kotlin(...)`, `apply plugin`,
/// version-catalog aliases), dependencies by configuration (string, map and catalog notations, several on one call),
/// project dependencies, and the Java version (toolchain, jvmToolchain, source compatibility, Kotlin jvmTarget).
/// Comments are blanked first, so a commented-out dependency is not one.
/// </summary>
public static partial class GradleBuild
{
    [GeneratedRegex(@"(?<![\w.])id\s*\(?\s*['""](?<id>[\w.\-]+)['""]\s*\)?(?:\s*version\s*\(?\s*['""](?<version>[^'""]+)['""])?(?<rest>[^\n]*)")]
    private static partial Regex PluginId();

    [GeneratedRegex(@"(?<![\w.])kotlin\s*\(\s*['""](?<id>[\w.\-]+)['""]\s*\)(?:\s*version\s*\(?\s*['""]?(?<version>[\w.\-]+)['""]?)?(?<rest>[^\n]*)")]
    private static partial Regex KotlinPlugin();

    [GeneratedRegex(@"(?<![\w.])alias\s*\(\s*libs\.plugins\.(?<alias>[\w.]+)\s*\)(?<rest>[^\n]*)")]
    private static partial Regex PluginAlias();

    [GeneratedRegex(@"\bapply\s*\(?\s*plugin\s*[:=]\s*['""](?<id>[\w.\-]+)['""]")]
    private static partial Regex ApplyPlugin();

    [GeneratedRegex(@"(?<![\w.])(?<conf>implementation|api|compile|runtime|runtimeOnly|compileOnly|compileOnlyApi|annotationProcessor|kapt|ksp|developmentOnly|testAndDevelopmentOnly|providedCompile|providedRuntime|testImplementation|testRuntimeOnly|testCompileOnly|testCompile|testRuntime|[a-z]\w*(?:Implementation|RuntimeOnly|CompileOnly|Api))\b\s*\(?\s*(?<deps>(?:(?:platform|enforcedPlatform)\s*\(\s*)?(?:['""][^'""\n]+['""]|libs\.[\w.]+|project\s*\([^)\n]*\)|projects\.[\w.]+|group\s*[:=][^\n]+)(?:\s*\)?\s*,\s*(?:['""][^'""\n]+['""]|libs\.[\w.]+))*)")]
    private static partial Regex DependencyCall();

    [GeneratedRegex(@"['""](?<coordinates>[^'""\n]+)['""]|libs\.(?<catalog>[\w.]+)|project\s*\(\s*(?:path\s*[:=]\s*)?['""](?<project>:[^'""]*)['""]|projects\.(?<typesafe>[\w.]+)")]
    private static partial Regex DependencyItem();

    [GeneratedRegex(@"group\s*[:=]\s*['""](?<group>[^'""]+)['""]\s*,\s*name\s*[:=]\s*['""](?<name>[^'""]+)['""](?:\s*,\s*version\s*[:=]\s*['""](?<version>[^'""]+)['""])?")]
    private static partial Regex MapNotation();

    [GeneratedRegex(@"JavaLanguageVersion\.of\s*\(\s*['""]?(?<v>\d+)|\bjvmToolchain\s*\(?\s*(?<v>\d+)|\b(?:source|target)Compatibility\s*=\s*(?:JavaVersion\.VERSION_(?<vv>\d+(?:_\d+)?)|['""]?(?<v>\d+(?:\.\d+)?)['""]?)|\bjvmTarget\s*(?:=|\.set\s*\()\s*(?:JvmTarget\.JVM_(?<vv>\d+(?:_\d+)?)|['""](?<v>\d+(?:\.\d+)?)['""])")]
    private static partial Regex JavaVersion();

    [GeneratedRegex(@"^\s*(?:`?(?<id>java|java-library|application|war|groovy|scala)`?|id\s*\(?\s*['""]?(?<id>java|java-library|application|war)['""]?\s*\)?)\s*$", RegexOptions.Multiline)]
    private static partial Regex CorePlugin();

    /// <summary>A version catalog (gradle/libs.versions.toml): libraries, plugins and bundles by accessor (`spring.boot.starter.web`).</summary>
    public sealed record Catalog(
        IReadOnlyDictionary<string, (string Group, string Artifact, string? Version)> Libraries,
        IReadOnlyDictionary<string, (string Id, string? Version)> Plugins,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Bundles)
    {
        public static readonly Catalog Empty = new(new Dictionary<string, (string, string, string?)>(), new Dictionary<string, (string, string?)>(), new Dictionary<string, IReadOnlyList<string>>());
    }

    /// <summary>
    /// A Gradle build file, read. <paramref name="SubprojectDependencies"/>: dependencies declared in a `subprojects { }` or
    /// `allprojects { }` block, which every module below this one gets too.
    /// </summary>
    public sealed record Build(
        string Path,
        IReadOnlyList<JvmPlugin> Plugins,
        IReadOnlyList<JvmDependency> Dependencies,
        IReadOnlyList<string> ProjectReferences,
        IReadOnlyList<(string Version, Evidence Evidence)> JavaVersions,
        IReadOnlyList<JvmDependency> SubprojectDependencies);

    [GeneratedRegex(@"(?<![\w.])(?:subprojects|allprojects)\s*\{")]
    private static partial Regex SharedBlock();

    /// <summary>
    /// `implementation.extendsFrom(micronaut)`, `configurations.api.extendsFrom configurations.shared`: a configuration of
    /// the build's own whose dependencies a main configuration takes in (kestra declares its Micronaut modules, metrics
    /// registry included, in a custom `micronaut` configuration every service module extends).
    /// </summary>
    [GeneratedRegex(@"(?<![\w])(?:configurations\.)?(?:implementation|api|runtimeOnly|compile|runtime)\s*\.\s*extendsFrom\s*\(?\s*(?:configurations\.)?(?<name>[a-zA-Z]\w*)")]
    private static partial Regex ExtendedByMain();

    /// <summary>The custom configurations a main configuration extends in <paramref name="text"/> (a build file), see <see cref="ExtendedByMain"/>.</summary>
    public static IEnumerable<string> MainExtensions(string text) =>
        ExtendedByMain().Matches(text).Select(m => m.Groups["name"].Value).Where(n => Scope(n) == "build");

    public static Build Parse(string path, string text, Catalog catalog, IReadOnlySet<string>? mainExtensions = null)
    {
        var code = Code(text, path.EndsWith(".kts", StringComparison.Ordinal) ? "kotlin" : "groovy");
        var lines = new TextLines(code);
        Evidence At(int offset) => new(path, lines.LineOf(offset));

        var plugins = new List<JvmPlugin>();
        foreach (Match m in PluginId().Matches(code))
        {
            if (!m.Groups["rest"].Value.Contains("apply false", StringComparison.Ordinal))
                plugins.Add(new JvmPlugin(m.Groups["id"].Value, NullIfEmpty(m.Groups["version"].Value), At(m.Index)));
        }
        foreach (Match m in KotlinPlugin().Matches(code))
        {
            if (!m.Groups["rest"].Value.Contains("apply false", StringComparison.Ordinal))
                plugins.Add(new JvmPlugin("org.jetbrains.kotlin." + m.Groups["id"].Value, NullIfEmpty(m.Groups["version"].Value), At(m.Index)));
        }
        foreach (Match m in PluginAlias().Matches(code))
        {
            if (!m.Groups["rest"].Value.Contains("apply false", StringComparison.Ordinal) && catalog.Plugins.TryGetValue(Accessor(m.Groups["alias"].Value), out var plugin))
                plugins.Add(new JvmPlugin(plugin.Id, plugin.Version, At(m.Index)));
        }
        foreach (Match m in ApplyPlugin().Matches(code))
            plugins.Add(new JvmPlugin(m.Groups["id"].Value, null, At(m.Index)));
        foreach (Match m in CorePlugin().Matches(code))
            plugins.Add(new JvmPlugin(m.Groups["id"].Value, null, At(m.Index)));

        var dependencies = new List<JvmDependency>();
        var shared = new List<JvmDependency>();
        var projects = new List<string>();
        var sharedRanges = SharedBlock().Matches(code).Select(m => (Start: m.Index, End: BlockEnd(code, m.Index + m.Length))).ToList();
        foreach (Match call in DependencyCall().Matches(code))
        {
            var scope = Scope(call.Groups["conf"].Value);
            var into = sharedRanges.Any(r => call.Index > r.Start && call.Index < r.End) ? shared : dependencies;
            var deps = call.Groups["deps"];
            if (MapNotation().Match(deps.Value) is { Success: true } map)
            {
                into.Add(new JvmDependency(map.Groups["group"].Value, map.Groups["name"].Value, NullIfEmpty(map.Groups["version"].Value), scope, At(deps.Index)));
                continue;
            }
            foreach (Match item in DependencyItem().Matches(deps.Value))
            {
                var evidence = At(deps.Index + item.Index);
                if (item.Groups["coordinates"].Success)
                {
                    var parts = item.Groups["coordinates"].Value.Split(':');
                    if (parts.Length >= 2 && parts[0].Length > 0 && !parts[0].Contains(' '))
                        into.Add(new JvmDependency(parts[0], parts[1], parts.Length > 2 ? parts[2] : null, scope, evidence));
                }
                else if (item.Groups["catalog"].Success)
                {
                    var accessor = Accessor(item.Groups["catalog"].Value);
                    var members = accessor.StartsWith("bundles.", StringComparison.Ordinal) && catalog.Bundles.TryGetValue(accessor["bundles.".Length..], out var bundle) ? bundle : [accessor];
                    foreach (var member in members)
                    {
                        if (catalog.Libraries.TryGetValue(Accessor(member), out var library))
                            into.Add(new JvmDependency(library.Group, library.Artifact, library.Version, scope, evidence));
                    }
                }
                else if (item.Groups["project"].Success)
                {
                    projects.Add(item.Groups["project"].Value);
                }
                else if (item.Groups["typesafe"].Success)
                {
                    // projects.coreApi -> :core-api (Gradle's type-safe accessors camel-case the project names).
                    projects.Add(":" + string.Join(':', item.Groups["typesafe"].Value.Split('.').Select(Kebab)));
                }
            }
        }

        // Dependencies of a custom configuration a main one extends: `micronaut "io.micronaut:micronaut-management"`.
        foreach (var name in mainExtensions ?? new HashSet<string>())
        {
            foreach (Match call in Regex.Matches(code, $@"(?<![\w.]){Regex.Escape(name)}\s*\(?\s*['""](?<group>[^'"":\s]+):(?<artifact>[^'"":\s]+)(?::(?<version>[^'""\s]+))?['""]"))
            {
                var into = sharedRanges.Any(r => call.Index > r.Start && call.Index < r.End) ? shared : dependencies;
                into.Add(new JvmDependency(call.Groups["group"].Value, call.Groups["artifact"].Value, NullIfEmpty(call.Groups["version"].Value), "main", At(call.Index)));
            }
        }

        var java = new List<(string, Evidence)>();
        foreach (Match m in JavaVersion().Matches(code))
        {
            var version = m.Groups["v"].Success ? m.Groups["v"].Value : m.Groups["vv"].Value.Replace('_', '.');
            java.Add((version, At(m.Index)));
        }
        return new Build(path, plugins, dependencies, projects, java, shared);
    }

    /// <summary>The index after the `}` that closes the block opened just before <paramref name="i"/> (braces in strings skipped).</summary>
    private static int BlockEnd(string code, int i)
    {
        var depth = 1;
        var quote = '\0';
        for (; i < code.Length; i++)
        {
            var c = code[i];
            if (quote != '\0')
            {
                if (c == '\\')
                    i++;
                else if (c == quote)
                    quote = '\0';
            }
            else if (c is '"' or '\'')
                quote = c;
            else if (c == '{')
                depth++;
            else if (c == '}' && --depth == 0)
                return i + 1;
        }
        return code.Length;
    }

    /// <summary>Reads gradle/libs.versions.toml.</summary>
    public static Catalog ParseCatalog(TomlDocument toml)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var libraries = new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal);
        var plugins = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        var bundles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in toml.Entries.Where(e => e.Table == "versions"))
        {
            // A rich version (`{ strictly = "[1.0, 2.0[", prefer = "1.5" }`) is read the way a library's is.
            if ((entry.Value.Text ?? entry.Value.Get("require")?.Text ?? entry.Value.Get("strictly")?.Text ?? entry.Value.Get("prefer")?.Text) is { } version)
                versions[entry.Key] = version;
        }
        string? Version(TomlValue value)
        {
            if (value.Get("version.ref")?.Text is { } reference)
                return versions.GetValueOrDefault(reference);
            return value.Get("version")?.Text ?? value.Get("version.strictly")?.Text ?? value.Get("version.prefer")?.Text;
        }
        foreach (var entry in toml.Entries)
        {
            var value = entry.Value;
            switch (entry.Table)
            {
                case "libraries":
                    // `"group:artifact:version"`, or an inline table with module (or group and name) and a version.
                    var module = value.Text ?? value.Get("module")?.Text;
                    if (module is null && value.Get("group")?.Text is { } group && value.Get("name")?.Text is { } name)
                        module = $"{group}:{name}";
                    if (module?.Split(':') is [var g, var a, ..] parts)
                        libraries[Accessor(entry.Key)] = (g, a, parts.Length > 2 ? parts[2] : Version(value));
                    break;
                case "plugins":
                    var id = value.Text is { } text ? text.Split(':')[0] : value.Get("id")?.Text;
                    if (id is not null)
                        plugins[Accessor(entry.Key)] = (id, value.Text?.Split(':') is [_, var v] ? v : Version(value));
                    break;
                case "bundles":
                    bundles[Accessor(entry.Key)] = value.Strings.Select(s => s.Text).ToList();
                    break;
            }
        }
        return new Catalog(libraries, plugins, bundles);
    }

    /// <summary>`include("api", ":services:worker")` and `include 'a', 'b'` in settings.gradle(.kts): project paths.</summary>
    public static IReadOnlyList<string> IncludedProjects(string settings, bool kotlin)
    {
        var code = Code(settings, kotlin ? "kotlin" : "groovy");
        var projects = new List<string>();
        foreach (Match call in Regex.Matches(code, @"(?<![\w.])include\s*\(?((?:\s*['""][^'""]+['""]\s*,?)+)"))
        {
            foreach (Match name in Regex.Matches(call.Groups[1].Value, @"['""]([^'""]+)['""]"))
                projects.Add(name.Groups[1].Value.StartsWith(':') ? name.Groups[1].Value : ":" + name.Groups[1].Value);
        }
        return projects;
    }

    /// <summary>rootProject.name in settings.gradle(.kts).</summary>
    public static string? RootProjectName(string settings) =>
        Regex.Match(settings, @"rootProject\.name\s*=\s*['""]([^'""]+)['""]") is { Success: true } m ? m.Groups[1].Value : null;

    private static string Scope(string configuration)
    {
        if (configuration.StartsWith("test", StringComparison.Ordinal) || configuration.Contains("Test", StringComparison.Ordinal))
            return "test";
        return configuration is "implementation" or "api" or "compile" or "runtime" or "runtimeOnly" or "providedRuntime" ? "main" : "build";
    }

    /// <summary>The build script with its comments blanked (strings kept: they hold the coordinates).</summary>
    private static string Code(string text, string language)
    {
        var kinds = Lexers.CLike(text, language);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (kinds[i] == CharKind.Comment && chars[i] != '\n')
                chars[i] = ' ';
        }
        return new string(chars);
    }

    /// <summary>Catalog aliases and accessors compare with `-` and `_` read as `.`: `spring-boot-starter` is `spring.boot.starter`.</summary>
    public static string Accessor(string alias) => alias.Replace('-', '.').Replace('_', '.').ToLowerInvariant();

    private static string Kebab(string camel) => Regex.Replace(camel, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
