using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Facts.Node;

namespace InfraTrend.Facts.Java;

/// <summary>
/// What a JVM application really uses, read from its build (runtime dependencies only), its code (Java and Kotlin,
/// comments and strings told apart) and its Spring settings: libraries and what wires them, error trackers' wiring,
/// the actuator's health endpoint, Spring Security's headers and HTTPS, CORS, rate limiting, logging and its format,
/// Java agents, and System.out calls.
/// </summary>
// After CSharpUsageFacts, which reads monitoring.structuredLogging without what this source adds.
// After NodeUsageFacts, which reads monitoring.tracing without what this source adds.
[FactSource(After = [typeof(NodeUsageFacts), typeof(CSharpUsageFacts)])]
public sealed partial class JavaUsageFacts : IFactSource
{
    [GeneratedRegex(@"\bSystem\s*\.\s*(out|err)\s*\.\s*(println|print|printf|format|write)\s*\(")]
    private static partial Regex SystemOut();

    [GeneratedRegex(@"(?<![\w.])(println|print)\s*\(")]
    private static partial Regex KotlinPrint();

    // Spring MVC and WebFlux mappings, JAX-RS (Quarkus, Jersey, Dropwizard) and Micronaut annotations, Spring's functional
    // router GET("/health"), Ktor's routing get("/health") { }, and a handler lambda after the path in Jooby, Javalin and
    // Spark: get("/health", ctx -> ...), app.get("/health", (req, res) -> ...).
    [GeneratedRegex(@"(?:@(?:Get|Request)Mapping\s*\(\s*(?:(?:value|path)\s*=\s*)?[\[{]?\s*|@(?:Path|Get|Controller)\s*\(\s*(?:value\s*=\s*)?|\bGET\s*\(\s*|(?<![\w.])get\s*\(\s*(?=""[^""]*""\s*\)\s*\{)|(?:(?<![\w.])|\.)get\s*\(\s*(?=""[^""]*""\s*,\s*(?:\w+|\([^()\n]*\))\s*->)|\.get(?:ServletPath|RequestURI|PathInfo)\s*\(\s*\)\s*\.(?:equals|endsWith|startsWith)\s*\(\s*)""(?<route>/?(?:api/)?(?:v\d+/)?(?:health/)?(?:alive|health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping|status))""")]
    private static partial Regex HealthMapping();

    [GeneratedRegex(@"\.headers\s*\(\s*\)\s*\.\s*disable\s*\(|\.headers\s*\(\s*(?:\w+\s*->\s*\w+\s*\.\s*disable\s*\(|AbstractHttpConfigurer::disable)|\bheaders\s*\{\s*disable\s*\(\s*\)")]
    private static partial Regex HeadersDisabled();

    // Spring MVC's httpStrictTransportSecurity, WebFlux's hsts; not `.hsts(h -> h.disable())`.
    [GeneratedRegex(@"\.httpStrictTransportSecurity\s*\((?![^)\n]*disable)|\bhttpStrictTransportSecurity\s*\{|\.hsts\s*\((?![^)\n]*disable)")]
    private static partial Regex Hsts();

    [GeneratedRegex(@"\.contentSecurityPolicy\s*\(|\bcontentSecurityPolicy\s*\{|\.(?:addHeader|setHeader|header)\s*\(\s*""Content-Security-Policy""")]
    private static partial Regex Csp();

    [GeneratedRegex(@"\.requiresChannel\s*\(|\.requiresSecure\s*\(|\.redirectToHttps\s*\(|\brequiresChannel\s*\{|\bredirectToHttps\s*\{")]
    private static partial Regex RequiresSecure();

    [GeneratedRegex(@"\b(?:allowedOrigins|setAllowedOrigins|addAllowedOrigin|allowedOriginPatterns|setAllowedOriginPatterns|addAllowedOriginPattern)\s*\((?<value>[^;\n]*)")]
    private static partial Regex CorsOrigins();

    [GeneratedRegex(@"@CrossOrigin\b(?<args>\s*\([^)]*\))?")]
    private static partial Regex CrossOrigin();

    [GeneratedRegex(@"\bLoggerFactory\.getLogger\s*\(|@Slf4j\b|\bKotlinLogging\b|\bLoggerFactory\b")]
    private static partial Regex Slf4jLogger();

    [GeneratedRegex(@"\bLogManager\.getLogger\s*\(|@Log4j2\b")]
    private static partial Regex Log4jLogger();

