using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Database operations no one ecosystem's tool owns, on fixtures shaped after real repositories: a Go CI server whose
/// xormigrate list runs as the server is set up, a Go blog engine whose numbered migrations only a CLI command runs,
/// a .NET monorepo with DbUp scripts in a migrator project and a looping backup script, a Rails app with a scheduled
/// backup job and a Kubernetes migrate Pod, a Django app with an upgrade script and a documented pg_dump procedure,
/// a Flask app whose boot script runs a CLI command that upgrades, Spring Boot's schema.sql, and a .NET shop on
/// MongoDB with its own migration classes run by a start-up module.
/// </summary>
public class DatabaseOperationsFactsTests
{
    private static RepositoryFacts Extract(TestRepository repo)
    {
        repo.Commit("fixture");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Facts;
    }

    private const string GoMod = "module example.com/ci\n\ngo 1.22\n\nrequire (\n\tgithub.com/lib/pq v1.10.9\n\tsrc.techknowlogick.com/xormigrate v1.7.1\n\txorm.io/xorm v1.3.9\n)\n";

    [Fact]
    public void A_xormigrate_list_is_counted_and_the_servers_setup_applies_it()
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("cmd/server/main.go", "package main\n\nfunc main() { run() }\n")
            .Write("cmd/server/setup.go", """
                package main

                func setupStore(ctx context.Context) (store.Store, error) {
                	store, err := datastore.NewEngine(opts)
                	if err != nil {
                		return nil, err
                	}
                	if err := store.Migrate(ctx, true); err != nil {
                		return nil, err
                	}
                	return store, nil
                }
                """)
            .Write("server/store/migration/migration.go", "package migration\n\nimport \"src.techknowlogick.com/xormigrate\"\n\nvar migrationTasks = []*xormigrate.Migration{\n\t&addOrgID,\n\t&renameLink,\n}\n")
            .Write("server/store/migration/001_add_org_id.go", "package migration\n\nvar addOrgID = xormigrate.Migration{\n\tID: \"add-org-id\",\n}\n")
            .Write("server/store/migration/002_rename_link.go", "package migration\n\nvar renameLink = xormigrate.Migration{\n\tID: \"rename-link\",\n}\n")
            .Write("server/store/migration/migration_test.go", "package migration\n\nfunc TestMigrate(t *testing.T) {}\n")
            .Write("server/billing/planmigration/cohort_test.go", "package planmigration\n\nfunc TestCohort(t *testing.T) {}\n");

        var facts = Extract(repo).Repository;

        // The test beside the migrations runs them; a feature named "plan migration" is not about the database.
        Assert.Equal([new Evidence("server/store/migration/migration_test.go", 0)], facts.EvidenceOf(FactKeys.MigrationGuards, "tests"));

