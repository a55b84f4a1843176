using InfraTrend.Analyzers.Ci;
using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.readme",
    Category = Category.Operations,
    Level = 1,
    Weight = 2,
    WeightReason = "The README is the entry point for everyone who has to run, change or rescue the project; it is the heaviest of the basic documents.",
    Severity = Severity.High,
    Title = "README",
    LooksFor = "A README at the root of the repository that says how to install and how to run the project (headings such as Getting started, Installation, Usage, Development, or the install and start commands themselves, or a link to install docs); one that covers only one of the two counts for three quarters, neither for half.",
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
            var evidence = context.EvidenceOf(FactKeys.Readme, FactKeys.ReadmeSections);
            var missing = new[] { "install", "run" }.Where(s => !sections.Contains(s)).ToList();
            if (missing.Count == 0)
                return [context.Pass($"The repository has a README{covers}.", evidence)];
            var score = missing.Count == 1 ? 0.75 : 0.5;
            var commands = new[] { PipelineCommands.Install(context.Stack), PipelineCommands.Test(context.Stack) }.Where(c => c is not null).ToList();
            var add = $"Add {string.Join(" and ", missing.Select(m => m == "install" ? "a Getting started section (prerequisites and install steps" + (commands.Count > 0 ? $": {string.Join(", ", commands)}" : "") + ")" : "a Usage or Development section (how to run it locally)"))} to the README.";
            return [context.Partial(score, $"The README does not say how to {string.Join(" or ", missing)} the project{covers}.", add, evidence)];
        }

        var steps = new[] { PipelineCommands.Install(context.Stack), PipelineCommands.Test(context.Stack) }.Where(s => s is not null).ToList();
        var fix = steps.Count == 0 ? RemediationText : $"Add a README.md: what the project does, how to install and test it ({string.Join(", ", steps)}), how to run and deploy it.";
        return [context.Fail("The repository has no README.", fix)];
    }
}
