using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Java;

/// <summary>
/// JVM test files: Java, Kotlin and Scala classes in a test source set (src/test, src/integrationTest...) or named as tests
/// (`*Test`, `*Tests`, `*IT`, `*ITCase`) that hold a test. JUnit is the framework when they use it; TestNG and Kotest
/// tests are counted without a framework facts.md names.
/// </summary>
// After TestFileFacts, which reads testing.frameworks without what this source adds.
[FactSource(After = [typeof(TestFileFacts)])]
public sealed partial class JavaTestFacts : IFactSource
{
    [GeneratedRegex(@"@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\b|:\s*(FunSpec|StringSpec|DescribeSpec|BehaviorSpec|ShouldSpec|WordSpec|FreeSpec|ExpectSpec|AnnotationSpec)\s*\(|\bextends\s+TestCase\b|\bextends\s+(?:Any)?(?:FunSuite|FlatSpec|WordSpec|FunSpec|FreeSpec|PropSpec|FeatureSpec)(?:Like)?\b")]
    private static partial Regex TestMarker();

    [GeneratedRegex(@"\bimport\s+(static\s+)?org\.junit\b|\bjunit\.framework\b")]
    private static partial Regex JUnit();

    [GeneratedRegex(@"(Test|Tests|IT|ITCase|TestCase|Spec|Suite)\.(java|kt|scala)$")]
    private static partial Regex TestClassName();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (SourceFiles.LanguageOf(file.Path) is not ("java" or "kotlin" or "scala") || Node.NodeManifests.IsVendored(file.Path) || !IsTestSource(file.Path))
                continue;
            if (context.Snapshot.ReadText(file.Path) is not { } text || !TestMarker().IsMatch(text) && !TestClassName().IsMatch(file.Name))
                continue;
            // Examples shipped beside the application; below src/ the folders are a package name (org/acme/samples).
            var srcAt = file.Path.StartsWith("src/", StringComparison.Ordinal) ? 0 : file.Path.IndexOf("/src/", StringComparison.Ordinal);
            if (srcAt > 0 && file.Path[..srcAt].Split('/').Any(s => s is "example" or "examples" or "sample" or "samples"))
                continue;
            var evidence = new Evidence(file.Path, 0);
            context.Count(FactKeys.TestFiles, 1, evidence);
            if (JUnit().IsMatch(text))
                context.Add(FactKeys.TestFrameworks, "junit", evidence);
        }
    }

    /// <summary>In a test source set (`src/test/`, `src/integrationTest/`, `src/it/`...), or a test class outside one.</summary>
    private static bool IsTestSource(string path)
    {
        var match = Regex.Match(path, @"(?:^|/)src/(?<set>[\w-]+)/(java|kotlin|scala)/");
        if (match.Success)
            return match.Groups["set"].Value != "main" && (match.Groups["set"].Value.Contains("test", StringComparison.OrdinalIgnoreCase) || match.Groups["set"].Value is "it" or "e2e");
        return SourceFiles.IsTest(path) && TestClassName().IsMatch(Path.GetFileName(path));
    }
}
