using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.dockerfile-pinned-base",
    Category = Category.Deployment,
    Level = 3,
    Weight = 1,
    WeightReason = "A floating base image makes builds change on their own; pinning is one line per Dockerfile, so it carries one point.",
    Severity = Severity.Medium,
    Title = "Base image pinned",
    LooksFor = "FROM lines that name a version tag or a digest, not latest or no tag at all, with ARG defaults substituted (FROM node:${NODE_VERSION}); a FROM whose version is an ARG without a default counts for half.",
    WhyItMatters = "An image built FROM latest changes whenever the upstream image does: the same commit builds differently from one day to the next.",
    Remediation = "Pin every FROM to a version tag (node:20.19.0-slim) or a digest (@sha256:...).")]
public sealed class DockerfilePinnedBaseAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        DockerfileFact.Judge(context, dockerfile => dockerfile.PinnedBase
            ? context.Pass($"{dockerfile.Path} builds from pinned base images.", [dockerfile.Evidence])
            : dockerfile.ParameterisedBase
                ? context.Partial(0.5, $"{dockerfile.Path} takes its base image version from a build argument with no default: the pin lives in the build command, not in the file.", "Give the ARG a default version (ARG NODE_VERSION=20.19.0) so a plain docker build is reproducible, and let the dependency bot bump it.", [dockerfile.Evidence])
                : context.Fail($"{dockerfile.Path} builds from a base image without a version (latest or no tag).", Fix(context), [dockerfile.Evidence]));

    private static string Fix(AnalyzerContext context) =>
        BaseImages.Runtime(context) is { } image
            ? $"Pin every FROM to a version, e.g. FROM {image}, or to a digest (@sha256:...), and let the dependency bot bump it."
            : "Pin every FROM to a version tag or a digest (@sha256:...), and let the dependency bot bump it.";
}
