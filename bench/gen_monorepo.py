#!/usr/bin/env python3
"""Writes the benchmark's synthetic monorepo: a git repository whose HEAD tracks FILES files (TypeScript, C#,
Python, Go, YAML, Markdown, manifests, Dockerfiles, a few large and binary files, nested .gitignores) in COMMITS
commits, plus an ignored node_modules of NODE_MODULES files and ignored build output in the working tree.

The history is written with one `git fast-import` stream (no `git add` of 50,000 files, no 200 checkouts), then
`git reset --hard` lays out the working tree once. Content is deterministic: the same seed gives the same bytes.
"""

import argparse
import os
import random
import subprocess
import sys
import time

NOUNS = ["order", "billing", "invoice", "catalog", "search", "cart", "payment", "shipping", "user", "account", "auth",
         "notification", "email", "report", "analytics", "inventory", "pricing", "review", "media", "upload", "ledger",
         "gateway", "profile", "session", "audit", "export", "import", "scheduler", "webhook", "feed", "chat", "geo",
         "tax", "coupon", "loyalty", "subscription", "tenant", "document", "workflow", "metrics", "ticket", "booking"]
VERBS = ["get", "list", "create", "update", "delete", "find", "sync", "load", "save", "validate", "compute", "render",
         "publish", "resolve", "merge", "apply", "build", "parse", "format", "check"]
ADJ = ["active", "pending", "archived", "primary", "cached", "remote", "local", "default", "legacy", "batch", "daily",
       "internal", "public", "shared", "scoped", "draft"]

# Per-language share of the bulk files (the rest are structural: manifests, configs, workflows, Dockerfiles...).
MIX = [("ts", 0.40), ("cs", 0.25), ("py", 0.15), ("go", 0.12), ("md", 0.05), ("yaml", 0.03)]


def camel(*words):
    return words[0] + "".join(w.capitalize() for w in words[1:])


def pascal(*words):
    return "".join(w.capitalize() for w in words)


def snake(*words):
    return "_".join(words)


class Rand(random.Random):
    def noun(self):
        return self.choice(NOUNS)

    def verb(self):
        return self.choice(VERBS)

    def adj(self):
        return self.choice(ADJ)


# ---------------------------------------------------------------------------------------------------------------
# File contents. Each takes a Rand seeded from (path, version) and the service it belongs to.

def ts_source(r, svc, path):
    lines = []
    lines.append("// %s: %s %s handling for the %s service.\n" % (path.rsplit("/", 1)[-1], r.adj(), r.noun(), svc["name"]))
    lines.append("import { z } from 'zod';\n")
    if r.random() < 0.5:
        lines.append("import { Router, type Request, type Response } from 'express';\n")
    if r.random() < 0.3:
        lines.append("import pick from 'lodash/pick';\n")
    lines.append("import { %s } from '@acme/%s';\n" % (camel(r.verb(), r.noun()), r.choice(svc["libs"])))
    if r.random() < 0.15:
        lines.append("import { logger } from '../logger';\n")
    if r.random() < 0.05:
        lines.append("import Redis from 'ioredis';\n")
    if r.random() < 0.03:
        lines.append("import { Queue } from 'bullmq';\n")
    lines.append("\n")
    entity = pascal(r.adj(), r.noun())
    lines.append("export const %sSchema = z.object({\n" % entity)
    for _ in range(r.randint(3, 8)):
        lines.append("  %s: z.%s(),\n" % (camel(r.adj(), r.noun()), r.choice(["string", "number", "boolean", "date"])))
    lines.append("});\n\nexport type %s = z.infer<typeof %sSchema>;\n\n" % (entity, entity))
    for _ in range(r.randint(3, 9)):
        fn = camel(r.verb(), r.adj(), r.noun())
        lines.append("/** %s the %s %s records (see docs/%s.md). */\n" % (r.verb().capitalize(), r.adj(), r.noun(), r.noun()))
        lines.append("export async function %s(input: %s, limit = %d): Promise<%s[]> {\n" % (fn, entity, r.randint(10, 500), entity))
        lines.append("  const parsed = %sSchema.parse(input);\n" % entity)
        lines.append("  const items: %s[] = [];\n" % entity)
        lines.append("  for (let i = 0; i < limit; i++) {\n")
        lines.append("    if (i %% %d === 0) items.push({ ...parsed });\n" % r.randint(2, 9))
        lines.append("  }\n")
        if r.random() < 0.12:
            lines.append("  console.log('%s returned', items.length);\n" % fn)
        elif r.random() < 0.05:
            lines.append("  // console.log('debug', parsed); kept in a comment, never counted\n")
        lines.append("  return items;\n}\n\n")
    return "".join(lines)


def ts_app(r, svc):
    return (
        "import './instrument';\n"
        "import express from 'express';\n"
        "import helmet from 'helmet';\n"
        "import cors from 'cors';\n"
        "import rateLimit from 'express-rate-limit';\n"
        "import { logger } from './logger';\n"
        "import { router } from './routes';\n\n"
        "const app = express();\n"
        "app.use(helmet());\n"
        "app.use(cors({ origin: process.env.CORS_ORIGIN }));\n"
        "app.use(rateLimit({ windowMs: 60_000, max: %d }));\n"
        "app.use(express.json());\n"
        "app.get('/health', (_req, res) => res.json({ status: 'ok' }));\n"
        "app.use('/api', router);\n\n"
        "const port = Number(process.env.PORT ?? %d);\n"
        "app.listen(port, () => logger.info({ port }, '%s listening'));\n" % (r.randint(50, 500), r.randint(3000, 3999), svc["name"]))


def ts_instrument(r, svc):
    return ("import * as Sentry from '@sentry/node';\n\n"
            "Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.%d, environment: process.env.NODE_ENV });\n" % r.randint(1, 9))


def ts_logger(r, svc):
    if svc["logger"] == "pino":
        return "import pino from 'pino';\n\nexport const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });\n"
    return ("import winston from 'winston';\n\nexport const logger = winston.createLogger({\n"
            "  level: 'info',\n  format: winston.format.json(),\n  transports: [new winston.transports.Console()],\n});\n")


