namespace InfraTrend.Facts;

/// <summary>Line numbers for offsets in a text, so evidence can point at a line.</summary>
public sealed class TextLines
{
    private readonly List<int> _starts = [0];

    public TextLines(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                _starts.Add(i + 1);
        }
    }

    /// <summary>The 1-based line that holds <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The first line that contains <paramref name="needle"/>, or 0.</summary>
    public static int Find(string text, string needle, StringComparison comparison = StringComparison.Ordinal)
    {
        var at = text.IndexOf(needle, comparison);
        return at < 0 ? 0 : new TextLines(text).LineOf(at);
    }
}
