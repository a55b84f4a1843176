namespace InfraTrend.Facts.Deployment;

/// <summary>Platform descriptors other than Render and Nixpacks: Fly, Vercel, Netlify, Railway, App Engine, Elastic Beanstalk, Azure.</summary>
public sealed class PlatformDescriptorFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path)))
        {
            var evidence = new Evidence(file.Path, 1);
            switch (file.Name)
            {
                case "fly.toml":
                    Fly(context, file.Path);
                    break;
                case "vercel.json":
                    // Vercel and Netlify build every push of a connected repository and serve HTTPS.
                    context.Add(FactKeys.Platforms, "vercel", evidence);
                    context.Flag(FactKeys.HttpsByPlatform, evidence);
                    context.Flag(FactKeys.AutoDeploy, evidence);
                    break;
                case "netlify.toml":
                    context.Add(FactKeys.Platforms, "netlify", evidence);
                    context.Flag(FactKeys.HttpsByPlatform, evidence);
                    context.Flag(FactKeys.AutoDeploy, evidence);
                    break;
                case "railway.json" or "railway.toml":
                    Railway(context, file.Path);
                    break;
                case "app.yaml" or "app.yml" when YamlDocuments.Root(context, file.Path).Scalar("runtime") is not null:
                    context.Add(FactKeys.Platforms, "app-engine", evidence);
                    context.Flag(FactKeys.HttpsByPlatform, evidence);
                    break;
                case "azure.yaml" when context.Snapshot.ReadText(file.Path)?.Contains("services:", StringComparison.Ordinal) == true:
                    context.Add(FactKeys.Platforms, "azure-app-service", evidence);
                    break;
            }
            if (file.Path.StartsWith(".ebextensions/", StringComparison.Ordinal) || file.Path.StartsWith(".elasticbeanstalk/", StringComparison.Ordinal) || file.Path.StartsWith(".platform/hooks/", StringComparison.Ordinal))
                context.Add(FactKeys.Platforms, "elastic-beanstalk", evidence);
        }
    }

    private static void Fly(FactContext context, string path)
    {
        context.Add(FactKeys.Platforms, "fly", new Evidence(path, 1));
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        foreach (var entry in TomlLite.Parse(text))
        {
            var evidence = new Evidence(path, entry.Line);
            if (entry.Key == "force_https" && entry.Value == "true")
                context.Flag(FactKeys.HttpsByPlatform, evidence);
            else if (entry.Key == "path" && entry.Section.Contains("checks", StringComparison.Ordinal))
                context.Add(FactKeys.PlatformHealthCheck, entry.Value, evidence);
            else if (entry.Key == "release_command")
                StartCommands.Record(context, entry.Value, "release", evidence);
            else if (entry.Section is "vm" or "[vm]" or "[[vm]]" || entry.Key is "memory" or "memory_mb" or "cpus")
                context.Flag(FactKeys.ResourceLimits, evidence);
            else if (entry.Section == "build.args" || entry.Section == "env")
                RenderFacts.RuntimeVariable(context, entry.Key, entry.Value, evidence);
        }
    }

    private static void Railway(FactContext context, string path)
    {
        context.Add(FactKeys.Platforms, "railway", new Evidence(path, 1));
        context.Flag(FactKeys.HttpsByPlatform, new Evidence(path, 1));
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var evidence = new Evidence(path, i + 1);
            var value = line.Contains('=') ? line[(line.IndexOf('=') + 1)..] : line.Contains(':') ? line[(line.IndexOf(':') + 1)..] : "";
            value = value.Trim().Trim(',').Trim('"');
            if (line.Contains("healthcheckPath", StringComparison.Ordinal))
                context.Add(FactKeys.PlatformHealthCheck, value, evidence);
            else if (line.Contains("startCommand", StringComparison.Ordinal))
                StartCommands.Record(context, value, "start", evidence);
            else if (line.Contains("preDeployCommand", StringComparison.Ordinal))
                StartCommands.Record(context, value, "release", evidence);
        }
    }
}
