using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.pipeline",
    Category = Category.Ci,
    Level = 2,
    Weight = 3,
    WeightReason = "A pipeline is what every other CI check runs in; without one no build, test or scan happens on its own.",
    Severity = Severity.High,
    Essential = true,
    Title = "CI pipeline",
    LooksFor = "A pipeline definition: GitHub Actions workflows, .gitlab-ci.yml, CircleCI, Azure Pipelines, Jenkinsfile, Travis, Bitbucket, Buildkite, Drone, Woodpecker, AppVeyor (appveyor.yml at the root) or Zalando's Continuous Delivery Platform (delivery.yaml at the root).",
    WhyItMatters = "Without CI, nothing checks a change before it is merged or deployed: it works on one machine until it does not.",
    Remediation = RemediationText)]
public sealed class PipelineAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a CI pipeline (e.g. .github/workflows/ci.yml) that installs, builds and tests on every push and pull request.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var systems = context.Repository.List(FactKeys.CiSystems);
        if (systems.Count > 0)
        {
            var files = context.Repository.Number(FactKeys.WorkflowFiles);
            var count = files > 0 ? $" ({files} pipeline file{(files == 1 ? "" : "s")})" : "";
            return [context.Pass($"CI is configured: {string.Join(", ", systems)}{count}.", context.EvidenceOf(FactKeys.CiSystems))];
        }

        var stack = context.Stack;
        var steps = PipelineCommands.Steps(PipelineCommands.Install(stack), PipelineCommands.Build(stack), PipelineCommands.Test(stack));
        var fix = steps.Length == 0
            ? RemediationText
            : $"Add .github/workflows/ci.yml that runs on push and pull_request: actions/checkout, {PipelineCommands.SetupActions(stack)}, then {steps}.";
        return [context.Fail("No CI pipeline found: nothing builds or tests a change before it is merged.", fix)];
    }
}
