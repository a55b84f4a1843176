using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Deployment;

/// <summary>nixpacks.toml / nixpacks.json: the build plan (runtime variables and nix packages) and its start command.</summary>
[FactSource]
public sealed partial class NixpacksFacts : IFactSource
{
    [GeneratedRegex(@"\b(nodejs|python|go|ruby|jdk|dotnet-sdk|php)[_-]?(\d+(?:[_.]\d+)*)")]
    private static partial Regex NixPackage();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => f.Name is "nixpacks.toml" or "nixpacks.json"))
        {
            context.Add(FactKeys.Platforms, "nixpacks", new Evidence(file.Path, 1));
            if (context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            var entries = file.Name.EndsWith(".json", StringComparison.Ordinal) ? JsonEntries(text) : TomlEntries(context, file.Path, text);
            foreach (var entry in entries)
            {
                var evidence = new Evidence(file.Path, entry.Line);
                if (entry.Section == "variables")
                    RenderFacts.RuntimeVariable(context, entry.Key, entry.Value, evidence);
                else if (entry.Key is "nixPkgs" or "nixpkgs")
                {
                    foreach (Match m in NixPackage().Matches(entry.Value))
                    {
                        var runtime = m.Groups[1].Value switch { "nodejs" => "node", "jdk" => "java", "dotnet-sdk" => "dotnet", var r => r };
                        context.RuntimeSource(runtime, m.Groups[2].Value.Replace('_', '.'), evidence, "deployment");
                    }
                }
                else if (entry.Key == "cmd" && entry.Section.StartsWith("start", StringComparison.Ordinal))
                    StartCommands.Record(context, entry.Value, "start", evidence);
                else if (entry.Key is "cmd" or "cmds" && entry.Section.StartsWith("phases.build", StringComparison.Ordinal))
                    StartCommands.Record(context, entry.Value, "build", evidence);
            }
        }
    }

    /// <summary>One setting of the build plan: a list (nixPkgs, cmds) gives one per string, each with its own line.</summary>
    private sealed record Setting(string Section, string Key, string Value, int Line);

    private static IEnumerable<Setting> TomlEntries(FactContext context, string path, string text) =>
        TomlDocument.Read(path, text, context.Warn).Entries.SelectMany(e => e.Value.IsArray
            ? e.Value.Strings.Select(s => new Setting(e.Table, e.Key, s.Text, s.Line))
            : [new Setting(e.Table, e.Key, e.Value.Text ?? "", e.Line)]);

    /// <summary>The JSON form, flattened to the same settings as the TOML one.</summary>
    private static IEnumerable<Setting> JsonEntries(string text)
    {
        var lines = text.Split('\n');
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Regex.Match(lines[i], "\"([^\"]+)\"\\s*:\\s*(\\{|\\[|\"((?:[^\"\\\\]|\\\\.)*)\")");
            if (!m.Success)
                continue;
            if (m.Groups[2].Value == "{")
                section = m.Groups[1].Value == "phases" ? "phases" : section.StartsWith("phases", StringComparison.Ordinal) ? "phases." + m.Groups[1].Value : m.Groups[1].Value;
            else
                yield return new Setting(section, m.Groups[1].Value, m.Groups[3].Value, i + 1);
        }
    }
}
