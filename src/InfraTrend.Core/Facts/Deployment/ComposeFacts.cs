namespace InfraTrend.Facts.Deployment;

/// <summary>Docker Compose files: services with health checks and resource limits, and migrations their commands apply at start.</summary>
[FactSource]
public sealed class ComposeFacts : IFactSource
{
    public static bool IsComposeFile(string name) =>
        name is "docker-compose.yml" or "docker-compose.yaml" or "compose.yml" or "compose.yaml"
        || name.StartsWith("docker-compose.", StringComparison.Ordinal) && (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal));

    /// <summary>A command as one line: a string as it is, a list (exec form) joined by spaces.</summary>
    private static string? Command(YamlDotNet.RepresentationModel.YamlNode node) =>
        node.Scalar() ?? (node.Items().Select(i => i.Scalar()).OfType<string>().ToList() is { Count: > 0 } words ? string.Join(' ', words) : null);

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => IsComposeFile(f.Name) && DeploymentPaths.CountsAsImage(f.Path)))
        {
            context.Add(FactKeys.Platforms, "docker-compose", new Evidence(file.Path, 1));
            var root = YamlDocuments.Root(context, file.Path);
            foreach (var (_, service) in root.Get("services").Entries())
            {
                if (service.Get("healthcheck") is { } check && check.Get("test") is not null)
                    context.Add(FactKeys.PlatformHealthCheck, "compose-healthcheck", new Evidence(file.Path, check.Line()));
                if (service.Get("deploy").Get("resources").Get("limits") is { } limits)
                    context.Flag(FactKeys.ResourceLimits, new Evidence(file.Path, limits.Line()));
                if (service.Get("mem_limit") is { } mem)
                    context.Flag(FactKeys.ResourceLimits, new Evidence(file.Path, mem.Line()));
                // `command: sh -c "npx prisma migrate deploy && node dist/main.js"`, or the same as a list: the service
                // applies migrations each time it starts.
                foreach (var key in (string[])["entrypoint", "command"])
                {
                    if (service.Get(key) is { } command && Command(command) is { } text)
                        StartCommands.Record(context, text, "start", new Evidence(file.Path, command.Line()));
                }
            }
        }
    }
}
