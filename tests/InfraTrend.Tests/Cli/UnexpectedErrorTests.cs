using InfraTrend.Tests.History;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

/// <summary>
/// A defect that escapes every command's own handling is one line naming the exception, exit 1; with --verbose, its
/// stack trace follows, which is what a report of the defect needs (a Maven module crashing the audit was only found
/// by patching the tool to print it).
/// </summary>
public sealed class UnexpectedErrorTests : IDisposable
{
    private readonly TestRepository _repo = HistorySupport.NodeRepository();
    private readonly TempFolder _temp = new();

    public UnexpectedErrorTests()
    {
        _repo.Commit("init", HistorySupport.Day0);
        // One run recorded first, so the second audit's report has a trend to draw.
        Assert.Equal(0, CliRunner.Run("audit", _repo.Root, "--db", Database, "--quiet").ExitCode);
    }

    private string Database => Path.Combine(_temp.Path, "h.db");

    public void Dispose()
    {
        _repo.Dispose();
        _temp.Dispose();
    }

    /// <summary>A clock that fails: the trend under the report asks it for today, which no command expects to fail.</summary>
    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("the clock broke");
    }

    private (int Code, string Error) Audit(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["audit", _repo.Root, "--db", Database, "--format", "md", "--out", Path.Combine(_temp.Path, "r.md"), .. extra];
        var code = InfraTrend.Cli.Cli.Run(args, output, error, new BrokenClock());
        return (code, error.ToString());
    }

    [Fact]
    public void Is_one_line_that_names_the_exception_and_says_how_to_see_where()
    {
        var (code, error) = Audit();

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("infratrend: unexpected error (InvalidOperationException): the clock broke (please report it; --verbose prints where it happened)", line);
    }

    [Fact]
    public void With_verbose_is_followed_by_the_stack_trace()
    {
        var (code, error) = Audit("--verbose");

        Assert.Equal(1, code);
        Assert.Contains("infratrend: unexpected error (InvalidOperationException): the clock broke (please report it, with what follows)\n", error);
        Assert.Contains("System.InvalidOperationException: the clock broke", error);
        Assert.Contains("   at ", error);
    }
}
