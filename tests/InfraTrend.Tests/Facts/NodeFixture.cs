using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// JS/TS monorepos built file by file, each shaped after a real public one: a pnpm + Nx workspace of NestJS services
/// and shared libraries (novuhq/novu), an npm-workspaces Turborepo whose app is React Router on Hono with a shared
/// Prisma package (documenso/documenso), and an Nx integrated workspace with one root package.json (ghostfolio/ghostfolio).
/// </summary>
internal static class NodeFixture
{
    public static string Manifest(string name, string dependencies = "", string scripts = "", string extra = "") =>
        $$"""
        {
          "name": "{{name}}",
          "version": "1.0.0",
          {{extra}}
          "scripts": { {{scripts}} },
          "dependencies": { {{dependencies}} }
        }
        """;

    /// <summary>
    /// novu-shaped: pnpm-workspace.yaml over apps/*, libs/*, packages/*, playground/*; NestJS api and worker with
    /// Dockerfiles (the worker's package.json has a yarn `nohoist` workspaces block), a Vite SPA, libs/application-generic
    /// (Sentry, pino, OpenTelemetry, BullMQ) used by both services, a published SDK, a playground app.
    /// </summary>
    public static TestRepository PnpmServices()
    {
        var repo = TestRepository.Create();
        repo.Write("package.json", """
                {
                  "name": "novu-monorepo",
                  "private": true,
                  "packageManager": "pnpm@9.11.0",
                  "scripts": { "build": "nx run-many --target=build", "start": "pnpm start:api" }
                }
                """)
            .Write("pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n  - 'apps/*'\n  - 'libs/*'\n  - 'playground/*'\n")
            .Write("nx.json", """{ "targetDefaults": { "build": { "dependsOn": ["^build"] } } }""")
            .Write("apps/api/package.json", Manifest(
                "@novu/api",
                """ "@nestjs/core": "10.4.1", "@nestjs/common": "10.4.1", "@nestjs/throttler": "6.2.1", "@nestjs/terminus": "10.2.3", "helmet": "6.0.1", "@novu/application-generic": "workspace:*", "@novu/shared": "workspace:*", "@sentry/nestjs": "8.33.0" """,
                """ "start": "pnpm start:dev", "start:dev": "nest start --watch", "start:prod": "node dist/main.js" """))
            .Write("apps/api/Dockerfile", "FROM node:20-alpine\nWORKDIR /usr/src/app\nCOPY . .\nCMD [\"node\", \"dist/main.js\"]\n")
            .Write("apps/api/src/main.ts", """
                import './instrument';
                import { NestFactory } from '@nestjs/core';
                import helmet from 'helmet';
                import { AppModule } from './app.module';

                async function bootstrap() {
                  const app = await NestFactory.create(AppModule);
                  app.use(helmet());
                  app.enableCors({ origin: process.env.FRONT_BASE_URL.split(','), credentials: true });
                  await app.listen(process.env.PORT);
                }
                bootstrap();
                """)
            .Write("apps/api/src/instrument.ts", """
                import * as Sentry from '@sentry/nestjs';

                Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1 });
                """)
            .Write("apps/api/src/app.module.ts", """
                import { Module } from '@nestjs/common';
                import { ThrottlerModule } from '@nestjs/throttler';
                import { TerminusModule } from '@nestjs/terminus';
                import { HealthController } from './health/health.controller';

                @Module({
                  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 100 }]), TerminusModule],
                  controllers: [HealthController],
                })
                export class AppModule {}
                """)
            .Write("apps/api/src/health/health.controller.ts", """
                import { Controller, Get } from '@nestjs/common';
                import { HealthCheck, HealthCheckService } from '@nestjs/terminus';

                @Controller('health-check')
                export class HealthController {
                  constructor(private health: HealthCheckService) {}

                  @Get()
                  @HealthCheck()
                  check() {
                    return this.health.check([]);
                  }
                }
                """)
            .Write("apps/api/src/bridge/bridge.controller.ts", """
                import { Controller, Get } from '@nestjs/common';

                @Controller('/bridge')
                export class BridgeController {
                  @Get('/status')
                  status() {
                    return { ok: true };
                  }
                }
                """)
            .Write("apps/api/src/app.controller.spec.ts", "describe('app', () => { it('works', () => { console.log('in a test'); }); });\n")
            .Write("apps/api/admin/scripts/backfill.ts", "console.log('a maintenance script');\n")
            .Write("apps/worker/package.json", Manifest(
                "@novu/worker",
                """ "@nestjs/core": "10.4.1", "bullmq": "5.12.0", "@novu/application-generic": "workspace:*" """,
                """ "start": "nest start", "start:prod": "node dist/main.js" """,
                """ "workspaces": { "nohoist": ["@nestjs/platform-socket.io"] }, """))
            .Write("apps/worker/Dockerfile", "FROM node:20-alpine\nCMD [\"node\", \"dist/main.js\"]\n")
            .Write("apps/worker/src/main.ts", """
                import { NestFactory } from '@nestjs/core';
                import { WorkerModule } from './worker.module';

                NestFactory.createApplicationContext(WorkerModule).then(() => console.log('worker started'));
                """)
            .Write("apps/dashboard/package.json", Manifest(
                "@novu/dashboard",
                """ "react": "18.3.1", "react-dom": "18.3.1", "express": "4.21.0" """,
                """ "start": "vite", "build": "vite build" """))
            .Write("apps/dashboard/index.html", "<!doctype html><div id=\"root\"></div>\n")
            .Write("apps/dashboard/vite.config.ts", "import { defineConfig } from 'vite';\nexport default defineConfig({});\n")
            .Write("apps/dashboard/src/main.tsx", """
                import { createRoot } from 'react-dom/client';

                function App() {
                  return <p>Don't console.log('secrets') in the UI</p>;
                }
                createRoot(document.getElementById('root')!).render(<App />);
                """)
            .Write("libs/application-generic/package.json", Manifest(
                "@novu/application-generic",
                """ "pino": "8.21.0", "nestjs-pino": "4.1.0", "@opentelemetry/sdk-node": "0.53.0", "bullmq": "5.12.0", "ioredis": "5.4.1", "@novu/shared": "workspace:*" """,
                """ "start": "npm run watch:build", "watch:build": "tsc -w" """,
                """ "main": "build/main/index.js", """))
            .Write("libs/application-generic/src/logging/index.ts", """
                import { LoggerModule } from 'nestjs-pino';

                export function createNestLoggingModuleOptions() {
                  return LoggerModule.forRoot({ pinoHttp: { level: 'info' } });
                }
                """)
            .Write("libs/application-generic/src/tracing/tracing.ts", """
                import { NodeSDK } from '@opentelemetry/sdk-node';

                export const sdk = new NodeSDK({ serviceName: process.env.SERVICE_NAME });
                """)
            .Write("libs/application-generic/src/queues/queue.service.ts", """
                import { Queue } from 'bullmq';
                import Redis from 'ioredis';

                export const connection = new Redis(process.env.REDIS_URL);
                export const queue = new Queue('workflow', { connection });
                console.warn('queue ready');
                """)
            .Write("packages/shared/package.json", Manifest("@novu/shared", "", """ "build": "tsc" """, """ "main": "dist/cjs/index.js", "types": "dist/cjs/index.d.ts", """))
            .Write("packages/shared/src/index.ts", "export const API_ROOT = '/v1';\n")
            .Write("packages/js/package.json", Manifest("@novu/js", """ "@sentry/browser": "8.33.0" """, """ "dev": "tsup --watch" """, """ "peerDependencies": { "react": "^18" }, "exports": { ".": "./dist/index.js" }, """))
            .Write("packages/js/src/index.ts", "export const version = '1';\n")
            .Write("playground/nestjs/package.json", Manifest("nestjs-playground", """ "@nestjs/core": "10.4.1" """, """ "start": "nest start" """))
            .Write("playground/nestjs/src/main.ts", "console.log('playground');\n");
        repo.Commit("novu-shaped pnpm workspace");
        return repo;
    }