def ts_test(r, svc, path):
    fn = camel(r.verb(), r.noun())
    body = ["import { describe, it, expect } from 'vitest';\nimport { %s } from '../src/%s';\n\n" % (fn, r.noun())]
    body.append("describe('%s', () => {\n" % fn)
    for _ in range(r.randint(2, 6)):
        body.append("  it('%s %s %s', async () => {\n    const result = await %s({} as never);\n"
                    "    console.log(result);\n    expect(result).toHaveLength(%d);\n  });\n" % (r.verb(), r.adj(), r.noun(), fn, r.randint(0, 9)))
    body.append("});\n")
    return "".join(body)


def tsx_component(r, svc, path):
    name = pascal(r.adj(), r.noun())
    body = ["import { useState } from 'react';\nimport styles from './%s.module.css';\n\n" % name]
    body.append("export function %s({ items }: { items: string[] }) {\n  const [open, setOpen] = useState(false);\n" % name)
    for _ in range(r.randint(1, 4)):
        body.append("  const %s = items.filter((item) => item.includes('%s'));\n" % (camel(r.adj(), r.noun()), r.noun()))
    if r.random() < 0.1:
        body.append("  console.warn('render', items.length);\n")
    body.append("  return (\n    <section className={styles.root}>\n      <button onClick={() => setOpen(!open)}>%s</button>\n"
                "      {open && <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>}\n    </section>\n  );\n}\n" % name)
    return "".join(body)


def cs_source(r, svc, path):
    ns = svc["ns"]
    cls = path.rsplit("/", 1)[-1][:-3]
    lines = ["using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\n"]
    if r.random() < 0.3:
        lines.append("using Microsoft.Extensions.Logging;\n")
    lines.append("\nnamespace %s.%s;\n\n" % (ns, path.split("/")[-2]))
    lines.append("/// <summary>%s %s for %s.</summary>\npublic sealed class %s\n{\n" % (r.adj().capitalize(), r.noun(), svc["name"], cls))
    for _ in range(r.randint(2, 6)):
        lines.append("    public %s %s { get; init; }%s\n" % (r.choice(["string", "int", "decimal", "DateTimeOffset", "bool"]), pascal(r.adj(), r.noun()),
                                                           " = \"\";" if r.random() < 0.3 else ""))
    lines.append("\n")
    for _ in range(r.randint(2, 7)):
        method = pascal(r.verb(), r.adj(), r.noun())
        lines.append("    public async Task<IReadOnlyList<string>> %sAsync(IEnumerable<string> source, int take = %d)\n    {\n" % (method, r.randint(5, 200)))
        lines.append("        var items = source.Where(s => s.Contains(\"%s\", StringComparison.Ordinal)).Take(take).ToList();\n" % r.noun())
        if r.random() < 0.01:
            lines.append("        Console.WriteLine($\"%s: {items.Count}\");\n" % method)
        lines.append("        await Task.Yield();\n        return items;\n    }\n\n")
    lines.append("}\n")
    return "".join(lines)


def cs_controller(r, svc, path):
    cls = path.rsplit("/", 1)[-1][:-3]
    noun = r.noun()
    body = ["using Microsoft.AspNetCore.Authorization;\nusing Microsoft.AspNetCore.Mvc;\n\nnamespace %s.Controllers;\n\n" % svc["ns"]]
    body.append("[ApiController]\n[Route(\"api/[controller]\")]\n[Authorize]\npublic sealed class %s : ControllerBase\n{\n" % cls)
    for _ in range(r.randint(2, 6)):
        body.append("    [HttpGet(\"%s/{id}\")]\n    public IActionResult %s(string id) => id.Length > %d ? Ok(new { id, kind = \"%s\" }) : NotFound();\n\n"
                    % (r.noun(), pascal(r.verb(), noun), r.randint(1, 9), r.adj()))
    body.append("}\n")
    return "".join(body)


def cs_program(r, svc):
    return (
        "using Serilog;\n\n"
        "var builder = WebApplication.CreateBuilder(args);\n"
        "builder.Host.UseSerilog((context, configuration) => configuration.ReadFrom.Configuration(context.Configuration));\n"
        "builder.WebHost.UseSentry();\n"
        "builder.Services.AddControllers();\n"
        "builder.Services.AddHealthChecks();\n"
        "builder.Services.AddAuthentication().AddJwtBearer();\n"
        "builder.Services.AddRateLimiter(options => options.GlobalLimiter = null);\n"
        "builder.Services.AddStackExchangeRedisCache(options => options.Configuration = builder.Configuration[\"Redis\"]);\n"
        "builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()).WithMetrics(metrics => metrics.AddPrometheusExporter());\n"
        "builder.Services.AddDbContext<%sDbContext>();\n\n"
        "var app = builder.Build();\n"
        "app.UseHsts();\n"
        "app.UseHttpsRedirection();\n"
        "app.UseSerilogRequestLogging();\n"
        "app.UseRateLimiter();\n"
        "app.MapHealthChecks(\"/healthz\");\n"
        "app.MapPrometheusScrapingEndpoint();\n"
        "app.MapControllers();\n"
        "app.Run();\n" % svc["ns"].split(".")[0])


def cs_migration(r, svc, path):
    cls = path.rsplit("/", 1)[-1][:-3].split("_", 1)[-1]
    table = pascal(r.noun()) + "s"
    return ("using Microsoft.EntityFrameworkCore.Migrations;\n\nnamespace %s.Data.Migrations;\n\n"
            "public partial class %s : Migration\n{\n    protected override void Up(MigrationBuilder migrationBuilder)\n    {\n"
            "        migrationBuilder.CreateTable(name: \"%s\", columns: table => new { Id = table.Column<int>(nullable: false) });\n    }\n\n"
            "    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: \"%s\");\n}\n" % (svc["ns"], cls, table, table))


