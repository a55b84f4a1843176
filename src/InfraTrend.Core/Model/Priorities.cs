namespace InfraTrend.Model;

/// <summary>The ids of priorities (the history and the charts key open tasks by them) and the report's horizons.</summary>
public static class Priorities
{
    public static string Id(this Priority priority) => priority.ToString().ToLowerInvariant();

    /// <summary>When the sample report's plan puts a task of this priority.</summary>
    public static string Horizon(this Priority priority) =>
        priority switch
        {
            Priority.High => "This week",
            Priority.Medium => "Weeks 2-4",
            _ => "Month 2+",
        };
}
