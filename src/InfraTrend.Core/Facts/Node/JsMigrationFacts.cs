using System.Text.RegularExpressions;
using InfraTrend.Facts.Ci;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Node;

/// <summary>
/// JS/TS migrations, counted as each tool counts them: Prisma folders with a migration.sql, Drizzle's journaled SQL
/// files, TypeORM and MikroORM migration classes, Knex, Kysely, node-pg-migrate, db-migrate and Sequelize migration modules (told
/// apart by what they call). Prisma's
/// datasource names the engine. Where the application applies them: a migrate call at start-up
/// (`migrationsRun: true`, `knex.migrate.latest()`, drizzle's `migrate()`, umzug) or an entrypoint script. A
/// workspace library's migrations count for the parts that use it; migrations outside every part and library,
/// for the parts whose code imports the tool's client.
/// </summary>
// Releases the TypeScript and JavaScript sources (SourceFiles.Release) once NodeUsageFacts, their other reader, is
// done.
[FactSource(After = [typeof(NodeUsageFacts)])]
public sealed partial class JsMigrationFacts : IFactSource
{
    [GeneratedRegex(@"provider\s*=\s*""(postgresql|postgres|mysql|sqlite|sqlserver|mongodb|cockroachdb)""")]
    private static partial Regex PrismaProvider();

    [GeneratedRegex(@"^\d{4}_[^/]+\.sql$")]
    private static partial Regex DrizzleMigration();

    [GeneratedRegex(@"\bimplements\s+MigrationInterface\b|\bMigrationInterface\b[\s\S]*?\bqueryRunner\b")]
    private static partial Regex TypeOrmMigration();

    [GeneratedRegex(@"\bqueryInterface\b|\bQueryInterface\b")]
    private static partial Regex SequelizeMigration();

    [GeneratedRegex(@"\bknex\.schema\b|\bKnex\b|\bknex\.raw\b|\bknex\s*\)")]
    private static partial Regex KnexMigration();

    [GeneratedRegex(@"\bKysely\s*<|from\s+['""]kysely['""]|require\(\s*['""]kysely['""]\s*\)")]
    private static partial Regex KyselyMigration();

    [GeneratedRegex(@"\bpgm\.(createTable|addColumns?|sql|createIndex|alterTable|dropTable)\s*\(|from\s+['""]node-pg-migrate['""]")]
    private static partial Regex PgMigrateMigration();

    /// <summary>db-migrate's modules: `exports.up = function (db, callback) { db.runSql(...) }`.</summary>
    [GeneratedRegex(@"\bdb\.(?:runSql|createTable|addColumn|removeColumn|dropTable|addIndex|removeIndex|renameColumn|changeColumn)\s*\(")]
    private static partial Regex DbMigrateMigration();

    [GeneratedRegex(@"\bextends\s+Migration\b[\s\S]*?\bthis\.addSql\s*\(")]
    private static partial Regex MikroOrmMigration();

    [GeneratedRegex(@"\bexports\.up\b|\bexport\s+(async\s+)?function\s+up\b|\bup\s*[:=(]|\basync\s+up\s*\(")]
    private static partial Regex UpFunction();

    [GeneratedRegex(@"\bmigrationsRun\s*:\s*true\b|\.runMigrations\s*\(|\.migrate\.latest\s*\(|\bmigrate\s*\(\s*[\w.]+\s*,\s*\{\s*migrationsFolder\b|\b(?:umzug|migrator|migrations|dbm|dbmigrate|dbMigrate)\.up\s*\(|\bmigrateToLatest\s*\(|\bmigrate\.load\s*\(")]
    private static partial Regex MigrateAtStart();

    [GeneratedRegex(@"entrypoint|start|run|boot|init|release|deploy")]
    private static partial Regex StartScriptName();

    private static readonly Dictionary<string, string> ToolClients = new(StringComparer.Ordinal)
    {
        ["prisma"] = "@prisma/client",
        ["drizzle"] = "drizzle-orm",
        ["typeorm"] = "typeorm",
        ["knex"] = "knex",
        ["sequelize"] = "sequelize",
        ["kysely"] = "kysely",
        ["mikro-orm"] = "@mikro-orm/core",
        ["node-pg-migrate"] = "node-pg-migrate",
        ["db-migrate"] = "db-migrate",
    };

    public void Collect(FactContext context)
    {
        var workspace = NodeWorkspace.Of(context);
        var files = context.Snapshot.Files.Where(f => !NodeManifests.IsVendored(f.Path) && !SourceFiles.IsNotApplication(f.Path) && !PartDetector.IsTestOrExample(f.Directory)).ToList();
        DriversLoadedByOrm(context, workspace);
        Prisma(context, workspace, files);
        Drizzle(context, workspace, files);
        MigrationModules(context, workspace, files);
        VersionedList(context, workspace, files);
        AppliedAtStart(context);
        StartScripts(context);
        // The last reader of JS/TS sources (FactSources order): they need not stay in memory through the other stacks.
        SourceFiles.Release(context, "typescript", "javascript");
    }

