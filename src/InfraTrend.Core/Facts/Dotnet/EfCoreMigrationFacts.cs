using System.Text.RegularExpressions;
using InfraTrend.Facts.Go;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Dotnet;

/// <summary>
/// EF Core migrations, counted from file names (never parsed: on large repositories they are most of the C#),
/// and whether the application applies them as it starts: `Database.Migrate()` in application code, or
/// `dotnet ef database update` in an entrypoint script.
/// </summary>
// After GoMigrationFacts, which reads database.migrationTools without what this source adds.
[FactSource(After = [typeof(GoMigrationFacts)])]
public sealed partial class EfCoreMigrationFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        var workspace = DotnetWorkspace.Of(context);
        CountMigrations(context, workspace);
        FindMigrateCalls(context);
        FindStartScripts(context);
    }

    private static void CountMigrations(FactContext context, DotnetWorkspace workspace)
    {
        var folders = context.Snapshot.Files
            .Where(f => IsMigrationFile(f) && !DotnetWorkspace.IsVendored(f.Path) && !PartDetector.IsTestOrExample(f.Directory))
            .GroupBy(f => f.Directory, StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var migrations = folder.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            var firstText = context.Snapshot.ReadText(migrations[0].Path) ?? "";
            if (!IsEfCoreFolder(context.Snapshot, folder.Key, firstText))
                continue;
            var first = new Evidence(migrations[0].Path, ClassHeaderLine(firstText));
            // Entity Framework 6 names its migrations with a 15-digit stamp and derives them from DbMigration.
            workspace.Add(FactKeys.MigrationTools, Ef6Migration().IsMatch(migrations[0].Name) || firstText.Contains(": DbMigration", StringComparison.Ordinal) ? "ef6" : "ef-core", first);
            var last = migrations.Count > 1 ? new Evidence(migrations[^1].Path, ClassHeaderLine(context.Snapshot.ReadText(migrations[^1].Path) ?? "")) : null;
            SharedCount.Add(context, workspace.TablesFor(first.Path), FactKeys.MigrationCount, migrations.Count, first, last);
        }
    }

    /// <summary>`Migrations/20240105120000_AddOrders.cs`, not its `.Designer.cs` nor the model snapshot.</summary>
    private static bool IsMigrationFile(SnapshotFile file) =>
        MigrationFileName().IsMatch(file.Name)
        && !file.Name.EndsWith(".Designer.cs", StringComparison.OrdinalIgnoreCase)
        && !file.Name.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal)
        && InMigrationsFolder(file.Path)
        && !DotnetWorkspace.IsInFolderNamed(file.Path, "obj") && !DotnetWorkspace.IsInFolderNamed(file.Path, "bin");

    /// <summary>
    /// A `Migrations` folder, or a migrations project of its own (fullstackhero's `FSH.Starter.Migrations.PostgreSQL/Audit/`),
    /// as EF Core's `--project` option lets a solution keep them.
    /// </summary>
    private static bool InMigrationsFolder(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i].Equals("Migrations", StringComparison.OrdinalIgnoreCase) || segments[i].Split('.').Contains("Migrations", StringComparer.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>
    /// EF Core writes a model snapshot and a .Designer.cs beside its migrations; FluentMigrator, which also uses
    /// timestamped names, writes neither. Without them, the first migration's header tells.
    /// </summary>
    private static bool IsEfCoreFolder(Snapshot snapshot, string folder, string firstText) =>
        snapshot.Files.Any(f => f.Directory == folder && (f.Name.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal) || f.Name.EndsWith(".Designer.cs", StringComparison.OrdinalIgnoreCase)))
        || firstText.Contains("MigrationBuilder", StringComparison.Ordinal) || firstText.Contains(": DbMigration", StringComparison.Ordinal);

    private static int ClassHeaderLine(string text)
    {
        var match = MigrationClassHeader().Match(text);
        return match.Success ? new TextLines(text).LineOf(match.Index) : 0;
    }

    /// <summary>Whether a file may call `Migrate()`: only those are parsed (see <see cref="CSharpSyntaxTrees.Application"/>).</summary>
    internal static bool WorthParsing(string text) =>
        text.Contains("Migrate", StringComparison.Ordinal) && text.Contains("Database", StringComparison.Ordinal);

    private static void FindMigrateCalls(FactContext context)
    {
        foreach (var (_, text, tree) in CSharpSyntaxTrees.Application(context))
        {
            if (!WorthParsing(text))
                continue;
            foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                // `db.Database.Migrate()`, `scope.ServiceProvider.GetRequiredService<AppDb>().Database.MigrateAsync()`, and
                // `Database.Migrate()` inside the DbContext itself (Piranha's Db constructor migrates as the context first opens).
                if (invocation.Expression is MemberAccessExpressionSyntax
                    {
                        Name.Identifier.ValueText: var name,
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Database" } or IdentifierNameSyntax { Identifier.ValueText: "Database" },
                    } call && IsMigrateMethod(name))
                    context.Add(FactKeys.MigrationsAppliedAt, "start", CSharpSyntaxTrees.EvidenceAt(tree, call.Name.Identifier));
            }
        }
    }

    /// <summary>`Migrate`, `MigrateAsync`, and a project's own extension over them (VirtoCommerce's `Database.MigrateIfNotApplied(name)`).</summary>
    private static bool IsMigrateMethod(string name) => name.StartsWith("Migrate", StringComparison.Ordinal) && !name.StartsWith("Migrations", StringComparison.Ordinal);

    /// <summary>
    /// `dotnet ef database update` (or a migrations bundle) in a container entrypoint or start script. Dockerfiles,
    /// Procfiles, platform descriptors and pipelines are read by their own sources.
    /// </summary>
    private static void FindStartScripts(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (!IsStartScript(file) || DotnetWorkspace.IsVendored(file.Path) || context.Snapshot.ReadText(file.Path) is not { } text || !ApplyMigrations().IsMatch(text))
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (!line.StartsWith('#') && ApplyMigrations().IsMatch(line) && !line.Contains("migrations bundle", StringComparison.Ordinal))
                    context.Add(FactKeys.MigrationsAppliedAt, "start", new Evidence(file.Path, i + 1));
            }
        }
    }

    private static bool IsStartScript(SnapshotFile file)
    {
        var name = file.Name.ToLowerInvariant();
        return (name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".ps1", StringComparison.Ordinal))
            && StartScriptName().IsMatch(name)
            && !file.Path.StartsWith(".github/", StringComparison.Ordinal) && !PartDetector.IsTestOrExample(file.Directory);
    }

    [GeneratedRegex(@"^\d{14,15}_.+\.cs$")]
    private static partial Regex MigrationFileName();

    [GeneratedRegex(@"^\d{15}_")]
    private static partial Regex Ef6Migration();

    [GeneratedRegex(@"class\s+\w+\s*:\s*(?:[\w.]+\.)?Migration\b")]
    private static partial Regex MigrationClassHeader();

    [GeneratedRegex(@"dotnet[\s-]+ef\s+database\s+update|\befbundle\b", RegexOptions.IgnoreCase)]
    private static partial Regex ApplyMigrations();

    [GeneratedRegex(@"entrypoint|start|run|boot|init")]
    private static partial Regex StartScriptName();
}
