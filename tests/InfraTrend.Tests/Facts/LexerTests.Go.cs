using InfraTrend.Facts.Code;

namespace InfraTrend.Tests.Facts;

/// <summary>The C-like lexer on Go's awkward cases: raw backtick strings, runes, comments that hold quotes.</summary>
public class GoLexerTests
{
    private static CharKind KindOf(string source, string marker)
    {
        var kinds = Lexers.CLike(source, "go");
        var at = source.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"marker '{marker}' not in the source");
        return kinds[at];
    }

    [Fact]
    public void Raw_strings_span_lines_and_hold_comment_markers_and_quotes()
    {
        var source = "q := `SELECT 1 -- \"x\"\n// fmt.Println(\"raw\")\n/* not a comment */`\nfmt.Println(\"code\")\n";

        Assert.Equal(CharKind.String, KindOf(source, "// fmt"));
        Assert.Equal(CharKind.String, KindOf(source, "/* not"));
        Assert.Equal(CharKind.Code, KindOf(source, "fmt.Println(\"code"));
    }

    [Fact]
    public void Runes_that_are_quotes_or_backticks_do_not_open_strings()
    {
        var source = "if c == '\"' || c == '`' || c == '\\'' {\n\tfmt.Println(c)\n}\n";

        Assert.Equal(CharKind.Code, KindOf(source, "fmt.Println"));
    }

    [Fact]
    public void Comments_hide_calls_and_their_quotes_do_not_leak()
    {
        var source = "// fmt.Println(\"it's\")\n/* sentry.Init(sentry.ClientOptions{}) `raw */\nx := \"// not a comment\"\nfmt.Printf(\"%d\", 1)\n";

        Assert.Equal(CharKind.Comment, KindOf(source, "fmt.Println"));
        Assert.Equal(CharKind.Comment, KindOf(source, "sentry.Init"));
        Assert.Equal(CharKind.String, KindOf(source, "// not"));
        Assert.Equal(CharKind.Code, KindOf(source, "fmt.Printf"));
    }

    [Fact]
    public void Escaped_quotes_stay_inside_interpreted_strings()
    {
        var source = "s := \"a \\\" fmt.Println(1) \\\\\"\nfmt.Println(2)\n";

        Assert.Equal(CharKind.String, KindOf(source, "fmt.Println(1)"));
        Assert.Equal(CharKind.Code, KindOf(source, "fmt.Println(2)"));
    }
}