    /// <summary>ORMs that load the driver the project declares, chosen by the dialect in their configuration.</summary>
    private static readonly string[] DialectOrms = ["sequelize", "typeorm", "knex", "@mikro-orm/core", "objection"];

    /// <summary>The drivers an ORM may load: the database-engine packages of the library catalogue, one list for both ways of finding an engine.</summary>
    private static readonly (string Package, string Engine)[] OrmDrivers =
        NodeLibraries.All.Where(l => l.FactKey == FactKeys.DatabaseEngines).SelectMany(l => l.Packages.Select(p => (p, l.Id))).ToArray();

    /// <summary>
    /// A driver declared beside an ORM that the code imports (bezkoder's tutorials: "pg" in package.json, Sequelize
    /// imported in app/models with `dialect: "postgres"`): the ORM requires the driver itself, so no import names it, but
    /// the engine is the application's database.
    /// </summary>
    private static void DriversLoadedByOrm(FactContext context, NodeWorkspace workspace)
    {
        foreach (var project in workspace.Projects)
        {
            if (project.Manifest is not { } manifest)
                continue;
            var importing = DialectOrms.Where(manifest.DependsAtRuntime).SelectMany(orm => workspace.TablesImporting(context, orm)).ToHashSet();
            var tables = workspace.TablesFor(context, manifest.Path).Where(t => importing.Contains(t) && t.List(FactKeys.DatabaseEngines).Count == 0).ToList();
            foreach (var (package, engine) in OrmDrivers.Where(d => manifest.DependsAtRuntime(d.Package)))
            {
                foreach (var table in tables)
                    table.Add(FactKeys.DatabaseEngines, engine, manifest.EvidenceFor(package));
            }
        }
    }

    private static void Prisma(FactContext context, NodeWorkspace workspace, List<SnapshotFile> files)
    {
        var pushed = new Lazy<Evidence?>(() => PushedAtStart(workspace));
        var byFolder = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var folders = files
            .Where(f => f.Name == "migration.sql" && Parent(f.Directory) is { } migrations && Name(migrations) == "migrations")
            .GroupBy(f => Parent(f.Directory)!, StringComparer.Ordinal)
            .Where(g => byFolder.Contains(g.Key + "/migration_lock.toml") || g.Key.Contains("prisma", StringComparison.OrdinalIgnoreCase)
                || files.Any(f => f.Directory == (Parent(g.Key) ?? ".") && f.Name.EndsWith(".prisma", StringComparison.Ordinal)));
        var withMigrations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            Record(context, workspace, "prisma", folder.Select(f => f.Path).ToList());
            withMigrations.Add(Parent(folder.Key) ?? ".");
        }

        foreach (var schema in files.Where(f => f.Path.EndsWith(".prisma", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(schema.Path) is not { } text)
                continue;
            var tables = TablesOf(context, workspace, schema.Path, "prisma");
            var match = PrismaProvider().Match(text);
            if (match.Success)
            {
                var engine = match.Groups[1].Value switch { "postgresql" or "postgres" or "cockroachdb" => "postgres", var e => e };
                foreach (var table in tables)
                    table.Add(FactKeys.DatabaseEngines, engine, new Evidence(schema.Path, TextLines.Find(text, match.Value)));
            }
            // A schema pushed without migrations (prisma db push) still makes Prisma the schema tool; pushed as the
            // application starts (postiz's pm2-run), the schema follows the code on every release, unversioned.
            if (schema.Name == "schema.prisma" && !withMigrations.Contains(schema.Directory) && !withMigrations.Contains(Parent(schema.Directory) ?? "."))
            {
                foreach (var table in tables)
                {
                    table.Add(FactKeys.MigrationTools, pushed.Value is null ? "prisma" : "prisma-db-push", new Evidence(schema.Path, 1));
                    if (pushed.Value is { } start)
                        table.Add(FactKeys.MigrationsAppliedAt, "start", start);
                }
            }
        }
    }

    [GeneratedRegex(@"\bprisma(?:@[\w.-]+)?\s+db\s+push\b(?![^\n]*--force-reset)")]
    private static partial Regex PrismaDbPush();

    [GeneratedRegex(@"^(?:start|prod|production|serve|deploy|release|entrypoint|docker|pm2)(?:[:-][\w:-]*)?$")]
    private static partial Regex StartLikeScript();

