using InfraTrend.Scanning;

namespace InfraTrend.Tests.Scanning;

/// <summary>A backfill keeps the texts it shares between commits packed; each must come back exactly as it was read.</summary>
public sealed class PackedTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("const app = express();\napp.use(helmet());\n")]
    [InlineData("Grüße, 日本語, emoji 🚀 and a BOM-less UTF-8 text\r\nwith CRLF\n")]
    [InlineData("lone high surrogate \ud800 in the middle")]
    [InlineData("lone low surrogate at the end \udc00")]
    public void A_text_comes_back_unchanged(string text) => Assert.Equal(text, PackedText.Pack(text).Unpack());

    [Fact]
    public void A_long_repetitive_text_comes_back_unchanged()
    {
        // Long enough for deflate to shrink it, so the deflated branch is the one taken.
        var text = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"import {{ thing{i % 7} }} from './module{i % 13}';\n"));
        Assert.Equal(text, PackedText.Pack(text).Unpack());
    }
}
