using System.Text.RegularExpressions;
using InfraTrend.Facts.Ci;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Go;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Ruby;

/// <summary>
/// Active Record migrations (db/migrate/*.rb, and db/&lt;name&gt;_migrate for a second database), a seed file with code in
/// it, and a container entrypoint or start script that runs `rails db:migrate` or `db:prepare` (Rails' generated
/// bin/docker-entrypoint does).
/// </summary>
// After GoMigrationFacts, which reads database.migrationTools without what this source adds.
[FactSource(After = [typeof(GoMigrationFacts)])]
public sealed partial class RailsMigrationFacts : IFactSource
{
    [GeneratedRegex(@"(?:^|/)db/(?:\w+_)?migrate/\d+_\w+\.rb$")]
    private static partial Regex MigrationFile();

    [GeneratedRegex(@"entrypoint|start|boot|init|release|deploy|build|run", RegexOptions.IgnoreCase)]
    private static partial Regex StartScriptName();

    [GeneratedRegex(@"test|spec|setup|dev|lint|(^|[-_.])ci([-_.]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex LocalScriptName();

    public void Collect(FactContext context)
    {
        var migrations = context.Snapshot.Files
            .Where(f => MigrationFile().IsMatch(f.Path) && !Gemfiles.IsVendored(f.Path) && !RubyParts.IsFixture(f.Directory) && !f.Path.Contains("/templates/", StringComparison.Ordinal))
            .Select(f => f.Path)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var group in migrations.GroupBy(p => context.PartOf(p)?.Path ?? ""))
        {
            var list = group.ToList();
            var first = new Evidence(list[0], 0);
            context.Add(FactKeys.MigrationTools, "rails", first);
            context.Count(FactKeys.MigrationCount, list.Count, first);
            if (list.Count > 1)
                context.TableFor(FactKeys.MigrationCount, list[^1]).Count(FactKeys.MigrationCount, 0, new Evidence(list[^1], 0));
        }

        foreach (var seeds in context.FilesNamed("seeds.rb").Where(f => f.Directory.EndsWith("db", StringComparison.Ordinal) && !Gemfiles.IsVendored(f.Path) && !RubyParts.IsFixture(f.Directory)))
        {
            // Rails generates db/seeds.rb with nothing but comments: only code seeds anything.
            if (context.Snapshot.ReadText(seeds.Path) is { } text && FirstCodeLine(text) is > 0 and var line)
                context.Flag(FactKeys.SeedScript, new Evidence(seeds.Path, line));
        }

        foreach (var script in context.Snapshot.Files.Where(IsStartScript))
        {
            if (context.Snapshot.ReadText(script.Path) is not { } text || !text.Contains("db:", StringComparison.Ordinal))
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (!line.StartsWith('#') && line.Contains("db:", StringComparison.Ordinal) && CommandClassifier.Direct(line).Migrate)
                    context.Add(FactKeys.MigrationsAppliedAt, Stage(script.Name), new Evidence(script.Path, i + 1));
            }
        }
    }

    private static string Stage(string name) =>
        name.Contains("build", StringComparison.OrdinalIgnoreCase) ? "build" : name.Contains("release", StringComparison.OrdinalIgnoreCase) ? "release" : "start";

    /// <summary>bin/docker-entrypoint, an entrypoint or start shell script (not a pipeline's, a test's or a vendored one).</summary>
    private static bool IsStartScript(SnapshotFile file)
    {
        var name = file.Name;
        var shell = name.EndsWith(".sh", StringComparison.Ordinal) || !name.Contains('.') && (file.Directory.EndsWith("bin", StringComparison.Ordinal) || name.Contains("entrypoint", StringComparison.Ordinal));
        return shell && StartScriptName().IsMatch(name) && !LocalScriptName().IsMatch(name) && !file.Path.StartsWith(".github/", StringComparison.Ordinal)
            && !Gemfiles.IsVendored(file.Path) && !RubyParts.IsFixture(file.Directory) && !SourceFiles.IsTest(file.Path);
    }

    private static int FirstCodeLine(string text)
    {
        var lines = Gemfiles.CodeLines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
                return i + 1;
        }
        return 0;
    }
}
