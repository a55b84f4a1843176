using InfraTrend.Analyzers;
using InfraTrend.Analyzers.Database;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Facts.Ci;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the seventh round, seen on the ninth split (now tuning data) and across the corpus: an operator
/// page under docs/ that gives the upgrade command (Netflix/lemur), a Go server's one-dash start flag that migrates
/// (arp242/goatcounter), a Procfile release phase that runs the project's own rake task (TheOdinProject/theodinproject),
/// gorm v1's AutoMigrate (statping-ng/statping-ng), dated Go steps registering themselves from init() beside an AutoMigrate
/// call (muety/wakapi), a deploy step running a namespaced db:migrate rake task (sharetribe/sharetribe), and a schema
/// synchronised at start-up scored above a schema.sql. The fixtures are written by hand after those repositories; none of their files are copied.
/// </summary>
public class CorpusCasesDatabase7Tests
{
    private static TestRepository FlaskApp() => TestRepository.Create()
        .Write("pyproject.toml", "[project]\nname = \"certs\"\ndependencies = [\"flask\", \"flask-sqlalchemy\", \"flask-migrate\", \"psycopg2\"]\n")
        .Write("certs/factory.py", "from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n")
        .Write("certs/migrations/env.py", "from alembic import context\n")
        .Write("certs/migrations/versions/a1_init.py", "def upgrade():\n    pass\n")
        .Write("certs/migrations/versions/a2_add.py", "def upgrade():\n    pass\n")
        .Write("certs/migrations/versions/a3_add.py", "def upgrade():\n    pass\n")
        .Write("certs/migrations/versions/a4_add.py", "def upgrade():\n    pass\n")
        .Write("certs/migrations/versions/a5_add.py", "def upgrade():\n    pass\n");

    [Fact]
    public void An_administration_page_under_docs_giving_the_upgrade_command_earns_half()
    {
        // Netflix/lemur: docs/administration.rst documents `lemur db upgrade` as the step of each upgrade.
        using var repo = FlaskApp()
            .Write("docs/administration.rst", "Command line\n============\n\n.. data:: db upgrade\n\n    Performs any needed database migrations.\n\n    ::\n\n        certs db upgrade\n");

        var applied = Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations-applied").Finding;

        Assert.Equal((FindingStatus.Partial, MigrationsAppliedAnalyzer.DocumentedScore), (applied.Status, applied.Score));
    }

    [Fact]
    public void A_contributor_page_under_docs_is_still_not_an_upgrade_procedure()
    {
        using var repo = FlaskApp()
            .Write("docs/developer/index.rst", "Set-up\n======\n\n    certs db upgrade\n");

        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations-applied").Finding.Status);
    }

    private static TestRepository GoServer(string cmd) => TestRepository.Create()
        .Write("go.mod", "module example.org/counter\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n")
        .Write("main.go", "package main\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t_ \"github.com/lib/pq\"\n)\n\nfunc main() {\n\tsql.Open(\"postgres\", \"\")\n\thttp.ListenAndServe(\":8080\", nil)\n}\n")
        .Write("db/migrate/2021-01-01-1-init.sql", "create table hits (id int);\n")
        .Write("db/migrate/2021-02-01-1-sites.sql", "create table sites (id int);\n")
        .Write("db/migrate/2021-03-01-1-users.sql", "create table users (id int);\n")
        .Write("db/migrate/2021-04-01-1-paths.sql", "create table paths (id int);\n")
        .Write("db/migrate/2021-05-01-1-refs.sql", "create table refs (id int);\n")
        .Write("db/migrate/2021-06-01-1-stats.sql", "create table stats (id int);\n")
        .Write("Dockerfile", "FROM golang:1.22 AS build\nRUN go build -o /counter .\nFROM alpine:3.20\nCOPY --from=build /counter /usr/bin/counter\nentrypoint [\"counter\"]\n" + cmd + "\n");

    [Fact]
    public void A_go_servers_one_dash_automigrate_flag_in_the_image_command_applies_the_migrations_at_start()
    {
        // arp242/goatcounter: `entrypoint ["goatcounter"]` then `cmd ["serve", "-automigrate"]` (lower-case instructions).
        using var repo = GoServer("cmd [\"serve\", \"-automigrate\"]");

        var applied = Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations-applied").Finding;

        Assert.Equal(FindingStatus.Pass, applied.Status);
    }

    [Fact]
    public void A_start_command_without_a_migrate_flag_applies_nothing()
    {
        using var repo = GoServer("cmd [\"serve\", \"-listen\", \":8080\"]");

        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations-applied").Finding.Status);
    }

