using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// A project's own versioned migrator, outside the folders and tools the ecosystem sources know, on fixtures shaped after
/// real repositories: a Java document manager's numbered update scripts in db/update, an XMPP server's upgrade scripts
/// in one folder per schema version (a script per engine), a Kotlin server's exposed-migrations classes, a Python
/// service's peewee-migrate steps, and a Go feed reader's list of numbered step functions.
/// </summary>
public class OwnMigratorFactsTests
{
    /// <summary>The repository's facts of a fixture, committed (MigrationsAppliedFactsTests reads them the same way).</summary>
    internal static FactTable Extract(TestRepository repo)
    {
        repo.Commit("fixture");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Facts.Repository;
    }

    [Fact]
    public void Numbered_update_scripts_count_one_step_each_but_a_lone_script_or_a_named_one_does_not()
    {
        using var repo = TestRepository.Create()
            .Write("core/src/main/resources/db/update/dbupdate-000-0.sql", "create cached table T_USER (USE_ID_C varchar(36) not null);\n")
            .Write("core/src/main/resources/db/update/dbupdate-001-0.sql", "alter table T_USER add column USE_EMAIL_C varchar(100);\n")
            .Write("core/src/main/resources/db/update/dbupdate-002-0.sql", "update T_CONFIG set CFG_VALUE_C = '2' where CFG_ID_C = 'DB_VERSION';\n")
            .Write("web/src/main/resources/upgrade/0001_cleanup.sql", "delete from T_LOG;\n")
            .Write("web/src/main/resources/update/cleanup.sql", "delete from T_LOG;\n")
            .Write("web/src/main/resources/update/purge.sql", "delete from T_AUDIT;\n");

        var facts = Extract(repo);

        Assert.Equal(["sql-scripts"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(3, facts.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Upgrade_scripts_in_a_folder_per_version_count_the_versions_not_the_engines()
    {
        using var repo = TestRepository.Create()
            .Write("distribution/src/database/upgrade/1/chat_mysql.sql", "ALTER TABLE ofUser ADD COLUMN name VARCHAR(100);\n")
            .Write("distribution/src/database/upgrade/1/chat_postgresql.sql", "ALTER TABLE ofUser ADD COLUMN name VARCHAR(100);\n")
            .Write("distribution/src/database/upgrade/2/chat_mysql.sql", "CREATE INDEX ofUser_name ON ofUser (name);\n")
            .Write("distribution/src/database/upgrade/2/chat_postgresql.sql", "CREATE INDEX ofUser_name ON ofUser (name);\n")
            .Write("distribution/src/database/upgrade/3/chat_mysql.sql", "UPDATE ofVersion SET version = 3;\n");

        var facts = Extract(repo);

        Assert.Equal(["sql-scripts"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(3, facts.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Kotlin_migration_classes_extending_the_migrators_base_are_code_migrations()
    {
        using var repo = TestRepository.Create()
            .Write("server/src/main/kotlin/app/server/database/migration/M0001_Initial.kt", """
                package app.server.database.migration

                class M0001_Initial : AddTableMigration() {
                    private class MangaTable : IntIdTable()
                }
                """)
            .Write("server/src/main/kotlin/app/server/database/migration/M0002_DefaultCategory.kt", """
                package app.server.database.migration

                @Suppress("ClassName", "unused")
                class M0002_DefaultCategory :
                    RenameFieldMigration(
                        "Category",
                        "is_landing",
                        "is_default",
                    )
                """)
            .Write("server/src/main/kotlin/app/server/database/migration/helpers/ToSqlName.kt", "package app.server.database.migration.helpers\n\nfun String.toSqlName() = uppercase()\n");

        var facts = Extract(repo);

        Assert.Equal(["code-migrations"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Peewee_migrate_steps_are_counted_and_a_package_init_is_not_a_step()
    {
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"insights\"\ndependencies = [\"peewee~=3.17\", \"peewee-migrate~=1.12.2\", \"psycopg2-binary\"]\n")
            .Write("migrations/__init__.py", "")
            .Write("migrations/001_initial.py", "\"\"\"Peewee migrations -- 001_initial.py.\"\"\"\n\nimport peewee as pw\nfrom peewee_migrate import Migrator\n\n\ndef migrate(migrator: Migrator, database: pw.Database, *, fake=False):\n    migrator.create_model(Insight)\n")
            .Write("migrations/002_add_box.py", "import peewee as pw\n\n\ndef migrate(migrator, database, *, fake=False):\n    migrator.add_fields(\"insight\", box=pw.TextField(null=True))\n\n\ndef rollback(migrator, database, *, fake=False):\n    migrator.remove_fields(\"insight\", \"box\")\n");

        var facts = Extract(repo);

        Assert.Equal(["peewee-migrate"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void A_go_list_of_numbered_step_functions_counts_its_steps_but_a_list_of_handlers_does_not()
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/reader\n\ngo 1.23\n\nrequire modernc.org/sqlite v1.34.1\n")
            .Write("src/storage/sqlite/migration.go", """
                package sqlite

                import "database/sql"

                var migrations = []func(*sql.Tx) error{
                	m01_initial,
                	m02_feed_states,
                	m03_on_delete_actions,
                }

                var maxVersion = int64(len(migrations))
                """)
            .Write("src/server/migrate.go", """
                package server

                var hooks = []func() error{
                	flushCache,
                	reopenLog,
                }
                """);

        var facts = Extract(repo);

        Assert.Equal(["go-migrations"], facts.List(FactKeys.MigrationTools));
        Assert.Equal(3, facts.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("src/storage/sqlite/migration.go", 5)], facts.EvidenceOf(FactKeys.MigrationTools, "go-migrations"));
    }
}
