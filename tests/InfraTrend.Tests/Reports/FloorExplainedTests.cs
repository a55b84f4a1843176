using InfraTrend.Auditing;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Scoring;
using InfraTrend.Tests.Scores;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Reports;

/// <summary>A category score raised to its floor says so beside the checks, or "0/5 checks pass ... 20" reads as an error.</summary>
public sealed class FloorExplainedTests
{
    [Fact]
    public void A_score_raised_to_its_floor_names_the_floor_and_what_the_checks_give()
    {
        using var repo = TestRepository.Create();
        repo
            .Write("package.json", """{ "name": "shop", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "mysql2": "3.9.0" } }""")
            .Write("server.js", "const express = require('express');\nconst mysql = require('mysql2');\nconst db = mysql.createPool(process.env.DATABASE_URL);\nconst app = express();\napp.listen(3000);\n");
        repo.Commit("shop");

        var result = Auditor.Audit(repo.Root);

        Assert.Equal(20, result.Evaluation.ScoreCard.Category(Category.Database).Score);
        var findings = ReportText.KeyFindings(result.Evaluation, Category.Database);
        Assert.Matches(@"^0/\d+ checks pass \(they give \d+; the category's floor is 20\); gaps: ", findings);
        Assert.Contains("the category's floor is 20", MarkdownReport.Render(result));
    }

    [Fact]
    public void A_tapered_score_names_the_taper_and_what_the_checks_give()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# Shop\n\n## Install\n\nnpm ci\n\n## Run\n\nnpm start\n")
            .Write("LICENSE", "MIT License\n")
            .Write("package.json", """{ "name": "shop", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2" } }""");
        var options = ScoringOptions.Default with { CategoryTapers = new Dictionary<Category, (int From, double Slope)> { [Category.Operations] = (0, 0.5) } };

        var evaluation = Evaluation.Evaluate(CorpusCase.Extract(repo), options);

        var shown = evaluation.ScoreCard.Category(Category.Operations).Score!.Value;
        var findings = ReportText.KeyFindings(evaluation, Category.Operations);
        var note = System.Text.RegularExpressions.Regex.Match(findings, @"\(they give (\d+); above 0 a point counts 50%\)");
        Assert.True(note.Success, findings);
        var given = int.Parse(note.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(given, 1, 100);
        Assert.InRange(shown, given / 2 - 1, given / 2 + 1);
    }
}
