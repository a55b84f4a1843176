namespace InfraTrend.Reports;

/// <summary>A one-line chart of scores 0-100 in block characters, for terminals.</summary>
public static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>One block per value (the latest <paramref name="width"/> values), on the fixed 0-100 scale so heights compare across repositories.</summary>
    public static string Of(IReadOnlyList<int> values, int width = 60) =>
        new(values.Skip(Math.Max(0, values.Count - width)).Select(v => Blocks[Math.Clamp(v, 0, 100) * (Blocks.Length - 1) / 100]).ToArray());
}
