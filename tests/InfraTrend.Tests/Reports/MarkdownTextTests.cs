using InfraTrend.Reports;

namespace InfraTrend.Tests.Reports;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("**bold** _it_ [link](x) <b>", "\\*\\*bold\\*\\* \\_it\\_ \\[link\\](x) \\<b\\>")]
    [InlineData("`code` ~~gone~~ # not a heading", "\\`code\\` \\~\\~gone\\~\\~ \\# not a heading")]
    [InlineData("C:\\path", "C:\\\\path")]
    [InlineData("&amp; stays text, & alone stays &", "\\&amp; stays text, & alone stays &")]
    [InlineData("two\nlines\r\nand\ttab", "two lines  and tab")]
    public void Inline_text_reads_as_written(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Inline(text));

    [Theory]
    [InlineData("plain", false, "`plain`")]
    [InlineData("a`b", false, "``a`b``")]
    [InlineData("`edge", false, "`` `edge ``")]
    [InlineData("a|b", false, "`a|b`")]
    [InlineData("a|b", true, "`a\\|b`")]
    [InlineData("a\\|b", true, "a\\\\\\|b")]
    public void Code_spans_hold_backticks_and_pipes(string text, bool inTable, string expected) =>
        Assert.Equal(expected, MarkdownText.Code(text, inTable));

    [Fact]
    public void A_code_block_fence_outruns_the_backticks_inside()
    {
        Assert.Equal("```\nnpm i\n```\n", MarkdownText.Block("npm i"));
        Assert.Equal("  ````sh\n  echo ```\n\n  done\n  ````\n", MarkdownText.Block("echo ```\n\ndone\n", "  ", "sh"));
    }
}
