using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.tracing",
    Category = Category.Monitoring,
    Level = 4,
    Weight = 2,
    WeightReason = "Tracing shows where a slow or failing request spends its time; it answers questions logs cannot, though it takes more setup than error tracking to pay off.",
    Severity = Severity.Medium,
    Title = "Tracing / APM",
    LooksFor = "A tracing or APM agent the application starts: OpenTelemetry, Datadog, New Relic, Application Insights, Elastic APM, Dynatrace, Honeycomb, Jaeger, Zipkin." + ProductSignals.LooksFor,
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
        if (ProductSignals.Sibling(context, FactKeys.Tracing) is { } sibling)
            return [ProductSignals.Pass(context, sibling, "tracing")];
        var unstarted = context.Facts.Map(FactKeys.TracingWiring).Keys.Order(StringComparer.Ordinal).ToList();
        if (unstarted.Count > 0)
            return
            [
                context.Partial(
                    0.25,
                    $"{string.Join(", ", unstarted)} {(unstarted.Count == 1 ? "is a dependency but is" : "are dependencies but are")} never started: no init call and no preload.",
                    Start(unstarted[0]),
                    context.EvidenceOf(FactKeys.TracingWiring)),
            ];
        return [context.Fail("No tracing or APM agent: request latency and failures cannot be followed through the application.", Fix(context))];
    }

    /// <summary>How to start an agent that is already a dependency.</summary>
    private static string Start(string agent) =>
        agent switch
        {
            "datadog" => "Start dd-trace before the application loads: node --require dd-trace/init (or NODE_OPTIONS=\"--require dd-trace/init\"), or require('dd-trace').init() on the first line",
            "newrelic" => "Start the agent before the application loads: node -r newrelic (or require('newrelic') on the first line), with NEW_RELIC_LICENSE_KEY set",
            "opentelemetry" => "Start the SDK in an instrumentation file (new NodeSDK({ ... }).start()) loaded with node --import ./instrumentation.mjs",
            "elastic-apm" => "Start the agent first: node -r elastic-apm-node/start, with ELASTIC_APM_SERVER_URL set",
            "application-insights" => "Call appInsights.setup(connectionString).start() (or useAzureMonitor()) before the application loads",
            _ => $"Initialise {agent} at start-up, before the application loads",
        };

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
