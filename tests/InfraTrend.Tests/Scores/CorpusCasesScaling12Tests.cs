using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Scaling cases of the twelfth tuning round, each rebuilt by hand as a small fixture after the real repositories named in
/// the test (none of their files are copied): the in-process caches of the big frameworks, which auditors credit as a
/// cache (one that is cold on each instance) and the tool did not see.
/// </summary>
public class CorpusCasesScaling12Tests
{
    [Fact]
    public void A_django_local_memory_cache_in_the_settings_is_an_in_process_cache()
    {
        // Flagsmith/flagsmith (auditor 78, tool 60): api/app/settings/common.py sets several CACHES to LocMemCache; the
        // cache rule found none. A LocMemCache named only in a development settings module is not the deployment's.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Django==4.2.11\npsycopg2-binary==2.9.9\ngunicorn==21.2.0\n")
            .Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.common')\n")
            .Write("app/settings/common.py", "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'flags'}}\nCACHES = {\n    'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},\n    'throttle': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': '/tmp/throttle'},\n}\n")
            .Write("Dockerfile", "FROM python:3.12-slim\nCOPY . .\nCMD [\"gunicorn\", \"app.wsgi\"]\n");

        var facts = Extract(repo);
        var cache = Finding(Evaluation.Evaluate(facts), "scaling.cache").Finding;

        Assert.Equal(["in-process"], facts.Repository.List(FactKeys.Cache));
        Assert.Equal(FindingStatus.Partial, cache.Status);
        Assert.Equal(0.5, cache.Score);

        using var devOnly = TestRepository.Create()
            .Write("requirements.txt", "Django==4.2.11\n")
            .Write("app/settings/dev.py", "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n");
        Assert.Empty(Extract(devOnly).Repository.List(FactKeys.Cache));
    }

    [Fact]
    public void A_python_cache_library_imported_by_the_application_is_an_in_process_cache()
    {
        // hotosm/tasking-manager (auditor 65, tool 40) and Netflix/dispatch (auditor 40, tool 20): the requirements pin
        // cachetools and the code memoises expensive reads with TTLCache; no Redis, so the cache is the process's own.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Flask==3.0.0\ncachetools==5.3.1\nSQLAlchemy==2.0.25\npsycopg2-binary==2.9.9\n")
            .Write("backend/services/stats.py", "from cachetools import TTLCache, cached\n\n\n@cached(cache=TTLCache(maxsize=128, ttl=600))\ndef homepage_stats():\n    return {}\n")
            .Write("backend/__init__.py", "from flask import Flask\n\napp = Flask(__name__)\n");

        Assert.Contains("in-process", Extract(repo).Repository.List(FactKeys.Cache));
    }

    [Fact]
    public void A_node_lru_cache_is_an_in_process_cache_and_redis_beside_it_still_passes()
    {
        // teableio/teable (auditor 60, tool 40): the Next.js application that serves beside the NestJS back end keeps
        // repeated reads in an lru-cache of its own dependencies, and was judged to have no cache at all.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "api", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "pg": "8.11.0", "lru-cache": "10.2.0" } }""")
            .Write("server.js", "const express = require('express');\nconst { LRUCache } = require('lru-cache');\nconst cache = new LRUCache({ max: 500 });\nexpress().listen(3000);\n")
            .Write("Dockerfile", "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));
        Assert.Equal(FindingStatus.Partial, Finding(evaluation, "scaling.cache").Finding.Status);

        using var shared = TestRepository.Create()
            .Write("package.json", """{ "name": "api", "scripts": { "start": "node server.js" }, "dependencies": { "express": "4.19.2", "pg": "8.11.0", "lru-cache": "10.2.0", "ioredis": "5.4.1" } }""")
            .Write("server.js", "const express = require('express');\nconst Redis = require('ioredis');\nconst { LRUCache } = require('lru-cache');\nconst redis = new Redis(process.env.REDIS_URL);\nexpress().listen(3000);\n")
            .Write("Dockerfile", "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(shared)), "scaling.cache").Finding.Status);
    }

    [Fact]
    public void A_guava_cache_built_in_java_code_is_an_in_process_cache_but_guava_alone_is_not()
    {
        // PowerJob/PowerJob (auditor 55, "Guava caches" in the verdict, tool 33): the server builds its caches with
        // CacheBuilder.newBuilder(); Guava is a general utility library, so only the builder in the code counts.
        const string Pom = "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>jobs-server</artifactId><version>1.0</version><dependencies>\n<dependency>\n<groupId>com.google.guava</groupId>\n<artifactId>guava</artifactId>\n<version>33.0.0-jre</version>\n</dependency>\n</dependencies></project>\n";
        using var repo = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/main/java/org/example/jobs/WorkerCache.java", "package org.example.jobs;\n\nimport com.google.common.cache.Cache;\nimport com.google.common.cache.CacheBuilder;\n\npublic final class WorkerCache {\n    private final Cache<Long, String> workers = CacheBuilder.newBuilder().maximumSize(1024).build();\n}\n");
        Assert.Contains("in-process", Extract(repo).Repository.List(FactKeys.Cache));

        using var utilities = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/main/java/org/example/jobs/Names.java", "package org.example.jobs;\n\nimport com.google.common.base.Strings;\n\npublic final class Names {\n    public static boolean blank(String s) { return Strings.isNullOrEmpty(s); }\n}\n");
        Assert.Empty(Extract(utilities).Repository.List(FactKeys.Cache));
    }
}
