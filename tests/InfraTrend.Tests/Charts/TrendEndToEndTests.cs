using System.Text.RegularExpressions;
using InfraTrend.Auditing;
using InfraTrend.Charts;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Tests.Support;
using ScottPlot.Plottables;
using Xunit.Abstractions;

namespace InfraTrend.Tests.Charts;

/// <summary>
/// A repository that gets better commit by commit, each commit audited (from git objects, as a backfill would),
/// drawn and reported: the charts, the forecast, the burn-down counts and the HTML, from real audits.
/// </summary>
public sealed class TrendEndToEndTests(TrendEndToEndTests.ImprovingRepository history, ITestOutputHelper output) : IClassFixture<TrendEndToEndTests.ImprovingRepository>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("infratrend-trend-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IReadOnlyList<AuditResult> Audits => history.Audits;

    private static IReadOnlyList<double> Plotted(TrendSeries series, ChartKind kind, string legend)
    {
        using var plot = TrendChart.Build(series, kind, new ChartOptions(), svg: false);
        return plot.GetPlottables<Scatter>().Single(l => l.LegendText == legend).Data.GetScatterPoints().Select(p => p.Y).ToList();
    }

    [Fact]
    public void Each_run_sits_at_its_commit_time_and_the_score_rises()
    {
        var points = history.Points;

        Assert.Equal(Enumerable.Range(0, 5).Select(week => ImprovingRepository.FirstCommit.AddDays(7 * week)), points.Select(p => p.At));
        Assert.Equal(Audits.Select(a => a.Repository.Commit), points.Select(p => p.Commit));
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.Second.Overall >= pair.First.Overall, $"run {pair.Second.RunNumber} scored {pair.Second.Overall} after {pair.First.Overall}"));
        Assert.True(points[^1].Overall > points[0].Overall + 20, $"overall went from {points[0].Overall} to {points[^1].Overall}");
        Assert.True(points[^1].MaturityLevel > points[0].MaturityLevel);
        foreach (var p in points)
            output.WriteLine($"run {p.RunNumber} {p.At:yyyy-MM-dd}: overall {p.Overall}, level {p.MaturityLevel}, tasks {string.Join(" ", p.OpenTasksByPriority.Select(t => $"{t.Key} {t.Value}"))}");
    }

    [Fact]
    public void Burndown_draws_each_audits_open_tasks_by_priority()
    {
        var series = history.Series();

        foreach (var priority in new[] { Priority.High, Priority.Medium, Priority.Low })
        {
            var counted = Audits.Select(a => (double)a.Evaluation.Tasks.Count(t => t.Priority == priority)).ToList();
            var legend = $"{char.ToUpperInvariant(priority.Id()[0])}{priority.Id()[1..]} priority";
            Assert.Equal(counted, Plotted(series, ChartKind.Burndown, legend));
        }
        var totals = Plotted(series, ChartKind.Burndown, "All open tasks");
        Assert.Equal(Audits.Select(a => (double)a.Evaluation.Tasks.Count), totals);
        Assert.True(totals[^1] < totals[0], $"open tasks went from {totals[0]} to {totals[^1]}");
    }

    [Fact]
    public void Forecast_over_the_audits_says_when_each_target_is_reached()
    {
        var last = history.Points[^1];
        var lastDay = DateOnly.FromDateTime(last.At.UtcDateTime);
        var higher = new Target("overall", last.Overall!.Value + 10, lastDay.AddDays(90));
        var reached = new Target("overall", history.Points[0].Overall!.Value, lastDay.AddDays(90));
        var series = history.Series(higher, reached);

        var line = Forecast.Fit(series, "overall", last.At)!;
        var forecasts = Forecast.ForTargets(series, last.At);

        Assert.Equal(5, line.Runs);
        Assert.True(line.SlopePerDay > 0);
        Assert.Equal(TargetOutlook.OnTrack, forecasts[0].Outlook);
        Assert.InRange(forecasts[0].ExpectedOn!.Value, lastDay, higher.By);
        // The line reaches the target's value on the day it says.
        Assert.InRange(line.ValueAt(new DateTimeOffset(forecasts[0].ExpectedOn!.Value.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero)), higher.Value, double.MaxValue);
        Assert.Equal(TargetOutlook.AlreadyMet, forecasts[1].Outlook);
    }

    [Fact]
    public void Chart_files_of_the_audits_are_valid_png_and_svg_with_their_series()
    {
        var series = history.Series(new Target("overall", 80, new DateOnly(2025, 6, 30)));

        var pngs = TrendChart.WriteAll(series, Path.Combine(_folder, "png"), "png");
        var svgs = TrendChart.WriteAll(series, Path.Combine(_folder, "svg"), "svg");

        // One part (the repository itself): no parts chart, which would only repeat the overall score.
        Assert.Equal([ChartKind.Overall, ChartKind.Categories, ChartKind.Burndown], pngs.Select(p => p.Kind));
        Assert.All(pngs, png => Assert.Equal((1000, 560), ChartFiles.PngSize(File.ReadAllBytes(png.Path))));
        Assert.All(svgs, svg =>
        {
            var texts = ChartFiles.SvgTexts(File.ReadAllText(svg.Path));
            Assert.All(TrendChart.LegendTexts(series, svg.Kind), legend => Assert.Contains(legend, texts));
        });
        var overall = ChartFiles.SvgTexts(File.ReadAllText(svgs[0].Path));
        Assert.Contains("Target: Overall score 80 by 2025-06-30", overall);
        Assert.Contains("Target: 80 by 2025-06-30", overall);
        Assert.Contains("CI/CD Pipeline", ChartFiles.SvgTexts(File.ReadAllText(svgs[1].Path)));
    }

    [Fact]
    public void Reports_of_the_latest_audit_carry_the_history()
    {
        var series = history.Series(new Target("overall", 80, new DateOnly(2025, 6, 30)));
        var charts = TrendChart.WriteAll(series, _folder, "png");

        var html = HtmlReport.Render(Audits[^1], series);
        var markdown = MarkdownReport.Render(Audits[^1], new MarkdownTrend(series, charts.Select(c => (c.Kind, Path.GetFileName(c.Path))).ToList()));
        var (previous, latest) = (history.Points[^2].Overall, history.Points[^1].Overall);

        Assert.Equal(3, Regex.Matches(html, "<svg ").Count);
        Assert.Contains("<p>5 runs recorded, from 2025-03-03 to 2025-03-31.</p>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><td>Overall score</td><td>{previous}</td><td>{latest}</td><td class=\"better\">+{latest - previous}</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"| Overall score | {previous} | {latest} | +{latest - previous} |", markdown, StringComparison.Ordinal);
        Assert.Contains("![Open tasks by priority over time](trend-burndown.png)", markdown, StringComparison.Ordinal);
    }

    /// <summary>Five weekly commits: a bare Express app, then docs and a lockfile, CI with tests, a Dockerfile with a health check, security middleware and error tracking.</summary>
    public sealed class ImprovingRepository : IDisposable
    {
        public static readonly DateTimeOffset FirstCommit = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

        private readonly TestRepository _repo = TestRepository.Create();

        public ImprovingRepository()
        {
            var commits = new List<string>();
            _repo.Write("package.json", Package(""))
                .Write("src/index.js", "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.listen(process.env.PORT || 3000);\n");
            commits.Add(_repo.Commit("Express app", FirstCommit));

            _repo.Write("README.md", "# Shop\n\n## Getting started\n\n```bash\nnpm ci\nnpm start\n```\n\n## Deployment\n\nBuilt into a container and deployed on push to main.\n")
                .Write(".gitignore", "node_modules\n.env\n")
                .Write(".nvmrc", "20.19.0\n")
                .Write("package-lock.json", "{ \"name\": \"shop\", \"lockfileVersion\": 3, \"requires\": true, \"packages\": {} }\n")
                .Write(".env.example", "PORT=3000\nDATABASE_URL=\n");
            commits.Add(_repo.Commit("Docs, lockfile, env example", FirstCommit.AddDays(7)));

            _repo.Write("package.json", Package(", \"jest\": \"^29.7.0\""))
                .Write("test/app.test.js", "test('serves', () => { expect(1 + 1).toBe(2); });\n")
                .Write(".github/workflows/ci.yml", """
                    name: CI
                    on: [push, pull_request]
                    jobs:
                      test:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v4
                          - uses: actions/setup-node@v4
                            with:
                              node-version: 20.19.0
                          - run: npm ci
                          - run: npm run lint
                          - run: npm test
                          - run: npm audit --audit-level high
                    """);
            commits.Add(_repo.Commit("CI with tests", FirstCommit.AddDays(14)));

            _repo.Write("Dockerfile", "FROM node:20.19.0-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\nCMD [\"node\", \"src/index.js\"]\n")
                .Write(".dockerignore", "node_modules\n.git\n")
                .Write("src/index.js", "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\napp.get('/', (req, res) => res.send('ok'));\nconst server = app.listen(process.env.PORT || 3000);\nprocess.on('SIGTERM', () => server.close());\n");
            commits.Add(_repo.Commit("Container with a health check", FirstCommit.AddDays(21)));

            _repo.Write("package.json", Package(", \"jest\": \"^29.7.0\", \"helmet\": \"^7.1.0\", \"express-rate-limit\": \"^7.1.0\", \"@sentry/node\": \"^7.100.0\", \"pino\": \"^8.17.0\""))
                .Write("src/index.js", """
                    const Sentry = require('@sentry/node');
                    const express = require('express');
                    const helmet = require('helmet');
                    const rateLimit = require('express-rate-limit');
                    const logger = require('pino')();
                    Sentry.init({ dsn: process.env.SENTRY_DSN });
                    const app = express();
                    app.use(helmet());
                    app.use(rateLimit({ windowMs: 60000, max: 100 }));
                    app.get('/health', (req, res) => res.json({ status: 'ok' }));
                    app.get('/', (req, res) => res.send('ok'));
                    const server = app.listen(process.env.PORT || 3000, () => logger.info('listening'));
                    process.on('SIGTERM', () => server.close());
                    """);
            commits.Add(_repo.Commit("Security middleware, error tracking, structured logs", FirstCommit.AddDays(28)));

            Audits = commits.Select(sha => Auditor.Audit(_repo.Root, new AuditOptions { Ref = sha })).ToList();
            Points = Audits.Select((audit, i) => TrendPoints.FromAudit(audit, i + 1)).ToList();
        }

        public IReadOnlyList<AuditResult> Audits { get; }

        public IReadOnlyList<TrendPoint> Points { get; }

        public TrendSeries Series(params Target[] targets) => new(_repo.Root, Audits[^1].Evaluation.RulesetVersion, Points, targets);

        public void Dispose() => _repo.Dispose();

        private static string Package(string extraDependencies) =>
            "{\n  \"name\": \"shop\",\n  \"version\": \"1.0.0\",\n  \"engines\": { \"node\": \">=20\" },\n  \"scripts\": { \"start\": \"node src/index.js\", \"test\": \"jest\", \"lint\": \"eslint .\" },\n"
            + $"  \"dependencies\": {{ \"express\": \"^4.19.2\"{extraDependencies} }}\n}}\n";
    }
}
