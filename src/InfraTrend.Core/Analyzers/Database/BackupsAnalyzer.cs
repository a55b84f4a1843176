using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Database;

[Analyzer(
    "database.backups",
    Category = Category.Database,
    Level = 4,
    Weight = 1,
    WeightReason = "Backups are the only way back from lost or corrupted data; the repository can show a managed database or a written backup plan, not the backups themselves.",
    Severity = Severity.High,
    Title = "Database backups",
    LooksFor = "A managed database declared by the platform (with its managed backups), a backup script or job (pg_dump, mysqldump, mongodump, BACKUP DATABASE, sqlite .backup, restic...), a documented backup and restore procedure (a disaster recovery document, or a page giving the backup command and how to restore), or the application's own backup command or service (server code named for it); an operator page that explains backup and restore in words, half.",
    WhyItMatters = "Without backups one bad migration, deleted volume or compromised credential loses the data for good.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class BackupsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Use a managed database with automated backups, or schedule backups yourself; either way document how to restore and test it.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (MigrationTools.NotApplicable(context) is { } notApplicable)
            return [notApplicable];

        var managed = context.Repository.List(FactKeys.ManagedDatabase);
        if (managed.Count > 0)
            return [context.Pass($"The database is managed by the platform ({string.Join(", ", managed)}), with its backups (declared, not observed).", context.EvidenceOf(FactKeys.ManagedDatabase))];
        var backups = context.Repository.List(FactKeys.Backups);
        if (backups.Contains("scheduled"))
            return [context.Pass("A backup job runs on a schedule (committed, not observed).", context.Repository.EvidenceOf(FactKeys.Backups, "scheduled"))];
        if (context.Repository.Bool(FactKeys.DisasterRecovery))
            return [context.Pass("A disaster recovery document describes backups and restores (written down, not observed).", context.EvidenceOf(FactKeys.DisasterRecovery))];
        if (backups.Contains("docs"))
            return [context.Pass("A documented procedure gives the backup command and how to restore (written down, not observed).", context.Repository.EvidenceOf(FactKeys.Backups, "docs"))];
        if (backups.Contains("built-in"))
            return [context.Pass("The application backs its data up itself: it has its own backup command or service (in code, not observed).", context.Repository.EvidenceOf(FactKeys.Backups, "built-in"))];
        if (backups.Contains("script"))
            return [context.Partial(0.75, "A backup script is committed, but nothing shows it runs on a schedule or how to restore.", "Run the backup script on a schedule (a cron job or CronJob) and document the restore steps.", context.Repository.EvidenceOf(FactKeys.Backups, "script"))];
        if (backups.Contains("docs-prose"))
            return [context.Partial(0.5, "An operator page explains how to back the data up and restore it, in words: no backup command or job makes it repeatable.", "Give the exact backup and restore commands in the page, or schedule the backup.", context.Repository.EvidenceOf(FactKeys.Backups, "docs-prose"))];

        return [context.Fail("No backup is declared or documented: no managed database in the descriptors, no backup script or job, and no documented backup and restore procedure.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var engines = context.Facts.List(FactKeys.DatabaseEngines);
        bool Uses(string name) => engines.Any(e => e.Contains(name, StringComparison.OrdinalIgnoreCase));

        var dump = Uses("postgres") ? "a scheduled pg_dump --format=custom to object storage"
            : Uses("mysql") || Uses("mariadb") ? "a scheduled mysqldump --single-transaction to object storage"
            : Uses("mongo") ? "a scheduled mongodump --archive --gzip to object storage"
            : Uses("sqlite") ? "continuous replication with Litestream to object storage"
            : Uses("sqlserver") || Uses("mssql") ? "scheduled BACKUP DATABASE jobs to storage outside the server"
            : "scheduled dumps to storage outside the database server";
        var platforms = context.Repository.List(FactKeys.Platforms);
        var managed = platforms.Contains("render") ? "declare the database under databases: in render.yaml (Render backs it up)"
            : "use a managed database with automated backups";
        return $"Either {managed}, or set up {dump}; then write the restore steps in docs/disaster-recovery.md and test them.";
    }
}
