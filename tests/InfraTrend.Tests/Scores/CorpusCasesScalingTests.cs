using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
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
}
