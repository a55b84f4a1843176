using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Code;

/// <summary>What a character of source is: code, inside a comment, or inside a string literal.</summary>
public enum CharKind : byte
{
    Code,
    Comment,
    String,
}

/// <summary>
/// The kind of each character of a text, packed four to a byte: every application source of a monorepo is held
/// lexed at once, and a byte per character was a quarter of an audit's memory.
/// </summary>
public sealed class CharKinds
{
    private readonly byte[] _packed;

    public CharKinds(CharKind[] kinds)
    {
        Length = kinds.Length;
        _packed = new byte[(kinds.Length + 3) / 4];
        for (var i = 0; i < kinds.Length; i++)
            _packed[i >> 2] |= (byte)((int)kinds[i] << ((i & 3) * 2));
    }

    /// <summary>Kinds packed before (by <see cref="Packed"/>), for <paramref name="length"/> characters.</summary>
    internal CharKinds(byte[] packed, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(packed.Length, (length + 3) / 4, nameof(packed));
        _packed = packed;
        Length = length;
    }

    internal ReadOnlySpan<byte> Packed => _packed;

    public int Length { get; }

    public CharKind this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));
            return (CharKind)((_packed[index >> 2] >> ((index & 3) * 2)) & 3);
        }
    }
}

/// <summary>Which lexer reads a file: C-like comments (`//`, `/* */`) or hash comments (`#`).</summary>
public enum LexerFamily
{
    CLike,
    Hash,
}

/// <summary>
/// A source file with each character marked as code, comment or string, so a pattern only counts where
/// it stands in code: a `console.log(` in a comment or a string is not a call.
/// </summary>
public sealed class SourceText
{
    private TextLines? _lines;

    public SourceText(string path, string text, LexerFamily family, string language)
    {
        Path = path;
        Text = text;
        Language = language;
        Kinds = new CharKinds(language is "javascript" or "typescript" ? Lexers.JavaScript(text, Lexers.AllowsJsx(path))
            : family == LexerFamily.CLike ? Lexers.CLike(text, language)
            : Lexers.Hash(text, language));
    }

    /// <summary>A text lexed before (the same content in an earlier commit of a backfill): <paramref name="kinds"/> must be its own.</summary>
    internal SourceText(string path, string text, string language, CharKinds kinds)
    {
        Path = path;
        Text = text;
        Language = language;
        Kinds = kinds;
    }

    public string Path { get; }
    public string Text { get; }
    public string Language { get; }
    public CharKinds Kinds { get; }

    public int LineOf(int offset) => (_lines ??= new TextLines(Text)).LineOf(offset);

    public Evidence EvidenceAt(int offset) => new(Path, LineOf(offset));

    public bool IsCode(int offset) => offset >= 0 && offset < Kinds.Length && Kinds[offset] == CharKind.Code;

    /// <summary>Matches that begin in code (their arguments may be strings: `require('helmet')`).</summary>
    public IEnumerable<Match> CodeMatches(Regex pattern)
    {
        foreach (Match match in pattern.Matches(Text))
        {
            if (IsCode(match.Index))
                yield return match;
        }
    }

    public bool HasCode(Regex pattern) => CountCode(pattern, stopAtFirst: true).Count > 0;

    /// <summary>The first code match's evidence, or null.</summary>
    public Evidence? FirstCode(Regex pattern) => CountCode(pattern, stopAtFirst: true) is { Count: > 0 } found ? EvidenceAt(found.First) : null;

    /// <summary>
    /// How many matches begin in code, and where the first one does: without building a Match for each, since a
    /// pattern like a console call matches thousands of times in a monorepo and only the count is wanted.
    /// </summary>
    public (int Count, int First) CountCode(Regex pattern, bool stopAtFirst = false)
    {
        var (count, first) = (0, -1);
        foreach (var match in pattern.EnumerateMatches(Text))
        {
            if (!IsCode(match.Index))
                continue;
            if (count++ == 0)
                first = match.Index;
            if (stopAtFirst)
                break;
        }
        return (count, first);
    }
}

