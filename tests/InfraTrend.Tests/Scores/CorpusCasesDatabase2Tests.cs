using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the third calibration round: how self-hosted products apply their migrations (their own binary's
/// upgrade command, the app factory, their own runner, a documented procedure). Each fixture is written by hand after
/// the real repository named in the test; none of its files are copied.
/// </summary>
public class CorpusCasesDatabase2Tests
{
    private static TestRepository GoService() => TestRepository.Create()
        .Write("go.mod", "module example.com/news\n\ngo 1.22\n\nrequire github.com/jmoiron/sqlx v1.3.5\nrequire github.com/lib/pq v1.10.9\n")
        .Write("cmd/main.go", "package main\n\nimport (\n\t\"net/http\"\n\t_ \"github.com/lib/pq\"\n\t\"github.com/jmoiron/sqlx\"\n)\n\nfunc main() {\n\tsqlx.MustConnect(\"postgres\", \"\")\n\thttp.ListenAndServe(\":9000\", nil)\n}\n")
        .Write("internal/migrations/v1.0.0.go", "package migrations\n\nfunc V1_0_0(db *sqlx.DB) error { _, err := db.Exec(`ALTER TABLE subscribers ADD COLUMN x TEXT`); return err }\n")
        .Write("internal/migrations/v1.1.0.go", "package migrations\n\nfunc V1_1_0(db *sqlx.DB) error { _, err := db.Exec(`ALTER TABLE lists ADD COLUMN y TEXT`); return err }\n")
        .Write("internal/migrations/v1.2.0.go", "package migrations\n\nfunc V1_2_0(db *sqlx.DB) error { return nil }\n")
        .Write("internal/migrations/v1.3.0.go", "package migrations\n\nfunc V1_3_0(db *sqlx.DB) error { return nil }\n")
        .Write("internal/migrations/v1.4.0.go", "package migrations\n\nfunc V1_4_0(db *sqlx.DB) error { return nil }\n");

    [Fact]
    public void The_products_own_upgrade_flag_in_the_compose_command_applies_the_migrations()
    {
        // knadh/listmonk: docker-compose.yml runs `./app --install --idempotent --yes && ./app --upgrade --yes && ./app`.
        using var repo = GoService()
            .Write("docker-compose.yml", "services:\n  app:\n    image: example/news:latest\n    command: [sh, -c, \"./news --install --idempotent --yes && ./news --upgrade --yes && ./news\"]\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void A_systemd_ExecStartPre_running_the_upgrade_applies_the_migrations()
    {
        // knadh/listmonk: listmonk@.service has `ExecStartPre=/usr/bin/listmonk --config ... --upgrade --yes`.
        using var repo = GoService()
            .Write("news.service", "[Unit]\nDescription=news\n\n[Service]\nExecStartPre=/usr/bin/news --config /etc/news.toml --upgrade --yes\nExecStart=/usr/bin/news --config /etc/news.toml\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void A_package_managers_upgrade_flag_applies_no_migrations()
    {
        using var repo = GoService()
            .Write("docker-compose.yml", "services:\n  app:\n    image: example/news:latest\n    command: sh -c \"pip install --upgrade requests && apt-get upgrade -y && ./news\"\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    private static TestRepository FlaskApp(string run) => TestRepository.Create()
        .Write("pyproject.toml", "[project]\nname = \"splitter\"\ndependencies = [\"flask\", \"flask-sqlalchemy\", \"flask-migrate\", \"psycopg2\"]\n")
        .Write("splitter/run.py", run)
        .Write("splitter/migrations/env.py", "from alembic import context\n")
        .Write("splitter/migrations/versions/a1_init.py", "def upgrade():\n    pass\n")
        .Write("splitter/migrations/versions/a2_add.py", "def upgrade():\n    pass\n")
        .Write("splitter/migrations/versions/a3_add.py", "def upgrade():\n    pass\n")
        .Write("splitter/migrations/versions/a4_add.py", "def upgrade():\n    pass\n")
        .Write("splitter/migrations/versions/a5_add.py", "def upgrade():\n    pass\n");

    [Fact]
    public void Flask_Migrate_upgrade_in_the_app_factory_applies_the_migrations_at_start()
    {
        // spiral-project/ihatemoney: create_app() calls setup_database(app), which calls flask_migrate's upgrade().
        using var repo = FlaskApp("from flask import Flask\nfrom flask_migrate import Migrate, upgrade\n\n\ndef setup_database(app):\n    Migrate(app, db)\n    with app.app_context():\n        upgrade(migrations_path)\n\n\ndef create_app():\n    app = Flask(__name__)\n    setup_database(app)\n    return app\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void An_upgrade_inside_a_click_command_is_run_by_hand()
    {
        // Netflix/dispatch: `dispatch database upgrade` is a click command (multi-line @click.option decorators) calling alembic's command.upgrade.
        using var repo = FlaskApp("import click\nfrom flask import Flask\n\n\n@click.command(\"upgrade\")\n@click.option(\n    \"--sql\",\n    is_flag=True,\n)\ndef upgrade_database(sql):\n    from alembic import command as alembic_command\n    alembic_command.upgrade(cfg, \"head\", sql=sql)\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void An_upgrade_page_giving_the_migrate_command_earns_half()
    {
        // pretalx/pretalx: doc/administrator/maintenance.rst gives `(env)$ python -m pretalx migrate` for each upgrade;
        // Netflix/dispatch: docs/administration/upgrading.mdx gives `dispatch database upgrade`.
        using var repo = FlaskApp("from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n")
            .Write("doc/administrator/upgrading.rst", "Upgrading\n=========\n\nStop the service, then run::\n\n    (env)$ python -m splitter migrate\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var finding = Finding(evaluation, "database.migrations-applied").Finding;
        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.5, finding.Score);
    }

    [Fact]
    public void A_readme_development_set_up_running_the_migrations_is_not_an_upgrade_procedure()
    {
        // mhartl/sample_app_6th_ed, publify: the README's getting-started steps run `rails db:migrate` on a laptop.
        using var repo = FlaskApp("from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n")
            .Write("README.md", "# Splitter\n\n## Installation\n\n```\nflask db upgrade\n```\n")
            .Write("docs/development/install.md", "# Install for development\n\n    flask db upgrade\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void The_applications_runner_of_its_migrations_folder_applies_them_at_start()
    {
        // zadam/trilium: src/services/migration.js lists db/migrations with fs.readdirSync and runs each file in order.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "notes", "scripts": { "start": "node src/www.js" }, "dependencies": { "express": "4.19.2", "better-sqlite3": "9.4.0" } }""")
            .Write("src/www.js", "const express = require('express');\nconst Database = require('better-sqlite3');\nexpress().listen(8080);\n")
            .Write("src/services/migration.js", "const fs = require('fs');\nasync function migrate() {\n    const migrations = fs.readdirSync(resourceDir.MIGRATIONS_DIR).map(file => file);\n    for (const m of migrations) { sql.executeScript(fs.readFileSync(m)); }\n}\nmodule.exports = { migrate };\n")
            .Write("db/migrations/0210__add_column.sql", "ALTER TABLE notes ADD COLUMN blobId TEXT;\n")
            .Write("db/migrations/0211__add_index.sql", "CREATE INDEX i ON notes (blobId);\n")
            .Write("db/migrations/0212__add_column.sql", "ALTER TABLE notes ADD COLUMN x TEXT;\n")
            .Write("db/migrations/0213__add_column.sql", "ALTER TABLE notes ADD COLUMN y TEXT;\n")
            .Write("db/migrations/0214__add_column.sql", "ALTER TABLE notes ADD COLUMN z TEXT;\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void Dependencies_declared_in_a_script_the_gradle_build_applies_count()
    {
        // apache/fineract: fineract-provider/build.gradle has `apply from: 'dependencies.gradle'`, and that script lists
        // 'org.liquibase:liquibase-core' among many in one implementation(...) call; Spring Boot runs the changelogs at start.
        const string Changelog = "<databaseChangeLog>\n  <changeSet id=\"1\" author=\"a\"><createTable tableName=\"loan\"/></changeSet>\n  <changeSet id=\"2\" author=\"a\"><addColumn tableName=\"loan\"/></changeSet>\n  <changeSet id=\"3\" author=\"a\"/>\n  <changeSet id=\"4\" author=\"a\"/>\n  <changeSet id=\"5\" author=\"a\"/>\n</databaseChangeLog>\n";
        using var repo = TestRepository.Create()
            .Write("settings.gradle", "rootProject.name = 'bank'\ninclude 'provider'\n")
            .Write("provider/build.gradle", "plugins {\n    id 'java'\n    id 'org.springframework.boot' version '3.3.0'\n}\n\napply from: 'dependencies.gradle'\n")
            .Write("provider/dependencies.gradle", "dependencies {\n    implementation(\n            'org.springframework.boot:spring-boot-starter-web',\n\n            'org.liquibase:liquibase-core',\n            'org.postgresql:postgresql',\n            )\n}\n")
            .Write("provider/src/main/java/org/example/Application.java", "package org.example;\n\n@SpringBootApplication\npublic class Application {\n    public static void main(String[] args) { SpringApplication.run(Application.class, args); }\n}\n")
            .Write("provider/src/main/resources/db/changelog/db.changelog-master.xml", Changelog);

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations", "provider").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied", "provider").Finding.Status);
    }

    [Fact]
    public void Two_factor_backup_codes_are_not_database_backups()
    {
        // otwcode/otwarchive script/send_backup_codes_to_admin.rb, danbooru app/controllers/backup_codes_controller.rb,
        // hackclub/hcb app/models/user/backup_code.rb: recovery codes of two-factor sign-in.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
            .Write("config/application.rb", "module Archive\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/database.yml", "production:\n  adapter: postgresql\n")
            .Write("db/migrate/20240101000000_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n")
            .Write("db/migrate/20240102000000_add_otp.rb", "class AddOtp < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :otp, :string\n  end\nend\n")
            .Write("app/controllers/backup_codes_controller.rb", "class BackupCodesController < ApplicationController\n  def create\n    current_user.generate_backup_codes!\n  end\nend\n")
            .Write("app/models/user/backup_code.rb", "class User::BackupCode < ApplicationRecord\nend\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.backups").Finding.Status);
    }

    [Fact]
    public void An_update_page_explaining_backup_and_restore_in_words_earns_half()
    {
        // thomiceli/opengist docs/update.md: "## Make a backup" of the home directory before updating, then "## Restore the backup".
        using var repo = GoService()
            .Write("docs/update.md", "# Update\n\n## Make a backup\n\nBefore updating, copy the data directory somewhere safe.\n\n## Restore the backup\n\nPut the copy back and start the old version.\n");
        using var contributor = GoService()
            .Write("docs/development/update.md", "# Update\n\n## Make a backup\n\nCopy the data directory.\n\n## Restore\n\nPut it back.\n");

        var finding = Finding(Evaluation.Evaluate(Extract(repo)), "database.backups").Finding;
        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.5, finding.Score);
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(contributor)), "database.backups").Finding.Status);
    }

    [Fact]
    public void A_plain_text_UPGRADING_file_giving_the_migrate_command_earns_half()
    {
        // redmine/redmine: doc/UPGRADING (no extension) tells the operator to run `bundle exec rake db:migrate RAILS_ENV=production`.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
            .Write("config/application.rb", "module Tracker\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/database.yml", "production:\n  adapter: postgresql\n")
            .Write("doc/UPGRADING", "== Upgrading\n\n4. Migrate your database:\n  bundle exec rake db:migrate RAILS_ENV=\"production\"\n");
        for (var i = 1; i <= 5; i++)
            repo.Write($"db/migrate/00{i}_step_{i}.rb", $"class Step{i} < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n");

        var finding = Finding(Evaluation.Evaluate(Extract(repo)), "database.migrations-applied").Finding;

        Assert.Equal(FindingStatus.Partial, finding.Status);
    }

    [Fact]
    public void A_one_shot_compose_service_running_the_entrypoints_upgrade_command_applies_the_migrations()
    {
        // mayan-edms/Mayan-EDMS docker/docker-compose.yml: a setup_or_upgrade service whose command is the image
        // entrypoint's run_initial_setup_or_perform_upgrade, restart "no".
        using var repo = GoService()
            .Write("docker/docker-compose.yml", "services:\n  app:\n    image: example/news:latest\n  setup_or_upgrade:\n    image: example/news:latest\n    command:\n      - run_initial_setup_or_perform_upgrade\n    restart: \"no\"\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }
}
