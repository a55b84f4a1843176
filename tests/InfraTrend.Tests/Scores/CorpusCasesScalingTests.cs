using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Scanning;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Scaling cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after
/// the real repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesScalingTests
{
    private const string ForumPackage = """{ "name": "forum", "scripts": { "start": "node app.js" }, "dependencies": { "express": "4.19.2", "mongodb": "6.3.0", "socket.io": "4.7.0", "@socket.io/redis-adapter": "8.2.1" } }""";

    [Fact]
    public void A_socket_backplane_over_redis_is_a_cluster_design()
    {
        // NodeBB/NodeBB (auditor 60, tool 20): its socket.io Redis adapter lets several forum processes share pushed events;
        // the tool saw a container and a database and nothing else.
        using var repo = TestRepository.Create()
            .Write("package.json", ForumPackage)
            .Write("app.js", "const express = require('express');\nconst { MongoClient } = require('mongodb');\nexpress().listen(4567);\n")
            .Write("Dockerfile", "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"app.js\"]\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("socket.io-redis-adapter", facts.Repository.List(FactKeys.ClusterDesign));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "scaling.cluster-design").Finding.Status);
        Assert.True(evaluation.ScoreCard.Category(Category.Scaling).Score >= 45);
    }

    [Fact]
    public void A_shipped_cluster_member_list_and_a_consensus_library_are_a_cluster_design()
    {
        // alibaba/nacos (auditor 70, tool 25): the distribution ships conf/cluster.conf.example beside a startup script with
        // a cluster mode, and the core module depends on SOFAJRaft.
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>registry</artifactId><packaging>pom</packaging><modules><module>core</module></modules></project>\n")
            .Write("core/pom.xml", "<project><artifactId>registry-core</artifactId><dependencies>\n<dependency>\n<groupId>com.alipay.sofa</groupId>\n<artifactId>jraft-core</artifactId>\n</dependency>\n</dependencies></project>\n")
            .Write("distribution/conf/cluster.conf.example", "# one member per line\n10.0.0.1:8848\n10.0.0.2:8848\n");

        var found = Extract(repo).Repository.List(FactKeys.ClusterDesign);

        Assert.Contains("cluster-config", found);
        Assert.Contains("jraft", found);
    }

    [Fact]
    public void A_clustering_guide_is_a_cluster_design()
    {
        // codecentric/spring-boot-admin (auditor 40, tool 22) documents its Hazelcast clustering in docs/.../20-Clustering.mdx;
        // apolloconfig/apollo (auditor 70, tool 30) in docs/en/deployment/distributed-deployment-guide.md.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Admin server\n")
            .Write("docs/server/20-Clustering.mdx", "# Clustering\nRun several servers sharing their state.\n")
            .Write("docs/en/deployment/distributed-deployment-guide.md", "# Distributed deployment\n");

        var found = Extract(repo).Repository.List(FactKeys.ClusterDesign);

        Assert.Equal(["cluster-docs"], found);
    }

    [Fact]
    public void An_indirect_module_a_product_cluster_model_and_a_test_fixture_are_no_cluster_design()
    {
        // drone/drone lists hashicorp/raft only as an indirect module; netbox documents a "cluster" model of its product;
        // a test folder's package.json is not the application's.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/ci\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi v1.5.4\n\tgithub.com/hashicorp/raft v1.1.2 // indirect\n)\n")
            .Write("docs/models/virtualization/cluster.md", "# Cluster\nA cluster of hosts.\n")
            .Write("test/fixtures/package.json", """{ "name": "fixture", "dependencies": { "redlock": "5.0.0" } }""");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Empty(facts.Repository.List(FactKeys.ClusterDesign));
        Assert.Equal(FindingStatus.NotApplicable, Finding(evaluation, "scaling.cluster-design").Finding.Status);
    }

    [Fact]
    public void A_single_node_application_with_an_embedded_database_is_not_at_zero()
    {
        // pocketbase/pocketbase and Lidarr/Lidarr (auditors 30, tool 0): one process on one host with SQLite, shipped as
        // binaries; every scaling rule fails, yet an application that runs serves some load. Auditors gave such
        // applications 15 to 35, tutorials 5 to 10: the category starts at 20.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/backend\n\ngo 1.22\n\nrequire modernc.org/sqlite v1.29.0\n")
            .Write("main.go", "package main\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t_ \"modernc.org/sqlite\"\n)\n\nfunc main() {\n\tdb, _ := sql.Open(\"sqlite\", \"data.db\")\n\t_ = db\n\thttp.ListenAndServe(\":8090\", nil)\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "scaling.horizontal").Finding.Status);
        Assert.Equal(20, evaluation.ScoreCard.Category(Category.Scaling).Score);
    }

    [Fact]
    public void Delayed_job_is_a_background_job_system()
    {
        // rubyforgood/casa (auditor 45, tool 20): config.active_job.queue_adapter = :delayed_job with
        // delayed_job_active_record; codebar/planner calls handle_asynchronously on its mailers.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.1\"\ngem \"pg\"\ngem \"delayed_job_active_record\"\n")
            .Write("config/application.rb", "require \"rails/all\"\nmodule Casa\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/environments/production.rb", "Rails.application.configure do\n  config.active_job.queue_adapter = :delayed_job\nend\n");

        var facts = Extract(repo);

        Assert.Contains("delayed_job", facts.Parts.Single().Facts.List(FactKeys.BackgroundJobs));
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(facts), "scaling.background-jobs").Finding.Status);
    }

    [Fact]
    public void Spring_cloud_services_behind_a_discovery_server_are_a_cluster_design()
    {
        // sqshq/piggymetrics and spring-petclinic/spring-petclinic-microservices (auditors 50, tool 21): each service
        // registers with Eureka and is reached through a gateway, so any of them can run as several instances.
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>shop</artifactId><packaging>pom</packaging><modules><module>orders</module></modules></project>\n")
            .Write("orders/pom.xml", "<project><artifactId>orders</artifactId><dependencies>\n<dependency>\n<groupId>org.springframework.cloud</groupId>\n<artifactId>spring-cloud-starter-netflix-eureka-client</artifactId>\n</dependency>\n</dependencies></project>\n");

        var found = Extract(repo).Repository.List(FactKeys.ClusterDesign);

        Assert.Equal(["service-discovery"], found);
    }

    [Fact]
    public void A_signalr_redis_backplane_is_a_cluster_design()
    {
        // bitwarden/server (auditor 85, tool 75): its notifications hub shares pushed messages between instances through
        // Microsoft.AspNetCore.SignalR.StackExchangeRedis.
        using var repo = TestRepository.Create()
            .Write("src/Notifications/Notifications.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Microsoft.AspNetCore.SignalR.StackExchangeRedis" Version="8.0.0" /></ItemGroup></Project>""");

        Assert.Equal(["signalr-backplane"], Extract(repo).Repository.List(FactKeys.ClusterDesign));
    }

    [Fact]
    public void A_cloud_message_queue_is_a_background_job_system()
    {
        // standardnotes/server (auditor 70, tool 50): its services exchange work over SQS with sqs-consumer workers;
        // no job library by name, so background jobs failed in every service.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "syncing-server", "scripts": { "start": "node main.js" }, "dependencies": { "express": "4.19.2", "@aws-sdk/client-sqs": "3.500.0", "sqs-consumer": "7.5.0" } }""")
            .Write("main.js", "const express = require('express');\nconst { SQSClient } = require('@aws-sdk/client-sqs');\nconst { Consumer } = require('sqs-consumer');\nConsumer.create({ queueUrl: process.env.QUEUE_URL, sqs: new SQSClient({}) }).start();\nexpress().listen(3000);\n");

        var facts = Extract(repo);

        Assert.Contains("sqs", facts.Parts.Single().Facts.List(FactKeys.BackgroundJobs));
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(facts), "scaling.background-jobs").Finding.Status);
    }

    [Fact]
    public void Foundatio_queues_jobs_and_file_storage_are_recognised()
    {
        // exceptionless/Exceptionless (auditor 88, tool 40): queue jobs derive from Foundatio's QueueJobBase<T> over a
        // RedisQueue<T>, and files go to S3FileStorage; the tool saw neither a job system nor object storage.
        using var repo = TestRepository.Create()
            .Write("src/Api/Api.csproj", WebProject)
            .Write("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddSingleton<IQueue<EventPost>>(s => new RedisQueue<EventPost>(new RedisQueueOptions<EventPost>()));\nbuilder.Services.AddSingleton<IFileStorage>(s => new S3FileStorage(o => o.Bucket(\"events\")));\nbuilder.Build().Run();\n")
            .Write("src/Api/EventPostsJob.cs", "public class EventPostsJob : QueueJobBase<EventPost>\n{\n}\n");

        var part = Extract(repo).Parts.Single();

        Assert.Contains("foundatio", part.Facts.List(FactKeys.BackgroundJobs));
        Assert.Contains("s3", part.Facts.List(FactKeys.ObjectStorage));
    }

    [Fact]
    public void A_helm_autoscaler_left_off_by_default_earns_partial_credit()
    {
        // growthbook/growthbook, Squidex/squidex and thomiceli/opengist (auditors 75, 75, 50) ship an HPA template that
        // values.yaml leaves off (autoscaling.enabled: false): auditors credit it as scaling the operator can turn on.
        using var repo = TestRepository.Create()
            .Write("helm/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n")
            .Write("helm/app/values.yaml", "replicaCount: 1\nautoscaling:\n  enabled: false\n  minReplicas: 1\n  maxReplicas: 5\n")
            .Write("helm/app/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n")
            .Write("helm/app/templates/hpa.yaml", "{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n");

        var facts = Extract(repo);
        var finding = Finding(Evaluation.Evaluate(facts), "scaling.autoscaling").Finding;

        Assert.Equal(["hpa-optional"], facts.Repository.List(FactKeys.Autoscaling));
        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.25, finding.Score);
    }

    [Fact]
    public void A_shared_charts_autoscaler_that_the_values_configure_but_leave_off_earns_the_same_partial_credit()
    {
        // hmcts/ccd-data-store-api and hmcts/rpx-xui-webapp (auditors 60, 65; Java and Node): the chart has no templates
        // of its own and depends on the platform team's chart, whose autoscaler values.yaml configures (maxReplicas) and
        // leaves off; an autoscaling block that sets no ceiling is only the default, not an autoscaler.
        using var repo = TestRepository.Create()
            .Write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: nodejs\n    version: 3.2.0\n    repository: https://example-org.azurecr.io/helm/v1/repo/\n")
            .Write("charts/app/values.yaml", "nodejs:\n  applicationPort: 3000\n  autoscaling:\n    enabled: false\n    maxReplicas: 16\n    targetCPUUtilizationPercentage: 80\n");

        var facts = Extract(repo);

        Assert.Equal(["hpa-optional"], facts.Repository.List(FactKeys.Autoscaling));
        Assert.Equal([new Evidence("charts/app/values.yaml", 4)], facts.Repository.EvidenceOf(FactKeys.Autoscaling));
        Assert.Equal(0.25, Finding(Evaluation.Evaluate(facts), "scaling.autoscaling").Finding.Score);

        using var unset = TestRepository.Create()
            .Write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: nodejs\n    version: 3.2.0\n    repository: https://example-org.azurecr.io/helm/v1/repo/\n")
            .Write("charts/app/values.yaml", "nodejs:\n  applicationPort: 3000\n  autoscaling:\n    enabled: false\n");
        Assert.Empty(Extract(unset).Repository.List(FactKeys.Autoscaling));
    }

    [Fact]
    public void Django_settings_in_a_top_level_settings_folder_are_read()
    {
        // wger-project/wger (auditor 65, tool 40): settings/main.py at the repository root names the S3 storage backend
        // as a dotted string (the S3Boto3Storage backend, which the tool did not know); only settings folders below a package
        // were read, and settings/local_dev.py names a Redis cache that only a developer's machine runs.
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"fitness\"\ndependencies = [\"django>=5.0\", \"django-storages\"]\n")
            .Write("manage.py", "import os\nimport sys\nfrom django.core.management import execute_from_command_line\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings.main')\nexecute_from_command_line(sys.argv)\n")
            .Write("settings/main.py", "STORAGES = {\n    'default': {'BACKEND': 'storages.backends.s3boto3.S3Boto3Storage'},\n}\n")
            .Write("settings/local_dev.py", "CACHES = {\n    'default': {'BACKEND': 'django_redis.cache.RedisCache', 'LOCATION': 'redis://localhost:6379/1'},\n}\n");

        var facts = Extract(repo);

        // The S3Boto3Storage backend is storage in object storage; a Redis cache of the developer's settings is not the deployment's.
        Assert.Contains("s3", facts.Parts.Single().Facts.List(FactKeys.ObjectStorage));
        Assert.Empty(facts.Parts.Single().Facts.List(FactKeys.Cache));
    }

    [Fact]
    public void Dependencies_of_an_applied_gradle_script_are_the_modules()
    {
        // apache/fineract (auditor 75, tool 20): each module's build.gradle does `apply from: 'dependencies.gradle'`, and
        // that script lists spring-kafka and the S3 SDK; the tool read build.gradle alone and found no queue or storage.
        using var repo = TestRepository.Create()
            .Write("settings.gradle", "rootProject.name = 'bank'\ninclude 'provider'\n")
            .Write("provider/build.gradle", "plugins {\n    id 'java'\n    id 'org.springframework.boot' version '3.3.0'\n}\napply from: 'dependencies.gradle'\n")
            .Write("provider/dependencies.gradle", "dependencies {\n    implementation(\n            'org.springframework.boot:spring-boot-starter-web',\n            'org.springframework.kafka:spring-kafka',\n            'software.amazon.awssdk:s3',\n            )\n}\n")
            .Write("provider/src/main/java/org/bank/ServerApplication.java", "package org.bank;\n\nimport org.springframework.boot.SpringApplication;\nimport org.springframework.boot.autoconfigure.SpringBootApplication;\nimport software.amazon.awssdk.services.s3.S3Client;\n\n@SpringBootApplication\npublic class ServerApplication {\n    public static void main(String[] args) { SpringApplication.run(ServerApplication.class, args); }\n}\n");

        var part = Extract(repo).Parts.Single(p => p.Path == "provider");

        Assert.Contains("kafka", part.Facts.List(FactKeys.BackgroundJobs));
        Assert.Contains("s3", part.Facts.List(FactKeys.ObjectStorage));
    }

    [Fact]
    public void A_high_availability_section_of_an_operator_guide_is_a_cluster_design()
    {
        // authelia/authelia (auditor 60, tool 20) documents running several instances under "### Kubernetes or High
        // Availability" in its session configuration page; gotosocial under "## Clustering / multi-node deployments".
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/auth\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n")
            .Write("main.go", "package main\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t_ \"github.com/lib/pq\"\n)\n\nfunc main() {\n\tdb, _ := sql.Open(\"postgres\", \"\")\n\t_ = db\n\thttp.ListenAndServe(\":9091\", nil)\n}\n")
            .Write("Dockerfile", "FROM alpine:3.20\nCOPY auth /auth\nCMD [\"/auth\"]\n")
            .Write("docs/content/configuration/session/introduction.md", "---\ntitle: Session\n---\n\n## Options\n\nSome options.\n\n### Kubernetes or High Availability\n\nRunning more than one instance needs the Redis session provider.\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("cluster-docs", facts.Repository.List(FactKeys.ClusterDesign));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "scaling.cluster-design").Finding.Status);
        Assert.True(evaluation.ScoreCard.Category(Category.Scaling).Score >= 45);
    }

    [Fact]
    public void A_clustering_heading_in_a_code_block_a_changelog_or_a_release_note_is_no_guide()
    {
        // DefectDojo's Helm README has "# For high availability deploy multiple instances" as a comment in a values block;
        // release notes and changelogs tell history, not how to run the application; a bundled UI library's README and
        // a plugin's README (TechnitiumSoftware/DnsServer's failover app) and a product introduction (dromara/hertzbeat's
        // "High Performance Clustering", auditor 50) describe what they do, not how to run the product.
        using var repo = TestRepository.Create()
            .Write("README.md", "# App\n\n```yaml\n# High availability: set replicas\nreplicas: 1\n```\n")
            .Write("CHANGELOG.md", "# Changelog\n\n## 2.0 - horizontal scaling\n")
            .Write("docs/release-notes/3.0.md", "## Clustering\n")
            .Write("src/WebHost/wwwroot/lib/pagination/README.md", "### Multiple Instances With ngRepeat\n")
            .Write("Apps/FailoverApp/README.md", "### High-Availability Web Service with Geographic Failover\n")
            .Write("home/docs/introduce.md", "# Introduction\n\n### High Performance Clustering\n");

        Assert.DoesNotContain("cluster-docs", Extract(repo).Repository.List(FactKeys.ClusterDesign));
    }
}
