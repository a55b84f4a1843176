using InfraTrend.Analyzers;
using InfraTrend.Analyzers.Ci;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

/// <summary>Fixes written for Python and Go parts use the part's stack and package manager (uv, Poetry, Pipenv, pip; Go modules).</summary>
public class PythonGoStackTests
{
    private static FactTable Managers(params string[] managers) => Table(t =>
    {
        foreach (var manager in managers)
            t.SetEntry(FactKeys.PackageManagers, manager, null);
    });

    [Fact]
    public void A_Django_part_that_ships_JavaScript_is_a_Python_part_managed_by_uv_before_pip()
    {
        var part = Table(t =>
        {
            t.Add(FactKeys.Languages, "javascript");
            t.Add(FactKeys.Languages, "python");
            t.Add(FactKeys.Frameworks, "django");
        });

        var stack = StackProfile.From(part, Managers("pip", "uv", "npm"));

        Assert.Equal(("python", "uv"), (stack.Ecosystem, stack.PackageManager));
        Assert.Equal("uv add django-ratelimit", stack.AddPackage(python: "django-ratelimit"));
        Assert.Equal("uv run ruff check .", PipelineCommands.Lint(stack));
        Assert.Equal("uv sync --frozen", PipelineCommands.Install(stack));
    }

    [Theory]
    [InlineData("poetry", "poetry run alembic upgrade head", "poetry add sentry-sdk")]
    [InlineData("pipenv", "pipenv run alembic upgrade head", "pipenv install sentry-sdk")]
    [InlineData("pip", "alembic upgrade head", "pip install sentry-sdk (and add it to requirements.txt)")]
    public void Python_commands_run_through_the_package_manager(string manager, string upgrade, string add)
    {
        var part = Table(t =>
        {
            t.Add(FactKeys.Languages, "python");
            t.Add(FactKeys.MigrationTools, "alembic");
            t.Count(FactKeys.MigrationCount, 3);
        });

        var finding = OnPart("database.migrations-applied", new PartFacts("api", "api", "service") { Facts = part }, Managers(manager));

        Assert.Contains(upgrade, finding.Fix);
        Assert.Equal(add, StackProfile.From(part, Managers(manager)).AddPackage(python: "sentry-sdk"));
    }

    [Fact]
    public void A_gin_part_is_a_Go_part_with_go_modules_even_beside_a_front_end_language()
    {
        var part = Table(t =>
        {
            t.Add(FactKeys.Languages, "go");
            t.Add(FactKeys.Languages, "typescript");
            t.Add(FactKeys.Frameworks, "gin");
            t.Add(FactKeys.Frameworks, "react");
        });

        var stack = StackProfile.From(part, Managers("go-modules", "yarn"));

        Assert.Equal(("go", "go-modules"), (stack.Ecosystem, stack.PackageManager));
        Assert.Equal("go get github.com/redis/go-redis/v9", stack.AddPackage(go: "github.com/redis/go-redis/v9"));
        Assert.Equal("go test ./...", PipelineCommands.Test(stack));
        Assert.Equal("migrate -path migrations -database \"$DATABASE_URL\" up", PipelineCommands.Exec(stack, "migrate -path migrations -database \"$DATABASE_URL\" up"));
    }
}
