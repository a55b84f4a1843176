using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Database;

[Analyzer(
    "database.seed",
    Category = Category.Database,
    Level = 3,
    Weight = 0.5,
    WeightReason = "Seed data makes a fresh environment usable in one command; a convenience for development and tests more than a safeguard, and many applications (a CI server, a blog engine) need none, so its absence costs little.",
    Severity = Severity.Low,
    Title = "Seed data",
    LooksFor = "Seed data of any ecosystem: prisma db seed, db/seeds.rb, Django fixtures or a seed command, EF Core HasData, Spring data.sql, knex or Sequelize seeders, a seed script or Seeder project.",
    WhyItMatters = "Without seed data every developer and every test environment builds its own by hand, and they all differ.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class SeedAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a seed script that fills a fresh database with the data development and tests need.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (MigrationTools.NotApplicable(context) is { } notApplicable)
            return [notApplicable];
        if (context.Facts.Bool(FactKeys.SeedScript))
            return [context.Pass("Seed data fills a fresh database.", context.EvidenceOf(FactKeys.SeedScript))];
        return [context.Fail("No seed data: a fresh database starts empty.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context) =>
        MigrationTools.ToolOf(context) switch
        {
            "prisma" => "Add prisma/seed.ts and \"prisma\": { \"seed\": \"tsx prisma/seed.ts\" } to package.json; prisma migrate reset and prisma db seed run it",
            "ef-core" => "Seed with modelBuilder.Entity<T>().HasData(...) in OnModelCreating, or UseSeeding/UseAsyncSeeding on the DbContext options (EF Core 9+)",
            "django" => "Add fixtures (python manage.py dumpdata > fixtures/seed.json) and load them with python manage.py loaddata seed",
            "rails" => "Fill db/seeds.rb and run bin/rails db:seed",
            "knex" => "Add seeds with knex seed:make initial and run knex seed:run",
            "sequelize" => "Add seeders with sequelize-cli seed:generate --name initial and run sequelize-cli db:seed:all",
            _ => RemediationText,
        };
}
