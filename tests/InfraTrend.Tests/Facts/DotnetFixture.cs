using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>The pieces of a typical ASP.NET Core repository, for the .NET fact tests.</summary>
internal static class DotnetFixture
{
    /// <summary>An SDK-style project file: `Sdk`, target framework and PackageReferences (versions from Directory.Packages.props).</summary>
    public static string Project(string sdk = "Microsoft.NET.Sdk.Web", string targetFramework = "net8.0", string[]? packages = null, string[]? references = null) =>
        $"""
        <Project Sdk="{sdk}">
          <PropertyGroup>
            <TargetFramework>{targetFramework}</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
        {string.Concat((packages ?? []).Select(p => $"    <PackageReference Include=\"{p}\" />\n"))}{string.Concat((references ?? []).Select(r => $"    <ProjectReference Include=\"{r}\" />\n"))}  </ItemGroup>
        </Project>
        """;

    public const string CentralPackages = """
        <Project>
          <PropertyGroup>
            <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
          </PropertyGroup>
          <ItemGroup>
            <PackageVersion Include="Serilog.AspNetCore" Version="8.0.3" />
            <PackageVersion Include="Sentry.AspNetCore" Version="4.13.0" />
            <PackageVersion Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="8.0.10" />
            <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="17.12.0" />
            <PackageVersion Include="xunit" Version="2.9.2" />
            <PackageVersion Include="NUnit" Version="4.2.2" />
          </ItemGroup>
        </Project>
        """;

    public const string TestProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net8.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" />
            <PackageReference Include="xunit" />
          </ItemGroup>
          <ItemGroup>
            <ProjectReference Include="..\..\src\Api\Api.csproj" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>A web API at src/Api with central package versions, and its test project at tests/Api.Tests.</summary>
    public static TestRepository WebApi(string program)
    {
        var repo = TestRepository.Create();
        repo.Write("Directory.Packages.props", CentralPackages)
            .Write("src/Api/Api.csproj", Project(packages: ["Serilog.AspNetCore", "Sentry.AspNetCore", "Npgsql.EntityFrameworkCore.PostgreSQL"]))
            .Write("src/Api/Program.cs", program)
            .Write("src/Api/appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }""")
            .Write("tests/Api.Tests/Api.Tests.csproj", TestProject);
        return repo;
    }

    public static RepositoryFacts Extract(TestRepository repo)
    {
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Facts;
    }

    public static IReadOnlyList<(string Path, string Message)> Warnings(TestRepository repo)
    {
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Warnings;
    }

    public static FactTable Part(this RepositoryFacts facts, string path) => facts.Parts.Single(p => p.Path == path).Facts;
}
