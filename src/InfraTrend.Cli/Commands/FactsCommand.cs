using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTrend.Facts;
using InfraTrend.Reports;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend facts`: the fact keys every audit reports, for whoever scripts against the JSON output or the history.</summary>
public static class FactsCommand
{
    public static readonly Command Definition = Syntax.Command(
        "facts",
        "List every fact key an audit reports (the JSON output's facts): name, kind, scope and what it holds.",
        [],
        [Syntax.Choice("--format", "FORMAT", "table (default), md (the docs/facts.md catalogue) or json.", "table", "md", "json")],
        Run);

    public static int Run(Arguments args, Terminal terminal)
    {
        var format = args.Value("--format") ?? "table";
        terminal.Output.Write(format switch
        {
            "md" => FactsCatalogue.Markdown(),
            "json" => Json(),
            _ => Table(),
        });
        return ExitCodes.Success;
    }

    private static string Table()
    {
        var width = FactKeys.All.Max(k => k.Name.Length);
        var rows = FactKeys.All.Select(k => $"{k.Name.PadRight(width)} {FactsCatalogue.Kind(k.Kind),-8} {k.Scope.ToString().ToLowerInvariant(),-10} {k.Description}");
        return $"{"key".PadRight(width)} {"kind",-8} {"scope",-10} what it holds{Environment.NewLine}{string.Join(Environment.NewLine, rows)}{Environment.NewLine}{FactKeys.All.Count} facts{Environment.NewLine}";
    }

    private static string Json()
    {
        var array = new JsonArray(FactKeys.All.Select(k => (JsonNode)new JsonObject
        {
            ["key"] = k.Name,
            ["kind"] = FactsCatalogue.Kind(k.Kind),
            ["scope"] = k.Scope.ToString().ToLowerInvariant(),
            ["description"] = k.Description,
        }).ToArray());
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }
}
