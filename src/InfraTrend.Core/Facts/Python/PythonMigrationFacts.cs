using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Python;

/// <summary>
/// Python migrations, counted as each tool counts them: Alembic (and Flask-Migrate) revision files in the versions/
/// folder beside an env.py that runs Alembic; Django's numbered files in an app's migrations/ folder.
/// </summary>
public sealed partial class PythonMigrationFacts : IFactSource
{
    // A package named by MIGRATION_MODULES may carry a prefix (DefectDojo's dojo/db_migrations).
    [GeneratedRegex(@"(?:^|/)(?:\w+_)?migrations/\d{4}_[^/]+\.py$")]
    private static partial Regex DjangoMigration();

    /// <summary>A numbered migration step written as a function (lnbits' `async def m001_initial(db):` in migrations.py).</summary>
    [GeneratedRegex(@"^(?:async\s+)?def\s+m\d+_\w*\s*\(", RegexOptions.Multiline)]
    private static partial Regex NumberedStepFunction();

    [GeneratedRegex(@"(?<![\w.])(?:await\s+)?(?:migrate_\w+|run_migrations|apply_migrations)\s*\(")]
    private static partial Regex StartupMigrateCall();

    public void Collect(FactContext context)
    {
        var files = context.Snapshot.Files.Where(f => !PythonManifests.IsVendored(f.Path) && !SourceFiles.IsNotApplication(f.Path) && !IsTestOrExample(f.Path)).ToList();

        // The application's own versioned migrator: numbered step functions in a migrations module, applied in order.
        foreach (var module in files.Where(f => f.Name == "migrations.py"))
        {
            if (context.Snapshot.ReadText(module.Path) is not { } text || NumberedStepFunction().Matches(text) is not { Count: >= 2 } steps)
                continue;
            var evidence = new Evidence(module.Path, new TextLines(text).LineOf(steps[0].Index));
            context.Add(FactKeys.MigrationTools, "python-migrations", evidence);
            context.Count(FactKeys.MigrationCount, steps.Count, evidence);
        }
        // ...and the application entry module running them as it starts (lnbits' app.py: `await migrate_databases()`).
        foreach (var entry in files.Where(f => f.Name is "app.py" or "main.py" or "server.py" or "__main__.py" or "asgi.py" or "wsgi.py"))
        {
            if (context.Snapshot.ReadText(entry.Path) is { } text && StartupMigrateCall().Match(text) is { Success: true } call
                && !text[..call.Index].TrimEnd().EndsWith("def", StringComparison.Ordinal))
                context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(entry.Path, new TextLines(text).LineOf(call.Index)));
        }

        // Alembic: env.py names alembic; its versions/ folder holds one revision per file.
        var alembicFolders = files
            .Where(f => f.Name == "env.py" && context.Snapshot.ReadText(f.Path) is { } text && text.Contains("alembic", StringComparison.Ordinal))
            .Select(f => f.Directory)
            .ToHashSet(StringComparer.Ordinal);
        var revisions = files
            .Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal) && f.Name != "__init__.py" && alembicFolders.Contains(Parent(f.Directory)) && f.Directory.EndsWith("versions", StringComparison.Ordinal))
            .Select(f => f.Path)
            .ToList();
        context.RecordMigrations("alembic", revisions);
        foreach (var folder in alembicFolders.Where(d => !revisions.Any(r => Prefixes.IsUnder(r, d, '/'))))
            context.Add(FactKeys.MigrationTools, "alembic", new Evidence(Join(folder, "env.py"), 0));

        // Django: numbered modules of a migrations package that Django generated.
        var django = new List<string>();
        foreach (var folder in files.Where(f => DjangoMigration().IsMatch(f.Path)).GroupBy(f => f.Directory))
        {
            var first = folder.OrderBy(f => f.Path, StringComparer.Ordinal).First();
            var text = context.Snapshot.ReadText(first.Path) ?? "";
            if (text.Contains("migrations.Migration", StringComparison.Ordinal) || text.Contains("from django", StringComparison.Ordinal))
                django.AddRange(folder.Select(f => f.Path));
        }
        context.RecordMigrations("django", django);
    }

    private static bool IsTestOrExample(string path) => PartDetector.IsTestOrExample(path.Contains('/') ? path[..path.LastIndexOf('/')] : ".");

    private static string Parent(string folder) => folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : ".";

    private static string Join(string folder, string name) => folder is "." or "" ? name : folder + "/" + name;

}
