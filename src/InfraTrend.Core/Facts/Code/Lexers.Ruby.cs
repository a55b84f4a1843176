namespace InfraTrend.Facts.Code;

/// <summary>Ruby's lexer: the literals that make Ruby hard to read with plain "quote to quote" rules.</summary>
public static partial class Lexers
{
    /// <summary>
    /// Ruby: `#` comments, `=begin`/`=end` and `__END__`; single, double and backtick quotes (which may span lines, and whose
    /// `#{...}` interpolation is code); `%q %Q %w %W %i %I %r %s %x` and bare `%(...)` literals with nesting delimiters;
    /// here-docs (`<<~TAG`, `<<-TAG`, `<<TAG`, quoted tags, several on one line) and regular expression literals.
    /// </summary>
    public static CharKind[] Ruby(string s)
    {
        var lexer = new RubyLexer(s);
        lexer.Code(0, untilBrace: false);
        return lexer.Kinds;
    }

    private sealed class RubyLexer(string s)
    {
        private readonly Queue<(string Tag, bool Indented)> _heredocs = new();

        public CharKind[] Kinds { get; } = new CharKind[s.Length];

        /// <summary>Lexes code from <paramref name="i"/>; inside an interpolation, up to (not past) the `}` that closes it.</summary>
        public int Code(int i, bool untilBrace)
        {
            var depth = 0;
            while (i < s.Length)
            {
                var c = s[i];
                var lineStart = i == 0 || s[i - 1] == '\n';
                if (lineStart && !untilBrace && At(i, "=begin") && (i + 6 == s.Length || char.IsWhiteSpace(s[i + 6])))
                {
                    var close = s.IndexOf("\n=end", i, StringComparison.Ordinal);
                    var end = close < 0 ? s.Length : LineEnd(close + 1);
                    Mark(Kinds, i, end, CharKind.Comment);
                    i = end;
                    continue;
                }
                if (lineStart && !untilBrace && At(i, "__END__") && (i + 7 == s.Length || s[i + 7] is '\n' or '\r'))
                {
                    // Everything after __END__ is data (DATA.read), never code.
                    Mark(Kinds, i, s.Length, CharKind.Comment);
                    return s.Length;
                }
                switch (c)
                {
                    case '\n':
                        i++;
                        while (_heredocs.Count > 0)
                            i = HereDocBody(i, _heredocs.Dequeue());
                        break;
                    case '#':
                        var lineEnd = LineEnd(i);
                        Mark(Kinds, i, lineEnd, CharKind.Comment);
                        i = lineEnd;
                        break;
                    case '"' or '`':
                        i = Quoted(i, i + 1, c, c, interpolates: true);
                        break;
                    case '\'':
                        i = Quoted(i, i + 1, '\'', '\'', interpolates: false);
                        break;
                    case '$' when i + 1 < s.Length && s[i + 1] is '"' or '\'' or '`' or '/' or '#' or '\\':
                        i += 2; // a special global ($" $' $/): code, not the start of a literal
                        break;
                    case '?' when i + 1 < s.Length && s[i + 1] is '"' or '\'' or '#' && (i + 2 >= s.Length || !IsWordChar(s[i + 2])) && !ValueBefore(i):
                        Mark(Kinds, i, i + 2, CharKind.String); // a character literal: ?" ?' ?#
                        i += 2;
                        break;
                    case '%' when PercentLiteral(i) is { } literal:
                        i = Quoted(i, literal.BodyStart, literal.Open, literal.Close, literal.Interpolates);
                        break;
                    case '<' when HereDocTag(i) is { } tag:
                        _heredocs.Enqueue((tag.Tag, tag.Indented));
                        Mark(Kinds, i, tag.End, CharKind.String);
                        i = tag.End;
                        break;
                    case '/' when RegexAllowed(i):
                        i = Quoted(i, i + 1, '/', '/', interpolates: true);
                        break;
                    case '{':
                        depth++;
                        i++;
                        break;
                    case '}':
                        if (untilBrace && depth == 0)
                            return i;
                        depth--;
                        i++;
                        break;
                    default:
                        i++;
                        break;
                }
            }
            return i;
        }

        /// <summary>
        /// Marks a literal from <paramref name="start"/> (its opening sigil) whose body starts at <paramref name="bodyStart"/>,
        /// up to its closing delimiter; paired delimiters nest, `#{...}` is code when the literal interpolates.
        /// </summary>
        private int Quoted(int start, int bodyStart, char open, char close, bool interpolates)
        {
            var depth = 0;
            var j = bodyStart;
            var from = start;
            while (j < s.Length)
            {
                var c = s[j];
                if (c == '\\')
                {
                    j += 2;
                }
                else if (interpolates && c == '#' && j + 1 < s.Length && s[j + 1] == '{')
                {
                    Mark(Kinds, from, j + 2, CharKind.String);
                    var closing = Code(j + 2, untilBrace: true);
                    j = Math.Min(closing + 1, s.Length);
                    from = closing;
                }
                else if (c == close && depth == 0)
                {
                    j++;
                    break;
                }
                else
                {
                    if (open != close && c == open)
                        depth++;
                    else if (open != close && c == close)
                        depth--;
                    j++;
                }
            }
            j = Math.Min(j, s.Length);
            if (close == '/')
            {
                while (j < s.Length && s[j] is 'i' or 'm' or 'x' or 'o' or 'u' or 'e' or 's' or 'n')
                    j++; // regexp flags
            }
            Mark(Kinds, from, j, CharKind.String);
            return j;
        }

