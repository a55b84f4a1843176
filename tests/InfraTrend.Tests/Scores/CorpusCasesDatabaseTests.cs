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
        Assert.StartsWith("2 migrations committed, managed with", Finding(evaluation, "database.migrations", "src/API").Finding.Message);
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
            .Write("src/Web/Migrations/202301101300_V501.cs", "[MigrationVersion(\"2023-01-10 13:00:00\", \"V501\")]\ninternal class V501 : Migration { public override void Up() { } }\n")
            .Write("src/Web/Migrations/202306011300_V502.cs", "[MigrationVersion(\"2023-06-01 13:00:00\", \"V502\")]\ninternal class V502 : Migration { public override void Up() { } }\n")
            .Write("src/Web/Migrations/202401151300_V600.cs", "[MigrationVersion(\"2024-01-15 13:00:00\", \"V600\")]\ninternal class V600 : Migration { public override void Up() { } }\n")
            .Write("src/Web/Data/DatabaseInitializer.cs", "public class DatabaseInitializer\n{\n    public async Task InitializeAsync(DbMigrator migrator, CancellationToken cancelToken)\n    {\n        await migrator.RunPendingMigrationsAsync(null, cancelToken);\n    }\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations", "src/Web").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied", "src/Web").Finding.Status);
    }

    private static IEnumerable<string> AppliedAt(RepositoryFacts facts) =>
        facts.Repository.List(FactKeys.MigrationsAppliedAt).Concat(facts.Parts.SelectMany(p => p.Facts.List(FactKeys.MigrationsAppliedAt)));

    [Fact]
    public void A_release_phase_running_rake_db_prepare_applies_the_migrations()
    {
        // codebar/planner: the Procfile's `release: bundle exec rake db:prepare` migrates on every Heroku release.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
            .Write("config/application.rb", "module Planner\n  class Application < Rails::Application\n  end\nend\n")
            .Write("db/migrate/20240101000000_create_members.rb", "class CreateMembers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :members\n  end\nend\n")
            .Write("db/migrate/20240102000000_add_email.rb", "class AddEmail < ActiveRecord::Migration[7.1]\n  def change\n    add_column :members, :email, :string\n  end\nend\n")
            .Write("Procfile", "release: bundle exec rake db:prepare\nweb: bundle exec puma -C config/puma.rb\n");
        for (var i = 3; i <= 5; i++)
            repo.Write($"db/migrate/2024010{i}000000_add_column_{i}.rb", $"class AddColumn{i} < ActiveRecord::Migration[7.1]\n  def change\n    add_column :members, :c{i}, :string\n  end\nend\n");

        var facts = Extract(repo);

        Assert.Contains("release", AppliedAt(facts));
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(facts), "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void A_go_server_that_runs_its_migrations_in_serve_or_a_wire_provider_applies_them_at_start()
    {
        // pocketbase: apis/serve.go `func Serve(...)` calls app.RunAllMigrations() before listening; gitness: the wire
        // provider `ProvideDatabase` returns database.ConnectAndMigrate(...), built as the server starts.
        using var serve = TestRepository.Create()
            .Write("go.mod", "module example.com/base\n\ngo 1.22\n\nrequire modernc.org/sqlite v1.29.0\n")
            .Write("main.go", "package main\n\nimport _ \"modernc.org/sqlite\"\n\nfunc main() {}\n")
            .Write("apis/serve.go", "package apis\n\nfunc Serve(app App) error {\n\t// apply the pending migrations first\n\tif err := app.RunAllMigrations(); err != nil {\n\t\treturn err\n\t}\n\treturn nil\n}\n");
        using var provider = TestRepository.Create()
            .Write("go.mod", "module example.com/forge\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n")
            .Write("main.go", "package main\n\nimport _ \"github.com/lib/pq\"\n\nfunc main() {}\n")
            .Write("store/database/wire.go", "package database\n\nfunc ProvideDatabase(ctx context.Context, config Config) (*sqlx.DB, error) {\n\treturn database.ConnectAndMigrate(ctx, config.Driver, config.Datasource, migrator)\n}\n");

        Assert.Contains("start", AppliedAt(Extract(serve)));
        Assert.Contains("start", AppliedAt(Extract(provider)));
    }

    [Fact]
    public void An_application_that_builds_liquibase_itself_applies_its_changelogs_at_start()
    {
        // openmrs-core: no Spring Boot; api/.../util/DatabaseUpdater.java builds `new Liquibase(changeLogFile, accessor, database)`
        // over the changelogs in src/main/resources and updates the database as the web application starts.
        const string Pom = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>org.example</groupId>
              <artifactId>records</artifactId>
              <version>1.0</version>
              <packaging>war</packaging>
              <dependencies>
                <dependency><groupId>org.liquibase</groupId><artifactId>liquibase-core</artifactId><version>4.29.0</version></dependency>
                <dependency><groupId>com.mysql</groupId><artifactId>mysql-connector-j</artifactId><version>8.4.0</version></dependency>
              </dependencies>
            </project>
            """;
        const string Changelog = "<databaseChangeLog>\n  <changeSet id=\"1\" author=\"a\"><createTable tableName=\"person\"/></changeSet>\n  <changeSet id=\"2\" author=\"a\"><addColumn tableName=\"person\"/></changeSet>\n</databaseChangeLog>\n";
        using var repo = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/main/resources/changelog.xml", Changelog)
            .Write("src/main/java/org/example/DatabaseUpdater.java", "package org.example;\n\nimport liquibase.Liquibase;\n\npublic class DatabaseUpdater {\n    static Liquibase get(String file, Database db) {\n        return new Liquibase(file, accessor(), db);\n    }\n}\n");
        using var tests = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/main/resources/changelog.xml", Changelog)
            .Write("src/test/java/org/example/ChangelogTest.java", "class ChangelogTest { void run() { new Liquibase(\"changelog.xml\", accessor, db).update(\"\"); } }\n");

        Assert.Contains("start", AppliedAt(Extract(repo)));
        // Liquibase run only by a test applies nothing on release.
        Assert.DoesNotContain("start", AppliedAt(Extract(tests)));
    }

    [Fact]
    public void Stores_a_dependency_list_misses_are_databases_too()
    {
        // thelounge: `import {DatabaseSync} from "node:sqlite"` (Node's built-in SQLite, no package); etherpad-lite: the
        // ueberdb2 key-value layer, which has no schema to migrate; Signal-Server: DynamoDB through the AWS SDK.
        using var node = TestRepository.Create()
            .Write("package.json", """{ "name": "chat", "scripts": { "start": "node server/index.js" }, "dependencies": { "express": "4.19.2" } }""")
            .Write("server/index.js", "const express = require('express');\nexpress().listen(9000);\n")
            .Write("server/storage/sqlite.ts", "import {DatabaseSync} from \"node:sqlite\";\nexport const db = new DatabaseSync(\"logs.sqlite3\");\n");
        using var kv = TestRepository.Create()
            .Write("package.json", """{ "name": "pad", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "ueberdb2": "5.0.22" } }""")
            .Write("server.js", "const express = require('express');\nconst ueberDB = require('ueberdb2');\nconst db = new ueberDB.Database('dirty', {});\nexpress().listen(9001);\n");

        using var java = TestRepository.Create()
            .Write("pom.xml", "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.example</groupId>\n  <artifactId>server</artifactId>\n  <version>1.0</version>\n  <dependencies>\n    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>dynamodb</artifactId><version>2.29.0</version></dependency>\n  </dependencies>\n</project>\n")
            .Write("src/main/java/org/example/Server.java", "package org.example;\n\nimport software.amazon.awssdk.services.dynamodb.DynamoDbClient;\n\npublic class Server {\n    public static void main(String[] args) { DynamoDbClient.create(); }\n}\n");

        Assert.Contains("sqlite", Extract(node).Parts.Single().Facts.List(FactKeys.DatabaseEngines));
        var javaFacts = Extract(java);
        Assert.Contains("dynamodb", javaFacts.Repository.List(FactKeys.DatabaseEngines).Concat(javaFacts.Parts.SelectMany(p => p.Facts.List(FactKeys.DatabaseEngines))));
        var kvFacts = Extract(kv);
        Assert.Contains("ueberdb", kvFacts.Parts.Single().Facts.List(FactKeys.DatabaseEngines));
        var migrations = Finding(Evaluation.Evaluate(kvFacts), "database.migrations").Finding;
        Assert.Equal(FindingStatus.Partial, migrations.Status);
        Assert.Equal(0.5, migrations.Score, 3);
    }

    [Fact]
    public void A_baseline_of_a_few_migrations_applied_at_start_earns_half_of_applying_them()
    {
        // lenve/vhr: Flyway applies a single baseline V1__vhr.sql at start-up; louislam/dockge: three knex migrations
        // applied by knex.migrate.latest() as the server starts. The mechanism is there, a history of changes is not.
        static TestRepository Rails(int migrations)
        {
            var repo = TestRepository.Create()
                .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
                .Write("config/application.rb", "module App\n  class Application < Rails::Application\n  end\nend\n")
                .Write("bin/docker-entrypoint", "#!/bin/bash -e\n./bin/rails db:prepare\nexec \"${@}\"\n");
            for (var i = 1; i <= migrations; i++)
                repo.Write($"db/migrate/2024010{i}000000_step_{i}.rb", $"class Step{i} < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n");
            return repo;
        }
        using var baseline = Rails(1);
        using var history = Rails(5);

        var applied = Finding(Evaluation.Evaluate(Extract(baseline)), "database.migrations-applied").Finding;
        Assert.Equal(FindingStatus.Partial, applied.Status);
        Assert.Equal(0.5, applied.Score, 3);
        // The migrations rule itself gives a baseline three quarters (CorpusCasesDatabase19Tests).
        Assert.Equal(0.75, Finding(Evaluation.Evaluate(Extract(baseline)), "database.migrations").Finding.Score, 3);
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(history)), "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void A_hand_run_schema_script_earns_half_of_versioned_migrations()
    {
        // litemall, RuoYi, mall: litemall-db/sql/*.sql creates the tables and inserts the demo data, run by hand; no
        // migration tool. A fresh database can be rebuilt from the repository, which auditors credit with about half.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "shop", "scripts": { "start": "node app.js" }, "dependencies": { "express": "4.19.2", "mysql2": "3.9.7" } }""")
            .Write("app.js", "const express = require('express');\nconst mysql = require('mysql2');\nexpress().listen(8080);\n")
            .Write("sql/shop_table.sql", "CREATE TABLE goods (id int);\nCREATE TABLE orders (id int);\n");

        var migrations = Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations").Finding;

        Assert.Equal(FindingStatus.Partial, migrations.Status);
        Assert.Equal(0.5, migrations.Score, 3);
    }

    [Fact]
    public void Ent_auto_migration_at_start_up_is_a_schema_that_follows_the_code_unversioned()
    {
        // Cloudreve's inventory/client.go: the generated ent client runs client.Schema.Create(ctx) as the server starts.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module github.com/example/drive\n\ngo 1.23\n\nrequire (\n\tentgo.io/ent v0.14.1\n\tgithub.com/lib/pq v1.10.9\n)\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":5212\", nil) }\n")
            .Write("store/client.go", "package store\n\nimport (\n\t\"context\"\n\n\t\"entgo.io/ent/dialect/sql\"\n\t_ \"github.com/lib/pq\"\n\t\"github.com/example/drive/ent\"\n)\n\nfunc Open(ctx context.Context, dsn string) (*ent.Client, error) {\n\tdrv, _ := sql.Open(\"postgres\", dsn)\n\tclient := ent.NewClient(ent.Driver(drv))\n\tif err := client.Schema.Create(ctx); err != nil {\n\t\treturn nil, err\n\t}\n\treturn client, nil\n}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("ent-automigrate", facts.Repository.List(FactKeys.MigrationTools));
        var migrations = Finding(evaluation, "database.migrations").Finding;
        Assert.Equal((FindingStatus.Partial, InfraTrend.Analyzers.Database.MigrationsAnalyzer.SchemaSyncScore), (migrations.Status, migrations.Score));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void Flyway_style_numbered_scripts_in_a_migrations_folder_are_versioned_migrations()
    {
        // trilium's db/migrations/0215__content_structure.sql ... (a home-made runner applies them); killbill's
        // module/src/main/resources/.../migration/V20160822115745__account_notes.sql with no Flyway dependency in the build.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "notes", "main": "src/www.js", "dependencies": { "express": "4.18.2", "better-sqlite3": "8.4.0" } }""")
            .Write("src/www.js", "const express = require('express');\nconst app = express();\napp.listen(8080);\n")
            .Write("src/services/sql.js", "const Database = require('better-sqlite3');\nmodule.exports = new Database('document.db');\n")
            .Write("db/migrations/0215__content_structure.sql", "CREATE TABLE blobs (blobId TEXT PRIMARY KEY);\n")
            .Write("db/migrations/0216__attachments.sql", "CREATE TABLE attachments (attachmentId TEXT PRIMARY KEY);\n")
            .Write("db/migrations/0217__drop_content.sql", "DROP TABLE note_contents;\n");

        var facts = Extract(repo);

        Assert.Equal(3, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.StartsWith("3 migrations committed, managed with sql-scripts", Finding(Evaluation.Evaluate(facts), "database.migrations").Finding.Message);
    }

    [Fact]
    public void Go_migrations_named_by_release_are_versioned_though_listed_elsewhere()
    {
        // listmonk: internal/migrations/v0.4.0.go ... v6.2.0.go, each a func V0_4_0(db *sqlx.DB) error; the ordered list
        // that runs them is in cmd/upgrade.go, outside the migrations folder.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module github.com/example/mailer\n\ngo 1.22\n\nrequire (\n\tgithub.com/jmoiron/sqlx v1.3.5\n\tgithub.com/lib/pq v1.10.9\n)\n")
            .Write("cmd/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n")
            .Write("cmd/upgrade.go", "package main\n\nimport \"github.com/example/mailer/internal/migrations\"\n\nvar migList = []migFunc{\n\t{\"v0.4.0\", migrations.V0_4_0},\n\t{\"v0.7.0\", migrations.V0_7_0},\n}\n")
            .Write("internal/migrations/v0.4.0.go", "package migrations\n\nimport \"github.com/jmoiron/sqlx\"\n\nfunc V0_4_0(db *sqlx.DB) error {\n\t_, err := db.Exec(`ALTER TABLE campaigns ADD COLUMN archive BOOLEAN`)\n\treturn err\n}\n")
            .Write("internal/migrations/v0.7.0.go", "package migrations\n\nimport \"github.com/jmoiron/sqlx\"\n\nfunc V0_7_0(db *sqlx.DB) error {\n\t_, err := db.Exec(`CREATE TABLE templates (id SERIAL)`)\n\treturn err\n}\n");

        var facts = Extract(repo);

        Assert.Contains("go-migrations", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Node_migrate_modules_are_versioned_migrations_applied_at_start()
    {
        // actual-server: migrations/1694360479680-create-account-db.js export up/down and call no library; the `migrate`
        // package loads them from src/migrations.js, which the server runs before it listens.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "sync-server", "type": "module", "main": "app.js", "dependencies": { "express": "4.21.0", "better-sqlite3": "11.7.0", "migrate": "2.0.1" } }""")
            .Write("app.js", "import express from 'express';\nimport run from './src/migrations.js';\nawait run();\nexpress().listen(5006);\n")
            .Write("src/migrations.js", "import migrate from 'migrate';\n\nexport default function run() {\n  return new Promise((resolve) => migrate.load({ stateStore: `${dir}/.migrate`, migrationsDirectory: 'migrations' }, (err, set) => set.up(resolve)));\n}\n")
            .Write("src/db.js", "import Database from 'better-sqlite3';\nexport default new Database('account.sqlite');\n")
            .Write("migrations/1694360479680-create-account-db.js", "import getAccountDb from '../src/db.js';\n\nexport const up = async function () {\n  getAccountDb().exec('CREATE TABLE auth (password TEXT)');\n};\n\nexport const down = async function () {};\n")
            .Write("migrations/1694362247011-create-secret-table.js", "import getAccountDb from '../src/db.js';\n\nexport const up = async function () {\n  getAccountDb().exec('CREATE TABLE secrets (name TEXT)');\n};\n\nexport const down = async function () {};\n");

        var facts = Extract(repo);

        Assert.Contains("node-migrate", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void A_versioned_list_of_sql_steps_in_code_is_the_application_s_own_migrator()
    {
        // thelounge's server/plugins/messageStorage/sqlite.ts: `export const migrations: Migration[] = [{ version: ..., stmts: [...] }]`,
        // run from the schema version stored in the database when the store opens.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "chat", "main": "server/index.ts", "dependencies": { "express": "4.21.0", "sqlite3": "5.1.7" } }""")
            .Write("server/index.ts", "import express from 'express';\nexpress().listen(9000);\n")
            .Write("server/storage/sqlite.ts", "import sqlite3 from 'sqlite3';\n\ntype Migration = {version: number; stmts: string[]};\n\nexport const migrations: Migration[] = [\n\t{\n\t\tversion: 1672236339873,\n\t\tstmts: [\n\t\t\t'CREATE TABLE messages (id INTEGER PRIMARY KEY)',\n\t\t],\n\t},\n\t{\n\t\tversion: 1679743888000,\n\t\tstmts: [\n\t\t\t'ALTER TABLE messages ADD COLUMN time INTEGER',\n\t\t],\n\t},\n];\n\nexport function open(path: string) {\n\tconst db = new sqlite3.Database(path);\n\trunMigrations(db);\n\treturn db;\n}\n");

        var facts = Extract(repo);

        Assert.Contains("js-migrations", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }
}
