using System.Text.RegularExpressions;

namespace InfraTrend.Facts;

/// <summary>Writes versions as the repository pins them, without `v` or range operators (facts.md).</summary>
public static partial class Versions
{
    [GeneratedRegex(@"\d+(\.(\d+|x|\*))*")]
    private static partial Regex VersionPattern();

    /// <summary>`^20.1` -> `20.1`, `>=22.22.3` -> `22.22.3`, `v20.19.0` -> `20.19.0`, `20.x` -> `20`; null when there is no version.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        var match = VersionPattern().Match(raw.Trim());
        if (!match.Success)
            return null;
        var parts = match.Value.Split('.').TakeWhile(p => p != "x" && p != "*");
        var joined = string.Join('.', parts);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>True when two pins name the same version where both say something (20 and 20.19.0 agree).</summary>
    public static bool Agree(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        var n = Math.Min(x.Length, y.Length);
        return x.Take(n).SequenceEqual(y.Take(n));
    }
}
