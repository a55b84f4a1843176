namespace InfraTrend.Facts;

/// <summary>
/// Is a dotted name or a path at or below another: `a.b` below `a`, `src/api` below `src`. Written once, without
/// building `root + "."` for each test: these run for every import against every catalogue entry, and the
/// concatenations were most of what a monorepo's Python and Go usage sources allocated.
/// </summary>
public static class Prefixes
{
    /// <summary><paramref name="value"/> is <paramref name="root"/> or lies below it.</summary>
    public static bool IsAtOrUnder(string value, string root, char separator, StringComparison comparison = StringComparison.Ordinal) =>
        value.Length == root.Length ? value.Equals(root, comparison) : IsUnder(value, root, separator, comparison);

    /// <summary><paramref name="value"/> lies below <paramref name="root"/>: it starts with the root and then the separator.</summary>
    public static bool IsUnder(string value, string root, char separator, StringComparison comparison = StringComparison.Ordinal) =>
        value.Length > root.Length && value[root.Length] == separator && value.StartsWith(root, comparison);

    /// <summary><paramref name="value"/> is one of <paramref name="roots"/> or lies below one (a loop: no delegate per call).</summary>
    public static bool IsAtOrUnderAny(string value, string[] roots, char separator)
    {
        foreach (var root in roots)
        {
            if (IsAtOrUnder(value, root, separator))
                return true;
        }
        return false;
    }
}
