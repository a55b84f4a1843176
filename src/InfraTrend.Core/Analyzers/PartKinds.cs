namespace InfraTrend.Analyzers;

/// <summary>The kinds of deployable part (facts.md, "parts") that per-part analyzers tell apart.</summary>
internal static class PartKinds
{
    public const string Service = "service";
    public const string Web = "web";
    public const string Worker = "worker";
    public const string App = "app";

    /// <summary>True when the analyzer runs for a part of <paramref name="kind"/>.</summary>
    public static bool IsPart(this AnalyzerContext context, string kind) => context.Part?.Kind == kind;

    /// <summary>"the web part apps/web", for not-applicable messages.</summary>
    public static string PartName(this AnalyzerContext context) =>
        context.Part is null ? "the repository" : $"the {context.Part.Kind} part {context.Part.Path}";
}
