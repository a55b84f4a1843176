using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.improvement-targets",
    Category = Category.Operations,
    Level = 5,
    Weight = 0.25,
    WeightReason = "Declared targets make improvement a tracked commitment; they change no infrastructure by themselves and only this tool's configuration declares them, so they weigh a quarter of a point.",
    Severity = Severity.Low,
    Title = "Improvement targets",
    LooksFor = "Improvement targets (scores or a maturity level to reach) declared in .infratrend.yml.",
    WhyItMatters = "Without a target, audits describe the state of the infrastructure but nobody commits to moving it.",
    Remediation = RemediationText)]
public sealed class ImprovementTargetsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Run infratrend init: it writes .infratrend.yml with targets (a score or maturity level to reach, per category), then commit it.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.TargetsDeclared)
            ? [context.Pass("Improvement targets are declared in .infratrend.yml.", context.EvidenceOf(FactKeys.TargetsDeclared))]
            : [context.Fail("No improvement targets are declared in .infratrend.yml.", RemediationText)];
}