def cs_test(r, svc, path):
    cls = path.rsplit("/", 1)[-1][:-3]
    body = ["using Xunit;\n\nnamespace %s.Tests;\n\npublic class %s\n{\n" % (svc["ns"], cls)]
    for _ in range(r.randint(2, 6)):
        body.append("    [Fact]\n    public void %s_%s() => Assert.Equal(%d, \"%s\".Length);\n\n" % (pascal(r.verb(), r.noun()), pascal(r.adj()), r.randint(1, 9), r.noun()))
    body.append("}\n")
    return "".join(body)


def py_source(r, svc, path):
    lines = ['"""%s %s helpers for %s."""\n\nfrom __future__ import annotations\n\nimport logging\nfrom dataclasses import dataclass\n' % (r.adj().capitalize(), r.noun(), svc["name"])]
    if r.random() < 0.3:
        lines.append("from sqlalchemy import select\n")
    if r.random() < 0.05:
        lines.append("import redis\n")
    if r.random() < 0.1:
        lines.append("import structlog\n")
    lines.append("\nlog = logging.getLogger(__name__)\n\n\n")
    cls = pascal(r.adj(), r.noun())
    lines.append("@dataclass\nclass %s:\n" % cls)
    for _ in range(r.randint(2, 6)):
        lines.append("    %s: %s\n" % (snake(r.adj(), r.noun()), r.choice(["str", "int", "float", "bool"])))
    lines.append("\n\n")
    for _ in range(r.randint(3, 8)):
        fn = snake(r.verb(), r.adj(), r.noun())
        lines.append("def %s(items: list[%s], limit: int = %d) -> list[%s]:\n" % (fn, cls, r.randint(5, 300), cls))
        lines.append('    """%s the %s %s."""\n' % (r.verb().capitalize(), r.adj(), r.noun()))
        lines.append("    result = [item for item in items[:limit] if item]\n")
        if r.random() < 0.1:
            lines.append("    print(f\"%s: {len(result)}\")\n" % fn)
        lines.append("    log.debug(\"%s done\", extra={\"count\": len(result)})\n    return result\n\n\n" % fn)
    return "".join(lines)


def py_main(r, svc):
    return ('import sentry_sdk\nimport structlog\nfrom fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\n'
            'from .routers import api\n\n'
            'sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"), traces_sample_rate=0.%d)\n'
            'structlog.configure(processors=[structlog.processors.JSONRenderer()])\n\n'
            'app = FastAPI(title="%s")\n'
            'app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])\n'
            'app.include_router(api.router, prefix="/api")\n\n\n'
            '@app.get("/healthz")\ndef health() -> dict[str, str]:\n    return {"status": "ok"}\n' % (r.randint(1, 9), svc["name"]))


def py_test(r, svc, path):
    body = ["import pytest\n\nfrom app.services import %s\n\n\n" % r.noun()]
    for _ in range(r.randint(2, 6)):
        body.append("def test_%s_%s():\n    print(\"checking\")\n    assert %d == %d\n\n\n" % (r.verb(), r.noun(), r.randint(1, 5), r.randint(1, 5)))
    return "".join(body)


def py_alembic(r, svc, path):
    return ('"""%s %s\n\nRevision ID: %x\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = "%x"\n\n\n'
            'def upgrade():\n    op.add_column("%s", sa.Column("%s", sa.String()))\n\n\ndef downgrade():\n    op.drop_column("%s", "%s")\n'
            % (r.verb(), r.noun(), r.getrandbits(48), r.getrandbits(48), r.noun(), r.adj(), r.noun(), r.adj()))


def go_source(r, svc, path):
    pkg = path.split("/")[-2]
    lines = ["// Package %s holds the %s %s logic of %s.\npackage %s\n\nimport (\n\t\"context\"\n\t\"errors\"\n" % (pkg, r.adj(), r.noun(), svc["name"], pkg)]
    fmt = r.random() < 0.1
    if fmt:
        lines.append("\t\"fmt\"\n")
    if r.random() < 0.2:
        lines.append("\n\t\"go.uber.org/zap\"\n")
    lines.append(")\n\n")
    typ = pascal(r.adj(), r.noun())
    lines.append("// %s is a %s record.\ntype %s struct {\n" % (typ, r.noun(), typ))
    for _ in range(r.randint(2, 6)):
        lines.append("\t%s %s `json:\"%s\"`\n" % (pascal(r.adj(), r.noun()), r.choice(["string", "int64", "bool", "float64"]), snake(r.adj(), r.noun())))
    lines.append("}\n\n")
    for _ in range(r.randint(2, 7)):
        fn = pascal(r.verb(), r.adj(), r.noun())
        lines.append("// %s %ss the %s entries.\nfunc %s(ctx context.Context, items []%s) ([]%s, error) {\n" % (fn, r.verb(), r.noun(), fn, typ, typ))
        lines.append("\tif ctx.Err() != nil {\n\t\treturn nil, errors.New(\"%s: cancelled\")\n\t}\n" % fn)
        lines.append("\tout := make([]%s, 0, len(items))\n\tfor _, item := range items {\n\t\tout = append(out, item)\n\t}\n" % typ)
        if fmt:
            lines.append("\tfmt.Println(\"%s\", len(out))\n" % fn)
        lines.append("\treturn out, nil\n}\n\n")
    return "".join(lines)


def go_main(r, svc):
    return ('package main\n\nimport (\n\t"net/http"\n\t"os"\n\n\t"github.com/getsentry/sentry-go"\n\t"github.com/gin-gonic/gin"\n'
            '\t"github.com/prometheus/client_golang/prometheus/promhttp"\n\t"go.uber.org/zap"\n)\n\n'
            'func main() {\n\tlogger, _ := zap.NewProduction()\n\tdefer logger.Sync()\n'
            '\tif err := sentry.Init(sentry.ClientOptions{Dsn: os.Getenv("SENTRY_DSN")}); err != nil {\n\t\tlogger.Fatal("sentry", zap.Error(err))\n\t}\n'
            '\tr := gin.New()\n\tr.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })\n'
            '\tr.GET("/metrics", gin.WrapH(promhttp.Handler()))\n\tlogger.Info("listening", zap.Int("port", %d))\n\t_ = r.Run(":%d")\n}\n' % (r.randint(8000, 8999), r.randint(8000, 8999)))


