using System.Xml.Linq;
using InfraTrend.Charts;
using InfraTrend.Model;
using static InfraTrend.Tests.Charts.Series;

namespace InfraTrend.Tests.Charts;

/// <summary>
/// The charts' font comes from this assembly, not from the machine. (Checked by hand as well: with /usr/share/fonts
/// hidden under an empty tmpfs in a private mount namespace, Skia finds no font family at all, a plain ScottPlot chart
/// has no text, and these charts come out byte for byte the same as with the fonts installed.)
/// </summary>
public sealed class ChartFontTests
{
    [Fact]
    public void Default_font_resolves_to_the_embedded_DejaVu_Sans_in_both_weights()
    {
        ChartFont.EnsureRegistered();

        Assert.Equal(ChartFont.Family, ScottPlot.Fonts.Default);
        Assert.Same(ChartFont.Typeface(), ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, bold: false, italic: false));
        Assert.Same(ChartFont.Typeface(bold: true), ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, bold: true, italic: false));
        Assert.Equal("DejaVu Sans", ChartFont.Typeface().FamilyName);
        Assert.True(ChartFont.Typeface(bold: true).IsBold);
    }

    [Fact]
    public void Embedded_font_has_every_glyph_a_chart_writes()
    {
        const string Text = "Overall score 0123456789 -+()/:. CI/CD Pipeline Monitoring & Observability Target: level 4 by 2025-12-31 – ≥";

        Assert.True(ChartFont.Typeface().ContainsGlyphs(Text));
        Assert.True(ChartFont.Typeface(bold: true).ContainsGlyphs(Text));
    }

    [Fact]
    public void Every_text_of_a_chart_is_set_in_the_embedded_family()
    {
        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = XDocument.Parse(TrendChart.Svg(Improving(5, 30, new Target("overall", 80, Day(60))), ChartKind.Overall));

        var families = svg.Descendants(ns + "text").Select(t => (string?)t.Attribute("font-family")).Distinct().ToList();

        Assert.Equal(["DejaVu Sans, Verdana, sans-serif"], families);
    }

    [Fact]
    public void Font_licence_ships_with_the_font()
    {
        var licence = ChartFont.Licence();

        Assert.Contains("Copyright (c) 2003 by Bitstream, Inc.", licence, StringComparison.Ordinal);
        Assert.Contains("DejaVu changes are in public domain.", licence, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted, free of charge", licence, StringComparison.Ordinal);
    }
}
