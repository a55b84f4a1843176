using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Node;

/// <summary>
/// Just enough of JS/TS syntax to read a call's arguments or an object's property: brackets are matched in code
/// only (the lexer's marks say which characters are code), so a `)` in a string never closes a call.
/// </summary>
internal static partial class JsSyntax
{
    /// <summary>The text between the parenthesis at <paramref name="open"/> and its match, and where it starts.</summary>
    public static (string Text, int Start) Arguments(SourceText source, int open)
    {
        if (open < 0 || open >= source.Text.Length || source.Text[open] != '(')
            return ("", Math.Max(open, 0));
        var end = MatchingClose(source, open);
        return (source.Text[(open + 1)..end], open + 1);
    }

    /// <summary>The expression that starts at <paramref name="start"/>: up to the next `,` `)` `}` `]` or `;` outside brackets.</summary>
    public static string ValueAt(SourceText source, int start)
    {
        var text = source.Text;
        var depth = 0;
        var i = start;
        for (; i < text.Length; i++)
        {
            if (!source.IsCode(i))
                continue;
            var c = text[i];
            if (c is '(' or '[' or '{')
                depth++;
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                    break;
                depth--;
            }
            else if (depth == 0 && c is ',' or ';')
                break;
            else if (depth == 0 && c == '\n' && text[start..i].Trim().Length > 0 && !ContinuesOnNextLine(text, i))
                break;
        }
        return text[start..i];
    }

    /// <summary>The value of a top-level property of an object literal's text (`{ origin: [...], credentials: true }`), or null.</summary>
    public static string? Property(string objectText, string name)
    {
        var depth = 0;
        for (var i = 0; i < objectText.Length; i++)
        {
            var c = objectText[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(objectText, i);
                continue;
            }
            if (c is '{' or '(' or '[')
                depth++;
            else if (c is '}' or ')' or ']')
                depth--;
            else if (depth == 1 && IsNameAt(objectText, i, name))
            {
                var colon = i + name.Length;
                while (colon < objectText.Length && char.IsWhiteSpace(objectText[colon]))
                    colon++;
                if (colon < objectText.Length && objectText[colon] == ':')
                    return TopLevelValue(objectText, colon + 1);
                if (colon < objectText.Length && objectText[colon] is ',' or '}')
                    return name; // shorthand `{ origin }`: a variable of that name
            }
        }
        return null;
    }

    /// <summary>The object literal assigned to <paramref name="name"/> in the same file (`const corsOptions = {...}`), or null.</summary>
    public static string? ObjectAssignedTo(SourceText source, string name)
    {
        var pattern = new Regex(@"(?<![\w$.])" + Regex.Escape(name) + @"\s*(?::[^=;{]+)?[=:]\s*\{");
        foreach (var m in source.CodeMatches(pattern))
        {
            var open = m.Index + m.Length - 1;
            var end = MatchingClose(source, open);
            return source.Text[open..Math.Min(end + 1, source.Text.Length)];
        }
        return null;
    }

    /// <summary>True when a string literal in code starts at <paramref name="index"/> (not a quote inside a comment or another string).</summary>
    public static bool IsLiteralStart(SourceText source, int index) =>
        index < source.Kinds.Length && source.Kinds[index] == CharKind.String && (index == 0 || source.Kinds[index - 1] != CharKind.String);

    /// <summary>
    /// True when the header-name literal between <paramref name="start"/> and <paramref name="end"/> is set as a header:
    /// the first argument of `set`, `setHeader`, `header`, `append` or `add`, the value of a `key:` (next.config headers()),
    /// or a key given a value (`{ 'Content-Security-Policy': csp }`). A list of header names sets nothing.
    /// </summary>
    public static bool IsHeaderSetting(SourceText source, int start, int end)
    {
        var text = source.Text;
        var before = text[Math.Max(0, start - 40)..start];
        if (HeaderSetterCall().IsMatch(before) || KeyProperty().IsMatch(before))
            return true;
        // The literal's closing quote is the last character the patterns matched: a key is followed by `:`.
        var close = text.LastIndexOfAny(['\'', '"', '`'], Math.Max(start, end - 1));
        var next = close + 1;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
            next++;
        return next < text.Length && text[next] == ':';
    }

    [GeneratedRegex(@"\b(?:set|setHeader|header|append|add|writeHead)\s*\(\s*$")]
    private static partial Regex HeaderSetterCall();

    [GeneratedRegex(@"\bkey\s*:\s*$")]
    private static partial Regex KeyProperty();

    private static int MatchingClose(SourceText source, int open)
    {
        var text = source.Text;
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (!source.IsCode(i))
                continue;
            if (text[i] is '(' or '[' or '{')
                depth++;
            else if (text[i] is ')' or ']' or '}' && --depth == 0)
                return i;
        }
        return text.Length;
    }

    private static string TopLevelValue(string text, int start)
    {
        var depth = 0;
        var i = start;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i);
                continue;
            }
            if (c is '{' or '(' or '[')
                depth++;
            else if (c is '}' or ')' or ']')
            {
                if (depth == 0)
                    break;
                depth--;
            }
            else if (c == ',' && depth == 0)
                break;
        }
        return text[start..Math.Min(i, text.Length)];
    }

    private static int SkipString(string text, int i)
    {
        var quote = text[i];
        for (var j = i + 1; j < text.Length; j++)
        {
            if (text[j] == '\\')
                j++;
            else if (text[j] == quote)
                return j;
        }
        return text.Length;
    }

    private static bool IsNameAt(string text, int i, string name) =>
        string.CompareOrdinal(text, i, name, 0, name.Length) == 0
        && (i == 0 || !IsIdentifierChar(text[i - 1]))
        && (i + name.Length >= text.Length || !IsIdentifierChar(text[i + name.Length]));

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '\'' or '"';

    private static bool ContinuesOnNextLine(string text, int newline)
    {
        var next = newline + 1;
        while (next < text.Length && text[next] is ' ' or '\t' or '\r')
            next++;
        return next < text.Length && text[next] is '.' or '?' or ':' or '|' or '&' or '+';
    }
}
