using InfraTrend.Auditing;

namespace InfraTrend.Reports;

/// <summary>The report formats a command can name, rendered without a trend; `console` is left to the caller (its colours and width are the terminal's).</summary>
public static class ReportFormats
{
    /// <summary>The report in <paramref name="format"/> (md, json, html, sarif); null for console or an unknown format.</summary>
    public static string? Render(AuditResult result, string format) =>
        format switch
        {
            "md" => MarkdownReport.Render(result),
            "json" => JsonReport.Render(result),
            "html" => HtmlReport.Render(result),
            "sarif" => SarifReport.Render(result),
            _ => null,
        };
}
