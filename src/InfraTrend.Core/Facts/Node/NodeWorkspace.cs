using System.Text.Json;
using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Node;

/// <summary>
/// One JS/TS project of a repository: a package.json, or an Nx project.json without one (Nx integrated
/// workspaces keep every dependency in the root package.json).
/// </summary>
public sealed record NodeProject(string Folder, string Name, NodeManifest? Manifest, string? NxProjectType, string? NxText)
{
    public bool Contains(string path) => Folder == "." || Prefixes.IsUnder(path, Folder, '/');
}

/// <summary>
/// The JS/TS projects of a snapshot seen together, as pnpm, yarn, npm, Nx and Turborepo workspaces see them:
/// which project owns a file, which projects a project uses (workspace dependencies such as
/// `"@acme/logger": "workspace:*"`, or imports through tsconfig path aliases), and so which deployable parts
/// a fact found in a shared library reaches.
/// </summary>
public sealed partial class NodeWorkspace
{
    private readonly Dictionary<string, NodeProject> _byFolder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProject> _byName = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, string Folder)> _aliases = [];
    private readonly Dictionary<string, NodeProject?> _ownerOfFolder = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeProject, HashSet<NodeProject>> _uses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, HashSet<string>> _importers = new(StringComparer.Ordinal);
    private Dictionary<NodeProject, List<PartFacts>>? _partsReaching;

    private NodeWorkspace(Snapshot snapshot, IReadOnlyList<NodeManifest> manifests)
    {
        var nxProjects = new Dictionary<string, (string? Name, string? Type, string Text)>(StringComparer.Ordinal);
        foreach (var file in snapshot.Files.Where(f => f.Name == "project.json" && !NodeManifests.IsVendored(f.Path)))
        {
            if (snapshot.ReadText(file.Path) is { } text && ReadNxProject(text) is { } nx)
                nxProjects[file.Directory] = (nx.Name, nx.Type, text);
        }
        foreach (var manifest in manifests.OrderBy(m => m.Path, StringComparer.Ordinal))
        {
            var nx = nxProjects.GetValueOrDefault(manifest.Folder);
            nxProjects.Remove(manifest.Folder);
            Register(new NodeProject(manifest.Folder, manifest.Name ?? nx.Name ?? FolderName(manifest.Folder), manifest, nx.Type, nx.Text));
        }
        foreach (var (folder, nx) in nxProjects)
            Register(new NodeProject(folder, nx.Name ?? FolderName(folder), null, nx.Type, nx.Text));
        foreach (var name in new[] { "tsconfig.base.json", "tsconfig.json" })
        {
            if (snapshot.ReadText(name) is { } tsconfig)
                ReadAliases(tsconfig);
        }
        IsWorkspace = Roots(snapshot).Any();
        Projects = _byFolder.Values.OrderBy(p => p.Folder, StringComparer.Ordinal).ToList();
        foreach (var project in Projects)
        {
            if (project.Manifest is not { } manifest)
                continue;
            foreach (var dependency in manifest.Dependencies.Keys.Where(manifest.DependsAtRuntime))
            {
                if (_byName.TryGetValue(dependency, out var used) && used != project)
                    Uses(project, used);
            }
        }
    }

    /// <summary>Every project, in folder order.</summary>
    public IReadOnlyList<NodeProject> Projects { get; }

    /// <summary>The repository declares a workspace (pnpm, yarn or npm workspaces, Lerna, Nx, Turborepo, Rush).</summary>
    public bool IsWorkspace { get; }

    public static NodeWorkspace Of(FactContext context) =>
        context.Cached("node-workspace", () => new NodeWorkspace(context.Snapshot, NodeManifests.Of(context)));

    public static NodeWorkspace Read(Snapshot snapshot) => new(snapshot, NodeManifests.Of(snapshot));

    /// <summary>Files that make a folder a workspace root.</summary>
    public static readonly string[] WorkspaceFiles = ["pnpm-workspace.yaml", "lerna.json", "nx.json", "turbo.json", "rush.json"];

    /// <summary>Folders that hold a workspace declaration.</summary>
    public static IEnumerable<string> Roots(Snapshot snapshot) =>
        snapshot.Files
            .Where(f => WorkspaceFiles.Contains(f.Name, StringComparer.Ordinal) && !NodeManifests.IsVendored(f.Path))
            .Select(f => f.Directory)
            .Concat(NodeManifests.Of(snapshot).Where(m => m.HasWorkspaces).Select(m => m.Folder))
            .Distinct(StringComparer.Ordinal);

    public NodeProject? ProjectAt(string folder) => _byFolder.GetValueOrDefault(folder);

    public NodeProject? ProjectNamed(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The project whose folder holds <paramref name="path"/> (the deepest), or null.</summary>
    public NodeProject? OwnerOf(string path)
    {
        var folder = path.Contains('/') ? path[..path.LastIndexOf('/')] : ".";
        return OwnerOfFolder(folder);
    }

    private NodeProject? OwnerOfFolder(string folder)
    {
        if (_ownerOfFolder.TryGetValue(folder, out var cached))
            return cached;
        var owner = _byFolder.GetValueOrDefault(folder) ?? (folder == "." ? null : OwnerOfFolder(folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : "."));
        _ownerOfFolder[folder] = owner;
        return owner;
    }

    /// <summary>Other projects that use this one at run time (a workspace dependency that is not a dev dependency).</summary>
    public IEnumerable<NodeProject> UsedBy(NodeProject project) =>
        _uses.Where(u => u.Value.Contains(project)).Select(u => u.Key);

    /// <summary>The workspace project an import names: a package of the workspace (`@acme/logger/child`) or a tsconfig path alias.</summary>
    public NodeProject? Resolve(string specifier)
    {
        if (specifier.StartsWith('.') || specifier.StartsWith('/'))
            return null;
        var package = NodeUsageFacts.PackageName(specifier);
        if (_byName.TryGetValue(package, out var named))
            return named;
        foreach (var (prefix, folder) in _aliases)
        {
            if (specifier == prefix.TrimEnd('/') || specifier.StartsWith(prefix, StringComparison.Ordinal))
                return OwnerOfFolder(folder);
        }
        return null;
    }

    /// <summary>Records that <paramref name="sourcePath"/> imports <paramref name="specifier"/>: its project uses the one the import names.</summary>
    public void NoteImport(string sourcePath, string specifier)
    {
        var package = NodeUsageFacts.PackageName(specifier);
        if (!_importers.TryGetValue(package, out var importers))
            _importers[package] = importers = new HashSet<string>(StringComparer.Ordinal);
        importers.Add(sourcePath);
        if (OwnerOf(sourcePath) is { } from && Resolve(specifier) is { } to && from != to)
            Uses(from, to);
        _partsReaching = null;
    }

    // ---- where facts go --------------------------------------------------------------------------

    /// <summary>
    /// The tables a part-scoped fact found at <paramref name="path"/> goes to: the part holding it; else, for a file of a
    /// workspace library, every part that uses that library (directly or through other libraries); else the repository.
    /// </summary>
    public IReadOnlyList<FactTable> TablesFor(FactContext context, string path)
    {
        if (context.PartOf(path) is { } part)
            return [part.Facts];
        if (OwnerOf(path) is { } owner && PartsReaching(context).TryGetValue(owner, out var parts))
            return parts.Select(p => p.Facts).ToList();
        return [context.Repository];
    }

    /// <summary>The tables of the application code that imports <paramref name="package"/> (repository-level code left out).</summary>
    public IReadOnlyList<FactTable> TablesImporting(FactContext context, string package)
    {
        if (!_importers.TryGetValue(package, out var importers))
            return [];
        return importers.Order(StringComparer.Ordinal)
            .SelectMany(path => TablesFor(context, path))
            .Where(t => t != context.Repository)
            .Distinct()
            .ToList();
    }

    public void Add(FactContext context, string key, string item, Evidence evidence)
    {
        foreach (var table in Route(context, key, evidence.Path))
            table.Add(key, item, evidence);
    }

    public void Flag(FactContext context, string key, Evidence evidence)
    {
        foreach (var table in Route(context, key, evidence.Path))
            table.Flag(key, evidence);
    }

    /// <summary>Counts go to one table only, so the repository's sum over parts counts each thing once.</summary>
    public void Count(FactContext context, string key, long amount, Evidence evidence) =>
        Route(context, key, evidence.Path)[0].Count(key, amount, evidence);

    private IReadOnlyList<FactTable> Route(FactContext context, string key, string path) =>
        FactKeys.Get(key).Scope == FactScope.Repository ? [context.Repository] : TablesFor(context, path);

    private Dictionary<NodeProject, List<PartFacts>> PartsReaching(FactContext context)
    {
        if (_partsReaching is not null)
            return _partsReaching;
        var reaching = new Dictionary<NodeProject, List<PartFacts>>(ReferenceEqualityComparer.Instance);
        foreach (var part in context.Parts)
        {
            var queue = new Queue<NodeProject>(Projects.Where(p => context.PartOf(p.Folder == "." ? "package.json" : p.Folder + "/package.json") == part));
            var seen = new HashSet<NodeProject>(ReferenceEqualityComparer.Instance);
            while (queue.TryDequeue(out var project))
            {
                if (!seen.Add(project))
                    continue;
                var holder = context.PartOf(project.Folder == "." ? "package.json" : project.Folder + "/package.json");
                if (holder is not null && holder != part)
                    continue; // another deployable part: its code is its own
                if (holder is null)
                {
                    if (!reaching.TryGetValue(project, out var list))
                        reaching[project] = list = [];
                    list.Add(part);
                }
                if (_uses.TryGetValue(project, out var used))
                {
                    foreach (var next in used)
                        queue.Enqueue(next);
                }
            }
        }
        foreach (var list in reaching.Values)
            list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return _partsReaching = reaching;
    }

    // ---- reading -----------------------------------------------------------------------------------

    private void Register(NodeProject project)
    {
        _byFolder[project.Folder] = project;
        if (project.Manifest?.Name is { } name)
            _byName.TryAdd(name, project);
    }

    private void Uses(NodeProject from, NodeProject to)
    {
        if (!_uses.TryGetValue(from, out var set))
            _uses[from] = set = new HashSet<NodeProject>(ReferenceEqualityComparer.Instance);
        set.Add(to);
    }

    private static (string? Name, string? Type)? ReadNxProject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            string? Str(string key) => doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Str("name"), Str("projectType"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>`"@acme/common/*": ["libs/common/src/lib/*"]` in compilerOptions.paths: imports under the prefix are that folder's.</summary>
    private void ReadAliases(string tsconfig)
    {
        try
        {
            using var doc = JsonDocument.Parse(tsconfig, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!doc.RootElement.TryGetProperty("compilerOptions", out var options) || !options.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
                return;
            foreach (var alias in paths.EnumerateObject())
            {
                if (alias.Value.ValueKind != JsonValueKind.Array || alias.Value.GetArrayLength() == 0 || alias.Value[0].GetString() is not { } target)
                    continue;
                var prefix = alias.Name.TrimEnd('*');
                var folder = AliasFolder().Replace(target.TrimEnd('*').TrimEnd('/'), "");
                if (prefix.Length > 1 && !prefix.StartsWith('.') && folder.Length > 0)
                    _aliases.Add((prefix, folder.Contains('.') && !folder.Contains('/') ? "." : TrimFile(folder)));
            }
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>`libs/common/src/index.ts` -> `libs/common/src`.</summary>
    private static string TrimFile(string path) =>
        Path.HasExtension(path) && path.Contains('/') ? path[..path.LastIndexOf('/')] : path;

    private static string FolderName(string folder) => folder == "." ? "." : folder[(folder.LastIndexOf('/') + 1)..];

    [GeneratedRegex(@"^\./")]
    private static partial Regex AliasFolder();
}
