using Target = InfraTrend.Model.Target;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Tests.Charts;
using InfraTrend.Tests.Support;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace InfraTrend.Tests.Reports;

/// <summary>The HTML report as a person sees it: opened from disk in headless Chromium (the system's; nothing is downloaded).</summary>
public sealed class HtmlReportBrowserTests(ITestOutputHelper output) : IDisposable
{
    // Headless, as root, and with everything that would reach the network at start-up turned off.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("infratrend-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed record ChartBox(double Width, double Height, double Texts, double TextWidth);

    [ChromiumFact]
    public async Task Report_opens_with_its_charts_drawn_and_no_console_error_or_request()
    {
        var series = Series.Improving(12, 110, new Target("overall", 80, Series.Day(150)), new Target("maturity", 4, Series.Day(200)));
        var report = Path.Combine(_folder, "report.html");
        var audit = HtmlReportTests.Hostile();
        await File.WriteAllTextAsync(report, HtmlReport.Render(audit, series));
        var screenshot = Path.Combine(_folder, "report.png");

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Executable,
            Headless = true,
            Args = Flags,
            UserDataDir = Directory.CreateDirectory(Path.Combine(_folder, "profile")).FullName,
        });
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
                errors.Add("console: " + e.Message.Text);
        };
        page.PageError += (_, e) => errors.Add("page: " + e.Message);
        page.Request += (_, e) => requests.Add(e.Request.Url);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });

        var response = await page.GoToAsync(new Uri(report).AbsoluteUri, WaitUntilNavigation.Load);
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        var charts = await page.EvaluateExpressionAsync<ChartBox[]>("""
            Array.from(document.querySelectorAll('figure.chart svg')).map(svg => {
              const box = svg.getBoundingClientRect();
              const texts = Array.from(svg.querySelectorAll('text'));
              return { width: box.width, height: box.height, texts: texts.length,
                       textWidth: texts.reduce((sum, t) => sum + t.getComputedTextLength(), 0) };
            })
            """);
        var title = await page.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent");
        output.WriteLine($"screenshot: {screenshot}");

        Assert.True(response.Ok);
        Assert.Empty(errors);
        Assert.Equal([new Uri(report).AbsoluteUri], requests);
        Assert.Equal(4, charts.Length);
        Assert.All(charts, chart =>
        {
            Assert.True(chart.Width > 500 && chart.Height > 250, $"chart drawn at {chart.Width} x {chart.Height}");
            Assert.True(chart.Texts > 10 && chart.TextWidth > 0, $"chart text: {chart.Texts} elements, {chart.TextWidth} px");
        });
        // The hostile folder name reads back as the text it is.
        Assert.Equal("Infrastructure Audit: " + ReportText.RepositoryName(audit.Repository), title);
        Assert.EndsWith("script>&'x'", title, StringComparison.Ordinal);
        var (width, height) = ChartFiles.PngSize(await File.ReadAllBytesAsync(screenshot));
        Assert.Equal(1280, width);
        Assert.True(height > 2000, $"the page is {height} px tall");
    }
}
