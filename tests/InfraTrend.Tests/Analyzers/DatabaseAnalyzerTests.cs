using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class DatabaseAnalyzerTests
{
    private static PartFacts Prisma(int migrations = 22, Action<FactTable>? more = null) =>
        Part("service", t =>
        {
            t.Node();
            t.Add(FactKeys.MigrationTools, "prisma", new Evidence("backend/prisma/schema.prisma", 1));
            t.Add(FactKeys.DatabaseEngines, "postgresql", new Evidence("backend/prisma/schema.prisma", 2));
            if (migrations > 0)
                t.Count(FactKeys.MigrationCount, migrations, new Evidence("backend/prisma/migrations", 0));
            more?.Invoke(t);
        });

    [Theory]
    [InlineData("database.migrations")]
    [InlineData("database.migrations-applied")]
    [InlineData("database.backups")]
    [InlineData("database.seed")]
    [InlineData("database.migration-check")]
    public void Database_Analyzers_Do_Not_Apply_To_A_Part_Without_A_Database(string id)
    {
        var finding = OnPart(id, Part("service", t => t.Node()));

        Assert.Equal(FindingStatus.NotApplicable, finding.Status);
    }

    [Fact]
    public void Migrations_Pass_And_Say_How_Many_With_Which_Tool()
    {
        var finding = OnPart("database.migrations", Prisma());

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Equal("22 migrations committed, managed with prisma.", finding.Message);
    }

    [Fact]
    public void A_Migration_Tool_Without_Migrations_Fails_With_The_Command_That_Creates_One()
    {
        var finding = OnPart("database.migrations", Prisma(migrations: 0), Table(t => t.Node("pnpm")));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("pnpm exec prisma migrate dev --name init", finding.Fix);
    }

    [Fact]
    public void A_Database_Without_A_Migration_Tool_Fails_And_Suggests_The_Stacks_Tool()
    {
        var finding = OnPart("database.migrations", Part("service", t =>
        {
            t.DotNet();
            t.Add(FactKeys.DatabaseEngines, "postgresql");
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("postgresql", finding.Message);
        Assert.Contains("dotnet ef migrations add InitialCreate", finding.Fix);
    }

    [Fact]
    public void Migrations_Applied_Does_Not_Apply_Without_Migrations()
    {
        Assert.Equal(FindingStatus.NotApplicable, OnPart("database.migrations-applied", Prisma(migrations: 0)).Status);
    }

    [Theory]
    [InlineData("start", false, "when the application starts")]
    [InlineData(null, true, "by a pipeline")]
    public void Migrations_Applied_Passes_And_Says_Where(string? place, bool pipeline, string expected)
    {
        var repository = Table(t =>
        {
            if (place is not null)
                t.Add(FactKeys.MigrationsAppliedAt, place, new Evidence("backend/package.json", 8));
            if (pipeline)
                t.Flag(FactKeys.RunsMigrations, new Evidence(".github/workflows/deploy.yml", 30));
        });

        var finding = OnPart("database.migrations-applied", Prisma(), repository);

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains(expected, finding.Message);
    }

    [Fact]
    public void Migrations_Not_Applied_Fail_With_The_Platforms_Pre_Deploy_Step()
    {
        var repository = Table(t =>
        {
            t.Node("pnpm");
            t.Add(FactKeys.Platforms, "render");
        });

        var finding = OnPart("database.migrations-applied", Prisma(), repository);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("Run pnpm exec prisma migrate deploy as the preDeployCommand of the service in render.yaml.", finding.Fix);
    }

    [Fact]
    public void Backups_Pass_On_A_Managed_Database_And_Say_It_Is_Declared()
    {
        var finding = OnPart("database.backups", Prisma(), Table(t => t.Add(FactKeys.ManagedDatabase, "render-postgres", new Evidence("render.yaml", 30))));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("declared, not observed", finding.Message);
    }

    [Fact]
    public void Backups_Pass_On_A_Disaster_Recovery_Document()
    {
        Assert.Equal(FindingStatus.Pass, OnPart("database.backups", Prisma(), Table(t => t.Flag(FactKeys.DisasterRecovery))).Status);
    }

    [Fact]
    public void Backups_Fail_With_A_Dump_For_The_Engine()
    {
        var finding = OnPart("database.backups", Prisma());

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("pg_dump", finding.Fix);
    }

    [Fact]
    public void Seed_Script()
    {
        var withSeed = OnPart("database.seed", Prisma(more: t => t.Flag(FactKeys.SeedScript, new Evidence("backend/prisma/seed.ts", 0))));
        var without = OnPart("database.seed", Prisma());

        Assert.Equal(FindingStatus.Pass, withSeed.Status);
        Assert.Equal(FindingStatus.Fail, without.Status);
        Assert.Contains("prisma/seed.ts", without.Fix);
    }

    [Theory]
    [InlineData("prisma", "prisma migrate diff")]
    [InlineData("ef-core", "dotnet ef migrations has-pending-model-changes")]
    [InlineData("django", "makemigrations --check")]
    public void Migration_Check_Fix_Uses_The_Tools_Own_Check(string tool, string expected)
    {
        var part = Part("service", t => t.Add(FactKeys.MigrationTools, tool));

        var finding = OnPart("database.migration-check", part);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains(expected, finding.Fix);
    }

    [Fact]
    public void Migration_Check_Passes_When_A_Pipeline_Checks()
    {
        Assert.Equal(FindingStatus.Pass, OnPart("database.migration-check", Prisma(), Table(t => t.Flag(FactKeys.ChecksMigrations))).Status);
    }

    [Fact]
    public void A_Document_Store_Without_Migrations_Earns_Half_And_Has_No_Migration_Check()
    {
        var part = Part("service", t =>
        {
            t.Node();
            t.Add(FactKeys.DatabaseEngines, "mongodb", new Evidence("package.json", 12));
        });

        var migrations = OnPart("database.migrations", part);

        Assert.Equal(FindingStatus.Partial, migrations.Status);
        Assert.Equal(0.5, migrations.Score);
        Assert.Contains("no schema to migrate", migrations.Message);
        Assert.Equal(FindingStatus.NotApplicable, OnPart("database.migration-check", part).Status);
    }

    [Fact]
    public void A_Schema_Script_Run_At_Start_Up_Earns_Part_Of_Migrations_And_Half_Of_Applied()
    {
        var part = Part("service", t =>
        {
            t.Add(FactKeys.MigrationTools, "spring-sql-init", new Evidence("src/main/resources/db/mysql/schema.sql", 0));
            t.Add(FactKeys.DatabaseEngines, "mysql");
        });

        var migrations = OnPart("database.migrations", part);
        var applied = OnPart("database.migrations-applied", part);

        Assert.Equal(FindingStatus.Partial, migrations.Status);
        Assert.Equal(0.4, migrations.Score);
        Assert.Equal(FindingStatus.Partial, applied.Status);
        Assert.Equal(0.5, applied.Score);
    }

    [Fact]
    public void A_Service_Without_Migrations_Of_Its_Own_Is_Covered_By_The_Repositorys_Shared_Migrator()
    {
        var part = Part("service", t =>
        {
            t.DotNet();
            t.Add(FactKeys.DatabaseEngines, "sqlserver");
        }, path: "src/Api");
        var repository = Table(t =>
        {
            t.Add(FactKeys.MigrationTools, "dbup", new Evidence("util/Migrator/DbScripts/2021-01-05_00_AddColumn.sql", 0));
            t.Count(FactKeys.MigrationCount, 524, new Evidence("util/Migrator/DbScripts/2021-01-05_00_AddColumn.sql", 0));
            t.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence("src/Admin/HostedServices/DatabaseMigrationHostedService.cs", 30));
        });

        var migrations = OnPart("database.migrations", part, repository);
        var applied = OnPart("database.migrations-applied", part, repository);

        Assert.Equal(FindingStatus.Pass, migrations.Status);
        Assert.Contains("524 migrations committed in the repository, managed with dbup", migrations.Message);
        Assert.Equal(FindingStatus.Pass, applied.Status);
    }

    [Theory]
    [InlineData("scheduled", FindingStatus.Pass)]
    [InlineData("docs", FindingStatus.Pass)]
    [InlineData("script", FindingStatus.Partial)]
    public void Backups_Count_A_Backup_Job_A_Documented_Procedure_And_Partly_A_Lone_Script(string kind, FindingStatus expected)
    {
        var finding = OnPart("database.backups", Prisma(), Table(t => t.Add(FactKeys.Backups, kind, new Evidence("util/backup-db.sh", 3))));

        Assert.Equal(expected, finding.Status);
    }

    [Fact]
    public void Migration_Tests_The_Pipeline_Runs_Pass_The_Check_And_A_Migration_Linter_Earns_Half()
    {
        var tested = OnPart("database.migration-check", Prisma(more: t => t.Add(FactKeys.MigrationGuards, "tests", new Evidence("server/store/migration/migration_test.go", 0))), Table(t => t.Flag(FactKeys.RunsTests)));
        var untested = OnPart("database.migration-check", Prisma(more: t => t.Add(FactKeys.MigrationGuards, "tests", new Evidence("server/store/migration/migration_test.go", 0))));
        var linted = OnPart("database.migration-check", Prisma(more: t => t.Add(FactKeys.MigrationGuards, "linter", new Evidence("Gemfile", 62))));

        Assert.Equal(FindingStatus.Pass, tested.Status);
        Assert.Equal(FindingStatus.Fail, untested.Status);
        Assert.Equal(FindingStatus.Partial, linted.Status);
        Assert.Equal(0.5, linted.Score);
    }

    [Fact]
    public void Tests_Do_Not_Guard_A_Schema_Script_That_Has_No_Migrations()
    {
        var part = Part("service", t =>
        {
            t.Add(FactKeys.MigrationTools, "spring-sql-init", new Evidence("application/src/main/resources/schema-h2.sql", 0));
            t.Add(FactKeys.DatabaseEngines, "mysql");
            t.Add(FactKeys.MigrationGuards, "tests", new Evidence("application/src/test/java/app/migration/BackupReconcilerTest.java", 0));
        });

        Assert.Equal(FindingStatus.Fail, OnPart("database.migration-check", part, Table(t => t.Flag(FactKeys.RunsTests))).Status);
    }
}
