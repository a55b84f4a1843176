namespace InfraTrend.Cli;

/// <summary>A plain text table: columns padded to their widest cell, numbers right-aligned, no trailing spaces.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _rightAligned = [];

    public TextTable AlignRight(params int[] columns)
    {
        foreach (var c in columns)
            _rightAligned.Add(c);
        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public int Count => _rows.Count;

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string> { Line(headers, widths) };
        lines.AddRange(_rows.Select(r => Line(r, widths)));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => _rightAligned.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
