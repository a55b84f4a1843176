using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Health routes of the calibration corpus that the tool did not find (twenty-second round), each rebuilt by hand as a
/// small fixture after the real repositories named in the test (none of their files are copied): beego's router, a
/// handler lambda after the path (Jooby, Javalin), OkComputer's engine, GOV.UK's /_status, Mozilla's Dockerflow
/// heartbeats and a Django route whose prefix is filled in by formatting.
/// </summary>
public class CorpusCasesMonitoring22Tests
{
    private static FactTable Part(RepositoryFacts facts, string path) => facts.Parts.Single(p => p.Path == path).Facts;

    [Fact]
    public void A_beego_router_serves_its_health_route()
    {
        // casdoor/casdoor: routers/router.go registers web.Router("/api/health", &controllers.ApiController{}, "GET:Health");
        // the auditor names the route, the tool found none.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.org/idp\n\ngo 1.21\n\nrequire github.com/beego/beego/v2 v2.1.0\n")
            .Write("main.go", "package main\n\nimport (\n\t\"github.com/beego/beego/v2/server/web\"\n\t_ \"example.org/idp/routers\"\n)\n\nfunc main() {\n\tweb.Run()\n}\n")
            .Write("routers/router.go", "package routers\n\nimport \"github.com/beego/beego/v2/server/web\"\n\nfunc init() {\n\tweb.Router(\"/api/login\", &ApiController{}, \"POST:Login\")\n\tweb.Router(\"/api/health\", &ApiController{}, \"GET:Health\")\n}\n");

        var app = Part(Extract(repo), ".");

        Assert.Equal(["/api/health"], app.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("routers/router.go", 7)], app.EvidenceOf(FactKeys.HealthRoutes, "/api/health"));
    }

    [Fact]
    public void A_handler_lambda_after_the_path_is_a_jooby_or_javalin_route_and_a_map_lookup_is_not()
    {
        // lucko/bytebin: a Jooby server's constructor calls get("/health", ctx -> ...), which its Dockerfile HEALTHCHECK
        // probes; dzikoysk/reposilite-style Javalin code writes app.get("/ping", ctx -> ...).
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>paste</artifactId><version>1.0</version><dependencies><dependency><groupId>io.jooby</groupId><artifactId>jooby-netty</artifactId></dependency></dependencies></project>")
            .Write("src/main/java/org/example/paste/PasteServer.java", """
                package org.example.paste;

                import io.jooby.Jooby;

                public class PasteServer extends Jooby {
                    public PasteServer(java.util.Map<String, String> settings) {
                        String mode = settings.get("status");
                        get("/health", ctx -> "{\"status\":\"ok\"}");
                        post("/post", ctx -> save(ctx));
                    }

                    public static void main(String[] args) {
                        runApp(args, PasteServer::new);
                    }
                }
                """)
            .Write("src/main/java/org/example/paste/Admin.java", "package org.example.paste;\n\nclass Admin {\n    void routes(io.javalin.Javalin app) {\n        app.get(\"/ping\", (ctx) -> ctx.result(\"pong\"));\n    }\n}\n");

        var app = Part(Extract(repo), ".");

        Assert.Equal(["/health", "/ping"], app.List(FactKeys.HealthRoutes).Order(StringComparer.Ordinal));
    }

    private static TestRepository RailsApp(string okComputer) =>
        TestRepository.Create()
            .Write("Gemfile", "gem \"rails\"\ngem \"okcomputer\"\n")
            .Write("config/application.rb", "module Qualifications\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/routes.rb", "Rails.application.routes.draw do\n  root to: \"pages#home\"\nend\n")
            .Write("config/initializers/okcomputer.rb", okComputer);

    [Fact]
    public void OkComputer_serves_its_checks_where_it_is_mounted()
    {
        // DFE-Digital/access-your-teaching-qualifications: config/initializers/okcomputer.rb sets mount_at = "health" and
        // registers database and Notify checks; the Kubernetes probes call /health. The tool found no health route.
        using var mounted = RailsApp("OkComputer.logger = Rails.logger\nOkComputer.mount_at = \"health\"\n\nOkComputer::Registry.register \"postgresql\", OkComputer::ActiveRecordCheck.new\n");
        using var unmounted = RailsApp("OkComputer::Registry.register \"postgresql\", OkComputer::ActiveRecordCheck.new\n");
        using var off = RailsApp("OkComputer.mount_at = false\nOkComputer::Registry.register \"postgresql\", OkComputer::ActiveRecordCheck.new\n");

        Assert.Equal(["/health"], Part(Extract(mounted), ".").List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("config/initializers/okcomputer.rb", 2)], Part(Extract(mounted), ".").EvidenceOf(FactKeys.HealthEndpoint));
        Assert.Equal(["/okcomputer"], Part(Extract(unmounted), ".").List(FactKeys.HealthRoutes));
        Assert.False(Part(Extract(off), ".").Bool(FactKeys.HealthEndpoint));
    }

    [Fact]
    public void A_status_route_and_a_formatted_django_prefix_are_health_routes()
    {
        // alphagov/notifications-api: a Flask blueprint serves /_status with the database version (and
        // /_status/live-service-and-organisation-counts, a report); readthedocs/readthedocs.org: re_path with
        // "^{DOC_PATH_PREFIX}health_check/$".format(...).
        using var flask = TestRepository.Create()
            .Write("requirements.txt", "flask\n")
            .Write("app/__init__.py", "from flask import Flask\n\napp = Flask(__name__)\n")
            .Write("app/status/healthcheck.py", "from flask import Blueprint, jsonify\n\nstatus = Blueprint(\"status\", __name__)\n\n\n@status.route(\"/_status\", methods=[\"GET\", \"POST\"])\ndef show_status():\n    return jsonify(status=\"ok\"), 200\n\n\n@status.route(\"/_status/live-service-counts\")\ndef live_service_counts():\n    return jsonify(count=1), 200\n");
        using var django = TestRepository.Create()
            .Write("requirements.txt", "django\n")
            .Write("manage.py", "import django\n")
            .Write("rtd/proxito/urls.py", "from django.urls import re_path\n\nPREFIX = \"_/\"\n\nhealth_check_urls = [\n    re_path(\n        \"^{PREFIX}health_check/$\".format(PREFIX=PREFIX),\n        HealthCheckView.as_view(),\n    ),\n]\n");

        Assert.Equal(["/_status"], Part(Extract(flask), ".").List(FactKeys.HealthRoutes));
        Assert.Equal(["/health_check"], Part(Extract(django), ".").List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void Dockerflow_heartbeats_are_health_routes_also_as_next_route_folders()
    {
        // timvisee/send: Express serves /__lbheartbeat__ and /__heartbeat__ (which pings storage); mozilla/blurts-server:
        // Next.js folders app/(metadata)/%5F_heartbeat__/route.ts, the escaped underscore Next.js needs for such a path.
        using var express = TestRepository.Create()
            .Write("package.json", """{"name":"send","dependencies":{"express":"^4.18.0"},"main":"server/index.js"}""")
            .Write("server/index.js", "const express = require('express');\nconst app = express();\napp.get('/__lbheartbeat__', (req, res) => res.sendStatus(200));\napp.get('/__heartbeat__', async (req, res) => res.sendStatus(200));\napp.listen(1443);\n");
        using var next = TestRepository.Create()
            .Write("package.json", """{"name":"monitor","dependencies":{"next":"^15.0.0","react":"^19.0.0"},"scripts":{"start":"next start"}}""")
            .Write("src/app/(metadata)/%5F_heartbeat__/route.ts", "export function GET() {\n  return Response.json({ ok: true });\n}\n")
            .Write("src/app/page.tsx", "export default function Home() {\n  return null;\n}\n");

        Assert.Equal(["/__heartbeat__", "/__lbheartbeat__"], Part(Extract(express), ".").List(FactKeys.HealthRoutes).Order(StringComparer.Ordinal));
        Assert.Contains("/__heartbeat__", Extract(next).Parts.SelectMany(p => p.Facts.List(FactKeys.HealthRoutes)));
    }

    [Fact]
    public void An_upgrade_in_an_async_start_up_function_applies_the_migrations_at_start()
    {
        // A FastAPI lifespan (`async def lifespan(app)`) running alembic's command.upgrade: the function that encloses the
        // call is the async one, not the `def` above it (a CLI helper named upgrade, which is skipped).
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"ledger\"\ndependencies = [\"fastapi\", \"sqlalchemy\", \"alembic\", \"psycopg2\"]\n")
            .Write("ledger/main.py", "from contextlib import asynccontextmanager\n\nfrom alembic import command\nfrom fastapi import FastAPI\n\n\ndef upgrade():\n    print(\"use the lifespan\")\n\n\n@asynccontextmanager\nasync def lifespan(app):\n    command.upgrade(config, \"head\")\n    yield\n\n\napp = FastAPI(lifespan=lifespan)\n")
            .Write("ledger/migrations/env.py", "from alembic import context\n");
        // Five revisions: fewer are a baseline, which the migration rules credit only in part.
        foreach (var revision in Enumerable.Range(1, 5))
            repo.Write($"ledger/migrations/versions/a{revision}_step.py", "def upgrade():\n    pass\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "database.migrations-applied").Finding.Status);
    }
}
