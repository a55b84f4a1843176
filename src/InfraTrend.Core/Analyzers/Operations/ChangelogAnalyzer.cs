using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.changelog",
    Category = Category.Operations,
    Level = 1,
    Weight = 0.5,
    WeightReason = "A changelog helps whoever upgrades or debugs a release; release notes elsewhere can do the same, so it weighs half a point.",
    Severity = Severity.Low,
    Title = "Changelog",
    LooksFor = "A CHANGELOG file, such as CHANGELOG.md.",
    WhyItMatters = "Without a changelog, finding which release changed a behaviour means reading commit logs.",
    Remediation = RemediationText)]
public sealed class ChangelogAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add CHANGELOG.md (keepachangelog.com format), or generate it from conventional commits with release-please or changesets.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.Bool(FactKeys.Changelog)
            ? [context.Pass("A changelog records what changed in each release.", context.EvidenceOf(FactKeys.Changelog))]
            : [context.Fail("The repository has no CHANGELOG.", RemediationText)];
}
