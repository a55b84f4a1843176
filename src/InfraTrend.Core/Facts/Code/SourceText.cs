using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Code;

/// <summary>What a character of source is: code, inside a comment, or inside a string literal.</summary>
public enum CharKind : byte
{
    Code,
    Comment,
    String,
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
        Kinds = family == LexerFamily.CLike ? Lexers.CLike(text, language) : Lexers.Hash(text, language);
    }

    public string Path { get; }
    public string Text { get; }
    public string Language { get; }
    public CharKind[] Kinds { get; }

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

    public bool HasCode(Regex pattern) => CodeMatches(pattern).Any();

    /// <summary>The first code match's evidence, or null.</summary>
    public Evidence? FirstCode(Regex pattern) => CodeMatches(pattern).Select(m => EvidenceAt(m.Index)).FirstOrDefault();
}

/// <summary>Small hand-written lexers: just enough to tell code, comments and strings apart.</summary>
public static partial class Lexers
{
    /// <summary>JS/TS, C#, Go, Java, Kotlin, Rust: line and block comments, quotes, template strings (with code inside `${}`), raw strings.</summary>
    public static CharKind[] CLike(string s, string language)
    {
        var kinds = new CharKind[s.Length];
        var nestedComments = language is "kotlin" or "rust" or "swift";
        var templateStrings = language is "javascript" or "typescript";
        var goRaw = language == "go";
        var csharp = language == "csharp";
        // Template literal nesting: each entry is the brace depth at which a `${` opened.
        var templates = new Stack<int>();
        var braceDepth = 0;
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
            else if (csharp && (c == '"' && next == '"' && i + 2 < s.Length && s[i + 2] == '"' || (c == '$' || c == '@') && RawAt(s, i)))
            {
                // C# raw string: N quotes open, the same N close.
                var start = i;
                while (i < s.Length && s[i] != '"')
                    i++;
                var quotes = 0;
                while (i < s.Length && s[i] == '"')
                {
                    quotes++;
                    i++;
                }
                var close = s.IndexOf(new string('"', quotes), i, StringComparison.Ordinal);
                var end = close < 0 ? s.Length : close + quotes;
                Mark(kinds, start, end, CharKind.String);
                i = end;
            }
            else if (csharp && (c == '@' && next == '"' || c == '$' && next == '@' || c == '@' && next == '$'))
            {
                // Verbatim: "" is an escaped quote, no backslash escapes.
                var start = i;
                i = s.IndexOf('"', i) + 1;
                while (i < s.Length)
                {
                    if (s[i] == '"' && i + 1 < s.Length && s[i + 1] == '"')
                        i += 2;
                    else if (s[i] == '"')
                        break;
                    else
                        i++;
                }
                Mark(kinds, start, Math.Min(i + 1, s.Length), CharKind.String);
                i++;
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
            else if (c == '`' && (templateStrings || goRaw))
            {
                i = goRaw ? GoRaw(s, kinds, i) : Template(s, kinds, i, templates, ref braceDepth);
            }
            else if (c == '}' && templates.Count > 0 && templates.Peek() == braceDepth)
            {
                // End of `${...}`: back inside the template string.
                templates.Pop();
                kinds[i] = CharKind.String;
                i = Template(s, kinds, i, templates, ref braceDepth, resume: true);
            }
            else
            {
                if (c == '{')
                    braceDepth++;
                else if (c == '}')
                    braceDepth--;
                i++;
            }
        }
        return kinds;
    }

    private static bool RawAt(string s, int i)
    {
        var j = i;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
            j++;
        return j + 2 < s.Length && s[j] == '"' && s[j + 1] == '"' && s[j + 2] == '"';
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

    /// <summary>Marks a template literal from its opening backtick (or from a `}` when resuming) up to its end or the next `${`.</summary>
    private static int Template(string s, CharKind[] kinds, int i, Stack<int> templates, ref int braceDepth, bool resume = false)
    {
        kinds[i] = CharKind.String;
        i++;
        while (i < s.Length)
        {
            if (s[i] == '\\')
            {
                Mark(kinds, i, Math.Min(i + 2, s.Length), CharKind.String);
                i += 2;
                continue;
            }
            if (s[i] == '`')
            {
                kinds[i] = CharKind.String;
                return i + 1;
            }
            if (s[i] == '$' && i + 1 < s.Length && s[i + 1] == '{')
            {
                kinds[i] = CharKind.String;
                kinds[i + 1] = CharKind.String;
                templates.Push(braceDepth);
                return i + 2;
            }
            kinds[i] = CharKind.String;
            i++;
        }
        _ = resume;
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
