using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Ci;

/// <summary>
/// testing.coverage: what measures test coverage, read from the files that say how the build and the pipelines run
/// the tests (pipeline definitions, Makefiles, manifests, build files, coverage and runner configuration). A coverage
/// tool only installed but never asked for is not told apart from one that runs: both show that someone looks.
/// </summary>
[FactSource]
public sealed partial class CoverageFacts : IFactSource
{
    private static readonly (string Tool, Regex Pattern)[] Tools =
    [
        ("codecov", Codecov()),
        ("coveralls", Coveralls()),
        ("sonar", Sonar()),
        ("coverlet", Coverlet()),
        ("jacoco", Jacoco()),
        ("simplecov", SimpleCov()),
        ("coverage.py", CoveragePy()),
        ("go-cover", GoCover()),
        ("istanbul", Istanbul()),
    ];

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (!IsBuildOrPipelineFile(file) || Node.NodeManifests.IsVendored(file.Path) || PartDetector.IsTestOrExample(file.Directory))
                continue;
            var name = file.Name.ToLowerInvariant();
            // A coverage service's own configuration file says it is in use.
            if (name is "codecov.yml" or ".codecov.yml" or "codecov.yaml")
                context.Add(FactKeys.Coverage, "codecov", new Evidence(file.Path, 0));
            else if (name is ".coveragerc")
                context.Add(FactKeys.Coverage, "coverage.py", new Evidence(file.Path, 0));
            else if (name is "sonar-project.properties")
                context.Add(FactKeys.Coverage, "sonar", new Evidence(file.Path, 0));
            if (file.Size > 512 * 1024 || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            TextLines? lines = null;
            foreach (var (tool, pattern) in Tools)
            {
                if (pattern.Match(text) is { Success: true } match)
                    context.Add(FactKeys.Coverage, tool, new Evidence(file.Path, (lines ??= new TextLines(text)).LineOf(match.Index)));
            }
        }
    }

    private static bool IsBuildOrPipelineFile(SnapshotFile file)
    {
        var name = file.Name.ToLowerInvariant();
        var path = file.Path;
        if (path.StartsWith(".github/workflows/", StringComparison.Ordinal) || path.StartsWith(".circleci/", StringComparison.Ordinal)
            || path.StartsWith(".woodpecker", StringComparison.Ordinal) || path.StartsWith(".azure-pipelines/", StringComparison.Ordinal) || path.StartsWith(".buildkite/", StringComparison.Ordinal))
            return name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);
        return name is ".gitlab-ci.yml" or ".travis.yml" or "jenkinsfile" or "bitbucket-pipelines.yml" or ".drone.yml" or "makefile" or "justfile" or "taskfile.yml"
                   or "package.json" or "gemfile" or "pom.xml" or "build.gradle" or "build.gradle.kts" or "directory.build.props" or "directory.packages.props"
                   or "pyproject.toml" or "setup.cfg" or "tox.ini" or "noxfile.py" or "pytest.ini" or ".nycrc" or ".nycrc.json" or ".c8rc.json" or ".simplecov"
                   or "codecov.yml" or ".codecov.yml" or "codecov.yaml" or ".coveragerc" or "sonar-project.properties"
               || name.StartsWith("azure-pipelines", StringComparison.Ordinal) && (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal))
               || name.EndsWith(".csproj", StringComparison.Ordinal) || name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal)
               || (name.StartsWith("jest.config.", StringComparison.Ordinal) || name.StartsWith("vitest.config.", StringComparison.Ordinal) || name.StartsWith("vite.config.", StringComparison.Ordinal)
                   || name.StartsWith("karma.conf.", StringComparison.Ordinal)) && !name.EndsWith(".map", StringComparison.Ordinal)
               || path.StartsWith("build-bin/", StringComparison.Ordinal) || path.StartsWith("ci/", StringComparison.Ordinal) && name.EndsWith(".sh", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"codecov/codecov-action|\bcodecov\b", RegexOptions.IgnoreCase)]
    private static partial Regex Codecov();

    [GeneratedRegex(@"coverallsapp/github-action|\bcoveralls\b", RegexOptions.IgnoreCase)]
    private static partial Regex Coveralls();

    [GeneratedRegex(@"SonarSource/|sonarcloud|sonar-scanner|SonarScanner|sonar\.(host\.url|projectKey|organization)|org\.sonarsource", RegexOptions.IgnoreCase)]
    private static partial Regex Sonar();

    [GeneratedRegex(@"coverlet|XPlat Code Coverage|/p:CollectCoverage|--collect[:\s]+""?Code Coverage", RegexOptions.IgnoreCase)]
    private static partial Regex Coverlet();

    [GeneratedRegex(@"jacoco|kover", RegexOptions.IgnoreCase)]
    private static partial Regex Jacoco();

    [GeneratedRegex(@"\bsimplecov\b", RegexOptions.IgnoreCase)]
    private static partial Regex SimpleCov();

    [GeneratedRegex(@"pytest-cov|--cov\b|--cov=|\bcoverage (run|report|xml|html|combine)\b|\bcoverage\[toml\]|\[tool\.coverage|\[coverage:", RegexOptions.IgnoreCase)]
    private static partial Regex CoveragePy();

    [GeneratedRegex(@"go test[^\n]*-(coverprofile|covermode|cover)\b|\bgo tool cover\b|-coverpkg")]
    private static partial Regex GoCover();

    [GeneratedRegex(@"\bnyc\b|\bc8\b|istanbul|--coverage\b|\bcollectCoverage\b|coverage:\s*\{|test:coverage|""coverage""\s*:")]
    private static partial Regex Istanbul();
}
