using InfraTrend.Analyzers.Deployment;
using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.health-endpoint",
    Category = Category.Monitoring,
    Level = 3,
    Weight = 4,
    WeightReason = "A health route is the one signal every platform, load balancer and uptime monitor acts on; the rest of monitoring builds on it.",
    Severity = Severity.High,
    Title = "Health endpoint",
    LooksFor = "A health or readiness route the application serves (/health, /healthz, /ready, MapHealthChecks, actuator), and whether a platform check or HEALTHCHECK probes it.",
    WhyItMatters = "Without a health route nothing can tell a running process from a serving one: broken releases take traffic and outages go unnoticed.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class HealthEndpointAnalyzer : IAnalyzer
{
    private const string RemediationText = "Serve a cheap /health route that returns 200 when the application can serve, and have the platform probe it.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.IsPart(PartKinds.Web))
            return [context.NotApplicable($"{context.PartName()} is a web front end: the health route belongs to the service behind it.")];
        // A console program beside the services (a migrator, a setup tool) serves nothing to probe.
        if (context.IsPart(PartKinds.App) && context.Part!.Path != ".")
            return [context.NotApplicable($"{context.PartName()} is a console program, not a server: nothing probes it.")];

        if (!context.Facts.Bool(FactKeys.HealthEndpoint))
            return [context.Fail("No health endpoint found: nothing can tell whether the application is able to serve.", Fix(context))];

        var routes = context.Facts.List(FactKeys.HealthRoutes);
        var served = routes.Count > 0 ? $"The application serves {string.Join(", ", routes)}" : "A health endpoint is there";
        var evidence = context.EvidenceOf(FactKeys.HealthEndpoint, FactKeys.HealthRoutes);
        var probes = HealthProbes.Of(context.Repository);
        if (probes.Count > 0 && MissedRoutes(context, routes) is { } probed)
        {
            // The platform checks a path the application does not serve: every probe fails, or checks nothing.
            return
            [
                context.Partial(
                    0.5,
                    $"{served}, but the platform probes {string.Join(", ", probed)}, which it does not serve.",
                    $"Point the platform's health check at {routes[0]}, or serve {probed[0]}.",
                    evidence.Concat(HealthProbes.EvidenceOf(context.Repository))),
            ];
        }
        if (probes.Count > 0)
            return [context.Pass($"{served}, and it is probed: {string.Join("; ", probes)}.", evidence.Concat(HealthProbes.EvidenceOf(context.Repository)))];

        var route = HealthProbes.Route(context);
        return
        [
            context.Partial(
                0.75,
                $"{served}, but nothing probes it: no platform health check and no Dockerfile HEALTHCHECK is declared.",
                HealthProbes.Fix(context, route) ?? $"Have the platform or an uptime monitor probe {route}.",
                evidence),
        ];
    }

    /// <summary>
    /// The paths the platform probes when none of them is a route the application serves (a global prefix such as
    /// `/api` in front of `/health` still matches); null when they match, or when a probe's path is not known
    /// (a Dockerfile HEALTHCHECK, a compose healthcheck) or the application's routes are not.
    /// </summary>
    private static IReadOnlyList<string>? MissedRoutes(AnalyzerContext context, IReadOnlyList<string> routes)
    {
        var probed = context.Repository.List(FactKeys.PlatformHealthCheck);
        if (routes.Count == 0 || probed.Count == 0 || probed.Any(p => !p.StartsWith('/')) || DockerfileFact.Of(context.Repository).Any(d => d.Healthcheck))
            return null;
        static string Clean(string path) => path.TrimEnd('/').ToLowerInvariant();
        bool Serves(string path) => routes.Any(r => Clean(path) == Clean(r) || Clean(path).EndsWith(Clean(r), StringComparison.Ordinal) || Clean(r).EndsWith(Clean(path), StringComparison.Ordinal));
        return probed.Any(Serves) ? null : probed;
    }

    private static string Fix(AnalyzerContext context)
    {
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        return context.Stack.Ecosystem switch
        {
            "node" when Uses("nestjs") => $"{context.Stack.AddPackage(node: "@nestjs/terminus")}, then add a HealthController with @Get('health') that returns this.health.check([])",
            "node" when Uses("fastify") => "Add fastify.get('/health', async () => ({ status: 'ok' }))",
            "node" when Uses("koa") => "Add router.get('/health', (ctx) => { ctx.body = { status: 'ok' }; })",
            "node" => "Add app.get('/health', (req, res) => res.json({ status: 'ok' }))",
            "dotnet" => "Add builder.Services.AddHealthChecks(); and app.MapHealthChecks(\"/health\"); to Program.cs",
            "python" when Uses("django") => $"{context.Stack.AddPackage(python: "django-health-check")}, then add path(\"health/\", include(\"health_check.urls\")) to urls.py",
            "python" => "Add @app.get(\"/health\") def health(): return {\"status\": \"ok\"}",
            "go" when Uses("gin") => "Add r.GET(\"/health\", func(c *gin.Context) { c.JSON(200, gin.H{\"status\": \"ok\"}) })",
            "go" when Uses("echo") => "Add e.GET(\"/health\", func(c echo.Context) error { return c.JSON(200, map[string]string{\"status\": \"ok\"}) })",
            "go" when Uses("fiber") => "Add app.Get(\"/health\", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{\"status\": \"ok\"}) })",
            "go" => "Add http.HandleFunc(\"/health\", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })",
            "ruby" when Uses("rails") => "Add get \"up\" => \"rails/health#show\" to config/routes.rb (Rails 7.1+)",
            "ruby" => "Add get \"/health\" do \"ok\" end",
            "java" => $"{context.Stack.AddPackage(java: "org.springframework.boot:spring-boot-starter-actuator")}: it serves /actuator/health",
            _ => RemediationText,
        };
    }
}
