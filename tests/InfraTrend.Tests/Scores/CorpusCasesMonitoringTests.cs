using InfraTrend.Analyzers;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Monitoring cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after
/// the real repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesMonitoringTests
{
    [Fact]
    public void A_pyramid_route_named_before_its_path_is_a_health_route()
    {
        // pypi/warehouse: warehouse/routes.py declares config.add_route("health", "/_health/").
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"shop\"\ndependencies = [\"pyramid>=2\", \"gunicorn\"]\n")
            .Write("shop/routes.py", "def includeme(config):\n    config.add_route(\"health\", \"/_health/\")\n    config.add_route(\"index\", \"/\")\n");

        var routes = Extract(repo).Repository.List(FactKeys.HealthRoutes);

        Assert.Contains("/_health", routes);
        Assert.DoesNotContain("/", routes);
    }

    [Fact]
    public void A_go_route_group_named_health_is_a_health_route()
    {
        // pocketbase: apis/health.go registers rg.Group("/health") and then subGroup.GET("", healthCheck).
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/base\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n")
            .Write("apis/health.go", "package apis\n\nfunc bindHealthApi(rg *Router) {\n\tsub := rg.Group(\"/health\")\n\tsub.GET(\"\", healthCheck)\n\tadmin := rg.Group(\"/admins\")\n\t_ = admin\n}\n");

        var routes = Extract(repo).Repository.List(FactKeys.HealthRoutes);

        Assert.Contains("/health", routes);
        Assert.DoesNotContain("/admins", routes);
    }

    [Fact]
    public void A_servlet_filter_matching_the_health_path_is_a_health_route()
    {
        // openmrs-core: StartupFilter answers when getServletPath().equals("/health/alive").
        using var repo = TestRepository.Create()
            .Write("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>web</artifactId><version>1</version><packaging>war</packaging>
                <dependencies><dependency><groupId>javax.servlet</groupId><artifactId>javax.servlet-api</artifactId><version>4.0.1</version></dependency></dependencies></project>
                """)
            .Write("src/main/java/a/StartupFilter.java", "package a;\n\npublic class StartupFilter implements Filter {\n  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) {\n    if (((HttpServletRequest) request).getServletPath().equals(\"/health/alive\")) { ((HttpServletResponse) response).setStatus(200); }\n  }\n}\n");

        Assert.Contains("/health/alive", Extract(repo).Repository.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void Rails_resources_inside_a_health_namespace_are_health_routes()
    {
        // alaveteli: config/routes.rb `namespace :health do resources :checks, :only => [:index] end`.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.0'\n")
            .Write("config/routes.rb", "Rails.application.routes.draw do\n  namespace :admin do\n    resources :users\n  end\n  namespace :health do\n    resources :checks, :only => [:index]\n  end\nend\n");

        var routes = Extract(repo).Repository.List(FactKeys.HealthRoutes);

        Assert.Contains("/health/checks", routes);
        Assert.DoesNotContain("/admin/users", routes);
    }

    [Fact]
    public void A_spring_cloud_server_without_a_boot_starter_of_its_own_logs_through_logback()
    {
        // spring-petclinic-microservices' config server: spring-cloud-config-server (which brings spring-boot-starter) and no code that logs.
        using var repo = TestRepository.Create()
            .Write("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion>
                <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>
                <groupId>a</groupId><artifactId>config-server</artifactId><version>1</version>
                <dependencies><dependency><groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-config-server</artifactId></dependency></dependencies></project>
                """)
            .Write("src/main/java/a/ConfigServer.java", "package a;\n\n@EnableConfigServer\n@SpringBootApplication\npublic class ConfigServer { public static void main(String[] a) { SpringApplication.run(ConfigServer.class, a); } }\n");

        Assert.Contains("logback", Extract(repo).Repository.List(FactKeys.StructuredLogging));
    }

    private static int? MonitoringScore(TestRepository repo) =>
        InfraTrend.Auditing.Evaluation.Evaluate(Extract(repo)).ScoreCard.Categories.Single(c => c.Category == InfraTrend.Model.Category.Monitoring).Score;

    [Fact]
    public void A_service_that_only_configures_its_logger_scores_about_a_third_of_monitoring()
    {
        // wger, ckan, Kiwi TCMS: a Django service with a LOGGING dict and nothing else (no health route, no error
        // tracking, no metrics); auditors give it 35-45, the baseline the logging check now carries (weight 4 of 18).
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "django==5.0\ngunicorn\n")
            .Write("manage.py", "import os, sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n")
            .Write("shop/settings.py", "import logging\nLOGGING = {\n    'version': 1,\n    'handlers': {'console': {'class': 'logging.StreamHandler'}},\n    'root': {'handlers': ['console'], 'level': 'INFO'},\n}\n")
            .Write("shop/views.py", "import logging\nlogger = logging.getLogger(__name__)\n\ndef index(request):\n    logger.info('index')\n");

        var score = MonitoringScore(repo);

        Assert.InRange(score!.Value, 20, 40);
    }

    [Fact]
    public void A_service_that_prints_beside_a_health_route_keeps_the_logging_credit_the_sample_report_gives_it()
    {
        // umami, the sample report: an Express/Next service whose only logging is a handful of console.log calls, beside a
        // /health route. The sample report (the scale's anchor) credits console logging: a partial took its shape under 35
        // against the report's 45 (SampleReportCalibrationTests). Prints with no other signal at all earn a partial
        // (CorpusCasesMonitoring13Tests).
        using var repo = TestRepository.Create()
            .Write("package.json", "{\"name\":\"shop\",\"dependencies\":{\"express\":\"^4.18.0\"},\"scripts\":{\"start\":\"node server.js\"}}")
            .Write("server.js", "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\napp.get('/orders', (req, res) => { console.log('orders'); res.json([]); });\napp.listen(3000, () => console.log('listening'));\n");

        var logging = Finding(InfraTrend.Auditing.Evaluation.Evaluate(Extract(repo)), "monitoring.logging").Finding;

        Assert.Equal(FindingStatus.Pass, logging.Status);
        Assert.Contains("console call", logging.Message);
    }

    [Fact]
    public void A_logger_module_of_the_projects_own_is_a_logger()
    {
        // ntfy (log/log.go), gotosocial (internal/log): levels and formatting written in-house over the standard library.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/notify\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/notify/log\"\n)\n\nfunc main() {\n\tlog.Info(\"starting\")\n\thttp.ListenAndServe(\":80\", nil)\n}\n")
            .Write("log/log.go", "package log\n\nimport \"fmt\"\n\nfunc Info(msg string) { fmt.Println(\"INFO \" + msg) }\n\nfunc Error(msg string) { fmt.Println(\"ERROR \" + msg) }\n");

        var facts = Extract(repo);
        var logging = Finding(InfraTrend.Auditing.Evaluation.Evaluate(facts), "monitoring.logging").Finding;

        Assert.Contains(InfraTrend.Facts.Code.OwnLoggerFacts.Item, facts.Parts.Single(p => p.Path == ".").Facts.List(FactKeys.StructuredLogging));
        Assert.Equal(FindingStatus.Pass, logging.Status);
    }

    [Fact]
    public void Signale_is_a_logging_library()
    {
        // Ackee: src/utils/signale.js wraps the signale logger the server logs through.
        using var repo = TestRepository.Create()
            .Write("package.json", "{\"name\":\"stats\",\"dependencies\":{\"express\":\"^4.18.0\",\"signale\":\"^1.4.0\"},\"scripts\":{\"start\":\"node src/index.js\"}}")
            .Write("src/index.js", "const express = require('express');\nconst signale = require('signale');\nconst app = express();\napp.listen(3000, () => signale.success('listening'));\n");

        Assert.Contains("signale", Extract(repo).Parts.Single(p => p.Path == ".").Facts.List(FactKeys.StructuredLogging));
    }

    [Fact]
    public void A_helper_part_that_prints_beside_a_logged_service_shares_its_logging()
    {
        // vikunja (desktop/ beside the Go API with pkg/log), rallly (apps/landing beside apps/web with pino).
        using var repo = TestRepository.Create()
            .Write("apps/api/package.json", "{\"name\":\"api\",\"dependencies\":{\"express\":\"^4.18.0\",\"pino\":\"^9.0.0\"},\"scripts\":{\"start\":\"node server.js\"}}")
            .Write("apps/api/server.js", "const express = require('express');\nconst pino = require('pino');\nconst log = pino();\nconst app = express();\napp.listen(3000, () => log.info('listening'));\n")
            .Write("apps/desktop/package.json", "{\"name\":\"desktop\",\"main\":\"main.js\",\"dependencies\":{\"electron\":\"^30.0.0\"},\"scripts\":{\"start\":\"electron .\"}}")
            .Write("apps/desktop/main.js", "console.log('starting the desktop shell');\n");

        var facts = Extract(repo);
        var evaluation = InfraTrend.Auditing.Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.LoggerInRepository));
        var logging = evaluation.Findings.Where(f => f.Analyzer.Id == "monitoring.logging" && f.Finding.Status != FindingStatus.NotApplicable).ToList();
        Assert.Contains(logging, f => f.PartPath == "apps/desktop");
        Assert.All(logging, f => Assert.Equal(FindingStatus.Pass, f.Finding.Status));
    }
}
