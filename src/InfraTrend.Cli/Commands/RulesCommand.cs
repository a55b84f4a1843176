using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTrend.Analyzers;
using InfraTrend.Model;
using InfraTrend.Reports;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend rules`: the analyzer catalogue with its metadata.</summary>
public static class RulesCommand
{
    public static readonly Command Definition = Syntax.Command(
        "rules",
        "List every audit rule: id, category, level, weight, severity and what it looks for.",
        [],
        [Syntax.Choice("--format", "FORMAT", "table (default), md (the docs/rules.md catalogue) or json.", "table", "md", "json")],
        Run);

    public static int Run(Arguments args, Terminal terminal)
    {
        var format = args.Value("--format") ?? "table";
        terminal.Output.Write(format switch
        {
            "md" => RulesCatalogue.Markdown(),
            "json" => Json(),
            _ => Table(),
        });
        return ExitCodes.Success;
    }

    private static string Table()
    {
        var rows = AnalyzerRegistry.All
            .OrderBy(a => a.Category)
            .ThenBy(a => a.Level)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => $"{a.Id,-38} {a.Category.Id(),-11} L{a.Level}  w{a.Weight.ToString("0.##", CultureInfo.InvariantCulture),-4} {a.Severity.ToString().ToLowerInvariant(),-9} {a.Title}");
        return $"{"id",-38} {"category",-11} lvl weight severity  title{Environment.NewLine}{string.Join(Environment.NewLine, rows)}{Environment.NewLine}{AnalyzerRegistry.All.Count} rules{Environment.NewLine}";
    }

    private static string Json()
    {
        var array = new JsonArray(AnalyzerRegistry.All.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["category"] = a.Category.Id(),
            ["level"] = a.Level,
            ["weight"] = a.Weight,
            ["weightReason"] = a.WeightReason,
            ["severity"] = a.Severity.ToString().ToLowerInvariant(),
            ["scope"] = a.Scope.ToString().ToLowerInvariant(),
            ["title"] = a.Title,
            ["looksFor"] = a.LooksFor,
            ["whyItMatters"] = a.WhyItMatters,
            ["remediation"] = a.Remediation,
        }).ToArray());
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }
}
