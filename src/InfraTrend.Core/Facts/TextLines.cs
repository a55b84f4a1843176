namespace InfraTrend.Facts;

/// <summary>Line numbers for offsets in a text, so evidence can point at a line.</summary>
public sealed class TextLines
{
    private readonly int[] _starts;

    public TextLines(string text)
    {
        // Counted, then found, with vectorised searches: a monorepo audit builds this for thousands of files.
        var span = text.AsSpan();
        _starts = new int[span.Count('\n') + 1];
        var at = 0;
        for (var line = 1; line < _starts.Length; line++)
        {
            at += span[at..].IndexOf('\n') + 1;
            _starts[line] = at;
        }
    }

    /// <summary>The 1-based line that holds <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        var index = Array.BinarySearch(_starts, offset);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The first line that contains <paramref name="needle"/>, or 0.</summary>
    public static int Find(string text, string needle, StringComparison comparison = StringComparison.Ordinal)
    {
        var at = text.IndexOf(needle, comparison);
        return at < 0 ? 0 : new TextLines(text).LineOf(at);
    }
}
