using System.Globalization;

namespace InfraTrend.History;

/// <summary>Times as the database keeps them: UTC text of one fixed width, so text order is time order.</summary>
public static class HistoryTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? Text(DateTimeOffset? time) => time is { } t ? Text(t) : null;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOrNull(string? text) => text is null ? null : Parse(text);

    /// <summary>A short display form: `2025-03-01 14:05` (UTC).</summary>
    public static string Display(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Display(string text) => Display(Parse(text));
}
