using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.integration-tests",
    Category = Category.Ci,
    Level = 3,
    Weight = 2,
    WeightReason = "Auditors rate a pipeline by how much it verifies: unit tests in isolation prove less than a suite run against the real database, broker or a started application, which is where most production breakages show. Two points, as much as the lint step: in the calibration corpus the pipelines rated 80-95 nearly all had one, and those rated 45-65 nearly none.",
    Severity = Severity.Medium,
    Title = "Pipeline tests against real services",
    LooksFor = "A pipeline job that runs the tests with service containers beside it (a database, a cache), or runs an end-to-end or integration suite (Playwright, Cypress, Selenium, docker compose up, an e2e, integration, system, smoke, API or acceptance test job or script), or tests that declare Testcontainers in their build manifest.",
    WhyItMatters = "Mocks agree with the code that wrote them; a migration that fails on the real database or a page that no longer loads is only caught by a suite that runs against the real thing.",
    Remediation = RemediationText)]
public sealed class IntegrationTestsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a pipeline job that runs the integration or end-to-end suite against real dependencies: service containers for the database and cache (services: in GitHub Actions), Testcontainers in the tests, or docker compose up before an end-to-end run.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (!context.HasPipeline)
            return [context.Fail("No pipeline runs any tests, let alone against real services.", RemediationText)];
        if (context.Repository.Bool(FactKeys.RunsIntegrationTests))
        {
            var evidence = context.EvidenceOf(FactKeys.RunsIntegrationTests);
            return [context.Pass($"A pipeline tests against real services or a started application{RemoteWorkflowNote.Of(context, evidence)}.", evidence)];
        }
        return [context.Fail("The pipeline's tests run in isolation only: no job brings up a database, the services or the application to test against.", RemediationText, context.EvidenceOf(FactKeys.CiSystems))];
    }
}
