using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Database;

[Analyzer(
    "database.migration-check",
    Category = Category.Database,
    Level = 4,
    Weight = 0.5,
    WeightReason = "A migration check in CI catches a model change without its migration before it reaches the database; a refinement on top of versioned migrations.",
    Severity = Severity.Medium,
    Title = "Migrations checked in CI",
    LooksFor = "A pipeline step that checks the migrations against the schema in code (prisma migrate diff --exit-code, dotnet ef migrations has-pending-model-changes, makemigrations --check, alembic check), or tests of the migrations that the pipeline runs; a migration linter (strong_migrations, django-migration-linter) earns half.",
    WhyItMatters = "A model changed without its migration passes review and breaks the first deployment that needs it.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class MigrationCheckAnalyzer : IAnalyzer
{
    private const string RemediationText = "Check in the pipeline that the committed migrations produce the schema the code expects.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (MigrationTools.NotApplicable(context) is { } notApplicable)
            return [notApplicable];
        if (MigrationTools.Schemaless(context) && context.Facts.List(FactKeys.MigrationTools).Count == 0)
            return [context.NotApplicable($"{context.PartName()} uses a database with no schema to check migrations against.")];
        if (context.Repository.Bool(FactKeys.ChecksMigrations))
            return [context.Pass("A pipeline checks the migrations against the schema.", context.EvidenceOf(FactKeys.ChecksMigrations))];

        var tool = MigrationTools.ToolOf(context);
        var check = tool is null ? null : MigrationTools.Check(context, tool);
        // Tests and linters guard versioned migrations; a schema script has none to guard.
        var guards = MigrationTools.Versioned(context).Count > 0 ? context.Facts.List(FactKeys.MigrationGuards) : [];
        if (guards.Contains("tests") && context.Repository.Bool(FactKeys.RunsTests))
            return [context.Pass("The pipeline runs tests that apply the migrations.", context.Facts.EvidenceOf(FactKeys.MigrationGuards, "tests"))];
        if (guards.Contains("linter"))
            return [context.Partial(0.5, "A migration linter guards each migration as it runs, but no pipeline checks the migrations against the schema.", check is null ? RemediationText : $"Add a pipeline step: {check}.", context.Facts.EvidenceOf(FactKeys.MigrationGuards, "linter"))];
        return [context.Fail("No pipeline checks that the migrations match the schema in code.", check is null ? RemediationText : $"Add a pipeline step: {check}.")];
    }
}
