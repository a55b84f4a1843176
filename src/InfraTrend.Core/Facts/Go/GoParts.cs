using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Go;

/// <summary>
/// Deployable Go parts: a module (go.mod folder) with a `package main` that serves HTTP or gRPC (a service), runs a
/// job worker (a worker), or has a Dockerfile or Procfile of its own (an app). A module without a main package is a
/// library, not a part.
/// </summary>
public static partial class GoParts
{
    [GeneratedRegex(@"^package\s+main\b", RegexOptions.Multiline)]
    private static partial Regex PackageMain();

    [GeneratedRegex(@"\bListenAndServe(TLS)?\s*\(|\.\s*Serve(TLS)?\s*\(|\bgin\s*\.\s*(New|Default)\s*\(|\becho\s*\.\s*New\s*\(|\bfiber\s*\.\s*New\s*\(|\bchi\s*\.\s*NewRouter\s*\(|\bmux\s*\.\s*NewRouter\s*\(|\bgrpc\s*\.\s*NewServer\s*\(|\bhttp\s*\.\s*NewServeMux\s*\(|\bhttp\s*\.\s*Server\s*\{")]
    private static partial Regex Serves();

    [GeneratedRegex(@"\basynq\s*\.\s*NewServer\s*\(|\bworker\s*\.\s*New\s*\(")]
    private static partial Regex RunsWorker();

    public static IEnumerable<(string Folder, string Name, string Kind)> Find(Snapshot snapshot)
    {
        var modules = GoModules.Of(snapshot).Where(m => !SourceFiles.IsNotApplication(m.Path)).ToList();
        if (modules.Count == 0)
            yield break;
        var sources = snapshot.Files
            .Where(f => f.Path.EndsWith(".go", StringComparison.Ordinal) && !SourceFiles.IsTest(f.Path) && !SourceFiles.IsNotApplication(f.Path) && !GoModules.IsVendored(f.Path))
            .GroupBy(f => GoModules.ModuleOf(modules, f.Path))
            .Where(g => g.Key is not null)
            .ToDictionary(g => g.Key!, g => g.ToList());

        foreach (var module in modules)
        {
            if (!sources.TryGetValue(module, out var files))
                continue;
            bool main = false, server = false, worker = false;
            foreach (var file in files)
            {
                if (snapshot.ReadText(file.Path) is not { } text)
                    continue;
                main |= PackageMain().IsMatch(text);
                server |= Serves().IsMatch(text);
                worker |= RunsWorker().IsMatch(text);
                if (main && server)
                    break;
            }
            var starts = snapshot.Exists(PartDetector.Join(module.Folder, "Dockerfile")) || snapshot.Exists(PartDetector.Join(module.Folder, "Procfile"));
            if (!main)
                continue;
            var kind = server ? "service" : worker ? "worker" : starts ? "app" : null;
            if (kind is null)
                continue; // a command-line tool: run by hand, not deployed
            var name = module.Module is { } path ? path.TrimEnd('/').Split('/').Last(s => !Regex.IsMatch(s, @"^v\d+$")) : module.Folder;
            yield return (module.Folder, name, kind);
        }
    }
}
