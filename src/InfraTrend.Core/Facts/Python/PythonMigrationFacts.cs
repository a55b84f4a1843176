using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Python;

/// <summary>
/// Python migrations, counted as each tool counts them: Alembic (and Flask-Migrate) revision files in the versions/
/// folder beside an env.py that runs Alembic; Django's numbered files in an app's migrations/ folder.
/// </summary>
[FactSource]
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

        AppliedByApplicationCode(context, files);

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

    /// <summary>Flask-Migrate's upgrade imported, Alembic's command module, or Django's call_command.</summary>
    [GeneratedRegex(@"^\s*from\s+flask_migrate\s+import\s+[^\n]*\bupgrade\b|^\s*(?:from\s+alembic\s+import\s+command|import\s+alembic\.command)\b|\bcall_command\b", RegexOptions.Multiline)]
    private static partial Regex MigrationApi();

    /// <summary>`upgrade(...)`, `flask_migrate.upgrade(...)`, `command.upgrade(cfg, "head")`, `call_command("migrate")`.</summary>
    [GeneratedRegex(@"^[ \t]+(?:\w+\s*=\s*)?(?:(?:flask_migrate|alembic\.command|command|alembic_command)\.)?upgrade\s*\(|\bcall_command\(\s*['""]migrate['""]", RegexOptions.Multiline)]
    private static partial Regex MigrationApiCall();

    // `async def lifespan(app):` encloses the call as much as `def create_app():` does.
    [GeneratedRegex(@"^([ \t]*)(?:async[ \t]+)?def\s+(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex PythonDef();

    /// <summary>
    /// The application's own code applying the migrations as it starts: Flask-Migrate's upgrade() in the app factory
    /// (create_app -> setup_database -> upgrade), Alembic's command.upgrade, Django's call_command("migrate") in a
    /// start-up path. Not inside a CLI command (an operator runs that by hand), a management command, a migration or a test.
    /// </summary>
    private static void AppliedByApplicationCode(FactContext context, List<Scanning.SnapshotFile> files)
    {
        foreach (var file in files.Where(f => f.Name.EndsWith(".py", StringComparison.Ordinal) && f.Name != "env.py" && !SourceFiles.IsTest(f.Path)
                     && !f.Directory.Split('/').Any(d => d.Contains("migrat", StringComparison.OrdinalIgnoreCase) || d is "commands" or "scripts" or "tools" or "bin")))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !MigrationApi().IsMatch(text))
                continue;
            foreach (Match call in MigrationApiCall().Matches(text))
            {
                var function = PythonDef().Matches(text[..call.Index]).LastOrDefault();
                if (function is null)
                    continue;
                var name = function.Groups[2].Value;
                // The function's decorators: a click/Flask CLI command or a manager command is run by hand.
                var decorators = Decorators(text[..function.Index], function.Groups[1].Value.Length);
                if (decorators.Any(d => d.Contains("command", StringComparison.Ordinal) || d.Contains(".cli", StringComparison.Ordinal) || d.Contains("manager.", StringComparison.Ordinal))
                    || name.StartsWith("test", StringComparison.Ordinal) || name is "upgrade" or "downgrade" or "migrate" or "handle")
                    continue;
                context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, new TextLines(text).LineOf(call.Index)));
                return;
            }
        }
    }

    /// <summary>The decorator lines above a def (multi-line ones included: `@click.option(\n    "--sql",\n)`).</summary>
    private static List<string> Decorators(string before, int indent)
    {
        var lines = before.TrimEnd().Split('\n');
        var kept = new List<string>();
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            var depth = line.Length - trimmed.Length;
            if (trimmed.Length == 0)
                break;
            if (depth == indent && !trimmed.StartsWith('@') && !trimmed.StartsWith(')'))
                break;
            if (depth < indent)
                break;
            kept.Add(line);
        }
        return kept;
    }

    private static bool IsTestOrExample(string path) => PartDetector.IsTestOrExample(path.Contains('/') ? path[..path.LastIndexOf('/')] : ".");

    private static string Parent(string folder) => folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : ".";

    private static string Join(string folder, string name) => folder is "." or "" ? name : folder + "/" + name;

}
