using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.tests",
    Category = Category.Ci,
    Level = 3,
    Weight = 3,
    WeightReason = "Tests that run on every change are the main safety net of continuous delivery; a pipeline that skips them only proves the code compiles.",
    Severity = Severity.High,
    Essential = true,
    Title = "Pipeline runs the tests",
    LooksFor = "A pipeline step that runs tests: a test script, dotnet test, pytest, go test, rspec, mvn test. A test step in a repository without test files tests nothing and fails.",
    WhyItMatters = "Tests that only run when someone remembers stop catching regressions; CI is what makes them a gate.",
    Remediation = RemediationText)]
public sealed class TestsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Run the test suite in the pipeline on every push and pull request, and make a failure block the merge.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        // A test step in a repository without a single test file (a `test` script that only runs the linter) tests nothing.
        if (context.Repository.Bool(FactKeys.RunsTests) && context.Repository.Number(FactKeys.TestFiles) == 0)
            return [context.Fail("A pipeline step is named or scripted as the tests, but the repository has no test files: it tests nothing.", "Write tests for the code and run them in that step.", context.EvidenceOf(FactKeys.RunsTests))];
        if (context.Repository.Bool(FactKeys.RunsTests))
        {
            var evidence = context.EvidenceOf(FactKeys.RunsTests);
            return [context.Pass($"A pipeline runs the tests{RemoteWorkflowNote.Of(context, evidence)}.", evidence)];
        }

        var hasPipeline = context.HasPipeline;
        var test = PipelineCommands.Test(context.Stack);
        var fix = test is null ? RemediationText
            : hasPipeline ? $"Add a test step to the pipeline: {test}, and require it to pass before merging."
            : $"Add a pipeline that runs {PipelineCommands.Steps(PipelineCommands.Install(context.Stack), test)} on every push and pull request.";
        return [context.Fail(hasPipeline ? "The pipeline never runs the tests." : "No pipeline runs the tests.", fix, context.EvidenceOf(FactKeys.CiSystems))];
    }
}