        private (int BodyStart, char Open, char Close, bool Interpolates)? PercentLiteral(int i)
        {
            if (i + 1 >= s.Length)
                return null;
            var type = s[i + 1];
            int delimiterAt;
            bool interpolates;
            if (type is 'q' or 'Q' or 'w' or 'W' or 'i' or 'I' or 'r' or 's' or 'x' && i + 2 < s.Length && IsDelimiter(s[i + 2]) && !IsWordChar(BeforeChar(i)))
            {
                delimiterAt = i + 2;
                interpolates = type is 'Q' or 'W' or 'I' or 'r' or 'x';
            }
            else if (type is '(' or '[' or '{' or '<' or '|' or '!' or '/' or '^' && RegexAllowed(i))
            {
                delimiterAt = i + 1;
                interpolates = true;
            }
            else
            {
                return null;
            }
            var open = s[delimiterAt];
            var close = open switch { '(' => ')', '[' => ']', '{' => '}', '<' => '>', _ => open };
            return (delimiterAt + 1, open, close, interpolates);
        }

        private static bool IsDelimiter(char c) => !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c) && c != '_';

        /// <summary>`<<~TAG`, `<<-TAG`, `<<~'TAG'`, `<<"TAG"`, or a bare `<<TAG` with an upper-case tag (`list << item` is an append).</summary>
        private (string Tag, bool Indented, int End)? HereDocTag(int i)
        {
            if (i + 2 >= s.Length || s[i + 1] != '<')
                return null;
            var j = i + 2;
            var indented = s[j] is '~' or '-';
            if (indented)
                j++;
            if (j >= s.Length)
                return null;
            var quote = s[j] is '\'' or '"' or '`' ? s[j] : '\0';
            if (quote != '\0')
                j++;
            var tagStart = j;
            while (j < s.Length && IsWordChar(s[j]))
                j++;
            if (j == tagStart || char.IsDigit(s[tagStart]))
                return null;
            var tag = s[tagStart..j];
            if (quote != '\0')
            {
                if (j >= s.Length || s[j] != quote)
                    return null;
                j++;
            }
            else if (!indented && (tag.Any(char.IsLower) || ValueBefore(i) && i > 0 && s[i - 1] != ' '))
            {
                return null;
            }
            return (tag, indented, j);
        }

        /// <summary>Marks a here-doc body from the start of its first line through its terminator line; returns the index of that line's end.</summary>
        private int HereDocBody(int i, (string Tag, bool Indented) doc)
        {
            var start = i;
            while (i < s.Length)
            {
                var end = LineEnd(i);
                var line = s[i..end].TrimEnd('\r');
                if ((doc.Indented ? line.Trim() : line) == doc.Tag)
                {
                    Mark(Kinds, start, end, CharKind.String);
                    // Continue on the terminator's newline, so a following here-doc body starts on the next line.
                    return end < s.Length ? end + 1 : end;
                }
                i = end + 1;
            }
            Mark(Kinds, start, s.Length, CharKind.String);
            return s.Length;
        }

        /// <summary>
        /// Whether a `/` (or bare `%`) here opens a literal rather than dividing: after an operator, an opening bracket,
        /// a keyword, at the start of a line, or as a method argument (`split /,/`: a space before, none after).
        /// </summary>
        private bool RegexAllowed(int i)
        {
            var p = i - 1;
            while (p >= 0 && s[p] is ' ' or '\t')
                p--;
            if (p < 0 || s[p] == '\n')
                return true;
            if (Kinds[p] != CharKind.Code)
                return false; // after a literal: a value, so this divides
            var c = s[p];
            if (c is '(' or ',' or '=' or '~' or '!' or '|' or '&' or '{' or '[' or ';' or '?' or ':' or '+' or '-' or '*' or '<' or '>' or '%' or '^')
                return true;
            if (!IsWordChar(c))
                return false;
            var wordStart = p;
            while (wordStart > 0 && IsWordChar(s[wordStart - 1]))
                wordStart--;
            var word = s[wordStart..(p + 1)];
            if (word is "if" or "elsif" or "unless" or "while" or "until" or "when" or "and" or "or" or "not" or "return" or "then" or "else" or "do" or "case" or "in")
                return true;
            var spaceBefore = p < i - 1;
            var spaceAfter = i + 1 < s.Length && s[i + 1] is ' ' or '\t' or '\n' or '=';
            return spaceBefore && !spaceAfter;
        }

        /// <summary>Whether the code just before <paramref name="i"/> ends a value (an identifier, a number, a closing bracket).</summary>
        private bool ValueBefore(int i)
        {
            var p = i - 1;
            while (p >= 0 && s[p] is ' ' or '\t')
                p--;
            return p >= 0 && (IsWordChar(s[p]) || s[p] is ')' or ']' or '}');
        }

        private char BeforeChar(int i) => i > 0 ? s[i - 1] : ' ';

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        private bool At(int i, string text) => string.CompareOrdinal(s, i, text, 0, text.Length) == 0;

        private int LineEnd(int i)
        {
            var end = s.IndexOf('\n', i);
            return end < 0 ? s.Length : end;
        }
    }
}