def go_test(r, svc, path):
    pkg = path.split("/")[-2]
    body = ["package %s\n\nimport (\n\t\"context\"\n\t\"testing\"\n)\n\n" % pkg]
    for _ in range(r.randint(2, 5)):
        body.append("func Test%s%s(t *testing.T) {\n\tif _, err := %s(context.Background(), nil); err != nil {\n\t\tt.Fatal(err)\n\t}\n}\n\n"
                    % (pascal(r.verb()), pascal(r.noun()), pascal(r.verb(), r.adj(), r.noun())))
    return "".join(body)


def md_doc(r, svc, path):
    lines = ["# %s %s\n\n" % (r.adj().capitalize(), r.noun())]
    for _ in range(r.randint(2, 6)):
        lines.append("## %s the %s\n\n" % (r.verb().capitalize(), r.noun()))
        for _ in range(r.randint(2, 5)):
            lines.append("The %s %s %ss the %s %s before the %s %s is %s. " % (r.adj(), r.noun(), r.verb(), r.adj(), r.noun(), r.noun(), r.adj(), r.verb() + "ed"))
        lines.append("\n\n```bash\ncurl -s https://%s.example.com/api/%s | jq .\n```\n\n" % (svc["name"], r.noun()))
    return "".join(lines)


def yaml_config(r, svc, path):
    lines = ["# %s settings for %s\n%s:\n" % (r.adj(), svc["name"], r.noun())]
    for _ in range(r.randint(4, 16)):
        lines.append("  %s: %s\n" % (snake(r.adj(), r.noun()), r.choice([str(r.randint(1, 9999)), "true", "false", '"%s"' % r.noun()])))
    lines.append("features:\n")
    for _ in range(r.randint(2, 8)):
        lines.append("  - name: %s\n    enabled: %s\n" % (snake(r.adj(), r.noun()), r.choice(["true", "false"])))
    return "".join(lines)


def k8s_deployment(r, svc):
    return ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %(n)s\nspec:\n  replicas: %(rep)d\n  selector:\n    matchLabels: { app: %(n)s }\n"
            "  template:\n    metadata:\n      labels: { app: %(n)s }\n    spec:\n      containers:\n        - name: %(n)s\n"
            "          image: ghcr.io/acme/%(n)s:1.%(v)d.0\n          ports: [{ containerPort: 8080 }]\n"
            "          resources:\n            requests: { cpu: 100m, memory: 128Mi }\n            limits: { cpu: 500m, memory: 512Mi }\n"
            "          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }\n"
            % {"n": svc["name"], "rep": r.randint(2, 6), "v": r.randint(0, 40)})


def workflow(r, svc):
    run = {"node": "pnpm install --frozen-lockfile\n          pnpm --filter %s lint\n          pnpm --filter %s test\n          pnpm --filter %s build",
           "dotnet": "dotnet restore\n          dotnet build -c Release --no-restore\n          dotnet test -c Release --no-build",
           "python": "pip install uv\n          uv sync\n          uv run ruff check .\n          uv run pytest",
           "go": "go vet ./...\n          go test ./...\n          go build ./..."}[svc["kind"]]
    run = run.replace("%s", svc["name"])
    return ("name: %(n)s\non:\n  push:\n    branches: [main]\n    paths: ['%(p)s/**']\n  pull_request:\n    paths: ['%(p)s/**']\n"
            "permissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - name: build and test\n        working-directory: %(p)s\n        run: |\n          %(run)s\n"
            "  deploy:\n    needs: build\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: ./deploy/deploy.sh %(n)s\n" % {"n": svc["name"], "p": svc["path"], "run": run})


def dockerfile(r, svc):
    base = {"node": ("node:22-alpine", "node dist/index.js"), "dotnet": ("mcr.microsoft.com/dotnet/aspnet:10.0", "dotnet %s.dll" % svc["ns"]),
            "python": ("python:3.12-slim", "uvicorn app.main:app --host 0.0.0.0"), "go": ("gcr.io/distroless/static:nonroot", "/server")}[svc["kind"]]
    return ("FROM %s AS build\nWORKDIR /src\nCOPY . .\nRUN echo build\n\nFROM %s\nWORKDIR /app\nCOPY --from=build /src/out .\n"
            "USER 1000\nHEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1\nCMD %s\n" % (base[0], base[0], base[1]))


def package_json(r, svc):
    deps = {"node": '"express": "^4.21.0", "helmet": "^8.0.0", "cors": "^2.8.5", "express-rate-limit": "^7.4.0", "@sentry/node": "^8.40.0", "%s": "^3.0.0", "ioredis": "^5.4.1", "bullmq": "^5.20.0", "zod": "^3.23.8", "lodash": "^4.17.21"' % ("pino" if svc["logger"] == "pino" else "winston"),
            "web": '"react": "^18.3.1", "react-dom": "^18.3.1", "@sentry/react": "^8.40.0", "zod": "^3.23.8"',
            "lib": '"zod": "^3.23.8"'}[svc["flavor"]]
    scripts = '"build": "tsc -p .", "test": "vitest run", "lint": "eslint ."'
    if svc["flavor"] != "lib":
        scripts += ', "start": "node dist/index.js", "dev": "tsx watch src/index.ts"'
    main = '\n  "main": "dist/index.js",\n  "types": "dist/index.d.ts",' if svc["flavor"] == "lib" else ""
    return ('{\n  "name": "@acme/%s",\n  "version": "1.%d.0",\n  "private": true,%s\n  "scripts": { %s },\n  "dependencies": { %s },\n'
            '  "devDependencies": { "typescript": "^5.6.3", "vitest": "^2.1.4", "eslint": "^9.14.0" },\n  "engines": { "node": ">=22" }\n}\n'
            % (svc["name"], r.randint(0, 30), main, scripts, deps))


