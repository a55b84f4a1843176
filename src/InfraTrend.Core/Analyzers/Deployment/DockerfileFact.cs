using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

/// <summary>One Dockerfile as deployment.dockerfiles describes it.</summary>
internal sealed record DockerfileFact(string Path, int Line, bool NonRootUser, bool PinnedBase, bool Healthcheck, bool MultiStage, bool ParameterisedBase = false)
{
    public Evidence Evidence => new(Path, Line);

    public static IReadOnlyList<DockerfileFact> Of(FactTable repository) =>
        repository.Objects(FactKeys.Dockerfiles)
            .Select(o => new DockerfileFact(
                o.Text("path") ?? "Dockerfile",
                o.Whole("line"),
                o.Flag("nonRootUser"),
                o.Flag("pinnedBase"),
                o.Flag("healthcheck"),
                o.Flag("multiStage"),
                o.Flag("parameterisedBase")))
            .DistinctBy(d => d.Path)
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>One finding per Dockerfile, its path the subject, so each is scored and tracked on its own.</summary>
    public static IEnumerable<Finding> Judge(AnalyzerContext context, Func<DockerfileFact, Finding> judge)
    {
        var dockerfiles = Of(context.Repository);
        if (dockerfiles.Count == 0)
            return [context.NotApplicable("The repository has no Dockerfile.")];
        return dockerfiles.Select(d => judge(d) with { Subject = d.Path }).ToList();
    }
}
