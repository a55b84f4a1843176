using System.Buffers.Binary;
using System.Xml.Linq;

namespace InfraTrend.Tests.Charts;

/// <summary>What a test checks in a chart file: a PNG's signature and size, an SVG's parsed text.</summary>
internal static class ChartFiles
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width and height from a PNG's IHDR chunk; fails the test when the bytes are not a PNG.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 33, $"{png.Length} bytes cannot hold a PNG header");
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>Parses the SVG as XML (failing the test if it is not) and returns every text element's content, trimmed.</summary>
    public static IReadOnlyList<string> SvgTexts(string svg)
    {
        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", document.Root!.Name);
        return document.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
    }
}
