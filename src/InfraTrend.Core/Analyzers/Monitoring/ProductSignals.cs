using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Monitoring;

/// <summary>
/// Error tracking, tracing and metrics another part of the product sets up. Auditors judge these per product, not per
/// process: a Sentry set up in the web application, OpenTelemetry in the API service or a Prometheus registry in one
/// service of several show the team has the signal, and its sibling parts are credited with it.
/// </summary>
internal static class ProductSignals
{
    /// <summary>The end of the LooksFor text of each rule that credits a part with a sibling's signal.</summary>
    public const string LooksFor = " In a repository of several parts, a part that sets up none passes when another part of the product does.";

    /// <summary>"path: libraries" of the sibling part that sets up <paramref name="key"/>, or null.</summary>
    public static string? Sibling(AnalyzerContext context, string key)
    {
        if (context.Part is null || !context.Repository.Map(FactKeys.SignalsInRepository).TryGetValue(key, out var found) || found is null)
            return null;
        var path = found[..found.IndexOf(": ", StringComparison.Ordinal)];
        return path == context.Part.Path ? null : found;
    }

    public static Finding Pass(AnalyzerContext context, string sibling, string what) =>
        context.Pass($"No {what} in {context.Part!.Path} itself, but the product sets it up in {sibling}.", context.EvidenceOf(FactKeys.SignalsInRepository));
}
