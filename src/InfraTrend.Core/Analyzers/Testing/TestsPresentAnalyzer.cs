using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Testing;

[Analyzer(
    "testing.tests-present",
    Category = Category.Testing,
    Level = 3,
    Weight = 3,
    WeightReason = "Automated tests are what every change is checked against; without them CI can only prove the code compiles.",
    Severity = Severity.High,
    Title = "Automated tests",
    LooksFor = "Test files in each deployable part (or, in .NET, test projects that reference the libraries the part is built from), and the test frameworks they use (Jest, Vitest, Playwright, xUnit, NUnit, pytest, go test, RSpec, JUnit...); tests that no pipeline runs count for half, and a part without tests of its own beside tests elsewhere in the repository counts for half of that.",
    WhyItMatters = "A part without tests is changed by hope: regressions reach production and refactoring stops.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class TestsPresentAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add automated tests for the part's most important behaviour and run them in CI.";

    private static readonly string[] NodeFrameworks = ["vitest", "jest", "mocha"];

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var files = context.Facts.Number(FactKeys.TestFiles);
        var frameworks = context.Facts.List(FactKeys.TestFrameworks);
        if (files > 0)
        {
            var with = frameworks.Count > 0 ? $" ({string.Join(", ", frameworks)})" : "";
            // Tests that no pipeline runs are checked only when someone remembers: they rot, and auditors count them for half.
            if (!context.Repository.Bool(FactKeys.RunsTests))
                return [context.Partial(0.5, $"{files} test file{(files == 1 ? "" : "s")}{with}, but no pipeline runs them.", "Run the tests in CI on every push and pull request.", context.EvidenceOf(FactKeys.TestFiles, FactKeys.TestFrameworks))];
            return [context.Pass($"{files} test file{(files == 1 ? "" : "s")}{with}.", context.EvidenceOf(FactKeys.TestFiles, FactKeys.TestFrameworks))];
        }

        var through = context.Facts.List(FactKeys.TestedThrough);
        if (through.Count > 0)
        {
            var names = string.Join(", ", through.Take(3)) + (through.Count > 3 ? $" and {through.Count - 3} more" : "");
            if (!context.Repository.Bool(FactKeys.RunsTests))
                return [context.Partial(0.5, $"No test files of its own, but {names} test the code it is built from; no pipeline runs them.", "Run the tests in CI on every push and pull request.", context.EvidenceOf(FactKeys.TestedThrough))];
            return [context.Pass($"No test files of its own, but {names} test the code it is built from.", context.EvidenceOf(FactKeys.TestedThrough))];
        }

        // A part with no tests of its own beside a suite elsewhere in the repository (a root test/ folder that tests the
        // service, a landing page or a sample beside tested services) is not an untested product: auditors judge the
        // product's suite, and count such a part for half.
        var suite = context.Repository.Number(FactKeys.TestFiles);
        if (suite > 0)
        {
            var share = context.Repository.Bool(FactKeys.RunsTests) ? 0.5 : 0.25;
            return [context.Partial(share, $"No test files of its own in {context.PartName()}, beside {suite} test file{(suite == 1 ? "" : "s")} elsewhere in the repository{(share < 0.5 ? " that no pipeline runs" : "")}.", Fix(context), context.EvidenceOf(FactKeys.TestFrameworks))];
        }

        var configured = frameworks.Count > 0 ? $"{string.Join(", ", frameworks)} is set up but " : "";
        return [context.Fail($"No tests: {configured}{context.PartName()} has no test files.", Fix(context), context.EvidenceOf(FactKeys.TestFrameworks))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var stack = context.Stack;
        var part = context.Part;
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        switch (stack.Ecosystem)
        {
            case "node":
            {
                // A React, Vue or Svelte front end is almost always built with Vite, where Vitest needs no extra
                // configuration; anything else follows the framework the repository already uses.
                var viteFrontEnd = context.IsPart(PartKinds.Web) && !Uses("nextjs") && (Uses("react") || Uses("vue") || Uses("svelte"));
                var runner = NodeFrameworks.FirstOrDefault(f => context.Facts.Has(FactKeys.TestFrameworks, f))
                    ?? (viteFrontEnd ? "vitest" : null)
                    ?? NodeFrameworks.FirstOrDefault(f => context.Repository.Has(FactKeys.TestFrameworks, f))
                    ?? "jest";
                var extras = !context.IsPart(PartKinds.Web) || !Uses("react") ? ""
                    : runner == "jest" ? " @testing-library/react jest-environment-jsdom"
                    : " @testing-library/react jsdom";
                var typescript = context.Facts.Has(FactKeys.Languages, "typescript") || context.Repository.Has(FactKeys.Languages, "typescript");
                var example = !typescript ? "src/app.test.js" : runner == "jest" ? "src/app.test.ts (with ts-jest for TypeScript)" : "src/app.test.ts";
                return $"{stack.AddPackage(node: $"-D {runner}{extras}")}, then add {example} and a \"test\": \"{(runner == "vitest" ? "vitest run" : runner)}\" script";
            }
            case "dotnet":
            {
                var name = part?.Name ?? "App";
                var project = part is null || part.Path == "." ? $"{name}.csproj" : $"{part.Path}/{name}.csproj";
                return $"dotnet new xunit -o tests/{name}.Tests && dotnet add tests/{name}.Tests reference {project}, then dotnet test";
            }
            case "python":
                return $"{stack.AddPackage(python: "pytest")}, then add tests/test_*.py and run pytest";
            case "go":
                return "Add *_test.go files beside the code (func TestXxx(t *testing.T)) and run go test ./...";
            case "ruby":
                return Uses("rails")
                    ? $"{stack.AddPackage(ruby: "rspec-rails --group development,test")}, then bin/rails generate rspec:install"
                    : $"{stack.AddPackage(ruby: "rspec --group development,test")}, then rspec --init";
            case "java":
                return $"{stack.AddPackage(java: "org.springframework.boot:spring-boot-starter-test")} (JUnit 5), then add tests under src/test/java";
            default:
                return RemediationText;
        }
    }
}
