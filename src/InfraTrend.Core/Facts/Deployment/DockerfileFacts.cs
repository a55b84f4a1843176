using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Deployment;

/// <summary>
/// Each Dockerfile, read the way docker reads it: line continuations joined, ARG defaults substituted into FROM,
/// stages named, and the final stage judged (its USER, its HEALTHCHECK) with every external base image checked for a pin.
/// </summary>
public sealed partial class DockerfileFacts : IFactSource
{
    private sealed record Instruction(string Keyword, string Arguments, int Line);

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?")]
    private static partial Regex Variable();

    private static readonly (string Image, string Runtime)[] RuntimeImages =
    [
        ("node", "node"), ("dotnet/aspnet", "dotnet"), ("dotnet/runtime", "dotnet"), ("dotnet/sdk", "dotnet"), ("python", "python"),
        ("golang", "go"), ("ruby", "ruby"), ("eclipse-temurin", "java"), ("openjdk", "java"), ("amazoncorretto", "java"), ("oven/bun", "bun"), ("denoland/deno", "deno"), ("php", "php"),
    ];

    public static bool IsDockerfile(string name) =>
        name == "Dockerfile" || name.StartsWith("Dockerfile.", StringComparison.Ordinal) || name.EndsWith(".Dockerfile", StringComparison.Ordinal) || name.EndsWith(".dockerfile", StringComparison.Ordinal) || name == "Containerfile";

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => IsDockerfile(f.Name) && !Node.NodeManifests.IsVendored(f.Path)))
        {
            context.Add(FactKeys.Platforms, "docker", new Evidence(file.Path, 1));
            if (context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            Analyze(context, file.Path, Parse(text));
        }
    }

    private static void Analyze(FactContext context, string path, IReadOnlyList<Instruction> instructions)
    {
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stageArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        var pinned = true;
        var stageCount = 0;
        string? user = null;
        var healthcheck = false;
        var firstLine = instructions.FirstOrDefault()?.Line ?? 1;

        foreach (var ins in instructions)
        {
            switch (ins.Keyword)
            {
                case "ARG":
                    var (name, value) = SplitArg(ins.Arguments);
                    (stageCount == 0 ? globalArgs : stageArgs)[name] = value ?? (globalArgs.TryGetValue(name, out var g) ? g : "");
                    break;
                case "FROM":
                    stageCount++;
                    stageArgs.Clear();
                    user = null;
                    healthcheck = false;
                    var words = ins.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                    if (words.Count == 0)
                        break;
                    var image = Substitute(words[0], globalArgs);
                    if (words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                        stages.Add(words[2]);
                    if (stages.Contains(image) && !(words.Count >= 3 && words[2].Equals(image, StringComparison.OrdinalIgnoreCase)) || image == "scratch")
                        break; // a previous stage or scratch, nothing to pin
                    images.Add(image);
                    if (!IsPinned(image))
                        pinned = false;
                    RecordRuntime(context, image, new Evidence(path, ins.Line));
                    break;
                case "USER":
                    user = Substitute(ins.Arguments.Trim(), stageArgs.Concat(globalArgs).GroupBy(p => p.Key).ToDictionary(p => p.Key, p => p.First().Value));
                    break;
                case "HEALTHCHECK":
                    healthcheck = !ins.Arguments.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase);
                    break;
                case "CMD" or "ENTRYPOINT":
                    StartCommands.Record(context, ins.Arguments, "start", new Evidence(path, ins.Line));
                    break;
            }
        }

        var nonRoot = user is not null && user.Split(':')[0] is not ("root" or "0" or "");
        // Distroless "nonroot" tags and images that set a non-root user themselves count, when the file says so in the tag.
        nonRoot |= images.Count > 0 && images[^1].Contains(":nonroot", StringComparison.Ordinal);
        context.AddObject(
            FactKeys.Dockerfiles,
            new JsonObject
            {
                ["path"] = path,
                ["line"] = firstLine,
                ["baseImages"] = new JsonArray(images.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray()),
                ["nonRootUser"] = nonRoot,
                ["pinnedBase"] = images.Count > 0 && pinned,
                ["healthcheck"] = healthcheck,
                ["multiStage"] = stageCount > 1,
            },
            new Evidence(path, firstLine));
    }

    /// <summary>A base image is pinned by digest or by a tag that names a version (not `latest`, not a bare name).</summary>
    internal static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
            return true;
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        if (colon <= slash)
            return false;
        var tag = image[(colon + 1)..];
        return tag.Length > 0 && tag != "latest" && !tag.Contains('$', StringComparison.Ordinal) && tag.Any(char.IsDigit);
    }

    private static void RecordRuntime(FactContext context, string image, Evidence evidence)
    {
        var colon = image.LastIndexOf(':');
        if (colon < 0 || colon < image.LastIndexOf('/'))
            return;
        var name = image[..colon];
        var tag = image[(colon + 1)..];
        foreach (var (known, runtime) in RuntimeImages)
        {
            if (name == known || name.EndsWith("/" + known, StringComparison.Ordinal))
            {
                context.RuntimeSource(runtime, tag, evidence, "docker");
                return;
            }
        }
    }

    private static (string Name, string? Value) SplitArg(string arguments)
    {
        var eq = arguments.IndexOf('=');
        return eq < 0 ? (arguments.Trim(), null) : (arguments[..eq].Trim(), arguments[(eq + 1)..].Trim().Trim('"'));
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> args) =>
        Variable().Replace(text, m => args.TryGetValue(m.Groups[1].Value, out var v) && v.Length > 0 ? v : m.Groups[2].Success ? m.Groups[2].Value : m.Value);

    private static List<Instruction> Parse(string text)
    {
        var result = new List<Instruction>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var start = i + 1;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                line = line[..^1] + " " + (next.StartsWith('#') ? "" : next);
            }
            var space = line.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            result.Add(new Instruction(keyword, space < 0 ? "" : line[(space + 1)..].Trim(), start));
        }
        return result;
    }
}
