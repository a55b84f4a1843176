using InfraTrend.Auditing;
using InfraTrend.Model;
using InfraTrend.Reports;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Reports.AuditBuilder;

namespace InfraTrend.Tests.Reports;

public sealed class MarkdownReportTests
{
    private static readonly string Markdown = MarkdownReport.Render(SampleLike().Build());

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n');

    /// <summary>The text from a heading to the next heading of the same or a higher level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no heading '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();
        var next = Enumerable.Range(1, level)
            .Select(l => markdown.IndexOf("\n" + new string('#', l) + " ", start + heading.Length + 1, StringComparison.Ordinal))
            .Where(i => i >= 0)
            .DefaultIfEmpty(markdown.Length)
            .Min();
        return markdown[start..next];
    }

    // How GitHub splits a table row: a backslash escapes the next character, any other pipe separates cells.
    private static int CellSeparators(string row)
    {
        var count = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\')
                i++;
            else if (row[i] == '|')
                count++;
        }
        return count;
    }

    [Fact]
    public void Markdown_has_every_section_of_the_sample_report()
    {
        string[] headings =
        [
            "# Infrastructure Audit: shop",
            "## Executive Summary",
            "## Critical Infrastructure Findings",
            "## ⚠️ Infrastructure Gaps & Risks",
            "## Detailed Infrastructure Analysis",
            "## Monorepo Parts",
            "## Infrastructure Maturity Assessment",
            "## Infrastructure Improvement Plan",
            "### IMMEDIATE (This Week)",
            "### SHORT-TERM (Weeks 2-4)",
            "### MEDIUM-TERM (Month 2+)",
            "## Next Steps Priority Matrix",
            "## Technology Stack Assessment",
            "## What Was Skipped",
        ];

        var positions = headings.Select(h => Lines(Markdown).ToList().IndexOf(h)).ToList();

        Assert.All(headings.Zip(positions), p => Assert.True(p.Second >= 0, $"missing '{p.First}'"));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Header_names_commit_branch_date_and_duration()
    {
        Assert.Contains("**Commit:** `0123456789abcdef0123456789abcdef01234567` on branch `main`, committed 2025-08-26 16:00:00 UTC", Markdown);
        Assert.Contains("**Execution Date:** 2025-08-27 10:03:12 UTC", Markdown);
        Assert.Contains("**Duration:** 1.2 s", Markdown);
    }

    [Fact]
    public void Executive_summary_has_a_row_per_category_and_the_overall_score()
    {
        var summary = Section(Markdown, "## Executive Summary");

        Assert.Contains("| Category | Status | Key findings | Score |", summary);
        Assert.Contains("| **CI/CD Pipeline** | ✅ Excellent | 3/3 checks pass | 100/100 |", summary);
        Assert.Contains("| **Security** | ❌ Missing | 1/3 checks pass; gaps: Headers; Rate limiting | 33/100 |", summary);
        Assert.Contains("| **Testing & QA** | ➖ Not assessed | no applicable checks | n/a |", summary);
        Assert.Contains("**Overall Infrastructure Score: 72/100** (Basic; below 75: Security 33, Operational Readiness 44, Monitoring & Observability 50)", summary);
        Assert.Contains("**Infrastructure Maturity Level: 3/5 (Defined)**", summary);
    }

    [Fact]
    public void Strengths_list_passing_checks_with_evidence_and_gaps_list_failing_ones_with_risk()
    {
        var strengths = Section(Markdown, "## Critical Infrastructure Findings");
        var gaps = Section(Markdown, "## ⚠️ Infrastructure Gaps & Risks");

        Assert.Contains("### 1. **CI/CD Pipeline** ✅ EXCELLENT (100/100, weight 1 of 5.25)", strengths);
        Assert.Contains("- ✅ **Migrations** (`backend`): 22 Prisma migrations, applied at start — `backend/prisma/migrations/20240101_init/migration.sql`, `render.yaml:12`", strengths);
        Assert.DoesNotContain("**Security**", strengths);
        Assert.Contains("### 1. **Security** ❌ HIGH RISK (33/100, missing, weight 1 of 5.25)", gaps);
        Assert.Contains("- ❌ **Error tracking** (level 4, high severity, 2 of 2 parts fail: backend, frontend): no error tracking SDK is initialised", gaps);
    }

    [Fact]
    public void Detailed_analysis_lists_every_check_with_status_message_and_evidence()
    {
        var detail = Section(Markdown, "## Detailed Infrastructure Analysis");

        Assert.Contains("| Health endpoint (`monitoring.health-endpoint`) | 3 | ✅ pass | `backend` | GET /health is served | `backend/src/app.ts:40` |", detail);
        Assert.Contains("| Health endpoint (`monitoring.health-endpoint`) | 3 | ➖ n/a | `frontend` | a static site serves no routes |  |", detail);
        Assert.Contains("### Testing & QA: n/a (Not assessed, weight 0.25, not counted)", detail);
    }

    [Fact]
    public void A_hostile_file_name_cannot_break_tables_or_code()
    {
        // Inside a table the pipe is escaped, even within a code span; outside, the span holds it as is.
        Assert.Contains("| ``docker/evil\\|name`x`.Dockerfile`` |", Markdown);
        Assert.Contains("| ``docker/evil\\|name`x`.Dockerfile:3`` |", Markdown);
        Assert.Contains("— ``docker/evil|name`x`.Dockerfile:3``", Markdown);
        Assert.Contains("runs as root: no USER \\| line", Markdown);
        AssertTablesIntact(Markdown);
    }

    [Fact]
    public void Text_with_a_backslash_before_a_pipe_stays_inside_its_cell()
    {
        var audit = SampleLike();
        audit.Check("deployment.compose", Category.Deployment, 2, Severity.Low, Pass("odd\\|name", At("ops\\|`x`/compose.yml", 2)) with { Subject = "ops\\|`x`/compose.yml" });

        AssertTablesIntact(MarkdownReport.Render(audit.Build()));
    }

    private static void AssertTablesIntact(string markdown)
    {
        var lines = Lines(markdown);
        var tables = 0;
        for (var i = 1; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("|--", StringComparison.Ordinal))
                continue;
            tables++;
            var header = CellSeparators(lines[i - 1]);
            for (var row = i + 1; row < lines.Count && lines[row].StartsWith('|'); row++)
                Assert.True(header == CellSeparators(lines[row]), $"row breaks its table: {lines[row]}");
        }
        Assert.True(tables > 0);
    }

    [Fact]
    public void Fixes_sit_in_code_blocks_fenced_longer_than_any_backticks_inside()
    {
        var plan = Section(Markdown, "## Infrastructure Improvement Plan");

        Assert.Contains("1. **Error tracking (backend)** (Monitoring & Observability, level 4, high severity, impact 1)\n", plan);
        Assert.Contains("   - Task: `monitoring.error-tracking|backend|part`\n\n   ```\n   pnpm add @sentry/node\n   ```\n", plan);
        Assert.Contains("   ````\n   Add `USER node` before ```CMD```.\n   ````\n", plan);
        Assert.Contains("   app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));\n", plan);
    }

    [Fact]
    public void A_change_that_closes_two_tasks_is_written_once_and_the_second_task_points_to_it()
    {
        // No dependency bot fails ci.dependency-updates and security.dependency-updates with the same Dependabot fix.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nfunc main() {}\n");

        var plan = Section(MarkdownReport.Render(Auditor.Audit(repo.Root)), "## Infrastructure Improvement Plan");

        var fix = "Add .github/dependabot.yml with version: 2 and updates for package-ecosystem: gomod";
        Assert.Equal(1, plan.Split(fix).Length - 1);
        // The plan's items, by number: the one that shows the fix is the one the other task points to.
        var items = System.Text.RegularExpressions.Regex.Split(plan, @"\n(?=\d+\. \*\*)");
        var item = items.Single(i => i.Contains(fix, StringComparison.Ordinal)).Split('.')[0];
        Assert.Contains($"- Fix: the same change as item {item}.", plan);
        Assert.Contains("`ci.dependency-updates|.|repository`", plan);
        Assert.Contains("`security.dependency-updates|.|repository`", plan);
    }

    [Fact]
    public void Plan_and_matrix_group_tasks_by_priority()
    {
        var immediate = Section(Markdown, "### IMMEDIATE (This Week)");
        var shortTerm = Section(Markdown, "### SHORT-TERM (Weeks 2-4)");
        var mediumTerm = Section(Markdown, "### MEDIUM-TERM (Month 2+)");
        var matrix = Section(Markdown, "## Next Steps Priority Matrix");

        Assert.Contains("Rate limiting (backend)", immediate);
        Assert.Contains("Headers (backend)", shortTerm);
        Assert.Contains("6. **Runbooks**", mediumTerm);
        Assert.Contains("### HIGH PRIORITY (This week)\n\n- [ ] Error tracking (backend) (`monitoring.error-tracking|backend|part`)", matrix);
        Assert.Contains("### LOW PRIORITY (Month 2+)\n\n- [ ] Runbooks (`operations.runbooks|.|repository`)", matrix);
    }

    [Fact]
    public void Maturity_shows_each_level_its_share_and_what_blocks_the_next()
    {
        var maturity = Section(Markdown, "## Infrastructure Maturity Assessment");

        Assert.Contains("Infrastructure Maturity Level: 3/5 (Defined)\n├── Level 1 (Initial): ✅ Passed", maturity);
        Assert.Contains("├── Level 2 (Managed): ✅ Passed: 87% of weight 4 passing", maturity);
        Assert.Contains("├── Level 3 (Defined): ✅ Current: 100% of weight 4 passing", maturity);
        Assert.Contains("├── Level 4 (Quantitatively Managed): ❌ Missing: 25% of weight 4 passing (needs 55%)", maturity);
        Assert.Contains("└── Level 5 (Optimizing): ❌ Missing: 0% of weight 1 passing (needs 55%)", maturity);
        Assert.Contains("### Blocking Level 4 (Quantitatively Managed)", maturity);
        Assert.Contains("- ❌ **Rate limiting** (`backend`): no rate limiting middleware (task `security.rate-limiting|backend|part`)", maturity);
        Assert.Contains("**Weaknesses** (checks failing or partial):\n\n- Dockerfile (level 2, Deployment)", maturity);
    }

    [Fact]
    public void Parts_table_appears_for_a_monorepo_only()
    {
        var parts = Section(Markdown, "## Monorepo Parts");
        Assert.Contains("| `backend` | shop-api | service | typescript, express | 83 | 100 | 50 | 33 | 100 | 44 | – | – | 444 |", parts);

        var single = new AuditBuilder();
        single.Part(".", "shop", "app");
        single.Check("operations.readme", Category.Operations, 1, Severity.Medium, Pass("README.md", At("README.md")));
        Assert.DoesNotContain("Monorepo Parts", MarkdownReport.Render(single.Build()));
    }

    [Fact]
    public void Stack_and_skipped_files_come_from_the_facts_and_the_snapshot()
    {
        var stack = Section(Markdown, "## Technology Stack Assessment");
        var skipped = Section(Markdown, "## What Was Skipped");

        Assert.Contains("- **Runtimes:** node 20.19.0", stack);
        Assert.Contains("- **Package managers:** pnpm 8.15.0", stack);
        Assert.Contains("- **Deployment platforms:** nixpacks, render", stack);
        Assert.Contains("- **Migration tools:** prisma (22 migrations)", stack);
        Assert.Contains("| node | 20.19.0 | `nixpacks.toml` |", stack);
        Assert.Contains("| binary | 1 |", skipped);
        Assert.Contains("- `data/dump.sql` (oversized)", skipped);
        Assert.Contains("- `.github/workflows/broken.yml`: could not parse: mapping values are not allowed here", skipped);
    }

    [Fact]
    public void Two_renders_of_one_result_are_byte_identical()
    {
        var result = SampleLike().Build();

        Assert.Equal(MarkdownReport.Render(result), MarkdownReport.Render(result));
    }

    [Fact]
    public void Two_audits_of_the_same_state_differ_only_in_date_and_duration()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# tiny\n").Write("package.json", """{ "name": "tiny", "scripts": { "start": "node index.js" } }""").Commit("init");

        string WithoutTimes(string markdown) =>
            string.Join('\n', Lines(markdown).Where(l => !l.StartsWith("**Execution Date:**", StringComparison.Ordinal) && !l.StartsWith("**Duration:**", StringComparison.Ordinal)));

        Assert.Equal(WithoutTimes(MarkdownReport.Render(Auditor.Audit(repo.Root))), WithoutTimes(MarkdownReport.Render(Auditor.Audit(repo.Root))));
    }

    [Fact]
    public void A_real_audit_renders_every_section()
    {
        using var repo = TestRepository.Create();
        repo.Write("README.md", "# tiny\n").Commit("init");

        var markdown = MarkdownReport.Render(Auditor.Audit(repo.Root));

        Assert.StartsWith("# Infrastructure Audit: ", markdown);
        Assert.Contains("## Infrastructure Maturity Assessment", markdown);
        Assert.Contains("## What Was Skipped", markdown);
        Assert.EndsWith("runs none of its code.*\n", markdown);
    }
}
