namespace InfraTrend.Facts.Ci;

/// <summary>Dependabot or Renovate, from their configuration files.</summary>
public sealed class DependencyBotFacts : IFactSource
{
    private static readonly string[] RenovateFiles =
    [
        "renovate.json", "renovate.json5", ".renovaterc", ".renovaterc.json", ".renovaterc.json5", ".github/renovate.json", ".github/renovate.json5", ".gitlab/renovate.json",
    ];

    public void Collect(FactContext context)
    {
        foreach (var path in new[] { ".github/dependabot.yml", ".github/dependabot.yaml" })
        {
            if (context.Snapshot.Exists(path))
            {
                context.SetText(FactKeys.DependencyBot, "dependabot", new Evidence(path, 0));
                return;
            }
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
