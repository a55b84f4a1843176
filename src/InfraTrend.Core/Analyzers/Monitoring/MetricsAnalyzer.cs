using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.metrics",
    Category = Category.Monitoring,
    Level = 4,
    Weight = 2,
    WeightReason = "Application metrics show trends (rates, latencies, queue depths) for dashboards and alerts; platforms already give basic CPU and memory, so this weighs as much as tracing, not more.",
    Severity = Severity.Medium,
    Title = "Application metrics",
    LooksFor = "A metrics library the application uses: Prometheus client, StatsD, OpenTelemetry metrics, Micrometer, Datadog, CloudWatch." + ProductSignals.LooksFor,
    WhyItMatters = "Without metrics there is no baseline: a slow degradation is invisible until it is an outage.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class MetricsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Expose request rate, error rate and latency metrics (Prometheus or OpenTelemetry metrics).";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.IsPart(PartKinds.Web))
            return [context.NotApplicable($"{context.PartName()} is a web front end: application metrics belong to the service behind it.")];

        var libraries = context.Facts.List(FactKeys.Metrics);
        if (libraries.Count > 0)
            return [context.Pass($"The application exports metrics with {string.Join(", ", libraries)}.", context.EvidenceOf(FactKeys.Metrics))];
        if (ProductSignals.Sibling(context, FactKeys.Metrics) is { } sibling)
            return [ProductSignals.Pass(context, sibling, "application metrics")];
        return [context.Fail("No application metrics: request rates, errors and latencies are not measured.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var stack = context.Stack;
        return stack.Ecosystem switch
        {
            "node" => $"{stack.AddPackage(node: "prom-client")}, then collectDefaultMetrics() and serve register.metrics() on /metrics",
            "dotnet" => $"{stack.AddPackage(dotnet: "prometheus-net.AspNetCore")}, then app.UseHttpMetrics(); and app.MapMetrics();",
            "python" => $"{stack.AddPackage(python: "prometheus-client")}, then start_http_server(9100) or mount make_asgi_app() on /metrics",
            "go" => $"{stack.AddPackage(go: "github.com/prometheus/client_golang")}, then http.Handle(\"/metrics\", promhttp.Handler())",
            "ruby" => $"{stack.AddPackage(ruby: "prometheus-client")}, then use Prometheus::Middleware::Collector and Prometheus::Middleware::Exporter in config.ru",
            "java" => $"{stack.AddPackage(java: "io.micrometer:micrometer-registry-prometheus")}, with the actuator exposing /actuator/prometheus",
            _ => RemediationText,
        };
    }
}
