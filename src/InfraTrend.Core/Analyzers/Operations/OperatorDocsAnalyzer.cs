using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.operator-docs",
    Category = Category.Operations,
    Level = 4,
    Weight = 1,
    WeightReason = "An operator manual in the repository (how to install, configure, upgrade, back up and troubleshoot the running system) is what auditors credit as operations documentation beyond the README; its breadth counts, so it weighs one point, scored by how many topics it covers.",
    Severity = Severity.Medium,
    Title = "Operator documentation",
    LooksFor = "Documentation pages in the repository (a docs folder at any depth, or top-level documents such as INSTALL or UPGRADING) on the operator topics: installing or deploying, upgrading, backup and restore, administration or maintenance, configuration, troubleshooting. Three topics or more pass; two count for half, one for a quarter.",
    WhyItMatters = "A README gets a project running once; whoever operates it afterwards needs to know how to configure, upgrade, back up and repair it, and without written pages that knowledge stays with the authors.",
    Remediation = RemediationText)]
public sealed class OperatorDocsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add operator pages under docs/: installation, configuration (every setting and environment variable), upgrading (steps per release, migrations), backup and restore, and troubleshooting.";

    private static readonly string[] Topics = ["install", "configuration", "upgrade", "backup", "admin", "troubleshooting"];

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var covered = context.Repository.List(FactKeys.OperatorDocTopics);
        var missing = Topics.Where(t => !covered.Contains(t)).ToList();
        var fix = $"Add operator pages under docs/ on what is not covered: {string.Join(", ", missing.Select(Name))}.";
        return covered.Count switch
        {
            0 => [context.Fail("No operator documentation in the repository: no pages on installing, configuring, upgrading, backing up or troubleshooting the system.", RemediationText)],
            >= 3 => [context.Pass($"Operator documentation covers {string.Join(", ", covered.Select(Name))}.", context.EvidenceOf(FactKeys.OperatorDocTopics))],
            2 => [context.Partial(0.5, $"Operator documentation covers only {string.Join(" and ", covered.Select(Name))}.", fix, context.EvidenceOf(FactKeys.OperatorDocTopics))],
            _ => [context.Partial(0.25, $"Operator documentation covers only {Name(covered[0])}.", fix, context.EvidenceOf(FactKeys.OperatorDocTopics))],
        };
    }

    private static string Name(string topic) => topic switch
    {
        "install" => "installation",
        "upgrade" => "upgrading",
        "backup" => "backup and restore",
        "admin" => "administration",
        _ => topic,
    };
}
