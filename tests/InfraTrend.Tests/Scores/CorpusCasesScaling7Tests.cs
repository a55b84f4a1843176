using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Scaling cases of the seventh tuning round, each rebuilt by hand as a small fixture after the real repositories named in
/// the test (none of their files are copied).
/// </summary>
public class CorpusCasesScaling7Tests
{
    private const string ApiPackage = """{ "name": "api", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "pg": "8.11.0", "ioredis": "5.4.1", "bullmq": "5.8.0", "@aws-sdk/client-s3": "3.600.0" } }""";
    private const string ApiServer = "const express = require('express');\nconst Redis = require('ioredis');\nconst { Queue } = require('bullmq');\nconst { S3Client } = require('@aws-sdk/client-s3');\nconst redis = new Redis(process.env.REDIS_URL);\nconst exports_ = new Queue('exports');\nconst s3 = new S3Client({});\nexpress().listen(3000);\n";
    private const string WebPackage = """{ "name": "web", "scripts": { "start": "next start" }, "dependencies": { "next": "15.0.0", "react": "19.0.0", "react-dom": "19.0.0" } }""";

    private static TestRepository Product() =>
        TestRepository.Create()
            .Write("package.json", """{ "name": "product", "private": true, "workspaces": ["apps/*"] }""")
            .Write("apps/api/package.json", ApiPackage)
            .Write("apps/api/server.js", ApiServer)
            .Write("apps/api/Dockerfile", "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");

    private static TestRepository WithFrontEnd(TestRepository repo) =>
        repo.Write("apps/web/package.json", WebPackage)
            .Write("apps/web/next.config.js", "module.exports = { output: 'standalone' };\n")
            .Write("apps/web/app/page.tsx", "export default function Page() { return <main>Projects</main>; }\n")
            .Write("apps/web/app/api/health/route.ts", "export function GET() { return Response.json({ ok: true }); }\n")
            .Write("apps/web/Dockerfile", "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");

    [Fact]
    public void A_front_end_served_beside_the_back_end_is_not_judged_for_cache_queue_and_storage()
    {
        // makeplane/plane (auditor 55, tool 36), teableio/teable (60/33), growthbook/growthbook (75/45): the Django, NestJS or
        // Express back end holds the Redis cache, the Celery or BullMQ queue and the S3 store; the React and Next.js front
        // ends beside it, each with its own Dockerfile and Node server, failed all three and halved the product's score.
        using var repo = WithFrontEnd(Product());

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal("service", facts.Parts.Single(p => p.Path == "apps/web").Kind);
        foreach (var rule in new[] { "scaling.cache", "scaling.background-jobs", "scaling.object-storage" })
        {
            Assert.Equal(FindingStatus.NotApplicable, Finding(evaluation, rule, "apps/web").Finding.Status);
            Assert.Equal(FindingStatus.Pass, Finding(evaluation, rule, "apps/api").Finding.Status);
        }
    }

    [Fact]
    public void A_front_end_with_no_back_end_beside_it_or_with_a_database_of_its_own_is_still_judged()
    {
        // A Next.js application alone is the whole product (mfts/papermark): its cache and queue are its own to have.
        using var alone = WithFrontEnd(TestRepository.Create().Write("package.json", """{ "name": "product", "private": true, "workspaces": ["apps/*"] }"""));
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(alone)), "scaling.cache", "apps/web").Finding.Status);

        // A Next.js application that keeps its own data (Prisma on Postgres) beside a helper service serves the product.
        using var fullStack = WithFrontEnd(Product())
            .Write("apps/web/package.json", """{ "name": "web", "scripts": { "start": "next start" }, "dependencies": { "next": "15.0.0", "react": "19.0.0", "@prisma/client": "5.0.0" } }""")
            .Write("apps/web/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n");
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(fullStack)), "scaling.cache", "apps/web").Finding.Status);
    }

    private static TestRepository LogServer() =>
        TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>logs-parent</artifactId><version>1.0</version><packaging>pom</packaging><modules><module>server</module></modules></project>\n")
            .Write("server/pom.xml", "<project><modelVersion>4.0.0</modelVersion><parent><groupId>org.example</groupId><artifactId>logs-parent</artifactId><version>1.0</version></parent><artifactId>logs-server</artifactId><dependencies>\n<dependency>\n<groupId>org.apache.kafka</groupId>\n<artifactId>kafka-clients</artifactId>\n<version>3.7.0</version>\n</dependency>\n</dependencies></project>\n")
            .Write("server/src/main/java/org/example/logs/Main.java", "package org.example.logs;\n\npublic final class Main {\n    public static void main(String[] args) { System.out.println(\"listening on 9000\"); }\n}\n")
            .Write("web-interface/package.json", """{ "name": "web-interface", "private": true, "scripts": { "start": "webpack serve", "build": "webpack" }, "devDependencies": { "webpack": "5.90.0" } }""");

    [Fact]
    public void Where_no_part_serves_what_the_server_modules_use_counts_for_the_product()
    {
        // Graylog2/graylog2-server (auditor 60, tool 20): the server is a Maven module started by a plain main class, not
        // taken as a part; the only part is the web interface's build, so the Kafka inputs, the object stores and the
        // caches of the server were judged against a bundle of scripts. openremote/openremote (auditor 50, tool 20) the same,
        // with a storybook as the only part and Quartz in the manager module.
        using var repo = LogServer();

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal("app", Assert.Single(facts.Parts).Kind);
        var jobs = Finding(evaluation, "scaling.background-jobs", "web-interface").Finding;
        Assert.Equal(FindingStatus.Pass, jobs.Status);
        Assert.Contains(jobs.Evidence, e => e.Path == "server/pom.xml");
    }

    [Fact]
    public void Beside_a_serving_part_an_application_part_is_judged_by_its_own_facts()
    {
        // With a service part in the repository, the part detection found the server: a console helper beside it keeps its
        // own findings and borrows nothing from modules outside the parts.
        using var repo = LogServer()
            .Write("api/package.json", """{ "name": "api", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2" } }""")
            .Write("api/server.js", "require('express')().listen(3000);\n")
            .Write("api/Dockerfile", "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "scaling.background-jobs", "web-interface").Finding.Status);
    }
}
