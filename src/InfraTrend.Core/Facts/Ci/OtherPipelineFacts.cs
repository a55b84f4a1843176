using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Ci;

/// <summary>
/// CI systems other than GitHub Actions. Their files differ, but every one keeps its commands under a few keys
/// (script, commands, run, sh...): each command found there is classified like a GitHub step, following package
/// scripts, Makefile targets and shell scripts. What a system adds is read on top: the image a job runs in (a runtime
/// pin), GitLab includes and stages, CircleCI workflow requirements, Azure Pipelines tasks and templates, Travis
/// languages and their default scripts, deployment jobs, caches and timeouts.
/// </summary>
// Adds to stack.runtimeSources after them: the report keeps the order they were found in.
// Adds to the CI image pins GitHubActionsFacts records (the shared ci-image-pins set), so a pin both find is recorded
// once, by the first.
[FactSource(After = [typeof(GitHubActionsFacts)])]
public sealed partial class OtherPipelineFacts : IFactSource
{
    private static readonly HashSet<string> CommandKeys = new(StringComparer.Ordinal)
    {
        "script", "before_script", "after_script", "commands", "command", "run", "bash", "sh", "pwsh", "powershell", "inlineScript", "install", "before_install", "before_deploy", "deploy", "pipe", "uses", "plugin", "trigger",
    };

    // AppVeyor keeps commands under its build phases, each a list of plain lines or `cmd:`/`ps:` (PowerShell) entries.
    private static readonly HashSet<string> AppVeyorCommandKeys = new(StringComparer.Ordinal)
    {
        "init", "before_build", "build_script", "after_build", "before_test", "test_script", "after_test", "deploy_script", "after_deploy", "on_success", "cmd", "ps",
    };

    private static readonly HashSet<string> CacheKeys = new(StringComparer.Ordinal) { "cache", "caches", "save_cache", "restore_cache" };

    [GeneratedRegex(@"\btimeout\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex JenkinsTimeout();

    [GeneratedRegex(@"\bimage\s*\(?\s*['""]([^'""]+)['""]")]
    private static partial Regex JenkinsImage();

    [GeneratedRegex(@"\bbuildPlugin(WithGradle)?\s*\(")]
    private static partial Regex JenkinsPluginBuild();

    [GeneratedRegex(@"^\s*services:\s*$", RegexOptions.Multiline)]
    private static partial Regex ServicesKey();

    public void Collect(FactContext context)
    {
        var scripts = ScriptIndex.Of(context);
        var pipeline = new PipelineFiles(context);
        var gitlab = new PipelineSpecifics.GitLabPipeline();
        // travis-ci.org closed in 2021: a .travis.yml beside GitHub Actions workflows is a leftover the project moved
        // away from (wekan's Node 14 build, writefreely's Go 1.13 one), not a pipeline that still runs.
        var actions = context.Snapshot.Files.Any(f => f.Path.StartsWith(".github/workflows/", StringComparison.Ordinal) && f.Path.Count(c => c == '/') == 2
            && (f.Path.EndsWith(".yml", StringComparison.Ordinal) || f.Path.EndsWith(".yaml", StringComparison.Ordinal)));
        foreach (var file in context.Snapshot.Files)
        {
            if ((SystemOf(file.Path) ?? (AzurePipelineShape.Is(context, file.Path) ? "azure-pipelines" : null)) is not { } system || Node.NodeManifests.IsVendored(file.Path))
                continue;
            // The runtime it pinned still stands in the repository (and may disagree with the others).
            if (system == "travis" && actions)
            {
                foreach (var document in YamlDocuments.Load(context, file.Path))
                    PipelineSpecifics.TravisRuntimes(context, file.Path, document);
                continue;
            }
            pipeline.Queue(file.Path, system);
        }
        while (pipeline.Next() is { } next)
        {
            var (path, system) = next;
            var evidence = new Evidence(path, 0);
            context.Add(FactKeys.CiSystems, system, evidence);
            context.Count(FactKeys.WorkflowFiles, 1, evidence);
            if (system == "jenkins" || path.EndsWith(".jsonnet", StringComparison.Ordinal) || path.EndsWith(".star", StringComparison.Ordinal))
            {
                ScriptedPipeline(context, path, system, scripts);
                continue;
            }
            var steps = new List<PipelineStep>();
            var source = context.Snapshot.ReadText(path);
            var throwaway = source is not null && DocsPipelines.IsThrowawayCluster(source);
            foreach (var document in YamlDocuments.Load(context, path))
            {
                var before = steps.Count;
                Commands(context, system, path, document, scripts, steps);
                PipelineSpecifics.Read(context, system, path, document, scripts, steps, pipeline, gitlab);
                if (!DocsPipelines.IsDocs(path) && !throwaway)
                    Gate(context, system, document, steps.Skip(before).ToList());
            }
            foreach (var step in steps)
                PipelineRecorder.Record(context, DocsPipelines.IsDocs(path) || throwaway ? DocsPipelines.WithoutDeploy(step.Activities) : step.Activities, step.Evidence);
            // A pipeline that tests and names an integration or end-to-end suite, or runs its jobs beside service
            // containers (GitLab, Drone, Woodpecker and Travis `services:`), tests against real dependencies.
            if (!DocsPipelines.IsDocs(path) && steps.Any(s => s.Activities.Test) && source is not null
                && (IntegrationPipelines.IsIntegration(source) || ServicesKey().IsMatch(source)))
                context.Flag(FactKeys.RunsIntegrationTests, evidence);
        }
        gitlab.Gate(context);
    }

    /// <summary>Every command under a command key, and every image a job runs in.</summary>
    /// <summary>
    /// An Azure Pipelines task by name (Jackett's `task: GitHubRelease@1`): releases, registry pushes and package pushes
    /// publish; test tasks test. Inputs are not read: a Docker task is taken to push, as its common commands do.
    /// </summary>
    private static CommandActivities AzureTask(string task)
    {
        var name = task.Split('@')[0];
        return CommandActivities.None with
        {
            Publish = name is "GitHubRelease" or "Docker" or "NuGetCommand",
            Test = name is "VSTest",
            Build = name is "VSBuild" or "MSBuild" or "Docker" or "Maven" or "Gradle",
        };
    }

    private static void Commands(FactContext context, string system, string path, YamlNode document, ScriptIndex scripts, List<PipelineStep> steps)
    {
        foreach (var (key, scalar) in document.Scalars())
        {
            if (scalar.Value is not { Length: > 0 } value || key is null)
                continue;
            var evidence = new Evidence(path, scalar.Line());
            if (key == "image")
            {
                CiImages.Record(context, value, null, evidence);
                steps.Add(new PipelineStep(CommandClassifier.Action(value, ""), evidence));
            }
            else if (key == "task" && system == "azure-pipelines")
                steps.Add(new PipelineStep(AzureTask(value), evidence));
            else if (CommandKeys.Contains(key) || system == "appveyor" && AppVeyorCommandKeys.Contains(key) || system == "zalando-cdp" && key == "cmd")
            {
                var activities = key is "uses" or "pipe" or "plugin"
                    ? PipelineSpecifics.Plugin(value)
                    : key == "trigger" ? CommandClassifier.ByScriptName(value) : CommandClassifier.Classify(value, scripts);
                steps.Add(new PipelineStep(activities, evidence));
            }
        }
        foreach (var key in MappingKeys(document))
        {
            if (CacheKeys.Contains(key.Value!) || key.Value!.Contains("cache#", StringComparison.Ordinal))
                context.Flag(FactKeys.Caching, new Evidence(path, key.Line()));
        }
    }

    internal static IEnumerable<YamlScalarNode> MappingKeys(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    if (k is YamlScalarNode { Value: not null } key)
                        yield return key;
                    foreach (var inner in MappingKeys(v))
                        yield return inner;
                }
                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                    foreach (var inner in MappingKeys(child))
                        yield return inner;
                break;
        }
    }

