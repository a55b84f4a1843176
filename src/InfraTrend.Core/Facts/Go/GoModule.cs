using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Go;

/// <summary>One `require` of a go.mod: the module path, its version, whether it is only indirect, and its line.</summary>
public sealed record GoRequirement(string Module, string Version, bool Indirect, Evidence Evidence);

/// <summary>What InfraTrend reads from one go.mod: the module path, the go and toolchain directives and the requirements.</summary>
public sealed record GoModule(string Path, string? Module, (string Version, Evidence Evidence)? Go, (string Version, Evidence Evidence)? Toolchain, IReadOnlyList<GoRequirement> Requires)
{
    public string Folder => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";

    /// <summary>The requirement of <paramref name="prefix"/> or of a module below it (`github.com/labstack/echo` matches echo/v4).</summary>
    public GoRequirement? Find(string prefix) =>
        Requires.FirstOrDefault(r => Prefixes.IsAtOrUnder(r.Module, prefix, '/'));
}

/// <summary>Parses go.mod files, and every go.mod of a snapshot once.</summary>
public static partial class GoModules
{
    [GeneratedRegex(@"^\s*(?<module>[^\s()]+)\s+(?<version>v[^\s]+)(?<rest>.*)$")]
    private static partial Regex RequireLine();

    public static GoModule Parse(string path, string text)
    {
        string? module = null;
        (string, Evidence)? go = null;
        (string, Evidence)? toolchain = null;
        var requires = new List<GoRequirement>();
        var inRequire = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var comment = raw.IndexOf("//", StringComparison.Ordinal);
            var indirect = comment >= 0 && raw[comment..].Contains("indirect", StringComparison.Ordinal);
            var line = (comment >= 0 ? raw[..comment] : raw).Trim();
            var evidence = new Evidence(path, i + 1);
            if (inRequire)
            {
                if (line.StartsWith(')'))
                    inRequire = false;
                else if (RequireLine().Match(line) is { Success: true } r)
                    requires.Add(new GoRequirement(r.Groups["module"].Value, r.Groups["version"].Value, indirect, evidence));
                continue;
            }
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
                continue;
            switch (words[0])
            {
                case "module":
                    module = words[1].Trim('"');
                    break;
                case "go":
                    go = (words[1], evidence);
                    break;
                case "toolchain":
                    toolchain = (words[1].StartsWith("go", StringComparison.Ordinal) ? words[1][2..] : words[1], evidence);
                    break;
                case "require" when words[1] == "(":
                    inRequire = true;
                    break;
                case "require" when RequireLine().Match(line["require".Length..]) is { Success: true } r:
                    requires.Add(new GoRequirement(r.Groups["module"].Value, r.Groups["version"].Value, indirect, evidence));
                    break;
            }
        }
        return new GoModule(path, module, go, toolchain, requires);
    }

    public static IReadOnlyList<GoModule> Of(Snapshot snapshot) =>
        snapshot.Files
            .Where(f => f.Name == "go.mod" && !IsVendored(f.Path))
            .Select(f => snapshot.ReadText(f.Path) is { } text ? Parse(f.Path, text) : null)
            .OfType<GoModule>()
            .ToList();

    public static IReadOnlyList<GoModule> Of(FactContext context) => context.Cached("go-modules", () => Of(context.Snapshot));

    /// <summary>Vendored modules and test data are someone else's code or fixtures, never the application's modules.</summary>
    public static bool IsVendored(string path) =>
        Node.NodeManifests.IsVendored(path) || path.Split('/').SkipLast(1).Any(s => s is "testdata" or "_vendor");

    /// <summary>The module (deepest go.mod folder) that holds <paramref name="path"/>, or null.</summary>
    public static GoModule? ModuleOf(IReadOnlyList<GoModule> modules, string path) =>
        modules.Where(m => m.Folder == "." || Prefixes.IsUnder(path, m.Folder, '/'))
            .OrderByDescending(m => m.Folder.Length)
            .FirstOrDefault();
}
