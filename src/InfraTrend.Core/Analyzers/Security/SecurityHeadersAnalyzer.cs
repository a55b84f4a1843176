using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.headers",
    Category = Category.Security,
    Level = 4,
    Weight = 2,
    WeightReason = "Security headers shut off whole classes of browser attacks (clickjacking, MIME sniffing, protocol downgrade) with one middleware.",
    Severity = Severity.High,
    Title = "Security headers",
    LooksFor = "Security header middleware in a service: helmet, HSTS, a Content-Security-Policy, Django's SecurityMiddleware, secure_headers, Spring Security, headers set in a response hook or by the nginx configuration shipped with it (add_header). HSTS alone (force_ssl, UseHsts) earns half; a service without any, beside another service of the repository that sends them, a quarter.",
    WhyItMatters = "Without them browsers fall back to permissive defaults: pages can be framed, content types guessed and HTTPS downgraded.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class SecurityHeadersAnalyzer : IAnalyzer
{
    private static readonly HashSet<string> HstsOnly = new(StringComparer.Ordinal) { "hsts", "rails-force-ssl" };

    private const string RemediationText = "Send security headers (Strict-Transport-Security, Content-Security-Policy, X-Content-Type-Options, X-Frame-Options) from a middleware.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (!context.IsPart(PartKinds.Service))
            return [context.NotApplicable($"{context.PartName()} is not a service: its headers are set by whatever serves it.")];

        var middleware = context.Facts.List(FactKeys.SecurityHeaders);
        // HSTS alone (Rails' force_ssl, UseHsts) only keeps browsers on HTTPS: no policy on scripts, framing or sniffing.
        if (middleware.Count > 0 && middleware.All(HstsOnly.Contains))
            return [context.Partial(0.5, $"The service sends HSTS only ({string.Join(", ", middleware)}): no Content-Security-Policy, X-Content-Type-Options or X-Frame-Options middleware.", Fix(context), context.EvidenceOf(FactKeys.SecurityHeaders))];
        if (middleware.Count > 0)
            return [context.Pass($"The service sends security headers with {string.Join(", ", middleware)}.", context.EvidenceOf(FactKeys.SecurityHeaders))];
        if (SiblingControls.ServiceWith(context, f => f.List(FactKeys.SecurityHeaders).Count > 0) is { } sibling)
            return [context.Partial(SiblingControls.Credit, $"No security headers in this service, but the service {sibling.Path} sends them: this one is most likely internal, reached through it.", Fix(context))];
        return [context.Fail("No security header middleware: responses go out without HSTS, CSP, X-Content-Type-Options or X-Frame-Options.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var stack = context.Stack;
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        return stack.Ecosystem switch
        {
            "node" when Uses("fastify") => $"{stack.AddPackage(node: "@fastify/helmet")}, then await fastify.register(helmet)",
            "node" when Uses("koa") => $"{stack.AddPackage(node: "koa-helmet")}, then app.use(helmet())",
            "node" => $"{stack.AddPackage(node: "helmet")}, then app.use(helmet()) before the routes",
            "dotnet" => $"{stack.AddPackage(dotnet: "NetEscapades.AspNetCore.SecurityHeaders")}, then app.UseHsts(); and app.UseSecurityHeaders(); in Program.cs",
            "python" when Uses("django") => "Keep django.middleware.security.SecurityMiddleware in MIDDLEWARE and set SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF and X_FRAME_OPTIONS",
            "python" when Uses("flask") => $"{stack.AddPackage(python: "flask-talisman")}, then Talisman(app)",
            "python" => $"{stack.AddPackage(python: "secure")}, then a middleware that applies secure.Secure.with_default_headers() to every response",
            "go" => $"{stack.AddPackage(go: "github.com/unrolled/secure")}, then wrap the handler with secure.New(secure.Options{{STSSeconds: 31536000, FrameDeny: true, ContentTypeNosniff: true}}).Handler",
            "ruby" => $"{stack.AddPackage(ruby: "secure_headers")}, then configure SecureHeaders::Configuration.default in an initializer",
            "java" => $"{stack.AddPackage(java: "org.springframework.boot:spring-boot-starter-security")}: it sends HSTS, X-Frame-Options and X-Content-Type-Options by default",
            _ => RemediationText,
        };
    }
}
