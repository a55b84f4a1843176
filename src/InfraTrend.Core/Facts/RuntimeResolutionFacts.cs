using InfraTrend.Facts.Ci;
using InfraTrend.Facts.Deployment;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Facts.Go;
using InfraTrend.Facts.Java;
using InfraTrend.Facts.Node;
using InfraTrend.Facts.Python;
using InfraTrend.Facts.Ruby;

namespace InfraTrend.Facts;

/// <summary>
/// Runs after every source that pins runtimes: stack.runtimes takes, per runtime, the first found of the deployment
/// descriptor, a Dockerfile, a CI setup step, a version file and the manifest; deployment.runtimePinned says whether
/// a pin stands where the app is built or deployed.
/// </summary>
// Reads stack.runtimeSources as the sources before it wrote them.
[FactSource(After =
[
    typeof(NodeManifestFacts),
    typeof(VersionFileFacts),
    typeof(PythonManifestFacts),
    typeof(GoModuleFacts),
    typeof(DotnetProjectFacts),
    typeof(RubyManifestFacts),
    typeof(JavaManifestFacts),
    typeof(GitHubActionsFacts),
    typeof(OtherPipelineFacts),
    typeof(DockerfileFacts),
    typeof(PlatformDescriptorFacts),
])]
public sealed class RuntimeResolutionFacts : IFactSource
{
    private static readonly string[] Preference = ["deployment", "docker", "ci", "version-file", "manifest"];

    public void Collect(FactContext context)
    {
        var sources = context.Repository.Objects(FactKeys.RuntimeSources);
        foreach (var group in sources.GroupBy(s => s["runtime"]!.GetValue<string>()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var best = group.OrderBy(s => Array.IndexOf(Preference, s["kind"]?.GetValue<string>() ?? "manifest")).First();
            context.Repository.SetEntry(FactKeys.Runtimes, group.Key, best["version"]!.GetValue<string>(), EvidenceOf(best));
        }
        // A CI pin says what the tests ran on, not what production runs; every other kind is read by a build or platform.
        foreach (var pin in sources.Where(s => s["kind"]?.GetValue<string>() is "deployment" or "docker" or "version-file" or "manifest"))
            context.Repository.Flag(FactKeys.RuntimePinned, EvidenceOf(pin));
    }

    private static Evidence EvidenceOf(System.Text.Json.Nodes.JsonObject source) =>
        new(source["path"]!.GetValue<string>(), source["line"]?.GetValue<int>() ?? 0);
}
