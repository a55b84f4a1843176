using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class MonitoringAnalyzerTests
{
    [Theory]
    [InlineData("monitoring.health-endpoint")]
    [InlineData("monitoring.logging")]
    [InlineData("monitoring.tracing")]
    [InlineData("monitoring.metrics")]
    [InlineData("monitoring.structured-logging")]
    public void Server_Side_Monitoring_Does_Not_Apply_To_A_Web_Front_End(string id)
    {
        var finding = OnPart(id, Part("web", path: "frontend"));

        Assert.Equal(FindingStatus.NotApplicable, finding.Status);
        Assert.Contains("frontend", finding.Message);
    }

    [Fact]
    public void Health_Endpoint_Probed_By_The_Platform_Passes_And_Says_The_Check_Is_Declared()
    {
        var part = Part("service", t =>
        {
            t.Flag(FactKeys.HealthEndpoint, new Evidence("backend/src/app.ts", 40));
            t.Add(FactKeys.HealthRoutes, "/health", new Evidence("backend/src/app.ts", 40));
        });
        var repository = Table(t => t.Add(FactKeys.PlatformHealthCheck, "/health", new Evidence("render.yaml", 12)));

        var finding = OnPart("monitoring.health-endpoint", part, repository);

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("serves /health", finding.Message);
        Assert.Contains("declared, not observed", finding.Message);
        Assert.Equal([new Evidence("backend/src/app.ts", 40), new Evidence("render.yaml", 12)], finding.Evidence);
    }

    [Fact]
    public void A_Parts_Evidence_Leaves_Out_What_Other_Parts_Merged_Into_The_Repository()
    {
        var backend = Part("service", t => t.Add(FactKeys.Metrics, "prometheus", new Evidence("backend/src/metrics.ts", 4)), path: "backend");
        var worker = Part("worker", t => t.Add(FactKeys.Metrics, "prometheus", new Evidence("worker/src/metrics.ts", 9)), path: "worker");
        var repository = Table();
        foreach (var part in new[] { backend, worker })
            repository.MergeFrom(part.Facts, key => key.Scope == FactScope.Part);

        var finding = OnPart("monitoring.metrics", backend, repository);

        Assert.Equal([new Evidence("backend/src/metrics.ts", 4)], finding.Evidence);
    }

    [Theory]
    [InlineData("/healthz", FindingStatus.Partial)]
    [InlineData("/api/health", FindingStatus.Pass)]
    [InlineData("/health/", FindingStatus.Pass)]
    public void Health_Endpoint_Probed_On_A_Path_The_App_Does_Not_Serve_Is_Partial(string probed, FindingStatus expected)
    {
        var part = Part("service", t =>
        {
            t.Flag(FactKeys.HealthEndpoint, new Evidence("backend/src/app.ts", 40));
            t.Add(FactKeys.HealthRoutes, "/health", new Evidence("backend/src/app.ts", 40));
        });
        var repository = Table(t =>
        {
            t.Add(FactKeys.Platforms, "render");
            t.Add(FactKeys.PlatformHealthCheck, probed, new Evidence("render.yaml", 12));
        });

        var finding = OnPart("monitoring.health-endpoint", part, repository);

        Assert.Equal(expected, finding.Status);
        if (expected == FindingStatus.Partial)
        {
            Assert.Equal("The application serves /health, but the platform probes /healthz, which it does not serve.", finding.Message);
            Assert.Equal("Point the platform's health check at /health, or serve /healthz.", finding.Fix);
        }
    }

    [Fact]
    public void Health_Endpoint_Nothing_Probes_Is_Partial()
    {
        var part = Part("service", t => t.Flag(FactKeys.HealthEndpoint, new Evidence("backend/src/app.ts", 40)));
        var repository = Table(t => t.Add(FactKeys.Platforms, "render"));

        var finding = OnPart("monitoring.health-endpoint", part, repository);

        Assert.Equal((FindingStatus.Partial, 0.75), (finding.Status, finding.Score));
        Assert.Contains("nothing probes it", finding.Message);
        Assert.Contains("healthCheckPath: /health", finding.Fix);
    }

    [Theory]
    [InlineData("node", "", "app.get('/health', (req, res) => res.json({ status: 'ok' }))")]
    [InlineData("node", "nestjs", "pnpm add @nestjs/terminus")]
    [InlineData("dotnet", "aspnetcore", "builder.Services.AddHealthChecks(); and app.MapHealthChecks(\"/health\");")]
    public void Health_Endpoint_Missing_Fails_With_The_Frameworks_Route(string stack, string framework, string expected)
    {
        var part = Part("service", t =>
        {
            if (stack == "node")
                t.Node();
            else
                t.DotNet();
            if (framework.Length > 0)
                t.Add(FactKeys.Frameworks, framework);
        });

        var finding = OnPart("monitoring.health-endpoint", part, Table(t => t.Node()));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains(expected, finding.Fix);
    }

    [Fact]
    public void Logging_With_Console_Calls_Beside_A_Health_Route_Passes_And_Counts_Them()
    {
        var finding = OnPart("monitoring.logging", Part("service", t =>
        {
            t.Count(FactKeys.ConsoleLogCalls, 149, new Evidence("backend/src/app.ts", 3));
            t.Flag(FactKeys.HealthEndpoint, new Evidence("backend/src/app.ts", 40));
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("149 console calls", finding.Message);
    }

    [Fact]
    public void Logging_With_Console_Calls_And_No_Other_Signal_Is_Partial()
    {
        var finding = OnPart("monitoring.logging", Part("service", t => t.Count(FactKeys.ConsoleLogCalls, 149, new Evidence("backend/src/app.ts", 3))));

        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.75, finding.Score);
        Assert.Contains("149 console calls", finding.Message);
    }

    [Fact]
    public void Logging_Passes_With_A_Library_And_Fails_Without_Any()
    {
        var library = OnPart("monitoring.logging", Part("worker", t => t.Add(FactKeys.StructuredLogging, "serilog")));
        var nothing = OnPart("monitoring.logging", Part("worker", t => t.DotNet()));

        Assert.Equal(FindingStatus.Pass, library.Status);
        Assert.Contains("serilog", library.Message);
        Assert.Equal(FindingStatus.Fail, nothing.Status);
        Assert.Contains("dotnet add package Serilog.AspNetCore", nothing.Fix);
    }

    [Fact]
    public void Logging_Fix_For_A_Dotnet_Console_Program_Needs_No_Web_Host()
    {
        var console = OnPart("monitoring.logging", Part("app", t => t.DotNet()));

        Assert.Equal(FindingStatus.Fail, console.Status);
        Assert.Contains("dotnet add package Serilog.Sinks.Console", console.Fix);
        Assert.DoesNotContain("AspNetCore", console.Fix);
        Assert.DoesNotContain("builder.Host", console.Fix);
    }

    [Theory]
    [InlineData("pnpm", "", "pnpm add @sentry/node")]
    [InlineData("npm", "", "npm install @sentry/node")]
    [InlineData("pnpm", "react", "pnpm add @sentry/react")]
    [InlineData("pnpm", "nextjs,react", "pnpm add @sentry/nextjs")]
    [InlineData("nuget", "aspnetcore", "dotnet add package Sentry.AspNetCore")]
    public void Error_Tracking_Missing_Fails_With_The_Sdk_For_The_Stack(string manager, string frameworks, string expected)
    {
        var repository = Table(t =>
        {
            if (manager == "nuget")
                t.DotNet();
            else
                t.Node(manager);
        });
        var part = Part("service", t =>
        {
            t.Add(FactKeys.Languages, manager == "nuget" ? "csharp" : "typescript");
            foreach (var framework in frameworks.Split(',', StringSplitOptions.RemoveEmptyEntries))
                t.Add(FactKeys.Frameworks, framework);
        });

        var finding = OnPart("monitoring.error-tracking", part, repository);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.StartsWith(expected, finding.Fix);
    }

    [Fact]
    public void Error_Tracking_Without_A_Dsn_Is_Partial_And_Says_What_Is_Missing()
    {
        var part = Part("service", t =>
        {
            t.Node();
            t.Add(FactKeys.ErrorTracking, "sentry", new Evidence("backend/src/instrument.ts", 3));
            t.SetEntry(FactKeys.ErrorTrackingWiring, "sentry", "dependency,init", new Evidence("backend/src/instrument.ts", 3));
        });

        var finding = OnPart("monitoring.error-tracking", part);

        Assert.Equal((FindingStatus.Partial, 0.75), (finding.Status, finding.Score));
        Assert.Contains("sentry has its dependency and init but no DSN", finding.Message);
        Assert.Contains("process.env.SENTRY_DSN", finding.Fix);
    }

    [Fact]
    public void Error_Tracking_Passes_When_One_Sdk_Has_Its_Dsn()
    {
        var part = Part("service", t =>
        {
            t.Add(FactKeys.ErrorTracking, "sentry");
            t.SetEntry(FactKeys.ErrorTrackingWiring, "sentry", "dependency,init,dsn");
            t.SetEntry(FactKeys.ErrorTrackingWiring, "bugsnag", "dependency");
        });

        Assert.Equal(FindingStatus.Pass, OnPart("monitoring.error-tracking", part).Status);
    }

    [Fact]
    public void Error_Tracking_Only_As_A_Dependency_Is_Partial_And_Says_The_Init_Call_Is_Missing()
    {
        var part = Part("service", t => t.SetEntry(FactKeys.ErrorTrackingWiring, "sentry", "dependency"));

        var finding = OnPart("monitoring.error-tracking", part);

        Assert.Equal((FindingStatus.Partial, 0.25), (finding.Status, finding.Score));
        Assert.Contains("sentry has its dependency but no init call", finding.Message);
    }

    [Fact]
    public void Tracing_Agent_Only_As_A_Dependency_Is_Partial_And_Says_How_To_Start_It()
    {
        var part = Part("service", t =>
        {
            t.Node();
            t.SetEntry(FactKeys.TracingWiring, "datadog", "dependency", new Evidence("backend/package.json", 12));
        });

        var finding = OnPart("monitoring.tracing", part);

        Assert.Equal((FindingStatus.Partial, 0.25), (finding.Status, finding.Score));
        Assert.Equal("datadog is a dependency but is never started: no init call and no preload.", finding.Message);
        Assert.Contains("--require dd-trace/init", finding.Fix);
        Assert.Equal([new Evidence("backend/package.json", 12)], finding.Evidence);
    }

    [Theory]
    [InlineData("monitoring.tracing", FactKeys.Tracing, "opentelemetry", "pnpm add @opentelemetry/sdk-node")]
    [InlineData("monitoring.metrics", FactKeys.Metrics, "prometheus", "pnpm add prom-client")]
    public void Tracing_And_Metrics_Pass_With_A_Library_And_Fail_With_A_Stack_Fix(string id, string key, string library, string fix)
    {
        var present = OnPart(id, Part("service", t => t.Add(key, library, new Evidence("backend/src/telemetry.ts", 1))));
        var absent = OnPart(id, Part("service"), Table(t => t.Node("pnpm")));

        Assert.Equal(FindingStatus.Pass, present.Status);
        Assert.Contains(library, present.Message);
        Assert.Equal(FindingStatus.Fail, absent.Status);
        Assert.StartsWith(fix, absent.Fix);
    }

    [Fact]
    public void Structured_Logging_Passes_With_Structured_Output()
    {
        var part = Part("service", t =>
        {
            t.Add(FactKeys.StructuredLogging, "pino");
            t.Flag(FactKeys.StructuredOutput, new Evidence("backend/src/logger.ts", 2));
        });

        Assert.Equal(FindingStatus.Pass, OnPart("monitoring.structured-logging", part).Status);
    }

    [Fact]
    public void Structured_Logging_With_A_Plain_Text_Library_Is_Half_And_Fixes_That_Library()
    {
        var finding = OnPart("monitoring.structured-logging", Part("service", t => t.Add(FactKeys.StructuredLogging, "winston")));

        Assert.Equal((FindingStatus.Partial, 0.5), (finding.Status, finding.Score));
        Assert.Contains("winston.format.json()", finding.Fix);
    }

    [Theory]
    [InlineData("pnpm", "pnpm add pino")]
    [InlineData("nuget", "CompactJsonFormatter")]
    public void Structured_Logging_Missing_Fails_With_The_Stacks_Logger(string manager, string expected)
    {
        var repository = Table(t =>
        {
            if (manager == "nuget")
                t.DotNet();
            else
                t.Node(manager);
        });

        var finding = OnPart("monitoring.structured-logging", Part("service", t => t.Count(FactKeys.ConsoleLogCalls, 12)), repository);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("12 console calls", finding.Message);
        Assert.Contains(expected, finding.Fix);
    }

    [Fact]
    public void Alerting_Passes_When_Declared_And_Fails_Otherwise()
    {
        var declared = OnRepository("monitoring.alerting", Table(t => t.Add(FactKeys.Alerting, "prometheus-rules", new Evidence("ops/alerts.yml", 1))));
        var missing = OnRepository("monitoring.alerting", Table(t => t.Add(FactKeys.HealthRoutes, "/healthz")));

        Assert.Equal(FindingStatus.Pass, declared.Status);
        Assert.Equal(FindingStatus.Fail, missing.Status);
        Assert.Contains("/healthz", missing.Fix);
    }
}
