using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Go;

/// <summary>
/// Migrations of the Go tools, counted as each counts them: golang-migrate's `NNN_name.up.sql` files, goose's
/// annotated SQL files and Go migrations, dbmate's `-- migrate:up` files, the SQL files of an Atlas migration
/// directory (the one that holds atlas.sum), and gobuffalo pop's `NNN_name.up.fizz` files.
/// </summary>
[FactSource]
public sealed partial class GoMigrationFacts : IFactSource
{
    [GeneratedRegex(@"(?:^|/)\d+_[^/]+\.up\.sql$")]
    private static partial Regex MigrateUpFile();

    // pop's migrations in its fizz language (teamhanko/hanko's backend/persistence/migrations, ory/hydra's), one up and
    // one down file a step, applied by pop's migrator (`pop.NewFileMigrator(...).Up()`) or the soda CLI.
    [GeneratedRegex(@"(?:^|/)\d+_[^/]+\.up\.fizz$")]
    private static partial Regex FizzUpFile();

    [GeneratedRegex(@"^\s*--\s*\+goose\s+Up\b", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GooseUp();

    [GeneratedRegex(@"\bgoose\s*\.\s*(AddMigration|AddMigrationContext|AddNamedMigration\w*)\s*\(")]
    private static partial Regex GooseGoMigration();

    [GeneratedRegex(@"^\s*--\s*migrate:up\b", RegexOptions.Multiline)]
    private static partial Regex DbmateUp();

    /// <summary>
    /// A versioned migrator written in Go (ntfy's `migrations = map[int]func(db *sql.DB) error{0: migrateFrom0, ...}`):
    /// numbered steps applied in order from the version the database records, as the server starts.
    /// </summary>
    [GeneratedRegex(@"\bmap\[int\]func\s*\([^)]*\)[^{\n]*\{(?<steps>(?:\s*\d+\s*:\s*\w+\s*,?[ \t]*(?://[^\n]*)?)+)\s*\}")]
    private static partial Regex VersionedStepsMap();

    [GeneratedRegex(@"\d+\s*:")]
    private static partial Regex Step();

    [GeneratedRegex(@"\.\s*AutoMigrate\s*\(")]
    private static partial Regex GormAutoMigrate();

    /// <summary>ent's auto-migration (`client.Schema.Create(ctx)`): the generated client builds and alters the tables at start-up.</summary>
    [GeneratedRegex(@"\.\s*Schema\s*\.\s*Create\s*\(")]
    private static partial Regex EntAutoMigrate();

    /// <summary>xorm's table synchronisation (`engine.Sync2(new(User))`, `Sync(...)`): it creates the tables and adds the missing columns from the structs; the structs
    /// are its arguments, which a logger's or a file's Sync() has none of.</summary>
    [GeneratedRegex(@"\.\s*Sync2?\s*\(\s*[^)\s]")]
    private static partial Regex XormSync();

    /// <summary>One Go file, read once: goose's Go migrations, gorm's AutoMigrate, xorm's Sync, a map of numbered steps.</summary>
    private static void GoCode(FactContext context, SnapshotFile file, string code, List<string> goose)
    {
        if (file.Directory.Contains("migration", StringComparison.OrdinalIgnoreCase) && GooseGoMigration().IsMatch(code))
            goose.Add(file.Path);
        else if (file.Size < 1024 * 1024 && (code.Contains("gorm.io/gorm", StringComparison.Ordinal) || code.Contains("github.com/jinzhu/gorm", StringComparison.Ordinal)) && GormAutoMigrate().Match(code) is { Success: true } auto)
        {
            // gorm building the tables from the structs at start-up (opengist), gorm v1 (github.com/jinzhu/gorm) as well: a schema, never versioned.
            context.Add(FactKeys.MigrationTools, "gorm-automigrate", new Evidence(file.Path, new TextLines(code).LineOf(auto.Index)));
        }
        else if (file.Size < 1024 * 1024 && (code.Contains("entgo.io/ent", StringComparison.Ordinal) || code.Contains("/ent\"", StringComparison.Ordinal))
                 && EntAutoMigrate().Match(code) is { Success: true } ent)
        {
            // ent's generated client creating and altering the tables from the schema in code at start-up: a schema, never versioned.
            context.Add(FactKeys.MigrationTools, "ent-automigrate", new Evidence(file.Path, new TextLines(code).LineOf(ent.Index)));
        }
        else if (file.Size < 1024 * 1024 && (code.Contains("\"xorm.io/xorm\"", StringComparison.Ordinal) || code.Contains("\"github.com/go-xorm/xorm\"", StringComparison.Ordinal))
                 && XormSync().Match(code) is { Success: true } sync)
        {
            // xorm synchronising the tables with the structs as the application starts (ezbookkeeping's datastore): a schema, never versioned.
            context.Add(FactKeys.MigrationTools, "xorm-sync", new Evidence(file.Path, new TextLines(code).LineOf(sync.Index)));
        }
        if (file.Size < 1024 * 1024 && code.Contains("map[int]func", StringComparison.Ordinal) && VersionedStepsMap().Match(code) is { Success: true } map
            && Step().Count(map.Groups["steps"].Value) is var steps and >= 2)
        {
            var evidence = new Evidence(file.Path, new TextLines(code).LineOf(map.Index));
            context.Add(FactKeys.MigrationTools, "go-migrations", evidence);
            context.Count(FactKeys.MigrationCount, steps, evidence);
            context.Add(FactKeys.MigrationsAppliedAt, "start", evidence);
        }
    }

    public void Collect(FactContext context)
    {
        var files = context.Snapshot.Files
            .Where(f => !GoModules.IsVendored(f.Path) && !SourceFiles.IsNotApplication(f.Path) && !PartDetector.IsTestOrExample(f.Directory) && !SourceFiles.IsTest(f.Path))
            .ToList();
        var atlasFolders = files.Where(f => f.Name == "atlas.sum").Select(f => f.Directory).ToHashSet(StringComparer.Ordinal);

        var migrate = new List<string>();
        var goose = new List<string>();
        var dbmate = new List<string>();
        var atlas = new List<string>();
        var pop = new List<string>();
        foreach (var file in files)
        {
            if (FizzUpFile().IsMatch(file.Path))
                pop.Add(file.Path);
            else if (file.Path.EndsWith(".sql", StringComparison.Ordinal))
            {
                if (atlasFolders.Contains(file.Directory))
                    atlas.Add(file.Path);
                else if (MigrateUpFile().IsMatch(file.Path))
                    migrate.Add(file.Path);
                else if (!file.Path.EndsWith(".down.sql", StringComparison.Ordinal) && context.Snapshot.ReadTextOnceIfAny(file.Path, Anchors.SqlMigrationMarker) is { } sql)
                {
                    if (GooseUp().IsMatch(sql))
                        goose.Add(file.Path);
                    else if (DbmateUp().IsMatch(sql))
                        dbmate.Add(file.Path);
                }
            }
            else if (file.Path.EndsWith(".go", StringComparison.Ordinal) && context.Snapshot.ReadText(file.Path) is { } code)
                GoCode(context, file, code, goose);
        }
        context.RecordMigrations("golang-migrate", migrate);
        context.RecordMigrations("goose", goose);
        context.RecordMigrations("dbmate", dbmate);
        context.RecordMigrations("atlas", atlas);
        context.RecordMigrations("pop", pop);

        // A migration library the code imports, with no migration files found (they may be embedded from elsewhere).
        foreach (var module in GoModules.Of(context))
        {
            foreach (var (prefix, tool) in new[] { ("github.com/golang-migrate/migrate", "golang-migrate"), ("github.com/pressly/goose", "goose"), ("ariga.io/atlas", "atlas"), ("github.com/amacneil/dbmate", "dbmate") })
            {
                if (module.Find(prefix) is { Indirect: false } require && !context.TableFor(FactKeys.MigrationTools, module.Path).Has(FactKeys.MigrationTools, tool))
                    context.Add(FactKeys.MigrationTools, tool, require.Evidence);
            }
        }
    }

}
