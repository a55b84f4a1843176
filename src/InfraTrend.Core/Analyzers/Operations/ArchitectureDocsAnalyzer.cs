using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.architecture-docs",
    Category = Category.Operations,
    Level = 5,
    Weight = 0.75,
    WeightReason = "An architecture overview speeds up onboarding and incident diagnosis; it describes rather than protects, so it weighs three quarters of a point, as every level-5 document does: few open repositories keep them, and auditors count their absence as a real but modest gap.",
    Severity = Severity.Low,
    Title = "Architecture documentation",
    LooksFor = "An architecture document (by name or heading), such as docs/architecture.md or architecture decision records.",
    WhyItMatters = "Without an architecture overview, every newcomer and every incident responder rebuilds the picture of the system from its code.",
    Remediation = RemediationText)]
public sealed class ArchitectureDocsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add docs/architecture.md with the components, how data flows between them and what they depend on (a C4 or Mermaid diagram helps), and record big decisions as ADRs.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.ArchitectureDocs)
            ? [context.Pass("An architecture document describes the system.", context.EvidenceOf(FactKeys.ArchitectureDocs))]
            : [context.Fail("No architecture document: how the parts of the system fit together is not written down.", RemediationText)];
}
