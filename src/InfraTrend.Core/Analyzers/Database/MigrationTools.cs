using InfraTrend.Analyzers.Ci;
using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Database;

/// <summary>What a part's database facts say, and each migration tool's commands for the fixes.</summary>
internal static class MigrationTools
{
    /// <summary>Database analyzers judge only parts that use a database of their own.</summary>
    public static Finding? NotApplicable(AnalyzerContext context) =>
        context.Facts.List(FactKeys.MigrationTools).Count == 0 && Engines(context).Count == 0
            ? context.NotApplicable($"{context.PartName()} uses no database.")
            : null;

    /// <summary>Folders that hold an application's connectors to other systems: a data source a user points it at, not its store.</summary>
    private static readonly HashSet<string> ConnectorFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "integrations", "connectors", "datasources", "data-sources", "data_sources", "extensions",
    };

    /// <summary>
    /// The databases the part keeps its own data in: an engine seen only in connector code (GrowthBook's
    /// src/integrations/Mysql.ts, OpenRefine's extensions/database/pom.xml) reads other systems' databases, and is left out.
    /// </summary>
    public static IReadOnlyList<string> Engines(AnalyzerContext context) =>
        context.Facts.List(FactKeys.DatabaseEngines)
            .Where(engine => context.Facts.EvidenceOf(FactKeys.DatabaseEngines, engine) is not { Count: > 0 } evidence
                || !evidence.All(e => e.Path.Split('/')[..^1].Any(ConnectorFolders.Contains)))
            .ToList();

    /// <summary>Engines with no schema to migrate: document stores and embedded key-value stores.</summary>
    private static readonly HashSet<string> SchemalessEngines = new(StringComparer.OrdinalIgnoreCase) { "mongodb", "litedb", "dynamodb", "couchdb", "firestore", "redis", "ravendb", "cosmosdb", "boltdb", "bolt", "badger", "leveldb", "ueberdb" };

    /// <summary>Tools that create a schema at start-up without versioning it (Spring Boot's schema.sql, Hibernate's ddl-auto, EF Core's EnsureCreated).</summary>
    public static readonly HashSet<string> SchemaInitTools = new(StringComparer.Ordinal) { "spring-sql-init", "hibernate-ddl-auto", "ensure-created", "gorm-automigrate", "ent-automigrate", "xorm-sync", "prisma-db-push", SchemaScript, Facts.Code.DatabaseOperationsFacts.StartupDdlTool };

    /// <summary>A SQL script that creates the tables, run by hand (no tool applies it).</summary>
    public const string SchemaScript = "schema-script";

    /// <summary>Of those, the ones that also bring an existing database up to the code (add tables and columns) at each start.</summary>
    public static readonly HashSet<string> SchemaSyncTools = new(StringComparer.Ordinal) { "hibernate-ddl-auto", "gorm-automigrate", "ent-automigrate", "xorm-sync", "prisma-db-push" };

    /// <summary>Whether every database the part uses keeps no schema (MongoDB, LiteDB...): no migrations by nature.</summary>
    public static bool Schemaless(AnalyzerContext context)
    {
        var engines = Engines(context);
        return engines.Count > 0 && engines.All(SchemalessEngines.Contains);
    }

    /// <summary>
    /// The versioned migrations that cover the part: its own, or, when it has none, the repository's (a migrator
    /// project or a migrations folder outside every deployable part, shared by the services of a monorepo).
    /// </summary>
    public static (IReadOnlyList<string> Tools, long Count, bool Shared) Versioned(AnalyzerContext context)
    {
        var own = context.Facts.List(FactKeys.MigrationTools).Where(t => !SchemaInitTools.Contains(t)).ToList();
        var count = context.Facts.Number(FactKeys.MigrationCount);
        if (own.Count > 0 && count > 0)
            return (own, count, false);
        var shared = context.Repository.List(FactKeys.MigrationTools).Where(t => !SchemaInitTools.Contains(t)).ToList();
        var sharedCount = context.Repository.Number(FactKeys.MigrationCount);
        return shared.Count > 0 && sharedCount > 0 && !ReferenceEquals(context.Facts, context.Repository) ? (shared, sharedCount, true) : (own, count, false);
    }

    /// <summary>The part's migration tool, or the one to adopt for its stack.</summary>
    public static string? ToolOf(AnalyzerContext context) =>
        context.Facts.List(FactKeys.MigrationTools).FirstOrDefault(t => !SchemaInitTools.Contains(t))
        ?? context.Stack.Ecosystem switch
        {
            "node" => "prisma",
            "dotnet" => "ef-core",
            "python" => context.Facts.Has(FactKeys.Frameworks, "django") ? "django" : "alembic",
            "go" => "golang-migrate",
            "ruby" => context.Facts.Has(FactKeys.Frameworks, "rails") ? "rails" : null, // Sinatra and Roda apps use Sequel or standalone Active Record
            "java" => "flyway",
            _ => null,
        };

    /// <summary>Creates the first (or next) migration.</summary>
    public static string? Create(AnalyzerContext context, string tool) =>
        tool switch
        {
            "prisma" => PipelineCommands.Exec(context.Stack, "prisma migrate dev --name init"),
            "ef-core" => "dotnet tool install --global dotnet-ef && dotnet ef migrations add InitialCreate",
            "alembic" => $"{PipelineCommands.Exec(context.Stack, "alembic init migrations")} && {PipelineCommands.Exec(context.Stack, "alembic revision --autogenerate -m \"initial schema\"")}",
            "django" => PipelineCommands.Exec(context.Stack, "python manage.py makemigrations"),
            "rails" => "bin/rails generate migration CreateTables",
            "knex" => PipelineCommands.Exec(context.Stack, "knex migrate:make initial"),
            "typeorm" => PipelineCommands.Exec(context.Stack, "typeorm migration:generate -d src/data-source.ts migrations/Initial"),
            "sequelize" => PipelineCommands.Exec(context.Stack, "sequelize-cli migration:generate --name initial"),
            "drizzle" => PipelineCommands.Exec(context.Stack, "drizzle-kit generate"),
            "golang-migrate" => "migrate create -ext sql -dir migrations -seq initial",
            "goose" => "goose -dir migrations create initial sql",
            "atlas" => "atlas migrate diff initial --env local",
            "dbmate" => "dbmate new initial",
            "pop" => "soda generate fizz initial",
            "flyway" => "add src/main/resources/db/migration/V1__initial.sql (org.flywaydb:flyway-core runs it at start-up)",
            "liquibase" => "add db/changelog/db.changelog-master.yaml with the first changeSet",
            _ => null,
        };

    /// <summary>Applies pending migrations to the deployed database.</summary>
    public static string? Apply(AnalyzerContext context, string tool) =>
        tool switch
        {
            "prisma" => PipelineCommands.Exec(context.Stack, "prisma migrate deploy"),
            "ef-core" => "dotnet ef database update (or run a bundle from dotnet ef migrations bundle)",
            "alembic" => PipelineCommands.Exec(context.Stack, "alembic upgrade head"),
            "django" => PipelineCommands.Exec(context.Stack, "python manage.py migrate --noinput"),
            "rails" => "bin/rails db:migrate",
            "knex" => PipelineCommands.Exec(context.Stack, "knex migrate:latest"),
            "db-migrate" => PipelineCommands.Exec(context.Stack, "db-migrate up"),
            "typeorm" => PipelineCommands.Exec(context.Stack, "typeorm migration:run -d dist/data-source.js"),
            "sequelize" => PipelineCommands.Exec(context.Stack, "sequelize-cli db:migrate"),
            "drizzle" => PipelineCommands.Exec(context.Stack, "drizzle-kit migrate"),
            "golang-migrate" => "migrate -path migrations -database \"$DATABASE_URL\" up",
            "goose" => "goose -dir migrations up",
            "atlas" => "atlas migrate apply --url \"$DATABASE_URL\"",
            "dbmate" => "dbmate up",
            "pop" => "soda migrate up",
            "flyway" => "flyway migrate",
            "liquibase" => "liquibase update",
            _ => null,
        };

    /// <summary>Fails when the migrations and the schema in code disagree.</summary>
    public static string? Check(AnalyzerContext context, string tool) =>
        tool switch
        {
            "prisma" => PipelineCommands.Exec(context.Stack, "prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel prisma/schema.prisma --shadow-database-url \"$SHADOW_DATABASE_URL\" --exit-code"),
            "ef-core" => "dotnet ef migrations has-pending-model-changes",
            "alembic" => PipelineCommands.Exec(context.Stack, "alembic check"),
            "django" => PipelineCommands.Exec(context.Stack, "python manage.py makemigrations --check --dry-run"),
            "rails" => "bin/rails db:migrate and git diff --exit-code db/schema.rb",
            "drizzle" => PipelineCommands.Exec(context.Stack, "drizzle-kit check"),
            "atlas" => "atlas migrate lint --env ci",
            "golang-migrate" or "goose" or "dbmate" or "pop" or "flyway" or "liquibase" or "knex" or "db-migrate" or "sequelize" or "typeorm"
                => $"{Apply(context, tool)} against an empty database service in the pipeline",
            _ => null,
        };
}
