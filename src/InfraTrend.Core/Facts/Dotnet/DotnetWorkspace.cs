using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using InfraTrend.Facts.Node;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Dotnet;

/// <summary>
/// Every .NET project of a snapshot, read once and shared by the .NET fact sources: which project owns a
/// file, which files are application code, and which part a fact found in a library belongs to.
/// </summary>
public sealed partial class DotnetWorkspace
{
    private static readonly string[] TestPackages = ["Microsoft.NET.Test.Sdk", "xunit", "xunit.core", "xunit.v3", "xunit.v3.core", "NUnit", "MSTest", "MSTest.TestFramework", "TUnit"];

    private readonly FactContext _context;
    private readonly Dictionary<string, DotnetProject> _byFolder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DotnetProject> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PartFacts>> _partsReaching = new(StringComparer.Ordinal);
    // Filled as sources ask, and .NET sources run side by side.
    private readonly ConcurrentDictionary<string, DotnetProject?> _ownerOfFolder = new(StringComparer.Ordinal);
    private List<SnapshotFile>? _applicationSources;
    private ILookup<DotnetProject, SnapshotFile>? _sourcesByProject;

    private DotnetWorkspace(FactContext context, IReadOnlyList<DotnetProject> projects)
    {
        _context = context;
        Projects = projects;
        foreach (var project in projects)
        {
            _byFolder.TryAdd(project.Folder, project);
            _byPath[project.Path] = project;
        }
        MapPartsReachingEachProject();
    }

    /// <summary>Every project, in path order.</summary>
    public IReadOnlyList<DotnetProject> Projects { get; }

    public static DotnetWorkspace Of(FactContext context) =>
        context.Cached("dotnet-workspace", () => new DotnetWorkspace(context, ReadProjects(context)));

    public DotnetProject? ProjectAt(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The project whose folder holds <paramref name="path"/> (the deepest), or null.</summary>
    public DotnetProject? OwnerOf(string path)
    {
        var folder = path.Contains('/') ? path[..path.LastIndexOf('/')] : ".";
        if (_ownerOfFolder.TryGetValue(folder, out var cached))
            return cached;
        var owner = _byFolder.GetValueOrDefault(folder) ?? (folder == "." ? null : OwnerOf(folder));
        _ownerOfFolder[folder] = owner;
        return owner;
    }

    // ---- which files are what ------------------------------------------------------------------

    /// <summary>Application C# files: not in a test project or a test/example folder, not build output, generated code or EF migrations.</summary>
    public IReadOnlyList<SnapshotFile> ApplicationSources =>
        _applicationSources ??= _context.Snapshot.Files
            .Where(f => f.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && IsApplicationSource(f.Path))
            .ToList();

    private bool IsApplicationSource(string path) =>
        !IsVendored(path) && !IsGenerated(path) && !(IsInFolderNamed(path, "Migrations") && IsGeneratedMigration(path))
        && !PartDetector.IsTestOrExample(FolderOf(path)) && OwnerOf(path) is not { IsTest: true };

    /// <summary>
    /// A migration EF writes (a timestamped class, its .Designer.cs, the model snapshot): most of the C# of a large
    /// repository and never application wiring; the rest of a Migrations folder is (VirtoCommerce's extensions that apply them).
    /// </summary>
    private static bool IsGeneratedMigration(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Length > 15 && char.IsAsciiDigit(name[0]) && name.IndexOf('_') is >= 14 and <= 15 && name[..name.IndexOf('_')].All(char.IsAsciiDigit)
            || name.EndsWith(".Designer.cs", StringComparison.OrdinalIgnoreCase) || name.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal);
    }

    /// <summary>The C# files of a project (build output and generated code left out).</summary>
    public IEnumerable<SnapshotFile> SourcesOf(DotnetProject project) =>
        (_sourcesByProject ??= _context.Snapshot.Files
            .Where(f => f.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !IsGenerated(f.Path) && OwnerOf(f.Path) is not null)
            .ToLookup(f => OwnerOf(f.Path)!))[project];

    /// <summary>Someone else's code (node_modules, vendor, third_party).</summary>
    public static bool IsVendored(string path) => NodeManifests.IsVendored(path);