def csproj(r, svc, test=False):
    if test:
        return ('<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n'
                '    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.12.0" />\n    <PackageReference Include="xunit" Version="2.9.3" />\n  </ItemGroup>\n</Project>\n')
    return ('<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <Nullable>enable</Nullable>\n  </PropertyGroup>\n'
            '  <ItemGroup>\n    <PackageReference Include="Serilog.AspNetCore" Version="8.0.3" />\n    <PackageReference Include="Sentry.AspNetCore" Version="4.13.0" />\n'
            '    <PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.10.0" />\n    <PackageReference Include="OpenTelemetry.Exporter.Prometheus.AspNetCore" Version="1.10.0-beta.1" />\n'
            '    <PackageReference Include="Microsoft.EntityFrameworkCore.Design" Version="9.0.0" />\n    <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="9.0.0" />\n'
            '    <PackageReference Include="Microsoft.Extensions.Caching.StackExchangeRedis" Version="9.0.0" />\n  </ItemGroup>\n</Project>\n')


def pyproject(r, svc):
    return ('[project]\nname = "%s"\nversion = "0.%d.0"\nrequires-python = ">=3.12"\ndependencies = [\n  "fastapi>=0.115",\n  "uvicorn[standard]>=0.32",\n'
            '  "sentry-sdk[fastapi]>=2.18",\n  "structlog>=24.4",\n  "redis>=5.2",\n  "celery>=5.4",\n  "sqlalchemy>=2.0",\n  "alembic>=1.14",\n  "psycopg[binary]>=3.2",\n]\n\n'
            '[dependency-groups]\ndev = ["pytest>=8.3", "ruff>=0.8"]\n\n[tool.ruff]\nline-length = 120\n' % (svc["name"], r.randint(1, 30)))


def go_mod(r, svc):
    return ("module github.com/acme/monorepo/%s\n\ngo 1.23\n\nrequire (\n\tgithub.com/getsentry/sentry-go v0.29.1\n\tgithub.com/gin-gonic/gin v1.10.0\n"
            "\tgithub.com/prometheus/client_golang v1.20.5\n\tgo.uber.org/zap v1.27.0\n\tgithub.com/redis/go-redis/v9 v9.7.0\n)\n" % svc["path"])


def large_text(r, size, kind):
    # Over the 1 MB limit: listed, never read by the audit.
    chunks = []
    total = 0
    i = 0
    while total < size:
        if kind == "json":
            line = '  {"id": %d, "sku": "%s-%d", "name": "%s %s", "price": %d.%02d},\n' % (i, r.noun(), i, r.adj(), r.noun(), r.randint(1, 999), r.randint(0, 99))
        elif kind == "sql":
            line = "INSERT INTO %s (id, name, created_at) VALUES (%d, '%s', now());\n" % (r.noun(), i, r.adj())
        elif kind == "js":
            line = "var %s%d=function(a,b){console.log(a);return a+b+%d};" % (r.noun(), i, i)
        else:
            line = "%d,%s,%s,%d\n" % (i, r.noun(), r.adj(), r.randint(0, 10 ** 6))
        chunks.append(line)
        total += len(line)
        i += 1
    text = "".join(chunks)
    return ("[\n" + text + "  {}\n]\n") if kind == "json" else text


