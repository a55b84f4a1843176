using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases seen after the ninth split's look: a Node app on Vercel or Heroku applies its Prisma migrations in the
/// build hook the platform runs on every deploy. The fixture is written by hand after mfts/papermark; none of its files are copied.
/// </summary>
public class CorpusCasesDatabase4Tests
{
    [Theory]
    [InlineData("vercel-build")]
    [InlineData("heroku-postbuild")]
    public void A_platform_build_hook_that_runs_prisma_migrate_deploy_applies_the_migrations(string hook)
    {
        using var repo = TestRepository.Create()
            .Write("package.json", "{ \"name\": \"docs\", \"scripts\": { \"dev\": \"next dev\", \"" + hook + "\": \"prisma migrate deploy && next build\" }, \"dependencies\": { \"next\": \"15.0.0\", \"@prisma/client\": \"6.0.0\" }, \"devDependencies\": { \"prisma\": \"6.0.0\" } }")
            .Write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n");
        // Past a baseline: a history of schema changes, as papermark's hundred.
        for (var i = 1; i <= 6; i++)
            repo.Write($"prisma/migrations/2024010{i}000000_step_{i}/migration.sql", $"CREATE TABLE \"T{i}\" (\"id\" TEXT NOT NULL);\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void A_dev_script_that_runs_prisma_migrate_dev_applies_nothing_on_release()
    {
        using var repo = TestRepository.Create()
            .Write("package.json", "{ \"name\": \"docs\", \"scripts\": { \"dev\": \"prisma migrate dev && next dev\", \"build\": \"next build\" }, \"dependencies\": { \"next\": \"15.0.0\", \"@prisma/client\": \"6.0.0\" } }")
            .Write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n")
            .Write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE \"Doc\" (\"id\" TEXT NOT NULL);\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }
}
