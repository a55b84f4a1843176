using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace InfraTrend.Tests.Reports;

/// <summary>
/// The OASIS SARIF 2.1.0 JSON schema (errata 01, from oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json),
/// kept verbatim in Resources/. It is a draft-04 schema, which JsonSchema.Net does not implement; every keyword it uses
/// (type, properties, items, required, enum, minimum, pattern, format, anyOf, uniqueItems, minItems, additionalProperties,
/// $ref into definitions) means the same in draft 7, so it is evaluated as draft 7.
/// </summary>
internal static class SarifSchema
{
    public static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "Resources", "sarif-schema-2.1.0.json");

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var document = JsonNode.Parse(File.ReadAllText(FilePath))!.AsObject();
        document["$schema"] = "http://json-schema.org/draft-07/schema#";
        // Its "id" only names the document (every $ref is local, "#/definitions/..."), so it can go.
        document.Remove("id");
        return JsonSchema.FromText(document.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>Keywords whose meaning changed after draft 04; the schema must use none of them for the draft-7 reading to hold.</summary>
    public static readonly string[] Draft04OnlyKeywords = ["exclusiveMinimum", "exclusiveMaximum", "divisibleBy", "extends", "disallow"];

    /// <summary>Every violation as "instance location: keyword: message"; empty when the SARIF is valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
            return [];
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid, with no detail")
            .ToList();
    }
}
