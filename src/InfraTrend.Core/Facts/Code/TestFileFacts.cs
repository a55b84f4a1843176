using InfraTrend.Facts.Go;
using InfraTrend.Facts.Node;
using InfraTrend.Facts.Python;

namespace InfraTrend.Facts.Code;

/// <summary>
/// Test files and the frameworks they show, for every stack but .NET (whose test projects are read from their
/// project files), Ruby and the JVM (read by their own sources). A test file's facts go to the part that holds it.
/// </summary>
// Reads stack.frameworks, testing.frameworks as the sources before it wrote them.
[FactSource(After = [typeof(NodeManifestFacts), typeof(PythonManifestFacts), typeof(PythonUsageFacts), typeof(GoUsageFacts)])]
public sealed class TestFileFacts : IFactSource
{
    private static readonly HashSet<string> TestFolders = new(StringComparer.Ordinal) { "test", "tests", "spec" };

    private static readonly HashSet<string> SupportFolders = new(StringComparer.OrdinalIgnoreCase) { "fixtures", "__fixtures__", "mocks", "__mocks__", "helpers", "utils", "support", "data", "testdata", "files" };

    /// <summary>
    /// Mocha's convention (NodeBB's test/*.js): every script in a test folder is a test file, whatever its name; helpers,
    /// fixtures and mocks beside them are not.
    /// </summary>
    private static bool IsMochaStyle(string path)
    {
        if (SourceFiles.LanguageOf(path) is not ("javascript" or "typescript"))
            return false;
        var folders = path.Split('/')[..^1];
        return folders.Any(TestFolders.Contains) && !folders.Any(SupportFolders.Contains);
    }

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (!SourceFiles.IsSource(file.Path) || !SourceFiles.IsTest(file.Path) || Node.NodeManifests.IsVendored(file.Path) || SourceFiles.LanguageOf(file.Path) is "csharp" or "ruby" or "java" or "kotlin")
                continue;
            var name = file.Name;
            var isTestFile = SourceFiles.HasTestName(name) || name == "tests.py" && Python.PythonTests.HasTests(context, file.Path)
                || file.Path.Contains("/__tests__/", StringComparison.Ordinal) || file.Path.StartsWith("__tests__/", StringComparison.Ordinal)
                || IsMochaStyle(file.Path);
            if (!isTestFile)
                continue;
            var evidence = new Evidence(file.Path, 0);
            context.Count(FactKeys.TestFiles, 1, evidence);
            var framework = name switch
            {
                _ when name.EndsWith("_test.go", StringComparison.Ordinal) => "go-test",
                _ when name.EndsWith("_spec.rb", StringComparison.Ordinal) => "rspec",
                _ when name.EndsWith("_test.rb", StringComparison.Ordinal) => "minitest",
                _ when name.EndsWith(".java", StringComparison.Ordinal) || name.EndsWith(".kt", StringComparison.Ordinal) => "junit",
                _ when name.EndsWith(".py", StringComparison.Ordinal) => Python.PythonTests.FrameworkOf(context, file.Path),
                _ => null,
            };
            if (framework is not null)
                context.Add(FactKeys.TestFrameworks, framework, evidence);
        }
    }
}
