using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Ci;

/// <summary>What each CI system says beyond its commands: includes, job graphs, tasks, languages, deployment jobs and timeouts.</summary>
internal static partial class PipelineSpecifics
{
    public static void Read(FactContext context, string system, string path, YamlNode document, ScriptIndex scripts, List<PipelineStep> steps, PipelineFiles files, GitLabPipeline gitlab)
    {
        switch (system)
        {
            case "gitlab-ci":
                GitLab(context, path, document, steps, files, gitlab);
                break;
            case "circleci":
                CircleCi(context, path, document, steps);
                break;
            case "azure-pipelines":
                Azure(context, path, document, scripts, steps, files);
                break;
            case "travis":
                Travis(context, path, document, scripts, steps);
                break;
            case "bitbucket-pipelines":
                foreach (var key in OtherPipelineFacts.MappingKeys(document).Where(k => k.Value == "deployment"))
                    steps.Add(new PipelineStep(CommandActivities.None with { Deploy = true }, new Evidence(path, key.Line())));
                break;
            case "buildkite":
                Buildkite(context, path, document, steps);
                break;
            case "drone" or "woodpecker":
                PluginSteps(path, document, steps);
                break;
            case "shipit":
                Shipit(context, path, document, scripts, steps);
                break;
            case "zalando-cdp":
                // A CDP `type: process` step hands the built artefact to a deployment process (microservice_standard_deployment).
                foreach (var step in document.Get("pipeline").Items().Where(s => s.Scalar("type") == "process"))
                    steps.Add(new PipelineStep(CommandActivities.None with { Deploy = true }, new Evidence(path, step.Line())));
                break;
        }
    }

    /// <summary>
    /// Shipit runs deploy.pre, deploy.override and deploy.post to deploy a commit; it deploys only commits whose
    /// GitHub checks passed (a failing or pending commit needs an explicit override), so its deploys wait for the tests.
    /// </summary>
    private static void Shipit(FactContext context, string path, YamlNode document, ScriptIndex scripts, List<PipelineStep> steps)
    {
        foreach (var phase in new[] { "pre", "override", "post" })
        {
            foreach (var command in document.Get("deploy").Get(phase).Items())
            {
                if (command.Scalar() is not { } line)
                    continue;
                var evidence = new Evidence(path, command.Line());
                var activities = CommandClassifier.Classify(line, scripts);
                if (activities.Deploy)
                    context.Flag(FactKeys.DeployGated, evidence, true);
                steps.Add(new PipelineStep(activities, evidence) { Gated = true });
            }
        }
    }

    // ---- GitLab CI ----------------------------------------------------------------------------------------------

    private static readonly HashSet<string> GitLabKeywords = new(StringComparer.Ordinal)
    {
        "stages", "variables", "include", "workflow", "default", "image", "services", "cache", "before_script", "after_script",
    };

    private static readonly string[] GitLabDefaultStages = [".pre", "build", "test", "deploy", ".post"];

    private static void GitLab(FactContext context, string path, YamlNode document, List<PipelineStep> steps, PipelineFiles files, GitLabPipeline pipeline)
    {
        var include = document.Get("include");
        foreach (var entry in include is YamlSequenceNode ? include.Items() : include is null ? [] : [include])
        {
            if (entry.Scalar() is { } local && !local.StartsWith("http", StringComparison.Ordinal))
                QueueLocal(files, local, "gitlab-ci");
            else if (entry.Scalar("local") is { } file)
                QueueLocal(files, file, "gitlab-ci");
            else if (entry.Scalar("template") is { } template)
                steps.Add(new PipelineStep(CommandClassifier.Action(template, ""), new Evidence(path, entry.Line())));
        }

        // `image: { name: node:20 }` at the top, under default: or in a job.
        foreach (var image in new[] { document.Get("image"), document.Get("default").Get("image") }.Concat(document.Entries().Select(e => e.Value.Get("image"))).OfType<YamlNode>().Distinct())
        {
            if (image.Scalar("name") is { } name)
                CiImages.Record(context, name, null, new Evidence(path, image!.Line()));
        }

        if (document.Get("stages") is YamlSequenceNode stages)
            pipeline.Stages = [".pre", .. stages.Items().Select(s => s.Scalar()).OfType<string>(), ".post"];
        foreach (var (name, job) in document.Entries().Where(e => !GitLabKeywords.Contains(e.Key) && e.Value is YamlMappingNode))
        {
            pipeline.Jobs[name] = (path, job);
            // A job with an environment deploys to it (GitLab's own meaning), unless it only stops, prepares or checks one.
            var environment = job.Get("environment");
            if (environment is not null && !name.StartsWith('.') && !DocsPipelines.IsDocs(name) && environment.Scalar("action") is null or "start")
                steps.Add(new PipelineStep(CommandActivities.None with { Deploy = true }, new Evidence(path, environment.Line())) { Gated = true });
        }
        pipeline.Steps.AddRange(steps);
    }