    /// <summary>
    /// documenso-shaped: npm workspaces with turbo.json; apps/remix is React Router (react-router.config.ts) served by
    /// Hono, apps/openpage-api is a Next.js API; packages/prisma holds the migrations and packages/lib the jobs, both
    /// used by the two apps; packages/app-tests is the Playwright suite.
    /// </summary>
    public static TestRepository TurboNpmWorkspaces()
    {
        var repo = TestRepository.Create();
        repo.Write("package.json", """
                {
                  "name": "@documenso/root",
                  "private": true,
                  "workspaces": ["apps/*", "packages/*"],
                  "scripts": { "build": "turbo run build", "start": "turbo run start --filter=@documenso/remix" },
                  "dependencies": { "react": "^19.2.0", "@documenso/prisma": "*" }
                }
                """)
            .Write("turbo.json", """{ "tasks": { "build": { "dependsOn": ["^build"] } } }""")
            .Write("apps/remix/package.json", Manifest(
                "@documenso/remix",
                """ "react": "^19.2.0", "react-router": "^7.9.0", "hono": "^4.10.0", "@hono/node-server": "^1.19.0", "@documenso/lib": "*", "@documenso/prisma": "*" """,
                """ "dev": "react-router dev", "start": "cross-env NODE_ENV=production node build/server/main.js" """))
            .Write("apps/remix/react-router.config.ts", "export default { ssr: true };\n")
            .Write("apps/remix/server/router.ts", """
                import { Hono } from 'hono';
                import { cors } from 'hono/cors';
                import { secureHeaders } from 'hono/secure-headers';
                import { apiRateLimitMiddleware } from './rate-limit';

                export const app = new Hono();
                app.use('*', secureHeaders());
                app.use('/api/v1/*', cors());
                app.use('/api/v1/*', apiRateLimitMiddleware);
                """)
            .Write("apps/remix/app/routes/api+/health.ts", "export const loader = () => Response.json({ status: 'ok' });\n")
            .Write("apps/openpage-api/package.json", Manifest("@documenso/openpage-api", """ "next": "15.5.0", "@documenso/prisma": "*" """, """ "dev": "next dev", "start": "next start" """))
            .Write("apps/openpage-api/next.config.ts", "export default {};\n")
            .Write("apps/openpage-api/app/community/route.ts", "export async function GET() { return Response.json([]); }\n")
            .Write("packages/prisma/package.json", Manifest("@documenso/prisma", """ "@prisma/client": "^6.19.0" """, """ "prisma:migrate-deploy": "prisma migrate deploy" """, """ "main": "./index.ts", "types": "./index.ts", """))
            .Write("packages/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n")
            .Write("packages/prisma/index.ts", "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n")
            .Write("packages/prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n")
            .Write("packages/prisma/migrations/20230404095503_initial_migration/migration.sql", "CREATE TABLE \"User\" (\"id\" SERIAL);\n")
            .Write("packages/prisma/migrations/20230819033256_add_teams/migration.sql", "CREATE TABLE \"Team\" (\"id\" SERIAL);\n")
            .Write("packages/prisma/migrations/20240101000000_add_webhooks/migration.sql", "CREATE TABLE \"Webhook\" (\"id\" SERIAL);\n")
            .Write("packages/lib/package.json", Manifest("@documenso/lib", """ "bullmq": "^5.0.0", "pino": "^9.0.0", "vitest": "^3.2.0" """, """ "test": "vitest" """, """ "main": "./index.ts", """))
            .Write("packages/lib/jobs/client/bullmq.ts", "import { Queue } from 'bullmq';\n\nexport const jobs = new Queue('jobs');\n")
            .Write("packages/lib/utils/logger.ts", "import { pino } from 'pino';\n\nexport const logger = pino({ level: 'info' });\n")
            .Write("packages/app-tests/package.json", Manifest("@documenso/app-tests", """ "@playwright/test": "1.56.0" """, """ "test:e2e": "playwright test" """))
            .Write("packages/app-tests/e2e/signin.spec.ts", "import { test } from '@playwright/test';\ntest('signs in', async () => {});\n")
            .Write("render.yaml", """
                services:
                  - type: web
                    name: documenso-app
                    runtime: node
                    startCommand: npx prisma migrate deploy --schema packages/prisma/schema.prisma && npx turbo run start --filter=@documenso/remix
                    healthCheckPath: /api/health
                """);
        repo.Commit("documenso-shaped turborepo");
        return repo;
    }

