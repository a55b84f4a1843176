using InfraTrend.Facts.Code;

namespace InfraTrend.Tests.Facts;

public class JavaLexerTests
{
    private static CharKind KindOf(string source, string language, string needle, bool last = false)
    {
        var at = last ? source.LastIndexOf(needle, StringComparison.Ordinal) : source.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{needle}' is not in the source");
        var kinds = Lexers.CLike(source, language);
        var kind = kinds[at];
        for (var i = at; i < at + needle.Length; i++)
            Assert.True(kinds[i] == kind, $"'{needle}' is partly {kind}, partly {kinds[i]} (at '{source[i]}')");
        return kind;
    }

    [Fact]
    public void Java_text_blocks_hold_quotes_and_calls_as_string()
    {
        const string source = """"
            String sql = """
                SELECT "name" FROM users -- System.out.println("no")
                WHERE a = \""" ok
                """;
            System.out.println(sql);
            """";

        Assert.Equal(CharKind.String, KindOf(source, "java", "SELECT \"name\" FROM users -- System.out.println(\"no\")"));
        Assert.Equal(CharKind.String, KindOf(source, "java", "WHERE a = \\\"\"\" ok"));
        Assert.Equal(CharKind.Code, KindOf(source, "java", "System.out.println(sql)"));
    }

    [Fact]
    public void Java_char_literals_and_empty_strings_do_not_confuse_the_lexer()
    {
        const string source = """
            char q = '"';
            String e = "" + "a";
            System.out.println(q);
            """;

        Assert.Equal(CharKind.String, KindOf(source, "java", "'\"'"));
        Assert.Equal(CharKind.Code, KindOf(source, "java", " + "));
        Assert.Equal(CharKind.Code, KindOf(source, "java", "System.out.println(q)"));
    }

    [Fact]
    public void Kotlin_raw_strings_have_no_escapes_and_close_on_the_last_quotes()
    {
        const string source = """"""
            val path = """C:\new\"""
            val quoted = """say "hi"""""
            println(path)
            """""";

        Assert.Equal(CharKind.String, KindOf(source, "kotlin", "\"\"\"C:\\new\\\"\"\""));
        Assert.Equal(CharKind.String, KindOf(source, "kotlin", "\"\"\"say \"hi\"\"\"\"\""));
        Assert.Equal(CharKind.Code, KindOf(source, "kotlin", "println(path)"));
    }

    [Fact]
    public void Kotlin_templates_may_hold_quotes_and_braces()
    {
        const string source = """"
            val a = "key ${map["println(x)"]} and ${ if (ok) { "}" } else "" } end"
            val b = $$"""raw ${config["dsn"]} println("no")"""
            println(a)
            """";

        Assert.Equal(CharKind.String, KindOf(source, "kotlin", "\"key ${map[\"println(x)\"]} and ${ if (ok) { \"}\" } else \"\" } end\""));
        Assert.Equal(CharKind.String, KindOf(source, "kotlin", "println(\"no\")"));
        Assert.Equal(CharKind.Code, KindOf(source, "kotlin", "println(a)"));
    }

    [Fact]
    public void Kotlin_block_comments_nest()
    {
        const string source = """
            /* outer /* inner */ println("still a comment") */
            println("code")
            """;

        Assert.Equal(CharKind.Comment, KindOf(source, "kotlin", "println(\"still a comment\") */"));
        Assert.Equal(CharKind.Code, KindOf(source, "kotlin", "println(", last: true));
    }

    [Fact]
    public void Java_block_comments_do_not_nest()
    {
        const string source = """
            /* outer /* inner */ System.out.println("code");
            """;

        Assert.Equal(CharKind.Code, KindOf(source, "java", "System.out.println("));
    }

    [Fact]
    public void Groovy_triple_quoted_and_template_strings()
    {
        const string source = """"
            def a = '''implementation 'io.sentry:sentry' '''
            def b = """${project.version} "implementation" """
            implementation 'org.flywaydb:flyway-core'
            """";

        Assert.Equal(CharKind.String, KindOf(source, "groovy", "implementation 'io.sentry:sentry' '''"));
        Assert.Equal(CharKind.String, KindOf(source, "groovy", "\"implementation\" \"\"\""));
        Assert.Equal(CharKind.Code, KindOf(source, "groovy", "implementation", last: true));
    }
}
