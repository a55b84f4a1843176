using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.DotnetFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>.NET layouts met on real applications: bitwarden/server, kgrzybek/modular-monolith-with-ddd, jasontaylordev/CleanArchitecture.</summary>
public class DotnetRealLayoutsTests
{
    [Fact]
    public void Build_benchmark_and_app_host_projects_and_a_web_projects_own_front_end_are_not_parts()
    {
        using var repo = TestRepository.Create();
        repo.Write("build/_build.csproj", Project(sdk: "Microsoft.NET.Sdk", packages: ["Nuke.Common"]).Replace("<Nullable>", "<OutputType>Exe</OutputType><Nullable>", StringComparison.Ordinal))
            .Write("perf/MicroBenchmarks/MicroBenchmarks.csproj", Project(sdk: "Microsoft.NET.Sdk", packages: ["BenchmarkDotNet"]).Replace("<Nullable>", "<OutputType>Exe</OutputType><Nullable>", StringComparison.Ordinal))
            .Write("src/Admin/Admin.csproj", Project())
            .Write("src/Admin/package.json", """{ "name": "bitwarden-admin", "scripts": { "build": "webpack" }, "dependencies": { "bootstrap": "5.3.0" } }""")
            .Write("src/Web/Web.csproj", Project())
            .Write("src/Web/ClientApp/package.json", """{ "name": "cleanarchitecture.web", "scripts": { "start": "ng serve" }, "dependencies": { "@angular/core": "19.0.0" } }""")
            .Write("src/Web/ClientApp/angular.json", """{ "projects": { "web": { "projectType": "application" } } }""")
            .Write("src/Web/ClientApp/src/main.ts", "import { bootstrapApplication } from '@angular/platform-browser';\n");
        repo.Commit();

        var facts = Extract(repo);

        Assert.Equal([("src/Admin", "Admin", "service"), ("src/Web", "Web", "service")], facts.Parts.Select(p => (p.Path, p.Name, p.Kind)));
        Assert.Equal(["angular", "aspnetcore"], facts.Part("src/Web").List(FactKeys.Frameworks));
        Assert.Equal(["csharp", "typescript"], facts.Part("src/Web").List(FactKeys.Languages));
    }

    [Fact]
    public void Test_packages_given_in_directory_packages_props_make_test_projects_and_module_tests_reach_the_part_using_the_module()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Directory.Packages.props", """
                <Project>
                  <ItemGroup Condition="$(MSBuildProjectFullPath.Contains('Tests'))">
                    <PackageReference Include="nunit" Version="4.0.1" />
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.8.0" />
                  </ItemGroup>
                </Project>
                """)
            .Write("src/API/MyMeetings.API.csproj", Project(references: [@"..\Modules\Meetings\Application\Meetings.Application.csproj"]))
            .Write("src/Modules/Meetings/Application/Meetings.Application.csproj", Project(sdk: "Microsoft.NET.Sdk"))
            .Write("src/Modules/Meetings/Tests/UnitTests/Meetings.UnitTests.csproj", Project(sdk: "Microsoft.NET.Sdk", references: [@"..\..\Application\Meetings.Application.csproj"]))
            .Write("src/Modules/Meetings/Tests/UnitTests/MeetingTests.cs", "[TestFixture]\npublic class MeetingTests\n{\n    [Test]\n    public void Creates() { }\n}\n");
        repo.Commit();

        var facts = Extract(repo);

        var api = facts.Part("src/API");
        Assert.Equal(["nunit"], api.List(FactKeys.TestFrameworks));
        Assert.Equal([new Evidence("src/Directory.Packages.props", 3)], api.EvidenceOf(FactKeys.TestFrameworks, "nunit"));
        Assert.Equal(1, api.Number(FactKeys.TestFiles));
    }

    [Fact]
    public void Serilog_file_logging_through_add_file_counts_where_the_project_has_that_package()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Api/Api.csproj", Project(references: [@"..\Libraries\SerilogFileLogging\SerilogFileLogging.csproj"]))
            .Write("src/Libraries/SerilogFileLogging/SerilogFileLogging.csproj", Project(sdk: "Microsoft.NET.Sdk", packages: ["Serilog.Extensions.Logging.File"]))
            .Write("src/Libraries/SerilogFileLogging/LoggerFactoryExtensions.cs", """
                public static class LoggerFactoryExtensions
                {
                    public static IHostBuilder AddSerilogFileLogging(this IHostBuilder hostBuilder) =>
                        hostBuilder.ConfigureLogging((context, logging) =>
                        {
                            logging.AddFile(context.Configuration.GetSection("Logging"));
                        });
                }
                """)
            .Write("src/Api/Exporter.cs", "public class Exporter { public void Run(IArchive archive) => archive.AddFile(\"report.csv\"); }\n");
        repo.Commit();

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(["serilog"], api.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("src/Libraries/SerilogFileLogging/LoggerFactoryExtensions.cs", 6)], api.EvidenceOf(FactKeys.StructuredLogging, "serilog"));
    }

    [Fact]
    public void Migrations_of_an_infrastructure_project_used_by_two_parts_count_in_each_and_once_for_the_repository()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Api/Api.csproj", Project(references: [@"..\Infrastructure\Infrastructure.csproj"]))
            .Write("src/Worker/Worker.csproj", Project(sdk: "Microsoft.NET.Sdk.Worker", references: [@"..\Infrastructure\Infrastructure.csproj"]))
            .Write("src/Infrastructure/Infrastructure.csproj", Project(sdk: "Microsoft.NET.Sdk"))
            .Write("src/Infrastructure/Migrations/20240101000000_Initial.cs", "public partial class Initial : Migration { }\n")
            .Write("src/Infrastructure/Migrations/20240201000000_AddOrders.cs", "public partial class AddOrders : Migration { }\n")
            .Write("src/Infrastructure/Migrations/AppDbContextModelSnapshot.cs", "partial class AppDbContextModelSnapshot : ModelSnapshot { }\n");
        repo.Commit();

        var facts = Extract(repo);

        Assert.Equal(2, facts.Part("src/Api").Number(FactKeys.MigrationCount));
        Assert.Equal(2, facts.Part("src/Worker").Number(FactKeys.MigrationCount));
        Assert.Equal(
            [new Evidence("src/Infrastructure/Migrations/20240101000000_Initial.cs", 1), new Evidence("src/Infrastructure/Migrations/20240201000000_AddOrders.cs", 1)],
            facts.Part("src/Worker").EvidenceOf(FactKeys.MigrationCount));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
    }
}