    /// <summary>
    /// A start-like package script (start, pm2-run, start:prod, deploy...) that runs `prisma db push`, itself or through
    /// one script it runs by name; a `db:push` kept for development alone is not this.
    /// </summary>
    private static Evidence? PushedAtStart(NodeWorkspace workspace)
    {
        foreach (var project in workspace.Projects)
        {
            if (project.Manifest is not { } manifest)
                continue;
            foreach (var (name, body) in manifest.Scripts)
            {
                if (!StartLikeScript().IsMatch(name))
                    continue;
                var pushes = PrismaDbPush().IsMatch(body)
                    || manifest.Scripts.Any(other => other.Key != name && PrismaDbPush().IsMatch(other.Value)
                        && Regex.IsMatch(body, $@"\brun\s+{Regex.Escape(other.Key)}(?![\w:-])"));
                if (pushes)
                    return new Evidence(PartDetector.Join(project.Folder, "package.json"), 0);
            }
        }
        return null;
    }

    /// <summary>drizzle-kit writes `NNNN_name.sql` beside a `meta/_journal.json`.</summary>
    private static void Drizzle(FactContext context, NodeWorkspace workspace, List<SnapshotFile> files)
    {
        foreach (var journal in files.Where(f => f.Name == "_journal.json" && Name(f.Directory) == "meta"))
        {
            var folder = Parent(journal.Directory) ?? ".";
            var migrations = files.Where(f => f.Directory == folder && DrizzleMigration().IsMatch(f.Name)).Select(f => f.Path).ToList();
            if (migrations.Count > 0)
                Record(context, workspace, "drizzle", migrations);
        }
    }

    /// <summary>
    /// TypeORM, Sequelize and Knex migrations are modules in a migrations folder; what the folder's modules call tells
    /// the tool, and every module of the folder with an `up` counts (a data migration may call neither).
    /// </summary>
    private static void MigrationModules(FactContext context, NodeWorkspace workspace, List<SnapshotFile> files)
    {
        var candidates = files.Where(f => SourceFiles.LanguageOf(f.Path) is "typescript" or "javascript" && !SourceFiles.IsTest(f.Path)
            && !f.Name.EndsWith(".d.ts", StringComparison.Ordinal) && InFolder(f.Path, "migrations", "migration"));
        foreach (var folder in candidates.GroupBy(f => f.Directory, StringComparer.Ordinal))
        {
            var modules = new List<string>();
            string? tool = null;
            foreach (var file in folder)
            {
                if (context.Snapshot.ReadText(file.Path) is not { } text)
                    continue;
                var typeorm = TypeOrmMigration().IsMatch(text);
                var mikro = !typeorm && MikroOrmMigration().IsMatch(text);
                if (!typeorm && !mikro && !UpFunction().IsMatch(text))
                    continue;
                modules.Add(file.Path);
                var says = typeorm ? "typeorm" : mikro ? "mikro-orm" : SequelizeMigration().IsMatch(text) ? "sequelize" : KyselyMigration().IsMatch(text) ? "kysely"
                    : PgMigrateMigration().IsMatch(text) ? "node-pg-migrate" : DbMigrateMigration().IsMatch(text) ? "db-migrate" : KnexMigration().IsMatch(text) ? "knex" : null;
                if (says is not null && (tool is null || says == "typeorm"))
                    tool = says;
            }
            // node-migrate's modules (`export const up = async function () {...}`) call no library: the dependency tells the tool.
            if (tool is null && modules.Count > 0 && DependsOn(workspace, folder.First().Path, "migrate"))
                tool = "node-migrate";
            if (tool is not null && modules.Count > 0)
                Record(context, workspace, tool, modules);
        }
    }

    /// <summary>
    /// The application's own migrator (`export const migrations: Migration[] = [{ version: 1672236339873, stmts: [...] }, ...]`):
    /// versioned steps in a list in code, applied from the version the database records as the application opens it.
    /// </summary>
    [GeneratedRegex(@"\b(?:const|let|var)\s+\w*[mM]igrations\s*(?::\s*[\w.<>\[\]]+\s*)?=\s*\[(?<steps>[\s\S]*?)\n\];?")]
    private static partial Regex VersionedStepList();

    [GeneratedRegex(@"\{\s*version\s*:\s*\d+")]
    private static partial Regex VersionedStep();