    // Loggers of the JVM's logging facades: SLF4J (LoggerFactory, Lombok's @Slf4j), Log4j, JBoss Logging (Quarkus'
    // static Log and Logger.getLogger) and java.util.logging.
    [GeneratedRegex(@"\bLoggerFactory\.getLogger\s*\(|@Slf4j\b|@Log4j2?\b|@CommonsLog\b|@JBossLog\b|\bLogManager\.getLogger\s*\(|\bimport\s+io\.quarkus\.logging\.Log\b|\bimport\s+org\.jboss\.logging\.Logger\b|\bimport\s+java\.util\.logging\.Logger\b|\bKotlinLogging\.logger\b")]
    private static partial Regex FacadeLogger();

    [GeneratedRegex(@"LogstashEncoder|LoggingEventCompositeJsonEncoder|LogstashLayout|EcsEncoder|classic\.encoder\.JsonEncoder|contrib\.json\.classic\.JsonLayout")]
    private static partial Regex LogbackJson();

    [GeneratedRegex(@"<(JsonTemplateLayout|JsonLayout|EcsLayout|GelfLayout)\b")]
    private static partial Regex Log4jJson();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex XmlComment();

    [GeneratedRegex(@"-javaagent:\S*?(?<agent>opentelemetry-javaagent|dd-java-agent|newrelic|elastic-apm-agent|applicationinsights-agent)")]
    private static partial Regex JavaAgent();

