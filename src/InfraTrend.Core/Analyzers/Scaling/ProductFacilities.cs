using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Scaling;

/// <summary>
/// What a per-part scaling rule judges a part by: the caches, job systems or object stores (one part-scoped fact) the
/// part uses. A repository in which no part serves (only applications: a web interface's build, a storybook, a desktop
/// shell) keeps its server in modules the part detection did not take as a part, such as a Maven module started by a
/// plain main class; what those modules use, found outside every part, is then the product's and counts for the part.
/// </summary>
internal static class ProductFacilities
{
    /// <summary>The end of the LooksFor text of each rule that judges parts through <see cref="Of"/> and <see cref="FrontEndParts"/>.</summary>
    public const string WhichPartLooksFor = " A front end that runs its own Node server beside the product's back end is not judged (the back end's facilities serve it); where no part serves, what code outside every part uses counts for the product.";

    public static (IReadOnlyList<string> Found, IReadOnlyList<Evidence> Evidence) Of(AnalyzerContext context, string key)
    {
        var own = context.Facts.List(key);
        if (own.Count > 0 || !context.IsPart(PartKinds.App) || context.Parts.Count == 0 || context.Parts.Any(p => p.Kind is PartKinds.Service or PartKinds.Worker))
            return (own, context.EvidenceOf(key));
        var outside = context.Repository.List(key)
            .Select(item => (Item: item, Evidence: context.Repository.EvidenceOf(key, item).Where(e => !context.Parts.Any(p => p.Contains(e.Path))).ToList()))
            .Where(x => x.Evidence.Count > 0)
            .ToList();
        return (outside.Select(x => x.Item).ToList(), outside.SelectMany(x => x.Evidence).Distinct().Order().Take(FactTable.EvidenceLimit).ToList());
    }
}
