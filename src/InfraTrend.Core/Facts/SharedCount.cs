namespace InfraTrend.Facts;

/// <summary>
/// A count found in a library that several parts use (a shared Prisma package, an EF Core Infrastructure project):
/// each part counts it, so each part's analyzers see it, and the repository, which sums its parts, counts it once.
/// </summary>
public static class SharedCount
{
    public static void Add(FactContext context, IReadOnlyList<FactTable> tables, string key, long amount, Evidence first, Evidence? last = null)
    {
        foreach (var table in tables)
        {
            table.Count(key, amount, first);
            if (last is not null)
                table.Count(key, 0, last);
        }
        var parts = tables.Count(t => t != context.Repository);
        if (parts > 1)
            context.Repository.Count(key, -(parts - 1) * amount);
    }
}
