using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.incident-response",
    Category = Category.Operations,
    Level = 5,
    Weight = 0.75,
    WeightReason = "An agreed incident procedure decides how long an outage lasts and whether it recurs, but it is a team's process more than the repository's, and few repositories keep one: three quarters of a point, as much as runbooks.",
    Severity = Severity.High,
    Title = "Incident response",
    LooksFor = "An incident response document: who responds, how an incident is declared, communicated and reviewed.",
    WhyItMatters = "Without an agreed procedure an outage is handled ad hoc: people duplicate work, customers hear nothing and the same failure comes back.",
    Remediation = RemediationText)]
public sealed class IncidentResponseAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add docs/incident-response.md: who is on call, how to declare an incident and its severity, where to communicate, and a postmortem template.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.IncidentResponse)
            ? [context.Pass("An incident response document describes how incidents are handled.", context.EvidenceOf(FactKeys.IncidentResponse))]
            : [context.Fail("No incident response document: how an outage is declared, handled and reviewed is not written down.", RemediationText)];
}
