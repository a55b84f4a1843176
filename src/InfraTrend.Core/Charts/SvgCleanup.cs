using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace InfraTrend.Charts;

/// <summary>
/// Mends what Skia's SVG canvas writes so the file is stable and several charts can share one HTML page:
/// <list type="bullet">
/// <item>It cannot write a dash pattern: it draws the line solid and prints "Unsupported path effect" on the
/// process's standard output (from native code, past any .NET redirection). So an SVG chart draws its dashed
/// and dotted lines solid, with a stroke width no other line has, and this turns that width back into a
/// 1.5 px line with a stroke-dasharray.</item>
/// <item>Its clip-path ids come from a process-wide counter: they are renumbered from 0 under a prefix, so the
/// same chart gives the same bytes and two charts inline in one page never share an id.</item>
/// <item>Its per-glyph x and y lists end in ", ", which a strict parser rejects: the trailing comma goes.</item>
/// <item>It names one font family; a viewer without it gets fallbacks of the same shape.</item>
/// </list>
/// </summary>
internal static partial class SvgCleanup
{
    /// <summary>The width of every dashed or dotted line.</summary>
    public const float DashWidth = 1.5f;

    /// <summary>A pattern as a PNG draws it, and the width that marks it in an SVG.</summary>
    public sealed record Dash(LinePattern Pattern, float MarkWidth, string DashArray);

    public static readonly Dash Dashed = new(new LinePattern([8, 5], 0, "InfraTrendDashed"), 1.501f, "8 5");
    public static readonly Dash Dotted = new(new LinePattern([2, 4], 0, "InfraTrendDotted"), 1.502f, "2 4");

    public static string Apply(string svg, string idPrefix)
    {
        foreach (var dash in new[] { Dashed, Dotted })
        {
            var mark = $"stroke-width=\"{dash.MarkWidth.ToString(CultureInfo.InvariantCulture)}\"";
            var replacement = $"stroke-width=\"{DashWidth.ToString(CultureInfo.InvariantCulture)}\" stroke-dasharray=\"{dash.DashArray}\"";
            svg = svg.Replace(mark, replacement, StringComparison.Ordinal);
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = IdAttribute().Replace(svg, m =>
        {
            var id = idPrefix + ids.Count.ToString(CultureInfo.InvariantCulture);
            ids[m.Groups[1].Value] = id;
            return $"id=\"{id}\"";
        });
        svg = UrlReference().Replace(svg, m => ids.TryGetValue(m.Groups[1].Value, out var id) ? $"url(#{id})" : m.Value);

        // A viewer without DejaVu Sans falls back to Verdana (of similar width) or any sans-serif, not to a serif.
        svg = svg.Replace($"font-family=\"{ChartFont.Family}\"", $"font-family=\"{ChartFont.Family}, Verdana, sans-serif\"", StringComparison.Ordinal);
        return TrailingComma().Replace(svg, " $1=\"$2\"");
    }

    [GeneratedRegex("id=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlReference();

    [GeneratedRegex(" ([xy])=\"([^\"]*?),\\s*\"", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingComma();
}