    /// <summary>
    /// GitLab merges the root file and its includes into one pipeline: jobs extend templates from other files, and
    /// stages run in the order the root declares. A deploy waits for the tests when a test job stands in an earlier
    /// stage (or among the jobs it needs), or ran before it in the same job.
    /// </summary>
    internal sealed class GitLabPipeline
    {
        public List<string> Stages { get; set; } = [.. GitLabDefaultStages];
        public Dictionary<string, (string Path, YamlNode Node)> Jobs { get; } = new(StringComparer.Ordinal);
        public List<PipelineStep> Steps { get; } = [];

        public void Gate(FactContext context)
        {
            var runnable = Jobs.Where(j => !j.Key.StartsWith('.')).ToList();
            var activity = runnable.ToDictionary(j => j.Key, j => Chain(j.Value).SelectMany(n => Within(Steps.Where(s => s.Evidence.Path == n.Path), [n.Node])).Distinct().ToList(), StringComparer.Ordinal);
            int StageOf((string Path, YamlNode Node) job) => Stages.IndexOf(Chain(job).Select(n => n.Node.Scalar("stage")).FirstOrDefault(s => s is not null) ?? "test");
            bool Tests(string name) => activity.TryGetValue(name, out var a) && a.Any(s => s.Activities.Test);

            // The jobs that must succeed first: those it needs (and what they need), or, without needs, every job of an earlier stage.
            IEnumerable<string> Upstream(string start)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var queue = new Queue<string>([start]);
                while (queue.Count > 0)
                {
                    var current = queue.Dequeue();
                    if (!Jobs.TryGetValue(current, out var job))
                        continue;
                    var needs = Chain(job).Select(n => n.Node.Get("needs")).FirstOrDefault(n => n is not null);
                    var before = needs is null
                        ? runnable.Where(j => StageOf(j.Value) < StageOf(job)).Select(j => j.Key)
                        : needs.Items().Select(n => n.Scalar() ?? n.Scalar("job")).OfType<string>();
                    foreach (var next in before)
                    {
                        if (seen.Add(next))
                            queue.Enqueue(next);
                    }
                }
                return seen;
            }
            foreach (var (name, job) in runnable.Where(j => !DocsPipelines.IsDocs(j.Key)))
            {
                foreach (var deploy in activity[name].Where(s => s.Activities.Deploy))
                {
                    var testedBefore = activity[name].Any(s => s.Activities.Test && s.Evidence.Path == deploy.Evidence.Path && s.Evidence.Line < deploy.Evidence.Line);
                    context.Flag(FactKeys.DeployGated, deploy.Evidence, testedBefore || Upstream(name).Any(Tests));
                }
            }
        }

