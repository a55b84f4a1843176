using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database operations cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small
/// fixture after the real repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesDatabaseTests
{
    [Fact]
    public void A_database_and_migrations_outside_every_part_belong_to_the_server_parts()
    {
        // kgrzybek/modular-monolith-with-ddd: the API project holds no data access of its own; SQL Server is used by the
        // module libraries and the numbered migration scripts sit in src/Database/.../Scripts/Migrations, outside every part.
        using var repo = TestRepository.Create()
            .Write("src/API/Api.csproj", WebProject)
            .Write("src/API/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/Modules/Meetings/DataAccess.cs", "public static class DataAccess\n{\n    public static void Configure(DbContextOptionsBuilder o, string cs) => o.UseSqlServer(cs);\n}\n")
            .Write("src/Database/Scripts/Migrations/0001_initial_structure.sql", "CREATE TABLE meetings (id int);\n")
            .Write("src/Database/Scripts/Migrations/0002_add_countries.sql", "CREATE TABLE countries (code char(2));\n")
            .Write("frontend/package.json", """{ "name": "spa", "scripts": { "build": "react-scripts build" }, "dependencies": { "react": "18.2.0", "react-scripts": "5.0.1" } }""");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        var api = facts.Parts.Single(p => p.Path == "src/API");
        Assert.Contains("sqlserver", api.Facts.List(FactKeys.DatabaseEngines));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations", "src/API").Finding.Status);
        // A web front end does not take the database in.
        Assert.All(evaluation.Findings.Where(f => f.Analyzer.Id.StartsWith("database.", StringComparison.Ordinal) && f.PartPath == "frontend"),
            f => Assert.Equal(FindingStatus.NotApplicable, f.Finding.Status));
    }

    [Fact]
    public void A_part_with_its_own_database_does_not_take_in_the_repository_s()
    {
        // The rule applies only when no part shows a database: a service with its own stays as it is, and a tool beside it takes nothing.
        using var repo = TestRepository.Create()
            .Write("src/API/Api.csproj", WebProject)
            .Write("src/API/Program.cs", "var app = WebApplication.Create(args);\nbuilder.Services.AddDbContext<AppDb>(o => o.UseNpgsql(cs));\napp.Run();\n")
            .Write("tools/Data.cs", "public static class Data { public static void C(DbContextOptionsBuilder o) => o.UseSqlServer(\"\"); }\n");

        var facts = Extract(repo);

        Assert.Equal(["postgres"], facts.Parts.Single(p => p.Path == "src/API").Facts.List(FactKeys.DatabaseEngines));
    }

    [Fact]
    public void Upgrade_steps_named_by_version_are_versioned_migrations()
    {
        // logto: packages/schemas/alterations/1.0.0-1677208902-name.ts; NodeBB: src/upgrades/1.0.0/name.js (the version is the folder).
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "forum", "scripts": { "start": "node app.js" }, "dependencies": { "express": "4.19.2", "pg": "8.11.0" } }""")
            .Write("app.js", "const express = require('express');\nconst { Pool } = require('pg');\nexpress().listen(3000);\n")
            .Write("src/start.js", "async function runUpgrades() {\n\tconst upgrade = require('./upgrade');\n\tawait upgrade.run();\n}\n");
        for (var i = 1; i <= 3; i++)
            repo.Write($"src/upgrades/1.{i}.0/step_{i}.js", "module.exports = { name: 'step', method: async () => {} };\n")
                .Write($"schemas/alterations/1.{i}.0-16772089{i}0-change-{i}.ts", "export default { up: async () => {}, down: async () => {} };\n");

        var facts = Extract(repo);

        Assert.Contains("code-migrations", facts.Parts.Single().Facts.List(FactKeys.MigrationTools));
        Assert.Equal(6, facts.Parts.Single().Facts.Number(FactKeys.MigrationCount));
        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt).Concat(facts.Parts.Single().Facts.List(FactKeys.MigrationsAppliedAt)));
    }

    [Fact]
    public void Migrations_marked_with_a_version_attribute_and_run_by_a_database_initializer()
    {
        // Smartstore: src/Smartstore.Core/Migrations/*.cs marked [MigrationVersion("2022-03-29 13:00:00", "V5")], run by
        // Data/Migrations/DatabaseInitializer.cs (`migrator.RunPendingMigrationsAsync`) as the application starts.
        using var repo = TestRepository.Create()
            .Write("src/Web/Web.csproj", WebProject)
            .Write("src/Web/Program.cs", "var app = WebApplication.Create(args);\nbuilder.Services.AddDbContext<AppDb>(o => o.UseSqlServer(cs));\napp.Run();\n")
            .Write("src/Web/Migrations/202203291300_V5.cs", "[MigrationVersion(\"2022-03-29 13:00:00\", \"V5\")]\ninternal class V5 : Migration { public override void Up() { Create.Table(\"Log\"); } }\n")
            .Write("src/Web/Migrations/202208151300_V5_Final.cs", "[MigrationVersion(\"2022-08-15 13:00:00\", \"V5Final\")]\ninternal class V5Final : Migration { public override void Up() { } }\n")
            .Write("src/Web/Data/DatabaseInitializer.cs", "public class DatabaseInitializer\n{\n    public async Task InitializeAsync(DbMigrator migrator, CancellationToken cancelToken)\n    {\n        await migrator.RunPendingMigrationsAsync(null, cancelToken);\n    }\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations", "src/Web").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied", "src/Web").Finding.Status);
    }
}
