using System.Buffers;
using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Go;
using InfraTrend.Facts.Node;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InfraTrend.Facts.Dotnet;

/// <summary>
/// What application C# code really calls (security middleware, health checks, telemetry, logging, error
/// tracking, auth, caches, jobs, storage, database providers, Console output), read from Roslyn syntax trees
/// so that a call in a comment or a string never counts. Only files that mention a name below are parsed.
/// </summary>
// After GoMigrationFacts, which reads database.migrationTools without what this source adds.
// After NodeUsageFacts, which reads monitoring.errorTracking, monitoring.errorTrackingWiring, monitoring.tracing
// without what this source adds.
[FactSource(After = [typeof(NodeUsageFacts), typeof(GoMigrationFacts)])]
public sealed partial class CSharpUsageFacts : IFactSource
{
    /// <summary>A fact a call or type tells: a list key gets <see cref="Item"/>, a bool key is flagged.</summary>
    private sealed record Fact(string Key, string? Item = null);

    private static readonly Fact[] RateLimiting = [new(FactKeys.RateLimiting)];

    // A call to one of these is enough on its own.
    private static readonly Dictionary<string, Fact[]> Calls = new(StringComparer.Ordinal)
    {
        ["UseHsts"] = [new(FactKeys.SecurityHeaders, "hsts"), new(FactKeys.HttpsEnforced)],
        ["UseHttpsRedirection"] = [new(FactKeys.HttpsEnforced)],
        ["UseSecurityHeaders"] = [new(FactKeys.SecurityHeaders, "secure-headers")],
        ["AddContentSecurityPolicy"] = [new(FactKeys.SecurityHeaders, "csp")],
        ["UseCsp"] = [new(FactKeys.SecurityHeaders, "csp")],
        ["AddRateLimiter"] = RateLimiting,
        ["UseRateLimiter"] = RateLimiting,
        ["RequireRateLimiting"] = RateLimiting,
        // AspNetCoreRateLimit
        ["UseIpRateLimiting"] = RateLimiting,
        ["UseClientRateLimiting"] = RateLimiting,
        ["AddInMemoryRateLimiting"] = RateLimiting,
        ["AddDistributedRateLimiting"] = RateLimiting,
        ["AddOpenTelemetryTracing"] = [new(FactKeys.Tracing, "opentelemetry")],
        ["AddOpenTelemetryMetrics"] = [new(FactKeys.Metrics, "opentelemetry-metrics")],
        ["UseAzureMonitor"] = [new(FactKeys.Tracing, "application-insights"), new(FactKeys.Tracing, "opentelemetry")],
        // Application Insights collects requests, dependencies and unhandled exceptions once it is added: it traces, and it
        // tracks errors and metrics; TrackException and TrackMetric on a TelemetryClient report them by hand (NuGetGallery's jobs).
        ["AddApplicationInsightsTelemetry"] = [new(FactKeys.Tracing, "application-insights"), new(FactKeys.ErrorTracking, "application-insights"), new(FactKeys.Metrics, "application-insights")],
        ["AddApplicationInsightsTelemetryWorkerService"] = [new(FactKeys.Tracing, "application-insights"), new(FactKeys.ErrorTracking, "application-insights"), new(FactKeys.Metrics, "application-insights")],
        ["TrackException"] = [new(FactKeys.ErrorTracking, "application-insights")],
        ["TrackMetric"] = [new(FactKeys.Metrics, "application-insights")],
        // prometheus-net, and OpenTelemetry's Prometheus exporter
        ["UseHttpMetrics"] = [new(FactKeys.Metrics, "prometheus")],
        ["MapMetrics"] = [new(FactKeys.Metrics, "prometheus")],
        ["UseMetricServer"] = [new(FactKeys.Metrics, "prometheus")],
        ["AddPrometheusExporter"] = [new(FactKeys.Metrics, "prometheus")],
        ["MapPrometheusScrapingEndpoint"] = [new(FactKeys.Metrics, "prometheus")],
        ["UseOpenTelemetryPrometheusScrapingEndpoint"] = [new(FactKeys.Metrics, "prometheus")],
        ["UseSerilog"] = [new(FactKeys.StructuredLogging, "serilog")],
        ["AddSerilog"] = [new(FactKeys.StructuredLogging, "serilog")],
        ["UseSerilogRequestLogging"] = [new(FactKeys.StructuredLogging, "serilog")],
        ["UseNLog"] = [new(FactKeys.StructuredLogging, "nlog")],
        ["AddNLog"] = [new(FactKeys.StructuredLogging, "nlog")],
        ["AddNLogWeb"] = [new(FactKeys.StructuredLogging, "nlog")],
        ["GetCurrentClassLogger"] = [new(FactKeys.StructuredLogging, "nlog")],
        ["ConfigureNLog"] = [new(FactKeys.StructuredLogging, "nlog")],
        ["AddLog4Net"] = [new(FactKeys.StructuredLogging, "log4net")],
        ["AddJsonConsole"] = [new(FactKeys.StructuredLogging, "microsoft-extensions-logging"), new(FactKeys.StructuredOutput)],
        ["AddSimpleConsole"] = [new(FactKeys.StructuredLogging, "microsoft-extensions-logging")],
        ["AddSystemdConsole"] = [new(FactKeys.StructuredLogging, "microsoft-extensions-logging")],
        ["AddJwtBearer"] = [new(FactKeys.Auth, "jwt")],
        ["AddMicrosoftIdentityWebApi"] = [new(FactKeys.Auth, "jwt")],
        ["AddOpenIdConnect"] = [new(FactKeys.Auth, "openid-connect")],
        ["AddMicrosoftIdentityWebApp"] = [new(FactKeys.Auth, "openid-connect")],
        ["AddIdentity"] = [new(FactKeys.Auth, "aspnetcore-identity")],
        ["AddDefaultIdentity"] = [new(FactKeys.Auth, "aspnetcore-identity")],
        ["AddIdentityCore"] = [new(FactKeys.Auth, "aspnetcore-identity")],
        ["AddIdentityApiEndpoints"] = [new(FactKeys.Auth, "aspnetcore-identity")],
        ["AddCookie"] = [new(FactKeys.Auth, "session")],
        // A scheme of the application's own (an API-key handler deriving from AuthenticationHandler<T>), registered on the
        // authentication builder: AddScheme<ApiKeyOptions, ApiKeyHandler>(...).
        ["AddScheme"] = [new(FactKeys.Auth, "custom-scheme")],
        // OWIN (Katana) middleware of ASP.NET on .NET Framework: app.UseCookieAuthentication(...) in the Startup class.
        ["UseCookieAuthentication"] = [new(FactKeys.Auth, "session")],
        ["UseOpenIdConnectAuthentication"] = [new(FactKeys.Auth, "openid-connect")],
        ["UseJwtBearerAuthentication"] = [new(FactKeys.Auth, "jwt")],
        ["UseOAuthBearerAuthentication"] = [new(FactKeys.Auth, "oauth")],
        ["UseMicrosoftAccountAuthentication"] = [new(FactKeys.Auth, "oauth")],
        ["UseGoogleAuthentication"] = [new(FactKeys.Auth, "oauth")],
        ["AddOAuth"] = [new(FactKeys.Auth, "oauth")],
        ["AddGoogle"] = [new(FactKeys.Auth, "oauth")],
        ["AddMicrosoftAccount"] = [new(FactKeys.Auth, "oauth")],
        ["AddFacebook"] = [new(FactKeys.Auth, "oauth")],
        ["AddGitHub"] = [new(FactKeys.Auth, "oauth")],
        ["AddStackExchangeRedisCache"] = [new(FactKeys.Cache, "redis")],
        ["AddStackExchangeRedisOutputCache"] = [new(FactKeys.Cache, "redis")],
        ["AddRedisClient"] = [new(FactKeys.Cache, "redis")],
        ["AddRedisDistributedCache"] = [new(FactKeys.Cache, "redis")],
        ["AddEnyimMemcached"] = [new(FactKeys.Cache, "memcached")],
        ["AddMemoryCache"] = [new(FactKeys.Cache, "in-process")],
        ["AddDistributedMemoryCache"] = [new(FactKeys.Cache, "in-process")],
        ["AddHybridCache"] = [new(FactKeys.Cache, "in-process")],
        ["AddOutputCache"] = [new(FactKeys.Cache, "in-process")],
        ["AddResponseCaching"] = [new(FactKeys.Cache, "in-process")],
        ["AddHostedService"] = [new(FactKeys.BackgroundJobs, "scheduler")],
        ["AddHangfire"] = [new(FactKeys.BackgroundJobs, "hangfire")],
        ["AddHangfireServer"] = [new(FactKeys.BackgroundJobs, "hangfire")],
        ["AddQuartz"] = [new(FactKeys.BackgroundJobs, "quartz")],
        ["AddQuartzHostedService"] = [new(FactKeys.BackgroundJobs, "quartz")],
        ["AddMassTransit"] = [new(FactKeys.BackgroundJobs, "masstransit")],
        ["AddBlobServiceClient"] = [new(FactKeys.ObjectStorage, "azure-blob")],
        ["UseNpgsql"] = [new(FactKeys.DatabaseEngines, "postgres")],
        ["AddNpgsqlDbContext"] = [new(FactKeys.DatabaseEngines, "postgres")],
        ["AddNpgsqlDataSource"] = [new(FactKeys.DatabaseEngines, "postgres")],
        ["UseSqlServer"] = [new(FactKeys.DatabaseEngines, "sqlserver")],
        ["AddSqlServerDbContext"] = [new(FactKeys.DatabaseEngines, "sqlserver")],
        ["UseSqlite"] = [new(FactKeys.DatabaseEngines, "sqlite")],
        ["UseMySql"] = [new(FactKeys.DatabaseEngines, "mysql")],
        ["UseMySQL"] = [new(FactKeys.DatabaseEngines, "mysql")],
        ["AddMySqlDbContext"] = [new(FactKeys.DatabaseEngines, "mysql")],
        ["UseMongoDB"] = [new(FactKeys.DatabaseEngines, "mongodb")],
        ["AddMongoDBClient"] = [new(FactKeys.DatabaseEngines, "mongodb")],
        // EF Core building the schema from the model, unversioned.
        ["EnsureCreated"] = [new(FactKeys.MigrationTools, "ensure-created")],
        ["EnsureCreatedAsync"] = [new(FactKeys.MigrationTools, "ensure-created")],
        // EF Core seed data.
        ["HasData"] = [new(FactKeys.SeedScript)],
        ["UseSeeding"] = [new(FactKeys.SeedScript)],
        ["UseAsyncSeeding"] = [new(FactKeys.SeedScript)],
    };

