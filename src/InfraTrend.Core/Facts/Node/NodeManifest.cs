using System.Text.Json;

namespace InfraTrend.Facts.Node;

/// <summary>What InfraTrend reads from one package.json.</summary>
public sealed record NodeManifest(
    string Path,
    string Text,
    string? Name,
    IReadOnlyDictionary<string, string> Dependencies,
    IReadOnlySet<string> DevDependencies,
    IReadOnlyDictionary<string, string> Scripts,
    string? PackageManager,
    string? NodeEngine,
    bool HasWorkspaces,
    string? PrismaSeed)
{
    /// <summary>Packages the consumer brings (peerDependencies): never this package's own stack.</summary>
    public IReadOnlySet<string> PeerDependencies { get; init; } = new HashSet<string>();

    /// <summary>The package publishes an entry point (main, module, exports, types) or a command (bin): others run or import it.</summary>
    public bool HasEntryPoints { get; init; }

    public bool HasBin { get; init; }

    public string Folder => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";

    public bool DependsOn(string package) => Dependencies.ContainsKey(package);

    public bool DependsOnAny(params string[] packages) => packages.Any(Dependencies.ContainsKey);

    /// <summary>A dependency the package runs with: not only a devDependency, not only a peerDependency.</summary>
    public bool DependsAtRuntime(string package) =>
        Dependencies.ContainsKey(package) && !DevDependencies.Contains(package) && !PeerDependencies.Contains(package);

    public bool DependsAtRuntimeOnAny(params string[] packages) => packages.Any(DependsAtRuntime);

    /// <summary>Evidence for a key as it is written in the file (`"helmet":`), or the file itself.</summary>
    public Evidence EvidenceFor(string key) => new(Path, TextLines.Find(Text, $"\"{key}\""));

    public static NodeManifest? Parse(string path, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            var deps = new Dictionary<string, string>(StringComparer.Ordinal);
            var dev = new HashSet<string>(StringComparer.Ordinal);
            var peer = new HashSet<string>(StringComparer.Ordinal);
            var runtime = new HashSet<string>(StringComparer.Ordinal);
            foreach (var section in new[] { "dependencies", "devDependencies", "peerDependencies", "optionalDependencies" })
            {
                if (root.TryGetProperty(section, out var list) && list.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in list.EnumerateObject())
                    {
                        deps.TryAdd(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : "");
                        if (section == "devDependencies")
                            dev.Add(p.Name);
                        else if (section == "peerDependencies")
                            peer.Add(p.Name);
                        else
                            runtime.Add(p.Name);
                    }
                }
            }
            // A package listed both as a dependency and as a dev or peer dependency runs with it.
            dev.ExceptWith(runtime);
            peer.ExceptWith(runtime);
            var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("scripts", out var s) && s.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in s.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String)
                        scripts[p.Name] = p.Value.GetString() ?? "";
                }
            }
            string? engine = root.TryGetProperty("engines", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("node", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()
                : null;
            var hasBin = root.TryGetProperty("bin", out _);
            var hasEntryPoints = hasBin || new[] { "main", "module", "exports", "types", "typings" }.Any(k => root.TryGetProperty(k, out _));
            string? seed = root.TryGetProperty("prisma", out var prisma) && prisma.ValueKind == JsonValueKind.Object && prisma.TryGetProperty("seed", out var sd) && sd.ValueKind == JsonValueKind.String
                ? sd.GetString()
                : null;
            return new NodeManifest(
                path,
                text,
                Str(root, "name"),
                deps,
                dev,
                scripts,
                Str(root, "packageManager"),
                engine,
                DeclaresWorkspaces(root),
                seed)
            {
                PeerDependencies = peer,
                HasEntryPoints = hasEntryPoints,
                HasBin = hasBin,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>`"workspaces": ["packages/*"]` or `{ "packages": [...] }`; a yarn `{ "nohoist": [...] }` alone declares none.</summary>
    private static bool DeclaresWorkspaces(JsonElement root) =>
        root.TryGetProperty("workspaces", out var w)
        && (w.ValueKind == JsonValueKind.Array && w.GetArrayLength() > 0
            || w.ValueKind == JsonValueKind.Object && w.TryGetProperty("packages", out var p) && p.ValueKind == JsonValueKind.Array && p.GetArrayLength() > 0);

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>Every package.json of a snapshot, parsed once.</summary>
public static class NodeManifests
{
    public static IReadOnlyList<NodeManifest> Of(Scanning.Snapshot snapshot) =>
        snapshot.Files
            .Where(f => f.Name == "package.json" && !IsVendored(f.Path))
            .Select(f => snapshot.ReadText(f.Path) is { } text ? NodeManifest.Parse(f.Path, text) : null)
            .OfType<NodeManifest>()
            .ToList();

    public static IReadOnlyList<NodeManifest> Of(FactContext context) => context.Cached("node-manifests", () => Of(context.Snapshot));

    /// <summary>Folders whose contents are someone else's code, never the application's.</summary>
    public static bool IsVendored(string path) =>
        path.StartsWith("node_modules/", StringComparison.Ordinal) || path.Contains("/node_modules/", StringComparison.Ordinal)
        || path.StartsWith("vendor/", StringComparison.Ordinal) || path.Contains("/vendor/", StringComparison.Ordinal)
        || path.Contains("/third_party/", StringComparison.Ordinal) || path.StartsWith("third_party/", StringComparison.Ordinal)
        || path.Contains("/bower_components/", StringComparison.Ordinal) || path.StartsWith("bower_components/", StringComparison.Ordinal)
        // ASP.NET Core's client-side libraries (libman, the templates' bootstrap and jquery copies).
        || path.Contains("wwwroot/lib/", StringComparison.Ordinal);
}
