using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Testing;

[Analyzer(
    "testing.end-to-end",
    Category = Category.Testing,
    Level = 4,
    Weight = 1,
    WeightReason = "Unit tests check the parts; an end-to-end suite checks that they work together as a user sees them. It weighs one point beside the suite itself.",
    Severity = Severity.Low,
    Title = "End-to-end tests",
    LooksFor = "An end-to-end suite that drives the running application: Playwright, Cypress, Selenium, Capybara system tests, TestCafe, WebdriverIO, Selenide (a runner's configuration, a system-test folder, or the runner in a manifest). Without one, a pipeline that runs the tests against real services or a started application (what ci.integration-tests looks for) earns half: the parts are checked together, not the user's journeys.",
    WhyItMatters = "Parts that each pass their own tests can still fail together: a broken sign-in flow is found by users.",
    Remediation = "Add an end-to-end suite for the main user journeys (sign-in, the core workflow) and run it in CI against a started application.")]
public sealed class EndToEndTestsAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Number(FactKeys.TestFiles) == 0)
            return [context.NotApplicable("No tests yet: the end-to-end suite comes after the first ones.")];
        var tools = context.Repository.List(FactKeys.EndToEndTests);
        if (tools.Count > 0)
            return [context.Pass($"End-to-end tests drive the application: {string.Join(", ", tools)}.", context.EvidenceOf(FactKeys.EndToEndTests))];
        // Auditors credit a suite run against the real database, broker or a started server as part of the way to an
        // end-to-end suite (headscale's Docker integration matrix, sftpgo's and killbill's suites against database
        // containers): it catches what mocks hide, though no one walks the product as its users do.
        if (context.Repository.Bool(FactKeys.RunsIntegrationTests))
            return [context.Partial(0.5, "No end-to-end suite drives the application's user journeys, but a pipeline runs the tests against real services or a started application: the parts are checked together.", Fix(context.Stack.Ecosystem), context.EvidenceOf(FactKeys.RunsIntegrationTests))];
        return [context.Fail("No end-to-end suite: nothing checks the main user journeys against a running application.", Fix(context.Stack.Ecosystem))];
    }

    private static string Fix(string ecosystem) => ecosystem switch
    {
        "node" => "npm init playwright@latest, then write e2e/sign-in.spec.ts for the main journey and run npx playwright test in CI",
        "dotnet" => "dotnet add package Microsoft.Playwright, then a test project that starts the app (WebApplicationFactory) and drives the main journey",
        "python" => "pip install pytest-playwright, then tests/e2e/test_journeys.py driving the main journey against a started server",
        "ruby" => "Add capybara and a driver to the test group, then system tests under test/system (bin/rails generate system_test)",
        "java" => "Add selenide (or Playwright for Java) and an end-to-end test that drives the started application",
        _ => "Add an end-to-end suite (Playwright) for the main user journeys and run it in CI",
    };
}
