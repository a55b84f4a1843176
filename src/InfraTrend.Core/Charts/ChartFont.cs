using ScottPlot;
using SkiaSharp;

namespace InfraTrend.Charts;

/// <summary>
/// The font every chart is drawn with: DejaVu Sans, embedded in this assembly (licence in Charts/Fonts/LICENSE.txt).
/// ScottPlot's Skia backend does not fall back to anything when the machine has no fonts: it draws no text and
/// raises no error. So the embedded font is put first among ScottPlot's font resolvers and made its default.
/// </summary>
public static class ChartFont
{
    /// <summary>The family name charts ask for; it is also what SVG files name in their font-family.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<EmbeddedFontResolver> Resolver = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the embedded font with ScottPlot once; every chart calls it before it builds a plot.</summary>
    public static void EnsureRegistered() => _ = Resolver.Value;

    /// <summary>The embedded typeface itself (regular or bold), for tests and for measuring text.</summary>
    public static SKTypeface Typeface(bool bold = false)
    {
        EnsureRegistered();
        return bold ? Resolver.Value.Bold : Resolver.Value.Regular;
    }

    /// <summary>The fonts' licence text, shipped with them.</summary>
    public static string Licence()
    {
        using var stream = Resource("LICENSE.txt");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static EmbeddedFontResolver Register()
    {
        var resolver = new EmbeddedFontResolver(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        lock (Fonts.FontResolvers)
            Fonts.FontResolvers.Insert(0, resolver);
        // Labels created from now on ask for this family; the resolver above answers first, installed fonts or not.
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return resolver;
    }

    private static SKTypeface Load(string file)
    {
        using var stream = Resource(file);
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"the embedded font {file} could not be read");
    }

    private static Stream Resource(string file) =>
        typeof(ChartFont).Assembly.GetManifestResourceStream("InfraTrend.Charts.Fonts." + file)
        ?? throw new InvalidOperationException($"the embedded resource {file} is missing from {typeof(ChartFont).Assembly.GetName().Name}");

    /// <summary>Answers for <see cref="Family"/> only (bold for weights from semi-bold up); any other name goes to the next resolver.</summary>
    private sealed class EmbeddedFontResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface Regular { get; } = regular;
        public SKTypeface Bold { get; } = bold;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? (weight >= FontWeight.SemiBold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);
    }
}
