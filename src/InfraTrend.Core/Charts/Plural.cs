using System.Globalization;

namespace InfraTrend.Charts;

/// <summary>"1 run", "2 runs", "0 runs": a count with its noun in the right number.</summary>
public static class Plural
{
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
