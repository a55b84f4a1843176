using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Monitoring cases of the calibration corpus (second round), each rebuilt by hand as a small fixture after the real
/// repositories named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesMonitoring2Tests
{
    private static TestRepository AspireService(string mapEndpoints) =>
        TestRepository.Create()
            .Write("src/Api/Api.csproj", WebProject)
            .Write("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHealthChecks();\nvar app = builder.Build();\napp.MapDefaultEndpoints();\napp.Run();\n")
            .Write("src/Api/Extensions.cs", $$"""
                public static class Extensions
                {
                    public static WebApplication MapDefaultEndpoints(this WebApplication app)
                    {
                {{mapEndpoints}}
                        return app;
                    }
                }
                """);

    [Fact]
    public void Health_checks_mapped_only_in_development_are_no_production_health_route()
    {
        // jasontaylordev/CleanArchitecture, ardalis/CleanArchitecture, davidfowl/TodoApi: the Aspire service defaults map
        // /health and /alive inside `if (app.Environment.IsDevelopment())`, and the auditors credit no health check.
        using var repo = AspireService("""
                    if (app.Environment.IsDevelopment())
                    {
                        app.MapHealthChecks("/health");
                        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
                    }
            """);

        var facts = Extract(repo);
        var health = Finding(Evaluation.Evaluate(facts), "monitoring.health-endpoint", "src/Api").Finding;

        Assert.False(facts.Parts.Single(p => p.Path == "src/Api").Facts.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(FindingStatus.Fail, health.Status);
    }

    [Fact]
    public void Health_checks_mapped_outside_development_or_in_its_else_branch_are_served()
    {
        using var repo = AspireService("""
                    if (!app.Environment.IsDevelopment())
                    {
                        app.MapHealthChecks("/ready");
                    }
                    if (app.Environment.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }
                    else
                    {
                        app.MapHealthChecks("/live");
                    }
                    app.MapGet("/healthz", () => "ok");
            """);

        var api = Extract(repo).Parts.Single(p => p.Path == "src/Api").Facts;

        Assert.True(api.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(["/healthz", "/live", "/ready"], api.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void A_readiness_route_under_a_health_prefix_is_a_health_route()
    {
        // bugsink: urls.py `path("health/ready", health_check_ready)`, probed by the Dockerfile HEALTHCHECK; ory/hydra serves
        // /health/alive and /health/ready.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "Django>=5.0\ngunicorn\n")
            .Write("manage.py", "import os\nfrom django.core.management import execute_from_command_line\n")
            .Write("site/urls.py", "from django.urls import path\nfrom .views import home, health_check_ready\n\nurlpatterns = [\n    path(\"\", home),\n    path(\"health/ready\", health_check_ready),\n    path(\"reports/ready\", home),\n]\n");

        var routes = Extract(repo).Repository.List(FactKeys.HealthRoutes);

        Assert.Equal(["/health/ready"], routes);
    }

    [Fact]
    public void Micronaut_and_quarkus_micrometer_registries_export_metrics_and_their_tracing_modules_trace()
    {
        // kestra-io/kestra: build.gradle lists io.micronaut.micrometer:micronaut-micrometer-registry-prometheus, and the
        // auditor credits the Prometheus endpoint the Micronaut management port serves.
        using var repo = TestRepository.Create()
            .Write("build.gradle", "plugins {\n    id 'io.micronaut.application' version '4.4.0'\n}\n\ndependencies {\n    implementation 'io.micronaut:micronaut-management'\n    implementation 'io.micronaut.micrometer:micronaut-micrometer-registry-prometheus'\n    implementation 'io.micronaut.tracing:micronaut-tracing-opentelemetry-http'\n}\n\napplication {\n    mainClass = 'io.example.flows.Application'\n}\n")
            .Write("src/main/java/io/example/flows/Application.java", "package io.example.flows;\n\nimport io.micronaut.runtime.Micronaut;\n\npublic class Application {\n    public static void main(String[] args) {\n        Micronaut.run(Application.class, args);\n    }\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.metrics").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.tracing").Finding.Status);
    }

    [Fact]
    public void Flash_alert_keys_of_a_rails_locale_are_no_prometheus_alert_rule()
    {
        // DMPRoadmap/roadmap, manyfold3d/manyfold: config/locales/*.yml carry flash `alert:` keys (empty, or a message);
        // the tool credited them as Prometheus alert rules.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n")
            .Write("config/locales/en.yml", "en:\n  plans:\n    destroy:\n      notice: Plan removed\n      alert:\n  sessions:\n    failure:\n      alert: Could not sign you in\n");

        Assert.DoesNotContain("prometheus-alerts", Extract(repo).Repository.List(FactKeys.Alerting));
    }

    [Fact]
    public void A_prometheus_rule_group_is_an_alert_rule()
    {
        using var repo = TestRepository.Create()
            .Write("monitoring/rules.yml", "groups:\n  - name: api\n    rules:\n      - alert: HighErrorRate\n        expr: sum(rate(http_requests_total{status=~\"5..\"}[5m])) > 1\n        for: 10m\n");

        Assert.Contains("prometheus-alerts", Extract(repo).Repository.List(FactKeys.Alerting));
    }

    [Fact]
    public void A_monitoring_service_named_in_a_link_or_a_list_is_no_declared_monitor()
    {
        // mehdihadeli/food-delivery-microservices: otel-collector-config.yaml links betterstack.com guides in comments;
        // smartstore/Smartstore: a user-agent list names uptime-kuma.
        using var named = TestRepository.Create()
            .Write("deploy/otel-collector.yaml", "# https://betterstack.com/community/guides/observability/opentelemetry-collector/\nreceivers:\n  otlp: {}\n")
            .Write("src/useragent.yml", "bots:\n  - regex: 'Uptime-Kuma'\n    name: uptime-kuma\n");
        Assert.Empty(Extract(named).Repository.List(FactKeys.Alerting));

        using var running = TestRepository.Create()
            .Write("docker-compose.yml", "services:\n  uptime:\n    image: louislam/uptime-kuma:1\n    restart: always\n");
        Assert.Contains("uptime-kuma", Extract(running).Repository.List(FactKeys.Alerting));
    }
}
