using System.Buffers;
using System.Text.RegularExpressions;
using InfraTrend.Facts.Ci;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Facts.Go;
using InfraTrend.Facts.Java;
using InfraTrend.Facts.Node;
using InfraTrend.Facts.Python;
using InfraTrend.Facts.Ruby;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Code;

/// <summary>
/// Database operations that no one ecosystem's tool owns, read after every ecosystem's migration source:
/// <list type="bullet">
/// <item>a project's own versioned migrator: numbered SQL scripts in a migrations folder (DbUp's, or a home-made
/// runner's) or in an update or upgrade folder, and migrations written as code in a list (xormigrate, gormigrate,
/// FluentMigrator, numbered Go files beside the list that holds them, a Go list of numbered step functions, classes
/// implementing an I…Migration interface or extending a Kotlin migrator's base, peewee-migrate's numbered steps);</item>
/// <item>the Go code that applies them as the server starts (a Migrate call in a setup/start/run/serve function);</item>
/// <item>migrations applied by a start, deploy or upgrade script, or by a Kubernetes Job, Pod or init container;</item>
/// <item>seed data of every ecosystem: seed scripts and seeders, Django fixtures;</item>
/// <item>backups: a committed backup script or job (pg_dump, mysqldump, mongodump, BACKUP DATABASE, sqlite .backup,
/// restic, borg, litestream...), one that runs on a schedule, and a documented backup and restore procedure.</item>
/// </list>
/// </summary>
// Reads database.engines, database.migrationCount, database.migrationTools as the sources before it wrote them.
// After GoMigrationFacts, which reads database.migrationTools without what this source adds.
[FactSource(After =
[
    typeof(NodeUsageFacts),
    typeof(JsMigrationFacts),
    typeof(PythonUsageFacts),
    typeof(DjangoSettingsFacts),
    typeof(PythonMigrationFacts),
    typeof(GoUsageFacts),
    typeof(GoMigrationFacts),
    typeof(CSharpUsageFacts),
    typeof(EfCoreMigrationFacts),
    typeof(RubyUsageFacts),
    typeof(RailsMigrationFacts),
    typeof(JavaUsageFacts),
    typeof(JvmMigrationFacts),
])]
public sealed partial class DatabaseOperationsFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        var files = context.Snapshot.Files
            .Where(f => !Node.NodeManifests.IsVendored(f.Path) && !PartDetector.IsTestOrExample(f.Directory) && !SourceFiles.IsTest(f.Path) && !SourceFiles.IsNotApplication(f.Path))
            .ToList();
        VersionedSql(context, files);
        CodeMigrations(context, files);
        VersionedUpgrades(context, files);
        GoStartupMigrate(context, files);
        DotnetStartupMigrate(context, files);
        JsStartupUpgrade(context, files);
        Scripts(context, files);
        DocumentedApply(context);
        MigrationsFolderRunner(context, files);
        KubernetesMigrations(context, files);
        Seeds(context, files);
        Backups(context, files);
        MigrationGuards(context);
        AdoptRepositoryDatabase(context);
        StartupDdl(context, files);
        SchemaScript(context, files);
    }

    /// <summary>A table that names a database engine or a migration tool: the part (or repository) keeps a database.</summary>
    private static bool UsesDatabase(FactTable facts) =>
        facts.List(FactKeys.DatabaseEngines).Count > 0 || facts.List(FactKeys.MigrationTools).Count > 0;

    // ---- a database used from outside every deployable part ------------------------------------------

    private static readonly HashSet<string> AdoptedKeys = new(StringComparer.Ordinal)
    {
        FactKeys.DatabaseEngines, FactKeys.MigrationTools, FactKeys.MigrationCount, FactKeys.SeedScript, FactKeys.MigrationGuards,
    };

    /// <summary>
    /// When no deployable part shows a database of its own but the repository does, outside every part (NodeBB's
    /// src/database beside an install part, modular-monolith's DbUp scripts in src/Database, Smartstore's data
    /// providers in library projects), the database is the application's: its engines, migrations, seed data and
    /// migration guards go to each part that runs on a server (not to a web front end).
    /// </summary>
    private static void AdoptRepositoryDatabase(FactContext context)
    {
        if (context.Parts.Any(p => UsesDatabase(p.Facts)))
            return;
        if (!UsesDatabase(context.Repository))
            return;
        foreach (var part in context.Parts.Where(p => p.Kind != "web"))
            part.Facts.MergeFrom(context.Repository, key => AdoptedKeys.Contains(key.Name));
    }

    // ---- tables the application creates itself ----------------------------------------------------------

    /// <summary>The tool recorded for idempotent DDL in application code: the tables are created (and patched) as it runs.</summary>
    public const string StartupDdlTool = "startup-ddl";

    [GeneratedRegex(@"\bCREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTableIfNotExists();

    /// <summary>
    /// Where a part uses a database with no migration tool, application code that runs CREATE TABLE IF NOT EXISTS
    /// (gatus's storage/store/sql, an agent's SQLite state file opened through ADO.NET) builds its own schema each time
    /// it starts, often patched with ALTER TABLE statements whose errors are ignored: the schema of a fresh database is
    /// the same everywhere, and nothing versions its changes. Recorded as the tool startup-ddl, scored like a schema.sql
    /// run at start-up. Code in a part counts for that part; code outside every part (a library the parts share) for
    /// each part that uses a database without a migration tool.
    /// </summary>
    private static void StartupDdl(FactContext context, List<SnapshotFile> files)
    {
        bool Unmigrated(PartFacts part) => part.Kind != "web" && part.Facts.List(FactKeys.DatabaseEngines).Count > 0 && part.Facts.List(FactKeys.MigrationTools).Count == 0;
        if (!context.Parts.Any(Unmigrated))
            return;
        foreach (var file in files.Where(f => SourceFiles.IsSource(f.Path) && !f.Name.Contains(".min.", StringComparison.OrdinalIgnoreCase) && !InMigrationFolder(f)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var holder = context.PartOf(file.Path);
            if (holder is not null && !Unmigrated(holder))
                continue;
            if (context.Snapshot.ReadTextOnce(file.Path) is not { } text || CreateTableIfNotExists().Match(text) is not { Success: true } ddl)
                continue;
            var evidence = new Evidence(file.Path, new TextLines(text).LineOf(ddl.Index));
            IEnumerable<PartFacts> parts = holder is not null ? [holder] : context.Parts.Where(Unmigrated).ToList();
            foreach (var part in parts)
                part.Facts.Add(FactKeys.MigrationTools, StartupDdlTool, evidence);
        }
    }

    // ---- a schema script run by hand ------------------------------------------------------------------

    [GeneratedRegex(@"\bCREATE\s+TABLE\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"\bINSERT\s+INTO\b", RegexOptions.IgnoreCase)]
    private static partial Regex InsertInto();

    /// <summary>
    /// Where no migration tool is set up at all, a committed SQL script that creates the tables (mall's
    /// document/sql/mall.sql, RuoYi's sql/ry_*.sql) is how a fresh database is built, by hand: recorded as the tool
    /// schema-script for each part that uses a database, and as seed data when it also inserts rows.
    /// </summary>
    private static void SchemaScript(FactContext context, List<SnapshotFile> files)
    {
        var tables = context.Parts.Select(p => p.Facts).Where(t => t.List(FactKeys.DatabaseEngines).Count > 0).ToList();
        if (tables.Count == 0 || context.Repository.List(FactKeys.MigrationTools).Count > 0 || context.Parts.Any(p => p.Facts.List(FactKeys.MigrationTools).Count > 0))
            return;
        Evidence? schema = null, seed = null;
        foreach (var file in files.Where(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && !InMigrationFolder(f)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || CreateTable().Matches(text).Count < 2)
                continue;
            var lines = new TextLines(text);
            schema ??= new Evidence(file.Path, lines.LineOf(CreateTable().Match(text).Index));
            if (InsertInto().Match(text) is { Success: true } insert)
            {
                seed = new Evidence(file.Path, lines.LineOf(insert.Index));
                break;
            }
        }
        if (schema is null)
            return;
        foreach (var table in tables)
        {
            table.Add(FactKeys.MigrationTools, "schema-script", schema);
            if (seed is not null)
                table.Flag(FactKeys.SeedScript, seed);
        }
    }

    // ---- what guards the migrations ------------------------------------------------------------------

    [GeneratedRegex(@"^\s*gem\s+['""](?:strong_migrations|online_migrations)['""]|^\s*django-migration-linter\b|[""']django-migration-linter[""'=<>~]|[""']squawk-cli[""']", RegexOptions.Multiline)]
    private static partial Regex MigrationLinter();

    private static void MigrationGuards(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path)))
        {
            // Tests that run the migrations: a test of the migrations, or a test beside them.
            if (TestFileName().IsMatch(file.Name)
                && (MigrationTestName().IsMatch(file.Name) || file.Directory.Split('/').Any(d => MigrationFolderName().IsMatch(d))) && !file.Path.Contains("fixture", StringComparison.OrdinalIgnoreCase))
                context.Add(FactKeys.MigrationGuards, "tests", new Evidence(file.Path, 0));
            else if (file.Name is "Gemfile" or "package.json" or "pyproject.toml" || file.Name.StartsWith("requirements", StringComparison.Ordinal) && file.Name.EndsWith(".txt", StringComparison.Ordinal))
            {
                if (context.Snapshot.ReadText(file.Path) is { } text && MigrationLinter().Match(text) is { Success: true } m)
                    context.Add(FactKeys.MigrationGuards, "linter", new Evidence(file.Path, new TextLines(text).LineOf(m.Index)));
            }
        }
    }

    /// <summary>A test file by its name (a test plugin's own migrations, in a tests folder, are not tests of the migrations).</summary>
    [GeneratedRegex(@"_test\.go$|^test_\w*\.py$|_tests?\.py$|Tests?\.(?:cs|java|kt)$|_(?:spec|test)\.rb$|\.(?:test|spec)\.[cm]?[jt]s$")]
    private static partial Regex TestFileName();

    /// <summary>migration_test.go, test_migrations.py, DatabaseMigrationTests.cs; not PlanMigrationCohortTests.cs (a feature named migration).</summary>
    [GeneratedRegex(@"^(?:test_)?(?:db|database|schema)?[_-]?migrat(?:e|ions?|or)(?:[_-]?(?:test|tests|spec))?\.", RegexOptions.IgnoreCase)]
    private static partial Regex MigrationTestName();

    [GeneratedRegex(@"^(?:db[_-]?)?migrat(?:e|ions?|or)$", RegexOptions.IgnoreCase)]
    private static partial Regex MigrationFolderName();

    private static bool InMigrationFolder(SnapshotFile file) =>
        file.Directory.Split('/').Any(s => s.Contains("migrat", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether an ecosystem's source already counted the migrations of this folder; an ORM's start-up schema call found there
    /// (gorm's AutoMigrate in wakapi's migrations/migrations.go, beside the dated steps) counts none of them.
    /// </summary>
    private static bool Claimed(FactContext context, string folder, string probe)
    {
        var table = context.TableFor(FactKeys.MigrationTools, probe);
        return table.List(FactKeys.MigrationTools).Where(t => !Analyzers.Database.MigrationTools.SchemaInitTools.Contains(t))
            .Any(t => table.EvidenceOf(FactKeys.MigrationTools, t) is { } evidence && evidence.Any(e => Prefixes.IsUnder(e.Path, folder, '/')));
    }

    // ---- versioned SQL scripts ----------------------------------------------------------------------

    /// <summary>
    /// `0001_init.sql`, `V3_add.sql`, `2021-01-05_00_AddColumn.sql`, Flyway-style `V20160822115745__notes.sql` and
    /// `0215__content.sql`: a version first, then a name (a folder Flyway already counted is claimed and left alone).
    /// </summary>
    [GeneratedRegex(@"^(?:[vV]?\d+(?:[._]\d+)*|\d{4}-\d{2}-\d{2}(?:[_-]\d+)?)[_.-][^/]*\.sql$")]
    private static partial Regex VersionedSqlName();

    private static void VersionedSql(FactContext context, List<SnapshotFile> files)
    {
        var dbup = files.Any(f => f.Name.EndsWith("proj", StringComparison.Ordinal) && context.Snapshot.ReadText(f.Path) is { } text
            && DbUpPackage().IsMatch(text));
        var folders = files
            .Where(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && InMigrationFolder(f) && VersionedSqlName().IsMatch(f.Name)
                && !f.Name.EndsWith(".down.sql", StringComparison.Ordinal))
            .GroupBy(f => f.Directory, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2 && !Claimed(context, g.Key, g.First().Path));
        context.RecordMigrations(dbup ? "dbup" : "sql-scripts", folders.SelectMany(g => g).Select(f => f.Path).Concat(UpgradeScripts(files)).ToList());
    }

    /// <summary>A folder of schema upgrade scripts: sismics' db/update, Openfire's database/upgrade, thingsboard's data/upgrade.</summary>
    [GeneratedRegex(@"^(?:db|schema)?[_-]?(?:updates?|upgrades?)$", RegexOptions.IgnoreCase)]
    private static partial Regex UpgradeFolderOfScripts();

    /// <summary>`dbupdate-012-0.sql`, `0012_add.sql`, `v4.1.x-v4.2.x.sql`: a script named by the version it brings.</summary>
    [GeneratedRegex(@"^(?:[A-Za-z]+[-_])?[vV]?\d+(?:[-_.][^/]*)?\.sql$")]
    private static partial Regex NumberedSqlName();

    /// <summary>`12`, `4.2.2.3`, `v3.1`: a folder named by the version whose scripts it holds.</summary>
    [GeneratedRegex(@"^[vV]?\d+(?:\.\d+)*$")]
    private static partial Regex VersionFolderName();

    /// <summary>
    /// The project's own versioned upgrade scripts outside a folder named for migrations: SQL scripts under an update or
    /// upgrade folder, each named by its version (sismics' db/update/dbupdate-012-0.sql) or kept in a folder named by it
    /// (Openfire's database/upgrade/12/openfire_postgresql.sql, one script per engine; thingsboard's upgrade/lts/4.2.2.3/
    /// schema_update.sql), which the application or its upgrade command applies in order. One step per version, two at least.
    /// </summary>
    private static IEnumerable<string> UpgradeScripts(List<SnapshotFile> files)
    {
        var steps = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && !InMigrationFolder(f)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var segments = file.Directory.Split('/');
            var upgrade = Array.FindLastIndex(segments, s => UpgradeFolderOfScripts().IsMatch(s));
            if (upgrade < 0)
                continue;
            var step = VersionFolderName().IsMatch(segments[^1]) && upgrade < segments.Length - 1 ? file.Directory
                : NumberedSqlName().IsMatch(file.Name) ? file.Path : null;
            if (step is null)
                continue;
            var folder = string.Join('/', segments[..(upgrade + 1)]);
            if (!steps.TryGetValue(folder, out var byStep))
                steps[folder] = byStep = new SortedDictionary<string, string>(StringComparer.Ordinal);
            byStep.TryAdd(step, file.Path);
        }
        return steps.Values.Where(s => s.Count >= 2).SelectMany(s => s.Values);
    }

    [GeneratedRegex(@"Include=""dbup", RegexOptions.IgnoreCase)]
    private static partial Regex DbUpPackage();

    // ---- migrations written as code -----------------------------------------------------------------

    [GeneratedRegex(@"(?<![\]*])\b(xormigrate|gormigrate)\.Migration\s*\{")]
    private static partial Regex GoMigrationLiteral();

    [GeneratedRegex(@"\[\]\*?[\w.]*Migration\w*\s*\{")]
    private static partial Regex GoMigrationList();

    /// <summary>
    /// Migrations that register themselves with the application's migrator: pocketbase's `core.AppMigrations.Register(func...)`,
    /// or a dated file's init() handing its step to the package's `registerPostMigration(f)` (wakapi's migrations/20210213_x.go).
    /// </summary>
    [GeneratedRegex(@"\b\w*Migrations\s*\.\s*Register\s*\(|\b[rR]egister\w*Migrations?\s*\(")]
    private static partial Regex GoMigrationRegister();

    [GeneratedRegex(@"^v?\d+[_.]?[^/]*\.go$")]
    private static partial Regex NumberedGoFile();

    [GeneratedRegex(@"\[Migration\(\s*\d|\[MigrationVersion\(\s*""\d")]
    private static partial Regex FluentMigratorAttribute();

    [GeneratedRegex(@"\bclass\s+\w+\s*(?::|\bimplements\b)[^{;]*\bI\w*Migration\b")]
    private static partial Regex MigrationInterface();

    [GeneratedRegex(@"\bclass\s+\w+\s+implements\s+[^{;]*\b\w*Migration\b")]
    private static partial Regex JavaMigrationInterface();

    /// <summary>A Kotlin migration class extending its migrator's base (Suwayomi's `class M0003_DefaultCategory : RenameFieldMigration(`, exposed-migrations).</summary>
    [GeneratedRegex(@"\bclass\s+\w+\s*(?:\([^)]*\))?\s*:\s*\w*Migration\s*\(")]
    private static partial Regex KotlinMigrationClass();

    [GeneratedRegex(@"^\d+_\w*\.py$")]
    private static partial Regex NumberedPythonFile();

    [GeneratedRegex(@"^def\s+migrate\s*\(\s*migrator\b|^from\s+peewee_migrate\s+import\b", RegexOptions.Multiline)]
    private static partial Regex PeeweeMigrateStep();

    private static void CodeMigrations(FactContext context, List<SnapshotFile> files)
    {
        var byTool = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string tool, string path)
        {
            if (!byTool.TryGetValue(tool, out var list))
                byTool[tool] = list = [];
            list.Add(path);
        }

        foreach (var folder in files.Where(InMigrationFolder).GroupBy(f => f.Directory, StringComparer.Ordinal))
        {
            if (Claimed(context, folder.Key, folder.First().Path))
                continue;
            var go = folder.Where(f => f.Name.EndsWith(".go", StringComparison.Ordinal)).ToList();
            var literal = new List<string>();
            string? library = null;
            var listed = false;
            foreach (var file in go)
            {
                if (context.Snapshot.ReadText(file.Path) is not { } text)
                    continue;
                if (GoMigrationLiteral().Match(text) is { Success: true } m)
                {
                    literal.Add(file.Path);
                    library = m.Groups[1].Value;
                }
                listed |= GoMigrationList().IsMatch(text) || GoMigrationRegister().IsMatch(text);
            }
            if (literal.Count > 0)
                literal.ForEach(p => Add(library!, p));
            else if ((listed && go.Count(f => NumberedGoFile().IsMatch(f.Name)) is >= 2)
                     // Go files named by the release they upgrade to (internal/migrations/v0.4.0.go, v2.1.0.go): the list that runs them may live elsewhere.
                     || go.Count(f => VersionName().IsMatch(f.Name)) is >= 2)
                go.Where(f => NumberedGoFile().IsMatch(f.Name)).ToList().ForEach(f => Add("go-migrations", f.Path));

            foreach (var file in folder.Where(f => f.Name.EndsWith(".cs", StringComparison.Ordinal) || f.Name.EndsWith(".java", StringComparison.Ordinal) || f.Name.EndsWith(".kt", StringComparison.Ordinal)))
            {
                if (context.Snapshot.ReadText(file.Path) is not { } text || text.Contains("MigrationBuilder", StringComparison.Ordinal))
                    continue;
                if (FluentMigratorAttribute().IsMatch(text))
                    Add("fluentmigrator", file.Path);
                else if (MigrationInterface().IsMatch(text) || (!file.Name.EndsWith(".cs", StringComparison.Ordinal) && JavaMigrationInterface().IsMatch(text))
                         || (file.Name.EndsWith(".kt", StringComparison.Ordinal) && KotlinMigrationClass().IsMatch(text)))
                    Add("code-migrations", file.Path);
            }

            // peewee-migrate's numbered steps (robotoff's migrations/002_add_bounding_box.py: `def migrate(migrator, database)`).
            foreach (var file in folder.Where(f => NumberedPythonFile().IsMatch(f.Name)))
            {
                if (context.Snapshot.ReadText(file.Path) is { } text && PeeweeMigrateStep().IsMatch(text))
                    Add("peewee-migrate", file.Path);
            }
        }
        foreach (var (tool, paths) in byTool)
            context.RecordMigrations(tool, paths);

        // A Go list of numbered step functions that the migrator runs in order, up from the schema version it stored
        // (yarr's src/storage/sqlite/migration.go: `var migrations = []func(*sql.Tx) error{ m01_initial, m02_..., }`).
        foreach (var file in files.Where(f => f.Name is "migration.go" or "migrations.go" or "migrate.go"))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || GoStepList().Match(text) is not { Success: true } list
                || NumberedGoStep().Matches(list.Groups["steps"].Value) is not { Count: >= 2 } steps)
                continue;
            var evidence = new Evidence(file.Path, new TextLines(text).LineOf(list.Index));
            context.Add(FactKeys.MigrationTools, "go-migrations", evidence);
            context.Count(FactKeys.MigrationCount, steps.Count, evidence);
        }
    }

    [GeneratedRegex(@"\[\]func\s*\([^)]*\)[^{\n]*\{(?<steps>[^}]*)\}")]
    private static partial Regex GoStepList();

    [GeneratedRegex(@"^\s*m\d+_\w+\s*,", RegexOptions.Multiline)]
    private static partial Regex NumberedGoStep();

    // ---- upgrade scripts named by version ------------------------------------------------------------

    [GeneratedRegex(@"^(?:alterations|upgrades)$", RegexOptions.IgnoreCase)]
    private static partial Regex UpgradeFolderName();

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+(?:[-_.][^/]*)?$")]
    private static partial Regex VersionName();

    [GeneratedRegex(@"\.(?:[cm]?[jt]s)$")]
    private static partial Regex ScriptSource();

    /// <summary>
    /// A home-grown migrator's steps as JavaScript or TypeScript files named by the version that brings them, in an
    /// alterations or upgrades folder: logto's packages/schemas/alterations/1.0.0-1677208902-name.ts, NodeBB's
    /// src/upgrades/1.0.0/name.js (the version is the folder). Five at least, so a folder of a few helpers is not one.
    /// </summary>
    private static void VersionedUpgrades(FactContext context, List<SnapshotFile> files)
    {
        var steps = new List<string>();
        foreach (var file in files.Where(f => ScriptSource().IsMatch(f.Name) && !f.Name.EndsWith(".d.ts", StringComparison.Ordinal)))
        {
            var segments = file.Directory.Split('/');
            var versioned = segments.Length >= 1 && UpgradeFolderName().IsMatch(segments[^1]) && VersionName().IsMatch(file.Name)
                || segments.Length >= 2 && UpgradeFolderName().IsMatch(segments[^2]) && VersionName().IsMatch(segments[^1]);
            if (versioned)
                steps.Add(file.Path);
        }
        var kept = steps.GroupBy(p => p[..p.LastIndexOf('/')], StringComparer.Ordinal)
            .Where(g => !Claimed(context, g.Key, g.First()))
            .SelectMany(g => g).ToList();
        if (kept.Count >= 5)
            context.RecordMigrations("code-migrations", kept);
    }

    // ---- Go: migrations applied as the server starts ------------------------------------------------

    // golang-migrate's `m.Up()` counts only in a file that names the library: the look-behind sits after the call, so
    // it is tried where a call matched, not at every position of the file (that was quadratic: 10 s and more on a
    // generated Go file of 430,000 characters).
    [GeneratedRegex(@"\.\s*(?:\w*Migrate|MigrateUp|Run\w*Migrations|AutoMigrate)\s*\(|\bmigrations?\.(?:Migrate|Run|Up)\w*\s*\(|\bgoose\.(?:Up|UpContext|UpTo|UpToContext|Run|RunContext)\s*\(|\.\s*Up\s*\(\s*\)(?<=golang-migrate[\s\S]*)")]
    private static partial Regex GoMigrateCall();

    [GeneratedRegex(@"^func\s+(?:\([^)]*\)\s*)?(\w+)", RegexOptions.Multiline)]
    private static partial Regex GoFunc();

    [GeneratedRegex(@"[sS]etup|[sS]tart|^[nN]ew[A-Z]?|^run$|^run[A-Z_]|[sS]erve|^main$|boot|^[iI]nit|^[oO]pen|^[cC]onnect|^[pP]rovide[A-Z]")]
    private static partial Regex StartFunctionName();

    /// <summary>A function the server runs as it starts; one named for migrating is a `migrate` command's, run by hand.</summary>
    private static bool IsGoStartFunction(string function) =>
        !function.Contains("migrat", StringComparison.OrdinalIgnoreCase) && StartFunctionName().IsMatch(function);

    /// <summary>
    /// Where a helper named for migrating (homebox's runMigrations, which calls goose.Up) is called from a start function
    /// of the same file (its setupDatabase, run as the server opens the database), the offset of that call; else -1.
    /// </summary>
    private static int CallFromStartFunction(string text, string helper)
    {
        foreach (Match call in Regex.Matches(text, $@"(?<!\w){Regex.Escape(helper)}\s*\("))
        {
            // Up to the name, so that the helper's own declaration (`func runMigrations(`) is found, and skipped: it is not a call.
            var caller = GoFunc().Matches(text[..(call.Index + helper.Length)]).LastOrDefault();
            if (caller is not null && caller.Groups[1].Index != call.Index && IsGoStartFunction(caller.Groups[1].Value))
                return call.Index;
        }
        return -1;
    }

    private static void GoStartupMigrate(FactContext context, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => f.Name.EndsWith(".go", StringComparison.Ordinal) && !InMigrationFolder(f)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("igrat", StringComparison.Ordinal) && !text.Contains("goose", StringComparison.Ordinal) || GoMigrateCall().Match(text) is not { Success: true })
                continue;
            var lines = new TextLines(text);
            foreach (Match call in GoMigrateCall().Matches(text))
            {
                // AutoMigrate syncs models without versions: it is not the application of migrations.
                if (call.Value.Contains("AutoMigrate", StringComparison.Ordinal))
                    continue;
                var function = GoFunc().Matches(text[..call.Index]).LastOrDefault()?.Groups[1].Value;
                if (function is null)
                    continue;
                var at = IsGoStartFunction(function) ? call.Index
                    : function.Contains("migrat", StringComparison.OrdinalIgnoreCase) ? CallFromStartFunction(text, function) : -1;
                if (at < 0)
                    continue;
                context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, lines.LineOf(at)));
                break;
            }
        }
    }

    // ---- .NET: a migrator run by the application's start-up code ----------------------------------------

    /// <summary>`migrationProcess.RunMigrationProcess()`, `migrator.MigrateDatabase()`: a migrator object told to run.</summary>
    [GeneratedRegex(@"\b\w*[mM]igrat\w*\s*\.\s*(?:Run|Migrate|Apply|Execute|Up)\w*\s*\(")]
    private static partial Regex MigratorRun();

    [GeneratedRegex(@"Startup|^Program\.cs$|HostedService|Worker|^Database\w*Initiali[sz]er\.cs$", RegexOptions.IgnoreCase)]
    private static partial Regex StartupFileName();

    private static void DotnetStartupMigrate(FactContext context, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => f.Name.EndsWith(".cs", StringComparison.Ordinal) && StartupFileName().IsMatch(f.Name)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("igrat", StringComparison.Ordinal) || MigratorRun().Match(text) is not { Success: true } call)
                continue;
            var line = new TextLines(text).LineOf(call.Index);
            if (text.Split('\n')[line - 1].TrimStart().StartsWith("//", StringComparison.Ordinal))
                continue;
            context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, line));
        }
        // FluentMigrator's runner called from the application's own code (Lidarr's MigrationController, run as the
        // database is opened): wherever it is, the application migrates itself.
        foreach (var file in files.Where(f => f.Name.EndsWith(".cs", StringComparison.Ordinal)))
        {
            // Read without keeping the text, and decoded only when its bytes name MigrateUp: nearly every C# file is ruled out unread.
            if (context.Snapshot.ReadTextOnceIfAny(file.Path, Anchors.FluentMigratorRun) is not { } text
                || !text.Contains("FluentMigrator", StringComparison.Ordinal) || FluentMigratorRun().Match(text) is not { Success: true } run)
                continue;
            context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, new TextLines(text).LineOf(run.Index)));
            break;
        }
    }

    [GeneratedRegex(@"\.\s*MigrateUp\s*\(")]
    private static partial Regex FluentMigratorRun();

    // ---- Node: a home-grown upgrader run as the server starts ------------------------------------------

    /// <summary>`await upgrade.run()`, `migrator.up()`: the project's own upgrader told to run.</summary>
    [GeneratedRegex(@"^\s*(?:await\s+)?(?:upgrades?|migrator|migrations)\s*\.\s*(?:run|up|migrate)\w*\s*\(", RegexOptions.Multiline)]
    private static partial Regex JsUpgradeRun();

    [GeneratedRegex(@"^(?:start|server|app|main|index|boot)\.[cm]?[jt]s$")]
    private static partial Regex JsStartFileName();

    /// <summary>NodeBB's src/start.js: `runUpgrades()` calls `upgrade.run()` before the web server starts.</summary>
    private static void JsStartupUpgrade(FactContext context, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => JsStartFileName().IsMatch(f.Name) && !InMigrationFolder(f)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || JsUpgradeRun().Match(text) is not { Success: true } run)
                continue;
            context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, new TextLines(text).LineOf(run.Index + run.Length - 1)));
        }
    }

    // ---- start, deploy and upgrade scripts -----------------------------------------------------------

    [GeneratedRegex(@"entrypoint|start|boot|init|release|deploy|upgrade|update|run", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptName();

    [GeneratedRegex(@"test|spec|lint|(^|[-_.])(dev|ci)([-_.]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex LocalScriptName();

    [GeneratedRegex(@"deploy|release", RegexOptions.IgnoreCase)]
    private static partial Regex DeployHookName();

    private static bool IsScript(SnapshotFile file)
    {
        var name = file.Name;
        var shell = name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".bash", StringComparison.Ordinal)
            || !name.Contains('.') && (file.Directory.EndsWith("bin", StringComparison.Ordinal) || file.Directory.EndsWith("scripts", StringComparison.Ordinal) || file.Directory == "."
                // Older Rails applications keep their deploy hooks in script/ (alaveteli's script/rails-deploy-while-down); the
                // other scripts there follow "scripts to rule them all" (script/setup, script/update), run on a laptop.
                || (file.Directory == "script" || file.Directory.EndsWith("/script", StringComparison.Ordinal)) && DeployHookName().IsMatch(name));
        return shell && !file.Path.StartsWith(".github/", StringComparison.Ordinal) && !file.Path.StartsWith(".circleci/", StringComparison.Ordinal);
    }

    /// <summary>`@app.cli.command()` over `def deploy():` (or `@cli.command("deploy")`): a Flask/click command.</summary>
    [GeneratedRegex(@"^@\w+(?:\.cli)?\.command\((?:\s*['""]([\w-]+)['""])?[^)]*\)\s*\n(?:@.*\n)*def\s+(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex CliCommand();

    [GeneratedRegex(@"^\s+(?:\w+\.)?upgrade\(\)|call_command\(\s*['""]migrate['""]", RegexOptions.Multiline)]
    private static partial Regex AppliesMigrations();

    /// <summary>Project CLI commands whose body applies the migrations (Flask-Migrate's upgrade(), Django's call_command("migrate")).</summary>
    private static HashSet<string> MigratingCommands(FactContext context, List<SnapshotFile> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Name.EndsWith(".py", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains(".command(", StringComparison.Ordinal) || !AppliesMigrations().IsMatch(text))
                continue;
            foreach (Match command in CliCommand().Matches(text))
            {
                var start = text.IndexOf('\n', command.Index + command.Length) is >= 0 and var newline ? newline + 1 : text.Length;
                var end = Regex.Match(text[start..], @"^\S", RegexOptions.Multiline) is { Success: true } next ? start + next.Index : text.Length;
                if (AppliesMigrations().IsMatch(text[start..end]))
                {
                    var name = command.Groups[1].Success ? command.Groups[1].Value : command.Groups[2].Value;
                    names.Add(name);
                    names.Add(name.Replace('_', '-'));
                }
            }
        }
        return names;
    }

    private static void Scripts(FactContext context, List<SnapshotFile> files)
    {
        var commands = MigratingCommands(context, files);
        var custom = commands.Count == 0 ? null : new Regex(@"\bflask\s+(?:--\S+\s+)*(" + string.Join('|', commands.Select(Regex.Escape)) + @")\b");
        foreach (var script in files.Where(f => IsScript(f) && ScriptName().IsMatch(f.Name) && !LocalScriptName().IsMatch(f.Name)))
        {
            if (context.Snapshot.ReadText(script.Path) is not { } text
                || !text.Contains("migrat", StringComparison.OrdinalIgnoreCase) && !text.Contains("upgrade", StringComparison.Ordinal) && !text.Contains("db:", StringComparison.Ordinal) && custom?.IsMatch(text) != true)
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith('#') || !Deployment.StartCommands.Migrates(line) && custom?.IsMatch(line) != true)
                    continue;
                var stage = script.Name.Contains("upgrade", StringComparison.OrdinalIgnoreCase) || script.Name.Contains("update", StringComparison.OrdinalIgnoreCase) ? "upgrade"
                    : script.Name.Contains("release", StringComparison.OrdinalIgnoreCase) || script.Name.Contains("deploy", StringComparison.OrdinalIgnoreCase) ? "release"
                    : "start";
                context.Add(FactKeys.MigrationsAppliedAt, stage, new Evidence(script.Path, i + 1));
                break;
            }
        }
    }

    // ---- the apply command written in the operator's documentation -----------------------------------

    /// <summary>A page written for whoever runs the product: upgrading, installation, deployment, maintenance, administration.</summary>
    [GeneratedRegex(@"upgrad|updat|install|deploy|maintenan|admin|production|self-?host|operat", RegexOptions.IgnoreCase)]
    private static partial Regex OperatorPage();

    /// <summary>The plain-text operator files of older projects: doc/INSTALL, doc/UPGRADING, UPDATING.txt.</summary>
    [GeneratedRegex(@"^(?:INSTALL|UPGRAD\w*|UPDATING|DEPLOY\w*)(?:\.txt)?$")]
    private static partial Regex PlainOperatorFile();

    /// <summary>Pages for contributors, not operators: a development set-up runs the migrations on a laptop.</summary>
    [GeneratedRegex(@"develop|contribut|hacking|(^|/)README", RegexOptions.IgnoreCase)]
    private static partial Regex DeveloperPage();

    /// <summary>A shell prompt or list marker before a command in a page: `$ `, `(venv)$ `, `> `, `- `.</summary>
    [GeneratedRegex(@"^(?:[-*>]\s+|\(\w+\)\s*)?(?:[\w@~:/.-]*[$#%>]\s+)?")]
    private static partial Regex Prompt();

    /// <summary>
    /// An upgrade, installation or maintenance page of the documentation (not a README's or a contributor's set-up) that gives the command applying the
    /// migrations (`python -m pretalx migrate`, `dispatch database upgrade`, `bin/rails db:migrate`): the operator
    /// applies them by hand on each release, following a written procedure, recorded as "docs".
    /// </summary>
    private static void DocumentedApply(FactContext context)
    {
        var pages = context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path) && !SourceFiles.IsTest(f.Path) && !ReleaseNotes().IsMatch(f.Path)
            && (f.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".mdx", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".rst", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".adoc", StringComparison.OrdinalIgnoreCase)
                || PlainOperatorFile().IsMatch(f.Name))
            && !PartDetector.IsTestOrExample(OutsideDocs(f.Directory)));
        foreach (var page in pages.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            // The path first: only operator pages are read.
            if (!OperatorPage().IsMatch(page.Path) || DeveloperPage().IsMatch(page.Path)
                || context.Snapshot.ReadText(page.Path) is not { } text || !(text.Contains("migrat", StringComparison.OrdinalIgnoreCase) || text.Contains("upgrade", StringComparison.OrdinalIgnoreCase)))
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = Prompt().Replace(lines[i].Trim().Trim('`'), "").Trim('`', ' ');
                if (line.Length == 0 || line.Length > 200 || !Deployment.StartCommands.Migrates(line))
                    continue;
                context.Add(FactKeys.MigrationsAppliedAt, "docs", new Evidence(page.Path, i + 1));
                return;
            }
        }
    }

    /// <summary>
    /// A page's folder without its docs segments: the documentation folder is where operator pages live (docs/administration.rst,
    /// docs/upgrading.md), though code under it is an example; a test or example folder still leaves its pages out.
    /// </summary>
    private static string OutsideDocs(string folder) =>
        string.Join('/', folder.Split('/').Where(s => !s.Equals("docs", StringComparison.OrdinalIgnoreCase) && !s.Equals("_docs", StringComparison.OrdinalIgnoreCase)));

    // ---- the application's own runner of its migrations folder -----------------------------------------

    /// <summary>Code that lists a migrations folder to run what it holds: `fs.readdirSync(MIGRATIONS_DIR)`, `os.listdir(migrations_dir)`.</summary>
    [GeneratedRegex(@"\b(?:readdirSync|readdir|listdir|scandir|iterdir|ReadDir|glob(?:Sync)?)\s*\([^)\n]*migrat", RegexOptions.IgnoreCase)]
    private static partial Regex ListsMigrations();

    /// <summary>
    /// The application's own migrator (trilium's src/services/migration.js): server code, outside the migrations folder,
    /// that lists the migrations folder and runs each file in order as the application opens its database.
    /// </summary>
    private static void MigrationsFolderRunner(FactContext context, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => SourceFiles.LanguageOf(f.Path) is "javascript" or "typescript" or "python" or "go" && !InMigrationFolder(f)
                     && !f.Directory.Split('/').Any(d => d is "scripts" or "script" or "tools" or "bin" or "cli" or "cmd" or "commands")))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("igrat", StringComparison.OrdinalIgnoreCase) || ListsMigrations().Match(text) is not { Success: true } list)
                continue;
            if (context.PartOf(file.Path) is { } part && part.Kind == "web")
                continue;
            context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, new TextLines(text).LineOf(list.Index)));
            return;
        }
    }

    // ---- Kubernetes Jobs, Pods and init containers that migrate --------------------------------------

    [GeneratedRegex(@"^\s*kind:\s*(Job|Pod|CronJob|Deployment|StatefulSet)\b|initContainers:|helm\.sh/hook", RegexOptions.Multiline)]
    private static partial Regex KubernetesWorkload();

    [GeneratedRegex(@"^\s*-?\s*(?:command|args)\s*:\s*(.*)$")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"^\s*-\s+(.*)$")]
    private static partial Regex ListItem();

    private static bool IsKubernetesYaml(SnapshotFile file)
    {
        var name = file.Name;
        return name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal)
            || name.EndsWith(".yaml.erb", StringComparison.Ordinal) || name.EndsWith(".yml.erb", StringComparison.Ordinal)
            || name.EndsWith(".yaml.tpl", StringComparison.Ordinal) || name.EndsWith(".yaml.j2", StringComparison.Ordinal);
    }

    private static void KubernetesMigrations(FactContext context, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => IsKubernetesYaml(f) && !f.Path.StartsWith(".github/", StringComparison.Ordinal) && !f.Name.StartsWith("docker-compose", StringComparison.Ordinal) && !f.Name.StartsWith("compose", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("migrat", StringComparison.OrdinalIgnoreCase) || !KubernetesWorkload().IsMatch(text))
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (CommandLine().Match(lines[i]) is not { Success: true } m)
                    continue;
                var words = new List<string> { m.Groups[1].Value };
                var j = i + 1;
                for (; j < lines.Length && ListItem().Match(lines[j]) is { Success: true } item; j++)
                    words.Add(item.Groups[1].Value);
                // A container's args follow its command (hanko's init container: command [/hanko], args [migrate, up]).
                if (m.Value.Contains("command", StringComparison.Ordinal) && j < lines.Length && CommandLine().Match(lines[j]) is { Success: true } args && args.Value.Contains("args", StringComparison.Ordinal))
                {
                    words.Add(args.Groups[1].Value);
                    for (j++; j < lines.Length && ListItem().Match(lines[j]) is { Success: true } item; j++)
                        words.Add(item.Groups[1].Value);
                }
                var command = string.Join(' ', words.Select(w => w.Trim().Trim('[', ']').Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal)));
                if (Deployment.StartCommands.Migrates(command))
                {
                    context.Add(FactKeys.MigrationsAppliedAt, "release", new Evidence(file.Path, i + 1));
                    break;
                }
            }
        }
    }

    // ---- seed data ----------------------------------------------------------------------------------

    /// <summary>seed.sh, seeds.ts, db-seed.ps1, seed_data.sql: a script named for seeding.</summary>
    [GeneratedRegex(@"^(?:db[-_.]?)?seed(?:s|er|ers|ing)?(?:[-_.][\w.-]*)?\.(?:sh|ps1|sql|js|mjs|cjs|ts|go|cs|php|java|kt)$", RegexOptions.IgnoreCase)]
    private static partial Regex SeedScriptName();

    /// <summary>A folder of seeds or seeders (Knex, Sequelize, Laravel, a .NET Seeder project).</summary>
    [GeneratedRegex(@"^(?:seeds|seeders?|seeding|seed|[\w.]*\.Seeder|Seeder\w*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SeedFolderName();

    [GeneratedRegex(@"\.(?:sh|ps1|sql|js|mjs|cjs|ts|py|go|rb|cs|php|java|kt|json|ya?ml)$", RegexOptions.IgnoreCase)]
    private static partial Regex SeedContent();

    private static void Seeds(FactContext context, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => !f.Path.StartsWith('.') && !f.Path.Contains("/.", StringComparison.Ordinal)))
        {
            var seed = SeedScriptName().IsMatch(file.Name)
                || file.Directory.Split('/').Any(s => SeedFolderName().IsMatch(s)) && SeedContent().IsMatch(file.Name)
                // Django fixtures: <app>/fixtures/*.json|yaml beside the app's models (loaddata).
                || file.Directory.EndsWith("/fixtures", StringComparison.Ordinal) && (file.Name.EndsWith(".json", StringComparison.Ordinal) || file.Name.EndsWith(".yaml", StringComparison.Ordinal))
                    && context.Snapshot.Exists(file.Directory[..file.Directory.LastIndexOf('/')] + "/models.py");
            if (seed)
                context.Flag(FactKeys.SeedScript, new Evidence(file.Path, 0));
        }
    }

    // ---- backups -------------------------------------------------------------------------------------

    [GeneratedRegex(@"\bpg_dump(?:all)?\b|\bpg_basebackup\b|\bpgbackrest\b|\bwal-g\s+backup|\bmysqldump\b|\bmariadb-dump\b|\bmariabackup\b|\bxtrabackup\b|\bmongodump\b|(?-i:\bBACKUP\s+DATABASE\b)|(?:^|['""\s])\.backup\s+['""]?\S|\bVACUUM\s+INTO\b|\brestic\b[^\n]*\bbackup\b|\bborg\s+create\b|\blitestream\s+replicate\b|\bredis-cli\b[^\n]*\bBGSAVE\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackupCommand();

    [GeneratedRegex(@"\brestor(?:e|es|ed|ing)\b|\bpg_restore\b|\bmongorestore\b|\bpsql\b[^\n]*<", RegexOptions.IgnoreCase)]
    private static partial Regex RestoreMention();

    [GeneratedRegex(@"backup|restic|litestream|dump|cron|job|schedul|maintenance", RegexOptions.IgnoreCase)]
    private static partial Regex BackupishPath();

    [GeneratedRegex(@"^\s*kind:\s*CronJob\b|\bschedule\s*:|\bcron\b|crontab|every\s+\d*\s*(?:day|hour|week)|\bsleep\b|\bdaily\b|\bnightly\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Schedule();

    [GeneratedRegex(@"\.(?:sh|bash|ps1|sql|rb|py|js|ts|go|cs|java|kt|php|ya?ml|erb|tpl|conf|cron)$|^[^.]+$", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrConfig();

    [GeneratedRegex(@"change|release|news|history|(^|/)\.", RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseNotes();

    /// <summary>A heading about backing up: `## Make a backup`, `Backup and restore` underlined.</summary>
    [GeneratedRegex(@"^#{1,4}[ \t]+[^\n]*\bback[ -]?ups?\b[^\n]*$|^[^\n]*\bback[ -]?ups?\b[^\n]*\n[=~^-]{3,}[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex BackupHeading();

    [GeneratedRegex(@"backup[_-]?codes?", RegexOptions.IgnoreCase)]
    private static partial Regex BackupCodes();

    /// <summary>A Go function that backs up the database (stash's `func (db *Database) Backup(backupPath string)`).</summary>
    [GeneratedRegex(@"^func\s+(?:\([^)]*\)\s*)?(?:Backup|BackupDatabase|CreateBackup|DatabaseBackup)\s*\(", RegexOptions.Multiline)]
    private static partial Regex GoBackupFunc();

    private static Evidence? GoBackupFunction(FactContext context, List<SnapshotFile> files)
    {
        foreach (var file in files.Where(f => f.Name.EndsWith(".go", StringComparison.Ordinal)))
        {
            if (context.PartOf(file.Path) is { } part && !UsesDatabase(part.Facts))
                continue;
            if (context.Snapshot.ReadText(file.Path) is { } text && text.Contains("Backup", StringComparison.Ordinal) && GoBackupFunc().Match(text) is { Success: true } m)
                return new Evidence(file.Path, new TextLines(text).LineOf(m.Index));
        }
        return null;
    }

    private static void Backups(FactContext context, List<SnapshotFile> files)
    {
        // A product that backs itself up (Lidarr's scheduled Backup command, photoprism's `photoprism backup`): server code
        // named for it, not a front end's settings page nor a desktop shell's (a part that keeps no database).
        if (files.FirstOrDefault(f => SourceFiles.LanguageOf(f.Path) is { } language && language is not ("javascript" or "typescript")
                && Path.GetFileNameWithoutExtension(f.Name).Contains("backup", StringComparison.OrdinalIgnoreCase)
                // Two-factor backup codes (backup_codes_controller.rb, user/backup_code.rb) are recovery codes, not backups.
                && !BackupCodes().IsMatch(f.Name)
                && (context.PartOf(f.Path) is not { } part || UsesDatabase(part.Facts))) is { } builtIn)
            context.Add(FactKeys.Backups, "built-in", new Evidence(builtIn.Path, 0));
        else if (GoBackupFunction(context, files) is { } goBackup)
            context.Add(FactKeys.Backups, "built-in", goBackup);

        var jobs = new List<(SnapshotFile File, string Class)>();
        foreach (var file in files.Where(f => BackupishPath().IsMatch(f.Path) && ScriptOrConfig().IsMatch(f.Name) && !f.Path.StartsWith("docs/", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || BackupCommand().Match(text) is not { Success: true } m)
                continue;
            var evidence = new Evidence(file.Path, new TextLines(text).LineOf(m.Index));
            context.Add(FactKeys.Backups, "script", evidence);
            if (Schedule().IsMatch(text))
                context.Add(FactKeys.Backups, "scheduled", evidence);
            if (Regex.Match(text, @"\bclass\s+(\w+)") is { Success: true } cls)
                jobs.Add((file, cls.Groups[1].Value));
        }

        // A backup script that loops or is scheduled, beside the file that holds the backup command (a .sql it runs, say).
        var backupFolders = context.Repository.EvidenceOf(FactKeys.Backups, "script").Select(e => Path.GetDirectoryName(e.Path)?.Replace('\\', '/') ?? "").ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Name.Contains("backup", StringComparison.OrdinalIgnoreCase) && backupFolders.Contains(f.Directory == "." ? "" : f.Directory) && ScriptOrConfig().IsMatch(f.Name)))
        {
            if (context.Snapshot.ReadText(file.Path) is { } text && Schedule().Match(text) is { Success: true } schedule)
                context.Add(FactKeys.Backups, "scheduled", new Evidence(file.Path, new TextLines(text).LineOf(schedule.Index)));
        }

        // A backup job named in a schedule (Solid Queue's recurring.yml, sidekiq-cron, whenever, a CronJob).
        if (jobs.Count > 0)
        {
            foreach (var file in files.Where(f => Schedule().IsMatch(f.Name) || f.Name.Contains("recurring", StringComparison.Ordinal) || f.Name.Contains("schedule", StringComparison.Ordinal) || f.Name.Contains("cron", StringComparison.Ordinal)))
            {
                if (context.Snapshot.ReadText(file.Path) is not { } text)
                    continue;
                foreach (var (_, name) in jobs)
                {
                    if (Regex.Match(text, $@"\b{Regex.Escape(name)}\b") is { Success: true } use && Schedule().IsMatch(text))
                        context.Add(FactKeys.Backups, "scheduled", new Evidence(file.Path, new TextLines(text).LineOf(use.Index)));
                }
            }
        }

        // A documented backup and restore procedure: a page that gives the backup command and how to restore.
        var pages = context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path) && !SourceFiles.IsTest(f.Path)).Where(f => (f.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".rst", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".adoc", StringComparison.OrdinalIgnoreCase))
            && !ReleaseNotes().IsMatch(f.Path));
        foreach (var doc in pages)
        {
            if (context.Snapshot.ReadText(doc.Path) is not { } text || !RestoreMention().IsMatch(text))
                continue;
            if (BackupCommand().Match(text) is { Success: true } m)
                context.Add(FactKeys.Backups, "docs", new Evidence(doc.Path, new TextLines(text).LineOf(m.Index)));
            // An operator page with a section on making a backup and restoring it, in words (copy the data directory):
            // a procedure, without the command that makes it repeatable.
            else if ((OperatorPage().IsMatch(doc.Path) || doc.Name.Contains("backup", StringComparison.OrdinalIgnoreCase)) && !DeveloperPage().IsMatch(doc.Path)
                     && BackupHeading().Match(text) is { Success: true } heading)
                context.Add(FactKeys.Backups, "docs-prose", new Evidence(doc.Path, new TextLines(text).LineOf(heading.Index)));
        }
    }
}
