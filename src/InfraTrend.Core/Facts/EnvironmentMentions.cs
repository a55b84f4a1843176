using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>
/// Where an environment variable is set for the running application: env examples, deployment descriptors, compose
/// files, Kubernetes manifests (also as ERB templates), Kamal secrets, Dockerfiles. A DSN or API key is usually given
/// there rather than in code.
/// </summary>
public static class EnvironmentMentions
{
    private static readonly string[] Extensions = [".yml", ".yaml", ".yml.erb", ".yaml.erb", ".toml", ".json", ".tf", ".tfvars", ".env", ".properties", ".conf"];

    private static readonly HashSet<string> Lockfiles = new(StringComparer.Ordinal)
    {
        "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "composer.lock", "Gemfile.lock", "packages.lock.json",
    };

    /// <summary>The first place <paramref name="variable"/> is mentioned, or null.</summary>
    public static Evidence? Find(FactContext context, string variable)
    {
        foreach (var file in Candidates(context))
        {
            if (context.Snapshot.ReadText(file.Path) is { } text && TextLines.Find(text, variable) is > 0 and var line)
                return new Evidence(file.Path, line);
        }
        return null;
    }

    private static IReadOnlyList<SnapshotFile> Candidates(FactContext context) =>
        context.Cached("environment-mention-files", () => context.Snapshot.Files.Where(IsCandidate).ToList());

    private static bool IsCandidate(SnapshotFile file)
    {
        var name = file.Name;
        if (Node.NodeManifests.IsVendored(file.Path) || SourceFiles.IsTest(file.Path) || SourceFiles.IsNotApplication(file.Path) || Lockfiles.Contains(name))
            return false;
        return name.StartsWith(".env", StringComparison.Ordinal)
            || name is "Dockerfile" or "Procfile" or "app.json" || name.StartsWith("Dockerfile.", StringComparison.Ordinal)
            || file.Path.StartsWith(".kamal/", StringComparison.Ordinal)
            || Extensions.Any(e => name.EndsWith(e, StringComparison.Ordinal)) && !name.EndsWith(".schema.json", StringComparison.Ordinal);
    }
}
