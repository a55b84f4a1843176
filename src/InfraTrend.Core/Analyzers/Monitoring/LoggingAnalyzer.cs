using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.logging",
    Category = Category.Monitoring,
    Level = 2,
    Weight = 4,
    WeightReason = "Logs are the first and often only record of what happened in production; any logging at all is the managed baseline, and auditors count a configured logger as much as a health route (on the calibration corpus, a service that only logs scores about a third of the category).",
    Severity = Severity.Medium,
    Title = "Application logging",
    LooksFor = "A logging library the application configures and uses, or at least console/print calls in application source. Print calls or a framework's unconfigured logger (Rails, Spring Boot, ASP.NET Core) earn three quarters of the credit when the part has no other signal: no health route, error tracking, metrics or tracing.",
    WhyItMatters = "An application that writes nothing leaves no trace of what it did when something goes wrong.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class LoggingAnalyzer : IAnalyzer
{
    private const string RemediationText = "Log requests, errors and important events with a logging library that writes to stdout.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.IsPart(PartKinds.Web))
            return [context.NotApplicable($"{context.PartName()} is a web front end: its server-side logs are the service's.")];

        var libraries = context.Facts.List(FactKeys.StructuredLogging);
        var defaults = context.Facts.List(FactKeys.FrameworkLogging);
        if (libraries.Count > 0 && libraries.All(defaults.Contains) && NothingElse(context))
            return [context.Partial(AloneCredit, $"The application logs only through {string.Join(", ", libraries)} as its framework sets it up, and monitors nothing else: no health route, error tracking, metrics or tracing.", Configure(context), context.EvidenceOf(FactKeys.FrameworkLogging))];
        if (libraries.Count > 0)
            return [context.Pass($"The application logs with {string.Join(", ", libraries)}.", context.EvidenceOf(FactKeys.StructuredLogging))];

        var calls = context.Facts.Number(FactKeys.ConsoleLogCalls);
        // Print calls are a logging practice of the simplest kind, and full credit beside another signal: the sample
        // report, the scale's anchor, scores its console logging plus /health at 45 (a partial for every print-only part,
        // tried at a half and three quarters, took the anchor under 35). Alone they earn AloneCredit.
        if (calls > 0 && context.Repository.Bool(FactKeys.LoggerInRepository))
            return [context.Pass($"{context.Part?.Path ?? "The application"} prints ({calls} console call{(calls == 1 ? "" : "s")}) beside a part of the product that logs through a logger.", context.EvidenceOf(FactKeys.ConsoleLogCalls, FactKeys.LoggerInRepository))];
        if (calls > 0 && NothingElse(context))
            return [context.Partial(AloneCredit, $"The application prints ({calls} console call{(calls == 1 ? "" : "s")}, no logging library) and monitors nothing else: no health route, error tracking, metrics or tracing.", StructuredLoggers.Setup(context) ?? RemediationText, context.EvidenceOf(FactKeys.ConsoleLogCalls))];
        if (calls > 0)
            return [context.Pass($"The application logs with {calls} console call{(calls == 1 ? "" : "s")} and no logging library.", context.EvidenceOf(FactKeys.ConsoleLogCalls))];

        return [context.Fail("The application writes no logs: no logging library and no console output.", StructuredLoggers.Setup(context) ?? RemediationText)];
    }

    /// <summary>
    /// Credit for logging that is only what the runtime or the framework gives unasked (print calls, the logger Rails,
    /// Spring Boot or ASP.NET Core writes through with no configuration) when the part sets up no other signal. Auditors
    /// read that as "monitoring is essentially absent" and score the category 5-15 (Rails tutorials and engines,
    /// Spring Boot and ASP.NET Core sample shops, Express tutorials), where full credit put them at 22-25. Beside a health
    /// route or an error tracker the same logging is ordinary logging and passes (the sample report's console logging
    /// plus /health).
    /// </summary>
    private const double AloneCredit = 0.75;

    /// <summary>No health route, error tracking, metrics, tracing or alerting in the part, nor in a sibling part of the product.</summary>
    private static bool NothingElse(AnalyzerContext context) =>
        !context.Facts.Bool(FactKeys.HealthEndpoint)
        && context.Facts.List(FactKeys.ErrorTracking).Count == 0 && context.Facts.Map(FactKeys.ErrorTrackingWiring).Count == 0
        && context.Facts.List(FactKeys.Tracing).Count == 0 && context.Facts.Map(FactKeys.TracingWiring).Count == 0
        && context.Facts.List(FactKeys.Metrics).Count == 0
        && context.Repository.List(FactKeys.Alerting).Count == 0
        && new[] { FactKeys.ErrorTracking, FactKeys.Tracing, FactKeys.Metrics }.All(key => ProductSignals.Sibling(context, key) is null);

    private static string Configure(AnalyzerContext context) =>
        StructuredLoggers.Setup(context) is { } setup
            ? $"Configure the logging for production ({setup}) and add a health route or an error tracker beside it."
            : "Configure the logging for production (level, format, destination) and add a health route or an error tracker beside it.";
}
