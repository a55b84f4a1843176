using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.DotnetFixture;

namespace InfraTrend.Tests.Facts;

public class DotnetEfCoreMigrationFactsTests
{
    private const string Program = "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n";

    private static string Migration(string name) => $$"""
        using Microsoft.EntityFrameworkCore.Migrations;

        #nullable disable

        namespace Api.Migrations
        {
            /// <inheritdoc />
            public partial class {{name}} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) { }
            }
        }
        """;

    private static TestRepository WithMigrations(TestRepository repo, string folder, params string[] names)
    {
        foreach (var name in names)
        {
            repo.Write($"{folder}/{name}.cs", Migration(name[15..]))
                .Write($"{folder}/{name}.Designer.cs", $"[Migration(\"{name}\")]\npartial class {name[15..]} {{ }}");
        }
        return repo.Write($"{folder}/AppDbModelSnapshot.cs", "[DbContext(typeof(AppDb))]\npartial class AppDbModelSnapshot : ModelSnapshot { }");
    }

    [Fact]
    public void Migrations_are_counted_by_file_name_without_designers_or_the_model_snapshot()
    {
        using var repo = WithMigrations(WebApi(Program), "src/Api/Migrations", "20240101000000_Initial", "20240215093000_AddOrders", "20240301120000_AddIndexes");

        var facts = Extract(repo);

        var api = facts.Part("src/Api");
        Assert.Equal(["ef-core"], api.List(FactKeys.MigrationTools));
        Assert.Equal(3, api.Number(FactKeys.MigrationCount));
        Assert.Equal(
            [new Evidence("src/Api/Migrations/20240101000000_Initial.cs", 8), new Evidence("src/Api/Migrations/20240301120000_AddIndexes.cs", 8)],
            api.EvidenceOf(FactKeys.MigrationCount));
        Assert.Equal(3, facts.Repository.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Timestamped_files_of_another_migration_tool_are_not_ef_core()
    {
        using var repo = WebApi(Program);
        repo.Write("src/Api/Migrations/20240101000000_CreateUsers.cs", """
            [Migration(20240101000000)]
            public class CreateUsers : FluentMigrator.Migration
            {
                public override void Up() => Create.Table("users");
                public override void Down() => Delete.Table("users");
            }
            """);

        var api = Extract(repo).Part("src/Api");

        // FluentMigrator's own migrations, counted as such (DatabaseOperationsFacts), never as EF Core's.
        Assert.Equal(["fluentmigrator"], api.List(FactKeys.MigrationTools));
        Assert.Equal(1, api.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Migrations_of_a_data_library_count_on_the_part_that_references_it()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Api/Api.csproj", Project(references: ["../Data/Data.csproj"]))
            .Write("src/Api/Program.cs", Program)
            .Write("src/Data/Data.csproj", Project(sdk: "Microsoft.NET.Sdk"));
        WithMigrations(repo, "src/Data/Migrations", "20240101000000_Initial", "20240102000000_Second");

        var facts = Extract(repo);

        Assert.Equal(["ef-core"], facts.Part("src/Api").List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Part("src/Api").Number(FactKeys.MigrationCount));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Database_migrate_in_application_code_applies_migrations_at_start()
    {
        using var repo = WebApi("""
            var app = WebApplication.CreateBuilder(args).Build();
            // db.Database.Migrate(); was too slow on start
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                db.Database.EnsureCreated();
                await db.Database.MigrateAsync();
            }
            app.Run();
            """);

        var facts = Extract(repo);

        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([new Evidence("src/Api/Program.cs", 7)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
    }

    [Fact]
    public void Migrate_calls_in_comments_or_tests_do_not_apply_migrations()
    {
        using var repo = WebApi("""
            var app = WebApplication.CreateBuilder(args).Build();
            /* db.Database.Migrate(); */
            var hint = "run db.Database.Migrate() by hand";
            app.Run();
            """);
        repo.Write("tests/Api.Tests/DatabaseFixture.cs", "public class DatabaseFixture { public DatabaseFixture(AppDb db) => db.Database.Migrate(); }");

        Assert.Empty(Extract(repo).Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void Dotnet_ef_database_update_in_an_entrypoint_script_applies_migrations_at_start()
    {
        using var repo = WebApi(Program);
        repo.Write("docker-entrypoint.sh", """
                #!/bin/sh
                # dotnet ef database update (kept for reference)
                dotnet ef database update --project src/Api
                exec dotnet Api.dll
                """)
            .Write("scripts/reset-db.sh", "dotnet ef database update 0");

        var facts = Extract(repo);

        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([new Evidence("docker-entrypoint.sh", 3)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
    }
}
