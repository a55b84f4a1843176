using InfraTrend.Facts;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.DotnetFixture;

namespace InfraTrend.Tests.Facts;

public class DotnetProjectFactsTests
{
    private const string MinimalProgram = """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "hello");
        app.Run();
        """;

    [Fact]
    public void Web_project_is_an_aspnetcore_part_in_csharp_with_its_target_framework()
    {
        using var repo = WebApi(MinimalProgram);

        var facts = Extract(repo);

        var api = facts.Part("src/Api");
        Assert.Equal(["csharp"], api.List(FactKeys.Languages));
        Assert.Contains(new Evidence("src/Api/Api.csproj", 1), api.EvidenceOf(FactKeys.Languages, "csharp"));
        Assert.Equal(["aspnetcore"], api.List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("src/Api/Api.csproj", 1)], api.EvidenceOf(FactKeys.Frameworks, "aspnetcore"));
        Assert.Equal("8.0", facts.Repository.Map(FactKeys.Runtimes)["dotnet"]);
        Assert.Equal([new Evidence("src/Api/Api.csproj", 3)], facts.Repository.EvidenceOf(FactKeys.Runtimes, "dotnet"));
        Assert.True(facts.Repository.Map(FactKeys.PackageManagers).TryGetValue("nuget", out var nugetVersion));
        Assert.Null(nugetVersion);
    }

    [Fact]
    public void Every_project_pins_a_runtime_source_and_global_json_pins_the_sdk_not_the_runtime()
    {
        using var repo = WebApi(MinimalProgram);
        repo.Write("global.json", """
            {
              "sdk": {
                "version": "10.0.100",
                "rollForward": "latestFeature"
              }
            }
            """);

        var facts = Extract(repo);

        Assert.Equal("10.0.100", facts.Repository.Map(FactKeys.Sdks)["dotnet"]);
        Assert.Equal([new Evidence("global.json", 3)], facts.Repository.EvidenceOf(FactKeys.Sdks, "dotnet"));
        // An SDK 10 builds a net8.0 application: the target framework stays the runtime.
        Assert.Equal("8.0", facts.Repository.Map(FactKeys.Runtimes)["dotnet"]);
        var sources = facts.Repository.Objects(FactKeys.RuntimeSources)
            .Select(o => (o["version"]!.GetValue<string>(), o["path"]!.GetValue<string>(), o["line"]!.GetValue<int>(), o["kind"]!.GetValue<string>()))
            .ToList();
        Assert.Equal(
            [("8.0", "src/Api/Api.csproj", 3, "manifest"), ("8.0", "tests/Api.Tests/Api.Tests.csproj", 3, "manifest"), ("10.0", "global.json", 3, "manifest")],
            sources);
    }

    [Fact]
    public void Target_frameworks_give_the_highest_modern_version_and_an_inherited_property_is_resolved()
    {
        using var repo = TestRepository.Create();
        repo.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <AppFramework>net9.0</AppFramework>
              </PropertyGroup>
            </Project>
            """)
            .Write("src/Api/Api.csproj", Project(targetFramework: "$(AppFramework)"))
            .Write("src/Shared/Shared.csproj", Project(sdk: "Microsoft.NET.Sdk", targetFramework: "netstandard2.0"))
            .Write("src/Client/Client.csproj", Project(sdk: "Microsoft.NET.Sdk", targetFramework: "net8.0;net10.0-windows;net48").Replace("TargetFramework>", "TargetFrameworks>"));

        var facts = Extract(repo);

        // The deployable project's version wins over a library's higher one.
        Assert.Equal("9.0", facts.Repository.Map(FactKeys.Runtimes)["dotnet"]);
        var pins = facts.Repository.Objects(FactKeys.RuntimeSources).Select(o => (o["version"]!.GetValue<string>(), o["path"]!.GetValue<string>())).ToList();
        Assert.Equal([("9.0", "src/Api/Api.csproj"), ("10.0", "src/Client/Client.csproj")], pins);
    }

    [Fact]
    public void Package_versions_come_from_central_versions_and_Directory_Build_props_packages_apply_below_it()
    {
        using var repo = WebApi(MinimalProgram);
        repo.Write("src/Directory.Build.props", """
            <Project>
              <ItemGroup>
                <PackageReference Include="StyleCop.Analyzers" Version="1.2.0-beta.556" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """)
            .Write("src/Worker/Worker.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Worker">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Serilog.AspNetCore" VersionOverride="9.0.0" />
              </ItemGroup>
            </Project>
            """);

        var workspace = Workspace(repo);

        var api = workspace.ProjectAt("src/Api/Api.csproj")!;
        Assert.Equal(new DotnetPackage("Serilog.AspNetCore", "8.0.3", new Evidence("src/Api/Api.csproj", 7)), api.Package("Serilog.AspNetCore"));
        Assert.Equal(new DotnetPackage("StyleCop.Analyzers", "1.2.0", new Evidence("src/Directory.Build.props", 3)), api.Package("StyleCop.Analyzers"));
        Assert.Equal("9.0.0", workspace.ProjectAt("src/Worker/Worker.csproj")!.Package("Serilog.AspNetCore")!.Version);
        // tests/ is not below src/Directory.Build.props.
        Assert.Null(workspace.ProjectAt("tests/Api.Tests/Api.Tests.csproj")!.Package("StyleCop.Analyzers"));
    }

    [Fact]
    public void Nested_Directory_Build_props_that_imports_its_parent_inherits_the_parent_packages()
    {
        using var repo = WebApi(MinimalProgram);
        repo.Write("Directory.Build.props", """
            <Project>
              <ItemGroup>
                <PackageReference Include="Sentry.AspNetCore" />
              </ItemGroup>
            </Project>
            """)
            .Write("src/Directory.Build.props", """
            <Project>
              <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
              <PropertyGroup>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            </Project>
            """)
            .Write("src/Api/Api.csproj", Project());

        var api = Workspace(repo).ProjectAt("src/Api/Api.csproj")!;

        Assert.Equal(new DotnetPackage("Sentry.AspNetCore", "4.13.0", new Evidence("Directory.Build.props", 3)), api.Package("Sentry.AspNetCore"));
    }

    [Fact]
    public void Sample_projects_tell_no_framework_or_runtime()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Lib/Lib.csproj", Project(sdk: "Microsoft.NET.Sdk", targetFramework: "net8.0"))
            .Write("samples/Demo/Demo.csproj", Project(targetFramework: "net6.0"));

        var facts = Extract(repo);

        Assert.Empty(facts.Repository.List(FactKeys.Frameworks));
        Assert.Equal("8.0", facts.Repository.Map(FactKeys.Runtimes)["dotnet"]);
        Assert.Equal(["src/Lib/Lib.csproj"], facts.Repository.Objects(FactKeys.RuntimeSources).Select(o => o["path"]!.GetValue<string>()));
    }

    [Fact]
    public void Test_project_counts_its_test_files_on_the_part_it_references()
    {
        using var repo = WebApi(MinimalProgram);
        repo.Write("tests/Api.Tests/HealthTests.cs", """
                using Xunit;

                public class HealthTests
                {
                    [Fact]
                    public void Healthy() => Assert.True(true);

                    [Theory, InlineData(1)]
                    public void Numbers(int n) => Assert.Equal(1, n);
                }
                """)
            .Write("tests/Api.Tests/OrderTests.cs", """
                public class OrderTests
                {
                    [Trait("kind", "unit")]
                    [Xunit.Fact(Skip = "later")]
                    public void Placed() { }
                }
                """)
            .Write("tests/Api.Tests/Fakes.cs", """
                // [Fact] is what these helpers are not.
                public static class Fakes
                {
                    public const string Note = "[Fact]";
                    /*
                    [Fact]
                    public void Old() { }
                    */
                }
                """)
            .Write("tests/Api.Tests/obj/Debug/GlobalUsings.g.cs", "[Fact] public void Generated() { }");

        var facts = Extract(repo);

        var api = facts.Part("src/Api");
        Assert.Equal(["xunit"], api.List(FactKeys.TestFrameworks));
        Assert.Equal([new Evidence("tests/Api.Tests/Api.Tests.csproj", 7)], api.EvidenceOf(FactKeys.TestFrameworks, "xunit"));
        Assert.Equal(2, api.Number(FactKeys.TestFiles));
        Assert.Equal([new Evidence("tests/Api.Tests/HealthTests.cs", 5), new Evidence("tests/Api.Tests/OrderTests.cs", 4)], api.EvidenceOf(FactKeys.TestFiles));
        Assert.Equal(2, facts.Repository.Number(FactKeys.TestFiles));
    }

    [Fact]
    public void Test_project_that_references_no_part_counts_on_the_repository()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Core/Core.csproj", Project(sdk: "Microsoft.NET.Sdk"))
            .Write("tests/Core.Tests/Core.Tests.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="NUnit" Version="4.2.2" />
                    <ProjectReference Include="../../src/Core/Core.csproj" />
                  </ItemGroup>
                </Project>
                """)
            .Write("tests/Core.Tests/ParserTests.cs", """
                using NUnit.Framework;

                public class ParserTests
                {
                    [TestCase("a")]
                    [TestCase("b")]
                    public void Parses(string input) { }
                }
                """);

        var facts = Extract(repo);

        Assert.Equal(["nunit"], facts.Repository.List(FactKeys.TestFrameworks));
        Assert.Equal(1, facts.Repository.Number(FactKeys.TestFiles));
        Assert.Equal([new Evidence("tests/Core.Tests/ParserTests.cs", 5)], facts.Repository.EvidenceOf(FactKeys.TestFiles));
    }

    [Fact]
    public void MSTest_sdk_project_is_an_mstest_test_project()
    {
        using var repo = WebApi(MinimalProgram);
        repo.Write("tests/Api.Tests/Api.Tests.csproj", """
                <Project Sdk="MSTest.Sdk/3.6.4">
                  <ItemGroup>
                    <ProjectReference Include="..\..\src\Api\Api.csproj" />
                  </ItemGroup>
                </Project>
                """)
            .Write("tests/Api.Tests/ApiTests.cs", """
                [TestClass]
                public class ApiTests
                {
                    [TestMethod]
                    public void Starts() { }
                }
                """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(["mstest"], api.List(FactKeys.TestFrameworks));
        Assert.Equal([new Evidence("tests/Api.Tests/Api.Tests.csproj", 1)], api.EvidenceOf(FactKeys.TestFrameworks, "mstest"));
        Assert.Equal([new Evidence("tests/Api.Tests/ApiTests.cs", 4)], api.EvidenceOf(FactKeys.TestFiles));
    }

    [Fact]
    public void A_conditional_test_package_in_Directory_Build_props_does_not_make_the_web_project_a_test_project()
    {
        using var repo = WebApi("Console.WriteLine(\"starting\");");
        repo.Write("Directory.Build.props", """
            <Project>
              <ItemGroup Condition="$(MSBuildProjectName.EndsWith('.Tests'))">
                <PackageReference Include="xunit" />
              </ItemGroup>
            </Project>
            """);

        var workspace = Workspace(repo);
        var facts = Extract(repo);

        Assert.False(workspace.ProjectAt("src/Api/Api.csproj")!.IsTest);
        Assert.True(workspace.ProjectAt("tests/Api.Tests/Api.Tests.csproj")!.IsTest);
        Assert.Equal(1, facts.Part("src/Api").Number(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Blazor_comes_from_the_WebAssembly_sdk_its_packages_or_the_components_of_a_web_project()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Client/Client.csproj", Project(sdk: "Microsoft.NET.Sdk.BlazorWebAssembly"))
            .Write("src/Admin/Admin.csproj", Project(sdk: "Microsoft.NET.Sdk.Razor").Replace("<ItemGroup>", "<ItemGroup>\n    <PackageReference Include=\"MudBlazor\" Version=\"7.15.0\" />"))
            .Write("src/Server/Server.csproj", Project())
            .Write("src/Server/Components/App.razor", "<Routes />");

        var facts = Extract(repo);

        Assert.Equal(["blazor"], facts.Part("src/Client").List(FactKeys.Frameworks));
        Assert.Equal(["aspnetcore", "blazor"], facts.Part("src/Server").List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("src/Server/Components/App.razor", 0)], facts.Part("src/Server").EvidenceOf(FactKeys.Frameworks, "blazor"));
        Assert.Equal([new Evidence("src/Admin/Admin.csproj", 7)], facts.Repository.EvidenceOf(FactKeys.Frameworks, "blazor").Where(e => e.Path.StartsWith("src/Admin/", StringComparison.Ordinal)));
    }

    [Fact]
    public void FSharp_project_tells_frameworks_but_no_language_and_the_lockfile_is_listed()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Web/Web.fsproj", Project())
            .Write("src/Web/packages.lock.json", """{ "version": 1, "dependencies": {} }""");

        var facts = Extract(repo);

        Assert.Empty(facts.Part("src/Web").List(FactKeys.Languages));
        Assert.Equal(["aspnetcore"], facts.Part("src/Web").List(FactKeys.Frameworks));
        Assert.Equal(["packages.lock.json"], facts.Repository.List(FactKeys.Lockfiles));
        Assert.Equal([new Evidence("src/Web/packages.lock.json", 0)], facts.Repository.EvidenceOf(FactKeys.Lockfiles, "packages.lock.json"));
    }

    [Fact]
    public void Project_that_is_not_well_formed_is_reported_and_skipped()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup>");

        var warnings = Warnings(repo);

        Assert.Contains(warnings, w => w.Path == "src/Api/Api.csproj" && w.Message.Contains("not a well-formed MSBuild file", StringComparison.Ordinal));
    }

    [Fact]
    public void Vendored_projects_are_not_read()
    {
        using var repo = TestRepository.Create();
        repo.Write("vendor/Lib/Lib.csproj", Project(sdk: "Microsoft.NET.Sdk"));

        var facts = Extract(repo);

        Assert.Empty(facts.Repository.List(FactKeys.Languages));
        Assert.Empty(facts.Repository.Map(FactKeys.PackageManagers));
    }

    private static DotnetWorkspace Workspace(TestRepository repo)
    {
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return DotnetWorkspace.Of(new FactContext(snapshot, PartDetector.Detect(snapshot)));
    }
}