    /// <summary>
    /// Deploys wait for the tests when a test step comes first in a system that runs its steps one after another
    /// (Bitbucket, Drone, Woodpecker, Travis, Buildkite after a wait); GitLab and CircleCI are judged by their stages and requirements.
    /// </summary>
    private static void Gate(FactContext context, string system, YamlNode document, IReadOnlyList<PipelineStep> steps)
    {
        if (system is "gitlab-ci" or "circleci" or "azure-pipelines")
            return; // PipelineSpecifics gates these by their job graph
        var firstTest = steps.Where(s => s.Activities.Test).Select(s => s.Evidence.Line).DefaultIfEmpty(int.MaxValue).Min();
        foreach (var deploy in steps.Where(s => s.Activities.Deploy && !s.Gated))
            context.Flag(FactKeys.DeployGated, deploy.Evidence, firstTest < deploy.Evidence.Line);
    }

    /// <summary>A Jenkinsfile (Groovy) or a Drone jsonnet/starlark file: read line by line, comments left out.</summary>
    private static void ScriptedPipeline(FactContext context, string path, string system, ScriptIndex scripts)
    {
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        var lines = text.Split('\n');
        var inComment = false;
        var firstTest = int.MaxValue;
        var timeout = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (inComment)
            {
                inComment = !line.Contains("*/", StringComparison.Ordinal);
                continue;
            }
            if (line.StartsWith("/*", StringComparison.Ordinal))
            {
                inComment = !line.Contains("*/", StringComparison.Ordinal);
                continue;
            }
            if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('#'))
                continue;
            var evidence = new Evidence(path, i + 1);
            var activities = CommandClassifier.Classify(line, scripts);
            // The Jenkins plugin build step (pipeline-library) compiles and runs the tests.
            if (JenkinsPluginBuild().IsMatch(line))
                activities = activities with { Build = true, Test = true };
            if (JenkinsImage().Match(line) is { Success: true } image)
                CiImages.Record(context, image.Groups[1].Value, null, evidence);
            timeout |= JenkinsTimeout().IsMatch(line);
            if (activities.Test)
                firstTest = Math.Min(firstTest, i + 1);
            if (activities.Deploy)
                context.Flag(FactKeys.DeployGated, evidence, firstTest < i + 1);
            PipelineRecorder.Record(context, activities, evidence);
        }
        // Jenkins has no default timeout: a hung build holds its executor until someone aborts it.
        if (system == "jenkins")
            context.Flag(FactKeys.JobTimeouts, new Evidence(path, timeout ? TextLines.Find(text, "imeout") : 0), timeout);
    }

    /// <summary>The CI system a file configures, by its conventional path.</summary>
    public static string? SystemOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var yaml = name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);
        return path switch
        {
            ".gitlab-ci.yml" or ".gitlab-ci.yaml" => "gitlab-ci",
            _ when path.StartsWith(".gitlab/ci/", StringComparison.Ordinal) && yaml => "gitlab-ci",
            ".circleci/config.yml" or ".circleci/config.yaml" => "circleci",
            // CircleCI's first configuration file, at the root (hound's circle.yml).
            "circle.yml" => "circleci",
            _ when name.StartsWith("azure-pipelines", StringComparison.Ordinal) && yaml => "azure-pipelines",
            _ when (path.StartsWith(".azure-pipelines/", StringComparison.Ordinal) || path.StartsWith(".azuredevops/", StringComparison.Ordinal) || path.StartsWith(".azdo/pipelines/", StringComparison.Ordinal) || path.StartsWith(".pipelines/", StringComparison.Ordinal)) && yaml => "azure-pipelines",
            "Jenkinsfile" => "jenkins",
            // Jenkins takes any script path; teams name their variants Jenkinsfile.release, Jenkinsfile_CNP (HM Courts'
            // shared pipeline) or Jenkinsfile-nightly.
            _ when (name == "Jenkinsfile" || name.StartsWith("Jenkinsfile.", StringComparison.Ordinal) || name.StartsWith("Jenkinsfile_", StringComparison.Ordinal) || name.StartsWith("Jenkinsfile-", StringComparison.Ordinal) || name.EndsWith(".jenkinsfile", StringComparison.Ordinal)) && !path.Contains("test", StringComparison.OrdinalIgnoreCase) => "jenkins",
            ".travis.yml" or ".travis.yaml" => "travis",
            "bitbucket-pipelines.yml" or "bitbucket-pipelines.yaml" => "bitbucket-pipelines",
            _ when path.StartsWith(".buildkite/", StringComparison.Ordinal) && yaml && (name.StartsWith("pipeline", StringComparison.Ordinal) || path.Count(c => c == '/') == 1) => "buildkite",
            "buildkite.yml" or "buildkite.yaml" => "buildkite",
            ".drone.yml" or ".drone.yaml" or ".drone.jsonnet" or ".drone.star" => "drone",
            ".woodpecker.yml" or ".woodpecker.yaml" => "woodpecker",
            // AppVeyor, the hosted Windows CI many .NET projects kept (allReady, Opserver); only at the root, where it looks.
            "appveyor.yml" or ".appveyor.yml" => "appveyor",
            // Shopify's Shipit deploys a stack with the commands its shipit.yml (or shipit.<stack>.yml) gives.
            "shipit.yml" or "shipit.yaml" => "shipit",
            _ when !path.Contains('/', StringComparison.Ordinal) && name.StartsWith("shipit.", StringComparison.Ordinal) && yaml => "shipit",
            _ when path.StartsWith(".woodpecker/", StringComparison.Ordinal) && yaml => "woodpecker",
            // Zalando's Continuous Delivery Platform reads delivery.yaml at the root (nakadi): script steps list their
            // commands as `cmd:` entries, process steps deploy.
            "delivery.yaml" or "delivery.yml" => "zalando-cdp",
            _ => null,
        };
    }
}

/// <summary>What one pipeline step does and where it stands.</summary>
internal sealed record PipelineStep(CommandActivities Activities, Evidence Evidence)
{
    /// <summary>Whether this deploy waits for the tests was already judged from the system's job graph.</summary>
    public bool Gated { get; init; }
}

/// <summary>The pipeline files to read: those found by name, then those they include (GitLab local includes, Azure templates), each once.</summary>
internal sealed class PipelineFiles(FactContext context)
{
    private readonly Queue<(string Path, string System)> _queue = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Queue(string path, string system)
    {
        // An include relative to the including file's folder (fhir-server's build/pr-pipeline.yml includes `./jobs/build.yml`,
        // joined into build/./jobs/build.yml); one that climbs out of the repository is not there to read.
        if (RepositoryPath.Normalize(path) is { } normalized && context.Snapshot.Exists(normalized) && _seen.Add(normalized))
            _queue.Enqueue((normalized, system));
    }

    public (string Path, string System)? Next() => _queue.Count > 0 ? _queue.Dequeue() : null;
}
