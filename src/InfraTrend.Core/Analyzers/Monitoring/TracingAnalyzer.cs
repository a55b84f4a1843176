using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.tracing",
    Category = Category.Monitoring,
    Level = 4,
    Weight = 2,
    WeightReason = "Tracing shows where a slow or failing request spends its time; it answers questions logs cannot, though it takes more setup than error tracking to pay off.",
    Severity = Severity.Medium,
    Title = "Tracing / APM",
    LooksFor = "A tracing or APM agent the application starts: OpenTelemetry, Datadog, New Relic, Application Insights, Elastic APM, Dynatrace, Honeycomb, Jaeger, Zipkin.",
    WhyItMatters = "Without traces a slow endpoint is a guess: nothing says whether the time goes to the database, another service or the code.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class TracingAnalyzer : IAnalyzer
{
    private const string RemediationText = "Instrument the application with OpenTelemetry and export traces to an APM backend.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.IsPart(PartKinds.Web))
            return [context.NotApplicable($"{context.PartName()} is a web front end: tracing starts at the service behind it.")];

        var agents = context.Facts.List(FactKeys.Tracing);
        if (agents.Count > 0)
            return [context.Pass($"The application is traced with {string.Join(", ", agents)}.", context.EvidenceOf(FactKeys.Tracing))];
        return [context.Fail("No tracing or APM agent: request latency and failures cannot be followed through the application.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var stack = context.Stack;
        return stack.Ecosystem switch
        {
            "node" => $"{stack.AddPackage(node: "@opentelemetry/sdk-node @opentelemetry/auto-instrumentations-node")}, then start the app with node --require @opentelemetry/auto-instrumentations-node/register and OTEL_EXPORTER_OTLP_ENDPOINT set",
            "dotnet" => $"{stack.AddPackage(dotnet: "OpenTelemetry.Extensions.Hosting OpenTelemetry.Instrumentation.AspNetCore OpenTelemetry.Exporter.OpenTelemetryProtocol")}, then builder.Services.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation().AddOtlpExporter());",
            "python" => $"{stack.AddPackage(python: "opentelemetry-distro opentelemetry-exporter-otlp")}, then opentelemetry-bootstrap -a install and start the app with opentelemetry-instrument",
            "go" => $"{stack.AddPackage(go: "go.opentelemetry.io/otel go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp")}, then wrap the handler with otelhttp.NewHandler and register an OTLP trace exporter",
            "ruby" => $"{stack.AddPackage(ruby: "opentelemetry-sdk opentelemetry-exporter-otlp opentelemetry-instrumentation-all")}, then OpenTelemetry::SDK.configure {{ |c| c.use_all }} in an initializer",
            "java" => "Start the JVM with the OpenTelemetry Java agent: -javaagent:opentelemetry-javaagent.jar with OTEL_EXPORTER_OTLP_ENDPOINT set",
            _ => RemediationText,
        };
    }
}
