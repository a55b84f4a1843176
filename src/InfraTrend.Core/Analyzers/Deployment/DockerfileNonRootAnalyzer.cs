using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.dockerfile-non-root",
    Category = Category.Deployment,
    Level = 4,
    Weight = 1,
    WeightReason = "Running as root turns an application bug into control of the container; the fix is one line, so it carries one point.",
    Severity = Severity.Medium,
    Title = "Container runs as a non-root user",
    LooksFor = "A USER instruction that switches to a non-root user in the final stage of each Dockerfile.",
    WhyItMatters = "A process that runs as root inside the container can do far more damage once compromised, and many clusters refuse such images.",
    Remediation = "Switch to an unprivileged user in the final stage of the Dockerfile with a USER instruction.")]
public sealed class DockerfileNonRootAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        DockerfileFact.Judge(context, dockerfile => dockerfile.NonRootUser
            ? context.Pass($"{dockerfile.Path} runs the application as a non-root user.", [dockerfile.Evidence])
            : context.Fail($"{dockerfile.Path} runs the application as root (no USER instruction switches away from it).", Fix(context), [dockerfile.Evidence]));

    private static string Fix(AnalyzerContext context) =>
        context.Stack.Ecosystem switch
        {
            "node" => "Add USER node before the CMD (the official node images ship that user), after copying files with COPY --chown=node:node.",
            "dotnet" => "Add USER $APP_UID before the ENTRYPOINT (the .NET 8+ images ship a non-root app user).",
            "python" => "Add RUN useradd --create-home --uid 10001 app and USER app before the CMD.",
            "go" => "Run from gcr.io/distroless/static-debian12:nonroot, or add USER 65532:65532 before the ENTRYPOINT.",
            "java" => "Add RUN useradd --uid 10001 app and USER app before the ENTRYPOINT.",
            _ => "Create an unprivileged user (RUN useradd --uid 10001 app) and add USER app before the CMD.",
        };
}
