using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

public sealed class DotnetSentryMentionTests
{
    [Fact]
    public void A_string_that_names_SENTRY_DSN_is_no_sentry_wiring_without_the_sdk_or_its_init()
    {
        // Found auditing this repository: a regex literal that mentions SENTRY_DSN in a fact source.
        using var repo = TestRepository.Create();
        repo.Write("src/Tool/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n")
            .Write("src/Tool/Program.cs", "var pattern = @\"\\bdsn\\s*:|SENTRY_DSN\";\nSystem.Console.WriteLine(pattern);\n");
        repo.Commit();

        var (facts, _) = FactExtractor.Extract(new WorkingTreeSnapshot(repo.Root));

        Assert.Empty(facts.Repository.Map(FactKeys.ErrorTrackingWiring));
        Assert.Empty(facts.Repository.List(FactKeys.ErrorTracking));
    }
}
