using System.Text.Json;
using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Dotnet;

/// <summary>
/// What .NET configuration files say about logging and error tracking: appsettings*.json sections
/// (Serilog, NLog, Sentry) and nlog.config / log4net.config layouts.
/// </summary>
public static partial class DotnetConfiguration
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static bool IsAppSettings(string name) =>
        name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The line of a non-empty `"Sentry": { "Dsn": ... }` in an appsettings file, or null.</summary>
    public static int? SentryDsnLine(string text)
    {
        if (!text.Contains("Sentry", StringComparison.OrdinalIgnoreCase) || Section(text, "Sentry") is not { } sentry)
            return null;
        var hasDsn = sentry.EnumerateObject().Any(p =>
            p.Name.Equals("Dsn", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.Value.GetString()));
        return hasDsn ? LineOfKeyAfter(text, "Sentry", "Dsn") : null;
    }

    /// <summary>
    /// The line where an appsettings `Serilog` or `NLog` section asks for structured output (a JSON formatter or
    /// layout, or a Seq/Elasticsearch sink), or null.
    /// </summary>
    public static int? StructuredLoggingLine(string text, string section)
    {
        if (!text.Contains(section, StringComparison.OrdinalIgnoreCase) || Section(text, section) is not { } element)
            return null;
        var raw = element.GetRawText();
        var match = StructuredSetting().Match(raw);
        if (!match.Success)
            return null;
        var start = SectionStart(text, section);
        var at = start < 0 ? -1 : text.IndexOf(match.Value, start, StringComparison.Ordinal);
        return at < 0 ? 0 : new TextLines(text).LineOf(at);
    }

    /// <summary>The line of `"Logging": { "Console": { "FormatterName": "json" } }`, which makes ASP.NET Core's console logger write JSON, or null.</summary>
    public static int? JsonConsoleFormatterLine(string text)
    {
        if (!text.Contains("FormatterName", StringComparison.OrdinalIgnoreCase) || Section(text, "Logging") is not { } logging)
            return null;
        var json = logging.EnumerateObject()
            .Where(p => p.Name.Equals("Console", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(p => p.Value.EnumerateObject())
            .Any(p => p.Name.Equals("FormatterName", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String && string.Equals(p.Value.GetString(), "json", StringComparison.OrdinalIgnoreCase));
        return json ? LineOfKeyAfter(text, "Logging", "FormatterName") : null;
    }

    /// <summary>The line of a JSON layout in an nlog.config or log4net.config (`JsonLayout`, log4net.Ext.Json's `SerializedLayout`), or null.</summary>
    public static int? JsonLayoutLine(string text)
    {
        var match = JsonLayout().Match(text);
        return match.Success ? new TextLines(text).LineOf(match.Index) : null;
    }

    private static JsonElement? Section(string text, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
                    return property.Value.Clone();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int SectionStart(string text, string section) => text.IndexOf($"\"{section}\"", StringComparison.OrdinalIgnoreCase);

    private static int LineOfKeyAfter(string text, string section, string key)
    {
        var start = SectionStart(text, section);
        var at = start < 0 ? -1 : text.IndexOf($"\"{key}\"", start, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? 0 : new TextLines(text).LineOf(at);
    }

    [GeneratedRegex(@"JsonFormatter|EcsTextFormatter|JsonLayout|""Name""\s*:\s*""(?:Seq|Elasticsearch|GrafanaLoki|DatadogLogs|OpenTelemetry)""", RegexOptions.IgnoreCase)]
    private static partial Regex StructuredSetting();

    [GeneratedRegex(@"JsonLayout|SerializedLayout", RegexOptions.IgnoreCase)]
    private static partial Regex JsonLayout();
}
