namespace InfraTrend.Charts;

/// <summary>The trend charts: the overall score with the maturity level, every category, open tasks by priority, every monorepo part.</summary>
public enum ChartKind
{
    Overall,
    Categories,
    Burndown,
    Parts,
}

/// <summary>The ids the command line and the file names use ("overall", "categories", "burndown", "parts").</summary>
public static class ChartKinds
{
    public static readonly IReadOnlyList<ChartKind> All = Enum.GetValues<ChartKind>();

    public static string Id(this ChartKind kind) => kind.ToString().ToLowerInvariant();

    public static ChartKind? Parse(string id) => All.Cast<ChartKind?>().FirstOrDefault(k => k!.Value.Id() == id.Trim().ToLowerInvariant());

    /// <summary>"trend-overall.svg": the name a chart gets when a whole set is written to one folder.</summary>
    public static string FileName(this ChartKind kind, string extension) => $"trend-{kind.Id()}.{extension.TrimStart('.')}";
}
