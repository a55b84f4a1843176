namespace InfraTrend.Facts.Ci;

/// <summary>Dependabot or Renovate, from their configuration files.</summary>
[FactSource]
public sealed class DependencyBotFacts : IFactSource
{
    private static readonly string[] RenovateFiles =
    [
        "renovate.json", "renovate.json5", ".renovaterc", ".renovaterc.json", ".renovaterc.json5", ".github/renovate.json", ".github/renovate.json5", ".gitlab/renovate.json",
    ];

    public void Collect(FactContext context)
    {
        // Spelled as it may be (postiz's .github/Dependabot.yml); a configuration whose every entry sets
        // open-pull-requests-limit: 0 (hoppscotch) has its version updates turned off.
        foreach (var file in context.Snapshot.Files.Where(f => f.Path.ToLowerInvariant() is ".github/dependabot.yml" or ".github/dependabot.yaml"))
        {
            var updates = YamlDocuments.Root(context, file.Path).Get("updates").Items().ToList();
            if (updates.Count > 0 && updates.All(u => u.Scalar("open-pull-requests-limit") == "0"))
                continue;
            context.SetText(FactKeys.DependencyBot, "dependabot", new Evidence(file.Path, 0));
            return;
        }
        foreach (var path in RenovateFiles)
        {
            if (context.Snapshot.Exists(path))
            {
                context.SetText(FactKeys.DependencyBot, "renovate", new Evidence(path, 0));
                return;
            }
        }
        if (context.Snapshot.ReadText("package.json") is { } manifest && manifest.Contains("\"renovate\"", StringComparison.Ordinal))
            context.SetText(FactKeys.DependencyBot, "renovate", new Evidence("package.json", TextLines.Find(manifest, "\"renovate\"")));
    }
}
