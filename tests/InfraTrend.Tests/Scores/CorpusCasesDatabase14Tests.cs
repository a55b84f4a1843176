using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the fourteenth round: migrations a Go server applies through a helper named for them, called as it
/// opens its database (sysadminsmedia/homebox), and a deploy hook in a Rails application's script/ folder
/// (mysociety/alaveteli). The fixtures are written by hand after those repositories; none of their files are copied.
/// </summary>
public class CorpusCasesDatabase14Tests
{
    private static TestRepository GooseServer(string setup)
    {
        var repo = TestRepository.Create()
            .Write("go.mod", "module example.org/inventory\n\ngo 1.22\n\nrequire (\n\tgithub.com/pressly/goose/v3 v3.20.0\n\tgithub.com/jackc/pgx/v5 v5.5.0\n)\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb, _ := setupDatabase(\"postgres\")\n\t_ = db\n\thttp.ListenAndServe(\":7745\", nil)\n}\n")
            .Write("setup.go", setup);
        for (var i = 1; i <= 6; i++)
            repo.Write($"migrations/2024010{i}120000_step_{i}.sql", $"-- +goose Up\nALTER TABLE items ADD COLUMN c{i} TEXT;\n-- +goose Down\nALTER TABLE items DROP COLUMN c{i};\n");
        return repo;
    }

    private const string Helper = "package main\n\nimport (\n\t\"database/sql\"\n\n\t_ \"github.com/jackc/pgx/v5/stdlib\"\n\t\"github.com/pressly/goose/v3\"\n)\n\n"
        + "func runMigrations(db *sql.DB, driver string) error {\n\tif err := goose.SetDialect(driver); err != nil {\n\t\treturn err\n\t}\n\treturn goose.Up(db, \"migrations\")\n}\n\n";

    [Fact]
    public void A_migration_helper_called_as_the_server_opens_its_database_applies_the_migrations_at_start()
    {
        // sysadminsmedia/homebox: backend/app/api/setup.go's setupDatabase opens the database and calls runMigrations,
        // which runs goose.Up over the embedded migrations. The auditor: "applied by the app at start-up".
        using var repo = GooseServer(Helper + "func setupDatabase(driver string) (*sql.DB, error) {\n\tdb, err := sql.Open(\"pgx\", \"\")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tif err := runMigrations(db, driver); err != nil {\n\t\treturn nil, err\n\t}\n\treturn db, nil\n}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void A_migration_helper_only_a_migrate_command_calls_applies_nothing_at_start()
    {
        // The same helper called from a `migrate` command's function is run by hand.
        using var repo = GooseServer(Helper + "func setupDatabase(driver string) (*sql.DB, error) {\n\treturn sql.Open(\"pgx\", \"\")\n}\n\nfunc migrateCommand(db *sql.DB) error {\n\treturn runMigrations(db, \"postgres\")\n}\n");

        var facts = Extract(repo);

        Assert.DoesNotContain("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }
}

public class CorpusCasesDatabase14ScriptTests
{
    private static TestRepository RailsApp()
    {
        var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
            .Write("config/application.rb", "module Requests\n  class Application < Rails::Application\n  end\nend\n");
        for (var i = 1; i <= 6; i++)
            repo.Write($"db/migrate/2024010{i}120000_step_{i}.rb", $"class Step{i} < ActiveRecord::Migration[7.1]\n  def change\n    add_column :requests, :c{i}, :string\n  end\nend\n");
        return repo;
    }

    [Fact]
    public void A_deploy_hook_in_the_rails_script_folder_applies_the_migrations_on_release()
    {
        // mysociety/alaveteli: script/rails-deploy-while-down (no extension), run by the deploy tooling while the site is
        // down, runs `bundle exec rake db:migrate`. The auditor scored database 74.
        using var repo = RailsApp()
            .Write("script/rails-deploy-while-down", "#!/bin/bash\n# Deploy actions done while the site is down.\nset -e\n\n# upgrade database\nbundle exec rake db:migrate\n");

        var facts = Extract(repo);

        Assert.Contains("release", facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void A_scripts_to_rule_them_all_update_script_migrates_a_laptop_not_a_release()
    {
        // TracksApp/tracks: script/update ("Update application to run for its current checkout") runs db:migrate in the
        // development compose stack; the auditor: nothing applies the migrations on deploy.
        using var repo = RailsApp()
            .Write("script/update", "#!/bin/sh\n# script/update: Update application to run for its current checkout.\nset -e\nscript/bootstrap\ndocker-compose run web bin/rake db:migrate\n");

        var facts = Extract(repo);

        Assert.Empty(facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }
}
