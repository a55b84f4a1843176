using System.Text.RegularExpressions;
using InfraTrend.Facts.Go;

namespace InfraTrend.Facts.Java;

/// <summary>
/// Flyway and Liquibase on the JVM. Flyway counts versioned migrations (`V1__init.sql`, `V2_1__add.sql`, and Java
/// migrations named the same way); Liquibase counts the changesets of its changelogs (XML, YAML, JSON, formatted SQL).
/// Spring Boot runs either at start-up when it is on the runtime classpath, unless spring.flyway.enabled or
/// spring.liquibase.enabled is false. Spring Boot 4 split its auto-configuration into modules: spring-boot-flyway and
/// spring-boot-liquibase are what its starters bring, and a build may name the module alone.
/// </summary>
// After GoMigrationFacts, which reads database.migrationTools without what this source adds.
[FactSource(After = [typeof(GoMigrationFacts)])]
public sealed partial class JvmMigrationFacts : IFactSource
{
    [GeneratedRegex(@"(?:^|/)V\d+(?:[._]\d+)*__[^/]+\.(?:sql|java|kt)$")]
    private static partial Regex FlywayMigration();

    [GeneratedRegex(@"<changeSet\b|^\s*-\s*changeSet\s*:|""changeSet""\s*:|^--\s*changeset\s+\S", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ChangeSet();

    [GeneratedRegex(@"databaseChangeLog|^--\s*liquibase\s+formatted\s+sql", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ChangeLog();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex XmlComment();

    private static readonly string[] FlywayArtifacts = ["org.flywaydb:flyway-core", "org.flywaydb:flyway-database-*", "org.flywaydb:flyway-mysql", "org.flywaydb:flyway-sqlserver", "org.springframework.boot:spring-boot-starter-flyway", "org.springframework.boot:spring-boot-flyway", MicronautFlyway, QuarkusFlyway];
    private static readonly string[] LiquibaseArtifacts = ["org.liquibase:liquibase-core", DropwizardMigrations, "org.springframework.boot:spring-boot-starter-liquibase", "org.springframework.boot:spring-boot-liquibase", MicronautLiquibase, QuarkusLiquibase];

    // Dropwizard's migrations bundle is Liquibase with a `db migrate` command (changelog src/main/resources/migrations.xml).
    // Services that moved off a relational store keep the bundle on the classpath with no changelog (Signal-Server's
    // DynamoDB), so the bundle alone sets nothing up.
    private const string DropwizardMigrations = "io.dropwizard:dropwizard-migrations";

    private const string MicronautFlyway = "io.micronaut.flyway:micronaut-flyway";
    private const string QuarkusFlyway = "io.quarkus:quarkus-flyway";
    private const string MicronautLiquibase = "io.micronaut.liquibase:micronaut-liquibase";
    private const string QuarkusLiquibase = "io.quarkus:quarkus-liquibase";

    /// <summary>
    /// Micronaut and Quarkus run Flyway or Liquibase as the application starts when their settings turn it on:
    /// Micronaut for each datasource with `flyway.datasources.&lt;name&gt;.enabled: true` (kestra's application.yml),
    /// Quarkus with `quarkus.flyway.migrate-at-start=true`.
    /// </summary>
    private static Evidence? FrameworkApplies(JvmUnit unit, string tool, string micronaut, string quarkus)
    {
        if (unit.Runtime([micronaut]) is { } m && SpringSettings.Under(unit.Settings, $"{tool}.datasources").Any(s => s.Key.EndsWith(".enabled", StringComparison.Ordinal) && s.Value.Trim() == "true"))
            return m.Evidence;
        if (unit.Runtime([quarkus]) is { } q && SpringSettings.Get(unit.Settings, $"quarkus.{tool}.migrate-at-start")?.Value.Trim() == "true")
            return q.Evidence;
        return null;
    }

    public void Collect(FactContext context)
    {
        foreach (var unit in JvmUnits.Of(context))
        {
            var flyway = unit.Runtime(FlywayArtifacts);
            var flywayPlugin = unit.Modules.SelectMany(m => m.Plugins).FirstOrDefault(p => p.Id is "org.flywaydb.flyway" or "org.flywaydb:flyway-maven-plugin");
            if (flyway is not null || flywayPlugin is not null)
            {
                var migrations = Files(context, unit).Where(f => FlywayMigration().IsMatch(f)).Order(StringComparer.Ordinal).ToList();
                Record(context, unit, "flyway", migrations.Select(p => (p, 1)).ToList(), flyway?.Evidence ?? flywayPlugin!.Evidence);
                if (flyway is not null && unit.UsesSpringBoot && SpringSettings.Get(unit.Settings, "spring.flyway.enabled")?.Value.Trim() != "false")
                    context.Add(FactKeys.MigrationsAppliedAt, "start", flyway.Evidence);
                else if (flyway is not null && FrameworkApplies(unit, "flyway", MicronautFlyway, QuarkusFlyway) is { } framework)
                    context.Add(FactKeys.MigrationsAppliedAt, "start", framework);
                else if (flyway is not null && AppliedInCode(context, unit, FlywayRun()) is { } applied)
                    context.Add(FactKeys.MigrationsAppliedAt, "start", applied);
            }

            Liquibase(context, unit);

            SqlInit(context, unit);
        }
    }

    private static void Liquibase(FactContext context, JvmUnit unit)
    {
        if (unit.Runtime(LiquibaseArtifacts) is not { } liquibase)
            return;
        var changelogs = new List<(string Path, int ChangeSets)>();
        foreach (var path in Files(context, unit).Where(IsChangelogCandidate).Order(StringComparer.Ordinal))
        {
            if (context.Snapshot.ReadText(path) is not { } text || !ChangeLog().IsMatch(text))
                continue;
            var code = path.EndsWith(".xml", StringComparison.Ordinal) ? XmlComment().Replace(text, "") : text;
            var count = ChangeSet().Matches(code).Count;
            if (count > 0)
                changelogs.Add((path, count));
        }
        if (changelogs.Count == 0 && liquibase.Matches(DropwizardMigrations))
            return;
        Record(context, unit, "liquibase", changelogs, liquibase.Evidence);
        if (unit.UsesSpringBoot && SpringSettings.Get(unit.Settings, "spring.liquibase.enabled")?.Value.Trim() != "false")
            context.Add(FactKeys.MigrationsAppliedAt, "start", liquibase.Evidence);
        else if (FrameworkApplies(unit, "liquibase", MicronautLiquibase, QuarkusLiquibase) is { } framework)
            context.Add(FactKeys.MigrationsAppliedAt, "start", framework);
        else if (AppliedInCode(context, unit, LiquibaseRun()) is { } applied)
            context.Add(FactKeys.MigrationsAppliedAt, "start", applied);
    }

    /// <summary>
    /// Spring Boot's SQL initialization: schema*.sql run at start-up (spring.sql.init), a schema created but never
    /// versioned; and data*.sql beside it, its seed data. Recorded as the tool spring-sql-init, with no migrations.
    /// </summary>
    private static void SqlInit(FactContext context, JvmUnit unit)
    {
        if (!unit.UsesSpringBoot)
            return;
        // Hibernate creating or updating the tables from the entities at start-up: a schema, never versioned.
        if (SpringSettings.Get(unit.Settings, "spring.jpa.hibernate.ddl-auto") is { } ddl && ddl.Value.Trim() is "update" or "create" or "create-drop")
            unit.Add(context, FactKeys.MigrationTools, "hibernate-ddl-auto", ddl.Evidence);
        if (SpringSettings.Get(unit.Settings, "spring.sql.init.mode")?.Value.Trim() == "never")
            return;
        var resources = Files(context, unit).Where(p => p.Contains("/resources/", StringComparison.Ordinal) && !p.Contains("/src/test/", StringComparison.Ordinal) && p.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var configured = unit.Settings.Any(s => s.Key.StartsWith("spring.sql.init.", StringComparison.Ordinal));
        // At the resources root Spring Boot runs it by itself; in a folder per engine (db/mysql/schema.sql) a setting
        // names it, and that setting may live in a config server outside the repository.
        var schema = resources.FirstOrDefault(p => SqlInitFile().Match(Path.GetFileName(p)) is { Success: true, Groups: var g } && g[1].Value == "schema"
            && (configured || p.EndsWith("/resources/" + Path.GetFileName(p), StringComparison.Ordinal) || p.Contains("/resources/db/", StringComparison.Ordinal)));
        if (schema is null)
            return;
        unit.Add(context, FactKeys.MigrationTools, "spring-sql-init", new Evidence(schema, 0));
        var data = resources.FirstOrDefault(p => SqlInitFile().Match(Path.GetFileName(p)) is { Success: true, Groups: var g } && g[1].Value == "data");
        if (data is not null)
            unit.Flag(context, FactKeys.SeedScript, new Evidence(data, 0));
    }

    [GeneratedRegex(@"^(schema|data)(?:-[\w]+)?\.sql$")]
    private static partial Regex SqlInitFile();

    /// <summary>Records the tool and its count: each file and how many migrations it holds; the evidence is the first and the last file.</summary>
    private static void Record(FactContext context, JvmUnit unit, string tool, IReadOnlyList<(string Path, int Count)> files, Evidence dependency)
    {
        if (files.Count == 0)
        {
            unit.Add(context, FactKeys.MigrationTools, tool, dependency);
            return;
        }
        var first = new Evidence(files[0].Path, 0);
        unit.Add(context, FactKeys.MigrationTools, tool, first);
        unit.Count(context, FactKeys.MigrationCount, files.Sum(f => f.Count), first);
        if (files.Count > 1)
            unit.Count(context, FactKeys.MigrationCount, 0, new Evidence(files[^1].Path, 0));
    }

    /// <summary>`new Liquibase(changelog, accessor, database)`: the application drives Liquibase itself, to update its database.</summary>
    [GeneratedRegex(@"\bnew\s+(?:liquibase\.)?Liquibase\s*\(")]
    private static partial Regex LiquibaseRun();

    /// <summary>`Flyway.configure()...load().migrate()`: the application runs Flyway itself.</summary>
    [GeneratedRegex(@"\bFlyway\s*\.\s*configure\s*\([\s\S]{0,600}?\.\s*migrate\s*\(\s*\)")]
    private static partial Regex FlywayRun();

    /// <summary>
    /// Outside Spring Boot, the application's own main code that runs the migration tool (OpenMRS's DatabaseUpdater
    /// building a Liquibase over its changelogs as it starts): the migrations are applied by the application.
    /// </summary>
    private static Evidence? AppliedInCode(FactContext context, JvmUnit unit, Regex run)
    {
        foreach (var path in Files(context, unit).Where(p => p.EndsWith(".java", StringComparison.Ordinal) || p.EndsWith(".kt", StringComparison.Ordinal) || p.EndsWith(".scala", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(path) is not { } text || !text.Contains("iquibase", StringComparison.Ordinal) && !text.Contains("Flyway", StringComparison.Ordinal) || run.Match(text) is not { Success: true } m)
                continue;
            return new Evidence(path, new TextLines(text).LineOf(m.Index));
        }
        return null;
    }

    /// <summary>The unit's main source and resource files (not tests).</summary>
    private static IEnumerable<string> Files(FactContext context, JvmUnit unit)
    {
        var roots = unit.Modules.Select(m => PartDetector.Join(m.Folder, "src/main/")).ToList();
        return context.Snapshot.Files.Select(f => f.Path).Where(p => roots.Any(r => p.StartsWith(r, StringComparison.Ordinal)));
    }

    private static bool IsChangelogCandidate(string path) =>
        path.Contains("/resources/", StringComparison.Ordinal)
        && (path.EndsWith(".xml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".sql", StringComparison.Ordinal));
}
