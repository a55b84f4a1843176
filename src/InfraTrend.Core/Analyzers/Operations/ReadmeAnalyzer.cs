using InfraTrend.Analyzers.Ci;
using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.readme",
    Category = Category.Operations,
    Level = 1,
    Weight = 2,
    WeightReason = "The README is the entry point for everyone who has to run, change or rescue the project; it is the heaviest of the basic documents.",
    Severity = Severity.High,
    Title = "README",
    LooksFor = "A README at the root of the repository.",
    WhyItMatters = "Without a README nobody new can tell what the project is or how to run it without asking its authors.",
    Remediation = RemediationText)]
public sealed class ReadmeAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a README.md: what the project does, and how to install, run, test and deploy it.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Bool(FactKeys.Readme))
        {
            var sections = context.Repository.List(FactKeys.ReadmeSections);
            var covers = sections.Count > 0 ? $", covering {string.Join(", ", sections)}" : "";
            return [context.Pass($"The repository has a README{covers}.", context.EvidenceOf(FactKeys.Readme))];
        }

        var steps = new[] { PipelineCommands.Install(context.Stack), PipelineCommands.Test(context.Stack) }.Where(s => s is not null).ToList();
        var fix = steps.Count == 0 ? RemediationText : $"Add a README.md: what the project does, how to install and test it ({string.Join(", ", steps)}), how to run and deploy it.";
        return [context.Fail("The repository has no README.", fix)];
    }
}
