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
    public static IReadOnlyList<PartFacts> Detect(Snapshot snapshot)
    {
        var parts = new Dictionary<string, PartFacts>(StringComparer.Ordinal);
        void Add(string folder, string name, string kind)
        {
            if (IsTooling(folder))
                return;
            // Two stacks in one folder (Rails with a React package.json, Spring Boot with Angular): the server framework says
            // what the part is, since it serves the front end.
            if (parts.TryGetValue(folder, out var known) && KindRank(kind) > KindRank(known.Kind))
                parts[folder] = new PartFacts(folder, name, kind);
            else
                parts.TryAdd(folder, new PartFacts(folder, name, kind));
        }

        foreach (var (folder, name, kind) in NodeParts.Detect(snapshot))
            Add(folder, name, kind);

        foreach (var project in snapshot.Files.Where(f => f.Path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)))
        {
            if (IsTestOrExample(project.Directory) || snapshot.ReadText(project.Path) is not { } text)
                continue;
            if (text.Contains("Microsoft.NET.Test.Sdk", StringComparison.Ordinal) || IsTestProject().IsMatch(text))
                continue;
            // An Aspire AppHost starts the services for development and describes their deployment: it is not one of them;
            // nor are a NUKE build project or a benchmark runner.
            if (text.Contains("Aspire.AppHost.Sdk", StringComparison.Ordinal) || text.Contains("\"Aspire.Hosting.AppHost\"", StringComparison.Ordinal)
                || text.Contains("\"Nuke.Common\"", StringComparison.Ordinal) || text.Contains("\"BenchmarkDotNet\"", StringComparison.Ordinal)
                || Path.GetFileNameWithoutExtension(project.Name).EndsWith("Benchmarks", StringComparison.OrdinalIgnoreCase))
                continue;
            var name = Path.GetFileNameWithoutExtension(project.Name);
            if (text.Contains("Microsoft.NET.Sdk.BlazorWebAssembly", StringComparison.Ordinal))
                Add(project.Directory, name, "web");
            // The Web Application project type of .NET Framework's ASP.NET (NuGetGallery's MVC site on IIS): a service too.
            else if (text.Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal) || text.Contains("349c5851-65df-11da-9384-00065b846f21", StringComparison.OrdinalIgnoreCase))
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

        // The content of a `dotnet new` template (skoruba's templates/template-publish/content, beside .template.config)
        // is a copy of the application for others to generate theirs from, not one of its parts.
        var templates = snapshot.Files.Where(f => f.Name == "template.json" && f.Directory.EndsWith(".template.config", StringComparison.Ordinal))
            .Select(f => f.Directory.Contains('/') ? f.Directory[..f.Directory.LastIndexOf('/')] : ".").ToList();
        // A repository that is itself a template (.template.config at its root) keeps its parts: they are what it ships.
        foreach (var folder in parts.Keys.Where(k => templates.Any(t => t != "." && (k == t || Prefixes.IsUnder(k, t, '/')))).ToList())
            parts.Remove(folder);

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

    /// <summary>
    /// Folders of the project's own tooling (utilities, scripts, fuzzing harnesses, dev helpers): what they hold
    /// supports the application but is not one of its deployable parts.
    /// </summary>
    public static bool IsTooling(string folder) => folder.Split('/').Any(ToolingFolders.Contains);

    private static readonly HashSet<string> ToolingFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "util", "utils", "tools", "tooling", "scripts", "script", "fuzz", "fuzzing", "hack", "devtools", "dev-tools", "dev_tools", "benchmark",
        // Code generators, translation tooling and installers of a Windows service build or set up the application.
        "generator", "generators", "codegen", "i18n", "servicehelpers", "installer", "installers",
    };

    public static bool IsTestOrExample(string folder)
    {
        foreach (var segment in folder.Split('/'))
        {
            // Go's tooling ignores folders whose name starts with "_" (remark42's backend/_example): the same names, marked so.
            var s = segment.ToLowerInvariant();
            if (s.StartsWith('_') && s != "__tests__")
                s = s.TrimStart('_');
            if (s is "test" or "tests" or "__tests__" or "e2e" or "example" or "examples" or "sample" or "samples" or "fixtures" or "testdata" or "docs" or "benchmarks" or "bench"
                or "playground" or "playgrounds" or "demo" or "demos"
                // Images and stand-ins that tests start (docker/test-images/zipkin-eureka, docker/dummy/oidc, NzbDrone.Test.Dummy).
                or "test-images" or "dummy" or "dummies" or "mock" or "mocks" or "stubs")
                return true;
            if (s.Contains(".test.", StringComparison.Ordinal) || s.EndsWith(".dummy", StringComparison.Ordinal) || s.StartsWith("test-", StringComparison.Ordinal))
                return true;
            if (s.EndsWith("-e2e", StringComparison.Ordinal) || s.EndsWith("-tests", StringComparison.Ordinal) || s.EndsWith("-test", StringComparison.Ordinal))
                return true;
            if (s.EndsWith(".tests", StringComparison.Ordinal) || s.EndsWith(".test", StringComparison.Ordinal) || s.EndsWith(".unittests", StringComparison.Ordinal) || s.EndsWith(".integrationtests", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    internal static string Join(string folder, string name) => folder == "." ? name : folder + "/" + name;

    private static string FolderName(string folder, string root) => folder == "." ? Path.GetFileName(root) : folder[(folder.LastIndexOf('/') + 1)..];
}
