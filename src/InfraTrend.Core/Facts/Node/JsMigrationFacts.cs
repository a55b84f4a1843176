using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Node;

/// <summary>
/// JS/TS migrations, counted as each tool counts them: Prisma folders with a migration.sql, Knex and Sequelize
/// timestamped files, TypeORM migration classes, Drizzle's SQL files. Prisma's datasource names the engine.
/// </summary>
public sealed partial class JsMigrationFacts : IFactSource
{
    [GeneratedRegex(@"provider\s*=\s*""(postgresql|postgres|mysql|sqlite|sqlserver|mongodb|cockroachdb)""")]
    private static partial Regex PrismaProvider();

    [GeneratedRegex(@"(^|/)migrations/\d{8,}[_-][^/]+\.(js|ts|cjs|mjs)$")]
    private static partial Regex TimestampedMigration();

    [GeneratedRegex(@"(^|/)migrations?/\d{13}-[^/]+\.ts$")]
    private static partial Regex TypeOrmMigration();

    [GeneratedRegex(@"(^|/)drizzle/\d{4}_[^/]+\.sql$")]
    private static partial Regex DrizzleMigration();

    public void Collect(FactContext context)
    {
        var files = context.Snapshot.Files.Where(f => !NodeManifests.IsVendored(f.Path)).ToList();

        var prisma = files.Where(f => f.Name == "migration.sql" && f.Path.Contains("/migrations/", StringComparison.Ordinal) && (f.Path.Contains("prisma/", StringComparison.Ordinal))).ToList();
        Record(context, "prisma", prisma.Select(f => f.Path).ToList());

        foreach (var schema in files.Where(f => f.Name == "schema.prisma" || f.Path.EndsWith(".prisma", StringComparison.Ordinal) && f.Path.Contains("prisma/", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(schema.Path) is not { } text)
                continue;
            var match = PrismaProvider().Match(text);
            if (match.Success)
            {
                var engine = match.Groups[1].Value switch { "postgresql" or "postgres" or "cockroachdb" => "postgres", var e => e };
                context.Add(FactKeys.DatabaseEngines, engine, new Evidence(schema.Path, TextLines.Find(text, match.Value)));
            }
            if (prisma.Count == 0 && schema.Name == "schema.prisma")
                context.Add(FactKeys.MigrationTools, "prisma", new Evidence(schema.Path, 1));
        }

        var manifests = NodeManifests.Of(context);
        bool Uses(string package) => manifests.Any(m => m.DependsOn(package));
        var timestamped = files.Where(f => TimestampedMigration().IsMatch(f.Path)).Select(f => f.Path).ToList();
        if (Uses("sequelize") || Uses("sequelize-cli"))
            Record(context, "sequelize", timestamped);
        else if (Uses("knex"))
            Record(context, "knex", timestamped);
        if (Uses("typeorm"))
            Record(context, "typeorm", files.Where(f => TypeOrmMigration().IsMatch(f.Path)).Select(f => f.Path).ToList());
        if (Uses("drizzle-kit") || Uses("drizzle-orm"))
            Record(context, "drizzle", files.Where(f => DrizzleMigration().IsMatch(f.Path)).Select(f => f.Path).ToList());
    }

    private static void Record(FactContext context, string tool, IReadOnlyList<string> migrations)
    {
        // Each part counts its own migrations; the evidence is the first and the last.
        foreach (var group in migrations.Order(StringComparer.Ordinal).GroupBy(p => context.PartOf(p)?.Path ?? ""))
        {
            var list = group.ToList();
            var first = new Evidence(list[0], 0);
            context.Add(FactKeys.MigrationTools, tool, first);
            context.Count(FactKeys.MigrationCount, list.Count, first);
            if (list.Count > 1)
                context.TableFor(FactKeys.MigrationCount, list[^1]).Count(FactKeys.MigrationCount, 0, new Evidence(list[^1], 0));
        }
    }
}
