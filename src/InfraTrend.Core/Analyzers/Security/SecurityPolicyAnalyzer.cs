using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.policy",
    Category = Category.Security,
    Level = 5,
    Weight = 1,
    WeightReason = "A security policy tells a finder where to report a vulnerability privately; it is a single file, so it carries a single point.",
    Severity = Severity.Low,
    Title = "Security policy",
    LooksFor = "SECURITY.md or .github/SECURITY.md.",
    WhyItMatters = "Without a stated way to report privately, a vulnerability is disclosed in a public issue or not at all.",
    Remediation = RemediationText)]
public sealed class SecurityPolicyAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add SECURITY.md saying how to report a vulnerability privately (an address or GitHub private vulnerability reporting) and which versions get fixes.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.SecurityPolicy)
            ? [context.Pass("A security policy says how to report vulnerabilities.", context.EvidenceOf(FactKeys.SecurityPolicy))]
            : [context.Fail("No security policy: there is no stated way to report a vulnerability privately.", RemediationText)];
}
