using System.Text.Json.Nodes;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.DotnetFixture;

namespace InfraTrend.Tests.Facts;

public class MonorepoPartsTests
{
    private static IEnumerable<(string Path, string Name, string Kind)> PartsOf(RepositoryFacts facts) =>
        facts.Parts.Select(p => (p.Path, p.Name, p.Kind));

    [Fact]
    public void A_pnpm_workspace_parts_are_its_deployed_apps_not_its_libraries_sdks_playgrounds_or_root()
    {
        using var repo = NodeFixture.PnpmServices();

        var facts = Extract(repo);

        Assert.Equal(
            [("apps/api", "@novu/api", "service"), ("apps/dashboard", "@novu/dashboard", "web"), ("apps/worker", "@novu/worker", "worker")],
            PartsOf(facts));
        Assert.Equal(["typescript"], facts.Part("apps/api").List(FactKeys.Languages));
        Assert.Equal(["nestjs"], facts.Part("apps/api").List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("apps/api/package.json", 6)], facts.Part("apps/api").EvidenceOf(FactKeys.Frameworks, "nestjs"));
        Assert.Equal(["express", "react"], facts.Part("apps/dashboard").List(FactKeys.Frameworks));
        // The SDK's peer dependency on react is its consumer's stack, not the repository's.
        Assert.DoesNotContain(new Evidence("packages/js/package.json", 7), facts.Repository.EvidenceOf(FactKeys.Frameworks, "react"));
    }

    // After trigger.dev, whose apps/supervisor ships as a Containerfile, and typebot.io, whose apps/workflows holds only
    // a Dockerfile.dockerignore: the workspace's parts are deployed by the same files the deployment facts read.
    [Fact]
    public void A_workspace_package_built_by_a_Containerfile_is_a_part_and_one_with_only_a_dockerignore_is_not()
    {
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "mono", "private": true, "packageManager": "pnpm@9.11.0" }""")
            .Write("pnpm-workspace.yaml", "packages:\n  - 'apps/*'\n")
            .Write("apps/supervisor/package.json", """{ "name": "supervisor", "dependencies": { "zod": "3.23.8" } }""")
            .Write("apps/supervisor/Containerfile", "FROM node:22.12.0-alpine\nCOPY . .\nCMD [\"node\", \"dist/index.js\"]\n")
            .Write("apps/workflows/package.json", """{ "name": "workflows", "dependencies": { "zod": "3.23.8" } }""")
            .Write("apps/workflows/Dockerfile.dockerignore", "node_modules\n");

        var facts = Extract(repo);

        Assert.Contains("apps/supervisor", facts.Parts.Select(p => p.Path));
        Assert.DoesNotContain("apps/workflows", facts.Parts.Select(p => p.Path));
    }

    [Fact]
    public void A_fact_found_in_a_workspace_library_reaches_every_part_that_depends_on_it_and_no_other()
    {
        using var repo = NodeFixture.PnpmServices();

        var facts = Extract(repo);

        var api = facts.Part("apps/api");
        var worker = facts.Part("apps/worker");
        var dashboard = facts.Part("apps/dashboard");
        var pino = new Evidence("libs/application-generic/src/logging/index.ts", 1);
        Assert.Equal(["pino"], api.List(FactKeys.StructuredLogging));
        Assert.Equal([pino], api.EvidenceOf(FactKeys.StructuredLogging, "pino"));
        Assert.Equal(["pino"], worker.List(FactKeys.StructuredLogging));
        Assert.Empty(dashboard.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("libs/application-generic/src/tracing/tracing.ts", 3)], worker.EvidenceOf(FactKeys.Tracing, "opentelemetry"));
        Assert.Equal(["bullmq"], api.List(FactKeys.BackgroundJobs));
        Assert.Equal([new Evidence("libs/application-generic/src/queues/queue.service.ts", 1)], api.EvidenceOf(FactKeys.BackgroundJobs, "bullmq"));
        Assert.Equal(["redis"], worker.List(FactKeys.Cache));
        Assert.Empty(dashboard.List(FactKeys.Cache));
        // A count found in a library is counted once: in the first part that uses it.
        Assert.Equal(1, api.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([new Evidence("libs/application-generic/src/queues/queue.service.ts", 6)], api.EvidenceOf(FactKeys.ConsoleLogCalls));
        Assert.Equal(1, worker.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([new Evidence("apps/worker/src/main.ts", 4)], worker.EvidenceOf(FactKeys.ConsoleLogCalls));
        Assert.Equal(2, facts.Repository.Number(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Each_part_shows_its_own_wiring_with_its_evidence()
    {
        using var repo = NodeFixture.PnpmServices();

        var api = Extract(repo).Part("apps/api");

        Evidence At(string file, int line) => new($"apps/api/src/{file}", line);
        Assert.Equal(["helmet"], api.List(FactKeys.SecurityHeaders));
        Assert.Equal([At("main.ts", 8)], api.EvidenceOf(FactKeys.SecurityHeaders, "helmet"));
        Assert.True(api.Bool(FactKeys.HttpsEnforced));
        Assert.True(api.Bool(FactKeys.CorsConfigured));
        Assert.Equal([At("main.ts", 9)], api.EvidenceOf(FactKeys.CorsConfigured));
        Assert.False(api.Bool(FactKeys.CorsPermissive));
        Assert.True(api.Bool(FactKeys.RateLimiting));
        Assert.Equal([At("app.module.ts", 2)], api.EvidenceOf(FactKeys.RateLimiting));
        Assert.Equal(["/health-check"], api.List(FactKeys.HealthRoutes));
        Assert.Equal([At("health/health.controller.ts", 8)], api.EvidenceOf(FactKeys.HealthRoutes, "/health-check"));
        Assert.Equal([At("app.module.ts", 3), At("health/health.controller.ts", 2), At("health/health.controller.ts", 8)], api.EvidenceOf(FactKeys.HealthEndpoint));
        Assert.Equal(["sentry"], api.List(FactKeys.ErrorTracking));
        Assert.Equal([At("instrument.ts", 3)], api.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal("dependency,init,dsn", api.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        // A maintenance script and a test are not the application's console calls; the one counted is the library's.
        Assert.Equal([new Evidence("libs/application-generic/src/queues/queue.service.ts", 6)], api.EvidenceOf(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void A_turborepo_with_npm_workspaces_gives_its_apps_and_its_shared_prisma_migrations_to_both()
    {
        using var repo = NodeFixture.TurboNpmWorkspaces();

        var facts = Extract(repo);

        Assert.Equal([("apps/openpage-api", "@documenso/openpage-api", "service"), ("apps/remix", "@documenso/remix", "service")], PartsOf(facts));
        var remix = facts.Part("apps/remix");
        var openpage = facts.Part("apps/openpage-api");
        Assert.Equal(["hono", "react"], remix.List(FactKeys.Frameworks));
        Assert.Equal(["nextjs"], openpage.List(FactKeys.Frameworks));
        var firstMigration = new Evidence("packages/prisma/migrations/20230404095503_initial_migration/migration.sql", 0);
        var lastMigration = new Evidence("packages/prisma/migrations/20240101000000_add_webhooks/migration.sql", 0);
        foreach (var part in new[] { remix, openpage })
        {
            Assert.Equal(["prisma"], part.List(FactKeys.MigrationTools));
            Assert.Equal(3, part.Number(FactKeys.MigrationCount));
            Assert.Equal([firstMigration, lastMigration], part.EvidenceOf(FactKeys.MigrationCount));
            Assert.Equal(["postgres"], part.List(FactKeys.DatabaseEngines));
            Assert.Equal([new Evidence("packages/prisma/schema.prisma", 2)], part.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));
        }
        Assert.Equal(3, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Equal(["bullmq"], remix.List(FactKeys.BackgroundJobs));
        Assert.Empty(openpage.List(FactKeys.BackgroundJobs));
        Assert.Equal(["pino"], remix.List(FactKeys.StructuredLogging));
        Assert.Equal(["/api/health"], remix.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("apps/remix/app/routes/api+/health.ts", 1)], remix.EvidenceOf(FactKeys.HealthRoutes, "/api/health"));
        Assert.Equal(["secure-headers"], remix.List(FactKeys.SecurityHeaders));
        Assert.Equal([new Evidence("apps/remix/server/router.ts", 7)], remix.EvidenceOf(FactKeys.SecurityHeaders, "secure-headers"));
        Assert.True(remix.Bool(FactKeys.CorsPermissive));
        Assert.Equal([new Evidence("apps/remix/server/router.ts", 8)], remix.EvidenceOf(FactKeys.CorsPermissive));
        Assert.True(remix.Bool(FactKeys.RateLimiting));
        Assert.Equal([new Evidence("apps/remix/server/router.ts", 9)], remix.EvidenceOf(FactKeys.RateLimiting));
        Assert.Equal(["playwright", "vitest"], facts.Repository.List(FactKeys.TestFrameworks));
        Assert.Equal([new Evidence("packages/app-tests/package.json", 6)], facts.Repository.EvidenceOf(FactKeys.TestFrameworks, "playwright"));
        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
    }

    [Fact]
    public void An_nx_integrated_workspace_has_its_applications_as_parts_with_frameworks_from_their_imports()
    {
        using var repo = NodeFixture.NxIntegrated();

        var facts = Extract(repo);

        Assert.Equal([("apps/api", "api", "service"), ("apps/client", "client", "web")], PartsOf(facts));
        var api = facts.Part("apps/api");
        Assert.Equal(["nestjs"], api.List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("apps/api/src/main.ts", 1)], api.EvidenceOf(FactKeys.Frameworks, "nestjs"));
        Assert.Equal(["angular"], facts.Part("apps/client").List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("apps/client/src/main.ts", 1)], facts.Part("apps/client").EvidenceOf(FactKeys.Frameworks, "angular"));
        // libs/common is imported through the tsconfig alias @ghostfolio/common/*: its redis is the api's.
        Assert.Equal(["redis"], api.List(FactKeys.Cache));
        Assert.Equal([new Evidence("libs/common/src/lib/config.ts", 1)], api.EvidenceOf(FactKeys.Cache, "redis"));
        Assert.Empty(facts.Part("apps/client").List(FactKeys.Cache));
        // Root-level Prisma migrations belong to the application whose code imports @prisma/client.
        Assert.Equal(["prisma"], api.List(FactKeys.MigrationTools));
        Assert.Equal(2, api.Number(FactKeys.MigrationCount));
        Assert.Equal(0, facts.Part("apps/client").Number(FactKeys.MigrationCount));
        Assert.Equal(2, facts.Repository.Number(FactKeys.MigrationCount));
        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
        // The image's CMD runs the script that migrates: both the CMD and the script's line are evidence.
        Assert.Equal([new Evidence("Dockerfile", 3), new Evidence("docker/entrypoint.sh", 4), new Evidence("package.json", 3)], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt, "start"));
        Assert.True(api.Bool(FactKeys.CorsPermissive));
        Assert.Equal([new Evidence("apps/api/src/main.ts", 8)], api.EvidenceOf(FactKeys.CorsPermissive));
    }

    [Fact]
    public void Yarn_workspaces_with_services_give_each_service_its_own_stack_and_the_root_orchestrates()
    {
        using var repo = TestRepository.Create();
        repo.Write("package.json", """{ "private": true, "workspaces": { "packages": ["services/*", "packages/*"] }, "dependencies": { "react": "18.3.1" } }""")
            .Write("yarn.lock", "# yarn lockfile v1\n")
            .Write("services/orders/package.json", NodeFixture.Manifest("orders", """ "koa": "2.16.0", "@acme/logger": "*" """, """ "start": "node src/index.js" """))
            .Write("services/orders/src/index.js", "const Koa = require('koa');\nconst { logger } = require('@acme/logger');\nnew Koa().listen(3000);\n")
            .Write("services/billing/package.json", NodeFixture.Manifest("billing", """ "fastify": "5.4.0" """, """ "start": "node src/server.js" """))
            .Write("services/billing/src/server.js", "require('fastify')({ logger: true }).listen({ port: 3001 });\n")
            .Write("packages/logger/package.json", NodeFixture.Manifest("@acme/logger", """ "winston": "3.17.0" """, "", """ "main": "index.js", """))
            .Write("packages/logger/index.js", "const winston = require('winston');\nexports.logger = winston.createLogger({ format: winston.format.json() });\n");
        repo.Commit();

        var facts = Extract(repo);

        Assert.Equal([("services/billing", "billing", "service"), ("services/orders", "orders", "service")], PartsOf(facts));
        Assert.Equal(["javascript"], facts.Part("services/orders").List(FactKeys.Languages));
        Assert.Equal(["koa"], facts.Part("services/orders").List(FactKeys.Frameworks));
        Assert.Equal(["winston"], facts.Part("services/orders").List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("packages/logger/index.js", 1)], facts.Part("services/orders").EvidenceOf(FactKeys.StructuredLogging, "winston"));
        Assert.Equal(["fastify"], facts.Part("services/billing").List(FactKeys.Frameworks));
        Assert.Equal(["pino"], facts.Part("services/billing").List(FactKeys.StructuredLogging));
    }

    [Fact]
    public void A_workspace_root_that_is_itself_the_application_is_the_part()
    {
        using var repo = TestRepository.Create();
        repo.Write("package.json", NodeFixture.Manifest("storefront", """ "next": "15.5.0", "react": "19.1.0", "@acme/ui": "workspace:*" """, """ "dev": "next dev", "start": "next start" """))
            .Write("pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n")
            .Write("next.config.mjs", "export default {};\n")
            .Write("app/page.tsx", "export default function Page() { return <main>Shop</main>; }\n")
            .Write("packages/ui/package.json", NodeFixture.Manifest("@acme/ui", "", """ "dev": "tsup --watch" """, """ "main": "dist/index.js", "peerDependencies": { "react": "^19" }, """));
        repo.Commit();

        var facts = Extract(repo);

        Assert.Equal([(".", "storefront", "web")], PartsOf(facts));
        Assert.Equal(["nextjs", "react"], facts.Part(".").List(FactKeys.Frameworks));
    }

    [Fact]
    public void The_json_and_markdown_reports_show_each_part_with_its_stack_and_scores()
    {
        using var repo = NodeFixture.PnpmServices();
        var markdown = repo.PathOf("out/report.md");

        var json = JsonNode.Parse(CliRunner.Run("audit", repo.Root, "--format", "json").Output)!;
        CliRunner.Run("audit", repo.Root, "--format", "md", "--out", markdown);

        var parts = json["parts"]!.AsArray();
        Assert.Equal(["apps/api", "apps/dashboard", "apps/worker"], parts.Select(p => p!["path"]!.GetValue<string>()));
        var api = parts[0]!;
        Assert.Equal("service", api["kind"]!.GetValue<string>());
        Assert.Equal(["typescript"], api["stack"]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(["nestjs"], api["stack"]!["frameworks"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Contains(api["categories"]!.AsArray(), c => c!["id"]!.GetValue<string>() == "monitoring" && c["score"] is not null);
        Assert.Equal(1, api["testFiles"]!.GetValue<int>());
        var table = File.ReadAllText(markdown);
        Assert.Contains("## Monorepo Parts", table);
        Assert.Contains("| `apps/api` | @novu/api | service | typescript, nestjs |", table);
        Assert.Contains("| `apps/dashboard` | @novu/dashboard | web | typescript, express, react |", table);
    }
}

/// <summary>
/// Shaped after a .NET service repository with its own utilities beside the services (a database migrator, a setup
/// program and a seeder API under util/): those support the services and are not parts; a console program among the
/// parts serves nothing, so it gets no health endpoint finding.
/// </summary>
public class ToolingPartsTests
{
    [Fact]
    public void Utility_folders_hold_no_parts_and_a_console_part_needs_no_health_endpoint()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Api/Api.csproj", Project())
            .Write("src/Api/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapHealthChecks(\"/alive\");\napp.Run();\n")
            .Write("src/Importer/Importer.csproj", Project(sdk: "Microsoft.NET.Sdk").Replace("</PropertyGroup>", "<OutputType>Exe</OutputType></PropertyGroup>"))
            .Write("src/Importer/Program.cs", "System.Console.WriteLine(\"import\");\n")
            .Write("util/Migrator/Migrator.csproj", Project(sdk: "Microsoft.NET.Sdk").Replace("</PropertyGroup>", "<OutputType>Exe</OutputType></PropertyGroup>"))
            .Write("util/SeederApi/SeederApi.csproj", Project())
            .Write("tools/Setup/Setup.csproj", Project(sdk: "Microsoft.NET.Sdk").Replace("</PropertyGroup>", "<OutputType>Exe</OutputType></PropertyGroup>"));
        repo.Commit("init");

        var result = InfraTrend.Auditing.Auditor.Audit(repo.Root);

        Assert.Equal(["src/Api", "src/Importer"], result.Facts.Parts.Select(p => p.Path).Order(StringComparer.Ordinal));
        var health = result.Evaluation.Findings.Where(f => f.Analyzer.Id == "monitoring.health-endpoint").ToDictionary(f => f.PartPath, f => f.Finding.Status);
        Assert.Equal(InfraTrend.Analyzers.FindingStatus.NotApplicable, health["src/Importer"]);
        Assert.NotEqual(InfraTrend.Analyzers.FindingStatus.NotApplicable, health["src/Api"]);
    }
}
