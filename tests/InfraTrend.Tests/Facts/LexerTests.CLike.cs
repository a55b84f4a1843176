using InfraTrend.Facts.Code;

namespace InfraTrend.Tests.Facts;

/// <summary>The JS/TS and C# lexers on the cases that trip a naive one: template holes, regex literals, JSX text, interpolated and raw strings.</summary>
public class CLikeLexerTests
{
    private static CharKind KindOf(CharKind[] kinds, string source, string marker, int occurrence = 1)
    {
        var at = -1;
        for (var i = 0; i < occurrence; i++)
            at = source.IndexOf(marker, at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, $"marker '{marker}' not in the source");
        return kinds[at];
    }

    private static CharKind Ts(string source, string marker, int occurrence = 1) => KindOf(Lexers.JavaScript(source, jsx: false), source, marker, occurrence);

    private static CharKind Tsx(string source, string marker, int occurrence = 1) => KindOf(Lexers.JavaScript(source, jsx: true), source, marker, occurrence);

    private static CharKind Cs(string source, string marker, int occurrence = 1) => KindOf(Lexers.CSharp(source), source, marker, occurrence);

    [Fact]
    public void Template_holes_are_code_and_templates_nest_inside_them()
    {
        var source = "const a = `x ${ `inner ${console.log('deep')} console.log('text')` } console.log('outer text') ${ {k: 1}.k } y`;\nconsole.log('after');\n";

        Assert.Equal(CharKind.Code, Ts(source, "console.log('deep"));
        Assert.Equal(CharKind.String, Ts(source, "console.log('text"));
        Assert.Equal(CharKind.String, Ts(source, "console.log('outer"));
        Assert.Equal(CharKind.Code, Ts(source, ".k }"));
        Assert.Equal(CharKind.String, Ts(source, " y`"));
        Assert.Equal(CharKind.Code, Ts(source, "console.log('after"));
    }

    [Fact]
    public void A_brace_in_a_string_or_a_comment_inside_a_template_hole_does_not_close_the_hole()
    {
        var source = "const a = `${ '}' /* } */ + f() } console.log('in template')`;\nconsole.log('after');\n";

        Assert.Equal(CharKind.Code, Ts(source, "f()"));
        Assert.Equal(CharKind.String, Ts(source, "console.log('in"));
        Assert.Equal(CharKind.Code, Ts(source, "console.log('after"));
    }

    [Fact]
    public void Regex_literals_with_slashes_stars_and_quotes_open_no_comment_and_no_string()
    {
        var source = "const a = /\\/\\*/;\nconst b = s.replace(/\\/\\//g, '/');\nconst c = /[/*]/.test(s);\nconst d = /'/g;\nconsole.log('after');\n";

        var kinds = Lexers.JavaScript(source, jsx: false);

        Assert.DoesNotContain(CharKind.Comment, kinds);
        Assert.Equal(CharKind.String, KindOf(kinds, source, "/[/*]/"));
        Assert.Equal(CharKind.Code, KindOf(kinds, source, ".test(s)"));
        Assert.Equal(CharKind.Code, KindOf(kinds, source, "console.log('after"));
    }

    [Fact]
    public void A_slash_after_a_value_is_a_division_and_the_comment_after_it_still_counts()
    {
        var source = "const half = total / 2; // console.log('comment')\nconst r = (a) / b / c;\nreturn /x/.test(s) ? console.log('code') : 0;\n";

        Assert.Equal(CharKind.Comment, Ts(source, "console.log('comment"));
        Assert.Equal(CharKind.Code, Ts(source, "/ b / c"));
        Assert.Equal(CharKind.String, Ts(source, "/x/"));
        Assert.Equal(CharKind.Code, Ts(source, "console.log('code"));
    }

