namespace InfraTrend.Facts.Deployment;

/// <summary>
/// A Render blueprint (render.yaml): its services, runtime pins, commands, health checks and managed databases.
/// What Render declares (TLS, deploy on push, managed backups) is recorded as declared, not observed.
/// </summary>
[FactSource]
public sealed class RenderFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var path in new[] { "render.yaml", "render.yml" })
        {
            if (!context.Snapshot.Exists(path))
                continue;
            var root = YamlDocuments.Root(context, path);
            context.Add(FactKeys.Platforms, "render", new Evidence(path, 1));
            context.Flag(FactKeys.HttpsByPlatform, new Evidence(path, 1));
            if (root is null)
                continue;

            foreach (var service in root.Get("services").Items())
            {
                var line = new Evidence(path, service.Line());
                var folder = service.Scalar("rootDir")?.Trim('/', '.') is { Length: > 0 } dir ? dir : ".";
                // Render deploys each push of the connected branch unless autoDeploy is false.
                if (service.Scalar("autoDeploy") is not "false" and not "no")
                    context.Flag(FactKeys.AutoDeploy, line);
                if (service.Scalar("plan") is not null || service.Get("scaling") is not null)
                    context.Flag(FactKeys.ResourceLimits, new Evidence(path, (service.Get("plan") ?? service.Get("scaling"))!.Line()));
                if (service.Get("healthCheckPath") is { } health && health.Scalar() is { } route)
                {
                    var evidence = new Evidence(path, health.Line());
                    context.Add(FactKeys.PlatformHealthCheck, route, evidence);
                    PartTable(context, folder)?.Flag(FactKeys.HealthEndpoint, evidence);
                }
                StartCommands.Record(context, service.Scalar("buildCommand"), "build", new Evidence(path, service.Get("buildCommand")?.Line() ?? line.Line));
                StartCommands.Record(context, service.Scalar("startCommand"), "start", new Evidence(path, service.Get("startCommand")?.Line() ?? line.Line));
                StartCommands.Record(context, service.Scalar("preDeployCommand"), "release", new Evidence(path, service.Get("preDeployCommand")?.Line() ?? line.Line));
                foreach (var variable in service.Get("envVars").Items())
                    RuntimeVariable(context, variable.Scalar("key"), variable.Scalar("value"), new Evidence(path, variable.Line()));
            }
            // A free Render Postgres has no backups (and expires): it is no managed database with backups.
            foreach (var database in root.Get("databases").Items().Where(d => d.Scalar("plan") is not "free"))
                context.Add(FactKeys.ManagedDatabase, "render-postgres", new Evidence(path, database.Line()));
        }
    }

    private static FactTable? PartTable(FactContext context, string folder) =>
        context.Parts.FirstOrDefault(p => p.Path == folder)?.Facts ?? context.PartOf(folder == "." ? "x" : folder + "/x")?.Facts;

    /// <summary>NODE_VERSION, PYTHON_VERSION... set in a platform's environment pin the runtime it builds with.</summary>
    internal static void RuntimeVariable(FactContext context, string? key, string? value, Evidence evidence)
    {
        if (key is null || value is null)
            return;
        var runtime = key.ToUpperInvariant() switch
        {
            "NODE_VERSION" or "NIXPACKS_NODE_VERSION" => "node",
            "PYTHON_VERSION" or "NIXPACKS_PYTHON_VERSION" => "python",
            "GO_VERSION" or "NIXPACKS_GO_VERSION" => "go",
            "RUBY_VERSION" or "NIXPACKS_RUBY_VERSION" => "ruby",
            "BUN_VERSION" => "bun",
            "NIXPACKS_JDK_VERSION" or "JAVA_VERSION" => "java",
            "DOTNET_VERSION" or "NIXPACKS_CSHARP_SDK_VERSION" => "dotnet",
            "PNPM_VERSION" => "pnpm",
            _ => null,
        };
        if (runtime == "pnpm")
            context.SetEntry(FactKeys.PackageManagers, "pnpm", Versions.Normalize(value), evidence);
        else if (runtime is not null)
            context.RuntimeSource(runtime, value, evidence, "deployment");
    }
}
