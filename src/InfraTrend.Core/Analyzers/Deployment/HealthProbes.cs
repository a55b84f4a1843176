using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

/// <summary>What probes an application's health route: a platform's declared check or a Dockerfile HEALTHCHECK.</summary>
internal static class HealthProbes
{
    /// <summary>Each probe found, described for a message ("a platform health check on /health (declared, not observed)").</summary>
    public static IReadOnlyList<string> Of(FactTable repository)
    {
        var probes = new List<string>();
        var paths = repository.List(FactKeys.PlatformHealthCheck);
        if (paths.Count > 0)
            probes.Add($"a platform health check on {string.Join(", ", paths)} (declared, not observed)");
        var dockerfiles = DockerfileFact.Of(repository).Where(d => d.Healthcheck).Select(d => d.Path).ToList();
        if (dockerfiles.Count > 0)
            probes.Add($"a HEALTHCHECK in {string.Join(", ", dockerfiles)}");
        return probes;
    }

    public static IReadOnlyList<Evidence> EvidenceOf(FactTable repository) =>
        repository.EvidenceOf(FactKeys.PlatformHealthCheck)
            .Concat(DockerfileFact.Of(repository).Where(d => d.Healthcheck).Select(d => d.Evidence))
            .ToList();

    /// <summary>The route to probe: one the application serves, else /health.</summary>
    public static string Route(AnalyzerContext context) =>
        context.Facts.List(FactKeys.HealthRoutes).FirstOrDefault()
        ?? context.Repository.List(FactKeys.HealthRoutes).FirstOrDefault()
        ?? "/health";

    /// <summary>How to declare a probe of <paramref name="route"/> where the repository deploys; null when no platform is known.</summary>
    public static string? Fix(AnalyzerContext context, string route)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        foreach (var platform in platforms)
        {
            var fix = platform switch
            {
                "render" => $"Set healthCheckPath: {route} on the web service in render.yaml",
                "fly" => $"Add an [[http_service.checks]] block with path = \"{route}\" to fly.toml",
                "railway" => $"Set healthcheckPath = \"{route}\" under [deploy] in railway.toml",
                "kubernetes" or "helm" or "kustomize" => $"Add a readinessProbe and a livenessProbe with httpGet path {route} to the container spec",
                "app-engine" => $"Set readiness_check and liveness_check with path: \"{route}\" in app.yaml",
                "azure-app-service" => $"Set the App Service health check path (siteConfig.healthCheckPath) to {route}",
                "elastic-beanstalk" => $"Set HealthCheckPath: {route} in the aws:elasticbeanstalk:environment:process:default namespace (.ebextensions)",
                "docker-compose" => $"Add a healthcheck: to the service in docker-compose.yml whose test requests {route}: {ProbeCommand(context, route)}",
                _ => null,
            };
            if (fix is not null)
                return fix;
        }
        return platforms.Contains("docker") || context.Repository.Objects(FactKeys.Dockerfiles).Count > 0
            ? Healthcheck(context, route)
            : null;
    }

    /// <summary>A Dockerfile HEALTHCHECK that works in the stack's image (Node and Python slim images have neither curl nor wget).</summary>
    public static string Healthcheck(AnalyzerContext context, string route)
    {
        var instruction = $"HEALTHCHECK --interval=30s --timeout=5s CMD {ProbeCommand(context, route)}";
        return context.Stack.Ecosystem is "node" or "python"
            ? $"Add to the Dockerfile: {instruction}"
            : $"Add to the Dockerfile (with curl installed in the image): {instruction}";
    }

    private static string ProbeCommand(AnalyzerContext context, string route) =>
        context.Stack.Ecosystem switch
        {
            "node" => $"node -e \"fetch('http://localhost:3000{route}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"",
            "python" => $"python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000{route}', timeout=4)\"",
            "dotnet" or "go" or "java" => $"curl -fsS http://localhost:8080{route} || exit 1",
            _ => $"curl -fsS http://localhost:3000{route} || exit 1",
        };
}