    // A type named in code (created, injected, or called on) is a use of its library.
    private static readonly Dictionary<string, Fact[]> Types = new(StringComparer.Ordinal)
    {
        ["BlobServiceClient"] = [new(FactKeys.ObjectStorage, "azure-blob")],
        ["BlobContainerClient"] = [new(FactKeys.ObjectStorage, "azure-blob")],
        ["AmazonS3Client"] = [new(FactKeys.ObjectStorage, "s3")],
        ["IAmazonS3"] = [new(FactKeys.ObjectStorage, "s3")],
        ["MinioClient"] = [new(FactKeys.ObjectStorage, "minio")],
        ["IMinioClient"] = [new(FactKeys.ObjectStorage, "minio")],
        ["ConnectionMultiplexer"] = [new(FactKeys.Cache, "redis")],
        ["IConnectionMultiplexer"] = [new(FactKeys.Cache, "redis")],
        ["ServiceBusClient"] = [new(FactKeys.BackgroundJobs, "azure-service-bus")],
        ["AmazonSQSClient"] = [new(FactKeys.BackgroundJobs, "sqs")],
        ["IAmazonSQS"] = [new(FactKeys.BackgroundJobs, "sqs")],
        // Foundatio's queue, job and file storage implementations (generic ones, such as RedisQueue<T>, by their name).
        ["RedisQueue"] = [new(FactKeys.BackgroundJobs, "foundatio")],
        ["AzureStorageQueue"] = [new(FactKeys.BackgroundJobs, "foundatio")],
        ["AzureServiceBusQueue"] = [new(FactKeys.BackgroundJobs, "foundatio")],
        ["SQSQueue"] = [new(FactKeys.BackgroundJobs, "foundatio")],
        ["QueueJobBase"] = [new(FactKeys.BackgroundJobs, "foundatio")],
        ["AzureFileStorage"] = [new(FactKeys.ObjectStorage, "azure-blob")],
        ["S3FileStorage"] = [new(FactKeys.ObjectStorage, "s3")],
        ["MinioFileStorage"] = [new(FactKeys.ObjectStorage, "minio")],
        ["ServiceBusProcessor"] = [new(FactKeys.BackgroundJobs, "azure-service-bus")],
        ["QueueClient"] = [new(FactKeys.BackgroundJobs, "azure-queues")],
        ["QueueServiceClient"] = [new(FactKeys.BackgroundJobs, "azure-queues")],
        ["IMemoryCache"] = [new(FactKeys.Cache, "in-process")],
        // StatsD clients the code sends counters, gauges and timers through: DogStatsD-CSharp-Client (the static DogStatsd
        // or a DogStatsdService), JustEat.StatsD. The JVM, Node, Python, Ruby and Go clients already count as metrics.
        ["DogStatsd"] = [new(FactKeys.Metrics, "datadog")],
        ["DogStatsdService"] = [new(FactKeys.Metrics, "datadog")],
        ["IDogStatsd"] = [new(FactKeys.Metrics, "datadog")],
        ["StatsDPublisher"] = [new(FactKeys.Metrics, "statsd")],
        ["IStatsDPublisher"] = [new(FactKeys.Metrics, "statsd")],
        ["MemoryCache"] = [new(FactKeys.Cache, "in-process")],
        ["HybridCache"] = [new(FactKeys.Cache, "in-process")],
        // Document and embedded databases used through their drivers, with no EF Core provider.
        ["MongoClient"] = [new(FactKeys.DatabaseEngines, "mongodb")],
        ["IMongoClient"] = [new(FactKeys.DatabaseEngines, "mongodb")],
        ["IMongoDatabase"] = [new(FactKeys.DatabaseEngines, "mongodb")],
        ["LiteDatabase"] = [new(FactKeys.DatabaseEngines, "litedb")],
        ["ILiteDatabase"] = [new(FactKeys.DatabaseEngines, "litedb")],
    };

