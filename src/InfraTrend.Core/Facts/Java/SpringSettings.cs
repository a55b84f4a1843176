using System.Text.RegularExpressions;
using InfraTrend.Scanning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Java;

/// <summary>One Spring Boot property as written: its key in relaxed form (lower case, no `-` or `_`), its value, where.</summary>
public sealed record SpringSetting(string Key, string Value, Evidence Evidence);

/// <summary>
/// The Spring Boot properties a module ships: application*.properties and application*.yml under src/main/resources
/// (and its config/ folder), every YAML document flattened to dotted keys. Profile files count for the profiles a
/// deployment runs (prod, cloud, kubernetes...), not for local (dev, test) or opt-in ones (tls, api-docs); YAML
/// documents for a local profile are left out.
/// </summary>
public static partial class SpringSettings
{
    [GeneratedRegex(@"^(application|bootstrap)(-[\w.-]+)?\.(properties|ya?ml)$")]
    private static partial Regex SettingsFile();

    [GeneratedRegex(@"(^|[-_.])(dev|local|test|tests|it|h2|e2e)([-_.]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex LocalProfile();

    [GeneratedRegex(@"^-(prod|production|live|release|cloud|kubernetes|k8s|docker|heroku|aws|azure|gcp|openshift|default)$", RegexOptions.IgnoreCase)]
    private static partial Regex DeployedProfile();

    /// <summary>Every setting of every module, by file, read once per audit.</summary>
    public static IReadOnlyList<SpringSetting> Of(FactContext context) => context.Cached("spring-settings", () => Load(context));

    /// <summary>Settings whose relaxed key starts with <paramref name="prefix"/> (given in any form: `management.endpoint.health`).</summary>
    public static IEnumerable<SpringSetting> Under(IReadOnlyList<SpringSetting> settings, string prefix)
    {
        var key = Relaxed(prefix);
        return settings.Where(s => Prefixes.IsAtOrUnder(s.Key, key, '.') || s.Key.StartsWith(key + "[", StringComparison.Ordinal));
    }

    public static SpringSetting? Get(IReadOnlyList<SpringSetting> settings, string key)
    {
        var relaxed = Relaxed(key);
        return settings.FirstOrDefault(s => s.Key == relaxed);
    }

    /// <summary>`management.endpoints.web.exposure-include` -> `management.endpoints.web.exposureinclude`: the form Spring's relaxed binding compares.</summary>
    public static string Relaxed(string key) => key.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

    public static bool IsSettingsFile(SnapshotFile file) =>
        SettingsFile().Match(file.Name) is { Success: true } m
        && (m.Groups[2].Value.Length == 0 || DeployedProfile().IsMatch(m.Groups[2].Value))
        && (file.Path.Contains("src/main/resources/", StringComparison.Ordinal) || file.Directory == "config" || file.Directory.EndsWith("/config", StringComparison.Ordinal))
        && !file.Path.Contains("/src/test/", StringComparison.Ordinal) && !file.Path.StartsWith("src/test/", StringComparison.Ordinal);

    private static List<SpringSetting> Load(FactContext context)
    {
        var settings = new List<SpringSetting>();
        foreach (var file in context.Snapshot.Files.Where(f => IsSettingsFile(f) && !Node.NodeManifests.IsVendored(f.Path) && !PartDetector.IsTestOrExample(f.Directory)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            if (file.Name.EndsWith(".properties", StringComparison.Ordinal))
                Properties(file.Path, text, settings);
            else
                Yaml(context, file.Path, text, settings);
        }
        return settings;
    }

    private static void Properties(string path, string text, List<SpringSetting> into)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var start = i;
            if (line.Length == 0 || line[0] is '#' or '!')
                continue;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
                line = line[..^1] + lines[++i].Trim();
            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
                continue;
            into.Add(new SpringSetting(Relaxed(line[..separator].Trim()), line[(separator + 1)..].Trim(), new Evidence(path, start + 1)));
        }
    }

    private static void Yaml(FactContext context, string path, string text, List<SpringSetting> into)
    {
        if (YamlDocuments.TooDeep(text))
        {
            context.Warn(path, $"YAML nests flow collections more than {YamlDocuments.MaxFlowDepth} deep; not read");
            return;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or FormatException)
        {
            context.Warn(path, $"YAML does not parse: {e.Message.Split('\n')[0].Trim()}");
            return;
        }
        foreach (var document in stream.Documents)
        {
            var flat = new List<SpringSetting>();
            Flatten(path, document.RootNode, "", flat);
            var profile = flat.FirstOrDefault(s => s.Key is "spring.config.activate.onprofile" or "spring.profiles");
            if (profile is not null && LocalProfile().IsMatch(profile.Value) && !profile.Value.TrimStart().StartsWith('!'))
                continue;
            into.AddRange(flat);
        }
    }

    private static void Flatten(string path, YamlNode node, string prefix, List<SpringSetting> into)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } name })
                        Flatten(path, value, prefix.Length == 0 ? Relaxed(name) : prefix + "." + Relaxed(name), into);
                }
                break;
            case YamlSequenceNode sequence:
                var index = 0;
                foreach (var item in sequence.Children)
                    Flatten(path, item, $"{prefix}[{index++}]", into);
                break;
            case YamlScalarNode scalar:
                into.Add(new SpringSetting(prefix, scalar.Value ?? "", new Evidence(path, (int)scalar.Start.Line)));
                break;
        }
    }
}
