using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Java;

/// <summary>
/// JVM deployable parts: a module whose main code holds a Spring Boot application class (or a Quarkus or Micronaut
/// application). A web starter makes it a service, a messaging or batch starter a worker. A module with a plain `main`
/// that starts an embedded HTTP server of its own (Jetty, Undertow, Grizzly, Netty through Vert.x, Javalin, Dropwizard,
/// Helidon, Ktor) is a service too. Library modules and the aggregator pom are not parts.
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

    /// <summary>
    /// Embedded HTTP servers and the frameworks built on them, which a plain `main` starts itself (graylog's Jersey on
    /// Grizzly, openremote's Undertow container). A servlet container a war is dropped into is not here: nothing starts it.
    /// </summary>
    private static readonly string[] EmbeddedServerArtifacts =
    [
        "org.eclipse.jetty:jetty-server", "io.undertow:undertow-core", "org.glassfish.jersey.containers:jersey-container-grizzly2-http",
        "org.glassfish.jersey.containers:jersey-container-jetty-http", "org.glassfish.jersey.containers:jersey-container-jdk-http", "org.glassfish.grizzly:grizzly-http-server",
        "io.vertx:vertx-web", "io.javalin:javalin", "io.dropwizard:dropwizard-core", "io.helidon.webserver:helidon-webserver",
        "com.sparkjava:spark-core", "io.ktor:ktor-server-*", "org.http4k:http4k-server-*", "org.jboss.resteasy:resteasy-undertow*", "io.muserver:mu-server",
    ];

    [GeneratedRegex(@"\bpublic\s+static\s+void\s+main\s*\(|^\s*fun\s+main\s*\(", RegexOptions.Multiline)]
    private static partial Regex MainMethod();

    [GeneratedRegex(@"@SpringBootApplication\b|\bSpringApplication\.run\s*\(|\bnew\s+SpringApplicationBuilder\s*\(|\brunApplication\s*<|@QuarkusMain\b|\bMicronaut\.run\s*\(")]
    private static partial Regex ApplicationClass();

    public static IEnumerable<(string Folder, string Name, string Kind)> Detect(Snapshot snapshot)
    {
        var modules = JvmModules.Of(snapshot);
        foreach (var module in modules.Where(m => !m.IsAggregator))
        {
            var framework = module.Dependencies.Any(d => d.Runtime && d.Group is "io.quarkus" or "io.micronaut");
            // The web starter often comes through a library module of the same build (app -> core -> starter-webflux).
            var built = new[] { module }.Concat(JvmModules.Closure(modules, module)).ToList();
            if (!framework && !HasApplicationClass(snapshot, module))
            {
                if (built.Any(m => m.RuntimeAny(EmbeddedServerArtifacts) is not null) && HasCode(snapshot, module, ["main"], MainMethod()))
                    yield return (module.Folder, module.Name, "service");
                continue;
            }
            var kind = built.Any(m => m.RuntimeAny(WebArtifacts) is not null) ? "service" : built.Any(m => m.RuntimeAny(WorkerArtifacts) is not null) ? "worker" : "app";
            yield return (module.Folder, module.Name, kind);
        }
    }

    /// <summary>An application class in the module's own main code (a Spring Boot class in a comment does not count).</summary>
    private static bool HasApplicationClass(Snapshot snapshot, JvmModule module) =>
        HasCode(snapshot, module, ["SpringBootApplication", "SpringApplication", "runApplication", "Quarkus", "Micronaut"], ApplicationClass());

    /// <summary>Code matching <paramref name="pattern"/> in the module's own main sources, in a file that mentions one of <paramref name="mentions"/> (a match in a comment does not count).</summary>
    private static bool HasCode(Snapshot snapshot, JvmModule module, string[] mentions, Regex pattern)
    {
        var main = PartDetector.Join(module.Folder, "src/main/");
        foreach (var file in snapshot.Files)
        {
            if (!file.Path.StartsWith(main, StringComparison.Ordinal) || !(file.Name.EndsWith(".java", StringComparison.Ordinal) || file.Name.EndsWith(".kt", StringComparison.Ordinal)))
                continue;
            if (snapshot.ReadText(file.Path) is not { } text || !mentions.Any(m => text.Contains(m, StringComparison.Ordinal)))
                continue;
            var language = file.Name.EndsWith(".kt", StringComparison.Ordinal) ? "kotlin" : "java";
            if (new SourceText(file.Path, text, LexerFamily.CLike, language).HasCode(pattern))
                return true;
        }
        return false;
    }
}
