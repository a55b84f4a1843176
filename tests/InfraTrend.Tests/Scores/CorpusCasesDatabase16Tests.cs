using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the sixteenth round: Dropwizard's migrations bundle, Liquibase under another artifact, whose
/// changelog is one migrations.xml and whose `db migrate` command the container's start script runs
/// (alphagov/pay-connector), and the same bundle left on the classpath of a service whose data moved to DynamoDB, with
/// no changelog (signalapp/Signal-Server). Written by hand after those repositories; none of their files
/// are copied.
/// </summary>
public class CorpusCasesDatabase16Tests
{
    private const string Pom = """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example.pay</groupId>
          <artifactId>ledger</artifactId>
          <dependencies>
            <dependency>
              <groupId>io.dropwizard</groupId>
              <artifactId>dropwizard-core</artifactId>
            </dependency>
            <dependency>
              <groupId>io.dropwizard</groupId>
              <artifactId>dropwizard-migrations</artifactId>
            </dependency>
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
            </dependency>
          </dependencies>
        </project>
        """;

    private static string ChangeLog(int changeSets) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
        + string.Concat(Enumerable.Range(1, changeSets).Select(i =>
            $"    <changeSet id=\"step {i}\" author=\"pay\">\n        <addColumn tableName=\"payments\"><column name=\"c{i}\" type=\"text\"/></addColumn>\n    </changeSet>\n"))
        + "</databaseChangeLog>\n";

    private static TestRepository Service() => TestRepository.Create()
        .Write("pom.xml", Pom)
        .Write("src/main/java/org/example/pay/LedgerApp.java", "package org.example.pay;\n\npublic class LedgerApp extends io.dropwizard.core.Application<LedgerConfig> {\n    public static void main(String[] args) throws Exception { new LedgerApp().run(args); }\n}\n")
        .Write("src/main/resources/migrations.xml", ChangeLog(12));

    [Fact]
    public void The_changesets_of_a_dropwizard_migrations_changelog_are_liquibase_migrations()
    {
        using var repo = Service();

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var migrations = Finding(evaluation, "database.migrations").Finding;
        Assert.Equal(FindingStatus.Pass, migrations.Status);
        Assert.Contains("liquibase", migrations.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_script_running_the_jars_db_migrate_command_applies_them_and_a_commented_one_does_not()
    {
        using var applied = Service()
            .Write("docker-startup.sh", "#!/usr/bin/env bash\nset -eu\nif [ \"$RUN_MIGRATION\" == \"true\" ]; then\n  java $JAVA_OPTS -jar *-allinone.jar db migrate *.yaml\nfi\nexec java $JAVA_OPTS -jar *-allinone.jar server *.yaml\n");
        using var commented = Service()
            .Write("docker-startup.sh", "#!/usr/bin/env bash\nset -eu\n# java -jar *-allinone.jar db migrate *.yaml\nexec java $JAVA_OPTS -jar *-allinone.jar server *.yaml\n");

        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(applied)), "database.migrations-applied").Finding.Status);
        Assert.NotEqual(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(commented)), "database.migrations-applied").Finding.Status);
    }

    [Fact]
    public void The_dropwizard_bundle_without_a_changelog_sets_no_liquibase_up()
    {
        using var repo = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/main/java/org/example/pay/LedgerApp.java", "package org.example.pay;\n\npublic class LedgerApp extends io.dropwizard.core.Application<LedgerConfig> {\n    public static void main(String[] args) throws Exception { new LedgerApp().run(args); }\n}\n");

        var facts = Extract(repo);

        Assert.DoesNotContain("liquibase", facts.Repository.List(FactKeys.MigrationTools));
    }
}
