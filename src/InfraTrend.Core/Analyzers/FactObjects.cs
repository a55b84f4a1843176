using System.Text.Json.Nodes;

namespace InfraTrend.Analyzers;

/// <summary>Reads the fields of an Objects fact's items, whether they were written by a fact source or read back from storage.</summary>
internal static class FactObjects
{
    public static string? Text(this JsonObject item, string field) =>
        item[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool Flag(this JsonObject item, string field) =>
        item[field] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public static int Whole(this JsonObject item, string field) =>
        item[field] is not JsonValue value ? 0
        : value.TryGetValue<int>(out var small) ? small
        : value.TryGetValue<long>(out var large) ? (int)large
        : 0;
}
