using InfraTrend.Facts.Node;

namespace InfraTrend.Facts;

/// <summary>Runtime version files: .nvmrc, .node-version, .python-version, .ruby-version, .tool-versions, .java-version, runtime.txt, go.mod's go line.</summary>
// Adds to stack.packageManagers, stack.runtimeSources after them: the report keeps the order they were found in.
[FactSource(After = [typeof(NodeManifestFacts)])]
public sealed class VersionFileFacts : IFactSource
{
    private static readonly (string File, string Runtime)[] SingleVersionFiles =
    [
        (".nvmrc", "node"), (".node-version", "node"), (".python-version", "python"), (".ruby-version", "ruby"), (".java-version", "java"), (".bun-version", "bun"),
    ];

    public void Collect(FactContext context)
    {
        foreach (var (name, runtime) in SingleVersionFiles)
        {
            foreach (var file in context.FilesNamed(name).Where(f => !Node.NodeManifests.IsVendored(f.Path)))
            {
                if (context.Snapshot.ReadText(file.Path)?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) is { } version)
                    context.RuntimeSource(runtime, version.Replace("lts/", "", StringComparison.Ordinal), new Evidence(file.Path, 1), "version-file");
            }
        }
        foreach (var file in context.FilesNamed(".tool-versions"))
        {
            var lines = context.Snapshot.ReadText(file.Path)?.Split('\n') ?? [];
            for (var i = 0; i < lines.Length; i++)
            {
                var words = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < 2)
                    continue;
                var runtime = words[0] switch { "nodejs" or "node" => "node", "python" => "python", "ruby" => "ruby", "golang" or "go" => "go", "java" => "java", "dotnet" or "dotnet-core" => "dotnet", "bun" => "bun", "deno" => "deno", "php" => "php", _ => null };
                if (runtime is not null)
                    context.RuntimeSource(runtime, words[1], new Evidence(file.Path, i + 1), "version-file");
                else if (words[0] == "pnpm")
                    context.SetEntry(FactKeys.PackageManagers, "pnpm", Versions.Normalize(words[1]), new Evidence(file.Path, i + 1));
            }
        }
        foreach (var file in context.FilesNamed("runtime.txt"))
        {
            var text = context.Snapshot.ReadText(file.Path)?.Trim();
            if (text is not null && text.StartsWith("python-", StringComparison.Ordinal))
                context.RuntimeSource("python", text["python-".Length..], new Evidence(file.Path, 1), "version-file");
        }
    }
}
