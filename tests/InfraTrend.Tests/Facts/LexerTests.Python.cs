using InfraTrend.Facts.Code;

namespace InfraTrend.Tests.Facts;

/// <summary>The Python lexer on the cases that trip a naive one: prefixes, triple quotes, f-string fields, escapes.</summary>
public class PythonLexerTests
{
    private static CharKind KindOf(string source, string marker, int occurrence = 1)
    {
        var kinds = Lexers.Hash(source, "python");
        var at = -1;
        for (var i = 0; i < occurrence; i++)
            at = source.IndexOf(marker, at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, $"marker '{marker}' not in the source");
        return kinds[at];
    }

    [Fact]
    public void Hash_comments_are_comments_but_a_hash_in_a_string_is_not_one()
    {
        var source = "url = \"http://x/#anchor\"  # print('in a comment')\nprint('code')\n";

        Assert.Equal(CharKind.String, KindOf(source, "#anchor"));
        Assert.Equal(CharKind.Comment, KindOf(source, "print('in"));
        Assert.Equal(CharKind.Code, KindOf(source, "print('code"));
    }

    [Fact]
    public void Triple_quoted_docstrings_hide_code_across_lines_and_escaped_quotes_do_not_close_them()
    {
        var source = "def f():\n    \"\"\"Call sentry_sdk.init() first.\n    An escaped \\\"\"\" stays inside.\n    print('doc')\n    \"\"\"\n    print('body')\n";

        Assert.Equal(CharKind.String, KindOf(source, "sentry_sdk.init"));
        Assert.Equal(CharKind.String, KindOf(source, "print('doc"));
        Assert.Equal(CharKind.Code, KindOf(source, "print('body"));
    }

    [Fact]
    public void Single_quoted_triple_strings_and_raw_strings_with_a_backslash_before_the_quote()
    {
        var source = "a = r'''x\nprint(1)\n'''\nb = r\"\\\"print(2)\"\nprint(3)\n";

        Assert.Equal(CharKind.String, KindOf(source, "print(1)"));
        Assert.Equal(CharKind.String, KindOf(source, "print(2)"));
        Assert.Equal(CharKind.Code, KindOf(source, "print(3)"));
    }

    [Fact]
    public void String_prefixes_belong_to_the_literal_and_an_identifier_ending_in_f_is_not_a_prefix()
    {
        var source = "x = rb'bytes' + Rf\"{y}\"\nif\"a\" == 'a': pass\n";

        Assert.Equal(CharKind.String, KindOf(source, "rb'"));
        Assert.Equal(CharKind.String, KindOf(source, "Rf\""));
        Assert.Equal(CharKind.Code, KindOf(source, "if\""));
    }

    [Fact]
    public void F_string_fields_are_code_with_strings_of_their_own_even_in_the_same_quote()
    {
        var source = "msg = f\"user {print(d[\"name\"])} has {n:>{width}} items {{print(literal)}}\"\nprint('after')\n";

        Assert.Equal(CharKind.String, KindOf(source, "user "));
        Assert.Equal(CharKind.Code, KindOf(source, "print(d["));
        Assert.Equal(CharKind.String, KindOf(source, "name"));
        Assert.Equal(CharKind.String, KindOf(source, ">{"));
        Assert.Equal(CharKind.Code, KindOf(source, "width"));
        Assert.Equal(CharKind.String, KindOf(source, "print(literal)"));
        Assert.Equal(CharKind.Code, KindOf(source, "print('after"));
    }

    [Fact]
    public void F_string_conversions_dicts_in_fields_and_triple_quoted_f_strings()
    {
        var source = "a = f'{x!r} {{}} { {\"k\": 1}[\"k\"] }'\nb = f\"\"\"\n{call()}\nprint(2)\n\"\"\"\nprint(3)\n";

        Assert.Equal(CharKind.Code, KindOf(source, "x!r"));
        Assert.Equal(CharKind.String, KindOf(source, "r}"));
        Assert.Equal(CharKind.Code, KindOf(source, "[\"k\"]"));
        Assert.Equal(CharKind.Code, KindOf(source, "call()"));
        Assert.Equal(CharKind.String, KindOf(source, "print(2)"));
        Assert.Equal(CharKind.Code, KindOf(source, "print(3)"));
    }

    [Fact]
    public void An_unterminated_single_quoted_string_ends_at_the_line_and_a_backslash_newline_continues_it()
    {
        var source = "a = 'open\nprint(1)\nb = 'line \\\nprint(2)'\nprint(3)\n";

        Assert.Equal(CharKind.Code, KindOf(source, "print(1)"));
        Assert.Equal(CharKind.String, KindOf(source, "print(2)"));
        Assert.Equal(CharKind.Code, KindOf(source, "print(3)"));
    }
}