    /// <summary>
    /// An embedded SQLite file opened through ADO.NET (Microsoft.Data.Sqlite, System.Data.SQLite), with no ORM: the
    /// application's own store (an agent's state database built with CREATE TABLE IF NOT EXISTS), when the code is a
    /// part's or a library a part references; a plugin beside the parts (an optional query-log app) stores for itself.
    /// Only SQLite: a SqlConnection or NpgsqlConnection as often reaches a server the application watches or reports to.
    /// </summary>
    private static readonly HashSet<string> EmbeddedDatabaseConnections = new(StringComparer.Ordinal) { "SqliteConnection", "SQLiteConnection" };

    // Serilog sinks that ship structured events (`.WriteTo.Seq(...)`).
    private static readonly HashSet<string> StructuredSinks = new(StringComparer.Ordinal) { "Seq", "Elasticsearch", "GrafanaLoki", "DatadogLogs", "OpenTelemetry" };

    // Names the calls handled one by one below need, and string literals worth a look.
    private static readonly string[] OtherMentions =
    [
        "WithOrigins", "AllowAnyOrigin", "SetIsOriginAllowed", "HealthChecks", "Datadog.Trace", "AddOpenTelemetry", "WithTracing", "WithMetrics",
        "WriteTo", "Sentry", "LogManager", "AddFile", "XmlConfigurator", "LoggerConfiguration", "JsonFormatter", "EcsTextFormatter",
        "JsonLayout", "SerializedLayout", "EnableRateLimiting", "Content-Security-Policy", "Strict-Transport-Security", "Console.",
        "[controller]", "/health", "\"health", "/ready", "\"ready", "/live", "\"live", "/alive", "\"alive", "/ping", "\"ping", "/heartbeat", "\"heartbeat", "/_health",
    ];

