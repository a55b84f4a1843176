using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Monitoring cases of the calibration corpus (thirteenth round), each rebuilt by hand as a small fixture after the real
/// repositories named in the test (none of their files are copied): logging that is only what the framework or the
/// runtime gives unasked, with no other signal, is "monitoring essentially absent" to the auditors.
/// </summary>
public class CorpusCasesMonitoring13Tests
{
    private static int? MonitoringScore(Evaluation evaluation) =>
        evaluation.ScoreCard.Categories.Single(c => c.Category == Category.Monitoring).Score;

    private static TestRepository RailsApp(string routes) =>
        TestRepository.Create()
            .Write("Gemfile", "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.0\"\ngem \"pg\"\ngem \"puma\"\n")
            .Write("config/application.rb", "require_relative \"boot\"\nrequire \"rails/all\"\n\nmodule Calendar\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/environments/production.rb", "Rails.application.configure do\n  config.log_level = :info\n  config.log_tags = [ :request_id ]\n  if ENV[\"RAILS_LOG_TO_STDOUT\"].present?\n    logger = ActiveSupport::Logger.new(STDOUT)\n    config.logger = ActiveSupport::TaggedLogging.new(logger)\n  end\nend\n")
            .Write("config/routes.rb", $"Rails.application.routes.draw do\n  resources :events\n{routes}end\n")
            .Write("app/controllers/events_controller.rb", "class EventsController < ApplicationController\n  def index\n    @events = Event.all\n  end\nend\n");

    [Fact]
    public void A_rails_app_whose_only_monitoring_is_the_rails_logger_earns_part_of_the_logging_credit()
    {
        // RailsApps/learn-rails, TracksApp/tracks, publify, rubyforgood/pet-rescue, calagator: the generated production.rb
        // (request_id tags, RAILS_LOG_TO_STDOUT) and nothing else. Auditors: "monitoring is only the Rails logger" (5-15);
        // full logging credit put them at 25.
        using var repo = RailsApp("");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var logging = Finding(evaluation, "monitoring.logging").Finding;
        Assert.Equal(FindingStatus.Partial, logging.Status);
        Assert.Equal(0.75, logging.Score);
        Assert.Contains("rails-logger", logging.Message, StringComparison.Ordinal);
        Assert.InRange(MonitoringScore(evaluation)!.Value, 10, 20);
    }

