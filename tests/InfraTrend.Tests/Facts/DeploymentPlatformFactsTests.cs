using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Platform descriptors and infrastructure as code, shaped after render-examples/django, fly-apps/live_beats,
/// railwayapp-templates/django, heroku/python-getting-started, Google's App Engine samples, Elastic Beanstalk
/// .ebextensions and Azure-Samples/todo-nodejs-mongo.
/// </summary>
public class DeploymentPlatformFactsTests
{
    [Fact]
    public void Render_declares_its_database_health_check_plan_and_runtime_and_says_so()
    {
        var facts = Read(
            ("render.yaml", """
                databases:
                  - name: mysitedb
                    plan: basic-256mb
                    databaseName: mysite

                services:
                  - type: web
                    plan: starter
                    name: mysite
                    runtime: python
                    buildCommand: "./build.sh"
                    startCommand: "python -m gunicorn mysite.asgi:application -k uvicorn.workers.UvicornWorker"
                    healthCheckPath: /healthz
                    envVars:
                      - key: PYTHON_VERSION
                        value: 3.12.4
                """),
            ("build.sh", "#!/usr/bin/env bash\nset -o errexit\npip install -r requirements.txt\npython manage.py migrate\n"));

        Assert.Equal(["render"], facts.List(FactKeys.Platforms));
        Assert.Equal(["render-postgres"], facts.List(FactKeys.ManagedDatabase));
        Assert.Equal(["render.yaml:2"], facts.Where(FactKeys.ManagedDatabase, "render-postgres"));
        Assert.Equal(["/healthz"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["render.yaml:8"], facts.Where(FactKeys.ResourceLimits));
        Assert.True(facts.Bool(FactKeys.AutoDeploy));
        Assert.True(facts.Bool(FactKeys.HttpsByPlatform));
        Assert.Equal(["build"], facts.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal(["python 3.12.4 render.yaml:15 deployment"], facts.Pins());
    }

    [Fact]
    public void A_free_render_database_has_no_backups_to_declare()
    {
        var facts = Read(("render.yaml", "databases:\n  - name: mysitedb\n    plan: free\nservices:\n  - type: web\n    name: mysite\n    runtime: python\n"));

        Assert.Equal(["render"], facts.List(FactKeys.Platforms));
        Assert.Empty(facts.List(FactKeys.ManagedDatabase));
    }

    [Fact]
    public void Fly_declares_its_checks_release_command_and_build_arguments()
    {
        var facts = Read(
            ("fly.toml", """
                app = "livebeats"

                [build.args]
                  NODE_VERSION = "20.11.1"

                [deploy]
                  release_command = "npx prisma migrate deploy"

                [http_service]
                  internal_port = 4000
                  force_https = true

                  [[http_service.checks]]
                    grace_period = "10s"
                    path = "/health"

                [[services.tcp_checks]]
                  interval = "15s"

                [[vm]]
                  memory = "1gb"
                """));

        Assert.Equal(["fly"], facts.List(FactKeys.Platforms));
        Assert.Equal(["/health", "tcp-check"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["fly.toml:10", "fly.toml:11"], facts.Where(FactKeys.HttpsByPlatform));
        Assert.Equal(["fly.toml:21"], facts.Where(FactKeys.ResourceLimits));
        Assert.Equal(["release"], facts.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal(["node 20.11.1 fly.toml:4 deployment"], facts.Pins());
    }

    [Fact]
    public void Vercel_and_netlify_deploy_on_push_but_a_docs_site_descriptor_says_nothing_of_the_app()
    {
        var app = Read(("netlify.toml", "[build]\n  command = \"npm run build\"\n\n[build.environment]\n  NODE_VERSION = \"20\"\n"), ("vercel.json", "{ \"framework\": \"nextjs\" }"));
        var docs = Read(("docs/netlify.toml", "[build]\n  command = \"hugo\"\n\n[build.environment]\n  NODE_VERSION = \"16\"\n"));

        Assert.Equal(["netlify", "vercel"], app.List(FactKeys.Platforms));
        Assert.Equal(["netlify.toml:1", "vercel.json:1"], app.Where(FactKeys.AutoDeploy));
        Assert.Equal(["node 20 netlify.toml:5 deployment"], app.Pins());
        Assert.Equal(["netlify"], docs.List(FactKeys.Platforms));
        Assert.False(docs.Bool(FactKeys.AutoDeploy));
        Assert.False(docs.Bool(FactKeys.HttpsByPlatform));
        Assert.Empty(docs.Pins());
    }

    [Fact]
    public void Railway_declares_its_start_command_and_health_check()
    {
        var facts = Read(("railway.json", """
            {
                "$schema": "https://railway.app/railway.schema.json",
                "build": { "builder": "RAILPACK" },
                "deploy": {
                    "startCommand": "python manage.py migrate && gunicorn mysite.wsgi",
                    "healthcheckPath": "/health"
                }
            }
            """));

        Assert.Equal(["railway"], facts.List(FactKeys.Platforms));
        Assert.Equal(["/health"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["railway.json:6"], facts.Where(FactKeys.PlatformHealthCheck, "/health"));
        Assert.Equal(["start"], facts.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void Heroku_app_json_declares_its_postgres_add_on_and_formation_but_expo_app_json_is_not_heroku()
    {
        var heroku = Read(
            ("app.json", """
                {
                  "name": "Start on Heroku: Python",
                  "addons": [{ "plan": "heroku-postgresql:essential-0" }],
                  "formation": { "web": { "quantity": 1, "size": "basic" } },
                  "scripts": { "postdeploy": "python manage.py migrate" }
                }
                """),
            ("Procfile", "web: gunicorn gettingstarted.wsgi\n# Uncomment to migrate in the release phase:\n#start: ./manage.py migrate --no-input\nrelease: ./manage.py migrate --no-input\n"));
        var expo = Read(("app.json", "{ \"expo\": { \"name\": \"shop\" } }"));

        Assert.Equal(["heroku-procfile"], heroku.List(FactKeys.Platforms));
        Assert.Equal(["Procfile:1", "app.json:1"], heroku.Where(FactKeys.Platforms, "heroku-procfile"));
        // An essential plan keeps no backups until someone schedules them: no managed database with backups.
        Assert.Empty(heroku.List(FactKeys.ManagedDatabase));
        Assert.Equal(["app.json:4"], heroku.Where(FactKeys.ResourceLimits));
        Assert.Equal(["release"], heroku.List(FactKeys.MigrationsAppliedAt));
        Assert.Empty(expo.List(FactKeys.Platforms));
    }

    [Fact]
    public void Heroku_postgres_counts_as_backed_up_only_on_a_plan_that_keeps_backups_by_itself()
    {
        // After a Deploy to Heroku button (a Rails app's app.json): the bare add-on provisions the smallest plan.
        var button = Read(("app.json", """
            {
              "name": "Inbox",
              "addons": ["heroku-postgresql", "heroku-redis", "scheduler"],
              "scripts": { "postdeploy": "bundle exec rake db:setup" }
            }
            """));
        var hobby = Read(("app.json", """{ "addons": ["heroku-postgresql:hobby-dev", "memcachier:dev"] }"""));
        var standard = Read(("app.json", """
            {
              "stack": "heroku-24",
              "addons": [
                { "plan": "heroku-redis:mini" },
                { "plan": "heroku-postgresql:standard-0", "options": { "version": "16" } }
              ]
            }
            """));

        Assert.Empty(button.List(FactKeys.ManagedDatabase));
        Assert.Empty(hobby.List(FactKeys.ManagedDatabase));
        Assert.Equal(["heroku-postgres"], standard.List(FactKeys.ManagedDatabase));
        Assert.Equal(["app.json:5"], standard.Where(FactKeys.ManagedDatabase));
    }

    [Fact]
    public void App_engine_pins_its_runtime_and_declares_checks_and_instance_class()
    {
        var facts = Read(("app.yaml", """
            runtime: python312
            instance_class: F2
            entrypoint: gunicorn -b :$PORT main:app
            readiness_check:
              path: "/readiness_check"
            handlers:
              - url: /.*
                script: auto
                secure: always
            """));

        Assert.Equal(["app-engine"], facts.List(FactKeys.Platforms));
        Assert.Equal(["python 3.12 app.yaml:1 deployment"], facts.Pins());
        Assert.Equal(["app.yaml:2"], facts.Where(FactKeys.ResourceLimits));
        Assert.Equal(["/readiness_check"], facts.List(FactKeys.PlatformHealthCheck));
    }

    [Fact]
    public void Elastic_beanstalk_option_settings_give_the_health_check_and_instance_type()
    {
        var facts = Read(
            (".ebextensions/01-options.config", """
                option_settings:
                  aws:elasticbeanstalk:environment:process:default:
                    HealthCheckPath: /health
                  aws:autoscaling:launchconfiguration:
                    InstanceType: t3.small
                """),
            (".elasticbeanstalk/config.yml", "global:\n  application_name: shop\n"));

        Assert.Equal(["elastic-beanstalk"], facts.List(FactKeys.Platforms));
        Assert.Equal(["/health"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal([".ebextensions/01-options.config:3"], facts.Where(FactKeys.PlatformHealthCheck));
        Assert.Equal([".ebextensions/01-options.config:5"], facts.Where(FactKeys.ResourceLimits));
    }

    [Fact]
    public void Azure_app_service_is_read_from_azure_yaml_and_a_bicep_site_with_its_health_check()
    {
        var facts = Read(
            ("azure.yaml", "name: todo-nodejs-mongo\nservices:\n  web:\n    project: ./src/web\n    host: appservice\n  api:\n    project: ./src/api\n    host: containerapp\n"),
            ("infra/app/api.bicep", """
                resource appService 'Microsoft.Web/sites@2022-03-01' = {
                  name: name
                  properties: {
                    httpsOnly: true
                    siteConfig: {
                      healthCheckPath: '/health'
                      linuxFxVersion: 'NODE|20-lts'
                    }
                  }
                }
                """));

        Assert.Equal(["azure-app-service", "bicep"], facts.List(FactKeys.Platforms));
        Assert.Equal(["azure.yaml:5", "infra/app/api.bicep:1"], facts.Where(FactKeys.Platforms, "azure-app-service"));
        Assert.Equal(["/health"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["infra/app/api.bicep:4"], facts.Where(FactKeys.HttpsByPlatform));
    }

    [Fact]
    public void Kudu_deployment_file_and_a_terraform_web_app_are_azure_app_service()
    {
        var facts = Read(
            (".deployment", "[config]\nSCM_DO_BUILD_DURING_DEPLOYMENT=true\n"),
            ("infra/main.tf", "resource \"azurerm_linux_web_app\" \"api\" {\n  name = \"api\"\n  https_only = true\n  site_config {\n    health_check_path = \"/healthz\"\n  }\n}\n"));

        Assert.Equal(["azure-app-service", "terraform"], facts.List(FactKeys.Platforms));
        Assert.Equal([".deployment:1", "infra/main.tf:1"], facts.Where(FactKeys.Platforms, "azure-app-service"));
        Assert.Equal(["/healthz"], facts.List(FactKeys.PlatformHealthCheck));
    }

    [Fact]
    public void Nixpacks_and_compose_declare_runtime_health_checks_and_limits()
    {
        var facts = Read(
            ("nixpacks.toml", "[variables]\nNODE_VERSION = \"20.19.0\"\n\n[start]\ncmd = \"pnpm start\"\n"),
            ("docker-compose.yml", "services:\n  api:\n    build: .\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:3000/health\"]\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n"));

        Assert.Equal(["docker-compose", "nixpacks"], facts.List(FactKeys.Platforms));
        Assert.Equal(["node 20.19.0 nixpacks.toml:2 deployment"], facts.Pins());
        Assert.Equal(["compose-healthcheck"], facts.List(FactKeys.PlatformHealthCheck));
        Assert.Equal(["docker-compose.yml:9"], facts.Where(FactKeys.ResourceLimits));
    }

    [Theory]
    [InlineData("    command: sh -c \"npx prisma migrate deploy && node dist/main.js\"\n", 4)]
    [InlineData("    command: [\"npm\", \"run\", \"up\"]\n", 4)]
    [InlineData("    entrypoint:\n      - sh\n      - -c\n      - alembic upgrade head && uvicorn app:app\n", 5)]
    public void A_compose_service_whose_command_applies_migrations_applies_them_at_start(string command, int line)
    {
        var facts = Read(
            ("docker-compose.yml", "services:\n  api:\n    build: .\n" + command),
            ("package.json", """{ "scripts": { "up": "prisma migrate deploy && node dist/main.js" } }"""));

        Assert.Equal(["start"], facts.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([$"docker-compose.yml:{line}"], facts.Where(FactKeys.MigrationsAppliedAt, "start"));
    }

    [Theory]
    [InlineData("hook-pre-app = exec:./manage.py migrate", true)]
    [InlineData("exec-asap = python manage.py migrate --noinput", true)]
    [InlineData("# hook-pre-app = exec:./manage.py migrate", false)]
    [InlineData("hook-pre-app = exec:./manage.py check", false)]
    public void A_uwsgi_hook_that_migrates_applies_migrations_at_start(string hook, bool migrates)
    {
        // healthchecks-shaped: docker/uwsgi.ini runs the migrations before the app loads.
        var facts = Read(("docker/uwsgi.ini", $"[uwsgi]\nmaster = true\nmodule = hc.wsgi:application\n{hook}\n"));

        Assert.Equal(migrates ? ["docker/uwsgi.ini:4"] : [], facts.Where(FactKeys.MigrationsAppliedAt, "start"));
    }

    [Fact]
    public void An_ini_file_without_a_uwsgi_section_is_not_read_as_one()
    {
        var facts = Read(("setup.ini", "[tool]\nexec-asap = python manage.py migrate\n"));

        Assert.Empty(facts.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void A_compose_service_that_only_starts_the_app_applies_no_migrations()
    {
        var facts = Read(("docker-compose.yml", "services:\n  api:\n    build: .\n    command: node dist/main.js\n  db:\n    image: postgres:16\n"));

        Assert.Empty(facts.List(FactKeys.MigrationsAppliedAt));
    }

    [Theory]
    [InlineData("infra/main.tf", "resource \"aws_s3_bucket\" \"assets\" {}\n", "terraform")]
    [InlineData("Pulumi.yaml", "name: shop\nruntime: nodejs\n", "pulumi")]
    [InlineData("cdk.json", "{ \"app\": \"npx ts-node bin/app.ts\" }", "aws-cdk")]
    [InlineData("infra/main.bicep", "param location string = resourceGroup().location\n", "bicep")]
    [InlineData("deploy/ansible.cfg", "[defaults]\ninventory = hosts\n", "ansible")]
    [InlineData("ansible/site.yml", "- hosts: web\n  roles:\n    - app\n", "ansible")]
    public void Infrastructure_as_code_is_read_from_its_files(string path, string text, string platform)
    {
        var facts = Read((path, text));

        Assert.Equal([platform], facts.List(FactKeys.Platforms));
        Assert.Equal([$"{path}:1"], facts.Where(FactKeys.Platforms, platform));
    }

    [Fact]
    public void Serverless_and_sam_pin_the_lambda_runtime()
    {
        var facts = Read(
            ("serverless.yml", "service: api\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  hello:\n    handler: handler.hello\n"),
            ("template.yaml", """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: python3.12
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: hello/
                      Handler: app.lambda_handler
                      Events:
                        Api:
                          Type: Api
                          Properties:
                            Path: !Sub /hello
                            Method: get
                """));

        Assert.Equal(["aws-sam", "serverless"], facts.List(FactKeys.Platforms));
        Assert.Equal(["node 20 serverless.yml:4 deployment", "python 3.12 template.yaml:5 deployment"], facts.Pins());
    }
}

/// <summary>
/// Shaped after a Python service installed on plain servers (its contrib/ folder has the systemd units that start the
/// application and its workers) and after Rails applications deployed with Kamal or Capistrano: each of these
/// describes how the application runs, as a container or platform blueprint would.
/// </summary>
public class ServerDescriptorFactsTests
{
    [Fact]
    public void Systemd_units_supervisor_programs_kamal_and_capistrano_are_deployment_descriptors()
    {
        var facts = CiFixture.Read(
            ("contrib/app.service", "[Unit]\nDescription=App WSGI Service\n\n[Service]\nType=simple\nUser=app\nExecStart=/opt/app/venv/bin/gunicorn --config /opt/app/gunicorn.py app.wsgi\n"),
            ("contrib/app-worker.conf", "[program:worker]\ncommand=/opt/app/venv/bin/python manage.py rqworker\n"),
            ("config/deploy.yml", "service: forum\nimage: acme/forum\nservers:\n  - 192.0.2.10\n"),
            ("Capfile", "require 'capistrano/setup'\n"),
            ("tests/fixtures/other.service", "[Service]\nExecStart=/bin/true\n"),
            ("docs/notes.conf", "nothing to run\n"));

        Assert.Equal(["capistrano", "kamal", "supervisor", "systemd"], facts.List(FactKeys.Platforms));
        Assert.Equal([new Evidence("contrib/app.service", 7)], facts.EvidenceOf(FactKeys.Platforms, "systemd"));
        Assert.Equal([new Evidence("config/deploy.yml", 2)], facts.EvidenceOf(FactKeys.Platforms, "kamal"));
        Assert.Equal(FindingStatus.Pass, InfraTrend.Tests.Analyzers.AnalyzerHarness.OnRepository("deployment.descriptor", facts).Status);
    }

    // Shaped after a Java service shipped as a Debian package (its debian/ folder has control, rules, an init script
    // and a postinst that creates its user): the package is how it is installed and started.
    [Fact]
    public void A_debian_folder_that_builds_a_package_is_a_deployment_descriptor_with_no_instance_size()
    {
        var facts = CiFixture.Read(
            ("debian/control", "Source: relay\nSection: net\nBuild-Depends: debhelper (>= 9), maven\n\nPackage: relay\nArchitecture: all\nDepends: openjdk-17-jre-headless\n"),
            ("debian/rules", "#!/usr/bin/make -f\n%:\n\tdh $@\n"),
            ("debian/init.d", "#! /bin/sh\nDAEMON=/usr/share/relay/relay.sh\n"),
            // A control file with no rules to build it is not a package this repository builds.
            ("vendor/lib/debian/control", "Source: lib\n\nPackage: lib\n"));

        Assert.Equal(["debian-package"], facts.List(FactKeys.Platforms));
        Assert.Equal([new Evidence("debian/control", 5)], facts.EvidenceOf(FactKeys.Platforms, "debian-package"));
        Assert.Equal(FindingStatus.Pass, InfraTrend.Tests.Analyzers.AnalyzerHarness.OnRepository("deployment.descriptor", facts).Status);
        Assert.Equal(FindingStatus.NotApplicable, InfraTrend.Tests.Analyzers.AnalyzerHarness.OnRepository("deployment.resource-limits", facts).Status);
    }
}

/// <summary>Shaped after a pnpm monorepo whose lockfile lists a secrets-manager client beside its integrity hash.</summary>
public class LockfileSecretsTests
{
    [Fact]
    public void A_lockfile_is_never_read_for_secrets()
    {
        var facts = CiFixture.Read(
            ("pnpm-lock.yaml", "packages:\n  /@aws-sdk/client-secrets-manager@3.600.0:\n    resolution: {integrity: sha512-Qm9vZ2xlU2VjcmV0S2V5VmFsdWVUaGF0SXNMb25nRW5vdWdoVG9Mb29rUmFuZG9t}\n    api_key: 9f8Kq2Lm7Zx4Rt6Yp1Wv3Nb5Hc8Jd0Gs\n"),
            ("config/app.yml", "api_key: 9f8Kq2Lm7Zx4Rt6Yp1Wv3Nb5Hc8Jd0Gs\n"));

        Assert.Equal([new Evidence("config/app.yml", 1)], facts.EvidenceOf(FactKeys.CommittedSecrets));
    }
}
