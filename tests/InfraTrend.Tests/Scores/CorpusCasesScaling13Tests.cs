using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Scaling cases of the thirteenth tuning round, each rebuilt by hand as a small fixture after the real repositories
/// named in the test (none of their files are copied): a coordination library the tests alone depend on, which is no
/// cluster design, and a fixed set of several replicas, which auditors credit as running the service several times.
/// </summary>
public class CorpusCasesScaling13Tests
{
    [Fact]
    public void A_coordination_library_declared_for_the_tests_only_is_no_cluster_design()
    {
        // tchiotludo/akhq (auditor 30, tool 63): build.gradle declares testImplementation 'org.apache.curator:curator-test'
        // for an embedded ZooKeeper in the Kafka test cluster; the server itself coordinates nothing, yet the rule read
        // Curator as a cluster design worth three points.
        using var gradle = TestRepository.Create()
            .Write("build.gradle", "plugins { id 'java' }\ndependencies {\n    implementation 'io.micronaut:micronaut-http-server-netty'\n    testImplementation 'org.apache.curator:curator-test:5.7.1'\n}\n");
        Assert.Empty(Extract(gradle).Repository.List(FactKeys.ClusterDesign));

        const string TestScopePom = "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>gui</artifactId><version>1.0</version><dependencies>\n<dependency>\n<groupId>com.hazelcast</groupId>\n<artifactId>hazelcast</artifactId>\n<scope>test</scope>\n</dependency>\n</dependencies></project>\n";
        using var maven = TestRepository.Create().Write("pom.xml", TestScopePom);
        Assert.Empty(Extract(maven).Repository.List(FactKeys.ClusterDesign));

        using var node = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "dependencies": { "express": "4.19.2" }, "devDependencies": { "redlock": "5.0.0-beta.2" } }""");
        Assert.Empty(Extract(node).Repository.List(FactKeys.ClusterDesign));

        // The same libraries the application itself runs with still count.
        using var runtime = TestRepository.Create()
            .Write("build.gradle", "plugins { id 'java' }\ndependencies {\n    testImplementation 'org.apache.curator:curator-test:5.7.1'\n    implementation 'org.apache.curator:curator-recipes:5.7.1'\n}\n")
            .Write("package.json", """{ "name": "app", "devDependencies": { "jest": "29.7.0" }, "dependencies": { "redlock": "5.0.0-beta.2" } }""");
        Assert.Equal(["curator", "redlock"], Extract(runtime).Repository.List(FactKeys.ClusterDesign).Order().ToList());
    }

    [Fact]
    public void A_chart_kept_at_several_replicas_in_its_values_earns_half_of_autoscaling()
    {
        // ministryofjustice/hmpps-manage-users-api and digital-prison-services (auditors 65, tool 30 and 40): the Helm
        // chart in helm_deploy/ configures a shared generic-service chart, and the environment values beside it keep
        // 4 replicas in production (generic-service: replicaCount: 4); the rule read a fixed, single workload.
        using var repo = TestRepository.Create()
            .Write("build.gradle.kts", "plugins { id(\"org.springframework.boot\") version \"3.3.0\" }\ndependencies { implementation(\"org.postgresql:postgresql:42.7.3\") }\n")
            .Write("Dockerfile", "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n")
            .Write("helm_deploy/users-api/Chart.yaml", "apiVersion: v2\nname: users-api\nversion: 0.2.0\ndependencies:\n  - name: generic-service\n    version: \"3.2\"\n    repository: https://example.org/charts\n")
            .Write("helm_deploy/users-api/values.yaml", "generic-service:\n  nameOverride: users-api\n  replicaCount: 2\n  image:\n    repository: example/users-api\n")
            .Write("helm_deploy/values-prod.yaml", "generic-service:\n  replicaCount: 4\n  ingress:\n    host: users-api.example.org\npostgresql:\n  replicaCount: 6\n");

        var autoscaling = Finding(Evaluation.Evaluate(Extract(repo)), "scaling.autoscaling").Finding;

        Assert.Equal(FindingStatus.Partial, autoscaling.Status);
        Assert.Equal(0.5, autoscaling.Score);
        Assert.Contains("4 replicas", autoscaling.Message);
    }

    [Fact]
    public void One_replica_or_a_datastore_kept_at_several_is_still_a_fixed_single_workload()
    {
        // umap-project/umap (auditor 35, "the chart forces replicaCount 1"): the application's replicaCount is 1, and the
        // CloudNativePG subchart's replicaCount: 2 is the database's; a manifest of a Redis StatefulSet at 3 replicas
        // beside a single application Deployment is the same.
        using var chart = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0.6\npsycopg==3.1.19\n")
            .Write("Dockerfile", "FROM python:3.12-slim\nCOPY . .\nCMD [\"uvicorn\", \"app.asgi:application\"]\n")
            .Write("charts/maps/Chart.yaml", "apiVersion: v2\nname: maps\nversion: 1.0.0\n")
            .Write("charts/maps/values.yaml", "# must be 1 if using persistent volumes\nreplicaCount: 1\ncnpg:\n  enabled: false\n  replicaCount: 2\n")
            .Write("charts/maps/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n");
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(chart)), "scaling.autoscaling").Finding.Status);

        using var manifests = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0.6\npsycopg==3.1.19\n")
            .Write("k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: web\n          image: example/web:1\n")
            .Write("k8s/redis.yaml", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis:7\n");
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(manifests)), "scaling.autoscaling").Finding.Status);
    }

    [Fact]
    public void A_deployment_manifest_at_several_replicas_beside_a_disruption_budget_earns_three_quarters()
    {
        // milesmcc/shynet (auditor 40, tool 40 -> 50): kubernetes/deployments.yml runs the web Deployment at 3 replicas;
        // with a PodDisruptionBudget beside it only the load-following is missing.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0.6\npsycopg==3.1.19\n")
            .Write("kubernetes/deployments.yml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shynet-webserver\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: web\n          image: example/web:1\n");
        var alone = Finding(Evaluation.Evaluate(Extract(repo)), "scaling.autoscaling").Finding;
        Assert.Equal(0.5, alone.Score);

        repo.Write("kubernetes/pdb.yml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n");
        var withBudget = Finding(Evaluation.Evaluate(Extract(repo)), "scaling.autoscaling").Finding;
        Assert.Equal(0.75, withBudget.Score);
    }
}
