using InfraTrend.Reports;
using static InfraTrend.Tests.Reports.AuditBuilder;

namespace InfraTrend.Tests.Reports;

public sealed class ConsoleReportTests
{
    private static AuditBuilder WithHostileWarning()
    {
        var audit = SampleLike();
        audit.Warnings.Add(("evil\u001b[31mred\u001b]0;title\u0007.yml", "bad\u001b[2Jline"));
        return audit;
    }

    [Fact]
    public void Without_colour_the_summary_has_no_escape_sequences_even_from_hostile_names()
    {
        var text = ConsoleReport.Render(WithHostileWarning().Build(), new ConsoleReportOptions { Color = false });

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.Contains("evil?[31mred?]0;title?.yml: bad?[2Jline", text);
    }

    [Fact]
    public void With_colour_statuses_are_coloured_and_hostile_names_still_are_not_escapes()
    {
        var text = ConsoleReport.Render(WithHostileWarning().Build(), new ConsoleReportOptions { Color = true });

        Assert.Contains("\u001b[32m✓ excellent", text);
        Assert.Contains("\u001b[31m✗ missing", text);
        Assert.DoesNotContain("\u001b[31mred", text);
    }

    [Fact]
    public void The_summary_table_has_a_row_per_category_with_a_glyph_readable_without_colour()
    {
        var lines = ConsoleReport.Render(SampleLike().Build()).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("CI/CD Pipeline ", StringComparison.Ordinal) && l.Contains("✓ excellent") && l.Contains("3/3 checks pass") && l.EndsWith(" 100       1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Security ", StringComparison.Ordinal) && l.Contains("✗ missing") && l.EndsWith(" 33       1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Monitoring & Observability ", StringComparison.Ordinal) && l.Contains("! limited"));
        Assert.Contains(lines, l => l.StartsWith("Testing & QA ", StringComparison.Ordinal) && l.Contains("- n/a") && l.EndsWith(" –    0.25", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_states_score_maturity_blockers_tasks_skipped_files_and_warnings()
    {
        var text = ConsoleReport.Render(SampleLike().Build(), new ConsoleReportOptions { TopTasks = 2, Blocking = 3 });

        Assert.Contains("Overall score: 72/100 (basic)\n", text);
        Assert.Contains("Maturity level: 3/5 (Defined)\n", text);
        Assert.Contains("Next: level 4 (Quantitatively Managed) needs 55% of its weight passing; 25% passes now.\n", text);
        Assert.Contains("  ✗ Error tracking [backend]: no error tracking SDK is initialised\n", text);
        Assert.Contains("  … and 1 more\n", text);
        Assert.Contains("Top tasks (6 in all: 3 high, 2 medium, 1 low):\n", text);
        Assert.Contains(" 2. [high] Error tracking (frontend)\n      fix: pnpm add @sentry/react\n      id:  monitoring.error-tracking|frontend|part\n", text);
        Assert.DoesNotContain(" 3. ", text);
        Assert.Contains("Skipped files: 1 binary, 1 oversized\n", text);
        Assert.Contains("Warnings (1):\n  ! .github/workflows/broken.yml: could not parse", text);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(140)]
    public void Every_line_fits_the_width(int width)
    {
        var text = ConsoleReport.Render(WithHostileWarning().Build(), new ConsoleReportOptions { Width = width });

        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
    }

    [Fact]
    public void A_narrow_table_shortens_key_findings_with_an_ellipsis()
    {
        var text = ConsoleReport.Render(SampleLike().Build(), new ConsoleReportOptions { Width = 76 });

        Assert.Contains("1/3 checks pass; ga…", text);
    }

    [Fact]
    public void Two_renders_of_one_result_are_byte_identical()
    {
        var result = SampleLike().Build();

        Assert.Equal(ConsoleReport.Render(result, new() { Color = true }), ConsoleReport.Render(result, new() { Color = true }));
    }
}