    /// <summary>A file is parsed only when its text contains one of these outside comments (all ASCII).</summary>
    internal static readonly string[] MentionLiterals = Calls.Keys.Concat(Types.Keys).Concat(EmbeddedDatabaseConnections).Concat(OtherMentions).Distinct().ToArray();

    private static readonly SearchValues<string> Mentions = SearchValues.Create(MentionLiterals, StringComparison.Ordinal);

    public void Collect(FactContext context)
    {
        var workspace = DotnetWorkspace.Of(context);
        var sentry = new SentryWiring(context, workspace);
        foreach (var (_, text, tree) in CSharpSyntaxTrees.Application(context))
        {
            if (WorthParsing(text))
                new FileScan(workspace, sentry, tree, text).Run();
        }
        CollectLoggingConfiguration(context, workspace);
        sentry.Write();
        FrameworkLogging(context, workspace);
    }

    /// <summary>
    /// An ASP.NET Core part with no logging library of its own still logs: the web host writes to the console through
    /// Microsoft.Extensions.Logging with no setup at all (Squidex's host).
    /// </summary>
    private static void FrameworkLogging(FactContext context, DotnetWorkspace workspace)
    {
        foreach (var project in workspace.Projects.Where(p => !p.IsTest && p.UsesSdk("Microsoft.NET.Sdk.Web")))
        {
            if (context.PartOf(project.Path) is { } part && part.Facts.List(FactKeys.StructuredLogging).Count == 0)
            {
                part.Facts.Add(FactKeys.StructuredLogging, "microsoft-extensions-logging", project.ProjectEvidence);
                part.Facts.Add(FactKeys.FrameworkLogging, "microsoft-extensions-logging", project.ProjectEvidence);
            }
        }
    }

    /// <summary>
    /// The prefilter: a plain substring search first, then the comment-aware lexer at each hit, so a file that
    /// names `Console.WriteLine` only in its doc comments is never parsed. Roslyn still decides what counts.
    /// </summary>
    internal static bool WorthParsing(string text) => MentionsOutsideComments(text);

