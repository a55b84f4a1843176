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
}
