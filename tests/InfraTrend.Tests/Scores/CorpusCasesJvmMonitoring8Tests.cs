using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// JVM monitoring cases of the calibration corpus (eighth round): a Spring Boot service whose actuator and APM agent
/// come through a company Gradle plugin and the image, not the build file. Fixtures written by hand after the real
/// repositories named in the tests (none of their files are copied).
/// </summary>
public class CorpusCasesJvmMonitoring8Tests
{
    // A company plugin brings the actuator and the agent jar: the build names neither.
    private const string BuildFile = """
        plugins {
          id("org.example.platform.spring-boot") version "4.2.0"
          kotlin("plugin.spring") version "2.0.0"
        }

        dependencies {
          implementation("org.example.platform:platform-spring-boot-starter:1.3.0")
          implementation("org.springframework.boot:spring-boot-starter-webflux")
          implementation("org.springframework.boot:spring-boot-starter-security")
        }
        """;

    private const string ManagementSettings = """
        server:
          port: 8080

        management:
          endpoints:
            web:
              base-path: /
              exposure:
                include: 'info, health'
          endpoint:
            health:
              show-details: always
              probes:
                enabled: true
        """;

    private const string AgentDockerfile = """
        FROM eclipse-temurin:21-jre
        WORKDIR /app
        COPY build/libs/accounts-api.jar app.jar
        COPY applicationinsights-agent*.jar ./agent.jar
        ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-javaagent:agent.jar", "-jar", "app.jar"]
        """;

    private static TestRepository KotlinService(string settings, string? dockerfile = null)
    {
        var repo = TestRepository.Create()
            .Write("settings.gradle.kts", "rootProject.name = \"accounts-api\"\n")
            .Write("build.gradle.kts", BuildFile)
            .Write("src/main/resources/application.yml", settings)
            .Write("src/main/kotlin/org/example/accounts/AccountsApi.kt", """
                package org.example.accounts

                import org.springframework.boot.autoconfigure.SpringBootApplication
                import org.springframework.boot.runApplication

                @SpringBootApplication
                class AccountsApi

                fun main(args: Array<String>) {
                  runApplication<AccountsApi>(*args)
                }
                """);
        if (dockerfile is not null)
            repo.Write("Dockerfile", dockerfile);
        return repo;
    }

    [Fact]
    public void Actuator_health_settings_mean_a_health_endpoint_without_the_starter_in_the_build()
    {
        // ministryofjustice/hmpps-manage-users-api: a Kotlin Spring Boot service whose actuator comes through the
        // company's Gradle plugin and starter; application.yml exposes info and health at / with probes. The tool found
        // no health endpoint at all; the auditor credits "actuator health with probes" (monitoring 78, tool 25).
        using var repo = KotlinService(ManagementSettings);

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(["/health", "/health/liveness", "/health/readiness"], facts.Repository.List(FactKeys.HealthRoutes).Order(StringComparer.Ordinal));
        // Served but, in this fixture, probed by nothing (the real service's compose and Helm chart probe it).
        var health = Finding(evaluation, "monitoring.health-endpoint").Finding;
        Assert.Equal(FindingStatus.Partial, health.Status);
        Assert.Equal(0.75, health.Score);
    }

    [Fact]
    public void Health_indicator_settings_alone_also_show_the_actuator()
    {
        using var repo = KotlinService("management:\n  health:\n    db:\n      enabled: false\n");

        var facts = Extract(repo);

        Assert.Equal(["/actuator/health"], facts.Repository.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void Settings_that_expose_only_other_endpoints_or_exclude_health_serve_no_health_endpoint()
    {
        using (var repo = KotlinService("management:\n  endpoints:\n    web:\n      exposure:\n        include: info\n"))
            Assert.Empty(Extract(repo).Repository.List(FactKeys.HealthRoutes));
        using (var repo = KotlinService("management:\n  endpoint:\n    health:\n      enabled: false\n"))
            Assert.Empty(Extract(repo).Repository.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void A_renamed_apm_agent_jar_attached_at_start_traces()
    {
        // ministryofjustice/hmpps-manage-users-api: the Dockerfile copies applicationinsights-agent*.jar to agent.jar and
        // starts with -javaagent:agent.jar; the auditor credits the Application Insights agent's requests, dependencies
        // and exceptions. The tool only recognised the agent when -javaagent: named it.
        using var repo = KotlinService(ManagementSettings, AgentDockerfile);

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(["application-insights"], facts.Repository.List(FactKeys.Tracing));
        Assert.Equal([new Evidence("Dockerfile", 4)], facts.Repository.EvidenceOf(FactKeys.Tracing, "application-insights"));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.tracing").Finding.Status);
    }

    [Fact]
    public void An_agent_downloaded_into_the_image_and_attached_by_the_deployment_traces()
    {
        using var repo = KotlinService(ManagementSettings, """
            FROM eclipse-temurin:21-jre
            ADD https://github.com/open-telemetry/opentelemetry-java-instrumentation/releases/download/v2.10.0/opentelemetry-javaagent.jar /otel/agent.jar
            COPY build/libs/accounts-api.jar /app/app.jar
            ENTRYPOINT ["java", "-jar", "/app/app.jar"]
            """);
        repo.Write("helm_deploy/accounts-api/values.yaml", """
            env:
              JAVA_TOOL_OPTIONS: "-javaagent:/otel/agent.jar"
              OTEL_SERVICE_NAME: accounts-api
            """);

        Assert.Equal(["opentelemetry"], Extract(repo).Repository.List(FactKeys.Tracing));
    }

    [Fact]
    public void An_application_insights_configuration_beside_the_copied_agent_traces()
    {
        using var repo = KotlinService(ManagementSettings, AgentDockerfile.Replace("\"-javaagent:agent.jar\", ", "", StringComparison.Ordinal));
        repo.Write("applicationinsights.json", """
            { "role": { "name": "accounts-api" }, "sampling": { "percentage": 50 } }
            """);

        Assert.Equal(["application-insights"], Extract(repo).Repository.List(FactKeys.Tracing));
    }

    [Fact]
    public void An_agent_jar_copied_but_never_attached_does_not_trace()
    {
        using var repo = KotlinService(ManagementSettings, """
            FROM eclipse-temurin:21-jre
            COPY applicationinsights-agent*.jar ./agent.jar
            COPY build/libs/accounts-api.jar app.jar
            # ENV JAVA_TOOL_OPTIONS=-javaagent:agent.jar
            ENTRYPOINT ["java", "-jar", "app.jar"]
            """);

        Assert.Empty(Extract(repo).Repository.List(FactKeys.Tracing));
    }
}
