using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.structured-logging",
    Category = Category.Monitoring,
    Level = 4,
    Weight = 1,
    WeightReason = "Structured output makes logs searchable and countable; it refines the logging baseline rather than creating it.",
    Severity = Severity.Medium,
    Title = "Structured log output",
    LooksFor = "Logs written in a structured format: a JSON formatter or a structured logger (pino, Serilog with a JSON formatter, structlog, slog, zap, lograge).",
    WhyItMatters = "Plain-text logs can be read but not queried: finding every failed request of one user means grepping by hand.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class StructuredLoggingAnalyzer : IAnalyzer
{
    private const string RemediationText = "Write logs as JSON to stdout, with a level, a timestamp and fields instead of interpolated text.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.IsPart(PartKinds.Web))
            return [context.NotApplicable($"{context.PartName()} is a web front end: its server-side logs are the service's.")];

        var libraries = context.Facts.List(FactKeys.StructuredLogging);
        if (context.Facts.Bool(FactKeys.StructuredOutput))
            return [context.Pass($"Logs are written in a structured format{(libraries.Count > 0 ? $" ({string.Join(", ", libraries)})" : "")}.", context.EvidenceOf(FactKeys.StructuredOutput, FactKeys.StructuredLogging))];

        if (libraries.Count > 0)
        {
            var fix = libraries.Select(StructuredLoggers.SwitchOn).FirstOrDefault(f => f is not null) ?? StructuredLoggers.Setup(context) ?? RemediationText;
            return [context.Partial(0.5, $"The application logs with {string.Join(", ", libraries)}, but as plain text, not in a structured format.", fix, context.EvidenceOf(FactKeys.StructuredLogging))];
        }

        var calls = context.Facts.Number(FactKeys.ConsoleLogCalls);
        var found = calls > 0 ? $"The application logs with {calls} console call{(calls == 1 ? "" : "s")}" : "The application writes no logs";
        return [context.Fail($"{found}: nothing is structured.", StructuredLoggers.Setup(context) ?? RemediationText, context.EvidenceOf(FactKeys.ConsoleLogCalls))];
    }
}
