using System.Globalization;

namespace InfraTrend.Tests.Support;

/// <summary>Fixture repositories shaped after real projects, built file by file by the tests.</summary>
public static class SampleRepositories
{
    /// <summary>
    /// A repository built like the one the sample audit report describes: a pnpm workspace with an Express + Prisma
    /// backend (22 migrations, applied at start) and a React/Vite frontend, deployed on Render with Nixpacks, one
    /// GitHub Actions workflow (lint, type check, tests, Trivy, pnpm audit, deploy hook), JWT auth, `cors()` with
    /// defaults, no helmet, no rate limit, no error tracking, console logging, a /health route.
    /// </summary>
    public static TestRepository NodeExpressPrismaOnRender()
    {
        var repo = TestRepository.Create();
        repo.Write(".gitignore", "node_modules\ndist\n.env\n")
            .Write("package.json", """
                {
                  "name": "shop",
                  "private": true,
                  "packageManager": "pnpm@8.15.0",
                  "engines": { "node": ">=20.19.0" },
                  "scripts": {
                    "build": "pnpm -r build",
                    "lint": "pnpm -r lint",
                    "typecheck": "pnpm -r typecheck",
                    "test": "pnpm --filter backend test"
                  }
                }
                """)
            .Write("pnpm-workspace.yaml", "packages:\n  - backend\n  - frontend\n")
            .Write("pnpm-lock.yaml", "lockfileVersion: '6.0'\n")
            .Write(".nvmrc", "20.19.0\n")
            .Write(".env.example", "DATABASE_URL=postgresql://user:password@localhost:5432/shop\nJWT_SECRET=change-me\nPORT=3000\n")
            .Write("README.md", """
                # Shop

                Online shop: an Express API with Prisma and a React storefront.

                ## Getting started

                ```bash
                pnpm install
                cp .env.example .env
                pnpm --filter backend exec prisma migrate dev
                ```

                ## Development

                Run `pnpm --filter backend dev` and `pnpm --filter frontend dev`.

                The app is deployed on Render from `render.yaml`; the backend builds with Nixpacks.
                """)
            .Write("render.yaml", """
                services:
                  - type: web
                    name: shop-api
                    runtime: node
                    rootDir: backend
                    buildCommand: pnpm install --frozen-lockfile && pnpm build
                    startCommand: pnpm start
                    healthCheckPath: /health
                    envVars:
                      - key: NODE_VERSION
                        value: 20.19.0
                      - key: DATABASE_URL
                        fromDatabase:
                          name: shop-db
                          property: connectionString
                      - key: JWT_SECRET
                        generateValue: true
                  - type: web
                    name: shop-web
                    runtime: static
                    rootDir: frontend
                    buildCommand: pnpm install --frozen-lockfile && pnpm build
                    staticPublishPath: dist
                databases:
                  - name: shop-db
                    plan: starter
                """)
            .Write("nixpacks.toml", """
                [variables]
                NODE_VERSION = "20.19.0"

                [phases.setup]
                nixPkgs = ["nodejs_20", "pnpm-8_x"]

                [phases.install]
                cmds = ["pnpm install --frozen-lockfile"]

                [start]
                cmd = "pnpm --filter backend start"
                """)
            .Write(".github/workflows/ci.yml", """
                name: CI
                on:
                  push:
                    branches: [main]
                  pull_request:

                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: pnpm/action-setup@v2
                        with:
                          version: 8.15.0
                      - uses: actions/setup-node@v4
                        with:
                          node-version: 20.19.0
                          cache: pnpm
                      - run: pnpm install --frozen-lockfile
                      - run: pnpm lint
                      - run: pnpm typecheck
                      - run: pnpm test
                      - run: pnpm build
                      - name: Trivy
                        uses: aquasecurity/trivy-action@master
                        with:
                          scan-type: fs
                          severity: HIGH,CRITICAL
                      - run: pnpm audit --audit-level high

                  deploy:
                    needs: test
                    if: github.ref == 'refs/heads/main'
                    runs-on: ubuntu-latest
                    steps:
                      - name: Trigger Render deploy
                        run: curl -fsS -X POST "$RENDER_DEPLOY_HOOK_URL"
                        env:
                          RENDER_DEPLOY_HOOK_URL: ${{ secrets.RENDER_DEPLOY_HOOK_URL }}
                """);

        Backend(repo);
        Frontend(repo);
        repo.Commit("Shop: backend, frontend, Render deployment", new DateTimeOffset(2025, 8, 20, 12, 0, 0, TimeSpan.Zero));
        return repo;
    }

