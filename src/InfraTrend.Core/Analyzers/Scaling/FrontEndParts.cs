using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Scaling;

/// <summary>
/// Front ends that run as their own Node process (a Next.js, React Router, Vue or Svelte server) beside the product's
/// back end. Such a part renders pages and calls the back end's API: the cache, the job queue and the object store are
/// the back end's, as they are for a static web part, so the per-part scaling rules do not judge it.
/// </summary>
internal static class FrontEndParts
{
    /// <summary>Framework ids (stack.frameworks) of user-interface frameworks; a part built on anything else serves an API.</summary>
    private static readonly HashSet<string> Interface = new(StringComparer.Ordinal) { "nextjs", "react", "vue", "angular", "svelte" };

    /// <summary>
    /// True for a service part whose only frameworks are user-interface ones and which keeps no database of its own,
    /// in a repository where another part is built on a server framework (Django, Spring Boot, Express, NestJS...).
    /// </summary>
    private static bool IsFrontEndBesideBackEnd(AnalyzerContext context)
    {
        if (!context.IsPart(PartKinds.Service))
            return false;
        var own = context.Facts.List(FactKeys.Frameworks);
        if (own.Count == 0 || !own.All(Interface.Contains) || context.Facts.List(FactKeys.DatabaseEngines).Count > 0)
            return false;
        return context.Repository.List(FactKeys.Frameworks).Any(f => !Interface.Contains(f));
    }

    /// <summary>
    /// Why the per-part scaling rules (cache, background jobs, object storage) leave this part out: it is a static web
    /// front end, or a front end served by its own Node process beside the back end; null when they judge it.
    /// </summary>
    public static Finding? NotJudged(AnalyzerContext context) =>
        context.IsPart(PartKinds.Web)
            ? context.NotApplicable($"{context.PartName()} is a web front end: server-side scaling belongs to the service behind it.")
            : IsFrontEndBesideBackEnd(context)
                ? context.NotApplicable($"{context.PartName()} is a front end ({string.Join(", ", context.Facts.List(FactKeys.Frameworks))}) beside the product's back end: server-side scaling belongs to the service behind it.")
                : null;
}
