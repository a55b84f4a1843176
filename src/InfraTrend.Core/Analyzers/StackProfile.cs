using InfraTrend.Facts;

namespace InfraTrend.Analyzers;

/// <summary>The ecosystem and package manager a fix is written for: `pnpm add` for a pnpm repository, `dotnet add package` for .NET.</summary>
public sealed record StackProfile(string Ecosystem, string PackageManager)
{
    public static StackProfile From(FactTable facts, FactTable repository)
    {
        var languages = facts.List(FactKeys.Languages);
        if (languages.Count == 0)
            languages = repository.List(FactKeys.Languages);
        var managers = repository.Map(FactKeys.PackageManagers);

        // A server framework says what the part is written in better than its languages do (a Django app ships JavaScript too).
        var frameworks = facts.List(FactKeys.Frameworks);
        var byFramework = (frameworks.Count > 0 ? frameworks : repository.List(FactKeys.Frameworks))
            .Select(f => ServerFrameworks.GetValueOrDefault(f)).OfType<string>().Distinct().ToList();

        string ecosystem =
            byFramework.Count == 1 ? byFramework[0]
            : languages.Contains("typescript") || languages.Contains("javascript") ? "node"
            : languages.Contains("csharp") ? "dotnet"
            : languages.Contains("python") ? "python"
            : languages.Contains("go") ? "go"
            : languages.Contains("ruby") ? "ruby"
            : languages.Contains("java") || languages.Contains("kotlin") ? "java"
            : "unknown";

        string Pick(string fallback, params string[] candidates) => candidates.FirstOrDefault(managers.ContainsKey) ?? fallback;

        var manager = ecosystem switch
        {
            "node" => Pick("npm", "pnpm", "yarn", "bun", "npm"),
            "dotnet" => "nuget",
            "python" => Pick("pip", "uv", "poetry", "pipenv", "pip"),
            "go" => "go-modules",
            "ruby" => "bundler",
            "java" => Pick("maven", "gradle", "maven"),
            _ => "",
        };
        return new StackProfile(ecosystem, manager);
    }

    private static readonly Dictionary<string, string> ServerFrameworks = new(StringComparer.Ordinal)
    {
        ["django"] = "python", ["fastapi"] = "python", ["flask"] = "python", ["gin"] = "go", ["echo"] = "go", ["fiber"] = "go",
        ["rails"] = "ruby", ["sinatra"] = "ruby", ["aspnetcore"] = "dotnet", ["spring-boot"] = "java",
    };

    /// <summary>The command that adds a package with this stack's package manager, or null when the stack has none given.</summary>
    public string? AddPackage(
        string? node = null,
        string? dotnet = null,
        string? python = null,
        string? go = null,
        string? ruby = null,
        string? java = null)
    {
        return Ecosystem switch
        {
            "node" when node is not null => PackageManager switch
            {
                "pnpm" => $"pnpm add {node}",
                "yarn" => $"yarn add {node}",
                "bun" => $"bun add {node}",
                _ => $"npm install {node}",
            },
            "dotnet" when dotnet is not null => string.Join(" && ", dotnet.Split(' ').Select(p => $"dotnet add package {p}")),
            "python" when python is not null => PackageManager switch
            {
                "poetry" => $"poetry add {python}",
                "uv" => $"uv add {python}",
                "pipenv" => $"pipenv install {python}",
                _ => $"pip install {python} (and add it to requirements.txt)",
            },
            "go" when go is not null => $"go get {go}",
            "ruby" when ruby is not null => $"bundle add {ruby}",
            "java" when java is not null => PackageManager == "gradle"
                ? $"add implementation(\"{java}\") to build.gradle"
                : $"add {java} to pom.xml",
            _ => null,
        };
    }

    /// <summary>Runs a package script with this stack's package manager (`pnpm run x`, `npm run x`).</summary>
    public string RunScript(string script) =>
        PackageManager switch
        {
            "pnpm" => $"pnpm run {script}",
            "yarn" => $"yarn {script}",
            "bun" => $"bun run {script}",
            _ => $"npm run {script}",
        };
}
