using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Deployment;

/// <summary>
/// Platform descriptors other than Render and Nixpacks: Fly, Vercel, Netlify, Railway, Heroku (app.json, heroku.yml),
/// App Engine, Elastic Beanstalk and Azure App Service (azure.yaml, Kudu's .deployment, Bicep, ARM and Terraform sites).
/// What a platform does by itself (TLS, deploy on push) is recorded as declared, and not for a documentation site's descriptor.
/// </summary>
// Adds to stack.runtimeSources after them: the report keeps the order they were found in.
[FactSource(After = [typeof(DockerfileFacts)])]
public sealed partial class PlatformDescriptorFacts : IFactSource
{
    [GeneratedRegex(@"^(nodejs|python|go|java|ruby|php)(\d+)$")]
    private static partial Regex AppEngineRuntime();

    [GeneratedRegex(@"Microsoft\.Web/sites['""@/]|resource\s+""azurerm_(linux_|windows_)?(web_app|app_service|function_app)""")]
    private static partial Regex AzureSite();

    [GeneratedRegex(@"\bhealth_?[cC]heck_?[pP]ath\b\s*[:=]\s*['""]([^'""]+)['""]")]
    private static partial Regex AzureHealthPath();

    [GeneratedRegex(@"\bhttps_?[oO]nly\b\s*[:=]\s*true\b")]
    private static partial Regex AzureHttpsOnly();

