using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the nineteenth round: a getting-started Rails app with its one initial migration
/// (heroku/ruby-getting-started), a .NET sample with a single EF Core migration (aspnetrun/run-aspnetcore-microservices)
/// and a Go service with three golang-migrate steps (flipt-io/flipt). The later auditors scored their databases 35 to 40:
/// a tool set up, no schema change carried through it yet. The fixtures are written by hand; none of their files are copied.
/// </summary>
public class CorpusCasesDatabase19Tests
{
    private static TestRepository RailsApp(int migrations)
    {
        var repo = TestRepository.Create()
            .Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.1\"\ngem \"pg\"\n")
            .Write("config/routes.rb", "Rails.application.routes.draw do\n  resources :widgets\nend\n");
        for (var i = 1; i <= migrations; i++)
            repo.Write($"db/migrate/2024010{i}000000_step_{i}.rb", $"class Step{i} < ActiveRecord::Migration[7.1]\n  def change\n    create_table :t{i}\n  end\nend\n");
        return repo;
    }

    [Fact]
    public void A_single_initial_migration_is_a_baseline_not_a_history()
    {
        using var repo = RailsApp(1);

        var finding = Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations").Finding;

        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.75, finding.Score);
        Assert.Contains("1 migration committed, managed with rails; a baseline", finding.Message);
    }

    [Theory]
    [InlineData(4, FindingStatus.Partial)]
    [InlineData(5, FindingStatus.Pass)]
    public void Five_migrations_are_a_history_of_schema_changes(int migrations, FindingStatus expected)
    {
        using var repo = RailsApp(migrations);

        Assert.Equal(expected, Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations").Finding.Status);
    }

    [Fact]
    public void Three_golang_migrate_steps_are_a_baseline_too()
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/flags\n\ngo 1.22\n\nrequire (\n\tgithub.com/golang-migrate/migrate/v4 v4.17.0\n\tgithub.com/lib/pq v1.10.9\n)\n")
            .Write("cmd/server/main.go", "package main\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t_ \"github.com/lib/pq\"\n)\n\nfunc main() {\n\tdb, _ := sql.Open(\"postgres\", \"\")\n\t_ = db\n\thttp.ListenAndServe(\":8080\", nil)\n}\n");
        for (var i = 1; i <= 3; i++)
            repo.Write($"migrations/00000{i}_step.up.sql", $"CREATE TABLE t{i} (id INT);\n");

        var finding = Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations").Finding;

        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.75, finding.Score);
    }
}