def binary_blob(r, size):
    block = bytearray(r.getrandbits(8) for _ in range(4096))
    block[16] = 0  # a NUL early on: what makes a file binary to git, rg and the audit
    return (bytes(block) * (size // len(block) + 1))[:size]


# ---------------------------------------------------------------------------------------------------------------
# The plan: every path at HEAD with the function that writes it, and the commit that adds it.

class Plan:
    def __init__(self, seed, files):
        self.r = Rand(seed)
        self.seed = seed
        self.files = {}          # path -> (kind, svc)
        self.structural = []     # paths present from the first commit
        self.bulk = []           # paths that may arrive later and be edited
        self.services = []
        self.build(files)

    def add(self, path, kind, svc=None, bulk=False):
        if path in self.files:
            return False
        self.files[path] = (kind, svc)
        (self.bulk if bulk else self.structural).append(path)
        return True

    def service(self, kind, flavor, path, name, ns=None):
        svc = {"kind": kind, "flavor": flavor, "path": path, "name": name, "ns": ns or pascal(*name.split("-")),
               "logger": self.r.choice(["pino", "winston"]), "libs": ["core", "http", "config"]}
        self.services.append(svc)
        return svc

    def build(self, files):
        r = self.r
        root = {"kind": "node", "flavor": "lib", "path": ".", "name": "monorepo", "ns": "Acme", "logger": "pino", "libs": ["core"]}
        for path, kind in [("README.md", "readme"), ("LICENSE", "license"), ("CONTRIBUTING.md", "md"), ("CHANGELOG.md", "md"), ("SECURITY.md", "md"),
                           (".github/CODEOWNERS", "codeowners"), (".gitignore", "gitignore-root"), ("package.json", "root-package"),
                           ("pnpm-workspace.yaml", "pnpm-workspace"), ("docker-compose.yml", "compose"), (".github/dependabot.yml", "dependabot"),
                           (".editorconfig", "editorconfig"), ("docs/architecture.md", "md"), ("docs/runbooks/incident-response.md", "md"),
                           ("docs/runbooks/disaster-recovery.md", "md"), ("docs/slo.md", "md"), ("deploy/deploy.sh", "deploy-sh"),
                           (".env.example", "env-example")]:
            self.add(path, kind, root)

        libs = []
        for i in range(20):
            name = "%s-%s" % (NOUNS[i % len(NOUNS)], ["core", "http", "config", "utils", "client"][i % 5])
            libs.append(name)
            svc = self.service("node", "lib", "packages/" + name, name)
        for svc in self.services:
            svc["libs"] = libs
        specs = [("node", "node", "services/%s-api", 16), ("node", "web", "apps/%s-web", 4), ("dotnet", "dotnet", "services/%s.Api", 12),
                 ("python", "python", "services/%s-py", 10), ("go", "go", "services/%s-go", 10)]
        i = 0
        for kind, flavor, pattern, count in specs:
            for _ in range(count):
                noun = NOUNS[i % len(NOUNS)]
                i += 1
                if kind == "dotnet":
                    name = pascal(noun)
                    svc = self.service(kind, flavor, pattern % name, noun + "-api", "Acme." + name + ".Api")
                else:
                    svc = self.service(kind, flavor, pattern % noun, (pattern % noun).split("/")[1])
                svc["libs"] = libs

        for svc in self.services:
            p = svc["path"]
            k = svc["kind"]
            self.add(p + "/README.md", "md", svc)
            self.add(p + "/.gitignore", "gitignore-" + k, svc)
            if k == "node":
                self.add(p + "/package.json", "package-json", svc)
                self.add(p + "/tsconfig.json", "tsconfig", svc)
                if svc["flavor"] == "node":
                    self.add(p + "/src/index.ts", "ts-app", svc)
                    self.add(p + "/src/instrument.ts", "ts-instrument", svc)
                    self.add(p + "/src/logger.ts", "ts-logger", svc)
                    self.add(p + "/Dockerfile", "dockerfile", svc)
            elif k == "dotnet":
                self.add(p + "/" + svc["ns"] + ".csproj", "csproj", svc)
                self.add(p + "/Program.cs", "cs-program", svc)
                self.add(p + "/appsettings.json", "appsettings", svc)
                self.add(p + "/Dockerfile", "dockerfile", svc)
                self.add(p + "/tests/" + svc["ns"] + ".Tests.csproj", "csproj-test", svc)
                for m in range(r.randint(10, 30)):
                    self.add("%s/Data/Migrations/2024%02d%02d%06d_%s.cs" % (p, m % 12 + 1, m % 28 + 1, m, pascal(r.verb(), r.noun())), "cs-migration", svc)
            elif k == "python":
                self.add(p + "/pyproject.toml", "pyproject", svc)
                self.add(p + "/app/__init__.py", "empty", svc)
                self.add(p + "/app/main.py", "py-main", svc)
                self.add(p + "/alembic.ini", "alembic-ini", svc)
                self.add(p + "/alembic/env.py", "alembic-env", svc)
                self.add(p + "/Dockerfile", "dockerfile", svc)
                for m in range(r.randint(8, 25)):
                    self.add("%s/alembic/versions/%04d_%s.py" % (p, m, snake(r.verb(), r.noun())), "py-alembic", svc)
            elif k == "go":
                self.add(p + "/go.mod", "go-mod", svc)
                self.add(p + "/cmd/server/main.go", "go-main", svc)
                self.add(p + "/Dockerfile", "dockerfile", svc)
            if svc["flavor"] != "lib":
                self.add(".github/workflows/%s.yml" % svc["name"], "workflow", svc)
                self.add("deploy/k8s/%s/deployment.yaml" % svc["name"], "k8s", svc)

        # A few large (> 1 MB) and binary files, committed like real ones.
        web = [s for s in self.services if s["flavor"] == "web"]
        for j, (path, kind) in enumerate([("data/seed/catalog.json", "large-json"), ("data/seed/catalog-eu.json", "large-json"),
                                          ("docs/dumps/schema.sql", "large-sql"), (web[0]["path"] + "/public/vendor/bundle.min.js", "large-js"),
                                          ("services/search-go/testdata/large-fixture.csv", "large-csv"), ("data/exports/ledger-2024.csv", "large-csv")]):
            self.add(path, kind, root)
        for j in range(120):
            svc = r.choice(self.services)
            ext = r.choice(["png", "woff2", "bin", "pdf", "jpg"])
            self.add("%s/assets/%s-%d.%s" % (svc["path"], r.noun(), j, ext), "binary", svc)

        # Bulk files until the total is reached, by language share.
        remaining = files - len(self.files)
        by_kind = {"node": [s for s in self.services if s["kind"] == "node"], "dotnet": [s for s in self.services if s["kind"] == "dotnet"],
                   "python": [s for s in self.services if s["kind"] == "python"], "go": [s for s in self.services if s["kind"] == "go"]}
        targets = [(lang, int(remaining * share)) for lang, share in MIX]
        targets[0] = (targets[0][0], targets[0][1] + remaining - sum(n for _, n in targets))
        for lang, count in targets:
            made = 0
            while made < count:
                if self.add_bulk(lang, by_kind):
                    made += 1

    def add_bulk(self, lang, by_kind):
        r = self.r
        if lang == "ts":
            svc = r.choice(by_kind["node"])
            if svc["flavor"] == "web":
                folder = r.choice(["components", "pages", "hooks", "features/" + r.noun()])
                return self.add("%s/src/%s/%s.tsx" % (svc["path"], folder, pascal(r.adj(), r.noun(), r.verb())), "tsx", svc, bulk=True)
            if r.random() < 0.18:
                return self.add("%s/test/%s.test.ts" % (svc["path"], camel(r.verb(), r.adj(), r.noun())), "ts-test", svc, bulk=True)
            folder = r.choice(["routes", "services", "models", "utils", "jobs", "lib/" + r.noun()])
            return self.add("%s/src/%s/%s.ts" % (svc["path"], folder, camel(r.verb(), r.adj(), r.noun())), "ts", svc, bulk=True)
        if lang == "cs":
            svc = r.choice(by_kind["dotnet"])
            if r.random() < 0.18:
                return self.add("%s/tests/%sTests.cs" % (svc["path"], pascal(r.verb(), r.adj(), r.noun())), "cs-test", svc, bulk=True)
            if r.random() < 0.15:
                return self.add("%s/Controllers/%sController.cs" % (svc["path"], pascal(r.adj(), r.noun())), "cs-controller", svc, bulk=True)
            folder = r.choice(["Services", "Models", "Domain", "Infrastructure", "Handlers"])
            return self.add("%s/%s/%s.cs" % (svc["path"], folder, pascal(r.verb(), r.adj(), r.noun())), "cs", svc, bulk=True)
        if lang == "py":
            svc = r.choice(by_kind["python"])
            if r.random() < 0.2:
                return self.add("%s/tests/test_%s.py" % (svc["path"], snake(r.verb(), r.adj(), r.noun())), "py-test", svc, bulk=True)
            folder = r.choice(["routers", "services", "models", "tasks", "utils"])
            return self.add("%s/app/%s/%s.py" % (svc["path"], folder, snake(r.verb(), r.adj(), r.noun())), "py", svc, bulk=True)
        if lang == "go":
            svc = r.choice(by_kind["go"])
            pkg = r.choice(["store", "handler", "domain", "worker", "client"])
            suffix = "_test.go" if r.random() < 0.2 else ".go"
            return self.add("%s/internal/%s/%s%s" % (svc["path"], pkg, snake(r.verb(), r.adj(), r.noun()), suffix), "go-test" if suffix == "_test.go" else "go", svc, bulk=True)
        if lang == "md":
            svc = r.choice(self.services)
            where = r.choice(["docs", "docs/adr", "docs/guides"])
            return self.add("%s/%s/%s.md" % (svc["path"], where, "-".join([r.verb(), r.adj(), r.noun()])), "md", svc, bulk=True)
        svc = r.choice(self.services)
        return self.add("%s/config/%s.yaml" % (svc["path"], "-".join([r.adj(), r.noun(), r.verb()])), "yaml", svc, bulk=True)

    def content(self, path, version):
        kind, svc = self.files[path]
        r = Rand("%d|%s|%d" % (self.seed, path, version))
        text = render(kind, r, svc, path, self)
        return text if isinstance(text, bytes) else text.encode()


def render(kind, r, svc, path, plan):
    simple = {
        "ts": lambda: ts_source(r, svc, path), "ts-test": lambda: ts_test(r, svc, path), "tsx": lambda: tsx_component(r, svc, path),
        "ts-app": lambda: ts_app(r, svc), "ts-instrument": lambda: ts_instrument(r, svc), "ts-logger": lambda: ts_logger(r, svc),
        "cs": lambda: cs_source(r, svc, path), "cs-controller": lambda: cs_controller(r, svc, path), "cs-program": lambda: cs_program(r, svc),
        "cs-migration": lambda: cs_migration(r, svc, path), "cs-test": lambda: cs_test(r, svc, path),
        "py": lambda: py_source(r, svc, path), "py-main": lambda: "import os\n" + py_main(r, svc), "py-test": lambda: py_test(r, svc, path),
        "py-alembic": lambda: py_alembic(r, svc, path), "go": lambda: go_source(r, svc, path), "go-main": lambda: go_main(r, svc),
        "go-test": lambda: go_test(r, svc, path), "md": lambda: md_doc(r, svc, path), "yaml": lambda: yaml_config(r, svc, path),
        "k8s": lambda: k8s_deployment(r, svc), "workflow": lambda: workflow(r, svc), "dockerfile": lambda: dockerfile(r, svc),
        "package-json": lambda: package_json(r, svc), "csproj": lambda: csproj(r, svc), "csproj-test": lambda: csproj(r, svc, test=True),
        "pyproject": lambda: pyproject(r, svc), "go-mod": lambda: go_mod(r, svc), "empty": lambda: "",
        "large-json": lambda: large_text(r, 1_500_000, "json"), "large-sql": lambda: large_text(r, 1_200_000, "sql"),
        "large-js": lambda: large_text(r, 2_500_000, "js"), "large-csv": lambda: large_text(r, 1_100_000, "csv"),
        "binary": lambda: binary_blob(r, r.randint(2_000, 60_000)),
    }
    if kind in simple:
        return simple[kind]()
    if kind == "readme":
        return "# Acme monorepo\n\nServices, apps and packages of Acme. See docs/architecture.md and CONTRIBUTING.md.\n\n## Deployment\n\nEvery service deploys from main through its workflow (deploy/deploy.sh).\n"
    if kind == "license":
        return "MIT License\n\nCopyright (c) 2025 Acme\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software.\n"
    if kind == "codeowners":
        return "".join("/%s/ @acme/%s-team\n" % (s["path"], s["name"]) for s in plan.services)
    if kind == "gitignore-root":
        return "node_modules/\n.env\n*.log\n.DS_Store\n.idea/\n"
    if kind == "gitignore-node":
        return "dist/\ncoverage/\n.turbo/\n"
    if kind == "gitignore-dotnet":
        return "bin/\nobj/\n*.user\n"
    if kind == "gitignore-python":
        return "__pycache__/\n.venv/\n*.pyc\n.pytest_cache/\n"
    if kind == "gitignore-go":
        return "/bin/\n*.test\ncoverage.out\n"
    if kind == "root-package":
        return '{\n  "name": "acme",\n  "private": true,\n  "packageManager": "pnpm@9.12.3",\n  "scripts": { "build": "pnpm -r build", "test": "pnpm -r test" },\n  "devDependencies": { "typescript": "^5.6.3" }\n}\n'
    if kind == "pnpm-workspace":
        return "packages:\n  - 'packages/*'\n  - 'services/*'\n  - 'apps/*'\n"
    if kind == "compose":
        return "services:\n  postgres:\n    image: postgres:16\n  redis:\n    image: redis:7\n"
    if kind == "dependabot":
        return "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: { interval: weekly }\n  - package-ecosystem: github-actions\n    directory: /\n    schedule: { interval: weekly }\n"
    if kind == "editorconfig":
        return "root = true\n\n[*]\nindent_style = space\nindent_size = 2\n"
    if kind == "deploy-sh":
        return "#!/bin/sh\nset -eu\nkubectl apply -f deploy/k8s/\"$1\"/\n"
    if kind == "env-example":
        return "DATABASE_URL=postgres://localhost/acme\nSENTRY_DSN=\nREDIS_URL=redis://localhost:6379\n"
    if kind == "tsconfig":
        return '{\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "outDir": "dist", "rootDir": "src" }\n}\n'
    if kind == "appsettings":
        return '{\n  "Serilog": { "MinimumLevel": "Information" },\n  "Sentry": { "Dsn": "" },\n  "Redis": "localhost:6379"\n}\n'
    if kind == "alembic-env":
        return "from alembic import context\n\nfrom app.models import metadata\n\ncontext.configure(target_metadata=metadata)\n"
    if kind == "alembic-ini":
        return "[alembic]\nscript_location = alembic\n"
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------------------------------

def history(plan, commits, adds_per_commit, edits_per_commit):
    """Which paths each commit adds and which it edits (a new version of an existing file)."""
    r = Rand(plan.seed + 1)
    late = plan.bulk[:]
    r.shuffle(late)
    later = late[:adds_per_commit * (commits - 1)]
    first = plan.structural + late[len(later):]
    steps = [(sorted(first), [])]
    present = list(first)
    editable = [p for p in first if plan.files[p][0] in ("ts", "tsx", "cs", "py", "go", "md", "yaml", "cs-controller")]
    for c in range(1, commits):
        added = later[(c - 1) * adds_per_commit:c * adds_per_commit]
        edited = r.sample(editable, edits_per_commit)
        steps.append((added, edited))
        present.extend(added)
        editable.extend(added)
    return steps


def fast_import_stream(plan, steps, out, start_epoch):
    versions = {}
    r = Rand(plan.seed + 2)
    when = start_epoch
    for n, (added, edited) in enumerate(steps, 1):
        when += 86_400 + r.randint(-20_000, 20_000)  # about one commit a day
        svc = r.choice(plan.services)
        message = ("Initial import of the Acme monorepo\n" if n == 1 else
                   "%s(%s): %s %s %s\n" % (r.choice(["feat", "fix", "refactor", "chore", "docs"]), svc["name"], r.verb(), r.adj(), r.noun())).encode()
        head = b"commit refs/heads/main\nmark :%d\nauthor Dev %d <dev%d@acme.test> %d +0000\ncommitter Dev %d <dev%d@acme.test> %d +0000\ndata %d\n" % (
            n, n % 7, n % 7, when, n % 7, n % 7, when, len(message))
        out.write(head + message)
        if n > 1:
            out.write(b"from :%d\n" % (n - 1))
        for path in added + edited:
            versions[path] = versions.get(path, -1) + 1
            data = plan.content(path, versions[path])
            mode = b"100755" if path.endswith(".sh") else b"100644"
            out.write(b"M %s inline %s\ndata %d\n" % (mode, path.encode(), len(data)))
            out.write(data)
            out.write(b"\n")
    out.write(b"done\n")


def write_ignored(root, plan, node_modules, seed):
    """The ignored part of the working tree: node_modules (root .gitignore) and build output (nested .gitignores)."""
    r = Rand(seed + 3)
    made = 0
    packages = 0
    while made < node_modules:
        name = "%s-%s-%d" % (r.noun(), r.adj(), packages)
        packages += 1
        folder = os.path.join(root, "node_modules", name)
        os.makedirs(os.path.join(folder, "lib"), exist_ok=True)
        os.makedirs(os.path.join(folder, "dist"), exist_ok=True)
        count = min(r.randint(40, 160), node_modules - made)
        for k in range(count):
            if k == 0:
                rel, text = "package.json", '{ "name": "%s", "version": "1.0.%d", "main": "lib/index.js" }\n' % (name, k)
            elif k == 1:
                rel, text = "README.md", "# %s\n\nA dependency.\n" % name
            else:
                rel = "%s/%s%d.js" % (r.choice(["lib", "dist"]), r.noun(), k)
                text = ("'use strict';\nconst express = require('express');\nconst Sentry = require('@sentry/node');\n"
                        "module.exports = function %s(a) {\n  console.log('%s', a);\n  return a + %d;\n};\n" % (camel(r.verb(), r.noun()), name, k))
            with open(os.path.join(folder, rel), "w") as f:
                f.write(text)
        made += count
    built = 0
    for svc in plan.services:
        folder = {"node": "dist", "dotnet": "obj", "python": "app/__pycache__", "go": "bin"}[svc["kind"]]
        target = os.path.join(root, svc["path"], folder)
        os.makedirs(target, exist_ok=True)
        for k in range(20):
            with open(os.path.join(target, "out-%d.%s" % (k, "pyc" if svc["kind"] == "python" else "js")), "w") as f:
                f.write("console.log('built %d');\n" % k)
            built += 1
    return made, built


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", help="folder to create (must not exist or be empty)")
    parser.add_argument("--files", type=int, default=50_000)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--node-modules", type=int, default=100_000)
    parser.add_argument("--adds-per-commit", type=int, default=40)
    parser.add_argument("--edits-per-commit", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.time()
    root = os.path.abspath(args.root)
    os.makedirs(root, exist_ok=True)
    if os.listdir(root):
        sys.exit("gen_monorepo: %s is not empty" % root)
    plan = Plan(args.seed, args.files)
    steps = history(plan, args.commits, args.adds_per_commit, args.edits_per_commit)

    def git(*a, **kw):
        return subprocess.run(["git", "-C", root, *a], check=True, **kw)

    git("init", "-q", "-b", "main")
    for key, value in [("user.name", "Bench"), ("user.email", "bench@acme.test"), ("gc.auto", "0"), ("core.autocrlf", "false")]:
        git("config", key, value)
    importer = subprocess.Popen(["git", "-C", root, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
    stream = importer.stdin
    fast_import_stream(plan, steps, stream, start_epoch=1_735_689_600)  # 2025-01-01
    stream.close()
    if importer.wait() != 0:
        sys.exit("gen_monorepo: git fast-import failed")
    git("reset", "-q", "--hard", "main")
    made, built = write_ignored(root, plan, args.node_modules, args.seed)
    tracked = len(plan.files)
    print("gen_monorepo: %d tracked files in %d commits, %d ignored node_modules files, %d ignored build files, in %.1f s"
          % (tracked, len(steps), made, built, time.time() - started))


if __name__ == "__main__":
    main()
