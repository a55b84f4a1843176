using System.Text.RegularExpressions;
using InfraTrend.Facts.Node;
using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>
/// Finds the deployable parts of a repository (facts.md, "parts"): packages, services or projects that start
/// or deploy on their own. Libraries are not parts. A repository with none is one part at ".".
/// </summary>
public static partial class PartDetector
{
    private static readonly string[] ServerFrameworks = ["express", "@nestjs/core", "fastify", "koa", "@hapi/hapi", "hapi", "restify", "@adonisjs/core", "hono", "@trpc/server", "apollo-server", "@apollo/server"];
    private static readonly string[] WebFrameworks = ["next", "react", "vue", "@angular/core", "svelte", "@sveltejs/kit", "nuxt", "react-scripts", "vite", "astro", "gatsby", "@remix-run/react", "solid-js"];
    private static readonly string[] WorkerLibraries = ["bullmq", "bull", "agenda", "bee-queue", "@temporalio/worker"];

    public static IReadOnlyList<PartFacts> Detect(Snapshot snapshot)
    {
        var parts = new Dictionary<string, PartFacts>(StringComparer.Ordinal);
        void Add(string folder, string name, string kind)
        {
            // Two stacks in one folder (Rails with a React package.json, Spring Boot with Angular): the server framework says
            // what the part is, since it serves the front end.
            if (parts.TryGetValue(folder, out var known) && KindRank(kind) > KindRank(known.Kind))
                parts[folder] = new PartFacts(folder, name, kind);
            else
                parts.TryAdd(folder, new PartFacts(folder, name, kind));
        }

        foreach (var manifest in NodeManifests.Of(snapshot))
        {
            if (IsTestOrExample(manifest.Folder))
                continue;
            var server = manifest.DependsOnAny(ServerFrameworks);
            var web = manifest.DependsOnAny(WebFrameworks);
            var worker = manifest.DependsOnAny(WorkerLibraries);
            var isWorkspaceRoot = manifest.HasWorkspaces || snapshot.Exists(Join(manifest.Folder, "pnpm-workspace.yaml")) || snapshot.Exists(Join(manifest.Folder, "lerna.json"));
            if (isWorkspaceRoot && !server && !web)
                continue;
            var starts = manifest.Scripts.ContainsKey("start") || manifest.Scripts.ContainsKey("dev") || snapshot.Exists(Join(manifest.Folder, "Dockerfile"));
            if (manifest.IsLibrary && !server && !web)
                continue;
            if (!server && !web && !worker && !starts)
                continue;
            var kind = server ? "service" : web ? "web" : worker ? "worker" : "app";
            Add(manifest.Folder, manifest.Name ?? FolderName(manifest.Folder, snapshot.Root), kind);
        }

        foreach (var project in snapshot.Files.Where(f => f.Path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)))
        {
            if (IsTestOrExample(project.Directory) || snapshot.ReadText(project.Path) is not { } text)
                continue;
            if (text.Contains("Microsoft.NET.Test.Sdk", StringComparison.Ordinal) || IsTestProject().IsMatch(text))
                continue;
            var name = Path.GetFileNameWithoutExtension(project.Name);
            if (text.Contains("Microsoft.NET.Sdk.BlazorWebAssembly", StringComparison.Ordinal))
                Add(project.Directory, name, "web");
            else if (text.Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal))
                Add(project.Directory, name, "service");
            else if (text.Contains("Microsoft.NET.Sdk.Worker", StringComparison.Ordinal))
                Add(project.Directory, name, "worker");
            else if (OutputExe().IsMatch(text) && !name.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase))
                Add(project.Directory, name, "app");
        }

        foreach (var rule in ExtraRules)
            foreach (var (folder, name, kind) in rule(snapshot))
                if (!IsTestOrExample(folder))
                {
                    // A server whose front end's package.json shares its folder: the folder is the service.
                    if (kind == "service" && parts.TryGetValue(folder, out var existing) && existing.Kind == "web")
                        parts[folder] = new PartFacts(folder, name, kind);
                    else
                        Add(folder, name, kind);
                }

        if (parts.Count == 0)
            Add(".", FolderName(".", snapshot.Root), "app");
        return parts.Values.ToList();
    }

    /// <summary>More stacks' part rules (Python, Go, Ruby, Java), each: snapshot -> (folder, name, kind).</summary>
    internal static readonly List<Func<Snapshot, IEnumerable<(string Folder, string Name, string Kind)>>> ExtraRules =
    [
        Python.PythonParts.Find,
        Go.GoParts.Find,
        Ruby.RubyParts.Detect,
        Java.JavaParts.Detect,
    ];

    [GeneratedRegex(@"<IsTestProject>\s*true\s*</IsTestProject>", RegexOptions.IgnoreCase)]
    private static partial Regex IsTestProject();

    [GeneratedRegex(@"<OutputType>\s*(Exe|WinExe)\s*</OutputType>", RegexOptions.IgnoreCase)]
    private static partial Regex OutputExe();

    private static int KindRank(string kind) => kind switch { "service" => 3, "web" => 2, "worker" => 1, _ => 0 };

    public static bool IsTestOrExample(string folder)
    {
        foreach (var segment in folder.Split('/'))
        {
            var s = segment.ToLowerInvariant();
            if (s is "test" or "tests" or "__tests__" or "e2e" or "example" or "examples" or "sample" or "samples" or "fixtures" or "testdata" or "docs" or "benchmarks" or "bench")
                return true;
            if (s.EndsWith(".tests", StringComparison.Ordinal) || s.EndsWith(".test", StringComparison.Ordinal) || s.EndsWith(".unittests", StringComparison.Ordinal) || s.EndsWith(".integrationtests", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    internal static string Join(string folder, string name) => folder == "." ? name : folder + "/" + name;

    private static string FolderName(string folder, string root) => folder == "." ? Path.GetFileName(root) : folder[(folder.LastIndexOf('/') + 1)..];
}
