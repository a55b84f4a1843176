using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Database;

[Analyzer(
    "database.migrations-applied",
    Category = Category.Database,
    Level = 3,
    Weight = 1,
    WeightReason = "Migrations applied by hand are forgotten or run against the wrong database; applying them in the release is what makes them reliable. It weighs a third of the migrations themselves: auditors scored a versioned history applied by hand, or by a deploy kept outside the repository, about 15 points below one applied on release, not twice that.",
    Severity = Severity.High,
    Title = "Migrations applied automatically",
    LooksFor = "A start command, entrypoint, release or upgrade script, Kubernetes Job or pipeline that applies the migrations (prisma migrate deploy, dotnet ef database update, alembic upgrade head, manage.py migrate, rails db:migrate...), or application code that applies them as it starts (Database.Migrate(), Flyway, Liquibase, a Go server's Migrate call, Flask-Migrate's upgrade() in the app factory, a runner of the migrations folder), or the product's own upgrade command run before it starts (compose command, systemd ExecStartPre); the apply command given in an upgrade or installation page of the documentation earns half, and so do a schema.sql run at start-up, tables the application creates itself as it runs (CREATE TABLE IF NOT EXISTS in its code), and a baseline of fewer than five migrations applied automatically.",
    WhyItMatters = "A release whose code expects a column the database does not have yet fails on its first request.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class MigrationsAppliedAnalyzer : IAnalyzer
{
    /// <summary>Applying a baseline of a few migrations automatically: the mechanism is there, the history it carries is not.</summary>
    internal const double BaselineScore = 0.5;

    /// <summary>A documented manual apply command (an upgrade or installation page): a procedure, not automation.</summary>
    internal const double DocumentedScore = 0.5;

    private const string RemediationText = "Apply pending migrations automatically on release: in a pre-deploy or release step, or before the application starts.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (MigrationTools.NotApplicable(context) is { } notApplicable)
            return [notApplicable];
        var (versioned, count, _) = MigrationTools.Versioned(context);
        if (versioned.Count == 0 || count == 0)
        {
            var tools = context.Facts.List(FactKeys.MigrationTools);
            // Hibernate's ddl-auto update and gorm's AutoMigrate add tables and columns to an existing database too.
            if (tools.Count > 0 && tools.All(MigrationTools.SchemaInitTools.Contains) && tools.Any(MigrationTools.SchemaSyncTools.Contains))
                return [context.Pass($"The schema follows the code at start-up ({string.Join(", ", tools.Where(MigrationTools.SchemaSyncTools.Contains))}): new tables and columns reach every database on release, unversioned.", context.EvidenceOf(FactKeys.MigrationTools))];
            if (tools.Count > 0 && tools.All(t => t == MigrationTools.SchemaScript))
                return [context.Fail("The schema script is run by hand: nothing applies schema changes on release.", RemediationText, context.EvidenceOf(FactKeys.MigrationTools))];
            if (tools.Count > 0 && tools.All(MigrationTools.SchemaInitTools.Contains))
                return [context.Partial(0.5, "The schema script runs at start-up, but it only creates a fresh database: changes to an existing one are applied by hand.", RemediationText, context.EvidenceOf(FactKeys.MigrationTools))];
            return [context.NotApplicable($"{context.PartName()} has no migrations to apply.")];
        }

        var where = context.Repository.List(FactKeys.MigrationsAppliedAt).ToList();
        if (context.Repository.Bool(FactKeys.RunsMigrations) && !where.Contains("pipeline"))
            where.Add("pipeline");
        // A written procedure that gives the apply command: applied by hand, but the same way each release.
        var documented = where.Remove("docs");
        if (where.Count == 0 && documented)
            return [context.Partial(DocumentedScore, "The documentation gives the command that applies the migrations: an operator runs it by hand on each upgrade, nothing applies it automatically.", ApplyFix(context), context.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "docs"))];
        // A baseline of a few migrations applied by itself shows the mechanism, not yet a release path that schema changes have gone through.
        if (where.Count > 0 && count < MigrationsAnalyzer.BaselineMigrations)
            return [context.Partial(BaselineScore, $"Migrations are applied automatically ({string.Join(", ", where.Select(Describe))}), but only {count} migration{(count == 1 ? " is" : "s are")} committed: a baseline, not yet schema changes carried through releases.", "Keep applying every new migration the same way as the schema changes.", context.EvidenceOf(FactKeys.MigrationsAppliedAt, FactKeys.RunsMigrations))];
        if (where.Count > 0)
            return [context.Pass($"Migrations are applied automatically ({string.Join(", ", where.Select(Describe))}).", context.EvidenceOf(FactKeys.MigrationsAppliedAt, FactKeys.RunsMigrations))];

        return [context.Fail("Nothing applies the migrations on release: they are run by hand, or not at all.", ApplyFix(context))];
    }

    /// <summary>The fix naming the part's migration tool's apply command, or the general remediation where none is known.</summary>
    private static string ApplyFix(AnalyzerContext context) =>
        MigrationTools.ToolOf(context) is { } tool && MigrationTools.Apply(context, tool) is { } apply ? Fix(context, apply) : RemediationText;

    private static string Describe(string place) =>
        place switch
        {
            "start" => "when the application starts",
            "release" => "in a release step",
            "pipeline" => "by a pipeline",
            "build" => "during the build",
            "upgrade" => "by the upgrade script",
            "docs" => "by the documented upgrade procedure",
            _ => place,
        };

    private static string Fix(AnalyzerContext context, string apply)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        return platforms.Contains("render") ? $"Run {apply} as the preDeployCommand of the service in render.yaml."
            : platforms.Contains("fly") ? $"Run {apply} as release_command under [deploy] in fly.toml."
            : platforms.Contains("heroku-procfile") ? $"Add release: {apply} to the Procfile."
            : platforms.Contains("kubernetes") || platforms.Contains("helm") ? $"Run {apply} in a Job (a Helm pre-upgrade hook) before the new pods roll out."
            : $"Run {apply} in the deploy job of the pipeline, before the new version starts.";
    }
}