    /// <summary>
    /// A Heroku Postgres plan whose backups are on without anyone setting them up: standard, premium, private and shield
    /// keep continuous protection and a rollback window. A bare heroku-postgresql (what a Deploy button or a review app
    /// provisions: the smallest plan), hobby, mini, basic, essential and in-dyno keep none until someone schedules
    /// pg:backups, which the repository does not show; auditors gave such app.json files no backup credit (octobox,
    /// samson, huginn, shynet).
    /// </summary>
    [GeneratedRegex(@"^heroku-postgresql:(?:standard|premium|private|shield)-")]
    private static partial Regex HerokuPostgresWithBackups();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => DeploymentPaths.Counts(f.Path)))
        {
            var evidence = new Evidence(file.Path, 1);
            // A documentation site's descriptor says how the docs are hosted, not the application.
            var forApp = !DeploymentPaths.IsDocsSite(file.Path);
            switch (file.Name)
            {
                case "fly.toml":
                    Fly(context, file.Path);
                    break;
                case "vercel.json":
                    // Vercel and Netlify build every push of a connected repository and serve HTTPS.
                    context.Add(FactKeys.Platforms, "vercel", evidence);
                    if (forApp)
                    {
                        context.Flag(FactKeys.HttpsByPlatform, evidence);
                        context.Flag(FactKeys.AutoDeploy, evidence);
                    }
                    break;
                case "netlify.toml":
                    Netlify(context, file.Path, forApp);
                    break;
                case "railway.json" or "railway.toml":
                    Railway(context, file.Path);
                    break;
                case "app.json":
                    HerokuApp(context, file.Path);
                    break;
                case "heroku.yml":
                    context.Add(FactKeys.Platforms, "heroku-procfile", evidence);
                    foreach (var (key, scalar) in (YamlDocuments.Root(context, file.Path).Get("release") is { } release ? release.Scalars() : []))
                        StartCommands.Record(context, scalar.Value, "release", new Evidence(file.Path, scalar.Line()));
                    break;
                case "app.yaml" or "app.yml" when YamlDocuments.Root(context, file.Path) is { } root && root.Scalar("runtime") is not null:
                    AppEngine(context, file.Path, root);
                    break;
                case "azure.yaml" or "azure.yml":
                    AzureDeveloperCli(context, file.Path);
                    break;
                case ".deployment" when context.Snapshot.ReadText(file.Path)?.Contains("[config]", StringComparison.Ordinal) == true:
                    // Kudu, App Service's deployment engine, reads .deployment on every git or zip deploy.
                    context.Add(FactKeys.Platforms, "azure-app-service", evidence);
                    break;
                case var name when CloudFoundryManifestName().IsMatch(name):
                    CloudFoundry(context, file.Path);
                    break;
                case "Dockerrun.aws.json":
                    context.Add(FactKeys.Platforms, "elastic-beanstalk", evidence);
                    break;
            }
            if (file.Path.StartsWith(".ebextensions/", StringComparison.Ordinal) || file.Path.StartsWith(".elasticbeanstalk/", StringComparison.Ordinal) || file.Path.StartsWith(".platform/hooks/", StringComparison.Ordinal))
            {
                context.Add(FactKeys.Platforms, "elastic-beanstalk", evidence);
                if (file.Path.StartsWith(".ebextensions/", StringComparison.Ordinal) && file.Name.EndsWith(".config", StringComparison.Ordinal))
                    ElasticBeanstalkOptions(context, file.Path);
            }
            if (file.Name.EndsWith(".bicep", StringComparison.Ordinal) || file.Name.EndsWith(".tf", StringComparison.Ordinal) || file.Name.EndsWith(".json", StringComparison.Ordinal) && file.Size < 1024 * 1024)
                AzureSiteTemplate(context, file);
        }
    }

    /// <summary>`manifest.yml`, and the per-space manifests `cf push -f` is pointed at (manifests/manifest_api_prod.yml).</summary>
    [GeneratedRegex(@"^manifest[\w.-]*\.ya?ml$", RegexOptions.IgnoreCase)]
    private static partial Regex CloudFoundryManifestName();

    /// <summary>What only a Cloud Foundry application says: how it is pushed (buildpacks, instances, memory, routes, services...).</summary>
    private static readonly string[] CloudFoundryKeys =
        ["buildpack", "buildpacks", "instances", "memory", "disk_quota", "routes", "services", "stack", "command", "health-check-type", "docker"];

    /// <summary>
    /// A Cloud Foundry application manifest (cloud.gov, SAP BTP, Tanzu): `applications:` each with a name and how it is
    /// pushed (openFEC's manifests/manifest_api_prod.yml: python_buildpack, 12 instances of 2G, routes and bound services).
    /// Its memory and disk quota size the instances; an http health check with an endpoint is a check the platform acts on.
    /// </summary>
    private static void CloudFoundry(FactContext context, string path)
    {
        var apps = YamlDocuments.Root(context, path).Get("applications").Items()
            .Where(app => app.Scalar("name") is not null && CloudFoundryKeys.Any(key => app.Get(key) is not null)).ToList();
        if (apps.Count == 0)
            return;
        context.Add(FactKeys.Platforms, "cloud-foundry", new Evidence(path, apps[0].Line()));
        foreach (var app in apps)
        {
            if ((app.Get("memory") ?? app.Get("disk_quota")) is { } size)
                context.Flag(FactKeys.ResourceLimits, new Evidence(path, size.Line()));
            if (app.Scalar("health-check-type") == "http" && app.Get("health-check-http-endpoint") is YamlScalarNode endpoint && endpoint.Value is { } route)
                context.Add(FactKeys.PlatformHealthCheck, route, new Evidence(path, endpoint.Line()));
            if (app.Get("command") is YamlScalarNode command && command.Value is { } start)
                StartCommands.Record(context, start, "start", new Evidence(path, command.Line()));
        }
    }

    private static void Fly(FactContext context, string path)
    {
        context.Add(FactKeys.Platforms, "fly", new Evidence(path, 1));
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        foreach (var entry in TomlDocument.Read(path, text, context.Warn).Entries)
        {
            var evidence = new Evidence(path, entry.Line);
            // Fly terminates TLS for an http_service, or for a service port whose handlers include tls.
            if (entry.Key == "force_https" && entry.Value.Text == "true" || entry.Table == "http_service" && entry.Key == "internal_port"
                || entry.Table == "services.ports" && entry.Key == "handlers" && entry.Value.Strings.Any(h => h.Text.Contains("tls", StringComparison.Ordinal)))
                context.Flag(FactKeys.HttpsByPlatform, evidence);
            else if (entry.Key == "path" && entry.Table.Contains("checks", StringComparison.Ordinal) && entry.Value.Text is { } checkPath)
                context.Add(FactKeys.PlatformHealthCheck, checkPath, evidence);
            // [[services.tcp_checks]] probe the port rather than a route: still a check the platform acts on.
            else if (entry.Table.Contains("tcp_checks", StringComparison.Ordinal) && entry.Key == "interval")
                context.Add(FactKeys.PlatformHealthCheck, "tcp-check", evidence);
            else if (entry.Key == "release_command")
                StartCommands.Record(context, entry.Value.Text, "release", evidence);
            else if (entry.Table is "vm" || entry.Key is "memory" or "memory_mb" or "cpus")
                context.Flag(FactKeys.ResourceLimits, evidence);
            else if (entry.Table == "build.args" || entry.Table == "env")
                RenderFacts.RuntimeVariable(context, entry.Key, entry.Value.Text, evidence);
        }
    }

    private static void Netlify(FactContext context, string path, bool forApp)
    {
        var evidence = new Evidence(path, 1);
        context.Add(FactKeys.Platforms, "netlify", evidence);
        if (forApp)
        {
            context.Flag(FactKeys.HttpsByPlatform, evidence);
            context.Flag(FactKeys.AutoDeploy, evidence);
        }
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        foreach (var entry in TomlDocument.Read(path, text, context.Warn).Entries)
        {
            var line = new Evidence(path, entry.Line);
            if (entry.Table == "build.environment" && forApp)
                RenderFacts.RuntimeVariable(context, entry.Key, entry.Value.Text, line);
            else if (entry.Table == "build" && entry.Key == "command")
                StartCommands.Record(context, entry.Value.Text, "build", line);
        }
    }

    private static void Railway(FactContext context, string path)
    {
        context.Add(FactKeys.Platforms, "railway", new Evidence(path, 1));
        context.Flag(FactKeys.HttpsByPlatform, new Evidence(path, 1));
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        if (path.EndsWith(".toml", StringComparison.Ordinal))
        {
            // preDeployCommand may be a list of commands: each one counts where it is written.
            foreach (var entry in TomlDocument.Read(path, text, context.Warn).Entries)
            {
                foreach (var (value, line) in entry.Value.Strings)
                    RailwaySetting(context, entry.Key, value, new Evidence(path, line));
            }
            return;
        }
        // railway.json, read by lines: `"startCommand": "..."`.
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var value = line.Contains('=') ? line[(line.IndexOf('=') + 1)..] : line.Contains(':') ? line[(line.IndexOf(':') + 1)..] : "";
            var key = new[] { "healthcheckPath", "startCommand", "preDeployCommand" }.FirstOrDefault(k => line.Contains(k, StringComparison.Ordinal));
            if (key is not null)
                RailwaySetting(context, key, value.Trim().Trim(',').Trim('"'), new Evidence(path, i + 1));
        }
    }

    private static void RailwaySetting(FactContext context, string key, string value, Evidence evidence)
    {
        if (key == "healthcheckPath")
            context.Add(FactKeys.PlatformHealthCheck, value, evidence);
        else if (key == "startCommand")
            StartCommands.Record(context, value, "start", evidence);
        else if (key == "preDeployCommand")
            StartCommands.Record(context, value, "release", evidence);
    }

    /// <summary>Heroku's app.json (not Expo's, which has an "expo" key): add-ons, dyno formation and scripts.</summary>
    private static void HerokuApp(FactContext context, string path)
    {
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return;
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("expo", out _)
                || !(root.TryGetProperty("addons", out _) || root.TryGetProperty("buildpacks", out _) || root.TryGetProperty("formation", out _) || root.TryGetProperty("stack", out _) || root.TryGetProperty("environments", out _)))
                return;
            context.Add(FactKeys.Platforms, "heroku-procfile", new Evidence(path, 1));
            context.Flag(FactKeys.HttpsByPlatform, new Evidence(path, 1));
            if (root.TryGetProperty("addons", out var addons) && addons.ValueKind == JsonValueKind.Array)
            {
                foreach (var addon in addons.EnumerateArray())
                {
                    var plan = addon.ValueKind == JsonValueKind.String ? addon.GetString() : addon.TryGetProperty("plan", out var p) ? p.GetString() : null;
                    if (plan is not null && HerokuPostgresWithBackups().IsMatch(plan))
                        context.Add(FactKeys.ManagedDatabase, "heroku-postgres", new Evidence(path, TextLines.Find(text, plan)));
                }
            }
            if (root.TryGetProperty("formation", out var formation) && formation.ValueKind == JsonValueKind.Object && text.Contains("\"size\"", StringComparison.Ordinal))
                context.Flag(FactKeys.ResourceLimits, new Evidence(path, TextLines.Find(text, "\"size\"")));
            if (root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object)
            {
                foreach (var script in scripts.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
                    StartCommands.Record(context, script.Value.GetString(), "release", new Evidence(path, TextLines.Find(text, $"\"{script.Name}\"")));
            }
        }
    }

    private static void AppEngine(FactContext context, string path, YamlNode root)
    {
        var evidence = new Evidence(path, 1);
        context.Add(FactKeys.Platforms, "app-engine", evidence);
        context.Flag(FactKeys.HttpsByPlatform, evidence);
        var runtime = root.Get("runtime")!;
        if (AppEngineRuntime().Match(runtime.Scalar() ?? "") is { Success: true } m)
        {
            // nodejs20, python312, go122, java21, ruby33, php83: the digits after the major are the minor.
            var name = m.Groups[1].Value == "nodejs" ? "node" : m.Groups[1].Value;
            var digits = m.Groups[2].Value;
            var version = name is "python" or "go" or "ruby" or "php" && digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
            context.RuntimeSource(name, version, new Evidence(path, runtime.Line()), "deployment");
        }
        foreach (var key in new[] { "instance_class", "resources", "automatic_scaling", "basic_scaling", "manual_scaling" })
        {
            if (root.Get(key) is { } node)
                context.Flag(FactKeys.ResourceLimits, new Evidence(path, node.Line()));
        }
        foreach (var key in new[] { "readiness_check", "liveness_check" })
        {
            if (root.Get(key) is { } check)
                context.Add(FactKeys.PlatformHealthCheck, check.Scalar("path") ?? key, new Evidence(path, check.Line()));
        }
        foreach (var (key, scalar) in root.Get("env_variables") is { } variables ? variables.Scalars() : [])
            RenderFacts.RuntimeVariable(context, key, scalar.Value, new Evidence(path, scalar.Line()));
    }

    /// <summary>Elastic Beanstalk option settings: the health check path and the instance type, in either YAML form.</summary>
    private static void ElasticBeanstalkOptions(FactContext context, string path)
    {
        foreach (var document in YamlDocuments.Load(context, path))
        {
            foreach (var (key, scalar) in document.Get("option_settings") is { } settings ? settings.Scalars() : [])
            {
                var evidence = new Evidence(path, scalar.Line());
                var option = key == "value" ? null : key;
                if (option is "HealthCheckPath" or "Application Healthcheck URL")
                    context.Add(FactKeys.PlatformHealthCheck, scalar.Value ?? "/", evidence);
                else if (option is "InstanceType" or "InstanceTypes")
                    context.Flag(FactKeys.ResourceLimits, evidence);
            }
            // The list form: - namespace: ..., option_name: HealthCheckPath, value: /health
            foreach (var item in document.Get("option_settings").Items())
            {
                var evidence = new Evidence(path, item.Line());
                if (item.Scalar("option_name") is "HealthCheckPath" or "Application Healthcheck URL")
                    context.Add(FactKeys.PlatformHealthCheck, item.Scalar("value") ?? "/", evidence);
                else if (item.Scalar("option_name") is "InstanceType" or "InstanceTypes")
                    context.Flag(FactKeys.ResourceLimits, evidence);
            }
        }
    }

    /// <summary>azure.yaml (Azure Developer CLI): a service hosted on App Service or Functions.</summary>
    private static void AzureDeveloperCli(FactContext context, string path)
    {
        foreach (var (name, service) in YamlDocuments.Root(context, path).Get("services").Entries())
        {
            if (service.Scalar("host") is "appservice" or "function")
                context.Add(FactKeys.Platforms, "azure-app-service", new Evidence(path, service.Get("host")!.Line()));
        }
    }

    /// <summary>A Bicep, ARM or Terraform file that declares an App Service site, with its health check path and HTTPS setting.</summary>
    private static void AzureSiteTemplate(FactContext context, Scanning.SnapshotFile file)
    {
        if (context.Snapshot.ReadText(file.Path) is not { } text || AzureSite().Match(text) is not { Success: true } site)
            return;
        if (file.Name.EndsWith(".json", StringComparison.Ordinal) && !text.Contains("deploymentTemplate", StringComparison.Ordinal))
            return;
        var lines = new TextLines(text);
        context.Add(FactKeys.Platforms, "azure-app-service", new Evidence(file.Path, lines.LineOf(site.Index)));
        if (AzureHealthPath().Match(text) is { Success: true } health)
            context.Add(FactKeys.PlatformHealthCheck, health.Groups[1].Value, new Evidence(file.Path, lines.LineOf(health.Index)));
        if (AzureHttpsOnly().Match(text) is { Success: true } https)
            context.Flag(FactKeys.HttpsByPlatform, new Evidence(file.Path, lines.LineOf(https.Index)));
    }
}