    // A Dockerfile line that copies, adds or downloads an APM agent's jar, often under another name (agent.jar).
    [GeneratedRegex(@"^[ \t]*(?:COPY|ADD|RUN)\b[^\n]*?(?<agent>opentelemetry-javaagent|dd-java-agent|newrelic|elastic-apm-agent|applicationinsights-agent)[^\s""'/]*\.jar", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex AgentJar();

    [GeneratedRegex(@"-javaagent:")]
    private static partial Regex AnyJavaAgent();

    public void Collect(FactContext context)
    {
        var units = JvmUnits.Of(context);
        foreach (var unit in units)
        {
            var configs = LoggingConfigs(context, unit);
            Libraries(context, unit, configs);
            Health(context, unit);
            Security(context, unit);
            Cors(context, unit);
            Logging(context, unit, configs);
            Console(context, unit);
        }
        JavaAgents(context);
    }

    /// <summary>The unit's logging configuration files (logback, log4j2) with their XML comments blanked.</summary>
    private static List<(string Path, string Text)> LoggingConfigs(FactContext context, JvmUnit unit)
    {
        var configs = new List<(string, string)>();
        foreach (var module in unit.Modules)
        {
            var resources = PartDetector.Join(module.Folder, "src/main/resources/");
            foreach (var file in context.Snapshot.Files.Where(f => f.Path.StartsWith(resources, StringComparison.Ordinal) && (f.Name.StartsWith("logback", StringComparison.Ordinal) || f.Name.StartsWith("log4j2", StringComparison.Ordinal))))
            {
                if (context.Snapshot.ReadText(file.Path) is { } text)
                    configs.Add((file.Path, XmlComment().Replace(text, m => new string(m.Value.Select(c => c == '\n' ? '\n' : ' ').ToArray()))));
            }
        }
        return configs;
    }

    private static void Libraries(FactContext context, JvmUnit unit, List<(string Path, string Text)> configs)
    {
        foreach (var library in JavaLibraries.All.Concat(JavaLibraries.RateLimiters))
        {
            if (unit.Runtime(library.Artifacts) is not { } dependency)
                continue;
            var wired = Wiring(unit, library, configs);
            if (library.Wiring is null && library.Property is null)
                wired = dependency.Evidence;
            if (library.FactKey == FactKeys.ErrorTracking)
                ErrorTrackingWiring(context, unit, library, dependency, wired);
            if (wired is null)
                continue; // on the classpath but never set up: not listed
            if (library.FactKey == FactKeys.RateLimiting)
                unit.Flag(context, FactKeys.RateLimiting, wired);
            else
                unit.Add(context, library.FactKey, library.Id, wired);
        }
    }

    /// <summary>The call, annotation, config-file line or setting value that sets a library up, or the Spring property that does.</summary>
    private static Evidence? Wiring(JvmUnit unit, JavaLibrary library, List<(string Path, string Text)> configs)
    {
        if (library.Wiring is { } pattern)
        {
            if (unit.FirstCode(pattern) is { } code)
                return code;
            foreach (var (path, text) in configs)
            {
                if (pattern.Match(text) is { Success: true } m)
                    return new Evidence(path, new TextLines(text).LineOf(m.Index));
            }
            // A gateway filter, say: `- name: RequestRateLimiter` in application.yml.
            if (unit.Settings.FirstOrDefault(s => pattern.IsMatch(s.Value)) is { } named)
                return named.Evidence;
        }
        if (library.Property is { } property && SpringSettings.Under(unit.Settings, property).FirstOrDefault() is { } setting)
            return setting.Evidence;
        return null;
    }

    private static void ErrorTrackingWiring(FactContext context, JvmUnit unit, JavaLibrary library, JvmDependency dependency, Evidence? init)
    {
        var pieces = new List<string> { "dependency" };
        if (init is not null)
            pieces.Add("init");
        var key = JavaLibraries.ErrorTrackerKeys.First(k => k.Id == library.Id);
        var dsn = (key.Property is { } property ? SpringSettings.Get(unit.Settings, property)?.Evidence : null)
            ?? (key.Setting is { } setting ? unit.FirstCode(setting) : null)
            ?? EnvironmentMentions.Find(context, key.Variable);
        if (dsn is not null)
            pieces.Add("dsn");
        unit.SetEntry(context, FactKeys.ErrorTrackingWiring, library.Id, string.Join(',', pieces), dsn ?? init ?? dependency.Evidence);
    }

    /// <summary>
    /// Spring Boot's actuator serves /actuator/health (under management.endpoints.web.base-path) unless the settings turn
    /// it off; probes add /liveness and /readiness below it. Controllers that map a health path count too.
    /// </summary>
    private static void Health(FactContext context, JvmUnit unit)
    {
        if (unit.UsesSpringBoot && (unit.Runtime("org.springframework.boot:spring-boot-starter-actuator")?.Evidence ?? HealthSettings(unit.Settings)) is { } actuator && !HealthDisabled(unit.Settings))
        {
            var basePath = SpringSettings.Get(unit.Settings, "management.endpoints.web.base-path")?.Value.Trim('"', '\'') ?? "/actuator";
            var route = (basePath.TrimEnd('/') + "/health").Replace("//", "/", StringComparison.Ordinal);
            var evidence = SpringSettings.Get(unit.Settings, "management.endpoints.web.base-path")?.Evidence ?? actuator;
            HealthRoute(context, unit, route, actuator);
            if (evidence != actuator)
                unit.Flag(context, FactKeys.HealthEndpoint, evidence);
            if (SpringSettings.Get(unit.Settings, "management.endpoint.health.probes.enabled") is { Value: "true" } probes)
            {
                HealthRoute(context, unit, route + "/liveness", probes.Evidence);
                HealthRoute(context, unit, route + "/readiness", probes.Evidence);
            }
            if (SpringSettings.Get(unit.Settings, "management.endpoint.health.probes.add-additional-paths") is { Value: "true" } additional)
            {
                HealthRoute(context, unit, "/livez", additional.Evidence);
                HealthRoute(context, unit, "/readyz", additional.Evidence);
            }
        }
        if (unit.Runtime("io.quarkus:quarkus-smallrye-health") is { } quarkus)
            HealthRoute(context, unit, "/q/health", quarkus.Evidence);
        if (unit.Runtime("io.micronaut:micronaut-management") is { } micronaut)
            HealthRoute(context, unit, "/health", micronaut.Evidence);
        foreach (var source in unit.Sources)
        {
            foreach (var m in source.CodeMatches(HealthMapping()))
                HealthRoute(context, unit, "/" + m.Groups["route"].Value.TrimStart('/'), source.EvidenceAt(m.Index));
        }
    }

    /// <summary>
    /// Settings that configure the actuator's health endpoint (exposing `health`, or under management.endpoint.health or
    /// management.health): the actuator is on the classpath even when a company starter or plugin, not the build file,
    /// brings it in.
    /// </summary>
    private static Evidence? HealthSettings(IReadOnlyList<SpringSetting> settings)
    {
        var exposed = SpringSettings.Under(settings, "management.endpoints.web.exposure.include")
            .FirstOrDefault(s => s.Value.Split(',').Select(x => x.Trim().Trim('"', '\'', '[', ']', ' ')).Any(x => x is "health" or "*"));
        return exposed?.Evidence
            ?? SpringSettings.Under(settings, "management.endpoint.health").FirstOrDefault()?.Evidence
            ?? SpringSettings.Under(settings, "management.health").FirstOrDefault()?.Evidence;
    }

    private static bool HealthDisabled(IReadOnlyList<SpringSetting> settings)
    {
        string? Value(string key) => SpringSettings.Get(settings, key)?.Value.Trim().ToLowerInvariant();
        if (Value("management.endpoint.health.enabled") == "false" || Value("management.endpoint.health.access") == "none" || Value("management.server.port") == "-1")
            return true;
        var excluded = SpringSettings.Under(settings, "management.endpoints.web.exposure.exclude").Select(s => s.Value);
        return excluded.Any(v => v.Split(',').Select(x => x.Trim().Trim('"', '\'')).Any(x => x is "health" or "*"));
    }

    private static void HealthRoute(FactContext context, JvmUnit unit, string route, Evidence evidence)
    {
        unit.Flag(context, FactKeys.HealthEndpoint, evidence);
        unit.Add(context, FactKeys.HealthRoutes, route, evidence);
    }

    /// <summary>Spring Security sends HSTS, X-Frame-Options and X-Content-Type-Options unless its headers are turned off.</summary>
    private static void Security(FactContext context, JvmUnit unit)
    {
        var security = unit.Runtime(["org.springframework.boot:spring-boot-starter-security", "org.springframework.security:spring-security-web", "org.springframework.security:spring-security-config"]);
        if (security is not null && unit.FirstCode(HeadersDisabled()) is null)
            unit.Add(context, FactKeys.SecurityHeaders, "spring-security", security.Evidence);
        // HSTS configured explicitly: browsers keep to HTTPS, as with Go's or Django's HSTS.
        if (unit.FirstCode(Hsts()) is { } hsts)
        {
            unit.Add(context, FactKeys.SecurityHeaders, "hsts", hsts);
            unit.Flag(context, FactKeys.HttpsEnforced, hsts);
        }
        if (unit.FirstCode(Csp()) is { } csp)
            unit.Add(context, FactKeys.SecurityHeaders, "csp", csp);
        if (unit.FirstCode(RequiresSecure()) is { } secure)
            unit.Flag(context, FactKeys.HttpsEnforced, secure);
        // The application serves HTTPS itself, and Spring Security adds HSTS to those responses.
        var tls = SpringSettings.Under(unit.Settings, "server.ssl").FirstOrDefault(s => s.Key is "server.ssl.keystore" or "server.ssl.bundle" || s.Key == "server.ssl.enabled" && s.Value == "true");
        if (security is not null && tls is not null)
            unit.Flag(context, FactKeys.HttpsEnforced, tls.Evidence);
    }

    private static void Cors(FactContext context, JvmUnit unit)
    {
        foreach (var source in unit.Sources)
        {
            foreach (var m in source.CodeMatches(CorsOrigins()))
                unit.Flag(context, m.Groups["value"].Value.Contains("\"*\"", StringComparison.Ordinal) ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, source.EvidenceAt(m.Index));
            foreach (var m in source.CodeMatches(CrossOrigin()))
            {
                var args = m.Groups["args"].Value;
                // A bare @CrossOrigin allows every origin.
                var explicitOrigins = Regex.IsMatch(args, @"(origins|value|originPatterns)\s*=") || Regex.IsMatch(args, @"^\s*\(\s*[{""]");
                var wildcard = args.Contains("\"*\"", StringComparison.Ordinal);
                unit.Flag(context, explicitOrigins && !wildcard ? FactKeys.CorsConfigured : FactKeys.CorsPermissive, source.EvidenceAt(m.Index));
            }
        }
        foreach (var setting in unit.Settings.Where(s => s.Key.Contains("cors", StringComparison.Ordinal) && (s.Key.Contains("allowedorigins", StringComparison.Ordinal) || s.Key.Contains("allowedoriginpatterns", StringComparison.Ordinal))))
        {
            var value = setting.Value.Trim();
            if (value.Length == 0)
                continue;
            unit.Flag(context, value.Split(',').Any(v => v.Trim().Trim('"', '\'') == "*") ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, setting.Evidence);
        }
    }

    /// <summary>
    /// Whether a Spring Boot unit configures its logging beyond levels: a log file, a pattern, a config file named in the
    /// settings, structured output (logging.file.*, logging.pattern.*, logging.config, logging.structured.*, logging.logback.*).
    /// Levels alone (logging.level.sql=DEBUG) leave Boot's default console logger as it is.
    /// </summary>
    private static bool LoggingConfigured(JvmUnit unit) =>
        SpringSettings.Under(unit.Settings, "logging").Any(s => !Prefixes.IsAtOrUnder(s.Key, "logging.level", '.') && !Prefixes.IsAtOrUnder(s.Key, "logging.group", '.'));

    private static void Logging(FactContext context, JvmUnit unit, List<(string Path, string Text)> configs)
    {
        var log4jConfig = configs.FirstOrDefault(c => Path.GetFileName(c.Path).StartsWith("log4j2", StringComparison.Ordinal));
        var logbackConfig = configs.FirstOrDefault(c => Path.GetFileName(c.Path).StartsWith("logback", StringComparison.Ordinal));
        var log4jStarter = unit.Runtime(["org.springframework.boot:spring-boot-starter-log4j2", "org.apache.logging.log4j:log4j-core"]);

        if (log4jConfig.Path is not null)
            unit.Add(context, FactKeys.StructuredLogging, "log4j", new Evidence(log4jConfig.Path, 1));
        else if (log4jStarter is not null && unit.FirstCode(Log4jLogger()) is { } log4jUse)
            unit.Add(context, FactKeys.StructuredLogging, "log4j", log4jUse);

        if (logbackConfig.Path is not null)
            unit.Add(context, FactKeys.StructuredLogging, "logback", new Evidence(logbackConfig.Path, 1));
        else if ((unit.UsesSpringBoot && log4jStarter is null || unit.Runtime("ch.qos.logback:logback-classic") is not null) && unit.FirstCode(Slf4jLogger()) is { } slf4j)
        {
            unit.Add(context, FactKeys.StructuredLogging, "logback", slf4j); // Spring Boot logs through logback unless told otherwise
            if (unit.UsesSpringBoot && !LoggingConfigured(unit))
                unit.Add(context, FactKeys.FrameworkLogging, "logback", slf4j);
        }
        // A Spring Boot application logs through its starter's logger even when its own code writes nothing: start-up,
        // requests that fail, the framework's warnings. Spring Cloud and Spring Boot Admin starters bring the same starter
        // (spring-petclinic-microservices' config and discovery servers).
        if (unit.UsesSpringBoot && log4jConfig.Path is null && logbackConfig.Path is null
            && unit.Runtime(["org.springframework.boot:spring-boot-starter*", "org.springframework.cloud:spring-cloud-config-server", "org.springframework.cloud:spring-cloud-starter*", "de.codecentric:spring-boot-admin-starter*"]) is { } starter)
        {
            unit.Add(context, FactKeys.StructuredLogging, log4jStarter is not null ? "log4j" : "logback", log4jStarter?.Evidence ?? starter.Evidence);
            if (!LoggingConfigured(unit))
                unit.Add(context, FactKeys.FrameworkLogging, log4jStarter is not null ? "log4j" : "logback", log4jStarter?.Evidence ?? starter.Evidence);
        }

        // A JVM server without Spring Boot (Quarkus, Micronaut, Dropwizard, a Jersey or Guice server of its own) still
        // logs through a library when its code asks a logging facade for a logger: the framework or the build brings
        // the backend (JBoss Log Manager in Quarkus, logback in Dropwizard and Micronaut).
        if (log4jConfig.Path is null && logbackConfig.Path is null && !unit.UsesSpringBoot && unit.FirstCode(FacadeLogger()) is { } facade)
            unit.Add(context, FactKeys.StructuredLogging, unit.Runtime("org.apache.logging.log4j:log4j-core") is not null ? "log4j" : unit.Runtime("ch.qos.logback:logback-classic") is not null ? "logback" : "slf4j", facade);
        // Quarkus writes JSON logs once its JSON logging extension is there (quarkus.log.console.json=false turns it off).
        if (unit.Runtime("io.quarkus:quarkus-logging-json") is { } quarkusJson && SpringSettings.Get(unit.Settings, "quarkus.log.console.json")?.Value.Trim() != "false")
            unit.Flag(context, FactKeys.StructuredOutput, quarkusJson.Evidence);

        foreach (var (path, text) in configs)
        {
            var json = Path.GetFileName(path).StartsWith("log4j2", StringComparison.Ordinal) ? Log4jJson().Match(text) : LogbackJson().Match(text);
            if (json.Success)
                unit.Flag(context, FactKeys.StructuredOutput, new Evidence(path, new TextLines(text).LineOf(json.Index)));
        }
        // Spring Boot 3.4+: logging.structured.format.console=ecs|logstash|gelf
        if (SpringSettings.Under(unit.Settings, "logging.structured.format").FirstOrDefault(s => s.Value.Trim().Length > 0) is { } structured)
            unit.Flag(context, FactKeys.StructuredOutput, structured.Evidence);
        if (unit.Runtime("net.logstash.logback:logstash-logback-encoder") is not null && unit.FirstCode(LogbackJson()) is { } encoder)
            unit.Flag(context, FactKeys.StructuredOutput, encoder);
    }

    private static void Console(FactContext context, JvmUnit unit)
    {
        foreach (var source in unit.Sources)
        {
            var calls = source.CodeMatches(SystemOut()).Concat(source.Language == "kotlin" ? source.CodeMatches(KotlinPrint()) : []).OrderBy(m => m.Index).ToList();
            if (calls.Count > 0)
                unit.Count(context, FactKeys.ConsoleLogCalls, calls.Count, source.EvidenceAt(calls[0].Index));
        }
    }

    /// <summary>`-javaagent:` in a Dockerfile, compose file, manifest, start script or build file: an APM agent attached at start.</summary>
    private static void JavaAgents(FactContext context)
    {
        // Whether a launcher (an image, a deployment, a start script) attaches any agent at all, named or not.
        var attached = false;
        foreach (var file in context.Snapshot.Files)
        {
            var name = file.Name;
            var launcher = name.StartsWith("Dockerfile", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)
                || name.EndsWith(".sh", StringComparison.Ordinal) || name is "Procfile" or "jvm.config";
            var candidate = launcher || name is "pom.xml" or "build.gradle" or "build.gradle.kts" or "system.properties";
            if (!candidate || Node.NodeManifests.IsVendored(file.Path) || SourceFiles.IsTest(file.Path) || file.Path.StartsWith(".github/", StringComparison.Ordinal))
                continue;
            var application = !SourceFiles.IsNotApplication(file.Path);
            if (!application && !launcher)
                continue;
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("-javaagent:", StringComparison.Ordinal))
                continue;
            attached = attached || launcher && AnyJavaAgent().Matches(text).Any(m => !CommentedOut(text, m.Index));
            if (!application)
                continue;
            var lines = new TextLines(text);
            foreach (Match m in JavaAgent().Matches(text))
            {
                if (!CommentedOut(text, m.Index))
                    context.Add(FactKeys.Tracing, AgentId(m.Groups["agent"].Value), new Evidence(file.Path, lines.LineOf(m.Index)));
            }
        }
        AgentJars(context, attached);
    }

    /// <summary>Whether the line holding <paramref name="index"/> is a shell or YAML comment up to it.</summary>
    private static bool CommentedOut(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', index) + 1;
        return text.AsSpan(lineStart, index - lineStart).TrimStart().StartsWith("#");
    }

    private static string AgentId(string agent) => agent.ToLowerInvariant() switch
    {
        "opentelemetry-javaagent" => "opentelemetry",
        "dd-java-agent" => "datadog",
        "newrelic" => "newrelic",
        "elastic-apm-agent" => "elastic-apm",
        _ => "application-insights",
    };

    /// <summary>
    /// A Dockerfile that copies or downloads an APM agent's jar (`COPY applicationinsights-agent*.jar ./agent.jar`) and
    /// attaches a Java agent at start (`-javaagent:agent.jar` in the image, the deployment's JAVA_TOOL_OPTIONS or a
    /// start script), or ships the Application Insights agent's applicationinsights.json beside it: the agent traces.
    /// </summary>
    private static void AgentJars(FactContext context, bool attached)
    {
        var jars = new List<(string Id, string Folder, Evidence Evidence)>();
        foreach (var file in context.Snapshot.Files.Where(f => f.Name.StartsWith("Dockerfile", StringComparison.Ordinal) && !Node.NodeManifests.IsVendored(f.Path) && !SourceFiles.IsTest(f.Path) && !SourceFiles.IsNotApplication(f.Path)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            var lines = new TextLines(text);
            foreach (Match m in AgentJar().Matches(text))
                jars.Add((AgentId(m.Groups["agent"].Value), file.Directory, new Evidence(file.Path, lines.LineOf(m.Index))));
        }
        foreach (var (id, folder, evidence) in jars)
        {
            var config = id == "application-insights" && context.Snapshot.Files.Any(f => f.Directory == folder && f.Name.StartsWith("applicationinsights", StringComparison.Ordinal) && f.Name.EndsWith(".json", StringComparison.Ordinal));
            if (attached || config)
                context.Add(FactKeys.Tracing, id, evidence);
        }
    }
}
