using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the twelfth round, seen on the latest auditors' splits: a Spring Boot 4 build naming the
/// spring-boot-liquibase (or spring-boot-flyway) module instead of the starter (tolgee/tolgee-platform), and a dedicated
/// migration image whose command is a script named for it, `scripts/db-migrate.mjs` (teableio/teable), and xorm's Sync2
/// building and extending the tables from the structs as a Go server starts (mayswind/ezbookkeeping). The fixtures
/// are written by hand after those repositories; none of their files are copied.
/// </summary>
public class CorpusCasesDatabase12Tests
{
    private const string Changelog = "<databaseChangeLog>\n  <changeSet id=\"1\" author=\"a\"><createTable tableName=\"project\"/></changeSet>\n  <changeSet id=\"2\" author=\"a\"><addColumn tableName=\"project\"/></changeSet>\n  <changeSet id=\"3\" author=\"a\"/>\n  <changeSet id=\"4\" author=\"a\"/>\n  <changeSet id=\"5\" author=\"a\"/>\n  <changeSet id=\"6\" author=\"a\"/>\n</databaseChangeLog>\n";

    private static TestRepository SpringBoot4(string module) => TestRepository.Create()
        .Write("settings.gradle", "rootProject.name = 'translate'\ninclude 'app'\ninclude 'data'\n")
        .Write("app/build.gradle", "plugins {\n    id 'java'\n    id 'org.springframework.boot' version '4.0.0'\n}\n\ndependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n    implementation(project(':data'))\n}\n")
        .Write("app/src/main/java/org/example/Application.java", "package org.example;\n\n@SpringBootApplication\npublic class Application {\n    public static void main(String[] args) { SpringApplication.run(Application.class, args); }\n}\n")
        .Write("data/build.gradle", "plugins {\n    id 'java-library'\n}\n\ndependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-data-jpa'\n    implementation '" + module + "'\n    runtimeOnly 'org.postgresql:postgresql'\n}\n")
        .Write("data/src/main/resources/db/changelog/schema.xml", Changelog);

    [Fact]
    public void A_spring_boot_4_liquibase_module_in_a_data_module_runs_its_changelogs_at_start()
    {
        // tolgee/tolgee-platform: backend/data/build.gradle declares 'org.springframework.boot:spring-boot-liquibase' (Spring
        // Boot 4's module, no starter) and the changelog; the application module depends on it and Spring runs it at start-up.
        using var repo = SpringBoot4("org.springframework.boot:spring-boot-liquibase");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations", "app").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied", "app").Finding.Status);
    }

    [Fact]
    public void A_spring_boot_4_flyway_module_is_flyway()
    {
        using var repo = SpringBoot4("org.springframework.boot:spring-boot-flyway")
            .Write("data/src/main/resources/db/migration/V1__init.sql", "create table project (id bigint);\n")
            .Write("data/src/main/resources/db/migration/V2__key.sql", "alter table project add key text;\n");

        var facts = Extract(repo);

        Assert.Contains("flyway", facts.Repository.List(FactKeys.MigrationTools));
    }

    [Fact]
    public void The_data_module_alone_is_no_migration_tool()
    {
        using var repo = SpringBoot4("org.springframework.boot:spring-boot-data-jpa");

        Assert.DoesNotContain("liquibase", Extract(repo).Repository.List(FactKeys.MigrationTools));
    }

    private static TestRepository PrismaApp(string migrateImageCommand)
    {
        var repo = TestRepository.Create()
            .Write("package.json", "{ \"name\": \"tables\", \"private\": true, \"workspaces\": [\"apps/*\", \"packages/*\"] }")
            .Write("apps/api/package.json", "{ \"name\": \"api\", \"scripts\": { \"start\": \"node dist/main.js\" }, \"dependencies\": { \"@nestjs/core\": \"10.0.0\", \"@prisma/client\": \"6.0.0\" } }")
            .Write("apps/api/src/main.ts", "import { NestFactory } from '@nestjs/core';\nNestFactory.create(AppModule).then(app => app.listen(3000));\n")
            .Write("apps/api/Dockerfile", "FROM node:22\nCOPY . .\nCMD [\"node\", \"dist/main.js\"]\n")
            .Write("packages/db/package.json", "{ \"name\": \"db\", \"devDependencies\": { \"prisma\": \"6.0.0\" } }")
            .Write("packages/db/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n")
            .Write("dockers/Dockerfile.db-migrate", "FROM node:22-slim\nRUN npm install -g prisma\nWORKDIR /prisma\nCOPY packages/db/prisma ./migrate\nCOPY scripts ./scripts\nCMD " + migrateImageCommand + "\n");
        for (var i = 1; i <= 6; i++)
            repo.Write($"packages/db/prisma/migrations/2024010{i}000000_step_{i}/migration.sql", $"CREATE TABLE \"T{i}\" (\"id\" TEXT NOT NULL);\n");
        return repo;
    }

    [Theory]
    [InlineData("[\"scripts/db-migrate.mjs\"]")]
    [InlineData("node scripts/migrate.js")]
    public void A_migration_image_whose_command_is_a_script_named_for_it_applies_the_migrations(string command)
    {
        // teableio/teable: dockers/teable/Dockerfile.db-migrate ends with CMD ["scripts/db-migrate.mjs"], run as a one-shot
        // service before the application (and as a Helm pre-upgrade Job).
        using var repo = PrismaApp(command);

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied", "apps/api").Finding.Status);
    }

    [Fact]
    public void An_image_whose_command_seeds_applies_nothing()
    {
        using var repo = PrismaApp("[\"scripts/db-seed.mjs\"]");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations-applied", "apps/api").Finding.Status);
    }

    private static TestRepository XormServer(string datastore) => TestRepository.Create()
        .Write("go.mod", "module example.org/ledger\n\ngo 1.23\n\nrequire (\n\txorm.io/xorm v1.3.9\n\tgithub.com/lib/pq v1.10.9\n)\n")
        .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.org/ledger/pkg/datastore\"\n)\n\nfunc main() {\n\tdatastore.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n")
        .Write("pkg/datastore/datastore.go", datastore);

    [Fact]
    public void Xorm_sync_of_the_structs_at_start_is_a_schema_that_follows_the_code()
    {
        // mayswind/ezbookkeeping: pkg/datastore/datastore.go calls engineGroup.Sync2(beans...) for each model as the server
        // starts (auto_update_database = true); no migration files. Scored like gorm's AutoMigrate.
        using var repo = XormServer("package datastore\n\nimport (\n\t_ \"github.com/lib/pq\"\n\t\"xorm.io/xorm\"\n)\n\nvar engine *xorm.Engine\n\nfunc Open() error {\n\tvar err error\n\tengine, err = xorm.NewEngine(\"postgres\", \"\")\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn engine.Sync2(new(User), new(Account))\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var migrations = Finding(evaluation, "database.migrations").Finding;
        Assert.Equal((FindingStatus.Partial, InfraTrend.Analyzers.Database.MigrationsAnalyzer.SchemaSyncScore), (migrations.Status, migrations.Score));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void A_flush_with_no_structs_is_not_xorm_sync()
    {
        using var repo = XormServer("package datastore\n\nimport (\n\t_ \"github.com/lib/pq\"\n\t\"xorm.io/xorm\"\n)\n\nvar engine *xorm.Engine\n\nfunc Open() error {\n\tdefer logger.Sync()\n\tvar err error\n\tengine, err = xorm.NewEngine(\"postgres\", \"\")\n\treturn err\n}\n");

        Assert.DoesNotContain("xorm-sync", Extract(repo).Repository.List(FactKeys.MigrationTools));
    }
}
