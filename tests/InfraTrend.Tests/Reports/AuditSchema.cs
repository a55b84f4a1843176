using System.Text.Json;
using Json.Schema;

namespace InfraTrend.Tests.Reports;

/// <summary>docs/audit.schema.json, linked into the test output by the csproj, so the output is checked against the published file itself.</summary>
internal static class AuditSchema
{
    public static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "audit.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(FilePath), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>Every violation as "instance location: message"; empty when the JSON is valid.</summary>
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
