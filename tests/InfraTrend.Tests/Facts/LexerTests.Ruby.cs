using InfraTrend.Facts.Code;

namespace InfraTrend.Tests.Facts;

public class RubyLexerTests
{
    /// <summary>The kind of every character of <paramref name="needle"/>'s first occurrence, which must all agree.</summary>
    private static CharKind KindOf(string source, string needle, bool last = false)
    {
        var at = last ? source.LastIndexOf(needle, StringComparison.Ordinal) : source.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{needle}' is not in the source");
        var kinds = Lexers.Hash(source, "ruby");
        var kind = kinds[at];
        for (var i = at; i < at + needle.Length; i++)
            Assert.True(kinds[i] == kind, $"'{needle}' is partly {kind}, partly {kinds[i]} (at '{source[i]}')");
        return kind;
    }

    [Fact]
    public void Squiggly_and_dash_heredocs_with_quoted_tags_are_strings_and_code_resumes_after_the_tag()
    {
        const string source = """
            query = <<~SQL.squish
              SELECT 1 # not a comment
            SQL
            raw = <<-'EOS'
                puts "inside a raw heredoc #{x}"
                EOS
            puts "after"
            """;

        Assert.Equal(CharKind.String, KindOf(source, "SELECT 1 # not a comment"));
        Assert.Equal(CharKind.Code, KindOf(source, ".squish"));
        Assert.Equal(CharKind.String, KindOf(source, "puts \"inside a raw heredoc"));
        Assert.Equal(CharKind.Code, KindOf(source, "puts", last: true));
    }

    [Fact]
    public void Two_heredocs_on_one_line_are_read_one_after_the_other()
    {
        const string source = """
            call(<<~ONE, <<~"TWO")
              Sentry.init first
            ONE
              Sentry.init second
            TWO
            Sentry.init
            """;

        Assert.Equal(CharKind.String, KindOf(source, "Sentry.init first"));
        Assert.Equal(CharKind.String, KindOf(source, "Sentry.init second"));
        Assert.Equal(CharKind.Code, KindOf(source, "Sentry.init", last: true));
    }

    [Fact]
    public void Append_and_singleton_class_are_not_heredocs()
    {
        const string source = """
            class << self
              items << value
              list <<other
            end
            puts "code"
            """;

        Assert.Equal(CharKind.Code, KindOf(source, "items << value"));
        Assert.Equal(CharKind.Code, KindOf(source, "list <<other"));
        Assert.Equal(CharKind.Code, KindOf(source, "puts"));
    }

    [Fact]
    public void Begin_end_blocks_and_everything_after_END_are_comments()
    {
        const string source = """
            =begin
            Sentry.init do |config| end
            =end
            Rack::Attack.throttle("x")
            __END__
            puts "data"
            """;

        Assert.Equal(CharKind.Comment, KindOf(source, "Sentry.init do |config| end"));
        Assert.Equal(CharKind.Code, KindOf(source, "Rack::Attack.throttle"));
        Assert.Equal(CharKind.Comment, KindOf(source, "puts \"data\""));
    }

    [Fact]
    public void Percent_literals_nest_their_delimiters()
    {
        const string source = """
            a = %q(it's (nested) puts "x")
            b = %w[puts p print]
            c = %Q{#{ENV["KEY"]} {braces} puts}
            d = %i<one two>
            e = %(bare #{1} literal)
            puts a
            """;

        Assert.Equal(CharKind.String, KindOf(source, "it's (nested) puts \"x\")"));
        Assert.Equal(CharKind.String, KindOf(source, "puts p print]"));
        Assert.Equal(CharKind.Code, KindOf(source, "ENV"));
        Assert.Equal(CharKind.String, KindOf(source, " {braces} puts}"));
        Assert.Equal(CharKind.String, KindOf(source, "one two>"));
        Assert.Equal(CharKind.String, KindOf(source, "bare "));
        Assert.Equal(CharKind.Code, KindOf(source, "puts a"));
    }

    [Fact]
    public void Modulo_is_not_a_percent_literal()
    {
        const string source = """
            x = count % (size)
            y = "%s" % [name]
            puts x
            """;

        Assert.Equal(CharKind.Code, KindOf(source, "% (size)"));
        Assert.Equal(CharKind.Code, KindOf(source, "% [name]"));
        Assert.Equal(CharKind.Code, KindOf(source, "puts x"));
    }

    [Fact]
    public void Interpolation_is_code_and_may_hold_quotes_and_braces()
    {
        const string source = """
            msg = "dsn #{ENV.fetch("SENTRY_DSN") { "none" }} # not a comment"
            puts msg
            """;

        Assert.Equal(CharKind.Code, KindOf(source, "ENV.fetch("));
        Assert.Equal(CharKind.String, KindOf(source, "\"SENTRY_DSN\""));
        Assert.Equal(CharKind.String, KindOf(source, " # not a comment\""));
        Assert.Equal(CharKind.Code, KindOf(source, "puts msg"));
    }

    [Fact]
    public void Single_quotes_do_not_interpolate_and_strings_may_span_lines()
    {
        const string source = """
            a = 'no #{puts "x"} here'
            sql = "SELECT *
              FROM users # still the string"
            puts sql
            """;

        Assert.Equal(CharKind.String, KindOf(source, "no #{puts \"x\"} here'"));
        Assert.Equal(CharKind.String, KindOf(source, "FROM users # still the string\""));
        Assert.Equal(CharKind.Code, KindOf(source, "puts sql"));
    }

    [Fact]
    public void Regex_literals_are_told_from_division()
    {
        const string source = """
            parts = line.split /"#,/
            ratio = total / count # a comment
            ok = path =~ /health"/
            puts ratio
            """;

        Assert.Equal(CharKind.String, KindOf(source, "/\"#,/"));
        Assert.Equal(CharKind.Code, KindOf(source, "total / count"));
        Assert.Equal(CharKind.Comment, KindOf(source, "# a comment"));
        Assert.Equal(CharKind.String, KindOf(source, "/health\"/"));
        Assert.Equal(CharKind.Code, KindOf(source, "puts ratio"));
    }

    [Fact]
    public void Special_globals_and_character_literals_do_not_open_strings()
    {
        const string source = """
            loaded = $".size
            quote = ?"
            puts loaded
            """;

        Assert.Equal(CharKind.Code, KindOf(source, ".size"));
        Assert.Equal(CharKind.Code, KindOf(source, "puts loaded"));
    }
}