        Assert.Equal(["xormigrate"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Number(FactKeys.MigrationCount));
        Assert.Equal(["start"], facts.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([new Evidence("cmd/server/setup.go", 8)], facts.EvidenceOf(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void Numbered_go_migrations_in_a_list_count_but_a_cli_command_that_runs_them_is_not_start_up()
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/blog\n\ngo 1.22\n\nrequire github.com/go-sql-driver/mysql v1.8.1\n")
            .Write("migrations/migrations.go", "package migrations\n\nvar migrations = []Migration{\n\tNew(\"invites\", supportInvites),\n\tNew(\"pages\", supportPages),\n}\n\nfunc Migrate(db *datastore) error { return nil }\n")
            .Write("migrations/v1.go", "package migrations\n\nfunc supportInvites(db *datastore) error { return nil }\n")
            .Write("migrations/v2.go", "package migrations\n\nfunc supportPages(db *datastore) error { return nil }\n")
            .Write("app.go", "package blog\n\nfunc Migrate(app *App) error {\n\treturn migrations.Migrate(migrations.NewDatastore(app.db))\n}\n\nfunc adminInitDatabase(app *App) error {\n\treturn migrations.Migrate(migrations.NewDatastore(app.db))\n}\n")
            .Write("cmd/blog/db.go", "package main\n\nfunc migrateDBAction(c *cli.Context) error {\n\treturn blog.Migrate(app)\n}\n");

        var facts = Extract(repo).Repository;

        Assert.Equal(["go-migrations"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Number(FactKeys.MigrationCount));
        Assert.Empty(facts.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void DbUp_scripts_of_a_migrator_project_and_a_looping_backup_script()
    {
        using var repo = TestRepository.Create()
            .Write("util/Migrator/Migrator.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"dbup-sqlserver\" Version=\"5.0.8\" />\n  </ItemGroup>\n</Project>\n")
            .Write("util/Migrator/DbScripts/2021-01-05_00_AddColumn.sql", "ALTER TABLE [User] ADD [Culture] NVARCHAR(10) NULL;\n")
            .Write("util/Migrator/DbScripts/2021-02-10_00_AddIndex.sql", "CREATE INDEX IX_User_Email ON [User]([Email]);\n")
            .Write("util/Migrator/DbScripts/2021-03-01_00_Procedure.sql", "CREATE PROCEDURE [dbo].[User_Read] AS SELECT 1;\n")
            .Write("util/MsSql/backup-db.sh", "#!/bin/sh\nwhile true\ndo\n  sleep 86400\n  /opt/mssql-tools/bin/sqlcmd -S localhost -i /backup-db.sql\ndone\n")
            .Write("util/MsSql/backup-db.sql", "BACKUP DATABASE @DatabaseName TO DISK = @BackupFile WITH INIT;\n");

        var facts = Extract(repo).Repository;

        Assert.Equal(["dbup"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(3, facts.Number(FactKeys.MigrationCount));
        Assert.Equal(["scheduled", "script"], facts.List(FactKeys.Backups));
    }

    private const string Gemfile = "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 8.0\"\ngem \"sqlite3\"\n";

    [Fact]
    public void A_backup_job_named_in_a_recurring_schedule_and_a_kubernetes_pod_that_migrates()
    {
        using var repo = TestRepository.Create()
            .Write("Gemfile", Gemfile + "gem \"strong_migrations\", \"~> 2.8\"\n")
            .Write("config/application.rb", "module Forum\n  class Application < Rails::Application\n  end\nend\n")
            .Write("db/migrate/20240101000000_create_stories.rb", "class CreateStories < ActiveRecord::Migration[8.0]\nend\n")
            .Write("app/jobs/restic_job.rb", """
                class ResticJob < ApplicationJob
                  def perform
                    system("bin/sqlite3", "storage/primary.sqlite3", ".backup '/srv/backups/primary.sqlite3'", exception: true)
                    system("restic backup --no-scan /srv/backups", exception: true)
                  end
                end
                """)
            .Write("config/recurring.yml", "production:\n  prefill:\n    class: PrefillJob\n    schedule: every 2 minutes\n  restic:\n    class: ResticJob\n    schedule: every day at 1 am\n")
            .Write("config/deploy/db-migrate.yaml.erb", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-migrate-<%= deployment_id %>
                spec:
                  containers:
                  - name: db-migrate
                    image: registry.example.com/forum:<%= current_sha %>
                    args: ["rails", "db:migrate"]
                """);

        var facts = Extract(repo).Repository;

        Assert.Equal(["linter"], facts.List(FactKeys.MigrationGuards));
        Assert.Contains("scheduled", facts.List(FactKeys.Backups));
        Assert.Contains(new Evidence("config/recurring.yml", 6), facts.EvidenceOf(FactKeys.Backups, "scheduled"));
        Assert.Equal(["release"], facts.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([new Evidence("config/deploy/db-migrate.yaml.erb", 9)], facts.EvidenceOf(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void An_upgrade_script_migrates_and_a_docs_page_gives_the_backup_and_restore_commands()
    {
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0\npsycopg[binary]==3.1\n")
            .Write("app/manage.py", "import django\n")
            .Write("app/dcim/migrations/0001_initial.py", "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    pass\n")
            .Write("upgrade.sh", "#!/bin/bash\nCOMMAND=\"python3 app/manage.py migrate\"\neval $COMMAND || exit 1\n")
            .Write("docs/administration/replicating.md", "# Replicating\n\nThe database can be written to a file and restored with psql.\n\n```\npg_dump --username app app > app.sql\n```\n\n## Load an exported database\n\n```\npsql app < app.sql\n```\n")
            .Write("CHANGELOG.md", "# Changes\n\n- Fixed restore of pg_dump output in the import tool\n")
            .Write("docs/configuration.md", "# Configuration\n\nRename config.backup to config.yml, then restore the defaults. Remember to backup database files before upgrading.\n");

        var facts = Extract(repo).Repository;

        Assert.Equal(["upgrade"], facts.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal(["docs"], facts.List(FactKeys.Backups));
        Assert.Equal([new Evidence("docs/administration/replicating.md", 6)], facts.EvidenceOf(FactKeys.Backups));
    }

    [Fact]
    public void A_boot_script_running_a_flask_command_that_upgrades_applies_the_migrations_at_start()
    {
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Flask==3.0\nFlask-Migrate==4.0\n")
            .Write("app.py", """
                from flask_migrate import Migrate, upgrade

                @app.cli.command()
                def test():
                    pass


                @app.cli.command()
                def deploy():
                    "Run deployment tasks."
                    upgrade()
                    Role.insert_roles()
                """)
            .Write("boot.sh", "#!/bin/sh\nwhile true; do\n    flask deploy\n    if [[ \"$?\" == \"0\" ]]; then\n        break\n    fi\ndone\nexec gunicorn app:app\n");

        var facts = Extract(repo).Repository;

        Assert.Equal(["start"], facts.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([new Evidence("boot.sh", 3)], facts.EvidenceOf(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void Spring_boot_sql_init_is_a_schema_script_and_its_data_sql_seeds()
    {
        using var repo = TestRepository.Create()
            .Write("pom.xml", """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>
                  <groupId>org.example</groupId><artifactId>clinic</artifactId>
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency>
                    <dependency><groupId>com.mysql</groupId><artifactId>mysql-connector-j</artifactId><scope>runtime</scope></dependency>
                  </dependencies>
                </project>
                """)
            .Write("src/main/java/org/example/ClinicApplication.java", "package org.example;\n\n@SpringBootApplication\npublic class ClinicApplication {}\n")
            .Write("src/main/resources/application.properties", "database=h2\nspring.sql.init.schema-locations=classpath*:db/${database}/schema.sql\nspring.sql.init.data-locations=classpath*:db/${database}/data.sql\n")
            .Write("src/main/resources/db/mysql/schema.sql", "CREATE TABLE IF NOT EXISTS owners (id INT);\n")
            .Write("src/main/resources/db/mysql/data.sql", "INSERT IGNORE INTO owners VALUES (1);\n");

        var facts = Extract(repo).Repository;

        Assert.Equal(["spring-sql-init"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(0, facts.Number(FactKeys.MigrationCount));
        Assert.True(facts.Bool(FactKeys.SeedScript));
    }

    [Fact]
    public void A_dotnet_shop_on_mongodb_with_its_own_migration_classes_run_by_a_start_up_module()
    {
        using var repo = TestRepository.Create()
            .Write("src/Web/Shop.Web/Shop.Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup>\n  <ItemGroup><ProjectReference Include=\"../../Core/Shop.Data/Shop.Data.csproj\" /></ItemGroup>\n</Project>\n")
            .Write("src/Web/Shop.Web/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n")
            .Write("src/Core/Shop.Data/Shop.Data.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup><PackageReference Include=\"MongoDB.Driver\" /></ItemGroup>\n</Project>\n")
            .Write("src/Core/Shop.Data/MongoRepository.cs", "namespace Shop.Data;\n\npublic class MongoRepository\n{\n    public MongoRepository(string connectionString)\n    {\n        var client = new MongoClient(connectionString);\n    }\n}\n")
            .Write("src/Modules/Shop.Module.Migration/Migrations/1.1/MigrationUpdateStore.cs", "namespace Shop.Module.Migration;\n\npublic class MigrationUpdateStore : IMigration\n{\n    public int Priority => 0;\n}\n")
            .Write("src/Modules/Shop.Module.Migration/Migrations/2.0/MigrationProductRating.cs", "namespace Shop.Module.Migration;\n\npublic class MigrationProductRating : IMigration\n{\n    public int Priority => 0;\n}\n")
            .Write("src/Modules/Shop.Module.Migration/Startup/StartupApplication.cs", """
                namespace Shop.Module.Migration.Startup;

                public class StartupApplication
                {
                    public void Configure(WebApplication application)
                    {
                        var migrationProcess = application.Services.GetRequiredService<IMigrationProcess>();
                        migrationProcess.RunMigrationProcess();
                    }
                }
                """);

        var facts = Extract(repo);

        Assert.Equal(["mongodb"], facts.Parts.Single(p => p.Path == "src/Web/Shop.Web").Facts.List(FactKeys.DatabaseEngines));
        Assert.Equal(["code-migrations"], facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("src/Modules/Shop.Module.Migration/Startup/StartupApplication.cs", 8)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt));
    }

    [Theory]
    [InlineData("import \"github.com/pressly/goose/v3\"\n\nfunc main() {\n\tdb := open()\n\tif err := goose.Up(db, \"migrations\"); err != nil {\n\t\tpanic(err)\n\t}\n}\n", 7)]
    [InlineData("import \"github.com/golang-migrate/migrate/v4\"\n\nfunc main() {\n\tm, _ := migrate.New(\"file://migrations\", url)\n\tif err := m.Up(); err != nil {\n\t\tpanic(err)\n\t}\n}\n", 7)]
    public void Goose_or_golang_migrate_run_from_main_apply_the_migrations_at_start(string main, int line)
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/api\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n")
            .Write("main.go", "package main\n\n" + main);

        var facts = Extract(repo).Repository;

        Assert.Equal([new Evidence("main.go", line)], facts.EvidenceOf(FactKeys.MigrationsAppliedAt));
    }
}
