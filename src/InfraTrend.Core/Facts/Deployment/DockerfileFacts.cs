using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfraTrend.Facts.Ci;

namespace InfraTrend.Facts.Deployment;

/// <summary>
/// Each Dockerfile, read the way docker reads it: line continuations joined, ARG defaults substituted into FROM,
/// stages named, and the final stage judged (its USER, its HEALTHCHECK) with every external base image checked for a pin.
/// </summary>
// Adds to stack.runtimeSources after them: the report keeps the order they were found in.
[FactSource(After = [typeof(OtherPipelineFacts)])]
public sealed partial class DockerfileFacts : IFactSource
{
    private sealed record Instruction(string Keyword, string Arguments, int Line);

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?")]
    private static partial Regex Variable();

    /// <summary>What a build stage leaves to the stages built FROM it: its user and its health check.</summary>
    private sealed record Stage(string? User, bool Healthcheck, string Image);

    /// <summary>
    /// `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`, and a lowercase `dockerfile` (Ombi's src/dockerfile,
    /// built with -f); not the ignore file, notes or an editor's backup beside one (`Dockerfile.dockerignore`, `Dockerfile.md`,
    /// Visual Studio's `Dockerfile.original`), which nothing builds. The one test every stage uses, so a part is deployed
    /// by exactly the files the deployment facts read.
    /// </summary>
    public static bool IsDockerfile(string name) =>
        (name is "Dockerfile" or "dockerfile" or "Containerfile" || name.StartsWith("Dockerfile.", StringComparison.Ordinal) || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase))
        && !NotBuilt.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal));

    private static readonly string[] NotBuilt = [".dockerignore", ".md", ".original", ".orig", ".bak"];

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => IsDockerfile(f.Name) && DeploymentPaths.CountsAsImage(f.Path)))
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
        var stages = new Dictionary<string, Stage>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        var pinned = true;
        var parameterised = false;
        var stageCount = 0;
        string? stageName = null;
        string? user = null;
        var healthcheck = false;
        var finalImage = "";
        var firstLine = instructions.FirstOrDefault()?.Line ?? 1;

        void EndStage()
        {
            if (stageName is not null)
                stages[stageName] = new Stage(user, healthcheck, finalImage);
        }

        foreach (var ins in instructions)
        {
            switch (ins.Keyword)
            {
                case "ARG":
                    foreach (var (name, value) in SplitArgs(ins.Arguments))
                        (stageCount == 0 ? globalArgs : stageArgs)[name] = value ?? (globalArgs.TryGetValue(name, out var g) ? g : "");
                    break;
                case "FROM":
                    EndStage();
                    stageCount++;
                    stageArgs.Clear();
                    var words = ins.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                    if (words.Count == 0)
                        break;
                    var image = Substitute(words[0], globalArgs).Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
                    stageName = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : $"#{stageCount}";
                    // A stage built FROM an earlier one starts as that one left off (its USER, its HEALTHCHECK).
                    if (stages.TryGetValue(image, out var parent))
                    {
                        (user, healthcheck, finalImage) = (parent.User, parent.Healthcheck, parent.Image);
                        break;
                    }
                    (user, healthcheck) = (null, false);
                    finalImage = image;
                    if (image == "scratch")
                        break;
                    images.Add(image);
                    if (!IsPinned(image))
                        pinned = false;
                    // `FROM node:${NODE_VERSION}` with no default: the version comes from the build command, not the file.
                    if (image.Contains('$', StringComparison.Ordinal))
                        parameterised = true;
                    if (RuntimeImages.Of(image) is { } runtime)
                        context.RuntimeSource(runtime.Runtime, runtime.Version, new Evidence(path, ins.Line), "docker");
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

        var nonRoot = user is not null && user.Split(':')[0].Trim('"') is not ("root" or "0" or "");
        // An image that runs as a non-root user by default counts when the final stage uses it and no USER switches back.
        nonRoot |= user is null && RunsAsNonRootByDefault(finalImage);
        context.AddObject(
            FactKeys.Dockerfiles,
            new JsonObject
            {
                ["path"] = path,
                ["line"] = firstLine,
                ["baseImages"] = new JsonArray(images.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray()),
                ["nonRootUser"] = nonRoot,
                ["pinnedBase"] = images.Count > 0 && pinned,
                ["parameterisedBase"] = parameterised,
                ["healthcheck"] = healthcheck,
                ["multiStage"] = stageCount > 1,
            },
            new Evidence(path, firstLine));
    }

    /// <summary>Distroless :nonroot tags, Chainguard images (not their -dev variants), chiseled .NET images and Bitnami images run as an unprivileged user.</summary>
    internal static bool RunsAsNonRootByDefault(string image)
    {
        var lower = image.ToLowerInvariant();
        return lower.Contains(":nonroot", StringComparison.Ordinal) || lower.Contains("-nonroot", StringComparison.Ordinal)
            || lower.StartsWith("cgr.dev/chainguard/", StringComparison.Ordinal) && !lower.Contains("-dev", StringComparison.Ordinal)
            || lower.Contains("chiseled", StringComparison.Ordinal)
            || lower.StartsWith("bitnami/", StringComparison.Ordinal) || lower.Contains("/bitnami/", StringComparison.Ordinal);
    }

    /// <summary>A base image is pinned by digest or by a tag that names a version (not `latest`, not a bare name).</summary>
    internal static bool IsPinned(string image)
    {
        if (image.Contains('$', StringComparison.Ordinal))
            return false;
        if (image.Contains("@sha256:", StringComparison.Ordinal))
            return true;
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        if (colon <= slash)
            return false;
        var tag = image[(colon + 1)..];
        return tag.Length > 0 && tag != "latest" && !tag.Contains('$', StringComparison.Ordinal) && tag.Any(char.IsDigit);
    }

    /// <summary>`ARG A=1 B="2"` or `ARG A`: each name with its default, if any.</summary>
    private static IEnumerable<(string Name, string? Value)> SplitArgs(string arguments)
    {
        foreach (var word in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=');
            yield return eq < 0 ? (word.Trim(), null) : (word[..eq].Trim(), word[(eq + 1)..].Trim().Trim('"', '\''));
        }
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
