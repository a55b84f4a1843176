using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.builds",
    Category = Category.Ci,
    Level = 2,
    Weight = 2,
    WeightReason = "A build in CI catches what does not compile or bundle before it ships; it is the least a pipeline should do.",
    Severity = Severity.High,
    Title = "Pipeline builds the code",
    LooksFor = "A pipeline step that builds: a build script, dotnet build, go build, mvn package, docker build. For an interpreted stack with nothing to compile (Ruby, Python, PHP, JavaScript without TypeScript), a pipeline that installs the dependencies and runs the tests builds it.",
    WhyItMatters = "If only a developer's machine or the platform builds the code, a broken build is found when it is deployed.",
    Remediation = RemediationText)]
public sealed class BuildsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a build step to the pipeline that runs on every push and pull request.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Bool(FactKeys.RunsBuild))
        {
            var evidence = context.EvidenceOf(FactKeys.RunsBuild);
            return [context.Pass($"A pipeline builds the code{RemoteWorkflowNote.Of(context, evidence)}.", evidence)];
        }

        // Ruby, Python or plain JavaScript has nothing to compile: installing the dependencies and loading every file for the tests is its build.
        if (Interpreted(context) && context.Repository.Bool(FactKeys.RunsTests))
            return [context.Pass($"Nothing to compile ({context.Stack.Ecosystem}): a pipeline installs the dependencies and runs the tests, which loads the code.", context.EvidenceOf(FactKeys.RunsTests))];

        var hasPipeline = context.HasPipeline;
        var build = PipelineCommands.Build(context.Stack);
        var fix = build is null ? RemediationText
            : hasPipeline ? $"Add a build step to the pipeline: {PipelineCommands.Steps(PipelineCommands.Install(context.Stack), build)}."
            : $"Add a pipeline that runs {PipelineCommands.Steps(PipelineCommands.Install(context.Stack), build)} on every push and pull request.";
        return [context.Fail(hasPipeline ? "The pipeline never builds the code." : "No pipeline builds the code.", fix, context.EvidenceOf(FactKeys.CiSystems))];
    }

    private static bool Interpreted(AnalyzerContext context) =>
        context.Stack.Ecosystem switch
        {
            "ruby" or "python" or "php" => true,
            "node" => !context.Repository.Has(FactKeys.Languages, "typescript"),
            _ => false,
        };
}
