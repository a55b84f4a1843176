using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfraTrend.Calibration;

/// <summary>One repository of the corpus: where it comes from and which half it belongs to.</summary>
// Aside marks a split kept aside for an independent check: `--split all` leaves it out, so only naming it looks at it.
public sealed record CorpusEntry(string Repo, string Stack, string Split, bool Aside = false);

/// <summary>An auditor's verdict on one repository at one commit, written by hand before the tool ran on it.</summary>
public sealed record Verdict
{
    [JsonPropertyName("repo")] public required string Repo { get; init; }
    [JsonPropertyName("commit")] public required string Commit { get; init; }
    [JsonPropertyName("level")] public int Level { get; init; }
    [JsonPropertyName("level_range")] public required int[] LevelRange { get; init; }
    [JsonPropertyName("overall")] public int Overall { get; init; }
    [JsonPropertyName("categories")] public required Dictionary<string, int?> Categories { get; init; }
    [JsonPropertyName("auditor")] public string? Auditor { get; init; }

    public bool Accepts(int level) => level >= LevelRange.Min() && level <= LevelRange.Max();

    public static Verdict Read(string path) =>
        JsonSerializer.Deserialize<Verdict>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty verdict");

    /// <summary>owner/name -> owner+name, the file and folder name of a repository in the corpus.</summary>
    public static string FileName(string repo) => repo.Replace('/', '+');

    /// <summary>Where a repository's verdict lives: `verdicts/` (the first auditor) or `verdicts-second/`.</summary>
    public static string PathOf(string home, string folder, string repo) => Path.Combine(home, folder, FileName(repo) + ".json");

    /// <summary>This verdict as one side of a comparison with another auditor's.</summary>
    public Reading AsReading() => new(Level, Overall, Categories);
}

/// <summary>What one side (the tool, or a second auditor) says of a repository, in the verdict's terms.</summary>
public sealed record Reading(int Level, int? Overall, IReadOnlyDictionary<string, int?> Categories);
