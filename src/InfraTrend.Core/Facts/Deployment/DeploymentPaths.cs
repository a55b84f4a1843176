namespace InfraTrend.Facts.Deployment;

/// <summary>Where a deployment file stands: test harnesses and vendored code describe no deployment of the application.</summary>
public static class DeploymentPaths
{
    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "testdata", "test-data", "test_data", "fixtures", "__fixtures__", "__tests__", "e2e", "suites", "integration-tests", "spec",
        // Examples and samples show how others might deploy; a dev container is a developer's workstation, not production.
        "integration-test", "example", "examples", "sample", "samples", ".devcontainer",
    };

    /// <summary>
    /// Folders of container images that are not the application's: images tests start, stand-ins for other services,
    /// demo sites and development base images (zipkin's docker/test-images, photoprism's docker/dummy, docker/demo and
    /// docker/develop). Only for images and compose files: a `development` Terraform environment is still infrastructure.
    /// </summary>
    private static readonly HashSet<string> NonApplicationImageFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test-images", "dummy", "dummies", "mocks", "stubs", "demo", "demos", "develop", "development", "preview", "previews",
    };

    private static readonly HashSet<string> DocsFolders = new(StringComparer.OrdinalIgnoreCase) { "docs", "doc", "website", "site", "documentation" };

    /// <summary>A file a deployment fact may come from: not vendored and not in a test harness (e2e compose files, fixture manifests).</summary>
    public static bool Counts(string path) =>
        !Node.NodeManifests.IsVendored(path) && !path.Split('/')[..^1].Any(TestFolders.Contains);

    /// <summary>A Dockerfile or compose file that may describe the application's deployment: one that counts, and is no test, demo or development image.</summary>
    public static bool CountsAsImage(string path) =>
        Counts(path) && !path.Split('/')[..^1].Any(NonApplicationImageFolders.Contains) && !IsForDevelopment(Path.GetFileName(path));

    /// <summary>`Dockerfile.dev`, `docker-compose.dev.yml`, `compose.test.yaml`: a developer's or a test run's setup, named so.</summary>
    private static bool IsForDevelopment(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var marker in DevelopmentMarkers)
        {
            if (lower.Contains("." + marker + ".", StringComparison.Ordinal) || lower.EndsWith("." + marker, StringComparison.Ordinal)
                || lower.Contains("-" + marker + ".", StringComparison.Ordinal) || lower.StartsWith(marker + ".", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static readonly string[] DevelopmentMarkers = ["dev", "development", "test", "tests", "ci", "e2e", "local"];

    /// <summary>A descriptor of the documentation site (docs/netlify.toml), not of the application.</summary>
    public static bool IsDocsSite(string path) => path.Split('/')[..^1].Any(DocsFolders.Contains);
}
