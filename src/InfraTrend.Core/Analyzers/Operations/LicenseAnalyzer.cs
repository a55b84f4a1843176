using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.license",
    Category = Category.Operations,
    Level = 1,
    Weight = 1,
    WeightReason = "A licence states who may use the code; it settles a legal question, not an operational one, so it weighs one point.",
    Severity = Severity.Low,
    Title = "License",
    LooksFor = "A LICENSE (or LICENCE, COPYING, MIT-LICENSE, UNLICENSE) file.",
    WhyItMatters = "Without a licence nobody outside the authors may legally use, copy or change the code, and a private project's terms stay implicit.",
    Remediation = RemediationText)]
public sealed class LicenseAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a LICENSE file (e.g. MIT or Apache-2.0), or say in the README that the code is proprietary and who may use it.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.License)
            ? [context.Pass("The repository has a licence.", context.EvidenceOf(FactKeys.License))]
            : [context.Fail("The repository has no LICENSE file.", RemediationText)];
}
