using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.dependency-updates",
    Category = Category.Ci,
    Level = 4,
    Weight = 1,
    WeightReason = "A bot keeps dependencies current in small reviewable steps; it prevents slow decay rather than an immediate failure.",
    Severity = Severity.Medium,
    Title = "Automated dependency updates",
    LooksFor = "A Dependabot (.github/dependabot.yml) or Renovate (renovate.json) configuration.",
    WhyItMatters = "Dependencies updated by hand fall behind until an upgrade is a project of its own, and security fixes wait with them.",
    Remediation = "Configure Dependabot or Renovate to propose dependency updates every week.")]
public sealed class DependencyUpdatesAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Text(FactKeys.DependencyBot) is { } bot)
            return [context.Pass($"{bot} proposes dependency updates.", context.EvidenceOf(FactKeys.DependencyBot))];
        return [context.Fail("No dependency-update bot is configured: dependencies are only updated by hand.", Fix(context))];
    }

    /// <summary>The stack-aware bot configuration to add; the security rule for the same bot gives the same fix.</summary>
    internal static string Fix(AnalyzerContext context)
    {
        var onGitHub = context.Repository.Has(FactKeys.CiSystems, "github-actions") || !context.HasPipeline;
        if (!onGitHub)
            return "Add a renovate.json ({ \"extends\": [\"config:recommended\"] }) and install the Renovate app for the repository.";
        var ecosystem = context.Stack.Ecosystem switch
        {
            "node" => context.Stack.PackageManager == "bun" ? "bun" : "npm",
            "dotnet" => "nuget",
            "python" => context.Stack.PackageManager == "uv" ? "uv" : "pip",
            "go" => "gomod",
            "ruby" => "bundler",
            "java" => context.Stack.PackageManager == "gradle" ? "gradle" : "maven",
            _ => null,
        };
        var entries = ecosystem is null ? "" : $"package-ecosystem: {ecosystem} and ";
        return $"Add .github/dependabot.yml with version: 2 and updates for {entries}package-ecosystem: github-actions, each with directory: / and schedule: interval: weekly.";
    }
}
