using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.slos",
    Category = Category.Operations,
    Level = 5,
    Weight = 0.75,
    WeightReason = "An SLO turns monitoring into decisions about reliability versus features; it needs the level-4 signals first, so it weighs three quarters of a point.",
    Severity = Severity.Medium,
    Title = "Service level objectives",
    LooksFor = "Documented service level objectives: availability or latency targets and the error budget.",
    WhyItMatters = "Without an objective there is no agreed line between good enough and an incident, so alerting and priorities are argued each time.",
    Remediation = RemediationText)]
public sealed class SlosAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add docs/slos.md: availability and latency objectives per user-facing endpoint (e.g. 99.9% of requests succeed, 95% under 300 ms over 30 days) and what happens when the error budget is spent.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.Slos)
            ? [context.Pass("Service level objectives are documented.", context.EvidenceOf(FactKeys.Slos))]
            : [context.Fail("No service level objectives are documented.", RemediationText)];
}