    private static TestRepository RailsApp(string rake) => TestRepository.Create()
        .Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.1\"\ngem \"pg\"\n")
        .Write("config/application.rb", "require \"rails/all\"\nmodule Lessons\n  class Application < Rails::Application\n  end\nend\n")
        .Write("config/database.yml", "production:\n  adapter: postgresql\n")
        .Write("Procfile", "release: bin/rails platform:release\nweb: bundle exec puma -C config/puma.rb\n")
        .Write("lib/tasks/platform.rake", rake)
        .Write("db/migrate/20240101000001_create_lessons.rb", "class CreateLessons < ActiveRecord::Migration[7.1]\nend\n")
        .Write("db/migrate/20240101000002_create_paths.rb", "class CreatePaths < ActiveRecord::Migration[7.1]\nend\n")
        .Write("db/migrate/20240101000003_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\nend\n")
        .Write("db/migrate/20240101000004_add_slug.rb", "class AddSlug < ActiveRecord::Migration[7.1]\nend\n")
        .Write("db/migrate/20240101000005_add_index.rb", "class AddIndex < ActiveRecord::Migration[7.1]\nend\n")
        .Write("db/migrate/20240101000006_add_flags.rb", "class AddFlags < ActiveRecord::Migration[7.1]\nend\n");

    [Fact]
    public void A_release_phase_running_a_rake_task_that_invokes_db_migrate_applies_the_migrations()
    {
        // TheOdinProject/theodinproject: `release: bin/rails heroku:release`, whose task invokes db:prepare and db:migrate.
        using var repo = RailsApp("namespace :platform do\n  desc 'runs on every release'\n  task release: :environment do\n    Rake::Task['db:migrate'].invoke\n    Rake::Task['content:import'].invoke\n  end\n\n  task postdeploy: :environment do\n  end\nend\n");

        var applied = Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations-applied").Finding;

        Assert.Equal(FindingStatus.Pass, applied.Status);
    }

    [Fact]
    public void A_release_phase_running_a_rake_task_that_migrates_nothing_applies_nothing()
    {
        // The migrating task of the file is another one: the release task itself only imports content.
        using var repo = RailsApp("namespace :platform do\n  task release: :environment do\n    Rake::Task['content:import'].invoke\n  end\n\n  task reset: :environment do\n    Rake::Task['db:migrate'].invoke\n  end\nend\n");

        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void Gorm_v1_automigrate_at_start_up_is_a_schema_synchronised_with_the_code()
    {
        // statping-ng/statping-ng: github.com/jinzhu/gorm's AutoMigrate builds and extends the tables as the server starts.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.org/status\n\ngo 1.20\n\nrequire (\n\tgithub.com/jinzhu/gorm v1.9.16\n\tgithub.com/mattn/go-sqlite3 v1.14.16\n)\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")
            .Write("types/configs/migration.go", "package configs\n\nimport (\n\t_ \"github.com/jinzhu/gorm/dialects/postgres\"\n\t_ \"github.com/mattn/go-sqlite3\"\n)\n\nfunc (d *DbConfig) MigrateDatabase() error {\n\tfor _, table := range tables {\n\t\td.Db.AutoMigrate(table)\n\t}\n\treturn nil\n}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);
        var migrations = Finding(evaluation, "database.migrations").Finding;

        Assert.Contains("gorm-automigrate", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal((FindingStatus.Partial, MigrationsAnalyzer.SchemaSyncScore), (migrations.Status, migrations.Score));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void Dated_go_migrations_that_register_themselves_from_init_are_versioned_migrations()
    {
        // muety/wakapi: migrations/20210213_add_has_data_field.go's init() calls registerPostMigration(f); gorm's AutoMigrate runs too.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.org/stats\n\ngo 1.22\n\nrequire (\n\tgorm.io/gorm v1.25.10\n\tgorm.io/driver/sqlite v1.5.5\n)\n")
            .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.org/stats/migrations\"\n)\n\nfunc main() {\n\tmigrations.Run(db)\n\thttp.ListenAndServe(\":3000\", nil)\n}\n")
            .Write("migrations/migrations.go", "package migrations\n\nimport \"gorm.io/gorm\"\n\nvar post []migrationFunc\n\nfunc registerPostMigration(f migrationFunc) { post = append(post, f) }\n\nfunc Run(db *gorm.DB) {\n\tdb.AutoMigrate(&User{})\n\tfor _, m := range post {\n\t\tm.f(db)\n\t}\n}\n");
        for (var i = 1; i <= 6; i++)
            repo.Write($"migrations/2021020{i}_step_{i}.go", "package migrations\n\nimport \"gorm.io/gorm\"\n\nfunc init() {\n\tf := migrationFunc{name: \"step\", f: func(db *gorm.DB) error { return db.Exec(\"UPDATE users SET x = 1\").Error }}\n\tregisterPostMigration(f)\n}\n");

        var facts = Extract(repo);
        var migrations = Finding(Evaluation.Evaluate(facts), "database.migrations").Finding;

        Assert.Contains("go-migrations", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(FindingStatus.Pass, migrations.Status);
    }

    [Theory]
    // sharetribe/sharetribe's deploy workflow: `convox run worker ... bundle exec rake "sharetribe:db:migrate[pre-deploy]"`.
    [InlineData("~/convox run worker --app shop bundle exec rake \"shop:db:migrate[pre-deploy]\"", true)]
    [InlineData("bin/rails app:db:migrate", true)]
    [InlineData("bundle exec rake db:migrate", true)]
    // Checks that migrations are applied, not applying them.
    [InlineData("~/convox run worker --app shop bundle exec rake \"shop:db:migrate:ensure_latest\"", false)]
    [InlineData("bin/rails db:migrate:status", false)]
    public void A_project_rake_task_named_for_db_migrate_applies_the_migrations(string command, bool migrates)
    {
        Assert.Equal(migrates, CommandClassifier.Direct(command).Migrate);
    }

    [Fact]
    public void A_schema_synchronised_at_start_up_scores_above_a_schema_sql_created_once()
    {
        Assert.True(MigrationsAnalyzer.SchemaSyncScore > MigrationsAnalyzer.SchemaInitScore);
    }
}
