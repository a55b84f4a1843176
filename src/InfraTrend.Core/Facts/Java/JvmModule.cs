namespace InfraTrend.Facts.Java;

/// <summary>
/// One dependency of a JVM module. <paramref name="Scope"/>: `main` (on the application's runtime classpath), `test`, or
/// `build` (provided, compileOnly, annotation processors, developmentOnly, optional: never what production runs).
/// </summary>
public sealed record JvmDependency(string Group, string Artifact, string? Version, string Scope, Evidence Evidence)
{
    public string Coordinates => $"{Group}:{Artifact}";

    public bool Runtime => Scope == "main";

    /// <summary>`group:artifact` exactly, or a `group:prefix*` pattern.</summary>
    public bool Matches(string pattern) =>
        pattern.EndsWith('*')
            ? Coordinates.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : Coordinates.Equals(pattern, StringComparison.Ordinal);
}

/// <summary>A build plugin a module applies: Maven `groupId:artifactId`, Gradle plugin id.</summary>
public sealed record JvmPlugin(string Id, string? Version, Evidence Evidence);

/// <summary>
/// A Maven or Gradle module: its folder and build file, its dependencies and plugins, the Java version it compiles for,
/// the Spring Boot version it builds with, and the other modules of the repository it depends on.
/// </summary>
public sealed record JvmModule(
    string Folder,
    string BuildFile,
    string BuildTool,
    string Name,
    string? Coordinates,
    IReadOnlyList<JvmDependency> Dependencies,
    IReadOnlyList<JvmPlugin> Plugins,
    IReadOnlyList<(string Version, Evidence Evidence)> JavaVersions,
    (string Version, Evidence Evidence)? SpringBoot,
    IReadOnlyList<string> ModuleReferences,
    bool IsAggregator)
{
    /// <summary>The module folders this one depends on (filled in once every module is read).</summary>
    public List<string> DependsOnFolders { get; } = [];

    public JvmDependency? Runtime(string pattern) => Dependencies.FirstOrDefault(d => d.Runtime && d.Matches(pattern));

    public JvmDependency? RuntimeAny(IEnumerable<string> patterns) => patterns.Select(Runtime).FirstOrDefault(d => d is not null);

    public JvmDependency? Any(string pattern) => Dependencies.FirstOrDefault(d => d.Matches(pattern));

    public JvmPlugin? Plugin(string id) => Plugins.FirstOrDefault(p => p.Id == id);

    /// <summary>True when <paramref name="path"/> lies in this module's folder.</summary>
    public bool Holds(string path) => Folder == "." || Prefixes.IsUnder(path, Folder, '/');

    /// <summary>A Spring Boot module: built with Spring Boot's parent, plugin or BOM, or depending on a Spring Boot starter.</summary>
    public bool UsesSpringBoot =>
        SpringBoot is not null || Plugin("org.springframework.boot") is not null || Plugin("org.springframework.boot:spring-boot-maven-plugin") is not null
        || Dependencies.Any(d => d.Group == "org.springframework.boot" && d.Scope != "test");
}
