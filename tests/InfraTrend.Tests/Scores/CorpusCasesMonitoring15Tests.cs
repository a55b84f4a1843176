using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Monitoring cases of the calibration corpus (fifteenth round), each rebuilt by hand as a small fixture after the real
/// repositories named in the test (none of their files are copied): the Datadog .NET tracer's API.
/// </summary>
public class CorpusCasesMonitoring15Tests
{
    [Fact]
    public void Spans_tagged_through_the_datadog_dotnet_tracer_are_tracing()
    {
        // bitwarden/passwordless-server: middleware sets exceptions and tags on Tracer.Instance.ActiveScope (Datadog.Trace),
        // the auditors credit Datadog APM; the tool found no tracing.
        using var repo = TestRepository.Create()
            .Write("Api/Api.csproj", """
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                  <ItemGroup><PackageReference Include="Datadog.Trace" Version="3.2.0" /></ItemGroup>
                </Project>
                """)
            .Write("Api/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n")
            .Write("Api/ErrorMiddleware.cs", "using Datadog.Trace;\n\nnamespace Api;\n\npublic sealed class ErrorMiddleware\n{\n    public void OnError(Exception e) => Tracer.Instance.ActiveScope?.Span.SetException(e);\n}\n");

        var tracing = Finding(Evaluation.Evaluate(Extract(repo)), "monitoring.tracing", "Api").Finding;

        Assert.Equal(FindingStatus.Pass, tracing.Status);
        Assert.Contains("datadog", tracing.Message, StringComparison.Ordinal);
    }
}