/// <summary>Small hand-written lexers: just enough to tell code, comments and strings apart.</summary>
public static partial class Lexers
{
    /// <summary>JS/TS, C#, Go, Java, Kotlin, Rust: line and block comments, quotes, template strings (with code inside `${}`), raw strings.</summary>
    public static CharKind[] CLike(string s, string language)
    {
        if (language is "javascript" or "typescript")
            return JavaScript(s, jsx: false);
        if (language == "csharp")
            return CSharp(s);
        var kinds = new CharKind[s.Length];
        var nestedComments = language is "kotlin" or "rust" or "swift";
        // JS/TS and C# have lexers of their own (above): what is left here is Go, the JVM languages and Rust.
        var goRaw = language == "go";
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                var end = s.IndexOf('\n', i);
                if (end < 0)
                    end = s.Length;
                Mark(kinds, i, end, CharKind.Comment);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                var depth = 1;
                var j = i + 2;
                while (j < s.Length && depth > 0)
                {
                    if (s[j] == '*' && j + 1 < s.Length && s[j + 1] == '/')
                    {
                        depth--;
                        j += 2;
                    }
                    else if (nestedComments && s[j] == '/' && j + 1 < s.Length && s[j + 1] == '*')
                    {
                        depth++;
                        j += 2;
                    }
                    else
                        j++;
                }
                Mark(kinds, i, j, CharKind.Comment);
                i = j;
            }
            else if (JvmStringAt(s, i, language))
            {
                i = JvmString(s, kinds, i, language);
            }
            else if (c == '"' || c == '\'' && !IsRustLifetime(s, i, language))
            {
                var start = i;
                i++;
                while (i < s.Length && s[i] != c && s[i] != '\n')
                    i += s[i] == '\\' ? 2 : 1;
                Mark(kinds, start, Math.Min(i + 1, s.Length), CharKind.String);
                i++;
            }
            else if (c == '`' && goRaw)
            {
                i = GoRaw(s, kinds, i);
            }
            else
            {
                i++;
            }
        }
        return kinds;
    }

    private static bool IsRustLifetime(string s, int i, string language) =>
        language == "rust" && i + 2 < s.Length && char.IsLetter(s[i + 1]) && s[i + 2] != '\'';

    private static int GoRaw(string s, CharKind[] kinds, int i)
    {
        var close = s.IndexOf('`', i + 1);
        var end = close < 0 ? s.Length : close + 1;
        Mark(kinds, i, end, CharKind.String);
        return end;
    }

    /// <summary>Files whose `<` in expression position opens JSX: .jsx, .tsx and .js (a .ts file's `<T>` is a type).</summary>
    public static bool AllowsJsx(string path) =>
        path.EndsWith(".jsx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".js", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// JS/TS: line and block comments, quotes, template literals whose `${}` holes are code (templates nest), regex
    /// literals (`/[/*]/` and `/\/\//g` open no comment), and with <paramref name="jsx"/> JSX: element text is string,
    /// attribute and child expressions in braces are code.
    /// </summary>
    public static CharKind[] JavaScript(string s, bool jsx)
    {
        var kinds = new CharKind[s.Length];
        JsCode(s, kinds, 0, jsx, inHole: false);
        return kinds;
    }

    /// <summary>Marks the `//` line comment or the (unnested) `/* */` block comment that starts at <paramref name="i"/>; returns where it ends.</summary>
    private static int SlashComment(string s, CharKind[] kinds, int i)
    {
        int end;
        if (s[i + 1] == '/')
            end = s.IndexOf('\n', i) is >= 0 and var newline ? newline : s.Length;
        else
            end = s.IndexOf("*/", i + 2, StringComparison.Ordinal) is >= 0 and var close ? close + 2 : s.Length;
        Mark(kinds, i, end, CharKind.Comment);
        return end;
    }

    /// <summary>Lexes code from <paramref name="i"/>; inside a hole (`${...}`, `{...}` in JSX) stops at the `}` that closes it.</summary>
    private static int JsCode(string s, CharKind[] kinds, int i, bool jsx, bool inHole)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '/' && next is '/' or '*')
                i = SlashComment(s, kinds, i);
            else if (c is '"' or '\'')
                i = JsQuoted(s, kinds, i);
            else if (c == '`')
                i = JsTemplate(s, kinds, i, jsx);
            else if (c == '/' && JsExpressionExpected(s, kinds, i))
                i = JsRegex(s, kinds, i);
            else if (jsx && c == '<' && JsExpressionExpected(s, kinds, i) && LooksLikeJsx(s, i))
                i = JsxElement(s, kinds, i);
            else
            {
                if (c == '{')
                    depth++;
                else if (c == '}')
                {
                    if (depth == 0 && inHole)
                        return i;
                    depth--;
                }
                i++;
            }
        }
        return i;
    }

    private static int JsQuoted(string s, CharKind[] kinds, int quote)
    {
        var i = quote + 1;
        while (i < s.Length && s[i] != s[quote] && s[i] != '\n')
            i += s[i] == '\\' ? 2 : 1;
        var end = Math.Min(i + 1, s.Length);
        Mark(kinds, quote, end, CharKind.String);
        return end;
    }

    private static int JsTemplate(string s, CharKind[] kinds, int tick, bool jsx)
    {
        kinds[tick] = CharKind.String;
        var i = tick + 1;
        while (i < s.Length)
        {
            if (s[i] == '\\')
            {
                Mark(kinds, i, i + 2, CharKind.String);
                i += 2;
            }
            else if (s[i] == '`')
            {
                kinds[i] = CharKind.String;
                return i + 1;
            }
            else if (s[i] == '$' && i + 1 < s.Length && s[i + 1] == '{')
            {
                Mark(kinds, i, i + 2, CharKind.String);
                i = JsCode(s, kinds, i + 2, jsx, inHole: true);
                if (i < s.Length)
                    kinds[i++] = CharKind.String;
            }
            else
                kinds[i++] = CharKind.String;
        }
        return i;
    }

    /// <summary>A regex literal from its opening slash: a `/` inside a character class or after a backslash does not close it.</summary>
    private static int JsRegex(string s, CharKind[] kinds, int slash)
    {
        var inClass = false;
        for (var i = slash + 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\n')
                return slash + 1; // not a regex after all: a lone slash
            if (c == '\\')
                i++;
            else if (c == '[')
                inClass = true;
            else if (c == ']')
                inClass = false;
            else if (c == '/' && !inClass)
            {
                var end = i + 1;
                while (end < s.Length && char.IsAsciiLetterLower(s[end]))
                    end++;
                Mark(kinds, slash, end, CharKind.String);
                return end;
            }
        }
        return slash + 1;
    }

    private static readonly HashSet<string> JsKeywordsBeforeExpression = new(StringComparer.Ordinal)
    {
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
    };

    /// <summary>True when an expression may start at <paramref name="i"/>: a `/` there opens a regex, not a division; a `<`, JSX.</summary>
    private static bool JsExpressionExpected(string s, CharKind[] kinds, int i)
    {
        var p = i - 1;
        while (p >= 0 && (char.IsWhiteSpace(s[p]) || kinds[p] == CharKind.Comment))
            p--;
        if (p < 0)
            return true;
        if (kinds[p] == CharKind.String)
            return false;
        var c = s[p];
        if ("(,=:[!&|?{};+-*%<>~^".Contains(c))
            return true;
        if (!char.IsLetter(c) && c is not '_' and not '$')
            return false;
        var start = p;
        while (start > 0 && (char.IsLetterOrDigit(s[start - 1]) || s[start - 1] is '_' or '$'))
            start--;
        return JsKeywordsBeforeExpression.Contains(s[start..(p + 1)]);
    }

    /// <summary>An element opens at <paramref name="i"/>: `<Name ...>` whose closing tag follows, `<Name ... />`, or a fragment; not a type parameter (`<T,>`, `<T extends U>`).</summary>
    private static bool LooksLikeJsx(string s, int i)
    {
        var j = i + 1;
        if (j >= s.Length)
            return false;
        if (s[j] == '>')
            return s.IndexOf("</>", j, StringComparison.Ordinal) > 0;
        if (!char.IsLetter(s[j]))
            return false;
        while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] is '.' or ':' or '-' or '_'))
            j++;
        var name = s[(i + 1)..j];
        var depth = 0;
        for (var k = j; k < s.Length; k++)
        {
            var c = s[k];
            if (c is '"' or '\'' && depth == 0)
            {
                var close = s.IndexOf(c, k + 1);
                if (close < 0)
                    return false;
                k = close;
            }
            else if (c == '{')
                depth++;
            else if (c == '}')
                depth--;
            else if (depth == 0 && c == '/' && k + 1 < s.Length && s[k + 1] == '>')
                return true;
            else if (depth == 0 && c == '>')
                return s.IndexOf("</" + name, k, StringComparison.Ordinal) > 0;
            else if (depth == 0 && c is ',' or ';' or '(' or ')')
                return false;
        }
        return false;
    }

    /// <summary>One JSX element from its `<`: the tag is code (its quoted attributes string), the text between tags is string, braces hold code.</summary>
    private static int JsxElement(string s, CharKind[] kinds, int open)
    {
        var i = JsxTag(s, kinds, open, out var selfClosing);
        if (selfClosing)
            return i;
        while (i < s.Length)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '<' && next == '/')
            {
                var close = s.IndexOf('>', i);
                return close < 0 ? s.Length : close + 1;
            }
            if (c == '<' && (char.IsLetter(next) || next == '>') && LooksLikeJsx(s, i))
                i = JsxElement(s, kinds, i);
            else if (c == '{')
            {
                i = JsCode(s, kinds, i + 1, jsx: true, inHole: true);
                if (i < s.Length)
                    i++;
            }
            else
                kinds[i++] = CharKind.String;
        }
        return i;
    }

    private static int JsxTag(string s, CharKind[] kinds, int open, out bool selfClosing)
    {
        selfClosing = false;
        var i = open + 1;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '"' or '\'')
            {
                var close = s.IndexOf(c, i + 1);
                var end = close < 0 ? s.Length : close + 1;
                Mark(kinds, i, end, CharKind.String);
                i = end;
            }
            else if (c == '{')
            {
                i = JsCode(s, kinds, i + 1, jsx: true, inHole: true);
                if (i < s.Length)
                    i++;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '>')
            {
                selfClosing = true;
                return i + 2;
            }
            else if (c == '>')
                return i + 1;
            else
                i++;
        }
        selfClosing = true;
        return i;
    }

    /// <summary>
    /// C#: line and block comments, char literals, regular, verbatim (`@""` with `""` inside) and raw (`"""`) strings,
    /// and interpolated strings (`$""`, `$@""`) whose holes are code, with strings of their own.
    /// </summary>
    public static CharKind[] CSharp(string s)
    {
        var kinds = new CharKind[s.Length];
        CSharpCode(s, kinds, 0, inHole: false);
        return kinds;
    }

    private static int CSharpCode(string s, CharKind[] kinds, int i, bool inHole)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '/' && next is '/' or '*')
                i = SlashComment(s, kinds, i);
            else if (c is '"' or '$' or '@' && CSharpStringAt(s, i) is var (quote, interpolated, verbatim, raw) && quote >= 0)
                i = raw ? CSharpRaw(s, kinds, i, quote) : CSharpString(s, kinds, i, quote, interpolated, verbatim);
            else if (c == '\'')
            {
                var j = i + 1;
                while (j < s.Length && s[j] != '\'' && s[j] != '\n')
                    j += s[j] == '\\' ? 2 : 1;
                var end = Math.Min(j + 1, s.Length);
                Mark(kinds, i, end, CharKind.String);
                i = end;
            }
            else
            {
                if (c == '{')
                    depth++;
                else if (c == '}')
                {
                    if (depth == 0 && inHole)
                        return i;
                    depth--;
                }
                i++;
            }
        }
        return i;
    }

    /// <summary>The opening quote of a C# string starting at <paramref name="i"/> (after `$`, `@` prefixes), its kind, or -1.</summary>
    private static (int Quote, bool Interpolated, bool Verbatim, bool Raw) CSharpStringAt(string s, int i)
    {
        var j = i;
        var interpolated = false;
        var verbatim = false;
        while (j < s.Length && s[j] is '$' or '@')
        {
            interpolated |= s[j] == '$';
            verbatim |= s[j] == '@';
            j++;
        }
        if (j >= s.Length || s[j] != '"' || j > i && i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_'))
            return (-1, false, false, false);
        var raw = j + 2 < s.Length && s[j + 1] == '"' && s[j + 2] == '"' && !verbatim;
        return (j, interpolated, verbatim, raw);
    }

    /// <summary>A raw string: N quotes open it and N close it (interpolated raw strings are kept whole).</summary>
    private static int CSharpRaw(string s, CharKind[] kinds, int start, int quote)
    {
        var i = quote;
        var quotes = 0;
        while (i < s.Length && s[i] == '"')
        {
            quotes++;
            i++;
        }
        var close = s.IndexOf(new string('"', quotes), i, StringComparison.Ordinal);
        var end = close < 0 ? s.Length : close + quotes;
        Mark(kinds, start, end, CharKind.String);
        return end;
    }

    private static int CSharpString(string s, CharKind[] kinds, int start, int quote, bool interpolated, bool verbatim)
    {
        Mark(kinds, start, quote + 1, CharKind.String);
        var i = quote + 1;
        while (i < s.Length)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '\\' && !verbatim)
            {
                Mark(kinds, i, i + 2, CharKind.String);
                i += 2;
            }
            else if (c == '"' && verbatim && next == '"')
            {
                Mark(kinds, i, i + 2, CharKind.String);
                i += 2;
            }
            else if (c == '"')
            {
                kinds[i] = CharKind.String;
                return i + 1;
            }
            else if (c == '\n' && !verbatim)
                return i;
            else if (interpolated && c == '{' && next == '{')
            {
                Mark(kinds, i, i + 2, CharKind.String);
                i += 2;
            }
            else if (interpolated && c == '{')
            {
                kinds[i] = CharKind.String;
                i = CSharpCode(s, kinds, i + 1, inHole: true);
                if (i < s.Length)
                    kinds[i++] = CharKind.String;
            }
            else
                kinds[i++] = CharKind.String;
        }
        return i;
    }

    /// <summary>Python, Ruby, shell, YAML, TOML: `#` comments, quotes, Python triple quotes, Ruby and shell here-docs, Ruby =begin/=end.</summary>
    public static CharKind[] Hash(string s, string language)
    {
        if (language == "python")
            return Python(s);
        if (language == "ruby")
            return Ruby(s);
        var kinds = new CharKind[s.Length];
        var i = 0;
        var lineStart = true;
        var pendingHeredocs = new Queue<(string Tag, bool Indented)>();
        while (i < s.Length)
        {
            var c = s[i];
            if (language == "ruby" && lineStart && string.CompareOrdinal(s, i, "=begin", 0, 6) == 0)
            {
                var end = s.IndexOf("\n=end", i, StringComparison.Ordinal);
                end = end < 0 ? s.Length : Math.Min(s.Length, end + 5);
                Mark(kinds, i, end, CharKind.Comment);
                i = end;
                continue;
            }
            lineStart = false;
            if (c == '\n')
            {
                i++;
                lineStart = true;
                while (pendingHeredocs.Count > 0)
                    i = HereDocBody(s, kinds, i, pendingHeredocs.Dequeue());
                continue;
            }
            if (c == '#')
            {
                var end = s.IndexOf('\n', i);
                if (end < 0)
                    end = s.Length;
                Mark(kinds, i, end, CharKind.Comment);
                i = end;
            }
            else if (language == "python" && (c == '"' || c == '\'') && i + 2 < s.Length && s[i + 1] == c && s[i + 2] == c)
            {
                var quote = new string(c, 3);
                var close = s.IndexOf(quote, i + 3, StringComparison.Ordinal);
                var end = close < 0 ? s.Length : close + 3;
                Mark(kinds, i, end, CharKind.String);
                i = end;
            }
            else if (c == '"' || c == '\'')
            {
                var start = i;
                i++;
                var raw = c == '\'' && language != "python";
                while (i < s.Length && s[i] != c && (s[i] != '\n' || language == "shell"))
                    i += s[i] == '\\' && !raw ? 2 : 1;
                Mark(kinds, start, Math.Min(i + 1, s.Length), CharKind.String);
                i++;
            }
            else if (c == '<' && i + 2 < s.Length && s[i + 1] == '<' && (language is "ruby" or "shell") && HereDocTag(s, i) is { } tag)
            {
                pendingHeredocs.Enqueue((tag.Tag, tag.Indented));
                Mark(kinds, i, tag.End, CharKind.String);
                i = tag.End;
            }
            else
                i++;
        }
        return kinds;
    }

    private static (string Tag, bool Indented, int End)? HereDocTag(string s, int i)
    {
        var m = Regex.Match(s[i..Math.Min(s.Length, i + 80)], @"^<<([~-]?)(['""]?)([A-Za-z_][A-Za-z0-9_]*)\2");
        return m.Success ? (m.Groups[3].Value, m.Groups[1].Value.Length > 0, i + m.Length) : null;
    }

    private static int HereDocBody(string s, CharKind[] kinds, int i, (string Tag, bool Indented) doc)
    {
        var start = i;
        while (i < s.Length)
        {
            var end = s.IndexOf('\n', i);
            if (end < 0)
                end = s.Length;
            var line = s[i..end];
            if ((doc.Indented ? line.Trim() : line.TrimEnd('\r')) == doc.Tag)
            {
                Mark(kinds, start, end, CharKind.String);
                return end;
            }
            i = end + 1;
        }
        Mark(kinds, start, s.Length, CharKind.String);
        return s.Length;
    }

    /// <summary>
    /// Python: `#` comments; quoted and triple-quoted strings with their prefixes (r, b, u, f, t); f-strings whose
    /// replacement fields are code (with strings of their own, even in the same quote, as Python 3.12 allows) and
    /// whose `{{` is a literal brace.
    /// </summary>
    public static CharKind[] Python(string s)
    {
        var kinds = new CharKind[s.Length];
        PythonCode(s, kinds, 0, inField: false, singleLine: false);
        return kinds;
    }

    /// <summary>Lexes code from <paramref name="i"/>; inside an f-string field, stops at the `}`, `!` or `:` that ends the expression.</summary>
    private static int PythonCode(string s, CharKind[] kinds, int i, bool inField, bool singleLine)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '#')
            {
                var end = s.IndexOf('\n', i);
                end = end < 0 ? s.Length : end;
                Mark(kinds, i, end, CharKind.Comment);
                i = end;
            }
            else if (c is '"' or '\'')
                i = PythonString(s, kinds, i);
            else if (inField && (c == '\n' && singleLine || depth == 0 && (c == '}' || c == ':' || c == '!' && i + 1 < s.Length && s[i + 1] != '=')))
                return i;
            else
            {
                if (c is '(' or '[' or '{')
                    depth++;
                else if (c is ')' or ']' or '}')
                    depth--;
                i++;
            }
        }
        return i;
    }

    /// <summary>Marks the string literal whose opening quote is at <paramref name="quote"/> (its prefix letters included); returns the index after it.</summary>
    private static int PythonString(string s, CharKind[] kinds, int quote)
    {
        var start = quote;
        while (start > 0 && quote - start < 2 && "rRbBuUfFtT".Contains(s[start - 1]))
            start--;
        if (start > 0 && (char.IsLetterOrDigit(s[start - 1]) || s[start - 1] == '_'))
            start = quote; // an identifier that ends in r or f, not a prefix
        var prefix = s[start..quote];
        var formatted = prefix.IndexOfAny(['f', 'F', 't', 'T']) >= 0;
        var c = s[quote];
        var triple = quote + 2 < s.Length && s[quote + 1] == c && s[quote + 2] == c;
        var width = triple ? 3 : 1;
        Mark(kinds, start, quote + width, CharKind.String);
        var i = quote + width;
        while (i < s.Length)
        {
            if (s[i] == '\\')
            {
                // Even in a raw string a backslash keeps the next quote inside the literal.
                Mark(kinds, i, i + 2, CharKind.String);
                i += 2;
            }
            else if (s[i] == c && (!triple || i + 2 < s.Length && s[i + 1] == c && s[i + 2] == c))
            {
                Mark(kinds, i, i + width, CharKind.String);
                return i + width;
            }
            else if (s[i] == '\n' && !triple)
                return i; // unterminated: the line ends it
            else if (formatted && s[i] == '{' && i + 1 < s.Length && s[i + 1] == '{')
            {
                Mark(kinds, i, i + 2, CharKind.String);
                i += 2;
            }
            else if (formatted && s[i] == '{')
                i = PythonField(s, kinds, i, !triple);
            else
            {
                kinds[i] = CharKind.String;
                i++;
            }
        }
        return i;
    }

    /// <summary>An f-string replacement field from its `{`: the expression is code, the conversion and format spec are string (a spec may hold fields).</summary>
    private static int PythonField(string s, CharKind[] kinds, int open, bool singleLine)
    {
        kinds[open] = CharKind.String;
        var i = PythonCode(s, kinds, open + 1, inField: true, singleLine);
        while (i < s.Length && s[i] != '}' && !(singleLine && s[i] == '\n'))
        {
            if (s[i] == '{')
                i = PythonField(s, kinds, i, singleLine);
            else
            {
                kinds[i] = CharKind.String;
                i++;
            }
        }
        if (i < s.Length && s[i] == '}')
        {
            kinds[i] = CharKind.String;
            i++;
        }
        return i;
    }

    private static void Mark(CharKind[] kinds, int from, int to, CharKind kind)
    {
        for (var k = Math.Max(0, from); k < Math.Min(to, kinds.Length); k++)
            kinds[k] = kind;
    }
}
