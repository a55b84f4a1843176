using System.Text;

namespace InfraTrend.Reports;

/// <summary>
/// Writes repository-derived text (paths, messages, versions) into Markdown so that it reads as
/// written and cannot break the document: no new table cell, emphasis, link, HTML or code block.
/// </summary>
public static class MarkdownText
{
    // '!' needs no escape: an image needs a '[' after it, and that is escaped.
    private const string Special = "\\`*_[]<>|~#";

    /// <summary>Plain text on one line, every Markdown punctuation that could act escaped (pipes included, so it is safe in a table cell).</summary>
    public static string Inline(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var escaped = new StringBuilder(text.Length + 8);
        var line = OneLine(text);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            // '&' only acts where it could start an entity (&amp; &#38;); "Monitoring & Observability" stays as it reads.
            var entity = c == '&' && i + 1 < line.Length && (char.IsAsciiLetter(line[i + 1]) || line[i + 1] == '#');
            if (Special.Contains(c) || entity)
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>
    /// A code span around <paramref name="text"/>, its backtick fence longer than any run of backticks inside.
    /// In a table cell a pipe is written <c>\|</c>, which GitHub's tables read as part of the span; text that
    /// also holds a backslash cannot be written that way unambiguously, so it falls back to escaped plain text.
    /// </summary>
    public static string Code(string? text, bool inTable = false)
    {
        var content = OneLine(text ?? "");
        if (content.Length == 0)
            return "";
        if (inTable)
        {
            if (content.Contains('\\'))
                return Inline(content);
            content = content.Replace("|", "\\|", StringComparison.Ordinal);
        }
        var fence = new string('`', LongestRun(content, '`') + 1);
        // A span that starts or ends with a backtick (or is padded on both sides) needs a space inside its fence.
        var pad = content[0] == '`' || content[^1] == '`' || (content[0] == ' ' && content[^1] == ' ') ? " " : "";
        return fence + pad + content + pad + fence;
    }

    /// <summary>A fenced code block, its fence longer than any run of backticks in the content, each line prefixed by <paramref name="indent"/>.</summary>
    public static string Block(string content, string indent = "", string info = "")
    {
        var lines = Normalize(content).TrimEnd('\n').Split('\n');
        var fence = new string('`', Math.Max(3, lines.Max(l => LongestRun(l, '`')) + 1));
        var block = new StringBuilder();
        block.Append(indent).Append(fence).Append(info).Append('\n');
        foreach (var line in lines)
            block.Append(line.Length == 0 ? "" : indent).Append(line).Append('\n');
        block.Append(indent).Append(fence).Append('\n');
        return block.ToString();
    }

    /// <summary>Line breaks and other control characters become spaces.</summary>
    public static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
            line.Append(char.IsControl(c) ? ' ' : c);
        return line.ToString();
    }

    // Keeps line breaks (as \n) and tabs; drops the other control characters a file name or message could smuggle in.
    private static string Normalize(string text)
    {
        var normal = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
                normal.Append(c);
        }
        return normal.ToString();
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