    /// <summary>Build output (obj/, bin/) and generated code (*.Designer.cs, *.g.cs, *.g.i.cs).</summary>
    public static bool IsGenerated(string path) =>
        IsInFolderNamed(path, "obj") || IsInFolderNamed(path, "bin")
        || path.EndsWith(".Designer.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.i.cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when one of the folders above <paramref name="path"/> is named <paramref name="folder"/> (case-insensitive).</summary>
    public static bool IsInFolderNamed(string path, string folder)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i].Equals(folder, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static string FolderOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : ".";

    // ---- where facts go --------------------------------------------------------------------------

    /// <summary>
    /// The tables a part-scoped fact found at <paramref name="path"/> goes to: the part holding it; else, for a file
    /// of a library project, every part whose projects reference that library (Clean Architecture keeps
    /// `AddJwtBearer` in Infrastructure, outside the web project); else the repository.
    /// </summary>
    public IReadOnlyList<FactTable> TablesFor(string path)
    {
        if (_context.PartOf(path) is { } part)
            return [part.Facts];
        if (OwnerOf(path) is { } owner && _partsReaching.TryGetValue(owner.Path, out var parts))
            return parts.Select(p => p.Facts).ToList();
        return [_context.Repository];
    }

    /// <summary>Whether a fact found at <paramref name="path"/> goes to a part: the file is in one, or in a library a part references.</summary>
    public bool ReachesPart(string path) =>
        _context.PartOf(path) is not null || (OwnerOf(path) is { } owner && _partsReaching.ContainsKey(owner.Path));

    /// <summary>Where a test project's facts go: the part holding it, else the first part it references directly, else the first part using a library it references, else the repository.</summary>
    public FactTable TestTableFor(DotnetProject test)
    {
        if (_context.PartOf(test.Path) is { } holding)
            return holding.Facts;
        foreach (var reference in test.ProjectReferences.Order(StringComparer.Ordinal))
        {
            if (_context.PartOf(reference) is { } tested)
                return tested.Facts;
        }
        // A module's tests reference its libraries (Domain, Application): they test the part those libraries belong to.
        foreach (var reference in test.ProjectReferences.Order(StringComparer.Ordinal))
        {
            if (_partsReaching.TryGetValue(reference, out var parts))
                return parts[0].Facts;
        }
        return _context.Repository;
    }

    /// <summary>Every part whose code a test project exercises: the part holding it, the parts it references, the parts using a library it references.</summary>
    public IReadOnlyList<PartFacts> PartsTestedBy(DotnetProject test)
    {
        var parts = new List<PartFacts>();
        if (_context.PartOf(test.Path) is { } holding)
            parts.Add(holding);
        foreach (var reference in test.ProjectReferences)
        {
            if (_context.PartOf(reference) is { } tested)
                parts.Add(tested);
            if (_partsReaching.TryGetValue(reference, out var using_))
                parts.AddRange(using_);
        }
        return parts.Distinct().ToList();
    }

    public void Add(string key, string item, Evidence evidence, string? foundIn = null)
    {
        foreach (var table in Route(key, foundIn ?? evidence.Path))
            table.Add(key, item, evidence);
    }

    public void Flag(string key, Evidence evidence, string? foundIn = null)
    {
        foreach (var table in Route(key, foundIn ?? evidence.Path))
            table.Flag(key, evidence);
    }

    public void SetEntry(string key, string name, string? value, Evidence evidence, string? foundIn = null)
    {
        foreach (var table in Route(key, foundIn ?? evidence.Path))
            table.SetEntry(key, name, value, evidence);
    }

    /// <summary>Counts go to one table only, so the repository's sum over parts counts each thing once.</summary>
    public void Count(string key, long amount, Evidence evidence, string? foundIn = null) =>
        Route(key, foundIn ?? evidence.Path)[0].Count(key, amount, evidence);

    private IReadOnlyList<FactTable> Route(string key, string path) =>
        FactKeys.Get(key).Scope == FactScope.Repository ? [_context.Repository] : TablesFor(path);

    private void MapPartsReachingEachProject()
    {
        foreach (var part in _context.Parts)
        {
            var queue = new Queue<DotnetProject>(Projects.Where(p => !p.IsTest && _context.PartOf(p.Path) == part));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (queue.TryDequeue(out var project))
            {
                if (!seen.Add(project.Path))
                    continue;
                var holder = _context.PartOf(project.Path);
                if (holder is not null && holder != part)
                {
                    // Another part (an Aspire AppHost references the services it starts): its libraries are its own.
                    continue;
                }
                if (holder is null)
                {
                    if (!_partsReaching.TryGetValue(project.Path, out var list))
                        _partsReaching[project.Path] = list = [];
                    list.Add(part);
                }
                foreach (var reference in project.ProjectReferences)
                {
                    if (_byPath.TryGetValue(reference, out var referenced))
                        queue.Enqueue(referenced);
                }
            }
        }
        foreach (var list in _partsReaching.Values)
            list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
    }

    // ---- reading the projects --------------------------------------------------------------------

    private static List<DotnetProject> ReadProjects(FactContext context)
    {
        var snapshot = context.Snapshot;
        var parsed = new Dictionary<string, MsBuildFile?>(StringComparer.Ordinal);
        MsBuildFile? Read(string path)
        {
            if (!parsed.TryGetValue(path, out var file))
            {
                file = snapshot.ReadText(path) is { } text ? MsBuildFile.Parse(path, text) : null;
                if (file is null && snapshot.Exists(path))
                    context.Warn(path, "not a well-formed MSBuild file; its projects, packages and versions were not read");
                parsed[path] = file;
            }
            return file;
        }

        var projects = new List<DotnetProject>();
        foreach (var file in snapshot.Files)
        {
            var language = file.Path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? "csharp"
                : file.Path.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase) ? "fsharp"
                : null;
            if (language is null || IsVendored(file.Path) || IsGenerated(file.Path) || Read(file.Path) is not { } project)
                continue;
            var buildProps = Chain(snapshot, project.Folder, "Directory.Build.props", Read);
            var packageProps = Chain(snapshot, project.Folder, "Directory.Packages.props", Read);
            projects.Add(Build(project, language, buildProps, packageProps));
        }
        return projects;
    }

