using System.Text.Json;
using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Go;

namespace InfraTrend.Facts.Dotnet;

/// <summary>
/// Stack and testing facts from .NET projects: languages, ASP.NET Core and Blazor, target framework and SDK
/// versions, NuGet and its lockfile, test frameworks and test files (counted on the part a test project tests).
/// </summary>
// Adds to stack.packageManagers after them: the report keeps the order they were found in.
// After LanguageFacts, which reads stack.languages without what this source adds.
// After TestFileFacts, which reads stack.frameworks, testing.frameworks without what this source adds.
[FactSource(After = [typeof(LanguageFacts), typeof(GoModuleFacts), typeof(TestFileFacts)])]
public sealed partial class DotnetProjectFacts : IFactSource
{
    private static readonly Dictionary<string, string> TestFrameworkPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["xunit"] = "xunit",
        ["xunit.core"] = "xunit",
        ["xunit.v3"] = "xunit",
        ["xunit.v3.core"] = "xunit",
        ["NUnit"] = "nunit",
        ["MSTest"] = "mstest",
        ["MSTest.TestFramework"] = "mstest",
    };

    public void Collect(FactContext context)
    {
        var workspace = DotnetWorkspace.Of(context);
        foreach (var project in workspace.Projects)
        {
            // F# has no identifier of its own in facts.md: its projects still tell frameworks, runtimes and tests.
            if (project.Language == "csharp")
                workspace.Add(FactKeys.Languages, "csharp", project.ProjectEvidence);
            if (project.IsTest)
                CollectTests(context, workspace, project);
            else if (!IsSample(project))
                CollectFrameworks(context, workspace, project);
        }
        CollectRuntimes(context, workspace);
        if (workspace.Projects.Count > 0)
            context.Repository.SetEntry(FactKeys.PackageManagers, "nuget", null, workspace.Projects[0].ProjectEvidence);
        foreach (var lockfile in context.FilesNamed("packages.lock.json").Where(f => !DotnetWorkspace.IsVendored(f.Path)))
            context.Add(FactKeys.Lockfiles, "packages.lock.json", new Evidence(lockfile.Path, 0));
        CollectGlobalJson(context);
    }

    /// <summary>A project in a samples, examples, docs or benchmarks folder: it shows how to use the code, it is not the application.</summary>
    private static bool IsSample(DotnetProject project) => !project.IsTest && PartDetector.IsTestOrExample(project.Folder);

    private static void CollectFrameworks(FactContext context, DotnetWorkspace workspace, DotnetProject project)
    {
        if (project.UsesSdk("Microsoft.NET.Sdk.Web"))
            workspace.Add(FactKeys.Frameworks, "aspnetcore", project.ProjectEvidence);
        if (project.UsesSdk("Microsoft.NET.Sdk.BlazorWebAssembly"))
            workspace.Add(FactKeys.Frameworks, "blazor", project.ProjectEvidence);
        else if (project.Packages.FirstOrDefault(IsBlazorPackage) is { } package)
            workspace.Add(FactKeys.Frameworks, "blazor", package.Evidence, foundIn: project.Path);
        else if (project.UsesSdk("Microsoft.NET.Sdk.Web") && FirstRazorComponent(context, workspace, project) is { } component)
        {
            // A Blazor Server or Blazor Web App server project references no Blazor package: its components tell it.
            workspace.Add(FactKeys.Frameworks, "blazor", new Evidence(component, 0), foundIn: project.Path);
        }
    }

    private static bool IsBlazorPackage(DotnetPackage package) =>
        package.Id.StartsWith("Microsoft.AspNetCore.Components.WebAssembly", StringComparison.OrdinalIgnoreCase)
        || package.Id.Contains("Blazor", StringComparison.OrdinalIgnoreCase);

    private static string? FirstRazorComponent(FactContext context, DotnetWorkspace workspace, DotnetProject project) =>
        context.Snapshot.Files
            .Where(f => f.Path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) && ReferenceEquals(workspace.OwnerOf(f.Path), project))
            .Select(f => f.Path)
            .FirstOrDefault();

    private static void CollectTests(FactContext context, DotnetWorkspace workspace, DotnetProject project)
    {
        var table = workspace.TestTableFor(project);
        if (project.UsesSdk("MSTest.Sdk"))
            table.Add(FactKeys.TestFrameworks, "mstest", project.ProjectEvidence);
        foreach (var package in project.Packages)
        {
            if (TestFrameworkPackages.TryGetValue(package.Id, out var framework))
                table.Add(FactKeys.TestFrameworks, framework, package.Evidence);
        }
        var tests = 0;
        foreach (var file in workspace.SourcesOf(project))
        {
            if (context.Snapshot.ReadText(file.Path) is { } text && FirstTestAttribute(file.Path, text) is { } evidence)
            {
                table.Count(FactKeys.TestFiles, 1, evidence);
                tests++;
            }
        }
        // The test files are counted once, for one part; every other part built from the code they exercise is tested too
        // (duplicati's command-line executables over the libraries its test projects reference).
        if (tests > 0)
        {
            foreach (var part in workspace.PartsTestedBy(project).Where(p => !ReferenceEquals(p.Facts, table)))
                part.Facts.Add(FactKeys.TestedThrough, Path.GetFileNameWithoutExtension(project.Path), project.ProjectEvidence);
        }
    }

    /// <summary>Where the first test attribute (`[Fact]`, `[Test, Category("x")]`, `[TestMethod]`...) stands in code, or null.</summary>
    private static Evidence? FirstTestAttribute(string path, string text)
    {
        var matches = TestAttribute().Matches(text);
        if (matches.Count == 0)
            return null;
        // The pattern starts at the beginning of a line, so only a block comment or a multi-line string can hide a match.
        if (!text.Contains("/*", StringComparison.Ordinal) && !text.Contains("@\"", StringComparison.Ordinal) && !text.Contains("\"\"\"", StringComparison.Ordinal))
            return new Evidence(path, new TextLines(text).LineOf(matches[0].Index + matches[0].Value.IndexOf('[')));
        var source = new SourceText(path, text, LexerFamily.CLike, "csharp");
        return matches
            .Select(m => m.Index + m.Value.IndexOf('['))
            .Where(source.IsCode)
            .Select(source.EvidenceAt)
            .FirstOrDefault();
    }

    /// <summary>
    /// A runtime pin per project, the application's first: stack.runtimes takes the first manifest pin when no
    /// deployment, Dockerfile, CI or version file pins one (RuntimeResolutionFacts).
    /// </summary>
    private static void CollectRuntimes(FactContext context, DotnetWorkspace workspace)
    {
        var projects = workspace.Projects.Where(p => p.RuntimeVersion is not null && !IsSample(p)).ToList();
        // The application's version: its deployable projects' first, then any non-test project, then any.
        var candidates = projects.Where(p => context.Parts.Any(part => part.Path == p.Folder) && !p.IsTest).ToList();
        if (candidates.Count == 0)
            candidates = projects.Where(p => !p.IsTest).ToList();
        if (candidates.Count == 0)
            candidates = projects;
        var application = candidates.OrderByDescending(p => System.Version.Parse(p.RuntimeVersion!)).ThenBy(p => p.Path, StringComparer.Ordinal).FirstOrDefault();

        var pinned = new HashSet<(string, string)>();
        foreach (var project in projects.OrderBy(p => p != application))
        {
            if (project is { RuntimeVersion: { } version, RuntimeEvidence: { } evidence } && pinned.Add((evidence.Path, version)))
                context.RuntimeSource("dotnet", version, evidence, "manifest");
        }
    }

    private static void CollectGlobalJson(FactContext context)
    {
        var files = context.FilesNamed("global.json")
            .Where(f => !DotnetWorkspace.IsVendored(f.Path))
            .OrderBy(f => f.Path.Count(c => c == '/'))
            .ThenBy(f => f.Path, StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || SdkVersion(text) is not { } version)
                continue;
            var sdk = text.IndexOf("\"sdk\"", StringComparison.Ordinal);
            var at = sdk < 0 ? -1 : text.IndexOf("\"version\"", sdk, StringComparison.Ordinal);
            var evidence = new Evidence(file.Path, at < 0 ? 0 : new TextLines(text).LineOf(at));
            context.Repository.SetEntry(FactKeys.Sdks, "dotnet", version, evidence);
            // The SDK builds the target framework, it does not choose it: recorded after the projects, as a manifest, so a
            // project's TargetFramework stays the runtime (facts.md) and global.json counts only where no project says.
            if (MajorMinor().Match(version) is { Success: true } runtime)
                context.RuntimeSource("dotnet", runtime.Value, evidence, "manifest");
        }
    }

    private static string? SdkVersion(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sdk", out var sdk) && sdk.ValueKind == JsonValueKind.Object
                && sdk.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
                && version.GetString() is { Length: > 0 } value
                ? value.Trim().TrimStart('v')
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\d+\.\d+")]
    private static partial Regex MajorMinor();

    // An attribute list at the start of a line holding a test attribute, alone or beside others: `[Fact]`, `[Test, Category("slow")]`, `[Xunit.Theory]`.
    [GeneratedRegex(@"^[ \t]*\[(?:[^\]\r\n]*,\s*)?(?:global::)?(?:\w+\.)*(?:Fact|Theory|Test|TestMethod|DataTestMethod|TestCase|TestCaseSource)(?:Attribute)?\s*[\](,]", RegexOptions.Multiline)]
    private static partial Regex TestAttribute();
}
