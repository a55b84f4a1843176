using InfraTrend.Facts;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.DotnetFixture;

namespace InfraTrend.Tests.Facts;

public class DotnetCodeUsageFactsTests
{
    private const string Program = """
        using Serilog;
        using Serilog.Formatting.Compact;

        var builder = WebApplication.CreateBuilder(args);

        builder.Host.UseSerilog((context, logger) => logger
            .ReadFrom.Configuration(context.Configuration)
            .WriteTo.Console(new CompactJsonFormatter()));
        builder.WebHost.UseSentry(options => options.Dsn = builder.Configuration["Sentry:Dsn"]);

        builder.Services.AddDbContext<AppDb>(options => options.UseNpgsql(builder.Configuration.GetConnectionString("Default")));
        builder.Services.AddHealthChecks();
        builder.Services.AddCors(options => options.AddPolicy("web", policy => policy.WithOrigins("https://app.example.com")));
        builder.Services.AddAuthentication().AddJwtBearer();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddPrometheusExporter());

        var app = builder.Build();

        app.UseHsts();
        app.UseHttpsRedirection();
        app.UseCors("web");
        app.MapHealthChecks("/healthz");
        app.MapPrometheusScrapingEndpoint();

        app.Run();
        """;

    [Fact]
    public void Minimal_hosting_program_tells_its_security_monitoring_and_database_facts_with_their_lines()
    {
        using var repo = WebApi(Program);

        var api = Extract(repo).Part("src/Api");

        Evidence At(int line) => new("src/Api/Program.cs", line);
        Assert.Equal(["hsts"], api.List(FactKeys.SecurityHeaders));
        Assert.Equal([At(21)], api.EvidenceOf(FactKeys.SecurityHeaders, "hsts"));
        Assert.True(api.Bool(FactKeys.HttpsEnforced));
        Assert.Equal([At(21), At(22)], api.EvidenceOf(FactKeys.HttpsEnforced));
        Assert.True(api.Bool(FactKeys.CorsConfigured));
        Assert.Equal([At(13)], api.EvidenceOf(FactKeys.CorsConfigured));
        Assert.False(api.Bool(FactKeys.CorsPermissive));
        Assert.Equal(["jwt"], api.List(FactKeys.Auth));
        Assert.Equal([At(14)], api.EvidenceOf(FactKeys.Auth, "jwt"));
        Assert.True(api.Bool(FactKeys.HealthEndpoint));
        Assert.Equal([At(24)], api.EvidenceOf(FactKeys.HealthEndpoint));
        Assert.Equal(["/healthz"], api.List(FactKeys.HealthRoutes));
        Assert.Equal(["opentelemetry"], api.List(FactKeys.Tracing));
        Assert.Equal([At(16)], api.EvidenceOf(FactKeys.Tracing, "opentelemetry"));
        Assert.Equal(["opentelemetry-metrics", "prometheus"], api.List(FactKeys.Metrics));
        Assert.Equal([At(17)], api.EvidenceOf(FactKeys.Metrics, "opentelemetry-metrics"));
        Assert.Equal([At(17), At(25)], api.EvidenceOf(FactKeys.Metrics, "prometheus"));
        Assert.Equal(["serilog"], api.List(FactKeys.StructuredLogging));
        Assert.Equal([At(6)], api.EvidenceOf(FactKeys.StructuredLogging, "serilog"));
        Assert.True(api.Bool(FactKeys.StructuredOutput));
        Assert.Equal([At(8)], api.EvidenceOf(FactKeys.StructuredOutput));
        Assert.Equal(["sentry"], api.List(FactKeys.ErrorTracking));
        Assert.Equal([At(9)], api.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal(["postgres"], api.List(FactKeys.DatabaseEngines));
        Assert.Equal([At(11)], api.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));
        Assert.Equal(0, api.Number(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Calls_in_comments_and_string_literals_never_count()
    {
        using var repo = WebApi(""""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            // app.UseHsts();
            /* app.UseRateLimiter();
               Console.WriteLine("in a block comment"); */
            var text = "app.UseHttpsRedirection(); Console.WriteLine(1);";
            var verbatim = @"builder.Services.AddJwtBearer();
            Console.WriteLine(""quoted"");";
            var raw = """
                builder.Services.AddStackExchangeRedisCache(o => { });
                Console.Error.WriteLine("raw");
                """;
            /// <summary>app.UseHsts() in a doc comment</summary>
            Console.WriteLine($"a real call {text.Length}");
            app.Run();
            """");

        var api = Extract(repo).Part("src/Api");

        Assert.Empty(api.List(FactKeys.SecurityHeaders));
        Assert.False(api.Bool(FactKeys.HttpsEnforced));
        Assert.False(api.Bool(FactKeys.RateLimiting));
        Assert.Empty(api.List(FactKeys.Auth));
        Assert.Empty(api.List(FactKeys.Cache));
        Assert.Equal(1, api.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([new Evidence("src/Api/Program.cs", 14)], api.EvidenceOf(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Logs_sent_through_OpenTelemetry_are_logging_not_tracing()
    {
        // eShop's service defaults: `builder.Logging.AddOpenTelemetry(...)` was once read as tracing.
        using var repo = WebApi("var builder = WebApplication.CreateBuilder(args);\nbuilder.Logging.AddOpenTelemetry(logging => logging.IncludeFormattedMessage = true);\n");

        var api = Extract(repo).Part("src/Api");

        Assert.Empty(api.List(FactKeys.Tracing));
        Assert.Equal(["microsoft-extensions-logging"], api.List(FactKeys.StructuredLogging));
    }

    [Theory]
    [InlineData("builder.Services.AddRateLimiter(o => { });", FactKeys.RateLimiting, null)]
    [InlineData("app.UseRateLimiter();", FactKeys.RateLimiting, null)]
    [InlineData("app.UseIpRateLimiting();", FactKeys.RateLimiting, null)]
    [InlineData("app.UseHttpsRedirection();", FactKeys.HttpsEnforced, null)]
    [InlineData("context.Response.Headers.Append(\"Content-Security-Policy\", \"default-src 'self'\");", FactKeys.SecurityHeaders, "csp")]
    [InlineData("builder.Services.AddOpenTelemetry();", FactKeys.Tracing, "opentelemetry")]
    [InlineData("builder.Services.AddApplicationInsightsTelemetry();", FactKeys.Tracing, "application-insights")]
    [InlineData("app.UseHttpMetrics();", FactKeys.Metrics, "prometheus")]
    [InlineData("app.MapMetrics();", FactKeys.Metrics, "prometheus")]
    [InlineData("Log.Logger = new LoggerConfiguration().CreateLogger();", FactKeys.StructuredLogging, "serilog")]
    [InlineData("builder.Services.AddSerilog();", FactKeys.StructuredLogging, "serilog")]
    [InlineData("builder.Logging.AddJsonConsole();", FactKeys.StructuredLogging, "microsoft-extensions-logging")]
    [InlineData("builder.Logging.AddJsonConsole();", FactKeys.StructuredOutput, null)]
    [InlineData("builder.Logging.AddOpenTelemetry(o => o.IncludeScopes = true);", FactKeys.StructuredLogging, "microsoft-extensions-logging")]
    [InlineData("builder.Logging.AddOpenTelemetry(o => o.IncludeScopes = true);", FactKeys.StructuredOutput, null)]
    [InlineData("builder.Host.UseNLog();", FactKeys.StructuredLogging, "nlog")]
    [InlineData("builder.Logging.AddLog4Net();", FactKeys.StructuredLogging, "log4net")]
    [InlineData("SentrySdk.Init(o => { });", FactKeys.ErrorTracking, "sentry")]
    [InlineData("builder.Services.AddSentry();", FactKeys.ErrorTracking, "sentry")]
    [InlineData("builder.Services.AddAuthentication().AddOpenIdConnect();", FactKeys.Auth, "openid-connect")]
    [InlineData("builder.Services.AddIdentity<User, Role>();", FactKeys.Auth, "aspnetcore-identity")]
    [InlineData("builder.Services.AddDefaultIdentity<User>();", FactKeys.Auth, "aspnetcore-identity")]
    [InlineData("builder.Services.AddIdentityCore<User>();", FactKeys.Auth, "aspnetcore-identity")]
    [InlineData("builder.Services.AddAuthentication().AddCookie();", FactKeys.Auth, "session")]
    [InlineData("var redis = ConnectionMultiplexer.Connect(\"localhost\");", FactKeys.Cache, "redis")]
    [InlineData("builder.Services.AddStackExchangeRedisCache(o => { });", FactKeys.Cache, "redis")]
    [InlineData("builder.Services.AddHangfire(c => { });", FactKeys.BackgroundJobs, "hangfire")]
    [InlineData("builder.Services.AddQuartz();", FactKeys.BackgroundJobs, "quartz")]
    [InlineData("builder.Services.AddMassTransit(x => { });", FactKeys.BackgroundJobs, "masstransit")]
    [InlineData("var blobs = new BlobServiceClient(connection);", FactKeys.ObjectStorage, "azure-blob")]
    [InlineData("var s3 = new AmazonS3Client();", FactKeys.ObjectStorage, "s3")]
    [InlineData("builder.Services.AddDbContext<AppDb>(o => o.UseSqlServer(connection));", FactKeys.DatabaseEngines, "sqlserver")]
    [InlineData("builder.Services.AddDbContext<AppDb>(o => o.UseSqlite(connection));", FactKeys.DatabaseEngines, "sqlite")]
    [InlineData("builder.Services.AddDbContext<AppDb>(o => o.UseMySql(connection, version));", FactKeys.DatabaseEngines, "mysql")]
    [InlineData("app.MapGet(\"/health\", () => Results.Ok());", FactKeys.HealthRoutes, "/health")]
    public void A_call_in_application_code_tells_its_fact_at_its_line(string statement, string key, string? item)
    {
        using var repo = WebApi($"var builder = WebApplication.CreateBuilder(args);\n{statement}\n");

        var api = Extract(repo).Part("src/Api");

        var expected = new Evidence("src/Api/Program.cs", 2);
        if (item is null)
        {
            Assert.True(api.Bool(key));
            Assert.Contains(expected, api.EvidenceOf(key));
        }
        else
        {
            Assert.Contains(item, api.List(key));
            Assert.Equal([expected], api.EvidenceOf(key, item));
        }
    }

    [Fact]
    public void Console_writes_are_counted_per_call()
    {
        using var repo = WebApi("""
            Console.WriteLine("one");
            System.Console.Write("two");
            Console.Error.WriteLine("three");
            Console.Out.WriteLine("four");
            Console.ReadLine();
            logger.WriteLine("not the console");
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(4, api.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([1, 2, 3, 4], api.EvidenceOf(FactKeys.ConsoleLogCalls).Select(e => e.Line));
    }

    [Fact]
    public void Wildcard_origins_make_cors_permissive_not_configured()
    {
        using var repo = WebApi("""
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("any", policy => policy.AllowAnyOrigin());
                options.AddPolicy("echo", policy => policy.SetIsOriginAllowed(_ => true));
                options.AddPolicy("star", policy => policy.WithOrigins("*"));
            });
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.True(api.Bool(FactKeys.CorsPermissive));
        Assert.Equal([3, 4, 5], api.EvidenceOf(FactKeys.CorsPermissive).Select(e => e.Line));
        Assert.False(api.Bool(FactKeys.CorsConfigured));
    }

    [Fact]
    public void Health_routes_come_from_mapped_checks_minimal_routes_and_controller_attributes_not_from_registering_checks()
    {
        using var repo = WebApi("""
            builder.Services.AddHealthChecks();
            app.MapGet("/alive", () => "ok");
            """);
        repo.Write("src/Api/Controllers/StatusController.cs", """
            [ApiController]
            public class StatusController : ControllerBase
            {
                [HttpGet("api/health/ready")]
                public IActionResult Ready() => Ok();

                [HttpGet("api/orders")]
                public IActionResult Orders() => Ok();
            }
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(["/alive", "api/health/ready"], api.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("src/Api/Controllers/StatusController.cs", 4), new Evidence("src/Api/Program.cs", 2)], api.EvidenceOf(FactKeys.HealthEndpoint));
    }

    /// <summary>Shaped after a .NET service repository whose every service answers on an attribute route from the site root.</summary>
    [Fact]
    public void A_controller_route_from_the_site_root_is_a_health_route()
    {
        using var repo = WebApi("app.MapControllers();");
        repo.Write("src/Api/Controllers/InfoController.cs", """
            public class InfoController : Controller
            {
                [HttpGet("~/alive")]
                public DateTime GetAlive() => DateTime.UtcNow;
            }
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(["/alive"], api.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("src/Api/Controllers/InfoController.cs", 3)], api.EvidenceOf(FactKeys.HealthEndpoint));
    }

    [Fact]
    public void Health_route_given_by_a_string_constant_of_the_same_file_is_read()
    {
        using var repo = WebApi("app.MapDefaultEndpoints();");
        repo.Write("src/Api/Extensions.cs", """
            public static class Extensions
            {
                private const string HealthEndpointPath = "/health";
                private const string AlivenessEndpointPath = "/alive";

                public static WebApplication MapDefaultEndpoints(this WebApplication app)
                {
                    app.MapHealthChecks(HealthEndpointPath);
                    app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
                    return app;
                }
            }
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(["/alive", "/health"], api.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("src/Api/Extensions.cs", 8)], api.EvidenceOf(FactKeys.HealthRoutes, "/health"));
    }

    [Fact]
    public void Health_checks_registered_but_never_mapped_serve_no_endpoint()
    {
        using var repo = WebApi("builder.Services.AddHealthChecks().AddNpgSql(connection);");

        var api = Extract(repo).Part("src/Api");

        Assert.False(api.Bool(FactKeys.HealthEndpoint));
        Assert.Empty(api.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void Calls_in_a_library_go_to_every_part_that_references_it_and_counts_to_the_first_only()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/Api/Api.csproj", Project(references: ["..\\Infrastructure\\Infrastructure.csproj"]))
            .Write("src/Api/Program.cs", "builder.Services.AddInfrastructure(builder.Configuration);")
            .Write("src/Worker/Worker.csproj", Project(sdk: "Microsoft.NET.Sdk.Worker", references: ["../Infrastructure/Infrastructure.csproj"]))
            .Write("src/Infrastructure/Infrastructure.csproj", Project(sdk: "Microsoft.NET.Sdk"))
            .Write("src/Infrastructure/DependencyInjection.cs", """
                public static class DependencyInjection
                {
                    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
                    {
                        services.AddStackExchangeRedisCache(options => options.Configuration = configuration["Redis"]);
                        services.AddHangfire(config => config.UseRedisStorage());
                        Console.WriteLine("infrastructure ready");
                        return services;
                    }
                }
                """);

        var facts = Extract(repo);

        var library = "src/Infrastructure/DependencyInjection.cs";
        foreach (var part in new[] { "src/Api", "src/Worker" })
        {
            Assert.Equal(["redis"], facts.Part(part).List(FactKeys.Cache));
            Assert.Equal([new Evidence(library, 5)], facts.Part(part).EvidenceOf(FactKeys.Cache, "redis"));
            Assert.Equal(["hangfire"], facts.Part(part).List(FactKeys.BackgroundJobs));
        }
        Assert.Equal(1, facts.Part("src/Api").Number(FactKeys.ConsoleLogCalls));
        Assert.Equal(0, facts.Part("src/Worker").Number(FactKeys.ConsoleLogCalls));
        Assert.Equal(1, facts.Repository.Number(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void An_aspire_app_host_is_not_a_part_and_a_library_belongs_to_the_part_that_uses_it()
    {
        using var repo = TestRepository.Create();
        repo.Write("src/AppHost/AppHost.csproj", """
                <Project Sdk="Aspire.AppHost.Sdk/9.1.0">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net9.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="..\Api\Api.csproj" />
                  </ItemGroup>
                </Project>
                """)
            .Write("src/Api/Api.csproj", Project(references: ["../Infrastructure/Infrastructure.csproj"]))
            .Write("src/Infrastructure/Infrastructure.csproj", Project(sdk: "Microsoft.NET.Sdk"))
            .Write("src/Infrastructure/Cache.cs", "public sealed class Cache(IConnectionMultiplexer redis) { }");

        var facts = Extract(repo);

        Assert.Equal(["src/Api"], facts.Parts.Select(p => p.Path));
        Assert.Equal(["redis"], facts.Part("src/Api").List(FactKeys.Cache));
    }

    [Fact]
    public void Test_projects_migrations_generated_code_build_output_and_samples_are_not_application_code()
    {
        const string call = "Console.WriteLine(\"x\");";
        using var repo = WebApi(call);
        repo.Write("tests/Api.Tests/ApiTests.cs", call)
            .Write("src/Api/Migrations/20240101000000_Initial.cs", call)
            .Write("src/Api/Forms/Main.Designer.cs", call)
            .Write("src/Api/Generated/Client.g.cs", call)
            .Write("src/Api/obj/Debug/net8.0/Api.AssemblyInfo.cs", call)
            .Write("samples/Demo/Program.cs", call)
            .Write("src/Api/Tools/Seed.cs", call);

        var facts = Extract(repo);

        Assert.Equal(2, facts.Repository.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([new Evidence("src/Api/Program.cs", 1), new Evidence("src/Api/Tools/Seed.cs", 1)], facts.Part("src/Api").EvidenceOf(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Sentry_that_is_only_a_dependency_is_not_listed_but_its_wiring_says_so()
    {
        using var repo = WebApi("var app = WebApplication.CreateBuilder(args).Build();");

        var api = Extract(repo).Part("src/Api");

        Assert.Empty(api.List(FactKeys.ErrorTracking));
        Assert.Equal("dependency", api.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([new Evidence("src/Api/Api.csproj", 8)], api.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
    }

    [Fact]
    public void Sentry_wiring_lists_dependency_init_and_a_dsn_from_appsettings()
    {
        using var repo = WebApi("builder.WebHost.UseSentry();");

        Assert.Equal("dependency,init", Extract(repo).Part("src/Api").Map(FactKeys.ErrorTrackingWiring)["sentry"]);

        repo.Write("src/Api/appsettings.json", """
            {
              "Sentry": {
                "Dsn": "https://public@o1.ingest.sentry.io/1"
              }
            }
            """);
        var api = Extract(repo).Part("src/Api");

        Assert.Equal("dependency,init,dsn", api.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Contains(new Evidence("src/Api/appsettings.json", 3), api.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
        Assert.Equal([new Evidence("src/Api/Program.cs", 1)], api.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
    }

    [Fact]
    public void Sentry_dsn_from_the_environment_in_any_configuration_file_completes_the_wiring()
    {
        using var repo = WebApi("builder.WebHost.UseSentry();");
        repo.Write("docker-compose.yml", """
            services:
              api:
                build: .
                environment:
                  SENTRY_DSN: ${SENTRY_DSN}
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal("dependency,init,dsn", api.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Contains(new Evidence("docker-compose.yml", 5), api.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
    }

    [Fact]
    public void Serilog_json_formatter_in_appsettings_is_structured_output_only_where_serilog_is_used()
    {
        const string settings = """
            {
              "Serilog": {
                "WriteTo": [
                  { "Name": "Console", "Args": { "formatter": "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact" } }
                ]
              }
            }
            """;
        using var configured = WebApi("builder.Host.UseSerilog((context, logger) => logger.ReadFrom.Configuration(context.Configuration));");
        configured.Write("src/Api/appsettings.json", settings);
        using var unused = WebApi("var app = WebApplication.CreateBuilder(args).Build();");
        unused.Write("src/Api/appsettings.json", settings);

        var api = Extract(configured).Part("src/Api");

        Assert.True(api.Bool(FactKeys.StructuredOutput));
        Assert.Equal([new Evidence("src/Api/appsettings.json", 4)], api.EvidenceOf(FactKeys.StructuredOutput));
        Assert.False(Extract(unused).Part("src/Api").Bool(FactKeys.StructuredOutput));
    }

    [Fact]
    public void Json_console_formatter_in_appsettings_is_structured_output_of_aspnetcore_logging()
    {
        using var repo = WebApi("var app = WebApplication.CreateBuilder(args).Build();");
        repo.Write("src/Api/appsettings.Production.json", """
            {
              "Logging": {
                "Console": {
                  "FormatterName": "json"
                }
              }
            }
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(["microsoft-extensions-logging"], api.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("src/Api/appsettings.Production.json", 4)], api.EvidenceOf(FactKeys.StructuredOutput));
    }

    [Fact]
    public void NLog_is_told_from_the_usings_and_its_json_layout_from_nlog_config()
    {
        using var repo = WebApi("""
            using NLog;

            var logger = LogManager.GetLogger("api");
            logger.Info("starting");
            """);
        repo.Write("src/Api/nlog.config", """
            <nlog>
              <targets>
                <target name="console" xsi:type="Console">
                  <layout xsi:type="JsonLayout" />
                </target>
              </targets>
            </nlog>
            """);

        var api = Extract(repo).Part("src/Api");

        Assert.Equal(["nlog"], api.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("src/Api/Program.cs", 3)], api.EvidenceOf(FactKeys.StructuredLogging, "nlog"));
        Assert.Equal([new Evidence("src/Api/nlog.config", 4)], api.EvidenceOf(FactKeys.StructuredOutput));
    }

    [Fact]
    public void Only_files_that_mention_a_call_outside_comments_are_parsed_and_each_once()
    {
        using var repo = WebApi("""
            var app = WebApplication.CreateBuilder(args).Build();
            app.UseHsts();
            using (var scope = app.Services.CreateScope())
                scope.ServiceProvider.GetRequiredService<AppDb>().Database.Migrate();
            """);
        repo.Write("src/Api/Orders/Order.cs", "public sealed record Order(int Id, decimal Total);")
            .Write("src/Api/Orders/OrderService.cs", """
                using Api.AdminConsole.Models;

                /// <summary>Unlike Console.WriteLine, this logs through ILogger.</summary>
                public sealed class OrderService
                {
                    /* app.UseHsts() lives in Program.cs */
                    public Order Find(int id) => new(id, 0);
                }
                """);
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        var context = new FactContext(snapshot, PartDetector.Detect(snapshot));

        new CSharpUsageFacts().Collect(context);
        new EfCoreMigrationFacts().Collect(context);

        Assert.Equal(1, CSharpSyntaxTrees.Of(context).Parsed);
        Assert.True(context.PartOf("src/Api/Program.cs")!.Facts.Bool(FactKeys.HttpsEnforced));
        Assert.Equal(["start"], context.Repository.List(FactKeys.MigrationsAppliedAt));
    }
}