    /// <summary>The nearest file of that name at or above <paramref name="folder"/>, then the ones it imports above it.</summary>
    private static List<MsBuildFile> Chain(Snapshot snapshot, string folder, string name, Func<string, MsBuildFile?> read)
    {
        var chain = new List<MsBuildFile>();
        var current = folder;
        while (true)
        {
            var path = PartDetector.Join(current, name);
            if (snapshot.Exists(path) && read(path) is { } file)
            {
                chain.Add(file);
                if (!file.ImportsParent)
                    break;
            }
            if (current == ".")
                break;
            current = FolderOf(current);
        }
        return chain;
    }

    private static DotnetProject Build(MsBuildFile project, string language, List<MsBuildFile> buildProps, List<MsBuildFile> packageProps)
    {
        // MSBuild reads Directory.Build.props, then Directory.Packages.props, then the project: the project wins.
        var sources = new List<MsBuildFile> { project };
        sources.AddRange(packageProps);
        sources.AddRange(buildProps);
        MsBuildProperty? Lookup(string name) => sources.Select(s => s.Property(name)).FirstOrDefault(p => p is not null);
        string Resolve(string value) => ResolveProperties(value, project.Folder, Lookup);

        var looksLikeTest = PartDetector.IsTestOrExample(project.Folder) || TestName().IsMatch(Path.GetFileNameWithoutExtension(project.Path));
        bool Applies(MsBuildItem item, bool inherited) =>
            !inherited || !item.Conditional || looksLikeTest || !TestPackages.Contains(item.Include, StringComparer.OrdinalIgnoreCase);

        var central = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in packageProps.SelectMany(p => p.ItemsOf("PackageVersion")))
        {
            if (item.Get("Version") is { } version)
                central.TryAdd(item.Include, Resolve(version));
        }

