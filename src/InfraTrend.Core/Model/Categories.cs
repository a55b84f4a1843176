namespace InfraTrend.Model;

/// <summary>The stable ids and display names of categories (JSON, history and reports rely on the ids).</summary>
public static class Categories
{
    public static readonly IReadOnlyList<Category> All = Enum.GetValues<Category>();

    public static string Id(this Category category) =>
        category switch
        {
            Category.Deployment => "deployment",
            Category.Ci => "ci",
            Category.Monitoring => "monitoring",
            Category.Security => "security",
            Category.Database => "database",
            Category.Operations => "operations",
            Category.Testing => "testing",
            Category.Scaling => "scaling",
            _ => throw new ArgumentOutOfRangeException(nameof(category)),
        };

    public static string DisplayName(this Category category) =>
        category switch
        {
            Category.Deployment => "Deployment",
            Category.Ci => "CI/CD Pipeline",
            Category.Monitoring => "Monitoring & Observability",
            Category.Security => "Security",
            Category.Database => "Database Operations",
            Category.Operations => "Operational Readiness",
            Category.Testing => "Testing & QA",
            Category.Scaling => "Scaling",
            _ => throw new ArgumentOutOfRangeException(nameof(category)),
        };

    public static Category? FromId(string id) => All.Cast<Category?>().FirstOrDefault(c => c!.Value.Id() == id);
}
