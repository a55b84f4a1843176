using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Ci;

/// <summary>
/// Azure Pipelines files under names no convention fixes: Azure DevOps runs a YAML file from any path its pipeline
/// definition names (microsoft/fhir-server's build/pr-pipeline.yml and build/.vsts-PRInternalChecks-azureBuild-pipeline.yml,
/// a project's etc/azure/azurepipelines.yml), so such a file is known by its shape, not its name.
/// </summary>
internal static partial class AzurePipelineShape
{
    // A top-level stages, jobs or steps list whose first item is an Azure stage, job, template or step (`- task:`, `- script:`):
    // GitHub's jobs are a mapping, Drone's, Cloud Build's and Concourse's items start with `name:`, Ansible's lists are tasks.
    [GeneratedRegex(@"^(stages|jobs|steps):[ \t]*\r?\n([ \t]*(#[^\n]*)?\r?\n)*[ \t]*-[ \t]+(stage|job|deployment|template|task|script|bash|pwsh|powershell|checkout|download)[ \t]*:", RegexOptions.Multiline)]
    private static partial Regex AzureLists();

    // What starts it: a trigger, a pull-request trigger or a schedule at the top level.
    [GeneratedRegex(@"^(trigger|pr|schedules)[ \t]*:", RegexOptions.Multiline)]
    private static partial Regex StartKey();

    /// <summary>
    /// True when a YAML file outside the known CI paths is an Azure pipeline: Azure-shaped lists and either a trigger of its
    /// own or a name that says pipeline (`.vsts-*`, `*-pipeline.yml`: Azure's default trigger runs every branch). A
    /// template without either is read only when a pipeline includes it.
    /// </summary>
    public static bool Is(FactContext context, string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (!(name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal))
            || path.StartsWith(".github/", StringComparison.Ordinal) || path.Count(c => c == '/') > 3
            || Node.NodeManifests.IsVendored(path) || PartDetector.IsTestOrExample(path.Contains('/') ? path[..path.LastIndexOf('/')] : ""))
            return false;
        if (context.Snapshot.ReadTextOnceIfAny(path, Anchors.AzurePipelineLists) is not { } text || !AzureLists().IsMatch(text))
            return false;
        return StartKey().IsMatch(text) || name.StartsWith(".vsts", StringComparison.OrdinalIgnoreCase) || name.Contains("pipeline", StringComparison.OrdinalIgnoreCase);
    }
}
