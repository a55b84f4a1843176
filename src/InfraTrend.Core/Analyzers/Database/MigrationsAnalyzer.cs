using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Database;

[Analyzer(
    "database.migrations",
    Category = Category.Database,
    Level = 3,
    Weight = 3,
    WeightReason = "Versioned migrations are what make a schema change reviewable, repeatable and the same in every environment; everything else in database operations builds on them.",
    Severity = Severity.High,
    Title = "Versioned migrations",
    LooksFor = "A migration tool (Prisma, EF Core, EF6, Alembic, Django, peewee-migrate, Rails, Flyway, Liquibase, Knex, db-migrate, TypeORM, Sequelize, Drizzle, golang-migrate, goose, Atlas, dbmate, pop, DbUp, FluentMigrator, xormigrate, gormigrate) or the project's own versioned migrator (numbered SQL scripts, in a migrations folder or an update or upgrade folder, migrations as code in a list, upgrade scripts named by version) with migrations committed (a baseline of fewer than five, 0.75); a committed SQL script that creates the tables, run by hand, half; a schema synchronised with the code at every start (Hibernate ddl-auto update, GORM or ent AutoMigrate, prisma db push) 0.6; a schema.sql run at start-up, or tables the application creates itself as it runs (CREATE TABLE IF NOT EXISTS in its code), 0.4; a document or key-value store, which has no schema to migrate, half.",
    WhyItMatters = "A schema changed by hand differs between environments and cannot be rebuilt, reviewed or rolled back.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class MigrationsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Manage the schema with a migration tool and commit every migration.";

    /// <summary>A schema.sql run at start-up builds a fresh database the same way every time, but never changes an existing one.</summary>
    internal const double SchemaInitScore = 0.4;

    /// <summary>
    /// A schema the ORM synchronises with the code at every start (gorm's or ent's AutoMigrate, Hibernate's ddl-auto update,
    /// prisma db push on start): new tables and columns reach every database alike, unversioned and with no way back. The
    /// auditors scored such applications 40 to 58 (gotify, cloudreve, photoview, postiz, statping-ng), about ten points
    /// above what 0.4, the score of a schema.sql that only creates a fresh database, gave them.
    /// </summary>
    internal const double SchemaSyncScore = 0.6;

    /// <summary>A schema script run by hand rebuilds a fresh database only when someone remembers to run it.</summary>
    internal const double SchemaScriptScore = 0.5;

    /// <summary>Fewer migrations than this (a single baseline script, two or three early steps): a tool set up, with hardly any history of changes yet.</summary>
    internal const int BaselineMigrations = 5;

    /// <summary>
    /// Fewer than <see cref="BaselineMigrations"/> migrations: the tool is set up and the first schema versioned, but no
    /// schema change has been carried through it yet. The later calibration auditors scored such applications (a single
    /// initial migration in a getting-started app, two or three in a tutorial or an early product) 25 to 50, well under the
    /// ones that evolve their schema through the same tool; with full credit the tool put them 15 to 28 points above.
    /// </summary>
    internal const double BaselineScore = 0.75;

    /// <summary>A document store has no schema to migrate; the data changes between versions still go unversioned.</summary>
    private const double SchemalessScore = 0.5;

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (MigrationTools.NotApplicable(context) is { } notApplicable)
            return [notApplicable];

        var (versioned, count, shared) = MigrationTools.Versioned(context);
        if (versioned.Count > 0 && count > 0)
        {
            var message = shared
                ? $"{count} migration{(count == 1 ? "" : "s")} committed in the repository, managed with {string.Join(", ", versioned)}, outside this part: the schema it uses is migrated there"
                : $"{count} migration{(count == 1 ? "" : "s")} committed, managed with {string.Join(", ", versioned)}";
            IEnumerable<Evidence> evidence = shared ? context.Repository.EvidenceOf(FactKeys.MigrationTools) : context.EvidenceOf(FactKeys.MigrationTools, FactKeys.MigrationCount);
            return count < BaselineMigrations
                ? [context.Partial(BaselineScore, $"{message}; a baseline: no schema change has gone through them yet.", "Make every schema change a new migration.", evidence)]
                : [context.Pass($"{message}.", evidence)];
        }

        var tools = context.Facts.List(FactKeys.MigrationTools);
        var tool = MigrationTools.ToolOf(context);
        var create = tool is null ? null : MigrationTools.Create(context, tool);
        if (tools.Count > 0 && tools.All(t => t == MigrationTools.SchemaScript))
            return [context.Partial(SchemaScriptScore, "A committed SQL script creates the tables, run by hand: a fresh database can be rebuilt, but changes to an existing one are not versioned.", create is null ? RemediationText : $"Version the schema: {create}.", context.EvidenceOf(FactKeys.MigrationTools))];
        if (tools.Count > 0 && tools.All(MigrationTools.SchemaInitTools.Contains) && tools.Any(MigrationTools.SchemaSyncTools.Contains))
            return [context.Partial(SchemaSyncScore, $"The schema is created at start-up and follows the code ({string.Join(", ", tools.Where(MigrationTools.SchemaSyncTools.Contains))}), not versioned: every database gets the same tables and columns, but no change can be reviewed as a step or rolled back.", create is null ? RemediationText : $"Version the schema: {create}.", context.EvidenceOf(FactKeys.MigrationTools))];
        if (tools.Count > 0 && tools.All(MigrationTools.SchemaInitTools.Contains))
            return [context.Partial(SchemaInitScore, $"The schema is created at start-up ({string.Join(", ", tools)}), not versioned: a change to an existing database is made by hand.", create is null ? RemediationText : $"Version the schema: {create}.", context.EvidenceOf(FactKeys.MigrationTools))];
        if (tools.Count == 0 && MigrationTools.Schemaless(context))
            return [context.Partial(SchemalessScore, $"The application uses {string.Join(", ", MigrationTools.Engines(context))}, which keeps no schema to migrate; data changes between versions have no versioned migrations.", "Version the data changes a release needs (a migrations collection with migrate-mongo or Mongock, or the application's own versioned steps run at start-up).", context.EvidenceOf(FactKeys.DatabaseEngines))];
        if (tools.Count > 0)
            return [context.Fail($"{string.Join(", ", tools)} is set up but no migrations are committed: the schema is changed some other way.", create is null ? RemediationText : $"Create and commit the first migration: {create}.", context.EvidenceOf(FactKeys.MigrationTools))];

        var engines = MigrationTools.Engines(context);
        var fix = create is null ? RemediationText : $"Adopt {tool} and commit the first migration: {create}.";
        return [context.Fail($"The application uses {string.Join(", ", engines)} without a migration tool: the schema is changed by hand.", fix, context.EvidenceOf(FactKeys.DatabaseEngines))];
    }
}