        var packages = new List<DotnetPackage>();
        void AddPackage(MsBuildItem item)
        {
            if (packages.Any(p => p.Id.Equals(item.Include, StringComparison.OrdinalIgnoreCase)))
                return;
            var version = item.Get("VersionOverride") ?? item.Get("Version") ?? central.GetValueOrDefault(item.Include);
            packages.Add(new DotnetPackage(item.Include, Versions.Normalize(version is null ? null : Resolve(version)), item.Evidence));
        }
        foreach (var item in project.ItemsOf("PackageReference"))
            AddPackage(item);
        // Directory.Packages.props is imported like Directory.Build.props: a PackageReference there applies to the projects below it.
        foreach (var item in buildProps.Concat(packageProps).SelectMany(p => p.ItemsOf("PackageReference")).Where(i => Applies(i, inherited: true)))
            AddPackage(item);
        foreach (var item in packageProps.SelectMany(p => p.ItemsOf("GlobalPackageReference")))
            AddPackage(item);

        var references = project.ItemsOf("ProjectReference")
            .Select(i => NormalizePath(project.Folder, Resolve(i.Include)))
            .OfType<string>()
            .ToList();

        var isTestProperty = Lookup("IsTestProject") is { } isTest && isTest.Value.Equals("true", StringComparison.OrdinalIgnoreCase)
            && (!isTest.Conditional || isTest.Evidence.Path == project.Path || looksLikeTest);
        var isTestProject = isTestProperty || project.Sdks.Contains("MSTest.Sdk", StringComparer.OrdinalIgnoreCase)
            || packages.Any(p => TestPackages.Contains(p.Id, StringComparer.OrdinalIgnoreCase));

        var (runtime, runtimeEvidence) = RuntimeOf(Lookup, Resolve, project);
        return new DotnetProject(project.Path, language, project.Sdks, runtime, runtimeEvidence, packages, references, isTestProject, project.ProjectEvidence);
    }

    /// <summary>The highest .NET (Core) version among the target frameworks: `net8.0;net9.0` -> `9.0`. .NET Framework and .NET Standard are not runtimes here.</summary>
    private static (string? Version, Evidence? Evidence) RuntimeOf(Func<string, MsBuildProperty?> lookup, Func<string, string> resolve, MsBuildFile project)
    {
        // The project's own TargetFramework beats an inherited TargetFrameworks, and the other way round.
        var own = project.Property("TargetFramework") ?? project.Property("TargetFrameworks");
        var property = own ?? lookup("TargetFramework") ?? lookup("TargetFrameworks");
        if (property is null)
            return (null, null);
        (int Major, int Minor)? best = null;
        foreach (var tfm in resolve(property.Value).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = ModernTargetFramework().Match(tfm);
            if (!match.Success)
                continue;
            var version = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
            if (best is null || version.CompareTo(best.Value) > 0)
                best = version;
        }
        return best is { } b ? ($"{b.Major}.{b.Minor}", property.Evidence) : (null, null);
    }

    /// <summary>Replaces `$(Name)` with the property's value (a few levels deep); MSBuild's own folder properties become the project folder.</summary>
    private static string ResolveProperties(string value, string folder, Func<string, MsBuildProperty?> lookup)
    {
        for (var depth = 0; depth < 5 && value.Contains("$(", StringComparison.Ordinal); depth++)
        {
            value = PropertyReference().Replace(value, m =>
            {
                var name = m.Groups[1].Value;
                if (name is "MSBuildThisFileDirectory" or "MSBuildProjectDirectory")
                    return folder == "." ? "" : folder + "/";
                return lookup(name)?.Value ?? m.Value;
            });
        }
        return value;
    }

    /// <summary>A repository-relative path for a reference written relative to <paramref name="folder"/> (`..\Api\Api.csproj`); null when it leaves the repository or stays unresolved.</summary>
    internal static string? NormalizePath(string folder, string relative)
    {
        if (relative.Contains("$(", StringComparison.Ordinal))
            return null;
        var segments = new List<string>(folder == "." ? [] : folder.Split('/'));
        foreach (var segment in relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count == 0)
                    return null;
                segments.RemoveAt(segments.Count - 1);
            }
            else
                segments.Add(segment);
        }
        return segments.Count == 0 ? null : string.Join('/', segments);
    }

    [GeneratedRegex(@"^net(?:coreapp)?(\d+)\.(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ModernTargetFramework();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"\.(Unit|Integration|Functional|Acceptance)?(Tests?|Specs)$", RegexOptions.IgnoreCase)]
    private static partial Regex TestName();
}
