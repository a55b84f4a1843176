namespace InfraTrend.Facts.Code;

/// <summary>JVM string literals the plain C-like rules get wrong: Java text blocks, Kotlin and Groovy raw strings and templates.</summary>
public static partial class Lexers
{
    /// <summary>
    /// True where a JVM string starts that needs more than "quote to quote": a `"""` text block or raw string, a
    /// Kotlin or Groovy string whose `${...}` template may hold quotes, a Groovy `'''` string.
    /// </summary>
    private static bool JvmStringAt(string s, int i, string language)
    {
        if (language is not ("java" or "kotlin" or "groovy"))
            return false;
        var c = s[i];
        if (c == '"' && TripleAt(s, i, '"'))
            return true;
        if (language == "groovy" && c == '\'' && TripleAt(s, i, '\''))
            return true;
        return c == '"' && language is "kotlin" or "groovy";
    }

    /// <summary>Marks the JVM string that starts at <paramref name="i"/> (see <see cref="JvmStringAt"/>) and returns the index after it.</summary>
    private static int JvmString(string s, CharKind[] kinds, int i, string language)
    {
        var end = JvmStringEnd(s, i, language);
        Mark(kinds, i, end, CharKind.String);
        return end;
    }

    private static int JvmStringEnd(string s, int i, string language)
    {
        var quote = s[i];
        var triple = TripleAt(s, i, quote);
        // Kotlin raw strings know no escapes; Java text blocks and Groovy strings do.
        var escapes = !(language == "kotlin" && triple);
        // Templates: Kotlin strings, Groovy double-quoted strings. Java has none.
        var templates = language == "kotlin" || language == "groovy" && quote == '"';
        var j = i + (triple ? 3 : 1);
        while (j < s.Length)
        {
            var c = s[j];
            if (c == '\\' && escapes)
            {
                j += 2;
            }
            else if (c == '$' && templates && j + 1 < s.Length && s[j + 1] == '{')
            {
                j = TemplateEnd(s, j + 2, language);
            }
            else if (triple && c == quote && TripleAt(s, j, quote))
            {
                // A run of more than three quotes closes on its last three: `"""a""""` holds `a"`.
                j += 3;
                while (j < s.Length && s[j] == quote)
                    j++;
                return j;
            }
            else if (!triple && c == quote)
            {
                return j + 1;
            }
            else if (!triple && c == '\n')
            {
                return j; // unterminated: stop at the line end, as the compiler would complain
            }
            else
            {
                j++;
            }
        }
        return s.Length;
    }

    /// <summary>The index after the `}` that closes a `${` template opened just before <paramref name="j"/>; strings inside it may hold braces.</summary>
    private static int TemplateEnd(string s, int j, string language)
    {
        var depth = 1;
        while (j < s.Length)
        {
            var c = s[j];
            if (c == '"' || language == "groovy" && c == '\'' && TripleAt(s, j, '\''))
            {
                j = JvmStringEnd(s, j, language);
            }
            else if (c == '\'')
            {
                j++;
                while (j < s.Length && s[j] != '\'' && s[j] != '\n')
                    j += s[j] == '\\' ? 2 : 1;
                j++;
            }
            else if (c == '{')
            {
                depth++;
                j++;
            }
            else if (c == '}')
            {
                j++;
                if (--depth == 0)
                    return j;
            }
            else
            {
                j++;
            }
        }
        return s.Length;
    }

    private static bool TripleAt(string s, int i, char quote) =>
        i + 2 < s.Length && s[i] == quote && s[i + 1] == quote && s[i + 2] == quote;
}
