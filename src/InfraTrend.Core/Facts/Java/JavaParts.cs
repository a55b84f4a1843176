using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Java;

/// <summary>
/// JVM deployable parts: a module whose main code holds a Spring Boot application class (or a Quarkus or Micronaut
/// application). A web starter makes it a service, a messaging or batch starter a worker. Library modules and the
/// aggregator pom are not parts.
/// </summary>
public static partial class JavaParts
{
    internal static readonly string[] WebArtifacts =
    [
        "org.springframework.boot:spring-boot-starter-web", "org.springframework.boot:spring-boot-starter-webflux", "org.springframework.boot:spring-boot-starter-webmvc",
        "org.springframework.boot:spring-boot-starter-jersey", "org.springframework.boot:spring-boot-starter-data-rest", "org.springframework.boot:spring-boot-starter-hateoas",
        "org.springframework.boot:spring-boot-starter-graphql", "org.springframework.boot:spring-boot-starter-websocket",
        "org.springframework.cloud:spring-cloud-starter-gateway*", "org.springframework.cloud:spring-cloud-config-server", "org.springframework.cloud:spring-cloud-starter-netflix-eureka-server",
        "de.codecentric:spring-boot-admin-starter-server", "com.netflix.graphql.dgs:graphql-dgs-spring-boot-starter", "com.netflix.graphql.dgs:graphql-dgs-spring-graphql-starter",
        "io.quarkus:quarkus-rest*", "io.quarkus:quarkus-resteasy*", "io.quarkus:quarkus-vertx-http", "io.micronaut:micronaut-http-server*",
        "com.linecorp.armeria:armeria-spring-boot*",
    ];

    private static readonly string[] WorkerArtifacts =
    [
        "org.springframework.kafka:spring-kafka", "org.springframework.boot:spring-boot-starter-amqp", "org.springframework.cloud:spring-cloud-stream*", "org.springframework.cloud:spring-cloud-starter-stream*",
        "org.springframework.boot:spring-boot-starter-batch", "org.springframework.boot:spring-boot-starter-quartz", "io.awspring.cloud:spring-cloud-aws-starter-sqs", "io.temporal:temporal-sdk",
    ];

    [GeneratedRegex(@"@SpringBootApplication\b|\bSpringApplication\.run\s*\(|\bnew\s+SpringApplicationBuilder\s*\(|\brunApplication\s*<|@QuarkusMain\b|\bMicronaut\.run\s*\(")]
    private static partial Regex ApplicationClass();

    public static IEnumerable<(string Folder, string Name, string Kind)> Detect(Snapshot snapshot)
    {
        var modules = JvmModules.Of(snapshot);
        foreach (var module in modules.Where(m => !m.IsAggregator))
        {
            var framework = module.Dependencies.Any(d => d.Runtime && d.Group is "io.quarkus" or "io.micronaut");
            if (!framework && !HasApplicationClass(snapshot, module))
                continue;
            // The web starter often comes through a library module of the same build (app -> core -> starter-webflux).
            var built = new[] { module }.Concat(JvmModules.Closure(modules, module)).ToList();
            var kind = built.Any(m => m.RuntimeAny(WebArtifacts) is not null) ? "service" : built.Any(m => m.RuntimeAny(WorkerArtifacts) is not null) ? "worker" : "app";
            yield return (module.Folder, module.Name, kind);
        }
    }

    /// <summary>An application class in the module's own main code (a Spring Boot class in a comment does not count).</summary>
    private static bool HasApplicationClass(Snapshot snapshot, JvmModule module)
    {
        var main = PartDetector.Join(module.Folder, "src/main/");
        foreach (var file in snapshot.Files)
        {
            if (!file.Path.StartsWith(main, StringComparison.Ordinal) || !(file.Name.EndsWith(".java", StringComparison.Ordinal) || file.Name.EndsWith(".kt", StringComparison.Ordinal)))
                continue;
            if (snapshot.ReadText(file.Path) is not { } text || !(text.Contains("SpringBootApplication", StringComparison.Ordinal) || text.Contains("SpringApplication", StringComparison.Ordinal) || text.Contains("runApplication", StringComparison.Ordinal) || text.Contains("Quarkus", StringComparison.Ordinal) || text.Contains("Micronaut", StringComparison.Ordinal)))
                continue;
            var language = file.Name.EndsWith(".kt", StringComparison.Ordinal) ? "kotlin" : "java";
            if (new SourceText(file.Path, text, LexerFamily.CLike, language).HasCode(ApplicationClass()))
                return true;
        }
        return false;
    }
}