    [GeneratedRegex(@"\b(?:CREATE|ALTER)\s+TABLE\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlSchemaStatement();

    private static void VersionedList(FactContext context, NodeWorkspace workspace, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => SourceFiles.LanguageOf(f.Path) is "typescript" or "javascript" && !SourceFiles.IsTest(f.Path)
                     && !f.Name.EndsWith(".d.ts", StringComparison.Ordinal) && f.Size < 512 * 1024))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("igrations", StringComparison.Ordinal)
                || VersionedStepList().Match(text) is not { Success: true } list || !SqlSchemaStatement().IsMatch(list.Groups["steps"].Value))
                continue;
            var steps = VersionedStep().Count(list.Groups["steps"].Value);
            if (steps < 2)
                continue;
            var evidence = new Evidence(file.Path, new TextLines(text).LineOf(list.Index));
            var tables = TablesOf(context, workspace, file.Path, "js-migrations");
            foreach (var table in tables)
                table.Add(FactKeys.MigrationTools, "js-migrations", evidence);
            SharedCount.Add(context, tables, FactKeys.MigrationCount, steps, evidence, null);
            context.Add(FactKeys.MigrationsAppliedAt, "start", evidence);
        }
    }

    private static void Record(FactContext context, NodeWorkspace workspace, string tool, IReadOnlyList<string> migrations)
    {
        // The evidence is the first migration and the last; the count goes to one table so the repository sums it once.
        var ordered = migrations.Order(StringComparer.Ordinal).ToList();
        var first = new Evidence(ordered[0], 0);
        var tables = TablesOf(context, workspace, ordered[0], tool);
        foreach (var table in tables)
            table.Add(FactKeys.MigrationTools, tool, first);
        SharedCount.Add(context, tables, FactKeys.MigrationCount, ordered.Count, first, ordered.Count > 1 ? new Evidence(ordered[^1], 0) : null);
    }

    /// <summary>Where a database fact found at <paramref name="path"/> goes: its part or the parts using its library; else the parts whose code imports the tool's client.</summary>
    private static IReadOnlyList<FactTable> TablesOf(FactContext context, NodeWorkspace workspace, string path, string tool)
    {
        var tables = workspace.TablesFor(context, path);
        if (tables.Count == 1 && tables[0] == context.Repository && ToolClients.TryGetValue(tool, out var client))
        {
            var importing = workspace.TablesImporting(context, client);
            if (importing.Count > 0)
                return importing;
        }
        return tables;
    }

    /// <summary>
    /// A migrate call in application code, or in a script the application itself starts (`fork('scripts/checkMigrations.js')`),
    /// of a project that depends on a migration library (a browser app's `this.runMigrations()` of its local storage is not one).
    /// </summary>
    private static void AppliedAtStart(FactContext context)
    {
        var workspace = NodeWorkspace.Of(context);
        var sources = SourceFiles.Application(context, "typescript", "javascript");
        foreach (var source in sources)
        {
            if (source.FirstCode(MigrateAtStart()) is not { } evidence || !UsesMigrationLibrary(workspace, source.Path))
                continue;
            var named = new Regex(@"['""/]" + Regex.Escape(Path.GetFileNameWithoutExtension(source.Path)) + @"(\.[cm]?[jt]s)?['""]");
            if (!NodeSourceRoles.IsTooling(source.Path) || sources.Any(s => !NodeSourceRoles.IsTooling(s.Path) && named.IsMatch(s.Text)))
                context.Add(FactKeys.MigrationsAppliedAt, "start", evidence);
        }
    }

    private static readonly string[] MigrationLibraries = ["typeorm", "knex", "sequelize", "umzug", "drizzle-orm", "kysely", "@mikro-orm/core", "@mikro-orm/migrations", "node-pg-migrate", "postgres-migrations", "db-migrate", "migrate"];

    private static bool UsesMigrationLibrary(NodeWorkspace workspace, string path) => DependsOn(workspace, path, MigrationLibraries);

    private static bool DependsOn(NodeWorkspace workspace, string path, params string[] libraries)
    {
        for (var project = workspace.OwnerOf(path); project is not null; project = project.Folder == "." ? null : workspace.OwnerOf(project.Folder))
        {
            if (project.Manifest is { } manifest && manifest.DependsAtRuntimeOnAny(libraries))
                return true;
        }
        return false;
    }

    /// <summary>A migrate command in a container entrypoint or start script (`npx prisma migrate deploy` in docker/entrypoint.sh).</summary>
    private static void StartScripts(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            var name = file.Name.ToLowerInvariant();
            if (!name.EndsWith(".sh", StringComparison.Ordinal) || !StartScriptName().IsMatch(name) || file.Path.StartsWith(".github/", StringComparison.Ordinal)
                || NodeManifests.IsVendored(file.Path) || PartDetector.IsTestOrExample(file.Directory) || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length > 0 && !line.StartsWith('#') && CommandClassifier.Direct(line).Migrate)
                    context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, i + 1));
            }
        }
    }

    private static bool InFolder(string path, params string[] names)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (names.Contains(segments[i], StringComparer.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static string? Parent(string folder) => folder == "." ? null : folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : ".";

    private static string Name(string folder) => folder[(folder.LastIndexOf('/') + 1)..];
}
