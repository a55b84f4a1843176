using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Python;

/// <summary>
/// Python migrations, counted as each tool counts them: Alembic (and Flask-Migrate) revision files in the versions/
/// folder beside an env.py that runs Alembic; Django's numbered files in an app's migrations/ folder.
/// </summary>
public sealed partial class PythonMigrationFacts : IFactSource
{
    [GeneratedRegex(@"(?:^|/)migrations/\d{4}_[^/]+\.py$")]
    private static partial Regex DjangoMigration();

    public void Collect(FactContext context)
    {
        var files = context.Snapshot.Files.Where(f => !PythonManifests.IsVendored(f.Path) && !SourceFiles.IsNotApplication(f.Path) && !IsTestOrExample(f.Path)).ToList();

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
