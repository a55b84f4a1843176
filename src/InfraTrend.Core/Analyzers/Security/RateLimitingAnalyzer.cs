using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.rate-limiting",
    Category = Category.Security,
    Level = 4,
    Weight = 2,
    WeightReason = "Rate limiting is the defence against credential stuffing, scraping and accidental floods; every public service needs one.",
    Severity = Severity.High,
    Title = "Rate limiting",
    LooksFor = "Rate limiting middleware in a service: express-rate-limit, @nestjs/throttler, ASP.NET Core's rate limiter, slowapi, django-ratelimit, rack-attack, bucket4j, or limit_req in the nginx configuration shipped with it. A service without any, beside another service of the repository that limits, earns a quarter: it is most often internal, reached through that one.",
    WhyItMatters = "Without a limit one client can exhaust the service, guess passwords at full speed or run up the bill.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class RateLimitingAnalyzer : IAnalyzer
{
    private const string RemediationText = "Limit requests per client (per IP or per token), strictest on login and other expensive endpoints.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (!context.IsPart(PartKinds.Service))
            return [context.NotApplicable($"{context.PartName()} is not a service with an API to protect.")];

        if (context.Facts.Bool(FactKeys.RateLimiting))
            return [context.Pass("The service limits the rate of requests.", context.EvidenceOf(FactKeys.RateLimiting))];
        if (SiblingControls.ServiceWith(context, f => f.Bool(FactKeys.RateLimiting)) is { } sibling)
            return [context.Partial(SiblingControls.Credit, $"No rate limiting in this service, but the service {sibling.Path} limits its requests: this one is most likely internal, reached through it.", Fix(context))];
        return [context.Fail("No rate limiting: any client can send as many requests as it likes.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var stack = context.Stack;
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        return stack.Ecosystem switch
        {
            "node" when Uses("nestjs") => $"{stack.AddPackage(node: "@nestjs/throttler")}, then ThrottlerModule.forRoot([{{ ttl: 60000, limit: 100 }}]) and the ThrottlerGuard as an APP_GUARD",
            "node" when Uses("fastify") => $"{stack.AddPackage(node: "@fastify/rate-limit")}, then await fastify.register(rateLimit, {{ max: 100, timeWindow: '1 minute' }})",
            "node" => $"{stack.AddPackage(node: "express-rate-limit")}, then app.use(rateLimit({{ windowMs: 15 * 60 * 1000, limit: 100 }}))",
            "dotnet" => "Add builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter(\"fixed\", w => { w.PermitLimit = 100; w.Window = TimeSpan.FromMinutes(1); })); and app.UseRateLimiter(); then .RequireRateLimiting(\"fixed\") on the endpoints",
            "python" when Uses("django") => $"{stack.AddPackage(python: "django-ratelimit")}, then @ratelimit(key=\"ip\", rate=\"100/m\") on the views",
            "python" when Uses("flask") => $"{stack.AddPackage(python: "Flask-Limiter")}, then Limiter(get_remote_address, app=app, default_limits=[\"100 per minute\"])",
            "python" => $"{stack.AddPackage(python: "slowapi")}, then a Limiter(key_func=get_remote_address) with @limiter.limit(\"100/minute\") on the routes",
            "go" => $"{stack.AddPackage(go: "golang.org/x/time/rate")}, then a middleware that keeps a rate.Limiter per client and answers 429 when Allow() is false",
            "ruby" => $"{stack.AddPackage(ruby: "rack-attack")}, then Rack::Attack.throttle(\"req/ip\", limit: 100, period: 1.minute) {{ |req| req.ip }}",
            "java" => $"{stack.AddPackage(java: "com.bucket4j:bucket4j-core")}, then a filter that takes a token per request and answers 429 when none is left",
            _ => RemediationText,
        };
    }
}
