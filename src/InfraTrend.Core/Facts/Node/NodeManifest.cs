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
    bool IsLibrary,
    string? PrismaSeed)
{
    public string Folder => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";

    public bool DependsOn(string package) => Dependencies.ContainsKey(package);

    public bool DependsOnAny(params string[] packages) => packages.Any(Dependencies.ContainsKey);

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
            foreach (var section in new[] { "dependencies", "devDependencies", "peerDependencies", "optionalDependencies" })
            {
                if (root.TryGetProperty(section, out var list) && list.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in list.EnumerateObject())
                    {
                        deps.TryAdd(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : "");
                        if (section == "devDependencies")
                            dev.Add(p.Name);
                    }
                }
            }
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
            var isLibrary = (root.TryGetProperty("main", out _) || root.TryGetProperty("exports", out _) || root.TryGetProperty("types", out _))
                && !scripts.ContainsKey("start");
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
                root.TryGetProperty("workspaces", out _),
                isLibrary,
                seed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

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
        || path.Contains("/third_party/", StringComparison.Ordinal) || path.StartsWith("third_party/", StringComparison.Ordinal);
}
