using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.runbooks",
    Category = Category.Operations,
    Level = 5,
    Weight = 0.75,
    WeightReason = "Runbooks turn one person's knowledge into steps anyone on call can follow; they shorten every incident, but often live outside the repository (a wiki, an on-call tool), so they weigh three quarters of a point.",
    Severity = Severity.Medium,
    Title = "Runbooks",
    LooksFor = "A runbook: a document (by name or heading) with the steps for routine and emergency operations; a troubleshooting guide alone counts for half.",
    WhyItMatters = "Without runbooks an incident at night depends on whoever happens to remember how the system is restarted, rolled back or restored.",
    Remediation = RemediationText)]
public sealed class RunbooksAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add docs/runbooks/ with one page per routine or emergency task: restart, roll back a release, rotate a secret, restore a backup, and what to check first when an alert fires.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.Runbooks)
            ? [context.Pass("A runbook describes how to operate the system.", context.EvidenceOf(FactKeys.Runbooks))]
            : context.Repository.Bool(FactKeys.Troubleshooting)
                ? [context.Partial(0.5, "A troubleshooting guide covers known problems, but no runbook gives the steps for routine and emergency operations.", RemediationText, context.EvidenceOf(FactKeys.Troubleshooting))]
                : [context.Fail("No runbook found: how to restart, roll back or restore the system is not written down.", RemediationText)];
}
