using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.dockerfile-multi-stage",
    Category = Category.Deployment,
    Level = 4,
    Weight = 0.5,
    WeightReason = "A multi-stage build keeps compilers and dev dependencies out of the shipped image; it trims size and attack surface, a refinement worth half a point.",
    Severity = Severity.Low,
    Title = "Multi-stage Docker build",
    LooksFor = "More than one FROM stage in each Dockerfile, the last one copying only the build output.",
    WhyItMatters = "A single-stage image ships the compiler, the dev dependencies and the source with it: larger, slower to pull and with more to exploit.",
    Remediation = "Build in a first stage and copy only the output into a slim runtime stage.")]
public sealed class DockerfileMultiStageAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        DockerfileFact.Judge(context, dockerfile => dockerfile.MultiStage
            ? context.Pass($"{dockerfile.Path} is a multi-stage build.", [dockerfile.Evidence])
            : context.Fail($"{dockerfile.Path} builds and runs in a single stage: build tools ship in the image.", Fix(context), [dockerfile.Evidence]));

    private static string Fix(AnalyzerContext context) =>
        (BaseImages.Build(context), BaseImages.Runtime(context)) is (string build, string runtime)
            ? $"Build in a first stage (FROM {build} AS build) and copy only the output into the runtime stage (FROM {runtime}, then COPY --from=build ...)."
            : "Build in a first stage (FROM <build image> AS build) and copy only the output into a slim runtime stage (COPY --from=build ...).";
}
