using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Reports;
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
}
