using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Monitoring cases of the calibration corpus (seventh round), each rebuilt by hand as a small fixture after the real
/// repositories named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesMonitoring7Tests
{
    private const string QuarkusPom = """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example</groupId>
          <artifactId>reader-server</artifactId>
          <version>1.0</version>
          <dependencies>
            <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency>
            <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-hibernate-orm</artifactId></dependency>
            <dependency><groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><scope>provided</scope></dependency>
            EXTRA
          </dependencies>
        </project>
        """;

    private static TestRepository QuarkusServer(string extra = "") =>
        TestRepository.Create()
            .Write("server/pom.xml", QuarkusPom.Replace("EXTRA", extra, StringComparison.Ordinal))
            .Write("server/src/main/java/org/example/reader/FeedRefresher.java", """
                package org.example.reader;

                import jakarta.inject.Singleton;
                import lombok.extern.slf4j.Slf4j;

                @Slf4j
                @Singleton
                public class FeedRefresher {
                    public void refresh(String url) {
                        log.info("refreshing {}", url);
                    }
                }
                """);

    [Fact]
    public void A_quarkus_server_that_logs_through_slf4j_logs_with_a_library()
    {
        // Athou/commafeed: a Quarkus server whose classes log through Lombok's @Slf4j (Quarkus brings JBoss Log Manager as
        // the backend); no logback or log4j2 file, no Spring Boot. The tool found "no logs at all"; the auditor scored
        // the thin observability 35, not zero.
        using var repo = QuarkusServer();

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.logging", "server").Finding.Status);
        var structured = Finding(evaluation, "monitoring.structured-logging", "server").Finding;
        Assert.Equal(FindingStatus.Partial, structured.Status);
        Assert.Equal(0.5, structured.Score);
    }

    [Fact]
    public void Quarkus_json_logging_extension_writes_structured_logs()
    {
        using var repo = QuarkusServer("<dependency><groupId>io.quarkus</groupId><artifactId>quarkus-logging-json</artifactId></dependency>");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.structured-logging", "server").Finding.Status);
    }

    [Fact]
    public void Error_tracking_and_tracing_set_up_in_one_part_are_the_products()
    {
        // teableio/teable (Sentry in the Next.js app, OpenTelemetry in the Nest back end), elie222/inbox-zero (Sentry in
        // the web app, not in the worker), NuGet/NuGetGallery, openstatusHQ/openstatus: the auditors credit the product
        // with error tracking and tracing once one of its services sets them up; the tool failed every sibling part.
        using var repo = TestRepository.Create()
            .Write("apps/web/package.json", "{\"name\":\"web\",\"dependencies\":{\"next\":\"^14.0.0\",\"react\":\"^18.0.0\",\"@sentry/nextjs\":\"^8.0.0\"},\"scripts\":{\"build\":\"next build\",\"start\":\"next start\"}}")
            .Write("apps/web/sentry.server.config.ts", "import * as Sentry from '@sentry/nextjs';\n\nSentry.init({ dsn: process.env.SENTRY_DSN });\n")
            .Write("apps/web/pages/api/ping.ts", "export default function handler(req, res) { res.status(200).json({ ok: true }); }\n")
            .Write("apps/api/package.json", "{\"name\":\"api\",\"dependencies\":{\"express\":\"^4.18.0\",\"pino\":\"^9.0.0\",\"@opentelemetry/sdk-node\":\"^0.52.0\"},\"scripts\":{\"start\":\"node server.js\"}}")
            .Write("apps/api/tracing.js", "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst sdk = new NodeSDK({});\nsdk.start();\n")
            .Write("apps/api/server.js", "require('./tracing');\nconst express = require('express');\nconst pino = require('pino');\nconst log = pino();\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(3000, () => log.info('listening'));\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains(facts.Parts, p => p.Path == "apps/web" && p.Facts.List(FactKeys.ErrorTracking).Count > 0);
        var api = Finding(evaluation, "monitoring.error-tracking", "apps/api").Finding;
        Assert.Equal(FindingStatus.Pass, api.Status);
        Assert.Contains("apps/web", api.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.tracing", "apps/api").Finding.Status);
    }

    [Fact]
    public void A_single_part_without_error_tracking_still_fails()
    {
        using var repo = TestRepository.Create()
            .Write("package.json", "{\"name\":\"api\",\"dependencies\":{\"express\":\"^4.18.0\"},\"scripts\":{\"start\":\"node server.js\"}}")
            .Write("server.js", "const express = require('express');\nconst app = express();\napp.listen(3000, () => console.log('listening'));\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "monitoring.error-tracking").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "monitoring.metrics").Finding.Status);
    }

    [Fact]
    public void Chis_heartbeat_middleware_and_a_middleware_answering_a_status_path_are_health_routes()
    {
        // stashapp/stash: r.Use(middleware.Heartbeat("/healthz")); arp242/goatcounter: a middleware answers
        // `if r.URL.Path == "/status" {` with the uptime. Both auditors name the route; the tool found none.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/counter\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n")
            .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/go-chi/chi/v5\"\n\t\"github.com/go-chi/chi/v5/middleware\"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Use(middleware.Heartbeat(\"/healthz\"))\n\tr.Use(statusMiddleware)\n\thttp.ListenAndServe(\":8080\", r)\n}\n")
            .Write("mw.go", "package main\n\nimport \"net/http\"\n\nfunc statusMiddleware(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tif r.URL.Path == \"/status\" {\n\t\t\tw.Write([]byte(\"uptime\"))\n\t\t\treturn\n\t\t}\n\t\tif r.URL.Path == \"/settings\" {\n\t\t\treturn\n\t\t}\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(["/healthz", "/status"], facts.Repository.List(FactKeys.HealthRoutes).Order(StringComparer.Ordinal));
    }
}