    /// <summary>
    /// ghostfolio-shaped: nx.json and one root package.json; apps/api (NestJS) and apps/client (Angular) are Nx
    /// applications with project.json and no package.json; libs/common is an Nx library imported through a tsconfig
    /// path alias; Prisma's migrations are at the root.
    /// </summary>
    public static TestRepository NxIntegrated()
    {
        var repo = TestRepository.Create();
        repo.Write("package.json", """
                {
                  "name": "ghostfolio",
                  "scripts": { "start:production": "npm run database:migrate && node main", "database:migrate": "prisma migrate deploy" },
                  "dependencies": { "@angular/core": "20.1.0", "@nestjs/core": "11.1.0", "@prisma/client": "6.11.0", "helmet": "7.2.0", "ioredis": "5.6.0", "passport-jwt": "4.0.1" },
                  "devDependencies": { "nx": "21.2.0", "jest": "29.7.0", "prisma": "6.11.0" }
                }
                """)
            .Write("nx.json", """{ "defaultProject": "api" }""")
            .Write("tsconfig.base.json", """
                {
                  // Nx keeps the workspace's path aliases here
                  "compilerOptions": {
                    "paths": {
                      "@ghostfolio/api/*": ["./apps/api/src/*"],
                      "@ghostfolio/common/*": ["./libs/common/src/lib/*"],
                    }
                  }
                }
                """)
            .Write("apps/api/project.json", """
                {
                  "name": "api",
                  "projectType": "application",
                  "sourceRoot": "apps/api/src",
                  "targets": { "serve": { "executor": "@nx/js:node" } }
                }
                """)
            .Write("apps/api/src/main.ts", """
                import { NestFactory } from '@nestjs/core';
                import helmet from 'helmet';
                import { DEFAULT_PORT } from '@ghostfolio/common/config';
                import { AppModule } from './app/app.module';

                async function bootstrap() {
                  const app = await NestFactory.create(AppModule);
                  app.enableCors();
                  app.use(helmet());
                  await app.listen(DEFAULT_PORT);
                }
                bootstrap();
                """)
            .Write("apps/api/src/app/prisma.service.ts", "import { PrismaClient } from '@prisma/client';\nexport class PrismaService extends PrismaClient {}\n")
            .Write("apps/client/project.json", """
                {
                  "name": "client",
                  "projectType": "application",
                  "targets": { "build": { "executor": "@nx/angular:browser-esbuild" } }
                }
                """)
            .Write("apps/client/src/main.ts", "import { enableProdMode } from '@angular/core';\nenableProdMode();\n")
            .Write("apps/client-e2e/project.json", """{ "name": "client-e2e", "projectType": "application" }""")
            .Write("libs/common/project.json", """{ "name": "common", "projectType": "library" }""")
            .Write("libs/common/src/lib/config.ts", "import Redis from 'ioredis';\nexport const DEFAULT_PORT = 3333;\nexport const redis = new Redis();\n")
            .Write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n")
            .Write("prisma/migrations/20210604190809_initial_migration/migration.sql", "CREATE TABLE \"User\" (\"id\" TEXT);\n")
            .Write("prisma/migrations/20210703194509_added_order/migration.sql", "CREATE TABLE \"Order\" (\"id\" TEXT);\n")
            .Write("Dockerfile", "FROM node:22-slim\nCOPY docker/entrypoint.sh /entrypoint.sh\nCMD [\"/entrypoint.sh\"]\n")
            .Write("docker/entrypoint.sh", "#!/bin/sh\nset -ex\necho \"Running database migrations\"\nnpx prisma migrate deploy\nnode main\n");
        repo.Commit("ghostfolio-shaped nx workspace");
        return repo;
    }
}
