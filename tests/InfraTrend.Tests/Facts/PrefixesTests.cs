using InfraTrend.Facts;

namespace InfraTrend.Tests.Facts;

public class PrefixesTests
{
    [Theory]
    [InlineData("sentry_sdk", "sentry_sdk", true)]
    [InlineData("sentry_sdk.integrations", "sentry_sdk", true)]
    [InlineData("sentry_sdkx", "sentry_sdk", false)]
    [InlineData("sentry", "sentry_sdk", false)]
    [InlineData("a_b", "a", false)]
    public void DottedNames(string value, string root, bool expected) => Assert.Equal(expected, Prefixes.IsAtOrUnder(value, root, '.'));

    [Theory]
    [InlineData("src/api/index.ts", "src", true)]
    [InlineData("src", "src", false)]
    [InlineData("srcs/index.ts", "src", false)]
    [InlineData("src.ts", "src", false)]
    public void PathsStrictlyBelow(string value, string root, bool expected) => Assert.Equal(expected, Prefixes.IsUnder(value, root, '/'));

    [Fact]
    public void ComparisonIsHonoured()
    {
        Assert.True(Prefixes.IsAtOrUnder("serilog.sinks.console", "Serilog.Sinks", '.', StringComparison.OrdinalIgnoreCase));
        Assert.False(Prefixes.IsAtOrUnder("serilog.sinks.console", "Serilog.Sinks", '.'));
        Assert.True(Prefixes.IsAtOrUnder("SERILOG", "Serilog", '.', StringComparison.OrdinalIgnoreCase));
    }
}
