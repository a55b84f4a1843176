using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.DotnetFixture;
using static InfraTrend.Tests.Facts.NodeFixture;

namespace InfraTrend.Tests.Facts;

public class NodeUsageFactsTests
{
    private static TestRepository App(string dependencies, string scripts = """ "start": "node dist/main.js" """, string extra = "")
    {
        var repo = TestRepository.Create();
        repo.Write("package.json", Manifest("app", dependencies, scripts, extra));
        return repo;
    }

    [Fact]
    public void A_nextjs_app_shaped_after_umami_tells_its_headers_health_route_sentry_and_telemetry()
    {
        using var repo = App(""" "next": "15.5.0", "react": "19.1.0", "@sentry/nextjs": "10.5.0", "@vercel/otel": "1.13.0", "@prisma/client": "6.14.0" """, """ "dev": "next dev", "start": "next start" """);
        repo.Write("next.config.ts", """
                import { withSentryConfig } from '@sentry/nextjs';

                const defaultHeaders = [
                  { key: 'X-DNS-Prefetch-Control', value: 'on' },
                  { key: 'Content-Security-Policy', value: "default-src 'self'" },
                ];
                if (process.env.FORCE_SSL) {
                  defaultHeaders.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000' });
                }
                const trackerHeaders = [{ key: 'Access-Control-Allow-Origin', value: '*' }];
                console.log('building');

                export default withSentryConfig({
                  async headers() {
                    return [{ source: '/:path*', headers: defaultHeaders }, { source: '/script.js', headers: trackerHeaders }];
                  },
                });
                """)
            .Write("sentry.server.config.ts", "import * as Sentry from '@sentry/nextjs';\n\nSentry.init({ dsn: process.env.NEXT_PUBLIC_SENTRY_DSN });\n")
            .Write("instrumentation.ts", "import { registerOTel } from '@vercel/otel';\n\nexport function register() {\n  registerOTel({ serviceName: 'umami' });\n}\n")
            .Write("src/app/api/heartbeat/route.ts", "export async function GET() {\n  return Response.json({ ok: true });\n}\n")
            .Write("src/middleware.ts", """
                import { NextResponse } from 'next/server';

                export function middleware() {
                  const response = NextResponse.next();
                  response.headers.set('Content-Security-Policy', "frame-ancestors 'none'");
                  return response;
                }
                """)
            .Write("src/lib/headers.ts", "export const KNOWN = ['Content-Security-Policy', 'Strict-Transport-Security'];\n");
        repo.Commit();

        var facts = Extract(repo);

        var app = Assert.Single(facts.Parts);
        Assert.Equal("service", app.Kind);
        Assert.Equal(["nextjs", "react"], app.Facts.List(FactKeys.Frameworks));
        var f = app.Facts;
        Assert.Equal(["csp", "hsts"], f.List(FactKeys.SecurityHeaders));
        Assert.Equal([new Evidence("next.config.ts", 5), new Evidence("src/middleware.ts", 5)], f.EvidenceOf(FactKeys.SecurityHeaders, "csp"));
        Assert.Equal([new Evidence("next.config.ts", 8)], f.EvidenceOf(FactKeys.SecurityHeaders, "hsts"));
        Assert.Equal([new Evidence("next.config.ts", 8)], f.EvidenceOf(FactKeys.HttpsEnforced));
        Assert.True(f.Bool(FactKeys.CorsPermissive));
        Assert.Equal([new Evidence("next.config.ts", 10)], f.EvidenceOf(FactKeys.CorsPermissive));
        Assert.Equal(["/api/heartbeat"], f.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("src/app/api/heartbeat/route.ts", 1)], f.EvidenceOf(FactKeys.HealthEndpoint));
        Assert.Equal(["sentry"], f.List(FactKeys.ErrorTracking));
        Assert.Equal([new Evidence("next.config.ts", 13)], f.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal("dependency,init,dsn", f.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([new Evidence("sentry.server.config.ts", 3)], f.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
        Assert.Equal(["opentelemetry"], f.List(FactKeys.Tracing));
        Assert.Equal([new Evidence("instrumentation.ts", 4)], f.EvidenceOf(FactKeys.Tracing, "opentelemetry"));
        Assert.Equal(0, f.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal(["typescript"], f.List(FactKeys.Languages));
    }

    [Fact]
    public void A_fastify_api_registers_its_security_plugins_and_logs_through_pino()
    {
        using var repo = App(""" "fastify": "5.4.0", "@fastify/helmet": "13.0.1", "@fastify/cors": "11.0.1", "@fastify/rate-limit": "10.3.0", "fastify-plugin": "5.0.1" """);
        repo.Write("src/plugins/security.ts", """
                import fp from 'fastify-plugin';
                import cors from '@fastify/cors';
                import helmet from '@fastify/helmet';
                import rateLimit from '@fastify/rate-limit';

                export default fp(async (app) => {
                  await app.register(helmet);
                  await app.register(cors, { origin: process.env.CORS_ORIGIN.split(','), credentials: true });
                  await app.register(rateLimit, { max: 200, timeWindow: '1 minute' });
                });
                """)
            .Write("src/server.ts", """
                import Fastify from 'fastify';
                import security from './plugins/security';

                const app = Fastify({ logger: true });
                app.register(security);
                app.get('/healthz', async () => ({ status: 'ok' }));
                app.get('/orders/:id/status', async () => ({ status: 'shipped' }));
                app.listen({ port: 3000 });
                """);
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Equal("service", Extract(repo).Parts[0].Kind);
        Assert.Equal(["fastify"], f.List(FactKeys.Frameworks));
        Assert.Equal(["helmet"], f.List(FactKeys.SecurityHeaders));
        Assert.Equal([new Evidence("src/plugins/security.ts", 7)], f.EvidenceOf(FactKeys.SecurityHeaders, "helmet"));
        Assert.True(f.Bool(FactKeys.CorsConfigured));
        Assert.Equal([new Evidence("src/plugins/security.ts", 8)], f.EvidenceOf(FactKeys.CorsConfigured));
        Assert.False(f.Bool(FactKeys.CorsPermissive));
        Assert.Equal([new Evidence("src/plugins/security.ts", 4)], f.EvidenceOf(FactKeys.RateLimiting));
        Assert.Equal(["pino"], f.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("src/server.ts", 4)], f.EvidenceOf(FactKeys.StructuredLogging, "pino"));
        Assert.True(f.Bool(FactKeys.StructuredOutput));
        Assert.Equal(["/healthz"], f.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("src/server.ts", 6)], f.EvidenceOf(FactKeys.HealthEndpoint));
    }

    [Fact]
    public void A_koa_server_shaped_after_outline_tells_helmet_tracing_logging_sentry_and_its_own_rate_limiter()
    {
        using var repo = App(""" "koa": "2.16.0", "koa-helmet": "7.0.2", "@koa/router": "13.1.0", "dd-trace": "5.60.0", "winston": "3.17.0", "@sentry/node": "9.30.0", "react": "18.3.1" """);
        repo.Write("server/main.ts", """
                import Koa from 'koa';
                import helmet from 'koa-helmet';
                import Router from '@koa/router';
                import { rateLimiter } from './middlewares/rateLimiter';

                const app = new Koa();
                const router = new Router();
                app.use(helmet());
                app.use(rateLimiter());
                router.get('/_health', (ctx) => { ctx.body = 'OK'; });
                app.use(router.routes());
                """)
            .Write("server/logging/tracer.ts", """
                import tracer from 'dd-trace';

                if (process.env.DD_API_KEY) {
                  tracer.init({ service: 'outline', logInjection: true });
                }
                export default tracer;
                """)
            .Write("server/logging/Logger.ts", """
                import winston from 'winston';

                export const logger = winston.createLogger({
                  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
                  transports: [new winston.transports.Console()],
                });
                """)
            .Write("server/logging/sentry.ts", """
                import * as Sentry from '@sentry/node';

                Sentry.init({ dsn: process.env.SENTRY_DSN, environment: process.env.ENVIRONMENT });
                """)
            .Write("app/components/Notice.tsx", "export const Notice = () => <p>Run console.log('x') to debug</p>;\n");
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Equal(["koa", "react"], f.List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("server/main.ts", 8)], f.EvidenceOf(FactKeys.SecurityHeaders, "helmet"));
        Assert.Equal([new Evidence("server/main.ts", 9)], f.EvidenceOf(FactKeys.RateLimiting));
        Assert.Equal([new Evidence("server/main.ts", 10)], f.EvidenceOf(FactKeys.HealthRoutes, "/_health"));
        Assert.Equal(["datadog"], f.List(FactKeys.Tracing));
        Assert.Equal([new Evidence("server/logging/tracer.ts", 4)], f.EvidenceOf(FactKeys.Tracing, "datadog"));
        Assert.Equal(["winston"], f.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("server/logging/Logger.ts", 4)], f.EvidenceOf(FactKeys.StructuredOutput));
        Assert.Equal([new Evidence("server/logging/sentry.ts", 3)], f.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal(0, f.Number(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Agents_started_by_a_preload_in_a_script_a_dockerfile_or_a_procfile_are_listed_without_an_import()
    {
        using var repo = App(""" "express": "4.21.2", "newrelic": "12.20.0", "dd-trace": "5.60.0", "@opentelemetry/auto-instrumentations-node": "0.60.0" """, """ "start": "node -r newrelic dist/server.js" """);
        repo.Write("Dockerfile", "FROM node:22-slim\nENV NODE_OPTIONS=\"--require dd-trace/init\"\nCMD [\"node\", \"dist/server.js\"]\n")
            .Write("Procfile", "web: node --import @opentelemetry/auto-instrumentations-node/register dist/server.js\n")
            .Write("src/server.ts", "import express from 'express';\nexpress().listen(3000);\n");
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Equal(["datadog", "newrelic", "opentelemetry"], f.List(FactKeys.Tracing));
        Assert.Equal([new Evidence("package.json", 5)], f.EvidenceOf(FactKeys.Tracing, "newrelic"));
        Assert.Equal([new Evidence("Dockerfile", 2)], f.EvidenceOf(FactKeys.Tracing, "datadog"));
        Assert.Equal([new Evidence("Procfile", 1)], f.EvidenceOf(FactKeys.Tracing, "opentelemetry"));
    }

    [Fact]
    public void A_dependency_or_a_type_import_alone_is_not_usage_and_the_wiring_says_what_is_missing()
    {
        using var repo = App(""" "express": "4.21.2", "@sentry/node": "9.30.0", "dd-trace": "5.60.0", "pino": "9.7.0" """);
        repo.Write("src/server.ts", """
                import express from 'express';
                import type { Logger } from 'pino';
                import tracer from 'dd-trace';
                import * as Sentry from '@sentry/node';

                export const span = tracer.scope().active();
                export const capture = (e: Error) => Sentry.captureException(e);
                express().listen(3000);
                """)
            .Write(".env.example", "SENTRY_DSN=\n");
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Empty(f.List(FactKeys.ErrorTracking));
        Assert.Empty(f.List(FactKeys.Tracing));
        Assert.Empty(f.List(FactKeys.StructuredLogging));
        Assert.Equal("dependency,dsn", f.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([new Evidence("package.json", 6)], f.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
        Assert.Equal("dependency", f.Map(FactKeys.TracingWiring)["datadog"]);
        Assert.Equal([new Evidence("package.json", 6)], f.EvidenceOf(FactKeys.TracingWiring, "datadog"));
    }

    [Fact]
    public void Calls_in_comments_strings_jsx_text_and_regex_literals_never_count_and_calls_in_template_holes_do()
    {
        using var repo = App(""" "express": "4.21.2", "helmet": "8.1.0", "react": "19.1.0" """);
        repo.Write("src/server.ts", """
                import express from 'express';
                import helmet from 'helmet';

                const app = express();
                // app.use(helmet());
                /* app.get('/health', ok);
                   console.log('in a block comment'); */
                const doc = "app.use(cors()); console.log('in a string')";
                const slashes = s.replace(/\/\//g, '/'); console.log(`${console.warn('in a hole')}`);
                app.listen(3000);
                """)
            .Write("src/Page.jsx", "export default () => <main>Call app.get('/health') and console.log('x') here</main>;\n");
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Empty(f.List(FactKeys.SecurityHeaders));
        Assert.False(f.Bool(FactKeys.HealthEndpoint));
        Assert.False(f.Bool(FactKeys.CorsPermissive));
        Assert.Equal(2, f.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([new Evidence("src/server.ts", 9)], f.EvidenceOf(FactKeys.ConsoleLogCalls));
    }

    [Theory]
    [InlineData("app.use(cors());", false, true)]
    [InlineData("app.use(cors({ credentials: true }));", false, true)]
    [InlineData("app.use(cors({ origin: '*' }));", false, true)]
    [InlineData("app.use(cors({ origin: true, credentials: true }));", false, true)]
    [InlineData("app.use(cors({ maxAge: parseInt(process.env.MAX_AGE), origin: ['https://app.example.com'] }));", true, false)]
    [InlineData("const corsOptions = { origin: process.env.ALLOWED_ORIGINS.split(',') };\napp.use(cors(corsOptions));", true, false)]
    [InlineData("const corsOptions = { origin: '*' };\napp.use(cors(corsOptions));", false, true)]
    [InlineData("app.use(cors(loadCorsOptions()));", true, false)]
    [InlineData("app.enableCors();", false, true)]
    [InlineData("NestFactory.create(AppModule, { cors: { origin: ['https://a.example'] } });", true, false)]
    [InlineData("NestFactory.create(AppModule, { cors: true });", false, true)]
    [InlineData("res.setHeader('Access-Control-Allow-Origin', '*');", false, true)]
    [InlineData("res.setHeader('Access-Control-Allow-Origin', process.env.WEB_ORIGIN);", true, false)]
    [InlineData("export const HEADERS = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Methods'];", false, false)]
    [InlineData("return cors(request, new Response(body));", false, false)]
    public void Cors_is_configured_with_explicit_origins_and_permissive_with_defaults_or_a_wildcard(string code, bool configured, bool permissive)
    {
        using var repo = App(""" "express": "4.21.2", "cors": "2.8.5" """);
        repo.Write("src/server.ts", "import cors from 'cors';\n" + code + "\n");
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Equal((configured, permissive), (f.Bool(FactKeys.CorsConfigured), f.Bool(FactKeys.CorsPermissive)));
    }

    [Theory]
    [InlineData("app.get('/health', ok);", "/health")]
    [InlineData("router.get('/api/v1/healthz', ok);", "/api/v1/healthz")]
    [InlineData("app.use('/internal/health-check', healthRouter);", "/internal/health-check")]
    [InlineData("app.get('/readyz', ok);", "/readyz")]
    [InlineData("app.get('/api/ping', ok);", "/api/ping")]
    [InlineData("app.get('/orders/:id/status', ok);", null)]
    [InlineData("app.get('/users/ping', ok);", null)]
    [InlineData("fastify.route({ method: 'GET', url: '/health/live', handler });", "/health/live")]
    [InlineData("@Controller('health')\nexport class HealthController {\n  @Get()\n  check() {}\n}", "/health")]
    [InlineData("@Controller('v1')\nexport class AppController {\n  @Get('ready')\n  ready() {}\n}", "/v1/ready")]
    [InlineData("@Controller('data-providers/ghostfolio')\nexport class ProviderController {\n  @Get('status')\n  status() {}\n}", null)]
    public void Health_routes_are_told_from_other_routes(string code, string? route)
    {
        using var repo = App(""" "express": "4.21.2" """);
        repo.Write("src/routes.ts", code + "\n");
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Equal(route is null ? [] : [route], f.List(FactKeys.HealthRoutes));
        Assert.Equal(route is not null, f.Bool(FactKeys.HealthEndpoint));
    }

    [Theory]
    [InlineData("app/api/health/route.ts", "/api/health")]
    [InlineData("src/app/(monitoring)/healthz/route.ts", "/healthz")]
    [InlineData("pages/api/health.ts", "/api/health")]
    [InlineData("src/pages/api/status/index.ts", "/api/status")]
    [InlineData("app/routes/healthcheck.tsx", "/healthcheck")]
    [InlineData("app/routes/api.health.ts", "/api/health")]
    [InlineData("app/routes/api+/health.ts", "/api/health")]
    [InlineData("server/api/health.get.ts", "/api/health")]
    [InlineData("src/routes/api/health/+server.ts", "/api/health")]
    [InlineData("app/components/status.tsx", null)]
    [InlineData("pages/status.tsx", null)]
    public void File_system_health_routes_of_next_remix_nuxt_and_sveltekit(string path, string? route)
    {
        using var repo = App(""" "next": "15.5.0" """);
        repo.Write(path, "export const GET = () => new Response('ok');\n");
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Equal(route is null ? [] : [route], f.List(FactKeys.HealthRoutes));
        if (route is not null)
            Assert.Equal([new Evidence(path, 1)], f.EvidenceOf(FactKeys.HealthRoutes, route));
    }

    [Fact]
    public void Hono_secure_headers_cors_with_origins_and_its_rate_limiter()
    {
        using var repo = App(""" "hono": "4.10.0", "@hono/node-server": "1.19.0", "hono-rate-limiter": "0.4.2" """);
        repo.Write("src/index.ts", """
                import { Hono } from 'hono';
                import { cors } from 'hono/cors';
                import { secureHeaders } from 'hono/secure-headers';
                import { rateLimiter } from 'hono-rate-limiter';

                const app = new Hono();
                app.use('*', secureHeaders());
                app.use('/api/*', cors({ origin: ['https://app.example.com'] }));
                app.use(rateLimiter({ windowMs: 60_000, limit: 100 }));
                app.get('/health', (c) => c.text('ok'));
                """);
        repo.Commit();

        var f = Extract(repo).Part(".");

        Assert.Equal(["hono"], f.List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("src/index.ts", 7)], f.EvidenceOf(FactKeys.SecurityHeaders, "secure-headers"));
        Assert.Equal([new Evidence("src/index.ts", 8)], f.EvidenceOf(FactKeys.CorsConfigured));
        Assert.Equal([new Evidence("src/index.ts", 4), new Evidence("src/index.ts", 9)], f.EvidenceOf(FactKeys.RateLimiting));
        Assert.Equal(["/health"], f.List(FactKeys.HealthRoutes));
    }
}
