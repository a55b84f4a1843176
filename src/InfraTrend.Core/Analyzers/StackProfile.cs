using InfraTrend.Facts;

namespace InfraTrend.Analyzers;

/// <summary>
/// The ecosystem and package manager a fix is written for: `pnpm add` for a pnpm repository, `dotnet add package` for
/// .NET, `bundle add` for Ruby, a dependency in build.gradle.kts or pom.xml for the JVM. <paramref name="Framework"/>: the
/// server framework (Spring Boot manages the versions of its own and well-known artifacts; Rails runs its tests with
/// bin/rails test); <paramref name="BuildFile"/>: the JVM build file fixes edit; <paramref name="Wrapper"/>: the
/// repository carries the Maven or Gradle wrapper; <paramref name="TestFramework"/>: the test framework in use.
/// </summary>
public sealed record StackProfile(string Ecosystem, string PackageManager, string? Framework = null, string? BuildFile = null, bool Wrapper = false, string? TestFramework = null)
{
    // A server framework says which stack a part is, whatever front-end files it also carries (a Rails app's Stimulus controllers).
    private static readonly (string Framework, string Ecosystem)[] ServerFrameworks =
    [
        ("rails", "ruby"), ("sinatra", "ruby"), ("spring-boot", "java"), ("django", "python"), ("fastapi", "python"), ("flask", "python"),
        ("aspnetcore", "dotnet"), ("blazor", "dotnet"), ("gin", "go"), ("echo", "go"), ("fiber", "go"), ("laravel", "php"),
        ("express", "node"), ("nestjs", "node"), ("nextjs", "node"), ("fastify", "node"), ("koa", "node"),
    ];

    private static readonly string[] SpringManagedGroups = ["org.springframework", "io.micrometer", "org.flywaydb", "org.liquibase", "org.quartz-scheduler", "ch.qos.logback", "org.apache.logging.log4j", "io.opentelemetry"];

    public static StackProfile From(FactTable facts, FactTable repository)
    {
        var languages = facts.List(FactKeys.Languages);
        if (languages.Count == 0)
            languages = repository.List(FactKeys.Languages);
        var frameworks = facts.List(FactKeys.Frameworks);
        if (frameworks.Count == 0)
            frameworks = repository.List(FactKeys.Frameworks);
        var managers = repository.Map(FactKeys.PackageManagers);

        var framework = ServerFrameworks.FirstOrDefault(f => frameworks.Contains(f.Framework));
        string ecosystem =
            framework.Ecosystem is { } server ? server
            : languages.Contains("typescript") || languages.Contains("javascript") ? "node"
            : languages.Contains("csharp") ? "dotnet"
            : languages.Contains("python") ? "python"
            : languages.Contains("go") ? "go"
            : languages.Contains("ruby") ? "ruby"
            : languages.Contains("java") || languages.Contains("kotlin") ? "java"
            : "unknown";

        string Pick(string fallback, params string[] candidates) => candidates.FirstOrDefault(managers.ContainsKey) ?? fallback;

        var manager = ecosystem switch
        {
            "node" => Pick("npm", "pnpm", "yarn", "bun", "npm"),
            "dotnet" => "nuget",
            "python" => Pick("pip", "uv", "poetry", "pipenv", "pip"),
            "go" => "go-modules",
            "ruby" => "bundler",
            "java" => Pick("maven", "gradle", "maven"),
            _ => "",
        };
        var tests = facts.List(FactKeys.TestFrameworks).Count > 0 ? facts.List(FactKeys.TestFrameworks) : repository.List(FactKeys.TestFrameworks);
        if (ecosystem == "ruby")
        {
            // Test files of another framework (Bacon, test-unit) run through the Rakefile's default task.
            var testFiles = facts.Number(FactKeys.TestFiles) > 0 || repository.Number(FactKeys.TestFiles) > 0;
            return new StackProfile(ecosystem, manager, framework.Framework, TestFramework: tests.Contains("rspec") ? "rspec" : tests.Contains("minitest") ? "minitest" : testFiles ? "rake" : null);
        }
        if (ecosystem != "java")
            return new StackProfile(ecosystem, manager, framework.Framework);
        // The JVM build file is among the manager's evidence (build.gradle.kts, build.gradle or pom.xml); the wrapper gives the version.
        var buildFiles = repository.EvidenceOf(FactKeys.PackageManagers, manager).Select(e => Path.GetFileName(e.Path)).ToList();
        var buildFile = manager == "maven" ? "pom.xml" : buildFiles.Contains("build.gradle.kts") && !buildFiles.Contains("build.gradle") ? "build.gradle.kts" : "build.gradle";
        var wrapper = managers.TryGetValue(manager, out var version) && version is not null || buildFiles.Contains(manager == "maven" ? "mvnw" : "gradlew");
        return new StackProfile(ecosystem, manager, framework.Framework, buildFile, wrapper, tests.Contains("junit") ? "junit" : null);
    }

    /// <summary>The command that runs the JVM build: the wrapper when the repository has one.</summary>
    public string BuildTool => PackageManager == "gradle" ? (Wrapper ? "./gradlew" : "gradle") : (Wrapper ? "./mvnw" : "mvn");

    /// <summary>The command that adds a package with this stack's package manager, or null when the stack has none given.</summary>
    public string? AddPackage(
        string? node = null,
        string? dotnet = null,
        string? python = null,
        string? go = null,
        string? ruby = null,
        string? java = null)
    {
        return Ecosystem switch
        {
            "node" when node is not null => PackageManager switch
            {
                "pnpm" => $"pnpm add {node}",
                "yarn" => $"yarn add {node}",
                "bun" => $"bun add {node}",
                _ => $"npm install {node}",
            },
            "dotnet" when dotnet is not null => string.Join(" && ", dotnet.Split(' ').Select(p => $"dotnet add package {p}")),
            "python" when python is not null => PackageManager switch
            {
                "poetry" => $"poetry add {python}",
                "uv" => $"uv add {python}",
                "pipenv" => $"pipenv install {python}",
                _ => $"pip install {python} (and add it to requirements.txt)",
            },
            "go" when go is not null => $"go get {go}",
            "ruby" when ruby is not null => $"bundle add {ruby}",
            "java" when java is not null => JavaDependency(java),
            _ => null,
        };
    }

    /// <summary>
    /// A dependency in the build file: without a version where Spring Boot manages it, with the latest release's
    /// version to fill in otherwise.
    /// </summary>
    private string JavaDependency(string coordinates)
    {
        var (group, artifact) = coordinates.Split(':') is [var g, var a, ..] ? (g, a) : (coordinates, coordinates);
        var managed = Framework == "spring-boot" && SpringManagedGroups.Any(m => Prefixes.IsAtOrUnder(group, m, '.'));
        if (PackageManager == "gradle")
            return managed
                ? $"add implementation(\"{group}:{artifact}\") to the dependencies of {BuildFile ?? "build.gradle"}"
                : $"add implementation(\"{group}:{artifact}:x.y.z\") to the dependencies of {BuildFile ?? "build.gradle"}, with x.y.z its latest release";
        return managed
            ? $"add <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId></dependency> to the dependencies of pom.xml"
            : $"add <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>x.y.z</version></dependency> to the dependencies of pom.xml, with x.y.z its latest release";
    }

    /// <summary>Runs a package script with this stack's package manager (`pnpm run x`, `npm run x`).</summary>
    public string RunScript(string script) =>
        PackageManager switch
        {
            "pnpm" => $"pnpm run {script}",
            "yarn" => $"yarn {script}",
            "bun" => $"bun run {script}",
            _ => $"npm run {script}",
        };
}
