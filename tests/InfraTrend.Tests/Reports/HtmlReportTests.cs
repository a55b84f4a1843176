using System.Text.RegularExpressions;
using InfraTrend.Auditing;
using InfraTrend.Charts;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Scanning;
using InfraTrend.Tests.Charts;
using static InfraTrend.Tests.Reports.AuditBuilder;

namespace InfraTrend.Tests.Reports;

public sealed partial class HtmlReportTests
{
    private const string Script = "<script>alert(\"x\")</script>";

    private static readonly TrendSeries Trend = Series.Improving(8, 70, new Target("overall", 80, Series.Day(120)), new Target("security", 90, Series.Day(30)));

    private static readonly string Plain = HtmlReport.Render(SampleLike().Build());

    private static readonly string WithTrend = HtmlReport.Render(SampleLike().Build(), Trend, Series.On(70));

    /// <summary>An audit whose every repository-derived string is hostile: paths, messages, fixes, parts, warnings, the root itself.</summary>
    internal static AuditResult Hostile()
    {
        var audit = new AuditBuilder
        {
            Repository = new RepositoryInfo($"/srv/{Script}&'x'", "abc\"def", "<b>main</b>", null, true, "https://user:hunter2@example.com/a.git?x=<i>", null),
        };
        audit.Part($"apps/{Script}", "\"><img src=x onerror=alert(1)>", "service");
        audit
            .Check(
                "security.evil",
                Category.Security,
                2,
                Severity.High,
                Fail($"found {Script} & \"quotes\" in 'config'", $"</code></pre>{Script}<pre>", At($"deploy/{Script}.yml", 3), At("a&b\"c'.txt")) with { Subject = $"deploy/{Script}.yml" })
            .PartCheck("monitoring.evil", Category.Monitoring, 3, Severity.Medium, ($"apps/{Script}", Partial(0.5, "<img src=x onerror=alert(2)>", "<style>body{display:none}</style>", At($"apps/{Script}/x.ts", 1))));
        audit.Skipped.Add(new SkippedFile($"bin/{Script}.exe", SkipReason.Binary));
        audit.Warnings.Add(($"ci/{Script}.yml", $"could not parse {Script}"));
        return audit.Build();
    }

    private static TrendSeries HostileTrend() =>
        Series.Of(
            [
                Series.Run(0, 40, parts: new Dictionary<string, int?> { [$"apps/{Script}"] = 30 }),
                Series.Run(10, 50, parts: new Dictionary<string, int?> { [$"apps/{Script}"] = 45 }),
            ],
            new Target($"{Script}&", 60, Series.Day(30))) with { Repository = $"/srv/{Script}" };

    [GeneratedRegex("""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteReference();

    [Fact]
    public void Report_has_every_section_in_order()
    {
        string[] ids = ["summary", "trend", "categories", "findings", "maturity", "plan", "tasks", "stack", "skipped"];

        var positions = ids.Select(id => WithTrend.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal)).ToList();

        Assert.All(ids.Zip(positions), p => Assert.True(p.Second >= 0, $"no section '{p.First}'"));
        Assert.Equal(positions.Order(), positions);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", WithTrend, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", WithTrend, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_findings_plan_and_task_list_carry_the_audits_content()
    {
        Assert.Contains("<span class=\"label\">Overall score</span>", Plain, StringComparison.Ordinal);
        Assert.Contains("no rate limiting middleware", Plain, StringComparison.Ordinal);
        Assert.Contains("<code>backend/prisma/migrations/20240101_init/migration.sql</code>", Plain, StringComparison.Ordinal);
        Assert.Contains("<pre><code>pnpm add express-rate-limit\n\napp.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));</code></pre>", Plain, StringComparison.Ordinal);
        Assert.Contains("<code>security.rate-limiting|backend|part</code>", Plain, StringComparison.Ordinal);
        Assert.Contains("Evidence: <code>docker/evil|name`x`.Dockerfile:3</code>", Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_repository_derived_string_is_escaped()
    {
        var html = HtmlReport.Render(Hostile(), HostileTrend());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</code></pre><", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<style>"));
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("found &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; in &#39;config&#39;", html, StringComparison.Ordinal);
        Assert.Contains("<code>a&amp;b&quot;c&#39;.txt</code>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;main&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_attribute_value_is_quoted_and_free_of_raw_markup()
    {
        var html = HtmlReport.Render(Hostile(), HostileTrend());

        // A value that broke out of its quotes would leave a quote or bracket inside the tag.
        foreach (Match tag in Regex.Matches(html, "<[a-zA-Z][^>]*>"))
        {
            var withoutValues = Regex.Replace(tag.Value, "=\"[^\"]*\"", "=\"\"");
            Assert.DoesNotContain('\'', withoutValues);
            Assert.DoesNotContain('<', withoutValues[1..]);
        }
    }

    [Fact]
    public void Report_requests_nothing_from_outside_the_file()
    {
        var html = HtmlReport.Render(Hostile(), HostileTrend());

        Assert.Empty(RemoteReference().Matches(WithTrend));
        Assert.Empty(RemoteReference().Matches(html));
        Assert.DoesNotContain("<link", WithTrend, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", WithTrend, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", WithTrend, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlReport.ContentSecurityPolicy}\">", WithTrend, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_are_inline_svg_with_ids_unique_in_the_page()
    {
        var svgs = Regex.Matches(WithTrend, "<svg[^>]*>").Select(m => m.Value).ToList();
        var ids = Regex.Matches(WithTrend, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(4, svgs.Count);
        Assert.All(svgs, svg => Assert.Contains("viewBox=\"0 0 1000 560\" role=\"img\" aria-label=\"", svg, StringComparison.Ordinal));
        Assert.DoesNotContain("<?xml", WithTrend, StringComparison.Ordinal);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains(">\n\t\t\tshop: Overall score and maturity level\n", WithTrend, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_section_shows_the_change_since_the_previous_run_and_the_targets()
    {
        Assert.Contains("<p>8 runs recorded, from 2025-01-06 to 2025-03-17.</p>", WithTrend, StringComparison.Ordinal);
        Assert.Contains("<th>Previous (run 7, 2025-03-07)</th>", WithTrend, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Overall score</td><td>70</td><td>75</td><td class=\"better\">+5</td></tr>", WithTrend, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Open tasks</td><td>13</td><td>11</td><td class=\"better\">-2</td></tr>", WithTrend, StringComparison.Ordinal);
        Assert.Contains("<li class=\"pass\">Overall score 80 by 2025-05-06: on track, reached about 2025-03-27 at the current pace (+0.5 a day over 8 runs in 70 days)</li>", WithTrend, StringComparison.Ordinal);
        Assert.Contains("<li class=\"partial\">Security 90 by 2025-02-05: late, reached about", WithTrend, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_series_there_is_no_trend_and_no_chart()
    {
        Assert.DoesNotContain("<section id=\"trend\">", Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", HtmlReport.Render(SampleLike().Build(), Series.Of([])), StringComparison.Ordinal);
    }

    [Fact]
    public void First_run_says_there_is_no_change_yet()
    {
        var html = HtmlReport.Render(SampleLike().Build(), Series.Improving(1, 0));

        Assert.Contains("This is the first recorded run", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(html, "<svg").Count);
    }
}
