using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.dependency-updates",
    Category = Category.Security,
    Level = 4,
    Weight = 2,
    WeightReason = "Most vulnerabilities a service ships come from its dependencies, and a bot that proposes the fixed versions is how they get patched in days rather than at the next upgrade; auditors count it among the security controls, so it weighs as much as a scanner.",
    Severity = Severity.Medium,
    Title = "Vulnerable dependencies patched by a bot",
    LooksFor = "A Dependabot (.github/dependabot.yml) or Renovate (renovate.json, .renovaterc, a renovate key in package.json) configuration: the bot opens pull requests for dependencies with known vulnerabilities.",
    WhyItMatters = "Without a bot, a vulnerable dependency stays in production until someone happens to upgrade it.",
    Remediation = RemediationText)]
public sealed class DependencyUpdatesSecurityAnalyzer : IAnalyzer
{
    private const string RemediationText = "Configure Dependabot (.github/dependabot.yml, with security updates enabled) or Renovate (vulnerabilityAlerts) so that dependencies with known vulnerabilities get pull requests.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Text(FactKeys.DependencyBot) is { } bot)
            return [context.Pass($"{bot} proposes updates for vulnerable dependencies.", context.EvidenceOf(FactKeys.DependencyBot))];
        return [context.Fail("No dependency-update bot: a dependency with a known vulnerability stays until someone updates it by hand.", Ci.DependencyUpdatesAnalyzer.Fix(context))];
    }
}