    private static bool MentionsOutsideComments(string text)
    {
        CharKind[]? kinds = null;
        var offset = 0;
        while (offset < text.Length)
        {
            var at = text.AsSpan(offset).IndexOfAny(Mentions);
            if (at < 0)
                return false;
            at += offset;
            offset = at + 1;
            // `Console.` inside a longer name (`Bit.Core.AdminConsole.Models`) is not the console.
            if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '_') && text.AsSpan(at).StartsWith("Console.", StringComparison.Ordinal))
                continue;
            // Most mentions in comments are on `//` and `///` lines: no need to lex the file for those.
            var lineStart = text.LastIndexOf('\n', at) + 1;
            if (text.AsSpan(lineStart, at - lineStart).TrimStart().StartsWith("//", StringComparison.Ordinal))
                continue;
            kinds ??= Lexers.CLike(text, "csharp");
            if (kinds[at] != CharKind.Comment)
                return true;
        }
        return false;
    }

    /// <summary>One parsed file, walked once: every invocation, type name, attribute, assignment and string literal.</summary>
    private sealed class FileScan(DotnetWorkspace workspace, SentryWiring sentry, SyntaxTree tree, string text)
    {
        private readonly Dictionary<string, bool> _mentions = new(StringComparer.Ordinal);
        private HashSet<string>? _usings;
        private Dictionary<string, string>? _constants;

        public void Run()
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        Invocation(invocation);
                        break;
                    case IdentifierNameSyntax identifier:
                        TypeName(identifier);
                        break;
                    case GenericNameSyntax generic when Types.TryGetValue(generic.Identifier.ValueText, out var genericFacts):
                        Record(genericFacts, generic.Identifier);
                        break;
                    case AttributeSyntax attribute:
                        Attribute(attribute);
                        break;
                    case AssignmentExpressionSyntax { Left: var left } when Mentions("Sentry") && NameOf(left) is { ValueText: "Dsn" } dsn:
                        sentry.Note("dsn", At(dsn));
                        break;
                    case ArgumentSyntax { NameColon.Name.Identifier.ValueText: "formatter" } argument when argument.Expression.ToString().Contains("Json", StringComparison.OrdinalIgnoreCase):
                        Record([new(FactKeys.StructuredOutput)], argument.NameColon.Name.Identifier);
                        break;
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        HeaderName(literal);
                        break;
                }
            }
        }

        private void Invocation(InvocationExpressionSyntax invocation)
        {
            var (name, receiver) = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => (access.Name.Identifier, access.Expression),
                MemberBindingExpressionSyntax binding => (binding.Name.Identifier, null),
                SimpleNameSyntax simple => (simple.Identifier, (ExpressionSyntax?)null),
                _ => (default, null),
            };
            var method = name.ValueText;
            // Hangfire on its in-memory storage (neozhu/CleanArchitectureWithBlazorServer's UseInMemoryStorage) keeps the
            // queue in the process: jobs are lost on a restart and no other instance sees them, a scheduler, not a queue
            // (scaling.background-jobs counts it as one).
            if (method is "AddHangfire" or "AddHangfireServer" && HangfireInMemoryOnly())
            {
                Record([new(FactKeys.BackgroundJobs, "hangfire-in-memory")], name);
                return;
            }
            if (Calls.TryGetValue(method, out var facts))
            {
                Record(facts, name);
                return;
            }
            var on = NameOf(receiver)?.ValueText;
            switch (method)
            {
                case "WithOrigins":
                    var wildcard = invocation.ArgumentList.Arguments.Any(a => StringOf(a.Expression) == "*");
                    Record([new(wildcard ? FactKeys.CorsPermissive : FactKeys.CorsConfigured)], name);
                    break;
                case "AllowAnyOrigin":
                    Record([new(FactKeys.CorsPermissive)], name);
                    break;
                case "SetIsOriginAllowed":
                    var allowsAll = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression is LambdaExpressionSyntax { ExpressionBody: LiteralExpressionSyntax body } && body.IsKind(SyntaxKind.TrueLiteralExpression);
                    Record([new(allowsAll ? FactKeys.CorsPermissive : FactKeys.CorsConfigured)], name);
                    break;
                // A health route mapped only under `if (app.Environment.IsDevelopment())` (the Aspire service defaults'
                // MapDefaultEndpoints) is not served in production: nothing there can probe it.
                case "MapHealthChecks" or "UseHealthChecks" when !DevelopmentOnly(invocation):
                    HealthRoute(FirstString(invocation) ?? "", name);
                    break;
                case "MapGet" or "Map" when FirstString(invocation) is { } route && HealthRoutePattern().IsMatch(route) && !DevelopmentOnly(invocation):
                    HealthRoute(route, name);
                    break;
                // `builder.Logging.AddOpenTelemetry(...)` (the Aspire service defaults) exports the application's logs as
                // structured OpenTelemetry records: logging, not tracing.
                case "AddOpenTelemetry" when string.Equals(on, "Logging", StringComparison.OrdinalIgnoreCase):
                    Record([new(FactKeys.StructuredLogging, "microsoft-extensions-logging"), new(FactKeys.StructuredOutput)], name);
                    break;
                case "AddOpenTelemetry" when !ChainedCalls(invocation).Any(c => c is "WithTracing" or "WithMetrics" or "WithLogging"):
                    Record([new(FactKeys.Tracing, "opentelemetry")], name);
                    break;
                case "WithTracing" when Mentions("OpenTelemetry"):
                    Record([new(FactKeys.Tracing, "opentelemetry")], name);
                    break;
                case "WithMetrics" when Mentions("OpenTelemetry"):
                    Record([new(FactKeys.Metrics, "opentelemetry-metrics")], name);
                    break;
                case var sink when on == "WriteTo" && StructuredSinks.Contains(sink):
                    Record([new(FactKeys.StructuredOutput)], name);
                    break;
                case "UseSentry" or "AddSentry":
                case "Init" when on == "SentrySdk":
                    Record([new(FactKeys.ErrorTracking, "sentry")], name);
                    sentry.Note("init", At(name));
                    // `UseSentry("https://key@o1.ingest.sentry.io/1")`: the DSN given in code.
                    if (FirstString(invocation) is { } dsn && dsn.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                        sentry.Note("dsn", At(name));
                    break;
                case "AddFile" when workspace.OwnerOf(tree.FilePath)?.Package("Serilog.Extensions.Logging.File") is not null:
                    // Serilog.Extensions.Logging.File: `logging.AddFile(...)` writes through Serilog.
                    Record([new(FactKeys.StructuredLogging, "serilog")], name);
                    break;
                case "GetLogger" when on == "LogManager" && LoggingLibraryOfLogManager() is { } library:
                    Record([new(FactKeys.StructuredLogging, library)], name);
                    break;
                case "Setup" when on == "LogManager" && LoggingLibraryOfLogManager() == "nlog":
                    Record([new(FactKeys.StructuredLogging, "nlog")], name);
                    break;
                case "Configure" when on == "XmlConfigurator":
                    Record([new(FactKeys.StructuredLogging, "log4net")], name);
                    break;
                case "Write" or "WriteLine" when IsConsole(receiver):
                    workspace.Count(FactKeys.ConsoleLogCalls, 1, At(name));
                    break;
            }
        }

        private void TypeName(IdentifierNameSyntax identifier)
        {
            var name = identifier.Identifier.ValueText;
            if (Types.TryGetValue(name, out var facts))
                Record(facts, identifier.Identifier);
            else if (EmbeddedDatabaseConnections.Contains(name) && workspace.ReachesPart(tree.FilePath))
                Record([new(FactKeys.DatabaseEngines, "sqlite")], identifier.Identifier);
            // Datadog's .NET tracer API (`Tracer.Instance.ActiveScope?.Span.SetTag(...)`, bitwarden/passwordless-server's
            // middleware): spans the Datadog APM agent sends; the tracer itself attaches from outside the code.
            else if (name == "Tracer" && Mentions("Datadog.Trace"))
                Record([new(FactKeys.Tracing, "datadog")], identifier.Identifier);
            else if (name == "LoggerConfiguration" && identifier.FirstAncestorOrSelf<ObjectCreationExpressionSyntax>() is { } creation && creation.Type.Span.Contains(identifier.Span))
                Record([new(FactKeys.StructuredLogging, "serilog")], identifier.Identifier);
            else if ((name.EndsWith("JsonFormatter", StringComparison.Ordinal) || name == "EcsTextFormatter") && Mentions("Serilog")
                || name == "JsonLayout" && Mentions("NLog")
                || name == "SerializedLayout" && Mentions("log4net"))
                Record([new(FactKeys.StructuredOutput)], identifier.Identifier);
        }

        private void Attribute(AttributeSyntax attribute)
        {
            var name = NameOf(attribute.Name)?.ValueText ?? "";
            if (name.EndsWith("Attribute", StringComparison.Ordinal))
                name = name[..^"Attribute".Length];
            var token = NameOf(attribute.Name)!.Value;
            switch (name)
            {
                case "EnableRateLimiting":
                    Record(RateLimiting, token);
                    break;
                case "XmlConfigurator":
                    Record([new(FactKeys.StructuredLogging, "log4net")], token);
                    break;
                case "HttpGet" or "HttpHead" or "Route"
                    when attribute.ArgumentList?.Arguments.FirstOrDefault() is { } argument && StringOf(argument.Expression) is { } written
                         && ControllerToken(written, attribute) is var route && HealthRoutePattern().IsMatch(route):
                    HealthRoute(route, token);
                    break;
            }
        }

        /// <summary>
        /// A route with ASP.NET's `[controller]` token replaced by the controller it stands on, as the framework does:
        /// `[Route("api/[controller]")]` on `HealthCheckController` serves /api/healthcheck (Remotely's Docker probe target).
        /// </summary>
        private static string ControllerToken(string route, AttributeSyntax attribute)
        {
            if (!route.Contains("[controller]", StringComparison.OrdinalIgnoreCase)
                || attribute.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { Identifier.ValueText: var name })
                return route;
            var controller = name.EndsWith("Controller", StringComparison.Ordinal) ? name[..^"Controller".Length] : name;
            return route.Replace("[controller]", controller, StringComparison.OrdinalIgnoreCase);
        }

        private void HeaderName(LiteralExpressionSyntax literal)
        {
            var value = literal.Token.ValueText;
            if (value.Equals("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
                Record([new(FactKeys.SecurityHeaders, "csp")], literal.Token);
            else if (value.Equals("Strict-Transport-Security", StringComparison.OrdinalIgnoreCase))
                Record([new(FactKeys.SecurityHeaders, "hsts"), new(FactKeys.HttpsEnforced)], literal.Token);
        }

        /// <summary>Whether <paramref name="node"/> runs only in the Development environment: in the then-branch of an `if` whose condition calls IsDevelopment() (not negated).</summary>
        private static bool DevelopmentOnly(SyntaxNode node)
        {
            for (var child = node; child.Parent is { } parent; child = parent)
            {
                if (parent is IfStatementSyntax statement && statement.Statement == child && CallsIsDevelopment(statement.Condition))
                    return true;
            }
            return false;

            static bool CallsIsDevelopment(ExpressionSyntax condition) => condition switch
            {
                ParenthesizedExpressionSyntax inner => CallsIsDevelopment(inner.Expression),
                BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression) => CallsIsDevelopment(both.Left) || CallsIsDevelopment(both.Right),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsDevelopment" } } => true,
                _ => false,
            };
        }

        private void HealthRoute(string route, SyntaxToken at)
        {
            Record([new(FactKeys.HealthEndpoint)], at);
            // `~/alive` is ASP.NET's "from the site root": the route served is /alive.
            route = route.StartsWith("~/", StringComparison.Ordinal) ? route[1..] : route;
            if (route.Length > 0)
                Record([new(FactKeys.HealthRoutes, route)], at);
        }

        private void Record(Fact[] facts, SyntaxToken at)
        {
            var evidence = At(at);
            foreach (var fact in facts)
            {
                if (fact.Item is null)
                    workspace.Flag(fact.Key, evidence);
                else
                    workspace.Add(fact.Key, fact.Item, evidence);
            }
        }

        private Evidence At(SyntaxToken token) => CSharpSyntaxTrees.EvidenceAt(tree, token);

        private string? FirstString(InvocationExpressionSyntax invocation) =>
            invocation.ArgumentList.Arguments.FirstOrDefault() is { } first ? StringOf(first.Expression) : null;

        /// <summary>
        /// A string literal's value, or that of a string constant declared in the same file
        /// (`MapHealthChecks(HealthEndpointPath)` with `const string HealthEndpointPath = "/health"`).
        /// </summary>
        private string? StringOf(ExpressionSyntax expression)
        {
            if (StringValue(expression) is { } literal)
                return literal;
            if (expression is not IdentifierNameSyntax { Identifier.ValueText: var name })
                return null;
            _constants ??= tree.GetRoot().DescendantNodes()
                .OfType<VariableDeclaratorSyntax>()
                .Where(v => v.Initializer?.Value is LiteralExpressionSyntax value && value.IsKind(SyntaxKind.StringLiteralExpression))
                .GroupBy(v => v.Identifier.ValueText, StringComparer.Ordinal)
                .Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => ((LiteralExpressionSyntax)g.Single().Initializer!.Value).Token.ValueText, StringComparer.Ordinal);
            return _constants.GetValueOrDefault(name);
        }

        /// <summary>Whether the file's text contains <paramref name="word"/> (a namespace, say), searched once per file.</summary>
        private bool? _hangfireInMemoryOnly;

        /// <summary>
        /// Whether the file gives Hangfire an in-memory storage (Hangfire.InMemory's UseInMemoryStorage,
        /// Hangfire.MemoryStorage's UseMemoryStorage) and no durable one (UseSqlServerStorage, UsePostgreSqlStorage,
        /// UseRedisStorage...).
        /// </summary>
        private bool HangfireInMemoryOnly()
        {
            if (_hangfireInMemoryOnly is { } known)
                return known;
            var storages = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Select(i => i.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : null)
                .Where(n => n is not null && n.StartsWith("Use", StringComparison.Ordinal) && n.EndsWith("Storage", StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal);
            _hangfireInMemoryOnly = storages.Count > 0 && storages.All(n => n is "UseInMemoryStorage" or "UseMemoryStorage");
            return _hangfireInMemoryOnly.Value;
        }

        private bool Mentions(string word)
        {
            if (!_mentions.TryGetValue(word, out var found))
                _mentions[word] = found = text.Contains(word, StringComparison.Ordinal);
            return found;
        }

        /// <summary>NLog and log4net both have a `LogManager.GetLogger`: the file's usings tell which one.</summary>
        private string? LoggingLibraryOfLogManager()
        {
            _usings ??= tree.GetCompilationUnitRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<UsingDirectiveSyntax>()
                .Select(u => u.Name?.ToString() ?? "")
                .ToHashSet(StringComparer.Ordinal);
            return _usings.Any(u => u == "NLog" || u.StartsWith("NLog.", StringComparison.Ordinal)) ? "nlog"
                : _usings.Any(u => u == "log4net" || u.StartsWith("log4net.", StringComparison.Ordinal)) ? "log4net"
                : null;
        }
    }

    /// <summary>The calls chained onto an invocation: `AddOpenTelemetry().WithTracing(...).WithMetrics(...)` gives WithTracing, WithMetrics.</summary>
    private static IEnumerable<string> ChainedCalls(InvocationExpressionSyntax invocation)
    {
        SyntaxNode current = invocation;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current && access.Parent is InvocationExpressionSyntax outer)
        {
            yield return access.Name.Identifier.ValueText;
            current = outer;
        }
    }

    /// <summary>`Console`, `System.Console`, `Console.Error`, `Console.Out`.</summary>
    private static bool IsConsole(ExpressionSyntax? receiver) =>
        NameOf(receiver)?.ValueText == "Console"
        || receiver is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Error" or "Out" } stream && NameOf(stream.Expression)?.ValueText == "Console";

    /// <summary>The rightmost simple name of an expression or type name (`app.Services` -> Services), or null.</summary>
    private static SyntaxToken? NameOf(SyntaxNode? node) =>
        node switch
        {
            SimpleNameSyntax simple => simple.Identifier,
            MemberAccessExpressionSyntax access => access.Name.Identifier,
            QualifiedNameSyntax qualified => qualified.Right.Identifier,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier,
            _ => null,
        };

    private static string? StringValue(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;

    /// <summary>Structured output asked for in configuration counts where the code uses that library (ASP.NET Core's own console logger needs no code).</summary>
    private static void CollectLoggingConfiguration(FactContext context, DotnetWorkspace workspace)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (DotnetWorkspace.IsVendored(file.Path) || DotnetWorkspace.IsGenerated(file.Path) || PartDetector.IsTestOrExample(file.Directory))
                continue;
            var isAppSettings = DotnetConfiguration.IsAppSettings(file.Name);
            var library = file.Name.Equals("nlog.config", StringComparison.OrdinalIgnoreCase) ? "nlog"
                : file.Name.Equals("log4net.config", StringComparison.OrdinalIgnoreCase) ? "log4net"
                : null;
            if (!isAppSettings && library is null || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            if (isAppSettings)
            {
                if (DotnetConfiguration.StructuredLoggingLine(text, "Serilog") is { } serilog)
                    FlagStructuredWhereUsed(workspace, "serilog", new Evidence(file.Path, serilog));
                if (DotnetConfiguration.StructuredLoggingLine(text, "NLog") is { } nlog)
                    FlagStructuredWhereUsed(workspace, "nlog", new Evidence(file.Path, nlog));
                if (DotnetConfiguration.JsonConsoleFormatterLine(text) is { } console)
                {
                    // ASP.NET Core reads this section with no code at all: the configuration is the use.
                    var evidence = new Evidence(file.Path, console);
                    workspace.Add(FactKeys.StructuredLogging, "microsoft-extensions-logging", evidence);
                    workspace.Flag(FactKeys.StructuredOutput, evidence);
                }
            }
            else if (DotnetConfiguration.JsonLayoutLine(text) is { } line)
                FlagStructuredWhereUsed(workspace, library!, new Evidence(file.Path, line));
        }
    }

    private static void FlagStructuredWhereUsed(DotnetWorkspace workspace, string library, Evidence evidence)
    {
        foreach (var table in workspace.TablesFor(evidence.Path))
        {
            if (table.Has(FactKeys.StructuredLogging, library))
                table.Flag(FactKeys.StructuredOutput, evidence);
        }
    }

    // `/health`, `/healthz`, `api/health/ready`, `/readyz`, `/live`, `/alive`, and `~/alive` (an attribute route from the site root)...
    [GeneratedRegex(@"^~?/?(?:[\w\-{}:.]+/)*(?:health|healthz|healthcheck|health-check|healthchecks|_health|ready|readyz|readiness|live|livez|liveness|alive|ping|heartbeat)(?:/.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex HealthRoutePattern();

    /// <summary>
    /// Which of dependency, init and dsn are there for Sentry, per table: the partial finding tells what is missing.
    /// Dependency: a Sentry package; init: `UseSentry`/`AddSentry`/`SentrySdk.Init`; dsn: a `Dsn =` in code, a
    /// `"Sentry": { "Dsn" }` in appsettings, or SENTRY_DSN in any configuration file.
    /// </summary>
    private sealed class SentryWiring(FactContext context, DotnetWorkspace workspace)
    {
        private static readonly string[] Pieces = ["dependency", "init", "dsn"];
        private readonly Dictionary<FactTable, Dictionary<string, Evidence>> _found = new(ReferenceEqualityComparer.Instance);

        public void Note(string piece, Evidence evidence, string? foundIn = null)
        {
            foreach (var table in workspace.TablesFor(foundIn ?? evidence.Path))
            {
                if (!_found.TryGetValue(table, out var pieces))
                    _found[table] = pieces = new Dictionary<string, Evidence>(StringComparer.Ordinal);
                pieces.TryAdd(piece, evidence);
            }
        }

        public void Write()
        {
            foreach (var project in workspace.Projects.Where(p => !p.IsTest))
            {
                if (project.PackageStartingWith("Sentry") is { } package)
                    Note("dependency", package.Evidence, foundIn: project.Path);
            }
            if (_found.Count == 0)
                return;
            NoteConfiguredDsn();
            foreach (var (table, pieces) in _found)
            {
                // A DSN-looking name alone (a string that mentions SENTRY_DSN) wires nothing: no SDK, no init, no Sentry.
                if (!pieces.ContainsKey("dependency") && !pieces.ContainsKey("init"))
                    continue;
                var value = string.Join(',', Pieces.Where(pieces.ContainsKey));
                foreach (var evidence in pieces.Values)
                    table.SetEntry(FactKeys.ErrorTrackingWiring, "sentry", value, evidence);
            }
        }

        private void NoteConfiguredDsn()
        {
            Evidence? environment = null;
            foreach (var file in context.Snapshot.Files.Where(f => IsConfiguration(f.Name) && !DotnetWorkspace.IsVendored(f.Path) && !PartDetector.IsTestOrExample(f.Directory)))
            {
                if (context.Snapshot.ReadText(file.Path) is not { } text)
                    continue;
                if (DotnetConfiguration.IsAppSettings(file.Name) && DotnetConfiguration.SentryDsnLine(text) is { } line)
                {
                    foreach (var table in workspace.TablesFor(file.Path))
                    {
                        if (_found.TryGetValue(table, out var pieces))
                            pieces.TryAdd("dsn", new Evidence(file.Path, line));
                    }
                }
                if (environment is null && text.Contains("SENTRY_DSN", StringComparison.Ordinal))
                    environment = new Evidence(file.Path, TextLines.Find(text, "SENTRY_DSN"));
            }
            if (environment is not null)
            {
                foreach (var pieces in _found.Values)
                    pieces.TryAdd("dsn", environment);
            }
        }

        private static bool IsConfiguration(string name)
        {
            if (name is "packages.lock.json" or "package-lock.json")
                return false;
            if (name == "Procfile" || name.StartsWith("Dockerfile", StringComparison.Ordinal) || name.StartsWith(".env", StringComparison.Ordinal))
                return true;
            var extension = Path.GetExtension(name).ToLowerInvariant();
            return extension is ".json" or ".yml" or ".yaml" or ".toml" or ".tf" or ".tfvars" or ".bicep" or ".ini" or ".conf" or ".config" or ".env" or ".properties";
        }
    }
}
