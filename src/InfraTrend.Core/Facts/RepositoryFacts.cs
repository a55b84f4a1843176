using System.Text.Json.Nodes;

namespace InfraTrend.Facts;

/// <summary>One deployable part of a repository (a service, web app, worker): its path, kind and own facts.</summary>
public sealed class PartFacts(string path, string name, string kind)
{
    /// <summary>Repository-relative folder, "." for the root.</summary>
    public string Path { get; } = path;
    public string Name { get; } = name;
    /// <summary>service, web, worker or app.</summary>
    public string Kind { get; } = kind;
    private readonly FactTable _facts = new();

    /// <summary>This part's facts: while a fact source runs, its own copy of them (<see cref="FactRun"/>).</summary>
    public FactTable Facts
    {
        get => FactRun.Current is { } run ? run.CopyOf(_facts) : _facts;
        init => _facts = value;
    }

    /// <summary>True when <paramref name="filePath"/> lies inside this part's folder.</summary>
    public bool Contains(string filePath) =>
        Path == "." || Prefixes.IsUnder(filePath, Path, '/');
}

/// <summary>All facts of one repository state: the repository as a whole and each deployable part.</summary>
public sealed class RepositoryFacts
{
    /// <summary>Bumped whenever a fact's meaning changes, so stored runs say which model they were found with.</summary>
    public const int ModelVersion = 1;

    public required FactTable Repository { get; init; }
    public required IReadOnlyList<PartFacts> Parts { get; init; }

    public JsonObject ToStorageJson() =>
        new()
        {
            ["modelVersion"] = ModelVersion,
            ["repository"] = Repository.ToStorageJson(),
            ["parts"] = new JsonArray(
                Parts.Select(p => (JsonNode)new JsonObject
                {
                    ["path"] = p.Path,
                    ["name"] = p.Name,
                    ["kind"] = p.Kind,
                    ["facts"] = p.Facts.ToStorageJson(),
                }).ToArray()),
        };

    public static RepositoryFacts FromStorageJson(JsonObject json) =>
        new()
        {
            Repository = FactTable.FromStorageJson((JsonObject)json["repository"]!),
            Parts = ((JsonArray)json["parts"]!).OfType<JsonObject>()
                .Select(p => new PartFacts(p["path"]!.GetValue<string>(), p["name"]!.GetValue<string>(), p["kind"]!.GetValue<string>())
                {
                    Facts = FactTable.FromStorageJson((JsonObject)p["facts"]!),
                })
                .ToList(),
        };
}
