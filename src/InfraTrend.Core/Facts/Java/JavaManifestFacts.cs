using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Dotnet;

namespace InfraTrend.Facts.Java;

/// <summary>
/// Maven and Gradle builds: Spring Boot as a framework, Maven or Gradle with the wrapper's version (the build file and
/// the mvnw or gradlew script are evidence too, so a fix can name build.gradle.kts and ./gradlew), Gradle lockfiles, and the Java version (java.version,
/// maven.compiler.release, the toolchain, .sdkmanrc, Heroku's system.properties).
/// </summary>
// Adds to stack.packageManagers after them: the report keeps the order they were found in.
// After TestFileFacts, which reads stack.frameworks without what this source adds.
[FactSource(After = [typeof(TestFileFacts), typeof(DotnetProjectFacts)])]
public sealed partial class JavaManifestFacts : IFactSource
{
    [GeneratedRegex(@"distributionUrl\s*=\s*\S*?(?:apache-maven|gradle)-(?<version>\d+(?:\.\d+)*(?:-[\w.]+)?)-(?:bin|all)\.zip")]
    private static partial Regex WrapperVersion();

    [GeneratedRegex(@"^\s*java\s*=\s*(?<version>\S+)", RegexOptions.Multiline)]
    private static partial Regex SdkmanJava();

    [GeneratedRegex(@"^\s*java\.runtime\.version\s*=\s*(?<version>\S+)", RegexOptions.Multiline)]
    private static partial Regex HerokuJava();

    public void Collect(FactContext context)
    {
        var modules = JvmModules.Of(context);
        foreach (var module in modules)
        {
            if (module.UsesSpringBoot && !module.IsAggregator)
            {
                // Any one of the signs UsesSpringBoot reads is evidence: a module can show Spring Boot by its Maven plugin
                // alone, its dependencies coming from a parent (PowerJob's server module).
                var plugin = module.Plugin("org.springframework.boot") ?? module.Plugin("org.springframework.boot:spring-boot-maven-plugin");
                var evidence = module.SpringBoot?.Evidence
                    ?? plugin?.Evidence
                    ?? module.Dependencies.FirstOrDefault(d => d.Group == "org.springframework.boot" && d.Scope != "test")?.Evidence
                    ?? new Evidence(module.BuildFile, 0);
                context.Add(FactKeys.Frameworks, "spring-boot", evidence.Path == module.BuildFile ? evidence : new Evidence(module.BuildFile, 0));
            }
            context.SetEntry(FactKeys.PackageManagers, module.BuildTool, null, new Evidence(module.BuildFile, 0));
        }

        var pins = modules.SelectMany(m => m.JavaVersions).DistinctBy(p => p.Evidence).ToList();
        foreach (var (version, evidence) in pins)
            context.RuntimeSource("java", version, evidence, "manifest");

        foreach (var script in context.FilesNamed("mvnw", "gradlew").Where(f => !Node.NodeManifests.IsVendored(f.Path)))
            context.SetEntry(FactKeys.PackageManagers, script.Name == "mvnw" ? "maven" : "gradle", null, new Evidence(script.Path, 0));
        Wrapper(context, ".mvn/wrapper/maven-wrapper.properties", "maven");
        Wrapper(context, "gradle/wrapper/gradle-wrapper.properties", "gradle");
        foreach (var lockfile in context.Snapshot.Files.Where(f => f.Name == "gradle.lockfile" && !Node.NodeManifests.IsVendored(f.Path)))
            context.Add(FactKeys.Lockfiles, "gradle.lockfile", new Evidence(lockfile.Path, 0));

        foreach (var file in context.FilesNamed(".sdkmanrc"))
        {
            if (context.Snapshot.ReadText(file.Path) is { } text && SdkmanJava().Match(text) is { Success: true } m)
                context.RuntimeSource("java", m.Groups["version"].Value.Split('-')[0], new Evidence(file.Path, new TextLines(text).LineOf(m.Index)), "version-file");
        }
        foreach (var file in context.FilesNamed("system.properties"))
        {
            // Heroku's Java buildpack reads the version here.
            if (context.Snapshot.ReadText(file.Path) is { } text && HerokuJava().Match(text) is { Success: true } m)
                context.RuntimeSource("java", m.Groups["version"].Value, new Evidence(file.Path, new TextLines(text).LineOf(m.Index)), "deployment");
        }
    }

    /// <summary>A Maven or Gradle wrapper pins the build tool's version for every build.</summary>
    private static void Wrapper(FactContext context, string suffix, string tool)
    {
        foreach (var file in context.Snapshot.Files.Where(f => (f.Path == suffix || f.Path.EndsWith("/" + suffix, StringComparison.Ordinal)) && !Node.NodeManifests.IsVendored(f.Path)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || WrapperVersion().Match(text) is not { Success: true } m)
                continue;
            context.SetEntry(FactKeys.PackageManagers, tool, m.Groups["version"].Value, new Evidence(file.Path, new TextLines(text).LineOf(m.Index)));
        }
    }
}
