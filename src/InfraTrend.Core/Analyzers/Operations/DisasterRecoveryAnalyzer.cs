using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.disaster-recovery",
    Category = Category.Operations,
    Level = 5,
    Weight = 0.75,
    WeightReason = "A written recovery plan makes backups usable under pressure; the backups themselves are weighed in database, so the document weighs three quarters of a point, as every level-5 document does.",
    Severity = Severity.Medium,
    Title = "Disaster recovery plan",
    LooksFor = "A disaster recovery or backup and restore document.",
    WhyItMatters = "A backup nobody has restored is a hope: without a written, tested restore procedure, recovery takes days instead of hours.",
    Remediation = RemediationText)]
public sealed class DisasterRecoveryAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add docs/disaster-recovery.md: what is backed up and how often, the recovery point and time objectives, the step-by-step restore, and when it was last tested.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.DisasterRecovery)
            ? [context.Pass("A disaster recovery document describes backups and restores.", context.EvidenceOf(FactKeys.DisasterRecovery))]
            : [context.Fail("No disaster recovery document: how to restore data and service after a loss is not written down.", RemediationText)];
}
