using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the fifth calibration round: how much the category weighs where migrations are applied, and the
/// least an application with its own data store scores. Each fixture is written by hand after the real repositories
/// named in the test; none of their files are copied.
/// </summary>
public class CorpusCasesDatabase3Tests
{
    private static TestRepository Rails(int migrations)
    {
        var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
            .Write("config/application.rb", "module Shop\n  class Application < Rails::Application\n  end\nend\n");
        for (var i = 1; i <= migrations; i++)
            repo.Write($"db/migrate/2024010{i}120000_step_{i}.rb", $"class Step{i} < ActiveRecord::Migration[7.1]\n  def change\n    add_column :items, :c{i}, :string\n  end\nend\n");
        return repo;
    }

    [Fact]
    public void A_migration_history_applied_by_hand_keeps_most_of_the_database_score()
    {
        // alphagov/publishing-api, killbill, sharetribe: long migration histories whose deploy (a Helm job, external Flyway
        // tooling, a manually dispatched workflow) is not in the repository; the auditors scored them 55-80, about 15 points
        // under the same history applied on release, not 28.
        using var manual = Rails(6);
        using var released = Rails(6).Write("Procfile", "web: bundle exec puma\nrelease: bin/rails db:migrate\n");

        var byHand = Evaluation.Evaluate(Extract(manual));
        var onRelease = Evaluation.Evaluate(Extract(released));

        Assert.Equal(FindingStatus.Fail, Finding(byHand, "database.migrations-applied").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(onRelease, "database.migrations-applied").Finding.Status);
        // Migrations 3, applied 1, seed 0.5, backups 1, check 0.5: 3/6 by hand, 4/6 on release.
        Assert.Equal(50, byHand.ScoreCard.Category(Category.Database).Score);
        Assert.Equal(67, onRelease.ScoreCard.Category(Category.Database).Score);
    }

    [Fact]
    public void An_application_with_its_own_database_and_nothing_else_scores_the_floor()
    {
        // xuxueli/xxl-job (25), macrozheng/mall (20), shopizer (20): a MySQL application whose schema is a dump imported by
        // hand or made by the ORM, with no migrations and no backups, was never scored zero.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "shop", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "mysql2": "3.9.0" } }""")
            .Write("server.js", "const express = require('express');\nconst mysql = require('mysql2');\nconst db = mysql.createPool(process.env.DATABASE_URL);\nconst app = express();\napp.listen(3000);\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations").Finding.Status);
        Assert.Equal(20, evaluation.ScoreCard.Category(Category.Database).Score);
    }

    [Fact]
    public void An_application_with_no_database_still_has_no_database_score()
    {
        // The floor applies to a scored category only: a stateless relay (excalidraw-room, gotenberg) stays not applicable.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "relay", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2" } }""")
            .Write("server.js", "const express = require('express');\nconst app = express();\napp.listen(3000);\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Null(evaluation.ScoreCard.Category(Category.Database).Score);
    }
}

public class CorpusCasesDatabase3ManagedTests
{
    private static TestRepository Api() => TestRepository.Create()
        .Write("src/Api/Api.csproj", WebProject)
        .Write("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddDbContext<AppDb>(o => o.UseNpgsql(builder.Configuration.GetConnectionString(\"db\")));\nvar app = builder.Build();\napp.Run();\n");

    [Fact]
    public void An_rds_instance_declared_in_terraform_is_a_managed_database_with_its_backups()
    {
        // fullstackhero/dotnet-starter-kit: deploy/terraform/modules/rds_postgres/main.tf declares the RDS instance
        // (30-day backups, deletion protection); the auditor credited the database's backups for it.
        using var repo = Api()
            .Write("deploy/terraform/modules/db/main.tf", "resource \"aws_db_instance\" \"this\" {\n  engine                  = \"postgres\"\n  backup_retention_period = var.backup_retention_days\n  deletion_protection     = true\n}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("aws-rds", facts.Repository.List(FactKeys.ManagedDatabase));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.backups", "src/Api").Finding.Status);
    }

    [Fact]
    public void An_rds_module_of_a_terragrunt_stack_is_a_managed_database()
    {
        // hotosm/tasking-manager: scripts/aws/infra/_envcommon/rds.hcl points Terragrunt at the organisation's terraform-aws-rds module.
        using var repo = Api()
            .Write("infra/_envcommon/rds.hcl", "terraform {\n  source = \"${local.base_source_url}?ref=v1\"\n}\nlocals {\n  base_source_url = \"git::https://github.com/example/terraform-aws-rds/\"\n}\n");

        Assert.Contains("aws-rds", Extract(repo).Repository.List(FactKeys.ManagedDatabase));
    }

    [Fact]
    public void An_azure_sql_database_in_an_arm_template_is_a_managed_database()
    {
        // oqtane.framework: azuredeploy.json declares the Azure SQL server and database behind a 'Deploy to Azure' button.
        using var repo = Api()
            .Write("azuredeploy.json", "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"resources\": [\n    { \"type\": \"Microsoft.Sql/servers\", \"name\": \"[parameters('sqlServerName')]\" },\n    { \"type\": \"Microsoft.Sql/servers/databases\", \"name\": \"[concat(parameters('sqlServerName'), '/app')]\" }\n  ]\n}\n");

        Assert.Contains("azure-database", Extract(repo).Repository.List(FactKeys.ManagedDatabase));
    }

    [Fact]
    public void A_scan_report_that_names_an_rds_resource_is_no_managed_database()
    {
        // DefectDojo's unittests/scans/*: JSON reports of IaC scanners quote resource types; they declare nothing.
        using var repo = Api()
            .Write("unittests/scans/checkov/report.json", "{ \"results\": { \"failed_checks\": [ { \"resource\": \"AWS::RDS::DBInstance.db\", \"check_id\": \"CKV_AWS_16\" } ] } }\n");

        Assert.Empty(Extract(repo).Repository.List(FactKeys.ManagedDatabase));
    }
}

