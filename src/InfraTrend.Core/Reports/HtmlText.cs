using System.Text;

namespace InfraTrend.Reports;

/// <summary>Writes repository-derived text into HTML: as text, never as markup, in element content and in quoted attributes alike.</summary>
public static class HtmlText
{
    /// <summary>&amp; &lt; &gt; &quot; &#39; escaped; control characters other than line breaks and tabs dropped.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '"':
                    escaped.Append("&quot;");
                    break;
                case '\'':
                    escaped.Append("&#39;");
                    break;
                case '\n' or '\t':
                    escaped.Append(c);
                    break;
                case '\r':
                    break;
                default:
                    if (!char.IsControl(c))
                        escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }
}
