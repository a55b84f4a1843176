using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Monitoring cases of the calibration corpus (fourteenth round), each rebuilt by hand as a small fixture after the real
/// repositories named in the test (none of their files are copied): monitoring the application really has, declared in
/// forms the tool did not read (a JVM server that starts its own HTTP server, a Gradle configuration of the build's
/// own, an ASP.NET route written with the `[controller]` token).
/// </summary>
public class CorpusCasesMonitoring14Tests
{
    [Fact]
    public void A_java_server_whose_main_starts_an_embedded_http_server_is_a_part_with_its_metrics()
    {
        // Graylog2/graylog2-server (Jersey on Grizzly started from a plain Main) and openremote/openremote (an Undertow
        // container): no Spring Boot, so the only part seen was the JavaScript web interface beside them, which has no
        // metrics; the server's Prometheus/Micrometer metrics and health resources went unscored (tool 29-36, auditors 70).
        using var repo = TestRepository.Create()
            .Write("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion>
                <groupId>org.example</groupId><artifactId>logs-parent</artifactId><version>1</version><packaging>pom</packaging>
                <modules><module>server</module></modules></project>
                """)
            .Write("server/pom.xml", """
                <project><modelVersion>4.0.0</modelVersion>
                <parent><groupId>org.example</groupId><artifactId>logs-parent</artifactId><version>1</version></parent>
                <artifactId>logs-server</artifactId>
                <dependencies>
                <dependency><groupId>org.glassfish.jersey.containers</groupId><artifactId>jersey-container-grizzly2-http</artifactId><version>3.1.0</version></dependency>
                <dependency><groupId>io.prometheus</groupId><artifactId>prometheus-metrics-exporter-httpserver</artifactId><version>1.0.0</version></dependency>
                <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.9</version></dependency>
                </dependencies></project>
                """)
            .Write("server/src/main/java/org/example/logs/Main.java", "package org.example.logs;\n\npublic final class Main {\n  public static void main(String[] args) {\n    new HttpServerFactory().start(args);\n  }\n}\n")
            .Write("web-interface/package.json", "{\"name\":\"logs-web\",\"private\":true,\"scripts\":{\"build\":\"webpack\"},\"dependencies\":{\"react\":\"^18.2.0\"}}")
            .Write("web-interface/src/index.jsx", "import React from 'react';\nexport const App = () => <div>logs</div>;\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var metrics = Finding(evaluation, "monitoring.metrics", "server").Finding;
        Assert.Equal(FindingStatus.Pass, metrics.Status);
        Assert.Contains("prometheus", metrics.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_java_library_with_a_main_and_no_embedded_server_is_still_not_a_part()
    {
        // The same build where the module's main only runs a command-line tool: nothing serves, so no part is added for it.
        using var repo = TestRepository.Create()
            .Write("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion>
                <groupId>org.example</groupId><artifactId>tool</artifactId><version>1</version>
                <dependencies><dependency><groupId>info.picocli</groupId><artifactId>picocli</artifactId><version>4.7.5</version></dependency></dependencies></project>
                """)
            .Write("src/main/java/org/example/tool/Main.java", "package org.example.tool;\n\npublic final class Main {\n  public static void main(String[] args) {\n    System.out.println(\"tool\");\n  }\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.DoesNotContain(evaluation.Findings, f => f.PartPath != ".");
    }

    [Fact]
    public void A_metrics_registry_declared_in_a_custom_gradle_configuration_that_implementation_extends_is_the_modules_own()
    {
        // kestra-io/kestra: the root build declares `micronaut "io.micronaut.micrometer:micronaut-micrometer-registry-prometheus"`
        // in allprojects, in a `micronaut` configuration each service module takes in with `implementation.extendsFrom(micronaut)`.
        // The auditor credits "Prometheus via micronaut-micrometer-registry-prometheus"; the tool read no metrics.
        using var repo = TestRepository.Create()
            .Write("settings.gradle", "rootProject.name = 'flows'\ninclude 'webserver'\n")
            .Write("build.gradle", "plugins {\n  id 'java'\n}\n\nallprojects {\n  apply plugin: 'java'\n  configurations {\n    micronaut\n  }\n  dependencies {\n    micronaut \"io.micronaut:micronaut-management\"\n    micronaut \"io.micronaut.micrometer:micronaut-micrometer-registry-prometheus\"\n    implementation \"ch.qos.logback:logback-classic\"\n  }\n}\n")
            .Write("webserver/build.gradle", "configurations {\n  implementation.extendsFrom(micronaut)\n}\n\ndependencies {\n  implementation \"io.micronaut:micronaut-http-server-netty\"\n}\n")
            .Write("webserver/src/main/java/org/example/flows/Application.java", "package org.example.flows;\n\nimport io.micronaut.runtime.Micronaut;\n\npublic class Application {\n  public static void main(String[] args) {\n    Micronaut.run(Application.class, args);\n  }\n}\n");

        var metrics = Finding(Evaluation.Evaluate(Extract(repo)), "monitoring.metrics", "webserver").Finding;

        Assert.Equal(FindingStatus.Pass, metrics.Status);
        Assert.Contains("prometheus", metrics.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aspnet_health_controller_routed_with_the_controller_token_serves_a_health_endpoint()
    {
        // immense/Remotely: `[Route("api/[controller]")]` on HealthCheckController, a GET that touches the database, and a
        // Dockerfile HEALTHCHECK that curls /api/healthcheck. The route was read as written ("api/[controller]"), so no
        // health endpoint was found (tool 19, auditor 40).
        using var repo = TestRepository.Create()
            .Write("Server/Server.csproj", WebProject)
            .Write("Server/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddControllers();\nvar app = builder.Build();\napp.MapControllers();\napp.Run();\n")
            .Write("Server/API/HealthCheckController.cs", "using Microsoft.AspNetCore.Mvc;\n\nnamespace Server.API;\n\n[Route(\"api/[controller]\")]\n[ApiController]\npublic class HealthCheckController : ControllerBase\n{\n    [HttpGet]\n    public IActionResult Get() => NoContent();\n}\n")
            .Write("Server/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nWORKDIR /app\nHEALTHCHECK CMD curl -f http://localhost:5000/api/healthcheck || exit 1\nENTRYPOINT [\"dotnet\", \"Server.dll\"]\n");

        var health = Finding(Evaluation.Evaluate(Extract(repo)), "monitoring.health-endpoint", "Server").Finding;

        Assert.Equal(FindingStatus.Pass, health.Status);
        Assert.Contains("/healthcheck", health.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_controller_token_route_on_an_ordinary_controller_is_not_a_health_endpoint()
    {
        // The same token on any other controller names that controller's route: /api/orders is no health check.
        using var repo = TestRepository.Create()
            .Write("Server/Server.csproj", WebProject)
            .Write("Server/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddControllers();\nvar app = builder.Build();\napp.MapControllers();\napp.Run();\n")
            .Write("Server/API/OrdersController.cs", "using Microsoft.AspNetCore.Mvc;\n\nnamespace Server.API;\n\n[Route(\"api/[controller]\")]\n[ApiController]\npublic class OrdersController : ControllerBase\n{\n    [HttpGet]\n    public IActionResult Get() => Ok();\n}\n");

        var health = Finding(Evaluation.Evaluate(Extract(repo)), "monitoring.health-endpoint", "Server").Finding;

        Assert.Equal(FindingStatus.Fail, health.Status);
    }
    [Fact]
    public void The_java_server_part_reads_the_keycloak_token_it_is_given_as_authentication()
    {
        // openremote/openremote: once its Undertow server is a part, it is judged as a service; its JWT filter verifies
        // Keycloak tokens and the resources read the KeycloakSecurityContext, which the rule did not know outside Spring
        // (security fell from 64 to 44 against an auditor's 65 with the new part unauthenticated).
        using var repo = TestRepository.Create()
            .Write("settings.gradle", "rootProject.name = 'iot'\ninclude 'manager'\n")
            .Write("manager/build.gradle", "plugins {\n  id 'java'\n}\n\ndependencies {\n  implementation 'io.undertow:undertow-core:2.3.10.Final'\n  implementation 'org.keycloak:keycloak-core:25.0.3'\n}\n")
            .Write("manager/src/main/java/org/example/iot/Main.java", "package org.example.iot;\n\npublic final class Main {\n  public static void main(String[] args) {\n    new Container().start();\n  }\n}\n")
            .Write("manager/src/main/java/org/example/iot/AssetResource.java", "package org.example.iot;\n\nimport org.keycloak.KeycloakSecurityContext;\n\npublic class AssetResource {\n  public String owner(KeycloakSecurityContext context) {\n    return context.getToken().getSubject();\n  }\n}\n");

        var authentication = Finding(Evaluation.Evaluate(Extract(repo)), "security.authentication", "manager").Finding;

        Assert.NotEqual(FindingStatus.Fail, authentication.Status);
        Assert.Contains("openid-connect", authentication.Message, StringComparison.Ordinal);
    }
}