public class CorpusCasesDatabase3ConnectorTests
{
    [Fact]
    public void Drivers_used_only_by_connectors_to_other_systems_are_no_database_of_the_application()
    {
        // OpenRefine: extensions/database declares MySQL, PostgreSQL and SQLite drivers to import a user's tables; the
        // auditor scored database as not applicable (projects are files in the workspace).
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "refine", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "pg": "8.11.0", "mysql2": "3.9.0" } }""")
            .Write("server.js", "const express = require('express');\nconst app = express();\napp.listen(3333);\n")
            .Write("src/integrations/postgres.js", "const { Pool } = require('pg');\nmodule.exports = (url) => new Pool({ connectionString: url });\n")
            .Write("src/integrations/mysql.js", "const mysql = require('mysql2');\nmodule.exports = (url) => mysql.createPool(url);\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.NotApplicable, Finding(evaluation, "database.migrations").Finding.Status);
        Assert.Null(evaluation.ScoreCard.Category(Category.Database).Score);
    }

    [Fact]
    public void An_application_store_beside_its_connectors_keeps_the_category()
    {
        // growthbook: MongoDB holds the application's own data (src/models), MySQL and PostgreSQL are data sources it queries.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "experiments", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "mongoose": "8.0.0", "mysql2": "3.9.0" } }""")
            .Write("server.js", "const express = require('express');\nconst mongoose = require('mongoose');\nmongoose.connect(process.env.MONGODB_URI);\nconst app = express();\napp.listen(3100);\n")
            .Write("src/integrations/mysql.js", "const mysql = require('mysql2');\nmodule.exports = (url) => mysql.createPool(url);\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        // The store is a document database: half for having no schema to migrate, and nothing about MySQL.
        var migrations = Finding(evaluation, "database.migrations").Finding;
        Assert.Equal(FindingStatus.Partial, migrations.Status);
        Assert.DoesNotContain("mysql", migrations.Message);
    }
}

public class CorpusCasesDatabase3JvmFrameworkTests
{
    private static TestRepository Micronaut(string settings)
    {
        var repo = TestRepository.Create()
            .Write("settings.gradle", "rootProject.name = 'flows'\n")
            .Write("build.gradle", "plugins {\n    id 'io.micronaut.application' version '4.4.0'\n}\n\ndependencies {\n    implementation 'io.micronaut.flyway:micronaut-flyway'\n    runtimeOnly 'org.postgresql:postgresql'\n}\n\napplication {\n    mainClass = 'io.example.flows.Application'\n}\n")
            .Write("src/main/java/io/example/flows/Application.java", "package io.example.flows;\n\nimport io.micronaut.runtime.Micronaut;\n\npublic class Application {\n    public static void main(String[] args) {\n        Micronaut.run(Application.class, args);\n    }\n}\n")
            .Write("src/main/resources/application.yml", settings);
        for (var i = 1; i <= 6; i++)
            repo.Write($"src/main/resources/migrations/postgres/V1_{i}__step_{i}.sql", $"ALTER TABLE executions ADD COLUMN c{i} TEXT;\n");
        return repo;
    }

    [Fact]
    public void Micronaut_flyway_enabled_for_a_datasource_applies_the_migrations_at_start()
    {
        // kestra: cli/src/main/resources/application.yml sets flyway.datasources.postgres.enabled: true and Micronaut
        // runs the migrations as the server starts; the tool found the 74 migrations but nothing applying them.
        using var repo = Micronaut("flyway:\n  datasources:\n    postgres:\n      enabled: true\n      locations:\n        - classpath:migrations/postgres\n");

        var facts = Extract(repo);

        Assert.Contains("flyway", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void Micronaut_flyway_left_disabled_applies_nothing()
    {
        using var repo = Micronaut("flyway:\n  datasources:\n    postgres:\n      enabled: false\n");

        Assert.Empty(Extract(repo).Repository.List(FactKeys.MigrationsAppliedAt));
    }
}
