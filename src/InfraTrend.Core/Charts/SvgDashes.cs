using System.Globalization;
using ScottPlot;

namespace InfraTrend.Charts;

/// <summary>
/// Skia's SVG canvas cannot write a dash pattern: it draws the line solid and prints "Unsupported path effect"
/// on the process's standard output (from native code, past any .NET redirection). So an SVG chart draws its
/// dashed and dotted lines solid, with a stroke width no other line has, and <see cref="Apply"/> turns that
/// width back into a 1.5 px line with a stroke-dasharray.
/// </summary>
internal static class SvgDashes
{
    /// <summary>The width of every dashed or dotted line.</summary>
    public const float Width = 1.5f;

    /// <summary>A pattern as the PNG draws it, and the width that marks it in an SVG.</summary>
    public sealed record Dash(LinePattern Pattern, float MarkWidth, string DashArray);

    public static readonly Dash Dashed = new(new LinePattern([8, 5], 0, "InfraTrendDashed"), 1.501f, "8 5");
    public static readonly Dash Dotted = new(new LinePattern([2, 4], 0, "InfraTrendDotted"), 1.502f, "2 4");

    public static string Apply(string svg)
    {
        foreach (var dash in new[] { Dashed, Dotted })
        {
            var mark = $"stroke-width=\"{dash.MarkWidth.ToString(CultureInfo.InvariantCulture)}\"";
            var replacement = $"stroke-width=\"{Width.ToString(CultureInfo.InvariantCulture)}\" stroke-dasharray=\"{dash.DashArray}\"";
            svg = svg.Replace(mark, replacement, StringComparison.Ordinal);
        }
        return svg;
    }
}
