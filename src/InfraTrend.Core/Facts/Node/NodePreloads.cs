using System.Text.RegularExpressions;
using InfraTrend.Facts.Deployment;

namespace InfraTrend.Facts.Node;

/// <summary>
/// Agents started by a preload rather than an import: `node -r newrelic`, `--require dd-trace/init`,
/// `--import @opentelemetry/auto-instrumentations-node/register`, in package scripts, Dockerfiles, Procfiles,
/// compose files, pm2 ecosystem files and NODE_OPTIONS.
/// </summary>
internal static partial class NodePreloads
{
    public static IEnumerable<(NodeLibrary Library, Evidence Evidence)> Find(FactContext context)
    {
        var byModule = NodeLibraries.All.Where(l => l.InitModules is not null)
            .SelectMany(l => l.InitModules!.Select(m => (m, l)))
            .ToDictionary(x => x.m, x => x.l, StringComparer.Ordinal);

        foreach (var manifest in NodeManifests.Of(context))
        {
            if (PartDetector.IsTestOrExample(manifest.Folder))
                continue;
            foreach (var (name, body) in manifest.Scripts)
            {
                if (name.StartsWith("test", StringComparison.Ordinal) || name.StartsWith("lint", StringComparison.Ordinal))
                    continue;
                foreach (var module in Modules(body))
                    if (byModule.TryGetValue(module, out var library))
                        yield return (library, manifest.EvidenceFor(name));
            }
        }

        foreach (var file in context.Snapshot.Files)
        {
            var name = file.Name;
            var candidate = DockerfileFacts.IsDockerfile(name) || name == "Procfile" || ComposeFacts.IsComposeFile(name) || name.StartsWith("ecosystem.config", StringComparison.Ordinal)
                || name.StartsWith(".env", StringComparison.Ordinal) && !name.Contains("example", StringComparison.OrdinalIgnoreCase);
            if (!candidate || NodeManifests.IsVendored(file.Path) || PartDetector.IsTestOrExample(file.Directory) || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith('#'))
                    continue;
                foreach (var module in Modules(lines[i]))
                    if (byModule.TryGetValue(module, out var library))
                        yield return (library, new Evidence(file.Path, i + 1));
            }
        }
    }

    private static IEnumerable<string> Modules(string command) =>
        Preload().Matches(command).Select(m => m.Groups["module"].Value.TrimEnd('.', ',', ';'));

    // -r x, --require x, --require=x, --import x, and the JSON exec form: "-r", "x"
    [GeneratedRegex(@"(?:^|[\s'""=\[,])(?:-r|--require|--import|--loader|--experimental-loader)(?:=|\s+|['""]\s*,\s*['""])['""]?(?<module>[@\w./-]+)")]
    private static partial Regex Preload();
}
