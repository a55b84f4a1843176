using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Security;

/// <summary>
/// A control that one service of a repository has and another lacks. Auditors judge a product's authentication, headers
/// and rate limiting where its users reach it; a second service without them (a job host, an executor, a protocol
/// transport, a load balancer, a sample) is most often internal, reached only through the one that has them, and they
/// note it as a gap, not as a product without the control. Such a part earns a quarter instead of nothing (an IoT
/// platform's protocol transports and script executors, an error tracker's job host, a status page's checkers and probes).
/// </summary>
internal static class SiblingControls
{
    public const double Credit = 0.25;

    /// <summary>The first other service part of the repository whose facts show the control, or null.</summary>
    public static PartFacts? ServiceWith(AnalyzerContext context, Func<FactTable, bool> has) =>
        context.Part is null
            ? null
            : context.Parts.FirstOrDefault(p => p.Path != context.Part.Path && p.Kind == PartKinds.Service && has(p.Facts));
}
