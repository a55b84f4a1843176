using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using InfraTrend.Facts;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>
/// A run's facts in the database: the storage JSON, Brotli-compressed (facts are repetitive JSON and shrink
/// several times), stored once per distinct content so audits of an unchanged state share one copy.
/// </summary>
public static class StoredFacts
{
    /// <summary>Stores <paramref name="facts"/> (the storage JSON of <see cref="RepositoryFacts"/>) unless an identical copy is there; returns its id.</summary>
    public static long Write(SqliteConnection c, SqliteTransaction tx, JsonObject facts)
    {
        var json = facts.ToJsonString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        if (c.ExecuteScalar<long?>("SELECT id FROM facts WHERE hash = @hash", new { hash }, tx) is { } id)
            return id;
        var modelVersion = facts["modelVersion"]?.GetValue<int>() ?? 0;
        return c.ExecuteScalar<long>(
            "INSERT INTO facts (hash, model_version, brotli_json) VALUES (@hash, @modelVersion, @data) RETURNING id",
            new { hash, modelVersion, data = Compress(json) },
            tx);
    }

    public static JsonObject Json(byte[] stored) => JsonNode.Parse(Decompress(stored))!.AsObject();

    public static RepositoryFacts Read(byte[] stored) => RepositoryFacts.FromStorageJson(Json(stored));

    private static byte[] Compress(string json)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal))
            brotli.Write(Encoding.UTF8.GetBytes(json));
        return output.ToArray();
    }

    private static string Decompress(byte[] stored)
    {
        using var brotli = new BrotliStream(new MemoryStream(stored), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
