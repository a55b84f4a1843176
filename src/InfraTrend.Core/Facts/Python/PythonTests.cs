using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Python;

/// <summary>Which runner a Python test file is written for: pytest where the part sets pytest up, unittest for TestCase classes run by unittest or Django.</summary>
public static partial class PythonTests
{
    [GeneratedRegex(@"^\s*(?:import\s+unittest\b|from\s+unittest\b|from\s+django\.test\b|from\s+rest_framework\.test\b)", RegexOptions.Multiline)]
    private static partial Regex UnittestImport();

    [GeneratedRegex(@"^\s*(?:import\s+pytest\b|from\s+pytest\b)", RegexOptions.Multiline)]
    private static partial Regex PytestImport();

    [GeneratedRegex(@"^class\s+\w+\s*\([^)]*TestCase\b", RegexOptions.Multiline)]
    private static partial Regex TestCaseClass();

    public static string FrameworkOf(FactContext context, string path)
    {
        var text = context.Snapshot.ReadText(path) ?? "";
        if (PytestImport().IsMatch(text))
            return "pytest";
        // pytest runs TestCase classes too: where the part sets pytest up (a dependency, pytest.ini, conftest.py), it is the runner.
        if (context.TableFor(FactKeys.TestFrameworks, path).Has(FactKeys.TestFrameworks, "pytest"))
            return "pytest";
        // Django runs its TestCase classes with unittest (manage.py test) unless pytest is set up.
        if (UnittestImport().IsMatch(text) || TestCaseClass().IsMatch(text) || context.TableFor(FactKeys.Frameworks, path).Has(FactKeys.Frameworks, "django"))
            return "unittest";
        return "pytest";
    }

    /// <summary>A Django app's tests.py holds tests, not only the "# Create your tests here." that startapp writes.</summary>
    public static bool HasTests(FactContext context, string path) =>
        context.Snapshot.ReadText(path)?.Contains("def test", StringComparison.Ordinal) == true;
}