        /// <summary>A job and the templates it extends (in any file), nearest first.</summary>
        private List<(string Path, YamlNode Node)> Chain((string Path, YamlNode Node) job)
        {
            var chain = new List<(string Path, YamlNode Node)> { job };
            for (var i = 0; i < chain.Count && chain.Count < 10; i++)
            {
                var extends = chain[i].Node.Get("extends");
                foreach (var parent in extends is YamlSequenceNode ? extends.Items().Select(e => e.Scalar()) : [extends.Scalar()])
                {
                    if (parent is not null && Jobs.TryGetValue(parent, out var node) && !chain.Contains(node))
                        chain.Add(node);
                }
            }
            return chain;
        }
    }

    /// <summary>The steps whose lines lie inside any of these nodes.</summary>
    private static List<PipelineStep> Within(IEnumerable<PipelineStep> steps, IEnumerable<YamlNode> nodes)
    {
        var ranges = nodes.Select(n => (From: (int)n.Start.Line, To: n.LastLine())).ToList();
        return steps.Where(s => ranges.Any(r => s.Evidence.Line >= r.From && s.Evidence.Line <= r.To)).ToList();
    }

    private static void QueueLocal(PipelineFiles files, string path, string system)
    {
        if (!path.Contains('*', StringComparison.Ordinal) && !path.Contains('$', StringComparison.Ordinal))
            files.Queue(path, system);
    }

    // ---- CircleCI -----------------------------------------------------------------------------------------------

    private static void CircleCi(FactContext context, string path, YamlNode document, List<PipelineStep> steps)
    {
        var jobs = document.Get("jobs").Entries().ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        // Orb commands used as steps (`- node/install-packages`, `- heroku/deploy-via-git: {...}`).
        foreach (var (_, job) in jobs)
        {
            foreach (var step in job.Get("steps").Items())
            {
                var orb = step.Scalar() ?? (step as YamlMappingNode)?.Entries().Select(e => e.Key).FirstOrDefault();
                if (orb is not null && orb.Contains('/', StringComparison.Ordinal))
                    steps.Add(new PipelineStep(Orb(orb), new Evidence(path, step.Line())));
            }
        }

        var activity = jobs.ToDictionary(j => j.Key, j => Within(steps, [j.Value]), StringComparer.Ordinal);
        foreach (var (_, workflow) in document.Get("workflows").Entries())
        {
            var requires = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var entries = new List<(string Name, string Job, Evidence Evidence)>();
            foreach (var item in workflow.Get("jobs").Items())
            {
                var job = item.Scalar() ?? (item as YamlMappingNode)?.Entries().Select(e => e.Key).FirstOrDefault();
                if (job is null)
                    continue;
                var settings = item.Get(job);
                var name = settings.Scalar("name") ?? job;
                requires[name] = settings.Get("requires").Items().Select(r => r.Scalar()).OfType<string>().ToList();
                entries.Add((name, job, new Evidence(path, item.Line())));
                if (job.Contains('/', StringComparison.Ordinal))
                {
                    var orbJob = new PipelineStep(Orb(job), new Evidence(path, item.Line()));
                    steps.Add(orbJob);
                    activity[job] = [orbJob];
                }
            }
            bool Tests(string name) => entries.Where(e => e.Name == name).Any(e => activity.TryGetValue(e.Job, out var a) && a.Any(s => s.Activities.Test));
            foreach (var (name, job, _) in entries)
            {
                foreach (var deploy in activity.GetValueOrDefault(job, []).Where(s => s.Activities.Deploy))
                {
                    var testedBefore = activity[job].Any(s => s.Activities.Test && s.Evidence.Line < deploy.Evidence.Line);
                    context.Flag(FactKeys.DeployGated, deploy.Evidence, testedBefore || Upstream(name, requires).Any(Tests));
                }
            }
        }
    }

    /// <summary>An orb's job or command (`node/test`, `ruby/rspec-test`, `aws-ecs/deploy-service-update`): what its name says.</summary>
    private static CommandActivities Orb(string reference)
    {
        var command = reference[(reference.IndexOf('/') + 1)..];
        return CommandClassifier.Direct(reference.Replace('/', ' ')).Or(CommandClassifier.ByScriptName(command)).Or(CommandClassifier.Action(reference, ""))
            .Or(CommandActivities.None with { Deploy = command.Contains("deploy", StringComparison.Ordinal) });
    }

    private static IEnumerable<string> Upstream(string job, IReadOnlyDictionary<string, IReadOnlyList<string>> requires)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(requires.GetValueOrDefault(job) ?? []);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (seen.Add(next))
                foreach (var n in requires.GetValueOrDefault(next) ?? [])
                    queue.Enqueue(n);
        }
        return seen;
    }

    // ---- Azure Pipelines ----------------------------------------------------------------------------------------

    private static readonly (string Task, string Input, string Runtime)[] AzureToolTasks =
    [
        ("NodeTool", "versionSpec", "node"), ("UseNode", "version", "node"), ("UseDotNet", "version", "dotnet"), ("UsePythonVersion", "versionSpec", "python"),
        ("GoTool", "version", "go"), ("UseRubyVersion", "versionSpec", "ruby"), ("JavaToolInstaller", "versionSpec", "java"),
    ];

    private static readonly string[] AzureDeployTasks =
    [
        "AzureWebApp", "AzureRmWebAppDeployment", "AzureFunctionApp", "AzureWebAppContainer", "AzureFunctionAppContainer", "AzureContainerApps", "AzureStaticWebApp",
        "AzureResourceManagerTemplateDeployment", "AzureResourceGroupDeployment", "AzureSpringCloud", "AzureCloudPowerShellDeployment", "IISWebAppDeploymentOnMachineGroup", "ServiceFabricDeploy",
    ];

    private static void Azure(FactContext context, string path, YamlNode document, ScriptIndex scripts, List<PipelineStep> steps, PipelineFiles files)
    {
        var folder = path.Contains('/') ? path[..path.LastIndexOf('/')] : "";
        foreach (var (key, scalar) in document.Scalars())
        {
            // Templates in this repository (not `file.yml@other-repo`), relative to the file that includes them.
            if (key == "template" && scalar.Value is { } template && !template.Contains('@', StringComparison.Ordinal))
            {
                QueueLocal(files, folder.Length > 0 ? folder + "/" + template : template, "azure-pipelines");
                QueueLocal(files, template, "azure-pipelines");
            }
        }

        foreach (var node in Nodes(document).OfType<YamlMappingNode>())
        {
            var evidence = new Evidence(path, node.Line());
            if (node.Scalar("deployment") is not null)
                steps.Add(new PipelineStep(CommandActivities.None with { Deploy = true }, evidence));
            if (node.Scalar("task") is not { } task)
                continue;
            var name = task.Split('@')[0];
            var inputs = node.Get("inputs");
            string? Input(params string[] names) => names.Select(n => inputs.Entries().FirstOrDefault(e => e.Key.Equals(n, StringComparison.OrdinalIgnoreCase)).Value.Scalar()).FirstOrDefault(v => v is not null);

            foreach (var (tool, input, runtime) in AzureToolTasks)
            {
                if (name == tool && Input(input) is { } version)
                    context.RuntimeSource(runtime, version, evidence, "ci");
            }
            if (name == "Cache")
                context.Flag(FactKeys.Caching, evidence);

            var command = (Input("command") ?? "").ToLowerInvariant();
            var line = name switch
            {
                "DotNetCoreCLI" => $"dotnet {command} {Input("arguments")}",
                "Npm" => command == "custom" ? $"npm {Input("customCommand")}" : $"npm {command}",
                "Maven" => $"mvn {Input("goals") ?? "package"} {Input("options")}",
                "Gradle" => $"gradle {Input("tasks") ?? "build"}",
                "Docker" => command is "build" or "buildandpush" ? "docker build" : "",
                "HelmDeploy" => command is "upgrade" or "install" ? "helm upgrade" : command == "lint" ? "helm lint" : "",
                "KubernetesManifest" => Input("action") is "deploy" or "promote" ? "kubectl apply" : "",
                "Kubernetes" => command is "apply" ? "kubectl apply" : "",
                "VSBuild" or "MSBuild" or "XamariniOS" or "XamarinAndroid" or "Xcode" => "msbuild",
                "VSTest" => "dotnet test",
                _ when name.StartsWith("TerraformTask", StringComparison.Ordinal) || name.StartsWith("TerraformCLI", StringComparison.Ordinal) => $"terraform {command}",
                _ => "",
            };
            var activities = CommandClassifier.Classify(line, scripts).Or(CommandClassifier.Action(task, ""));
            // GitHub Advanced Security for Azure DevOps runs CodeQL.
            if (name.StartsWith("AdvancedSecurity-Codeql", StringComparison.Ordinal))
                activities = activities.Or(CommandActivities.None with { Scanners = ["codeql"] });
            if (AzureDeployTasks.Contains(name, StringComparer.Ordinal))
                activities = activities with { Deploy = true };
            foreach (var scriptInput in new[] { Input("script"), Input("inlineScript"), Input("scriptPath"), Input("filePath") }.OfType<string>())
                activities = activities.Or(CommandClassifier.Classify(scriptInput, scripts));
            if (activities.Any)
                steps.Add(new PipelineStep(activities, evidence));
        }

        // Stages run one after another; jobs of one stage run side by side unless they depend on each other.
        var stageOf = new List<(int From, int To)>();
        foreach (var stage in document.Get("stages").Items())
            stageOf.Add(((int)stage.Start.Line, stage.LastLine()));
        int StageAt(int line) => stageOf.FindIndex(r => line >= r.From && line <= r.To);
        var jobs = Nodes(document).OfType<YamlMappingNode>().Where(n => n.Get("steps") is not null).Select(n => ((int)n.Start.Line, n.LastLine())).ToList();
        int JobAt(int line) => jobs.FindIndex(r => line >= r.Item1 && line <= r.Item2);
        foreach (var deploy in steps.Where(s => s.Activities.Deploy))
        {
            var line = deploy.Evidence.Line;
            var gated = steps.Any(t => t.Activities.Test && t.Evidence.Line < line && (StageAt(t.Evidence.Line) < StageAt(line) || JobAt(t.Evidence.Line) == JobAt(line)));
            context.Flag(FactKeys.DeployGated, deploy.Evidence, gated);
        }
    }

    private static IEnumerable<YamlNode> Nodes(YamlNode node)
    {
        yield return node;
        var children = node switch
        {
            YamlMappingNode map => map.Children.Values,
            YamlSequenceNode seq => seq.Children,
            _ => [],
        };
        foreach (var child in children)
            foreach (var inner in Nodes(child))
                yield return inner;
    }

    // ---- Travis -------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"(\d+)")]
    private static partial Regex FirstNumber();

    private static readonly HashSet<string> TravisPublishProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        "pages", "releases", "npm", "pypi", "rubygems", "s3", "gcs", "bintray", "packagecloud", "launchpad", "cargo", "hex", "puppetforge", "chef_supermarket", "snap", "hackage", "testfairy", "script",
    };

    private static void Travis(FactContext context, string path, YamlNode document, ScriptIndex scripts, List<PipelineStep> steps)
    {
        TravisRuntimes(context, path, document);
        foreach (var (key, scalar) in document.Scalars())
        {
            if (key == "provider" && scalar.Value is { Length: > 0 } value && !TravisPublishProviders.Contains(value))
                steps.Add(new PipelineStep(CommandActivities.None with { Deploy = true }, new Evidence(path, scalar.Line())));
        }

        // Without a script, Travis runs the language's default one.
        if (document.Get("script") is null && !OtherPipelineFacts.MappingKeys(document).Any(k => k.Value == "script") && document.Get("language") is { } language)
        {
            var command = language.Scalar() switch
            {
                "node_js" => "npm test",
                "ruby" => "bundle exec rake",
                "go" => "go test ./...",
                "java" => context.Snapshot.Exists("pom.xml") ? "mvn test -B" : "gradle check",
                "php" => "phpunit",
                "rust" => "cargo build --verbose && cargo test --verbose",
                _ => null,
            };
            if (command is not null)
                steps.Add(new PipelineStep(CommandClassifier.Classify(command, scripts).Or(CommandActivities.None with { Test = true }), new Evidence(path, language.Line())));
        }
    }

    /// <summary>The runtime versions a Travis file pins (node_js, python, go, rvm, jdk...).</summary>
    public static void TravisRuntimes(FactContext context, string path, YamlNode document)
    {
        foreach (var (key, scalar) in document.Scalars())
        {
            if (scalar.Value is not { Length: > 0 } value)
                continue;
            var runtime = key switch
            {
                "node_js" => "node",
                "python" => "python",
                "go" => "go",
                "rvm" or "ruby" => "ruby",
                "php" => "php",
                "jdk" => "java",
                "dotnet" => "dotnet",
                _ => null,
            };
            if (runtime == "java")
                value = FirstNumber().Match(value).Value;
            if (runtime is not null && value.Length > 0 && char.IsDigit(value[0]))
                context.RuntimeSource(runtime, value, new Evidence(path, scalar.Line()), "ci");
        }
    }

    // ---- Buildkite ----------------------------------------------------------------------------------------------

    private static void Buildkite(FactContext context, string path, YamlNode document, List<PipelineStep> steps)
    {
        var all = document.Get("steps").Items().SelectMany(s => s.Get("group") is not null ? s.Get("steps").Items() : [s]).ToList();
        var commandSteps = all.Where(s => s.Get("command") is not null || s.Get("commands") is not null || s.Get("plugins") is not null).ToList();
        if (commandSteps.Count > 0)
        {
            // Buildkite has no default timeout: a hung step holds its agent until someone cancels it.
            var unbounded = commandSteps.FirstOrDefault(s => s.Get("timeout_in_minutes") is null);
            context.Flag(FactKeys.JobTimeouts, new Evidence(path, unbounded?.Line() ?? commandSteps[0].Line()), unbounded is null);
        }

        // Steps run side by side until a wait (or block) step: a deploy is gated by tests before such a barrier, or by depends_on.
        var barriers = all.Where(s => s.Scalar() is "wait" or "block" || s.Get("wait") is not null || s.Get("block") is not null).Select(s => s.Line()).ToList();
        var keyed = all.Where(s => s.Scalar("key") is not null).ToDictionary(s => s.Scalar("key")!, s => s, StringComparer.Ordinal);
        var mine = steps.ToList();
        foreach (var deploy in mine.Where(s => s.Activities.Deploy))
        {
            var line = deploy.Evidence.Line;
            var step = all.FirstOrDefault(s => line >= s.Start.Line && line <= s.LastLine());
            var dependsOn = step.Get("depends_on") is { } d ? (d.Scalar() is { } one ? [one] : d.Items().Select(i => i.Scalar() ?? i.Scalar("step")).OfType<string>().ToList()) : [];
            var gated = mine.Any(t => t.Activities.Test && barriers.Any(b => t.Evidence.Line < b && b < line))
                || dependsOn.Any(k => keyed.TryGetValue(k, out var node) && Within(mine, [node]).Any(s => s.Activities.Test));
            context.Flag(FactKeys.DeployGated, deploy.Evidence, gated);
        }
        // The generic order check would judge these again; mark them handled.
        steps.RemoveAll(s => s.Activities.Deploy);
        foreach (var deploy in mine.Where(s => s.Activities.Deploy))
            steps.Add(new PipelineStep(deploy.Activities, deploy.Evidence) { Gated = true });
    }

    // ---- Drone and Woodpecker -----------------------------------------------------------------------------------

    [GeneratedRegex(@"(^|/)(plugins/(docker|ecr|gcr|kaniko|buildx)|plugin-docker-buildx|plugin-kaniko|drone-kaniko|kaniko|buildah)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BuildPlugin();

    [GeneratedRegex(@"deploy|helm|kubectl|kube|k8s|drone-ssh|plugin-ssh|appleboy/drone-scp|heroku|rancher|ansible|netlify|surge|dokku|fly", RegexOptions.IgnoreCase)]
    private static partial Regex DeployPlugin();

    /// <summary>A plugin, pipe or action by name (`atlassian/heroku-deploy:2.1.0`, `plugins/docker`): what it is known or named to do.</summary>
    public static CommandActivities Plugin(string reference)
    {
        var name = reference.Split(':')[0].Split('@')[0];
        return CommandClassifier.Action(reference, "").Or(CommandActivities.None with { Build = BuildPlugin().IsMatch(name), Deploy = DeployPlugin().IsMatch(name) });
    }

    [GeneratedRegex(@"(^|/)(plugins/(docker|ecr|gcr|kaniko|buildx|github-release|gitea-release|npm|pypi|manifest)|plugin-(docker-buildx|kaniko|release|github-release|gitea-release|npm|ready-release-go|manifest)|drone-kaniko|kaniko)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PublishPlugin();

    /// <summary>
    /// A plugin step that publishes: an image build plugin pushes unless told not to (dry_run, no_push), a release plugin
    /// uploads; a step that runs only for pull requests publishes a preview at most.
    /// </summary>
    private static bool Publishes(string image, YamlNode step)
    {
        if (!PublishPlugin().IsMatch(image.Split(':')[0].Split('@')[0]))
            return false;
        var settings = step.Get("settings");
        if (settings.Scalar("dry_run") is "true" || settings.Scalar("dry-run") is "true" || settings.Scalar("no_push") is "true" || settings.Scalar("push") is "false")
            return false;
        var when = step.Get("when");
        var conditions = when is YamlSequenceNode ? when.Items().ToList() : when is null ? [] : [when];
        var events = conditions.Select(c => c.Get("event") is YamlSequenceNode list ? list.Children.Select(e => e.Scalar()).OfType<string>().ToList() : c.Scalar("event") is { } one ? [one] : []).ToList();
        return events.Count == 0 || events.Any(e => e.Count == 0 || e.Any(name => !name.StartsWith("pull_request", StringComparison.Ordinal)));
    }

    /// <summary>Steps that run a plugin image (no commands of their own): a docker build plugin builds, a helm, kubectl or ssh plugin deploys.</summary>
    private static void PluginSteps(string path, YamlNode document, List<PipelineStep> steps)
    {
        var list = document.Get("steps") ?? document.Get("pipeline");
        var entries = list is YamlMappingNode ? list.Entries().Select(e => e.Value) : list.Items();
        foreach (var step in entries)
        {
            if (step.Get("commands") is not null || step.Scalar("image") is not { } image)
                continue;
            var activities = Plugin(image) with { Publish = Publishes(image, step) };
            if (activities.Any)
                steps.Add(new PipelineStep(activities, new Evidence(path, step.Line())));
        }
    }
}
