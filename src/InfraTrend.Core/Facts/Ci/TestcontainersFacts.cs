namespace InfraTrend.Facts.Ci;

/// <summary>
/// ci.runsIntegrationTests, from the test code's side: when a pipeline runs the tests and a build manifest declares
/// Testcontainers (a Maven or Gradle dependency, a NuGet package, an npm, Go or Python module), those tests start real
/// databases and brokers in containers, whatever the pipeline step is called (`mvn verify`, `dotnet test`).
/// </summary>
// Reads ci.runsTests as the sources before it wrote them.
[FactSource(After = [typeof(GitHubActionsFacts), typeof(OtherPipelineFacts)])]
public sealed class TestcontainersFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        if (!context.Repository.Bool(FactKeys.RunsTests))
            return;
        foreach (var file in context.Snapshot.Files)
        {
            if (!IsManifest(file.Name.ToLowerInvariant()) || file.Size > 512 * 1024 || Node.NodeManifests.IsVendored(file.Path))
                continue;
            if (context.Snapshot.ReadText(file.Path) is { } text && TextLines.Find(text, "testcontainers", StringComparison.OrdinalIgnoreCase) is > 0 and var line)
            {
                context.Flag(FactKeys.RunsIntegrationTests, new Evidence(file.Path, line));
                return;
            }
        }
    }

    private static bool IsManifest(string name) =>
        name is "pom.xml" or "build.gradle" or "build.gradle.kts" or "libs.versions.toml" or "directory.packages.props" or "package.json" or "go.mod" or "pyproject.toml" or "gemfile"
        || name.EndsWith(".csproj", StringComparison.Ordinal) || name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal);
}