    [Fact]
    public void The_rails_logger_beside_a_health_route_is_ordinary_logging()
    {
        // The same application with Rails 7.1's /up route: the default logger is then part of a monitored service and passes.
        using var repo = RailsApp("  get \"up\" => \"rails/health#show\", as: :rails_health_check\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.logging").Finding.Status);
    }

    private const string SpringPom = """
        <project><modelVersion>4.0.0</modelVersion>
        <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0</version></parent>
        <groupId>org.example</groupId><artifactId>polls</artifactId><version>1</version>
        <dependencies>
        <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
        <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency>
        </dependencies></project>
        """;

    private static TestRepository SpringApp(string properties) =>
        TestRepository.Create()
            .Write("pom.xml", SpringPom)
            .Write("src/main/resources/application.properties", properties)
            .Write("src/main/java/org/example/polls/PollsApplication.java", "package org.example.polls;\n\nimport org.springframework.boot.SpringApplication;\nimport org.springframework.boot.autoconfigure.SpringBootApplication;\n\n@SpringBootApplication\npublic class PollsApplication {\n  public static void main(String[] args) { SpringApplication.run(PollsApplication.class, args); }\n}\n")
            .Write("src/main/java/org/example/polls/PollController.java", "package org.example.polls;\n\nimport org.slf4j.Logger;\nimport org.slf4j.LoggerFactory;\nimport org.springframework.web.bind.annotation.*;\n\n@RestController\npublic class PollController {\n  private static final Logger logger = LoggerFactory.getLogger(PollController.class);\n\n  @GetMapping(\"/api/polls\")\n  public String polls() { logger.info(\"polls\"); return \"[]\"; }\n}\n");

    [Fact]
    public void A_spring_boot_app_with_boots_default_logging_and_nothing_else_earns_part_of_the_logging_credit()
    {
        // callicoder/spring-security-react-ant-design-polls-app, raeperd/realworld-springboot-java, newbee-mall, lenve/vhr:
        // SLF4J loggers over Boot's logback with no logback file and only log levels in application.properties; no
        // actuator. Auditors: "logging is the default" (5-10).
        using var repo = SpringApp("spring.jpa.show-sql=true\nlogging.level.org.hibernate.SQL=DEBUG\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("logback", facts.Parts.Single(p => p.Path == ".").Facts.List(FactKeys.FrameworkLogging));
        Assert.Equal(FindingStatus.Partial, Finding(evaluation, "monitoring.logging").Finding.Status);
        Assert.InRange(MonitoringScore(evaluation)!.Value, 10, 20);
    }

    [Fact]
    public void A_spring_boot_app_that_configures_its_log_output_logs_with_a_library()
    {
        // A log file and a pattern of its own are logging the team set up, not Boot's default: full credit.
        using var repo = SpringApp("logging.file.name=/var/log/polls/app.log\nlogging.pattern.console=%d %-5level [%X{traceId}] %logger - %msg%n\n");

        var facts = Extract(repo);

        Assert.Empty(facts.Parts.Single(p => p.Path == ".").Facts.List(FactKeys.FrameworkLogging));
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(facts), "monitoring.logging").Finding.Status);
    }

    [Fact]
    public void An_aspnet_core_app_with_the_hosts_default_logger_and_nothing_else_earns_part_of_the_logging_credit()
    {
        // jbogard/ContosoUniversityDotNetCore-Pages, madskristensen/Miniblog.Core, EduardoPires/EquinoxProject, BaGet:
        // a Web SDK project, Logging:LogLevel in appsettings.json, no health checks, no Application Insights.
        // Auditors: "no health checks, metrics, tracing or structured logging beyond default ILogger" (10).
        using var repo = TestRepository.Create()
            .Write("src/Blog/Blog.csproj", WebProject)
            .Write("src/Blog/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddRazorPages();\nvar app = builder.Build();\napp.MapRazorPages();\napp.Run();\n")
            .Write("src/Blog/appsettings.json", "{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } },\n  \"AllowedHosts\": \"*\"\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var logging = evaluation.Findings.Single(f => f.Analyzer.Id == "monitoring.logging" && f.Finding.Status != FindingStatus.NotApplicable).Finding;
        Assert.Equal(FindingStatus.Partial, logging.Status);
        Assert.Contains("microsoft-extensions-logging", logging.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_express_service_that_only_prints_earns_part_of_the_logging_credit()
    {
        // basir/amazona, bradtraversy/devconnector_2.0 and mern-tutorial: console.log in the routes and nothing else
        // (auditors 3-5). Beside a /health route the same prints pass (the sample report's shape).
        using var repo = TestRepository.Create()
            .Write("package.json", "{\"name\":\"shop\",\"dependencies\":{\"express\":\"^4.18.0\",\"mongoose\":\"^8.0.0\"},\"scripts\":{\"start\":\"node server.js\"}}")
            .Write("server.js", "const express = require('express');\nconst app = express();\napp.get('/api/orders', (req, res) => { console.log('orders'); res.json([]); });\napp.listen(5000, () => console.log('listening on 5000'));\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var logging = Finding(evaluation, "monitoring.logging").Finding;
        Assert.Equal(FindingStatus.Partial, logging.Status);
        Assert.Contains("console call", logging.Message, StringComparison.Ordinal);
        Assert.InRange(MonitoringScore(evaluation)!.Value, 10, 20);
    }

    [Fact]
    public void An_aspnet_core_service_that_sends_dogstatsd_counters_exports_metrics()
    {
        // ppy/osu-server-spectator: DogStatsD-CSharp-Client, with DogStatsd.Increment and DogStatsd.Gauge calls through the
        // hubs and entity stores. The auditor: "DogStatsD metrics throughout ... genuine ops metrics"; the tool saw none.
        using var repo = TestRepository.Create()
            .Write("src/Game/Game.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include=\"DogStatsD-CSharp-Client\" Version=\"9.2.0\" /></ItemGroup></Project>")
            .Write("src/Game/Program.cs", "using StatsdClient;\n\nDogStatsd.Configure(new StatsdConfig { StatsdServerName = \"localhost\", Prefix = \"game\" });\nvar app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/Game/Rooms/RoomStore.cs", "using StatsdClient;\n\nnamespace Game.Rooms;\n\npublic class RoomStore\n{\n    private int count;\n\n    public void Add()\n    {\n        count++;\n        DogStatsd.Increment(\"rooms.create\");\n        DogStatsd.Gauge(\"rooms.total\", count);\n    }\n}\n");

        var metrics = Finding(Evaluation.Evaluate(Extract(repo)), "monitoring.metrics", "src/Game").Finding;

        Assert.Equal(FindingStatus.Pass, metrics.Status);
        Assert.Contains("datadog", metrics.Message, StringComparison.Ordinal);
    }
}