    [Fact]
    public void Jsx_text_is_not_code_but_its_braces_are()
    {
        var source = """
            export default function Page() {
              return (
                <main className="p-4">
                  <p>Don't call console.log('x') here</p>
                  {items.map((item) => <li key={item.id}>{console.log(item)} it's text</li>)}
                  <Empty />
                </main>
              );
            }
            console.log('after');
            """;

        Assert.Equal(CharKind.String, Tsx(source, "console.log('x')"));
        Assert.Equal(CharKind.String, Tsx(source, "\"p-4\""));
        Assert.Equal(CharKind.Code, Tsx(source, "items.map"));
        Assert.Equal(CharKind.Code, Tsx(source, "item.id"));
        Assert.Equal(CharKind.Code, Tsx(source, "console.log(item)"));
        Assert.Equal(CharKind.String, Tsx(source, "it's text"));
        Assert.Equal(CharKind.Code, Tsx(source, "console.log('after"));
    }

    [Fact]
    public void Type_parameters_and_comparisons_are_not_jsx()
    {
        var source = "const id = <T,>(x: T) => x;\nconst f = <T extends object>(x: T) => x;\nif (a < b) { console.log('lt'); }\nconst s = useState<string>('');\nconsole.log('after');\n";

        Assert.Equal(CharKind.Code, Tsx(source, "console.log('lt"));
        Assert.Equal(CharKind.Code, Tsx(source, "(x: T) => x", 2));
        Assert.Equal(CharKind.Code, Tsx(source, "console.log('after"));
    }

    [Fact]
    public void Fragments_nest_and_a_comment_in_braces_is_a_comment()
    {
        var source = "const a = <>\n  {/* console.log('hidden') */}\n  <>inner console.log('text')</>\n</>;\nconsole.log('after');\n";

        Assert.Equal(CharKind.Comment, Tsx(source, "console.log('hidden"));
        Assert.Equal(CharKind.String, Tsx(source, "console.log('text"));
        Assert.Equal(CharKind.Code, Tsx(source, "console.log('after"));
    }

    [Fact]
    public void Csharp_interpolation_holes_are_code_with_strings_of_their_own()
    {
        var source = "var a = $\"{Format(\"x\")} Console.WriteLine(1) {{literal}} {(ok ? \"}\" : \"y\")}\";\nvar b = $@\"C:\\{dir} \"\"quoted\"\" Console.WriteLine(2)\";\nConsole.WriteLine(3);\n";

        Assert.Equal(CharKind.Code, Cs(source, "Format("));
        Assert.Equal(CharKind.String, Cs(source, "\"x\""));
        Assert.Equal(CharKind.String, Cs(source, "Console.WriteLine(1)"));
        Assert.Equal(CharKind.String, Cs(source, "{{literal}}"));
        Assert.Equal(CharKind.Code, Cs(source, "ok ?"));
        Assert.Equal(CharKind.Code, Cs(source, "dir}"));
        Assert.Equal(CharKind.String, Cs(source, "Console.WriteLine(2)"));
        Assert.Equal(CharKind.Code, Cs(source, "Console.WriteLine(3)"));
    }

    [Fact]
    public void Csharp_raw_strings_close_on_as_many_quotes_as_opened_them()
    {
        var source = "var a = \"\"\"\"\n  has \"\"\" inside; app.UseHsts();\n  \"\"\"\";\nvar b = $$\"\"\"{ \"json\": {{value}} } app.UseCors();\"\"\";\napp.UseHttpsRedirection();\n";

        Assert.Equal(CharKind.String, Cs(source, "app.UseHsts()"));
        Assert.Equal(CharKind.String, Cs(source, "app.UseCors()"));
        Assert.Equal(CharKind.Code, Cs(source, "app.UseHttpsRedirection()"));
    }

    [Fact]
    public void Csharp_char_literals_and_verbatim_identifiers_open_no_string()
    {
        var source = "var q = '\"'; var e = '\\''; var @class = 1;\nConsole.WriteLine(q);\n";

        Assert.Equal(CharKind.Code, Cs(source, "var e"));
        Assert.Equal(CharKind.Code, Cs(source, "@class"));
        Assert.Equal(CharKind.Code, Cs(source, "Console.WriteLine(q)"));
    }
}
