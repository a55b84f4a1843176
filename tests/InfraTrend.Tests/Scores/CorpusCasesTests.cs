using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after the real
/// repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesTests
{
    // ---- parts -------------------------------------------------------------------------------------

    [Fact]
    public void Test_images_dummies_and_service_installers_are_not_parts()
    {
        // zipkin's docker/test-images/zipkin-eureka, photoprism's docker/dummy/oidc/app, Lidarr's NzbDrone.Test.Dummy and
        // ServiceHelpers/ServiceInstall: started by tests or by an installer, never deployed as the application.
        using var repo = TestRepository.Create()
            .Write("src/Host/Host.csproj", WebProject)
            .Write("src/Host/Program.cs", "var app = WebApplication.Create(args); app.Run();")
            .Write("src/Host.Test.Dummy/Host.Test.Dummy.csproj", ConsoleProject)
            .Write("src/ServiceHelpers/ServiceInstall/ServiceInstall.csproj", ConsoleProject)
            .Write("docker/test-images/eureka/package.json", """{ "name": "eureka", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2" } }""")
            .Write("docker/dummy/oidc/app/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n")
            .Write("docker/dummy/oidc/app/go.mod", "module oidc\n\ngo 1.22\n");

        var parts = Extract(repo).Parts.Select(p => p.Path).ToList();

        Assert.Equal(["src/Host"], parts);
    }

    [Fact]
    public void A_dev_tools_folder_is_tooling_not_a_part()
    {
        // bookwyrm (sixth split): dev-tools/ holds a Dockerfile and scripts for contributors, beside the Django application.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0\n")
            .Write("manage.py", "import sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n")
            .Write("bookwyrm/settings.py", "INSTALLED_APPS = ['bookwyrm']\n")
            .Write("dev-tools/Dockerfile", "FROM python:3.12\nCOPY . .\nCMD [\"npm\", \"run\", \"lint\"]\n")
            .Write("dev-tools/package.json", """{ "name": "dev-tools", "scripts": { "start": "node lint.js" }, "dependencies": { "express": "4.19.2" } }""");

        Assert.DoesNotContain(Extract(repo).Parts, p => p.Path.StartsWith("dev-tools", StringComparison.Ordinal));
    }

    [Fact]
    public void A_console_helper_beside_a_service_counts_half_in_a_per_part_rule()
    {
        // Lidarr: NzbDrone.Update (a console updater) beside NzbDrone.Host; a failing helper must not halve the product.
        var service = new PartFacts("src/Host", "Host", "service");
        var updater = new PartFacts("src/Update", "Update", "app");

        var weights = Scorer.PartWeights([service, updater]);
        var rule = AnalyzerRegistry.All.Single(a => a.Id == "monitoring.health-endpoint");
        var result = Scorer.Result(rule, [
            new ScopedFinding(rule, "src/Host", new Finding("part", FindingStatus.Pass, 1, [], "ok", null)),
            new ScopedFinding(rule, "src/Update", new Finding("part", FindingStatus.Fail, 0, [], "no", "fix")),
        ], weights);

        Assert.Equal(0.5, weights["src/Update"]);
        Assert.Equal(2.0 / 3, result.Score!.Value, 3);
        Assert.Equal(1.0, Scorer.PartWeights([updater])["src/Update"]);
    }

    [Fact]
    public void A_spring_application_started_with_SpringApplicationBuilder_on_armeria_is_a_service()
    {
        // zipkin-server: `new SpringApplicationBuilder(ZipkinServer.class)` and Armeria's Spring Boot starter, no @SpringBootApplication.
        using var repo = TestRepository.Create()
            .Write("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><groupId>io.zipkin</groupId><artifactId>parent</artifactId><version>1</version>
                <packaging>pom</packaging><modules><module>zipkin-server</module></modules></project>
                """)
            .Write("zipkin-server/pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><groupId>io.zipkin</groupId><artifactId>zipkin-server</artifactId><version>1</version>
                <dependencies>
                  <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter</artifactId><version>3.3.0</version></dependency>
                  <dependency><groupId>com.linecorp.armeria</groupId><artifactId>armeria-spring-boot3-autoconfigure</artifactId><version>1.29.0</version></dependency>
                </dependencies></project>
                """)
            .Write("zipkin-server/src/main/java/zipkin/server/ZipkinServer.java", """
                package zipkin.server;

                import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
                import org.springframework.boot.builder.SpringApplicationBuilder;

                @EnableAutoConfiguration
                public class ZipkinServer {
                  public static void main(String[] args) {
                    new SpringApplicationBuilder(ZipkinServer.class).run(args);
                  }
                }
                """);

        var part = Assert.Single(Extract(repo).Parts);

        Assert.Equal(("zipkin-server", "service"), (part.Path, part.Kind));
    }

    // ---- testing -----------------------------------------------------------------------------------

    [Fact]
    public void A_thin_suite_earns_its_share_of_depth_and_coverage_is_read_from_the_pipeline_and_the_makefile()
    {
        // umami: a handful of test files beside hundreds of sources; ntfy: `make coverage` runs go test -coverprofile.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/svc\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n")
            .Write("server/server_test.go", "package server\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n")
            .Write("Makefile", "coverage:\n\tgo test -race -coverprofile=coverage.txt ./...\n")
            .Write(".github/workflows/test.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make coverage\n      - uses: codecov/codecov-action@v4\n");
        for (var i = 0; i < 9; i++)
            repo.Write($"server/file{i}.go", $"package server\n\nfunc F{i}() {{}}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(10, facts.Repository.Number(FactKeys.SourceFiles));
        var depth = Finding(evaluation, "testing.depth").Finding;
        Assert.Equal(FindingStatus.Partial, depth.Status);
        Assert.Equal(Math.Log(2) / Math.Log(201), depth.Score, 3); // 1 test file for 10 sources: a single file earns its size on the log scale to 200
        Assert.Equal(["codecov", "go-cover"], facts.Repository.List(FactKeys.Coverage).Order(StringComparer.Ordinal));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "testing.coverage").Finding.Status);
    }

    // ---- database ----------------------------------------------------------------------------------

    [Fact]
    public void Kysely_migration_modules_are_counted_and_migrateToLatest_at_start_applies_them()
    {
        // docmost: apps/server/src/database/migrations/*.ts with `up(db: Kysely<any>)`, migrateToLatest() in a Nest module.
        using var repo = TestRepository.Create()
            .Write("apps/server/package.json", """{ "name": "server", "scripts": { "start": "node dist/main.js" }, "dependencies": { "@nestjs/core": "10.0.0", "kysely": "0.27.3", "pg": "8.11.0" } }""")
            .Write("apps/server/src/main.ts", "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nbootstrap();\n")
            .Write("apps/server/src/database/migrations/20240324T085500-workspaces.ts", "import { Kysely, sql } from 'kysely';\n\nexport async function up(db: Kysely<any>): Promise<void> {\n  await db.schema.createTable('workspaces').execute();\n}\n")
            .Write("apps/server/src/database/migrations/20240324T085600-users.ts", "import { Kysely } from 'kysely';\n\nexport async function up(db: Kysely<any>): Promise<void> {\n  await db.schema.createTable('users').execute();\n}\n")
            .Write("apps/server/src/database/migration.service.ts", "import { Migrator, FileMigrationProvider } from 'kysely';\nexport class MigrationService {\n  async run() { const migrator = new Migrator({ db, provider }); await migrator.migrateToLatest(); }\n}\n");

        var server = Extract(repo).Parts.Single(p => p.Path == "apps/server").Facts;

        Assert.Equal(["kysely"], server.List(FactKeys.MigrationTools));
        Assert.Equal(2, server.Number(FactKeys.MigrationCount));
        Assert.Contains("start", Extract(repo).Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void A_go_map_of_numbered_migration_steps_is_a_versioned_migrator_applied_at_start()
    {
        // ntfy: server/message_cache.go keeps `migrations = map[int]func(db *sql.DB, ...) error{0: migrateFrom0, ...}`.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module heckel.io/ntfy\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n")
            .Write("server/message_cache.go", """
                package server

                import (
                	"database/sql"

                	_ "github.com/mattn/go-sqlite3"
                )

                var (
                	migrations = map[int]func(db *sql.DB) error{
                		0: migrateFrom0,
                		1: migrateFrom1,
                		2: migrateFrom2, // the third step
                	}
                )

                func migrateFrom0(db *sql.DB) error { return nil }
                func migrateFrom1(db *sql.DB) error { return nil }
                func migrateFrom2(db *sql.DB) error { return nil }
                """);

        var facts = Extract(repo);

        Assert.Contains("go-migrations", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(3, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.StartsWith("3 migrations committed, managed with go-migrations", Evaluation.Evaluate(facts).Findings.First(f => f.Analyzer.Id == "database.migrations").Finding.Message);
    }

    [Fact]
    public void FluentMigrator_migrations_in_a_library_count_for_the_service_that_references_it()
    {
        // Lidarr: NzbDrone.Core/Datastore/Migration/*.cs with [Migration(n)], referenced by the NzbDrone.Host web project.
        using var repo = TestRepository.Create()
            .Write("src/Host/Host.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><ProjectReference Include="..\Core\Core.csproj" /></ItemGroup></Project>""")
            .Write("src/Host/Program.cs", "var app = WebApplication.Create(args); app.Run();")
            .Write("src/Core/Core.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="FluentMigrator.Runner" Version="3.3.2" /><PackageReference Include="Npgsql" Version="7.0.6" /></ItemGroup></Project>""")
            .Write("src/Core/Datastore/Migration/001_initial_setup.cs", "using FluentMigrator;\n\n[Migration(1)]\npublic class initial_setup : Migration { public override void Up() {} public override void Down() {} }\n")
            .Write("src/Core/Datastore/Migration/002_add_index.cs", "using FluentMigrator;\n\n[Migration(2)]\npublic class add_index : Migration { public override void Up() {} public override void Down() {} }\n");

        var host = Extract(repo).Parts.Single(p => p.Path == "src/Host").Facts;

        Assert.Equal(["fluentmigrator"], host.List(FactKeys.MigrationTools));
        Assert.Equal(2, host.Number(FactKeys.MigrationCount));
    }

    [Theory]
    [InlineData("ensure-created")]
    [InlineData("hibernate-ddl-auto")]
    [InlineData("spring-sql-init")]
    public void A_schema_created_at_start_up_without_versions_earns_part_of_the_migrations_rule(string tool)
    {
        // CleanArchitecture's EnsureCreatedAsync, a Spring service with ddl-auto: update, spring-petclinic-microservices'
        // resources/db/mysql/schema.sql named by a config server outside the repository.
        using var repo = TestRepository.Create();
        switch (tool)
        {
            case "ensure-created":
                repo.Write("src/Web/Web.csproj", WebProject)
                    .Write("src/Web/Program.cs", "var app = WebApplication.Create(args);\nawait db.Database.EnsureCreatedAsync();\nbuilder.Services.AddDbContext<AppDb>(o => o.UseSqlite(\"Data Source=app.db\"));\napp.Run();\n");
                break;
            default:
                repo.Write("pom.xml", """
                        <project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>vets</artifactId><version>1</version>
                        <dependencies>
                          <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId><version>3.3.0</version></dependency>
                          <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId><version>3.3.0</version></dependency>
                          <dependency><groupId>com.mysql</groupId><artifactId>mysql-connector-j</artifactId><version>8.4.0</version></dependency>
                        </dependencies></project>
                        """)
                    .Write("src/main/java/a/VetsApplication.java", "package a;\n\n@SpringBootApplication\npublic class VetsApplication { public static void main(String[] a) { SpringApplication.run(VetsApplication.class, a); } }\n");
                if (tool == "hibernate-ddl-auto")
                    repo.Write("src/main/resources/application.yml", "spring:\n  jpa:\n    hibernate:\n      ddl-auto: update\n");
                else
                    repo.Write("src/main/resources/application.yml", "spring:\n  application:\n    name: vets-service\n  config:\n    import: optional:configserver:http://localhost:8888\n")
                        .Write("src/main/resources/db/mysql/schema.sql", "CREATE TABLE IF NOT EXISTS vets (id INT);\n");
                break;
        }

        var facts = Extract(repo);
        var finding = Evaluation.Evaluate(facts).Findings.First(f => f.Analyzer.Id == "database.migrations").Finding;

        Assert.Contains(tool, facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Contains("created at start-up", finding.Message, StringComparison.Ordinal);
    }

    // ---- scaling -----------------------------------------------------------------------------------

    [Fact]
    public void A_deployed_service_without_autoscaling_fails_the_rule_and_one_that_deploys_nothing_is_not_judged()
    {
        // outline, saleor, docmost: container images and a database server, every scaling practice but autoscaling.
        using var deployed = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2" } }""")
            .Write("server.js", "const express = require('express');\nconst app = express();\napp.listen(3000);\n")
            .Write("Dockerfile", "FROM node:20\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");
        using var library = TestRepository.Create()
            .Write("package.json", """{ "name": "lib", "main": "index.js" }""")
            .Write("index.js", "module.exports = 1;\n");

        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(deployed)), "scaling.autoscaling").Finding.Status);
        Assert.Equal(FindingStatus.NotApplicable, Finding(Evaluation.Evaluate(Extract(library)), "scaling.autoscaling").Finding.Status);
    }

    [Fact]
    public void A_cache_in_the_process_and_a_scheduler_in_the_process_earn_half()
    {
        // Squidex and bitwarden: IMemoryCache and hosted services, no Redis and no job queue in that service.
        using var repo = TestRepository.Create()
            .Write("src/Api/Api.csproj", WebProject)
            .Write("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddMemoryCache();\nbuilder.Services.AddHostedService<Cleanup>();\nvar app = builder.Build();\napp.Run();\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var cache = Finding(evaluation, "scaling.cache", "src/Api").Finding;
        var jobs = Finding(evaluation, "scaling.background-jobs", "src/Api").Finding;
        Assert.Equal((FindingStatus.Partial, 0.5), (cache.Status, cache.Score));
        Assert.Equal((FindingStatus.Partial, 0.5), (jobs.Status, jobs.Score));
    }
    // ---- monitoring and security -------------------------------------------------------------------

    [Fact]
    public void A_health_path_named_by_a_health_identifier_is_a_health_route_in_go_and_python()
    {
        // ntfy: `apiHealthPath = "/v1/health"` matched against r.URL.Path; saleor: `health_check(application, "/health/")`.
        using var go = TestRepository.Create()
            .Write("go.mod", "module heckel.io/ntfy\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n")
            .Write("server/server.go", "package server\n\nconst (\n\tapiHealthPath                                        = \"/v1/health\"\n\tapiStatsPath = \"/v1/stats\"\n)\n");
        using var python = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"saleor\"\ndependencies = [\"django>=5\", \"uvicorn\"]\n")
            .Write("manage.py", "import django\n")
            .Write("saleor/asgi/__init__.py", "from .health_check import health_check\n\napplication = health_check(application, \"/health/\")\n");

        Assert.Contains("/v1/health", Extract(go).Repository.List(FactKeys.HealthRoutes));
        Assert.DoesNotContain("/v1/stats", Extract(go).Repository.List(FactKeys.HealthRoutes));
        Assert.Contains("/health", Extract(python).Repository.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void A_spring_boot_service_and_an_aspnetcore_service_log_through_their_framework_without_code_of_their_own()
    {
        // spring-petclinic-microservices' config and discovery servers, Squidex's web host: no logger in their own code.
        using var spring = TestRepository.Create()
            .Write("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>config-server</artifactId><version>1</version>
                <dependencies><dependency><groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-config-server</artifactId><version>4.1.0</version></dependency>
                <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId><version>3.3.0</version></dependency></dependencies></project>
                """)
            .Write("src/main/java/a/ConfigServer.java", "package a;\n\n@SpringBootApplication\npublic class ConfigServer { public static void main(String[] a) { SpringApplication.run(ConfigServer.class, a); } }\n");
        using var aspnet = TestRepository.Create()
            .Write("src/Api/Api.csproj", WebProject)
            .Write("src/Api/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n");

        var springLogging = Evaluation.Evaluate(Extract(spring)).Findings.Single(f => f.Analyzer.Id == "monitoring.logging").Finding;
        var aspnetStructured = Finding(Evaluation.Evaluate(Extract(aspnet)), "monitoring.structured-logging", "src/Api").Finding;

        // Credited as logging; with no other signal in the fixture (no actuator, as the real servers have) it is framework
        // logging alone, three quarters of the credit (CorpusCasesMonitoring13Tests).
        Assert.Equal(FindingStatus.Partial, springLogging.Status);
        Assert.Contains("logback", springLogging.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Partial, aspnetStructured.Status); // logs, as plain text
    }

    [Fact]
    public void Python_opentelemetry_through_the_sdk_configurator_and_the_metrics_api_is_tracing_and_metrics()
    {
        // saleor/core/telemetry: `from opentelemetry.sdk._configuration import ...`, `from opentelemetry.metrics import get_meter`.
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"shop\"\ndependencies = [\"django>=5\", \"opentelemetry-sdk>=1.32\", \"opentelemetry-distro[otlp]\"]\n")
            .Write("manage.py", "import django\n")
            .Write("shop/telemetry/__init__.py", "from opentelemetry.sdk._configuration import _OTelSDKConfigurator\n\n_OTelSDKConfigurator().configure()\n")
            .Write("shop/telemetry/metric.py", "from opentelemetry.metrics import get_meter\n\nmeter = get_meter(\"shop\")\n");

        var facts = Extract(repo);

        Assert.Contains("opentelemetry", facts.Repository.List(FactKeys.Tracing));
        Assert.Contains("opentelemetry-metrics", facts.Repository.List(FactKeys.Metrics));
    }

    [Fact]
    public void Hsts_alone_earns_half_of_the_security_headers_rule()
    {
        // mhartl/sample_app and huginn: `config.force_ssl = true` in production.rb, no CSP or secure_headers.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.0'\ngem 'pg'\ngem 'puma'\n")
            .Write("config/application.rb", "require 'rails/all'\nmodule SampleApp\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/environments/production.rb", "Rails.application.configure do\n  config.force_ssl = true\nend\n")
            .Write("config.ru", "require_relative 'config/environment'\nrun Rails.application\n");

        var headers = Evaluation.Evaluate(Extract(repo)).Findings.Single(f => f.Analyzer.Id == "security.headers").Finding;

        Assert.Equal((FindingStatus.Partial, 0.5), (headers.Status, headers.Score));
    }

    [Fact]
    public void A_folder_marked_with_a_leading_underscore_example_holds_no_part()
    {
        // remark42: backend/_example/memory_store, a Go program that shows how to plug a store in.
        Assert.True(PartDetector.IsTestOrExample("backend/_example/memory_store"));
        Assert.True(PartDetector.IsTestOrExample("src/__tests__"));
        Assert.False(PartDetector.IsTestOrExample("backend/_app"));
    }
    // ---- CI, deployment, database: round 3 --------------------------------------------------------

    [Theory]
    [InlineData("bundle exec rake", true)]
    [InlineData("bundle exec rake db:create db:migrate", false)]
    [InlineData("rake && bundle exec rubocop", true)]
    public void A_bare_rake_runs_the_default_task_which_in_a_rails_app_is_the_test_suite(string command, bool tests)
    {
        // huginn's ci.yml: `bundle exec rake db:create db:migrate`, then `bundle exec rake`.
        Assert.Equal(tests, InfraTrend.Facts.Ci.CommandClassifier.Direct(command).Test);
    }

    [Fact]
    public void A_deploy_script_in_build_bin_is_followed_to_the_publish_it_runs()
    {
        // zipkin's deploy.yml runs `build-bin/deploy`, which runs build-bin/maven/maven_deploy (mvn deploy).
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>io.zipkin</groupId><artifactId>zipkin</artifactId><version>1</version></project>")
            .Write(".github/workflows/deploy.yml", "on:\n  push:\n    tags: ['*']\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          build-bin/configure_deploy &&\n          build-bin/deploy $(echo ${GITHUB_REF} | cut -d/ -f 3)\n")
            .Write("build-bin/configure_deploy", "#!/bin/sh -ue\necho configured\n")
            .Write("build-bin/deploy", "#!/bin/sh -ue\nbuild-bin/maven/maven_deploy\n")
            .Write("build-bin/maven/maven_deploy", "#!/bin/sh -ue\n./mvnw --batch-mode -s ./.settings.xml -Prelease -nsu -DskipTests clean deploy\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "deployment.automated").Finding.Status);
    }

    [Fact]
    public void Development_test_and_demo_images_are_not_the_applications_deployment()
    {
        // lobsters' Dockerfile.dev, zipkin's docker/test-images/*, photoprism's docker/demo and docker/develop images.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.0'\n")
            .Write("config.ru", "run Rails.application\n")
            .Write("Dockerfile.dev", "FROM ruby:3.3\nCOPY . .\nCMD [\"bin/rails\", \"server\"]\n")
            .Write("docker-compose.dev.yml", "services:\n  app:\n    build: .\n")
            .Write("docker/test-images/zipkin-mysql/Dockerfile", "FROM mysql:8\n")
            .Write("docker/demo/Dockerfile", "FROM ruby:3.3\n")
            .Write("docker/develop/jammy/Dockerfile", "FROM ubuntu:jammy\n");

        var facts = Extract(repo);

        Assert.Empty(facts.Repository.Objects(FactKeys.Dockerfiles));
        Assert.DoesNotContain("docker-compose", facts.Repository.List(FactKeys.Platforms));
    }

    [Fact]
    public void An_application_that_backs_itself_up_passes_the_backups_rule_and_a_desktop_shells_backup_does_not_count()
    {
        // Lidarr's System/Backup/BackupController.cs and scheduled Backup command; hoppscotch-desktop's backup.rs keeps no database.
        using var lidarr = TestRepository.Create()
            .Write("src/Host/Host.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Npgsql" Version="7.0.6" /></ItemGroup></Project>""")
            .Write("src/Host/Program.cs", "var app = WebApplication.Create(args);\nbuilder.Services.AddDbContext<Db>(o => o.UseNpgsql(cs));\napp.Run();\n")
            .Write("src/Host/Backup/BackupService.cs", "public class BackupService { public void Backup() {} }\n");
        using var desktop = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "pg": "8.11.0" } }""")
            .Write("server.js", "const express = require('express');\nconst { Pool } = require('pg');\nconst app = express();\napp.listen(3000);\n")
            .Write("desktop/src-tauri/src/backup.rs", "pub fn backup() {}\n")
            .Write("desktop/package.json", """{ "name": "desktop", "scripts": { "tauri": "tauri" }, "dependencies": { "@tauri-apps/api": "2.0.0" } }""");

        Assert.Contains("built-in", Extract(lidarr).Repository.List(FactKeys.Backups));
        Assert.DoesNotContain("built-in", Extract(desktop).Repository.List(FactKeys.Backups));
    }

    [Fact]
    public void FluentMigrators_runner_called_from_the_applications_own_code_applies_the_migrations_at_start()
    {
        // Lidarr's Datastore/Migration/Framework/MigrationController.cs: `runner.MigrateUp()` as the database is opened.
        using var repo = TestRepository.Create()
            .Write("src/Core/Core.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="FluentMigrator.Runner" Version="3.3.2" /></ItemGroup></Project>""")
            .Write("src/Core/Datastore/Migration/Framework/MigrationController.cs", "using FluentMigrator.Runner;\n\npublic class MigrationController\n{\n    public void Migrate(IMigrationRunner runner)\n    {\n        runner.MigrateUp();\n    }\n}\n");

        var facts = Extract(repo);

        var evidence = Assert.Single(facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
        Assert.Equal(("src/Core/Datastore/Migration/Framework/MigrationController.cs", 7), (evidence.Path, evidence.Line));
    }
    [Fact]
    public void A_message_queue_the_service_feeds_or_consumes_is_background_work()
    {
        // bitwarden's EventsProcessor reads an Azure queue; zipkin's collectors consume Kafka and RabbitMQ.
        using var dotnet = TestRepository.Create()
            .Write("src/Events/Events.csproj", WebProject)
            .Write("src/Events/Program.cs", "var app = WebApplication.Create(args);\nvar queue = new QueueClient(connection, \"events\");\napp.Run();\n");
        using var go = TestRepository.Create()
            .Write("go.mod", "module example.com/collector\n\ngo 1.22\n\nrequire github.com/segmentio/kafka-go v0.4.47\n")
            .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/segmentio/kafka-go\"\n)\n\nfunc main() { _ = kafka.NewReader(kafka.ReaderConfig{}); http.ListenAndServe(\":80\", nil) }\n");

        Assert.Contains("azure-queues", Extract(dotnet).Repository.List(FactKeys.BackgroundJobs));
        Assert.Contains("kafka", Extract(go).Repository.List(FactKeys.BackgroundJobs));
    }

    [Fact]
    public void End_to_end_suites_are_found_by_runner_configuration_system_test_folders_and_manifests()
    {
        // Squidex's tools/e2e Playwright suite, lobsters' Capybara system specs, Ombi's Cypress tests.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "devDependencies": { "vitest": "1.6.0" } }""")
            .Write("src/app.test.ts", "import { test } from 'vitest';\ntest('x', () => {});\n")
            .Write("tools/e2e/playwright.config.ts", "export default {};\n")
            .Write("spec/system/login_spec.rb", "describe 'login' do\nend\n");
        using var none = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "devDependencies": { "vitest": "1.6.0" } }""")
            .Write("src/app.test.ts", "import { test } from 'vitest';\ntest('x', () => {});\n");

        Assert.Equal(["capybara", "e2e-suite", "playwright"], Extract(repo).Repository.List(FactKeys.EndToEndTests).Order(StringComparer.Ordinal));
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(none)), "testing.end-to-end").Finding.Status);
    }
    [Fact]
    public void Go_pkgz_rest_ping_is_a_health_route_and_boltdb_is_a_database_without_a_schema()
    {
        // remark42: `router.Use(R.Ping)` from github.com/go-pkgz/rest, comments kept in BoltDB, logs through go-pkgz/lgr.
        using var repo = TestRepository.Create()
            .Write("backend/go.mod", "module github.com/umputun/remark42/backend\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-pkgz/rest v1.19.0\n\tgithub.com/go-pkgz/lgr v0.11.1\n\tgo.etcd.io/bbolt v1.3.10\n)\n")
            .Write("backend/app/main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\tlog \"github.com/go-pkgz/lgr\"\n\tR \"github.com/go-pkgz/rest\"\n\tbolt \"go.etcd.io/bbolt\"\n)\n\nfunc main() {\n\t_, _ = bolt.Open(\"remark.db\", 0o600, nil)\n\tlog.Printf(\"[INFO] start\")\n\trouter := http.NewServeMux()\n\t_ = R.Ping\n\thttp.ListenAndServe(\":8080\", router)\n}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("/ping", facts.Repository.List(FactKeys.HealthRoutes));
        Assert.Contains("lgr", facts.Repository.List(FactKeys.StructuredLogging));
        Assert.Contains("boltdb", facts.Repository.List(FactKeys.DatabaseEngines));
        Assert.Equal(FindingStatus.Partial, evaluation.Findings.First(f => f.Analyzer.Id == "database.migrations").Finding.Status);
    }

    [Fact]
    public void An_aspnet_attribute_route_to_ping_from_the_site_root_is_a_health_route()
    {
        // Lidarr.Http/Ping/PingController.cs: [HttpGet("/ping")].
        using var repo = TestRepository.Create()
            .Write("src/Host/Host.csproj", WebProject)
            .Write("src/Host/PingController.cs", "using Microsoft.AspNetCore.Mvc;\n\npublic class PingController : ControllerBase\n{\n    [HttpGet(\"/ping\")]\n    public IActionResult Get() => Ok();\n}\n");

        Assert.Contains("/ping", Extract(repo).Repository.List(FactKeys.HealthRoutes));
    }
    [Theory]
    [InlineData("", FindingStatus.Fail)]
    [InlineData("      - uses: sigstore/cosign-installer@v3\n      - run: cosign sign --yes ghcr.io/acme/app@${{ steps.push.outputs.digest }}\n", FindingStatus.Partial)]
    public void Published_images_are_judged_for_signing_and_an_sbom(string signing, FindingStatus expected)
    {
        // outline, remark42 and rubygems.org publish images with neither; ntfy's goreleaser signs nothing either.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2" } }""")
            .Write("server.js", "const express = require('express');\nexpress().listen(3000);\n")
            .Write("Dockerfile", "FROM node:20\nCOPY . .\nCMD [\"node\", \"server.js\"]\n")
            .Write(".github/workflows/release.yml", "on:\n  push:\n    tags: ['v*']\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - id: push\n        uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/acme/app:latest\n" + signing);

        var finding = Finding(Evaluation.Evaluate(Extract(repo)), "security.supply-chain").Finding;

        Assert.Equal(expected, finding.Status);
    }
    [Theory]
    [InlineData("docker-compose -f \"docker-compose.altcoins.yml\" run -e \"TEST_FILTERS=$1\" tests", true)]
    [InlineData("docker compose run --rm tests\necho done", true)]
    [InlineData("docker compose run --rm web", false)]
    public void A_compose_service_named_for_the_tests_runs_the_tests(string command, bool tests)
    {
        // btcpayserver's .circleci/run-tests.sh: `docker-compose -f docker-compose.altcoins.yml run -e TEST_FILTERS=$1 tests`.
        Assert.Equal(tests, InfraTrend.Facts.Ci.CommandClassifier.Direct(command).Test);
    }

    [Fact]
    public void Every_script_in_a_javascript_test_folder_is_a_test_file_but_its_helpers_are_not()
    {
        // NodeBB: test/user.js, test/posts.js ... run by mocha, beside test/helpers and test/mocks.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "nodebb", "scripts": { "start": "node app.js", "test": "mocha test/*.js" }, "dependencies": { "express": "4.19.2" }, "devDependencies": { "mocha": "10.4.0" } }""")
            .Write("app.js", "const express = require('express');\nexpress().listen(4567);\n")
            .Write("test/user.js", "describe('User', () => {});\n")
            .Write("test/posts.js", "describe('Posts', () => {});\n")
            .Write("test/helpers/index.js", "module.exports = {};\n")
            .Write("test/mocks/databasemock.js", "module.exports = {};\n");

        Assert.Equal(2, Extract(repo).Repository.Number(FactKeys.TestFiles));
    }

    [Fact]
    public void Gorm_automigrate_creates_the_schema_at_start_up()
    {
        // opengist's internal/db: db.AutoMigrate(&User{}, &Gist{}, ...) as the server starts.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module github.com/thomiceli/opengist\n\ngo 1.22\n\nrequire (\n\tgorm.io/gorm v1.25.10\n\tgorm.io/driver/sqlite v1.5.5\n)\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":6157\", nil) }\n")
            .Write("internal/db/db.go", "package db\n\nimport (\n\t\"gorm.io/driver/sqlite\"\n\t\"gorm.io/gorm\"\n)\n\nfunc Setup() error {\n\tdb, _ := gorm.Open(sqlite.Open(\"opengist.db\"), &gorm.Config{})\n\treturn db.AutoMigrate(&User{})\n}\n\ntype User struct{}\n");

        var facts = Extract(repo);

        Assert.Contains("gorm-automigrate", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(FindingStatus.Partial, Evaluation.Evaluate(facts).Findings.First(f => f.Analyzer.Id == "database.migrations").Finding.Status);
    }
    [Fact]
    public void Just_recipes_are_followed_like_makefile_targets()
    {
        // pretalx's tests.yml runs `just test-coverage -n auto`, whose recipe runs `just test --cov=src`, which runs pytest.
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"pretalx\"\ndependencies = [\"django>=5\"]\n")
            .Write("manage.py", "import django\n")
            .Write("justfile", "set dotenv-load\n\n# Run the tests\n[group('tests')]\ntest *args:\n    uv run pytest {{args}}\n\ntest-coverage *args: \n    @just test --cov=src {{args}}\n\nfmt-check:\n    uv run ruff format --check .\n")
            .Write(".github/workflows/tests.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: just test-coverage -n auto -p no:sugar\n      - run: just fmt-check\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.RunsTests));
    }

    [Fact]
    public void A_schema_that_follows_the_code_at_each_start_is_applied_on_release_though_unversioned()
    {
        // gogs and opengist: gorm's AutoMigrate adds tables and columns to an existing database as the server starts.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module gogs.io/gogs\n\ngo 1.22\n\nrequire (\n\tgorm.io/gorm v1.25.10\n\tgorm.io/driver/postgres v1.5.9\n)\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":3000\", nil) }\n")
            .Write("internal/database/database.go", "package database\n\nimport (\n\t\"gorm.io/driver/postgres\"\n\t\"gorm.io/gorm\"\n)\n\nfunc Init() error {\n\tdb, _ := gorm.Open(postgres.Open(\"\"), &gorm.Config{})\n\treturn db.AutoMigrate(&Repo{})\n}\n\ntype Repo struct{}\n");

        var applied = Evaluation.Evaluate(Extract(repo)).Findings.First(f => f.Analyzer.Id == "database.migrations-applied").Finding;

        Assert.Equal(FindingStatus.Pass, applied.Status);
    }
    [Fact]
    public void Software_its_users_install_from_published_releases_is_not_held_at_level_one_for_want_of_a_dockerfile()
    {
        // Jackett: Azure Pipelines builds and tests, then `task: GitHubRelease@1` publishes the binaries; no Dockerfile here.
        using var repo = TestRepository.Create()
            .Write("src/Jackett.Server/Jackett.Server.csproj", WebProject)
            .Write("src/Jackett.Server/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("azure-pipelines.yml", "trigger:\n  - master\nsteps:\n  - task: DotNetCoreCLI@2\n    inputs:\n      command: test\n  - script: dotnet test src/Jackett.Test\n  - task: GitHubRelease@1\n    inputs:\n      action: create\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var descriptor = Finding(evaluation, "deployment.descriptor").Finding;
        Assert.Equal((FindingStatus.Partial, 0.5), (descriptor.Status, descriptor.Score));
        Assert.DoesNotContain("deployment.descriptor", evaluation.ScoreCard.Maturity.Levels.Single(l => l.Level == 2).EssentialFailing);
    }
    [Fact]
    public void A_migrate_call_in_a_go_init_function_and_a_release_phase_db_upgrade_apply_the_migrations()
    {
        // shiori's internal/cmd/root.go: initShiori calls db.Migrate(ctx); warehouse's Procfile `release: bin/release`
        // runs `python -m warehouse db upgrade head`.
        using var go = TestRepository.Create()
            .Write("go.mod", "module github.com/go-shiori/shiori\n\ngo 1.22\n\nrequire github.com/golang-migrate/migrate/v4 v4.17.1\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")
            .Write("internal/cmd/root.go", "package cmd\n\nfunc initShiori(ctx context.Context) {\n\t// Migrate\n\tif err := db.Migrate(ctx); err != nil {\n\t\tpanic(err)\n\t}\n}\n")
            .Write("internal/database/migrations/000001_init.up.sql", "CREATE TABLE bookmark (id INTEGER);\n");
        using var python = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"warehouse\"\ndependencies = [\"alembic\", \"pyramid\"]\n")
            .Write("Procfile", "release: bin/release\nweb: python -m gunicorn warehouse.wsgi:application\n")
            .Write("bin/release", "#!/bin/bash\nset -eo pipefail\n# Migrate our database to the latest revision.\npython -m warehouse db upgrade head\n");

        Assert.Contains("start", Extract(go).Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Contains("release", Extract(python).Repository.List(FactKeys.MigrationsAppliedAt));
    }
    [Fact]
    public void Ef_core_migrations_in_a_migrations_project_and_go_migrations_that_register_themselves_are_counted()
    {
        // fullstackhero's src/Host/FSH.Starter.Migrations.PostgreSQL/Audit/*.cs; pocketbase's migrations/1640988000_init.go
        // registering with core.SystemMigrations.Register(func...).
        using var dotnet = TestRepository.Create()
            .Write("src/Api/Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><ProjectReference Include="..\Starter.Migrations.PostgreSQL\Starter.Migrations.PostgreSQL.csproj" /><PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="9.0.0" /></ItemGroup></Project>""")
            .Write("src/Api/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/Starter.Migrations.PostgreSQL/Starter.Migrations.PostgreSQL.csproj", """<Project Sdk="Microsoft.NET.Sdk"></Project>""")
            .Write("src/Starter.Migrations.PostgreSQL/Audit/20251203033647_AddAudits.cs", "using Microsoft.EntityFrameworkCore.Migrations;\n\npublic partial class AddAudits : Migration { protected override void Up(MigrationBuilder migrationBuilder) {} }\n")
            .Write("src/Starter.Migrations.PostgreSQL/Audit/20251203033647_AddAudits.Designer.cs", "partial class AddAudits {}\n");
        using var go = TestRepository.Create()
            .Write("go.mod", "module github.com/pocketbase/pocketbase\n\ngo 1.22\n\nrequire modernc.org/sqlite v1.30.0\n")
            .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t_ \"modernc.org/sqlite\"\n)\n\nfunc main() { http.ListenAndServe(\":8090\", nil) }\n")
            .Write("migrations/1640988000_init.go", "package migrations\n\nfunc init() {\n\tcore.SystemMigrations.Register(func(txApp core.App) error { return nil }, nil)\n}\n")
            .Write("migrations/1717233556_v0.23_migrate.go", "package migrations\n\nfunc init() {\n\tcore.SystemMigrations.Register(func(txApp core.App) error { return nil }, nil)\n}\n");

        var api = Extract(dotnet).Parts.Single(p => p.Path == "src/Api").Facts;

        Assert.Equal(["ef-core"], api.List(FactKeys.MigrationTools));
        Assert.Contains("go-migrations", Extract(go).Repository.List(FactKeys.MigrationTools));
    }
    [Fact]
    public void A_ruby_script_a_pipeline_runs_and_a_reusable_workflow_of_another_repository_say_what_they_run()
    {
        // alphagov/signon's ci.yml: `run: ./script/minitest-ci` (a Ruby script that execs `bundle exec rails test`), and
        // `uses: alphagov/govuk-infrastructure/.github/workflows/rubocop.yml@main`.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\n")
            .Write("config.ru", "run Rails.application\n")
            .Write("script/minitest-ci", "#!/usr/bin/env ruby\n\ntests = Dir[\"test/**/*_test.rb\"]\nexec \"bundle exec rails test #{tests.join(' ')}\"\n")
            .Write(".github/workflows/ci.yml", "on: push\njobs:\n  lint:\n    uses: alphagov/govuk-infrastructure/.github/workflows/rubocop.yml@main\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Run Minitest\n        run: ./script/minitest-ci\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.RunsTests));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "ci.lint-or-typecheck").Finding.Status);
    }
    [Fact]
    public void Numbered_migration_functions_in_a_python_migrations_module_run_by_the_app_module_are_migrations_applied_at_start()
    {
        // lnbits: lnbits/core/migrations.py holds `async def m001_initial(db):` ...; lnbits/app.py runs `await migrate_databases()`.
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"lnbits\"\ndependencies = [\"fastapi\", \"sqlalchemy\"]\n")
            .Write("lnbits/core/migrations.py", "async def m000_create_migrations_table(db):\n    pass\n\n\nasync def m001_initial(db):\n    pass\n\n\nasync def m002_add_fields(db):\n    pass\n")
            .Write("lnbits/app.py", "from fastapi import FastAPI\nfrom .commands import migrate_databases\n\nasync def startup(app: FastAPI):\n    await migrate_databases()\n");

        var facts = Extract(repo);

        Assert.Contains("python-migrations", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(3, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void Govuk_app_config_sets_up_error_tracking_and_json_logs_in_a_rails_app()
    {
        // alphagov/content-publisher and signon bundle govuk_app_config, whose Railtie starts Sentry and JSON logging.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'govuk_app_config'\n")
            .Write("Gemfile.lock", "GEM\n  specs:\n    govuk_app_config (9.0.0)\n    rails (7.1.0)\n")
            .Write("config/application.rb", "require 'rails/all'\nmodule ContentPublisher\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config.ru", "require_relative 'config/environment'\nrun Rails.application\n");

        var facts = Extract(repo);

        Assert.Contains("sentry", facts.Repository.List(FactKeys.ErrorTracking));
        Assert.Contains("govuk-json-logging", facts.Repository.List(FactKeys.StructuredLogging));
    }
    [Fact]
    public void Chi_mounts_and_live_or_ready_named_paths_are_health_routes()
    {
        // drone's cmd/drone-server/inject_server.go: r.Mount("/healthz", healthz); gotosocial's internal/api/health:
        // LivePath = "/livez", ReadyPath = "/readyz".
        using var repo = TestRepository.Create()
            .Write("go.mod", "module github.com/drone/drone\n\ngo 1.22\n\nrequire github.com/go-chi/chi v1.5.4\n")
            .Write("cmd/server/main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/go-chi/chi\"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Mount(\"/healthz\", healthz)\n\thttp.ListenAndServe(\":80\", r)\n}\n")
            .Write("internal/api/health/health.go", "package health\n\nconst (\n\tLivePath  = \"/livez\"\n\tReadyPath = \"/readyz\"\n\tDeliveryPath = \"/deliveries\"\n)\n");

        var routes = Extract(repo).Repository.List(FactKeys.HealthRoutes);

        Assert.Contains("/healthz", routes);
        Assert.Contains("/livez", routes);
        Assert.Contains("/readyz", routes);
        Assert.DoesNotContain("/deliveries", routes);
    }

    // ---- fifth split ---------------------------------------------------------------------------------

    [Fact]
    public void A_workspace_root_that_starts_its_own_server_stays_a_part_beside_its_front_end()
    {
        // Unleash: the root package.json is the Express server (`start: node ./dist/server.js`), frontend/ a pnpm member.
        using var repo = TestRepository.Create()
            .Write("pnpm-workspace.yaml", "packages:\n  - frontend\n")
            .Write("package.json", """{ "name": "unleash-server", "exports": "./dist/lib/server-impl.js", "scripts": { "start": "TZ=UTC node ./dist/server.js" }, "dependencies": { "express": "4.22.1", "pg": "8.20.0" } }""")
            .Write("Dockerfile", "FROM node:22\nCOPY . .\nCMD [\"node\", \"dist/server.js\"]\n")
            .Write("frontend/package.json", """{ "name": "unleash-frontend", "scripts": { "dev": "vite" }, "dependencies": { "react": "19.0.0", "vite": "8.1.3" } }""")
            .Write("frontend/index.html", "<div id=root></div>\n")
            .Write("frontend/vite.config.ts", "export default {};\n");
        using var orchestrating = TestRepository.Create()
            .Write("pnpm-workspace.yaml", "packages:\n  - apps/*\n")
            .Write("package.json", """{ "name": "root", "scripts": { "start": "turbo run start" }, "devDependencies": { "turbo": "2.0.0" } }""")
            .Write("apps/api/package.json", """{ "name": "api", "scripts": { "start": "node dist/main.js" }, "dependencies": { "express": "4.22.1" } }""");

        Assert.Equal([".", "frontend"], Extract(repo).Parts.Select(p => p.Path).Order().ToList());
        Assert.Equal(["apps/api"], Extract(orchestrating).Parts.Select(p => p.Path).ToList());
    }

    [Fact]
    public void Db_migrate_modules_are_counted_and_dbm_up_at_start_applies_them()
    {
        // Unleash's src/migrations/*.js (`exports.up = function (db, callback) { db.runSql(...) }`) and src/migrator.ts (`dbm.up()`).
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "server", "scripts": { "start": "node dist/server.js" }, "dependencies": { "express": "4.22.1", "db-migrate": "0.11.14", "pg": "8.20.0" } }""")
            .Write("src/server.ts", "import express from 'express';\nimport { migrateDb } from './migrator.js';\nawait migrateDb(config);\nexpress().listen(4242);\n")
            .Write("src/migrator.ts", "import dbMigrate from 'db-migrate';\nexport async function migrateDb(config) {\n  const dbm = dbMigrate.getInstance(true, { config });\n  return dbm.up();\n}\n")
            .Write("src/migrations/20141020151056-initial-schema.js", "exports.up = function (db, callback) {\n  db.runSql('CREATE TABLE features (name text)', callback);\n};\n")
            .Write("src/migrations/20141110144153-add-description.js", "exports.up = function (db, callback) {\n  db.addColumn('features', 'description', 'text', callback);\n};\n");

        var facts = Extract(repo);

        Assert.Equal(["db-migrate"], facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void A_prisma_schema_pushed_by_the_start_script_follows_the_code_and_a_dev_push_does_not()
    {
        // postiz-app: `pm2-run` runs `prisma-db-push` (prisma db push --accept-data-loss) as the container starts; no migrations folder.
        static TestRepository App(string scripts) => TestRepository.Create()
            .Write("package.json", $$"""{ "name": "app", "scripts": { {{scripts}} }, "dependencies": { "@nestjs/core": "10.0.0", "@prisma/client": "6.5.0" } }""")
            .Write("src/main.ts", "import { NestFactory } from '@nestjs/core';\nNestFactory.create(AppModule).then(a => a.listen(3000));\n")
            .Write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n");
        using var postiz = App(""" "start": "node dist/main.js", "pm2-run": "pm2 delete all || true && pnpm run prisma-db-push && pm2 logs", "prisma-db-push": "pnpm dlx prisma@6.5.0 db push --accept-data-loss" """);
        using var devOnly = App(""" "start": "node dist/main.js", "db:push": "prisma db push" """);

        var pushed = Extract(postiz);
        var evaluation = Evaluation.Evaluate(pushed);

        Assert.Equal(["prisma-db-push"], pushed.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(FindingStatus.Partial, Finding(evaluation, "database.migrations").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
        Assert.Equal(["prisma"], Extract(devOnly).Repository.List(FactKeys.MigrationTools));
    }

    [Fact]
    public void Versioned_up_sql_files_of_an_own_migrator_and_a_migrate_call_in_a_startup_check_count()
    {
        // authelia: internal/storage/migrations/postgres/V0001.Initial_Schema.up.sql (+ .down.sql), applied by
        // `p.SchemaMigrate(ctx, true, SchemaLatest)` inside `func (p *SQLProvider) StartupCheck()`.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module github.com/authelia/authelia\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.0\n")
            .Write("cmd/authelia/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9091\", nil) }\n")
            .Write("internal/storage/migrations/postgres/V0001.Initial_Schema.up.sql", "CREATE TABLE users (id int);\n")
            .Write("internal/storage/migrations/postgres/V0001.Initial_Schema.down.sql", "DROP TABLE users;\n")
            .Write("internal/storage/migrations/postgres/V0002.WebAuthn.up.sql", "CREATE TABLE webauthn (id int);\n")
            .Write("internal/storage/migrations/postgres/V0002.WebAuthn.down.sql", "DROP TABLE webauthn;\n")
            .Write("internal/storage/sql_provider.go", "package storage\n\nfunc (p *SQLProvider) StartupCheck() (err error) {\n\tif err = p.db.Ping(); err != nil {\n\t\treturn err\n\t}\n\treturn p.SchemaMigrate(ctx, true, SchemaLatest)\n}\n");

        var facts = Extract(repo);

        Assert.Contains("sql-scripts", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Contains("start", facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void A_go_function_that_backs_up_the_database_is_a_built_in_backup()
    {
        // stash: pkg/sqlite/database.go `func (db *Database) Backup(backupPath string) (err error)`, run before each migration.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module github.com/stashapp/stash\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n")
            .Write("cmd/stash/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9999\", nil) }\n")
            .Write("pkg/sqlite/database.go", "package sqlite\n\nimport _ \"github.com/mattn/go-sqlite3\"\n\nfunc (db *Database) Backup(backupPath string) (err error) {\n\t_, err = db.db.Exec(`VACUUM INTO \"` + backupPath + `\"`)\n\treturn err\n}\n");
        using var none = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n")
            .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\t_ \"github.com/mattn/go-sqlite3\"\n)\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n\nfunc BackupName() string { return \"x\" }\n");

        Assert.Contains("built-in", Extract(repo).Repository.List(FactKeys.Backups));
        Assert.DoesNotContain("built-in", Extract(none).Repository.List(FactKeys.Backups));
    }

    [Fact]
    public void Django_migrations_in_a_package_named_by_MIGRATION_MODULES_are_counted()
    {
        // DefectDojo: MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}, 290 numbered modules in dojo/db_migrations/.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0\npsycopg[c]==3.1\n")
            .Write("manage.py", "import sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n")
            .Write("dojo/settings/settings.py", "MIGRATION_MODULES = {\"dojo\": \"dojo.db_migrations\"}\nDATABASES = {\"default\": {\"ENGINE\": \"django.db.backends.postgresql\"}}\n")
            .Write("dojo/db_migrations/__init__.py", "")
            .Write("dojo/db_migrations/0001_initial.py", "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n")
            .Write("dojo/db_migrations/0002_auto_20190503_1817.py", "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n");

        var facts = Extract(repo);

        Assert.Contains("django", facts.Repository.List(FactKeys.MigrationTools));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void A_DbContext_that_migrates_itself_in_its_constructor_applies_the_migrations()
    {
        // Piranha.Data.EF/Db.cs: `Database.Migrate();` in the DbContext, run as the context first opens.
        using var repo = TestRepository.Create()
            .Write("src/Web/Web.csproj", WebProject)
            .Write("src/Web/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/Data/Data.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.0" /></ItemGroup></Project>""")
            .Write("src/Data/Db.cs", "using Microsoft.EntityFrameworkCore;\n\npublic abstract class Db : DbContext\n{\n    protected Db(DbContextOptions options) : base(options)\n    {\n        Database.Migrate();\n    }\n}\n");

        var evidence = Assert.Single(Extract(repo).Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));

        Assert.Equal(("src/Data/Db.cs", 7), (evidence.Path, evidence.Line));
    }

    [Fact]
    public void A_dotnet_framework_web_application_is_a_service_and_its_ef6_migrations_count()
    {
        // NuGetGallery: src/NuGetGallery/NuGetGallery.csproj with the ASP.NET Web Application project type, EF6 migrations
        // named with a 15-digit stamp (Migrations/201110060711357_Initial.cs) beside their .Designer.cs.
        using var repo = TestRepository.Create()
            .Write("src/Gallery/Gallery.csproj", """
                <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
                  <PropertyGroup>
                    <ProjectTypeGuids>{349c5851-65df-11da-9384-00065b846f21};{fae04ec0-301f-11d3-bf4b-00c04f79efbc}</ProjectTypeGuids>
                    <OutputType>Library</OutputType>
                    <TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>
                  </PropertyGroup>
                </Project>
                """)
            .Write("src/Gallery/Migrations/201110060711357_Initial.cs", "using System.Data.Entity.Migrations;\n\npublic partial class Initial : DbMigration\n{\n    public override void Up() { }\n}\n")
            .Write("src/Gallery/Migrations/201110060711357_Initial.Designer.cs", "public partial class Initial : IMigrationMetadata { }\n")
            .Write("src/Gallery/Migrations/201111021912157_AddOwners.cs", "using System.Data.Entity.Migrations;\n\npublic partial class AddOwners : DbMigration\n{\n    public override void Up() { }\n}\n")
            .Write("src/Gallery/Migrations/201111021912157_AddOwners.Designer.cs", "public partial class AddOwners : IMigrationMetadata { }\n");

        var facts = Extract(repo);
        var gallery = Assert.Single(facts.Parts);

        Assert.Equal(("src/Gallery", "service"), (gallery.Path, gallery.Kind));
        Assert.Equal(["ef6"], gallery.Facts.List(FactKeys.MigrationTools));
        Assert.Equal(2, gallery.Facts.Number(FactKeys.MigrationCount));
    }

    [Fact]
    public void Gems_built_on_sidekiq_bring_sidekiq_jobs()
    {
        // alphagov/publishing-api bundles govuk_sidekiq and sidekiq-scheduler, never sidekiq itself; its jobs `include Sidekiq::Job`.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\ngem 'pg'\ngem 'govuk_sidekiq'\ngem 'sidekiq-scheduler'\n")
            .Write("config/application.rb", "require 'rails/all'\nmodule PublishingApi\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config.ru", "require_relative 'config/environment'\nrun Rails.application\n")
            .Write("app/sidekiq/downstream_live_job.rb", "class DownstreamLiveJob\n  include Sidekiq::Job\n\n  def perform(args); end\nend\n");

        Assert.Contains("sidekiq", Extract(repo).Repository.List(FactKeys.BackgroundJobs));
    }

    [Fact]
    public void Migrations_applied_by_a_compose_service_a_store_constructor_or_an_own_extension_count()
    {
        // hotosm/tasking-manager: a tm-migration compose service, entrypoint ["alembic", "-c", "migrations/alembic.ini", "upgrade", "head"].
        using var compose = TestRepository.Create()
            .Write("requirements.txt", "fastapi==0.110\nalembic==1.13\npsycopg2==2.9\n")
            .Write("backend/main.py", "from fastapi import FastAPI\napp = FastAPI()\n")
            .Write("migrations/alembic.ini", "[alembic]\nscript_location = migrations\n")
            .Write("migrations/env.py", "from alembic import context\ncontext.run_migrations()\n")
            .Write("migrations/versions/0001_init.py", "revision = '0001'\ndef upgrade():\n    pass\n")
            .Write("docker-compose.yml", "services:\n  api:\n    build: .\n  tm-migration:\n    build: .\n    entrypoint: [\"alembic\", \"-c\", \"migrations/alembic.ini\", \"upgrade\", \"head\"]\n")
            .Write("Dockerfile", "FROM python:3.12\nCOPY . .\nCMD [\"uvicorn\", \"backend.main:app\"]\n");
        // mattermost/focalboard: `func New(params Params) (*SQLStore, error)` calls `store.Migrate()` as the store opens.
        using var go = TestRepository.Create()
            .Write("go.mod", "module github.com/mattermost/focalboard/server\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n")
            .Write("main/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8000\", nil) }\n")
            .Write("services/store/sqlstore/sqlstore.go", "package sqlstore\n\nfunc New(params Params) (*SQLStore, error) {\n\tstore := &SQLStore{}\n\tif err := store.Migrate(); err != nil {\n\t\treturn nil, err\n\t}\n\treturn store, nil\n}\n");
        // VirtoCommerce: Platform.Web/Migrations/ApplicationBuilderExtensions.cs, `platformDbContext.Database.MigrateIfNotApplied(name)`.
        using var dotnet = TestRepository.Create()
            .Write("src/Web/Web.csproj", WebProject)
            .Write("src/Web/Program.cs", "var app = WebApplication.Create(args);\napp.UsePlatformMigrations();\napp.Run();\n")
            .Write("src/Web/Migrations/ApplicationBuilderExtensions.cs", "public static class ApplicationBuilderExtensions\n{\n    public static void UsePlatformMigrations(this IApplicationBuilder app)\n    {\n        var db = app.ApplicationServices.GetRequiredService<PlatformDbContext>();\n        db.Database.MigrateIfNotApplied(\"UpdateV2\");\n    }\n}\n");

        Assert.Contains("start", Extract(compose).Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Contains("start", Extract(go).Repository.List(FactKeys.MigrationsAppliedAt));
        var evidence = Assert.Single(Extract(dotnet).Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
        Assert.Equal(("src/Web/Migrations/ApplicationBuilderExtensions.cs", 6), (evidence.Path, evidence.Line));
    }

    [Fact]
    public void Scala_specs_count_as_tests()
    {
        // gitbucket: src/test/scala/gitbucket/core/GitBucketCoreModuleSpec.scala (`extends AnyFunSuite`), run by sbt test.
        using var repo = TestRepository.Create()
            .Write("build.sbt", "name := \"gitbucket\"\nlibraryDependencies += \"org.scalatest\" %% \"scalatest-funsuite\" % \"3.2.19\" % \"test\"\n")
            .Write("src/main/scala/gitbucket/core/Server.scala", "package gitbucket.core\n\nobject Server {\n  def main(args: Array[String]): Unit = ()\n}\n")
            .Write("src/test/scala/gitbucket/core/GitBucketCoreModuleSpec.scala", "package gitbucket.core\n\nimport org.scalatest.funsuite.AnyFunSuite\n\nclass GitBucketCoreModuleSpec extends AnyFunSuite {\n  test(\"migration\") { assert(true) }\n}\n");

        Assert.Equal(1, Extract(repo).Repository.Number(FactKeys.TestFiles));
    }

    [Fact]
    public void Steps_in_a_parallel_group_run_and_an_e2e_tests_folder_or_a_browser_driver_is_an_end_to_end_suite()
    {
        // karakeep's ci.yml: `- parallel:` holding `pnpm test` steps, one in packages/e2e_tests; authelia's go.mod requires go-rod.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "root", "scripts": { "test": "turbo test" }, "devDependencies": { "turbo": "2.0.0" } }""")
            .Write("packages/e2e_tests/package.json", """{ "name": "e2e", "scripts": { "test": "vitest run" }, "devDependencies": { "vitest": "1.6.0" } }""")
            .Write("packages/e2e_tests/tests/bookmarks.test.ts", "import { test } from 'vitest';\ntest('adds a bookmark', () => {});\n")
            .Write(".github/workflows/ci.yml", "on: push\njobs:\n  tests:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - parallel:\n        - name: E2E Tests\n          working-directory: packages/e2e_tests\n          run: pnpm test\n");
        using var go = TestRepository.Create()
            .Write("go.mod", "module github.com/authelia/authelia\n\ngo 1.22\n\nrequire github.com/go-rod/rod v0.116.0\n")
            .Write("cmd/authelia/main.go", "package main\n\nfunc main() {}\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.RunsTests));
        Assert.Contains("e2e-suite", facts.Repository.List(FactKeys.EndToEndTests));
        Assert.Equal(["rod"], Extract(go).Repository.List(FactKeys.EndToEndTests));
    }

    [Fact]
    public void A_cloud_autoscaler_declared_as_code_passes_autoscaling_without_kubernetes()
    {
        // hotosm/tasking-manager: scripts/aws/infra/.../ecs/terragrunt.hcl hands `cpu_scaling_config = {...}` to its ECS module.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "fastapi==0.110\n")
            .Write("backend/main.py", "from fastapi import FastAPI\napp = FastAPI()\n")
            .Write("Dockerfile", "FROM python:3.12\nCOPY . .\nCMD [\"uvicorn\", \"backend.main:app\"]\n")
            .Write("scripts/aws/infra/production/ecs/terragrunt.hcl", "inputs = {\n  container_min_count = 2\n  cpu_scaling_config = {\n    target_value = 60\n  }\n}\n");
        using var fixedSize = TestRepository.Create()
            .Write("requirements.txt", "fastapi==0.110\n")
            .Write("backend/main.py", "from fastapi import FastAPI\napp = FastAPI()\n")
            .Write("Dockerfile", "FROM python:3.12\nCOPY . .\nCMD [\"uvicorn\", \"backend.main:app\"]\n")
            .Write("infra/main.tf", "resource \"aws_ecs_service\" \"api\" {\n  desired_count = 2\n}\n");

        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(repo)), "scaling.autoscaling").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(fixedSize)), "scaling.autoscaling").Finding.Status);
    }

    [Fact]
    public void Govuk_app_config_brings_connected_sentry_and_json_logs_and_healthcheck_routes_count()
    {
        // alphagov/publishing-api: govuk_app_config (GovukError reads SENTRY_DSN, JSON logs) beside sentry-sidekiq;
        // config/routes.rb: get "/healthcheck/live"; rubyforgood/casa: `resources :health, only: %i[index]`.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\ngem 'govuk_app_config'\ngem 'sentry-sidekiq'\n")
            .Write("config/application.rb", "require 'rails/all'\nmodule PublishingApi\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config.ru", "require_relative 'config/environment'\nrun Rails.application\n")
            .Write("config/routes.rb", "Rails.application.routes.draw do\n  get \"/healthcheck/live\", to: proc { [200, {}, %w[OK]] }\n  resources :health, only: %i[index]\nend\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.error-tracking").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.structured-logging").Finding.Status);
        Assert.Contains("/healthcheck/live", facts.Repository.List(FactKeys.HealthRoutes));
        Assert.Contains("/health", facts.Repository.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void A_committed_schema_script_run_by_hand_earns_half_of_migrations_and_its_inserts_are_seed_data()
    {
        // macrozheng/mall, RuoYi, xxl-job: no migration tool, document/sql/mall.sql creates every table and inserts the demo data.
        static TestRepository App() => TestRepository.Create()
            .Write("package.json", """{ "name": "shop", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "mysql2": "3.9.0" } }""")
            .Write("server.js", "const express = require('express');\nconst mysql = require('mysql2');\nexpress().listen(3000);\n");
        using var repo = App()
            .Write("document/sql/mall.sql", "CREATE TABLE `oms_order` (id bigint);\nCREATE TABLE `pms_product` (id bigint);\nINSERT INTO `pms_product` VALUES (1);\n");
        using var one = App().Write("docs/query.sql", "CREATE TABLE tmp (id int);\nSELECT * FROM tmp;\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var migrations = Finding(evaluation, "database.migrations").Finding;
        Assert.Equal((FindingStatus.Partial, 0.5), (migrations.Status, migrations.Score));
        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations-applied").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.seed").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(one)), "database.migrations").Finding.Status);
    }

    [Fact]
    public void A_push_target_after_a_registry_login_publishes_and_preview_images_and_umbrella_charts_are_not_judged()
    {
        // searxng's container.yml: docker/login-action, then `make container.push`; growthbook's preview/Dockerfile.append
        // (PR previews) and charts/growthbook, an umbrella chart whose subchart charts/server runs the pods.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "flask==3.0\n")
            .Write("searx/webapp.py", "from flask import Flask\napp = Flask(__name__)\n")
            .Write("Dockerfile", "FROM python:3.12-slim AS build\nFROM python:3.12-slim\nUSER 977\nCOPY . .\nCMD [\"granian\", \"searx.webapp:app\"]\n")
            .Write("preview/Dockerfile", "FROM node\nCOPY . .\n")
            .Write(".github/workflows/container.yml", "on:\n  push:\n    branches: [master]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n      - run: make container.push\n")
            .Write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: server\n    version: 1.0.0\n")
            .Write("charts/app/templates/ingress.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\n")
            .Write("charts/app/charts/server/Chart.yaml", "apiVersion: v2\nname: server\nversion: 1.0.0\n")
            .Write("charts/app/charts/server/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          livenessProbe: {httpGet: {path: /healthz, port: http}}\n          readinessProbe: {httpGet: {path: /healthz, port: http}}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "deployment.automated").Finding.Status);
        Assert.DoesNotContain(facts.Repository.Objects(FactKeys.Dockerfiles), d => d!["path"]!.GetValue<string>().StartsWith("preview/", StringComparison.Ordinal));
        Assert.All(evaluation.Findings.Where(f => f.Analyzer.Id == "deployment.k8s-probes"), f => Assert.Equal(FindingStatus.Pass, f.Finding.Status));
    }

    [Fact]
    public void The_rails_logger_mattermost_mlog_and_application_insights_calls_are_monitoring()
    {
        // rubyforgood/abalone: a Rails app with no logging gem still logs through Rails.logger; focalboard's server logs with
        // mattermost's mlog; NuGetGallery's jobs report through TelemetryClient.TrackException and TrackMetric.
        using var rails = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
            .Write("config/application.rb", "require 'rails/all'\nmodule Abalone\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config.ru", "require_relative 'config/environment'\nrun Rails.application\n");
        using var go = TestRepository.Create()
            .Write("go.mod", "module github.com/mattermost/focalboard/server\n\ngo 1.22\n\nrequire github.com/mattermost/mattermost/server/public v0.1.0\n")
            .Write("main/main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/mattermost/mattermost/server/public/shared/mlog\"\n)\n\nfunc main() {\n\tlogger, _ := mlog.NewLogger()\n\tlogger.Info(\"start\")\n\thttp.ListenAndServe(\":8000\", nil)\n}\n");
        using var dotnet = TestRepository.Create()
            .Write("src/Job/Job.csproj", ConsoleProject)
            .Write("src/Job/Program.cs", "using Microsoft.ApplicationInsights;\n\nvar telemetry = new TelemetryClient();\ntry { Run(); }\ncatch (Exception e) { telemetry.TrackException(e); }\ntelemetry.TrackMetric(\"PackagesDeleted\", 3);\n");

        // With nothing else in the fixture the Rails logger earns three quarters of the logging credit (framework logging
        // alone, CorpusCasesMonitoring13Tests); it is logging all the same.
        var railsLogging = Finding(Evaluation.Evaluate(Extract(rails)), "monitoring.logging").Finding;
        Assert.Equal(FindingStatus.Partial, railsLogging.Status);
        Assert.Contains("rails-logger", railsLogging.Message, StringComparison.Ordinal);
        var goEvaluation = Evaluation.Evaluate(Extract(go));
        Assert.Equal(FindingStatus.Pass, Finding(goEvaluation, "monitoring.structured-logging").Finding.Status);
        var jobs = Evaluation.Evaluate(Extract(dotnet));
        Assert.Equal(FindingStatus.Pass, Finding(jobs, "monitoring.error-tracking", "src/Job").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(jobs, "monitoring.metrics", "src/Job").Finding.Status);
    }

    [Fact]
    public void A_dotnet_part_built_from_tested_libraries_has_tests_and_template_content_is_not_a_part()
    {
        // duplicati: Executables/Duplicati.CommandLine references Duplicati.Library.Main, which Duplicati.UnitTest references;
        // skoruba: templates/template-publish/content (beside .template.config/template.json) copies the application.
        using var repo = TestRepository.Create()
            .Write("Duplicati/Server/Server.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><ProjectReference Include="../../Library/Main/Main.csproj" /></ItemGroup></Project>""")
            .Write("Duplicati/Server/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("Executables/CommandLine/CommandLine.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><ProjectReference Include="../../Library/Main/Main.csproj" /></ItemGroup></Project>""")
            .Write("Executables/CommandLine/Program.cs", "Main.Controller.Run(args);\n")
            .Write("Library/Main/Main.csproj", """<Project Sdk="Microsoft.NET.Sdk"></Project>""")
            .Write("Library/Main/Controller.cs", "public static class Controller { public static void Run(string[] args) { } }\n")
            .Write("UnitTest/UnitTest.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.10.0" /><PackageReference Include="NUnit" Version="4.1.0" /><ProjectReference Include="../Library/Main/Main.csproj" /></ItemGroup></Project>""")
            .Write("UnitTest/ControllerTests.cs", "using NUnit.Framework;\n\npublic class ControllerTests\n{\n    [Test]\n    public void Runs() { }\n}\n")
            .Write("templates/publish/content/.template.config/template.json", "{ \"shortName\": \"app\" }\n")
            .Write("templates/publish/content/src/App/App.csproj", WebProject)
            .Write("templates/publish/content/src/App/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(["Duplicati/Server", "Executables/CommandLine"], facts.Parts.Select(p => p.Path).Order(StringComparer.Ordinal).ToList());
        Assert.All(evaluation.Findings.Where(f => f.Analyzer.Id == "testing.tests-present"), f => Assert.NotEqual(FindingStatus.Fail, f.Finding.Status));
    }

    [Fact]
    public void Commented_settings_api_examples_and_a_development_only_folder_hold_no_committed_secret()
    {
        // publishing-api's config/secrets.yml keeps Rails' commented template (`#   api_key: a1B2c3D4e5F6`); vikunja's
        // swagger.yaml gives jwt.io's sample token as an `example:`; drone's docker/compose/README.md says its compose files
        // are for local development only.
        static TestRepository App() => TestRepository.Create()
            .Write("package.json", """{ "name": "app", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2" } }""")
            .Write("server.js", "require('express')().listen(3000);\n")
            .Write(".github/workflows/ci.yml", CiWorkflow);
        using var quiet = App()
            .Write("config/secrets.yml", "# shared:\n#   api_key: Zq8vN3kLw9Tr2Xp6\nproduction:\n  secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>\n")
            .Write("pkg/swagger/swagger.yaml", "definitions:\n  auth.Token:\n    properties:\n      token:\n        example: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n")
            .Write("docker/compose/README.md", "# Local development\n\nThese compose files are used by the core team for local development and testing purposes only.\n")
            .Write("docker/compose/server/docker-compose.yml", "services:\n  server:\n    environment:\n      - DRONE_RPC_SECRET=bea26a2221fd8090ea38720fc445eca6\n");
        using var leaked = App()
            .Write("config/secrets.yml", "production:\n  api_key: Zq8vN3kLw9Tr2Xp6Hs4Jd7Fg\n");

        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(quiet)), "security.no-committed-secrets").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(leaked)), "security.no-committed-secrets").Finding.Status);
    }

    [Fact]
    public void Gds_sso_authenticates_and_a_remote_dependency_review_workflow_audits_dependencies()
    {
        // alphagov/publishing-api: ApplicationController includes GDS::SSO::ControllerMethods; ci.yml calls
        // alphagov/govuk-infrastructure/.github/workflows/dependency-review.yml@main.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\ngem 'gds-sso'\n")
            .Write("config/application.rb", "require 'rails/all'\nmodule PublishingApi\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config.ru", "require_relative 'config/environment'\nrun Rails.application\n")
            .Write("app/controllers/application_controller.rb", "class ApplicationController < ActionController::API\n  include GDS::SSO::ControllerMethods\n  before_action :authenticate_user!\nend\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  dependency-review:\n    uses: alphagov/govuk-infrastructure/.github/workflows/dependency-review.yml@main\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        // GDS SSO authenticates; with no second factor or role checks of its own the login alone earns three quarters.
        Assert.Equal(FindingStatus.Partial, Finding(evaluation, "security.authentication").Finding.Status);
        Assert.Equal(0.75, Finding(evaluation, "security.authentication").Finding.Score);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "ci.dependency-audit").Finding.Status);
    }
}
