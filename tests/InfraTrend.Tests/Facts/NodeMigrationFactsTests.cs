using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.DotnetFixture;
using static InfraTrend.Tests.Facts.NodeFixture;

namespace InfraTrend.Tests.Facts;

public class NodeMigrationFactsTests
{
    private static TestRepository Service(string dependencies, string scripts = """ "start": "node dist/server.js" """)
    {
        var repo = TestRepository.Create();
        repo.Write("package.json", Manifest("api", """ "express": "4.21.2", """ + dependencies, scripts));
        return repo;
    }

    [Fact]
    public void Drizzle_counts_its_journaled_sql_files_and_a_migrate_call_at_start_up_applies_them()
    {
        using var repo = Service(""" "drizzle-orm": "0.44.0", "drizzle-kit": "0.31.0", "postgres": "3.4.0" """);
        repo.Write("drizzle/0000_init.sql", "CREATE TABLE users (id serial);\n")
            .Write("drizzle/0001_posts.sql", "CREATE TABLE posts (id serial);\n")
            .Write("drizzle/meta/_journal.json", """{ "entries": [{ "tag": "0000_init" }, { "tag": "0001_posts" }] }""")
            .Write("drizzle/meta/0000_snapshot.json", "{}")
            .Write("src/db/migrate.ts", """
                import { drizzle } from 'drizzle-orm/postgres-js';
                import { migrate } from 'drizzle-orm/postgres-js/migrator';

                export async function runMigrations(db: ReturnType<typeof drizzle>) {
                  await migrate(db, { migrationsFolder: './drizzle' });
                }
                """);
        repo.Commit();

        var facts = Extract(repo);

        var f = facts.Part(".");
        Assert.Equal(["drizzle"], f.List(FactKeys.MigrationTools));
        Assert.Equal(2, f.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("drizzle/0000_init.sql", 0), new Evidence("drizzle/0001_posts.sql", 0)], f.EvidenceOf(FactKeys.MigrationCount));
        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([new Evidence("src/db/migrate.ts", 5)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
    }

    [Fact]
    public void Typeorm_counts_migration_classes_and_migrations_run_at_start_up()
    {
        using var repo = Service(""" "typeorm": "0.3.25", "pg": "8.16.0" """);
        repo.Write("src/migrations/1700000000000-Init.ts", """
                import { MigrationInterface, QueryRunner } from 'typeorm';

                export class Init1700000000000 implements MigrationInterface {
                  public async up(queryRunner: QueryRunner): Promise<void> {
                    await queryRunner.query('CREATE TABLE "user" ("id" SERIAL)');
                  }
                }
                """)
            .Write("src/migrations/1700000000001-Orders.ts", "import { MigrationInterface, QueryRunner } from 'typeorm';\nexport class Orders1700000000001 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {}\n}\n")
            .Write("src/migrations/index.ts", "export * from './1700000000000-Init';\n")
            .Write("src/data-source.ts", """
                import { DataSource } from 'typeorm';

                export const dataSource = new DataSource({
                  type: 'postgres',
                  migrations: ['dist/migrations/*.js'],
                  migrationsRun: true,
                });
                """);
        repo.Commit();

        var facts = Extract(repo);

        Assert.Equal(["typeorm"], facts.Part(".").List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Part(".").Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("src/data-source.ts", 6)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
    }

    [Fact]
    public void Knex_and_sequelize_migrations_are_told_apart_by_what_they_call()
    {
        using var repo = Service(""" "knex": "3.1.0", "sequelize": "6.37.0", "pg": "8.16.0" """);
        repo.Write("db/migrations/20240101120000_create_users.js", "exports.up = (knex) => knex.schema.createTable('users', (t) => t.increments());\nexports.down = (knex) => knex.schema.dropTable('users');\n")
            .Write("db/migrations/20240102120000_create_posts.js", "exports.up = (knex) => knex.schema.createTable('posts', (t) => t.increments());\n")
            .Write("server/migrations/20160619080644-initial.js", "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n    await queryInterface.createTable('users', {});\n  },\n};\n")
            .Write("server/migrations/20230815063834-migrate-emoji.js", "module.exports = {\n  async up() {\n    execSync('node build/server/scripts/migrate-emoji.js');\n  },\n};\n")
            .Write("server/migrations/20240930113921-hash-api-keys.js", "module.exports = {\n  up: async (queryInterface) => queryInterface.addColumn('apiKeys', 'hash', {}),\n};\n")
            .Write("src/server.js", "const knex = require('knex')(config);\nknex.migrate.latest().then(() => app.listen(3000));\n");
        repo.Commit();

        var facts = Extract(repo);

        var f = facts.Part(".");
        Assert.Equal(["knex", "sequelize"], f.List(FactKeys.MigrationTools));
        Assert.Equal([new Evidence("db/migrations/20240101120000_create_users.js", 0)], f.EvidenceOf(FactKeys.MigrationTools, "knex"));
        Assert.Equal([new Evidence("server/migrations/20160619080644-initial.js", 0)], f.EvidenceOf(FactKeys.MigrationTools, "sequelize"));
        // Sequelize's data migration calls no queryInterface but is one of the folder's migrations.
        Assert.Equal(5, f.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("src/server.js", 2)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
    }

    [Fact]
    public void A_migration_script_counts_as_applied_at_start_only_when_the_application_starts_it()
    {
        using var repo = Service(""" "sequelize": "6.37.0", "umzug": "3.8.0" """);
        repo.Write("server/migrations/20160619080644-initial.js", "module.exports = { up: async (queryInterface) => queryInterface.createTable('users', {}) };\n")
            .Write("server/scripts/checkMigrations.ts", "import { migrations } from '../storage/database';\n\nexport async function run() {\n  await migrations.up();\n}\n")
            .Write("server/scripts/manualMigrate.ts", "import { migrations } from '../storage/database';\nmigrations.up();\n")
            .Write("server/utils/startup.ts", "import { fork } from 'child_process';\nimport path from 'path';\n\nexport const check = () => fork(path.join(__dirname, '..', 'scripts', 'checkMigrations.js'));\n");
        repo.Commit();

        var facts = Extract(repo);

        Assert.Equal([new Evidence("server/scripts/checkMigrations.ts", 4)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
    }

    [Fact]
    public void A_browser_apps_own_run_migrations_of_its_local_storage_is_not_a_database_migration()
    {
        using var repo = TestRepository.Create();
        repo.Write("package.json", Manifest("web", """ "vue": "3.5.0" """, """ "dev": "vite" """))
            .Write("src/services/persistence.ts", "export class Persistence {\n  async setup() {\n    await this.runMigrations();\n  }\n}\n");
        repo.Commit();

        Assert.Empty(Extract(repo).Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void Prisma_counts_migration_folders_and_a_pushed_schema_without_migrations_still_names_prisma()
    {
        using var withMigrations = Service(""" "@prisma/client": "6.14.0" """, """ "start": "prisma migrate deploy && node dist/server.js" """);
        withMigrations.Write("prisma/schema.prisma", "datasource db {\n  provider = \"mysql\"\n  url = env(\"DATABASE_URL\")\n}\n")
            .Write("prisma/migrations/01_init/migration.sql", "CREATE TABLE a (id int);\n")
            .Write("prisma/migrations/02_add_b/migration.sql", "CREATE TABLE b (id int);\n")
            .Write("prisma/migrations/README.md", "notes\n");
        withMigrations.Commit();
        using var pushed = Service(""" "@prisma/client": "6.14.0" """);
        pushed.Write("prisma/schema.prisma", "datasource db {\n  provider = \"sqlite\"\n  url = \"file:./dev.db\"\n}\n");
        pushed.Commit();

        var facts = Extract(withMigrations);
        var schemaOnly = Extract(pushed).Part(".");

        Assert.Equal(2, facts.Part(".").Number(FactKeys.MigrationCount));
        Assert.Equal(["mysql"], facts.Part(".").List(FactKeys.DatabaseEngines));
        Assert.Equal([new Evidence("prisma/schema.prisma", 2)], facts.Part(".").EvidenceOf(FactKeys.DatabaseEngines, "mysql"));
        Assert.Equal([new Evidence("package.json", 5)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
        Assert.Equal(["prisma"], schemaOnly.List(FactKeys.MigrationTools));
        Assert.Equal([new Evidence("prisma/schema.prisma", 1)], schemaOnly.EvidenceOf(FactKeys.MigrationTools, "prisma"));
        Assert.Equal(0, schemaOnly.Number(FactKeys.MigrationCount));
        Assert.Equal(["sqlite"], schemaOnly.List(FactKeys.DatabaseEngines));
    }

    [Fact]
    public void A_driver_that_an_imported_orm_loads_by_its_dialect_is_the_parts_engine_but_not_without_the_import()
    {
        using var repo = Service(""" "pg": "8.11.1", "pg-hstore": "2.3.4", "sequelize": "6.32.1" """);
        repo.Write("app/config/db.config.js", "module.exports = { HOST: 'localhost', DB: 'testdb', dialect: 'postgres' };\n")
            .Write("app/models/index.js", """
                const dbConfig = require("../config/db.config.js");
                const Sequelize = require("sequelize");
                const sequelize = new Sequelize(dbConfig.DB, dbConfig.USER, dbConfig.PASSWORD, { host: dbConfig.HOST, dialect: dbConfig.dialect });
                module.exports = { sequelize, tutorials: require("./tutorial.model.js")(sequelize, Sequelize) };
                """)
            .Write("server.js", "const express = require('express');\nconst db = require('./app/models');\ndb.sequelize.sync();\nexpress().listen(8080);\n");
        repo.Commit();

        var part = Extract(repo).Part(".");
        Assert.Equal(["postgres"], part.List(FactKeys.DatabaseEngines));
        Assert.Equal([new Evidence("package.json", 6)], part.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));

        // Declared, never imported: the ORM (and so its driver) is not wired into the application.
        using var unused = Service(""" "pg": "8.11.1", "sequelize": "6.32.1" """);
        unused.Write("server.js", "const express = require('express');\nexpress().listen(8080);\n");
        unused.Commit();
        Assert.Empty(Extract(unused).Part(".").List(FactKeys.DatabaseEngines));
    }

    [Fact]
    public void The_drivers_an_orm_loads_and_the_engines_an_import_names_come_from_one_list()
    {
        // A TypeORM service on SQL Server: TypeORM loads mssql itself, so no file imports it.
        using var orm = Service(""" "mssql": "10.0.2", "typeorm": "0.3.20" """);
        orm.Write("src/data-source.ts", "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: 'mssql', host: process.env.DB_HOST });\n")
            .Write("server.js", "const { db } = require('./src/data-source');\ndb.initialize();\nrequire('express')().listen(8080);\n");
        orm.Commit();
        // A script that opens its MariaDB pool itself.
        using var direct = Service(""" "mariadb": "3.3.0" """);
        direct.Write("server.js", "const mariadb = require('mariadb');\nconst pool = mariadb.createPool({ host: process.env.DB_HOST });\nrequire('express')().listen(8080);\n");
        direct.Commit();

        Assert.Equal(["sqlserver"], Extract(orm).Part(".").List(FactKeys.DatabaseEngines));
        Assert.Equal(["mysql"], Extract(direct).Part(".").List(FactKeys.DatabaseEngines));
    }
}
