using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Database;

[Analyzer(
    "database.migrations",
    Category = Category.Database,
    Level = 3,
    Weight = 3,
    WeightReason = "Versioned migrations are what make a schema change reviewable, repeatable and the same in every environment; everything else in database operations builds on them.",
    Severity = Severity.High,
    Title = "Versioned migrations",
    LooksFor = "A migration tool (Prisma, EF Core, Alembic, Django, Rails, Flyway, Liquibase, Knex, TypeORM, Sequelize, Drizzle, golang-migrate, goose, Atlas, dbmate) with migrations committed.",
    WhyItMatters = "A schema changed by hand differs between environments and cannot be rebuilt, reviewed or rolled back.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class MigrationsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Manage the schema with a migration tool and commit every migration.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (MigrationTools.NotApplicable(context) is { } notApplicable)
            return [notApplicable];

        var tools = context.Facts.List(FactKeys.MigrationTools);
        var count = context.Facts.Number(FactKeys.MigrationCount);
        if (tools.Count > 0 && count > 0)
            return [context.Pass($"{count} migration{(count == 1 ? "" : "s")} committed, managed with {string.Join(", ", tools)}.", context.EvidenceOf(FactKeys.MigrationTools, FactKeys.MigrationCount))];

        var tool = MigrationTools.ToolOf(context);
        var create = tool is null ? null : MigrationTools.Create(context, tool);
        if (tools.Count > 0)
            return [context.Fail($"{string.Join(", ", tools)} is set up but no migrations are committed: the schema is changed some other way.", create is null ? RemediationText : $"Create and commit the first migration: {create}.", context.EvidenceOf(FactKeys.MigrationTools))];

        var engines = context.Facts.List(FactKeys.DatabaseEngines);
        var fix = create is null ? RemediationText : $"Adopt {tool} and commit the first migration: {create}.";
        return [context.Fail($"The application uses {string.Join(", ", engines)} without a migration tool: the schema is changed by hand.", fix, context.EvidenceOf(FactKeys.DatabaseEngines))];
    }
}
