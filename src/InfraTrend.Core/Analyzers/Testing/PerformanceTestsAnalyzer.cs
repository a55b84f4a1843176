using InfraTrend.Analyzers.Deployment;
using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Testing;

[Analyzer(
    "testing.performance-tests",
    Category = Category.Testing,
    Level = 5,
    Weight = 1,
    WeightReason = "Load tests tell capacity before the users do; most services reach them late, so they weigh one point.",
    Severity = Severity.Low,
    Title = "Performance tests",
    LooksFor = "Load or performance test scripts in the repository: k6, Artillery, Locust, JMeter, Gatling.",
    WhyItMatters = "Without a load test, the first measurement of how much traffic the service takes is a production incident.",
    Remediation = "Add a load test script (k6, Artillery or Locust) for the main endpoints and run it against a staging environment.")]
public sealed class PerformanceTestsAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var tools = context.Repository.List(FactKeys.PerformanceTests);
        if (tools.Count > 0)
            return [context.Pass($"Performance tests are kept in the repository: {string.Join(", ", tools)}.", context.EvidenceOf(FactKeys.PerformanceTests))];

        var route = HealthProbes.Route(context);
        return [context.Fail("No load or performance tests in the repository.", $"Add a k6 script (load/smoke.js) that requests {route} and the main endpoints with a threshold such as http_req_duration: ['p(95)<500'], and run k6 run load/smoke.js against staging.")];
    }
}
