namespace InfraTrend.Facts.Ci;

/// <summary>
/// CI systems other than GitHub Actions. Their files differ, but every one keeps its commands under a few keys
/// (script, commands, run, sh...): each command found there is classified like a GitHub step.
/// </summary>
public sealed class OtherPipelineFacts : IFactSource
{
    private static readonly HashSet<string> CommandKeys = new(StringComparer.Ordinal)
    {
        "script", "before_script", "after_script", "commands", "command", "run", "bash", "sh", "pwsh", "powershell", "inlineScript", "install", "before_install", "deploy", "pipe", "task", "uses", "image", "plugin",
    };

    public void Collect(FactContext context)
    {
        var scripts = ScriptIndex.Of(context);
        foreach (var file in context.Snapshot.Files)
        {
            var system = SystemOf(file.Path);
            if (system is null)
                continue;
            var evidence = new Evidence(file.Path, 0);
            context.Add(FactKeys.CiSystems, system, evidence);
            context.Count(FactKeys.WorkflowFiles, 1, evidence);

            if (system == "jenkins")
            {
                ClassifyJenkinsfile(context, file.Path, scripts);
                continue;
            }
            foreach (var document in YamlDocuments.Load(context, file.Path))
            {
                foreach (var (key, scalar) in document.Scalars())
                {
                    if (key is null || !CommandKeys.Contains(key) || scalar.Value is not { Length: > 0 } command)
                        continue;
                    var activities = key is "uses" or "pipe" or "image" or "plugin" or "task"
                        ? CommandClassifier.Action(command, "")
                        : CommandClassifier.Classify(command, scripts);
                    PipelineRecorder.Record(context, activities, new Evidence(file.Path, scalar.Line()));
                }
            }
        }
    }

    private static void ClassifyJenkinsfile(FactContext context, string path, ScriptIndex scripts)
    {
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("//", StringComparison.Ordinal))
                continue;
            PipelineRecorder.Record(context, CommandClassifier.Classify(line, scripts), new Evidence(path, i + 1));
        }
    }

    /// <summary>The CI system a file configures, by its conventional path.</summary>
    public static string? SystemOf(string path) =>
        path switch
        {
            ".gitlab-ci.yml" or ".gitlab-ci.yaml" => "gitlab-ci",
            _ when path.StartsWith(".gitlab/ci/", StringComparison.Ordinal) && path.EndsWith(".yml", StringComparison.Ordinal) => "gitlab-ci",
            ".circleci/config.yml" or ".circleci/config.yaml" => "circleci",
            "azure-pipelines.yml" or "azure-pipelines.yaml" or ".azure-pipelines.yml" => "azure-pipelines",
            _ when path.StartsWith(".azure-pipelines/", StringComparison.Ordinal) && path.EndsWith(".yml", StringComparison.Ordinal) => "azure-pipelines",
            "Jenkinsfile" => "jenkins",
            _ when path.EndsWith("/Jenkinsfile", StringComparison.Ordinal) && !path.Contains("test", StringComparison.OrdinalIgnoreCase) => "jenkins",
            ".travis.yml" => "travis",
            "bitbucket-pipelines.yml" => "bitbucket-pipelines",
            ".buildkite/pipeline.yml" or ".buildkite/pipeline.yaml" or "buildkite.yml" => "buildkite",
            ".drone.yml" or ".drone.yaml" => "drone",
            ".woodpecker.yml" or ".woodpecker.yaml" => "woodpecker",
            _ when path.StartsWith(".woodpecker/", StringComparison.Ordinal) && (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal)) => "woodpecker",
            _ => null,
        };
}