    private static void Backend(TestRepository repo)
    {
        repo.Write("backend/package.json", """
                {
                  "name": "backend",
                  "version": "1.0.0",
                  "private": true,
                  "scripts": {
                    "dev": "tsx watch src/index.ts",
                    "build": "tsc -p tsconfig.json",
                    "start": "prisma migrate deploy && node dist/index.js",
                    "test": "jest",
                    "lint": "eslint src --ext .ts",
                    "typecheck": "tsc --noEmit"
                  },
                  "prisma": { "seed": "tsx prisma/seed.ts" },
                  "dependencies": {
                    "@prisma/client": "^5.14.0",
                    "bcryptjs": "^2.4.3",
                    "cors": "^2.8.5",
                    "express": "^4.19.2",
                    "jsonwebtoken": "^9.0.2",
                    "zod": "^3.23.8"
                  },
                  "devDependencies": {
                    "@types/express": "^4.17.21",
                    "eslint": "^8.57.0",
                    "jest": "^29.7.0",
                    "prisma": "^5.14.0",
                    "ts-jest": "^29.1.2",
                    "tsx": "^4.11.0",
                    "typescript": "^5.4.5"
                  }
                }
                """)
            .Write("backend/tsconfig.json", "{ \"compilerOptions\": { \"outDir\": \"dist\", \"strict\": true } }\n")
            .Write("backend/prisma/schema.prisma", """
                generator client {
                  provider = "prisma-client-js"
                }

                datasource db {
                  provider = "postgresql"
                  url      = env("DATABASE_URL")
                }

                model User {
                  id    Int    @id @default(autoincrement())
                  email String @unique
                }
                """)
            .Write("backend/prisma/seed.ts", "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nasync function main() { await prisma.user.create({ data: { email: 'admin@example.com' } }); }\nmain();\n")
            .Write("backend/prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        var start = new DateTime(2024, 1, 10, 9, 0, 0);
        for (var i = 0; i < 22; i++)
        {
            var stamp = start.AddDays(i * 9).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            repo.Write($"backend/prisma/migrations/{stamp}_change_{i + 1:00}/migration.sql", $"-- migration {i + 1}\nALTER TABLE \"User\" ADD COLUMN \"c{i + 1}\" TEXT;\n");
        }
        repo.Write("backend/src/index.ts", """
                import express from 'express';
                import cors from 'cors';
                import { PrismaClient } from '@prisma/client';
                import { authRouter } from './routes/auth';
                import { ordersRouter } from './routes/orders';

                const app = express();
                const prisma = new PrismaClient();

                app.use(cors());
                app.use(express.json());

                app.get('/health', async (_req, res) => {
                  await prisma.$queryRaw`SELECT 1`;
                  res.json({ status: 'ok' });
                });

                app.use('/auth', authRouter);
                app.use('/orders', ordersRouter);

                // console.log('debug: routes mounted') is left commented on purpose
                const port = Number(process.env.PORT ?? 3000);
                app.listen(port, () => console.log(`API listening on ${port}`));
                """)
            .Write("backend/src/middleware/auth.ts", """
                import jwt from 'jsonwebtoken';
                import type { Request, Response, NextFunction } from 'express';

                export function requireAuth(req: Request, res: Response, next: NextFunction) {
                  const token = req.headers.authorization?.replace('Bearer ', '');
                  if (!token) return res.status(401).end();
                  try {
                    (req as any).user = jwt.verify(token, process.env.JWT_SECRET!);
                    next();
                  } catch (err) {
                    console.error('invalid token', err);
                    res.status(401).end();
                  }
                }
                """)
            .Write("backend/src/routes/auth.ts", """
                import { Router } from 'express';
                import jwt from 'jsonwebtoken';

                export const authRouter = Router();
                authRouter.post('/login', (req, res) => {
                  console.log('login attempt', req.body.email);
                  res.json({ token: jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET!) });
                });
                """)
            .Write("backend/src/routes/orders.ts", """
                import { Router } from 'express';
                import { requireAuth } from '../middleware/auth';

                export const ordersRouter = Router();
                ordersRouter.get('/', requireAuth, async (_req, res) => {
                  console.info("listing orders; see console.log('x') in docs");
                  res.json([]);
                });
                """);
        foreach (var name in new[] { "auth", "orders", "health", "users", "products", "cart" })
            repo.Write($"backend/src/__tests__/{name}.test.ts", $"import {{ describe, it, expect }} from '@jest/globals';\ndescribe('{name}', () => {{ it('works', () => expect(1).toBe(1)); }});\n");
    }

    private static void Frontend(TestRepository repo)
    {
        repo.Write("frontend/package.json", """
                {
                  "name": "frontend",
                  "private": true,
                  "scripts": {
                    "dev": "vite",
                    "build": "tsc && vite build",
                    "lint": "eslint src",
                    "typecheck": "tsc --noEmit"
                  },
                  "dependencies": {
                    "react": "^18.3.1",
                    "react-dom": "^18.3.1"
                  },
                  "devDependencies": {
                    "@vitejs/plugin-react": "^4.3.0",
                    "typescript": "^5.4.5",
                    "vite": "^5.2.12"
                  }
                }
                """)
            .Write("frontend/index.html", "<!doctype html><div id=\"root\"></div><script type=\"module\" src=\"/src/main.tsx\"></script>\n")
            .Write("frontend/src/main.tsx", "import React from 'react';\nimport { createRoot } from 'react-dom/client';\nimport App from './App';\ncreateRoot(document.getElementById('root')!).render(<App />);\n")
            .Write("frontend/src/App.tsx", "export default function App() {\n  console.log('render');\n  return <h1>Shop</h1>;\n}\n");
    }
}
