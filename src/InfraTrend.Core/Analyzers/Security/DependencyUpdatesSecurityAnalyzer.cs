using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.dependency-updates",
    Category = Category.Security,
    Level = 4,
    Weight = 2,
    WeightReason = "Most vulnerabilities a service ships come from its dependencies, and a bot that proposes the fixed versions is how they get patched in days rather than at the next upgrade; auditors count it among the security controls, so it weighs as much as a scanner.",
    Severity = Severity.Medium,
    Title = "Vulnerable dependencies patched by a bot",
    LooksFor = "A Dependabot (.github/dependabot.yml) or Renovate (renovate.json, .renovaterc, a renovate key in package.json) configuration: the bot opens pull requests for dependencies with known vulnerabilities. Dependabot set to update only the GitHub Actions or the dev container earns half.",
    WhyItMatters = "Without a bot, a vulnerable dependency stays in production until someone happens to upgrade it.",
    Remediation = RemediationText)]
public sealed class DependencyUpdatesSecurityAnalyzer : IAnalyzer
{
    private static readonly HashSet<string> ToolingOnly = new(StringComparer.Ordinal) { "github-actions", "devcontainers" };

    private const string RemediationText = "Configure Dependabot (.github/dependabot.yml, with security updates enabled) or Renovate (vulnerabilityAlerts) so that dependencies with known vulnerabilities get pull requests.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var ecosystems = context.Repository.List(FactKeys.DependencyBotEcosystems);
        // Dependabot set to update only the workflows' actions or the dev container leaves the application's own
        // dependencies, where its vulnerabilities are, to be updated by hand.
        if (ecosystems.Count > 0 && ecosystems.All(ToolingOnly.Contains))
            return [context.Partial(0.5, $"Dependabot only updates {string.Join(", ", ecosystems)}: the application's own dependencies are not covered.", "Add the application's package ecosystem to .github/dependabot.yml so that its vulnerable dependencies get pull requests.", context.EvidenceOf(FactKeys.DependencyBot))];
        if (context.Repository.Text(FactKeys.DependencyBot) is { } bot)
            return [context.Pass($"{bot} proposes updates for vulnerable dependencies.", context.EvidenceOf(FactKeys.DependencyBot))];
        return [context.Fail("No dependency-update bot: a dependency with a known vulnerability stays until someone updates it by hand.", RemediationText)];
    }
}
