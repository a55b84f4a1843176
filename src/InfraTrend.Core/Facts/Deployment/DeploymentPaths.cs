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

    private static readonly HashSet<string> DocsFolders = new(StringComparer.OrdinalIgnoreCase) { "docs", "doc", "website", "site", "documentation" };

    /// <summary>A file a deployment fact may come from: not vendored and not in a test harness (e2e compose files, fixture manifests).</summary>
    public static bool Counts(string path) =>
        !Node.NodeManifests.IsVendored(path) && !path.Split('/')[..^1].Any(TestFolders.Contains);

    /// <summary>A descriptor of the documentation site (docs/netlify.toml), not of the application.</summary>
    public static bool IsDocsSite(string path) => path.Split('/')[..^1].Any(DocsFolders.Contains);
}
