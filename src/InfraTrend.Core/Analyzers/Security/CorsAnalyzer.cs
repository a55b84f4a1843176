using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.cors",
    Category = Category.Security,
    Level = 4,
    Weight = 1,
    WeightReason = "A wildcard CORS policy only matters for APIs that browsers call with credentials; it is worth checking, not worth more than a point.",
    Severity = Severity.Medium,
    Title = "Deliberate CORS policy",
    LooksFor = "CORS set with explicit allowed origins; a bare cors() or a * origin counts for half.",
    WhyItMatters = "A service that allows any origin lets every website call it from its users' browsers.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class CorsAnalyzer : IAnalyzer
{
    private const string RemediationText = "List the origins allowed to call the service (from configuration) instead of allowing any origin.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (!context.IsPart(PartKinds.Service))
            return [context.NotApplicable($"{context.PartName()} is not a service that browsers call across origins.")];

        if (context.Facts.Bool(FactKeys.CorsConfigured))
            return [context.Pass("CORS allows an explicit list of origins.", context.EvidenceOf(FactKeys.CorsConfigured))];
        if (context.Facts.Bool(FactKeys.CorsPermissive))
            return [context.Partial(0.5, "CORS is enabled for any origin (defaults or a * wildcard).", Fix(context), context.EvidenceOf(FactKeys.CorsPermissive))];
        return [context.NotApplicable("No cross-origin access is configured: browsers only call the service from its own origin.")];
    }

    private static string Fix(AnalyzerContext context)
    {
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        return context.Stack.Ecosystem switch
        {
            "node" when Uses("nestjs") => "Call app.enableCors({ origin: process.env.CORS_ORIGINS?.split(',') }) with the allowed origins",
            "node" when Uses("fastify") => "Register @fastify/cors with origin: process.env.CORS_ORIGINS?.split(',')",
            "node" => "Replace cors() with cors({ origin: process.env.CORS_ORIGINS?.split(',') }) listing the allowed origins",
            "dotnet" => "Use policy.WithOrigins(builder.Configuration.GetSection(\"Cors:Origins\").Get<string[]>()!) instead of AllowAnyOrigin()",
            "python" when Uses("django") => "Set CORS_ALLOWED_ORIGINS to the allowed origins instead of CORS_ALLOW_ALL_ORIGINS = True",
            "python" => "Pass allow_origins=[...] with the allowed origins to CORSMiddleware instead of [\"*\"]",
            "go" when Uses("gin") => "Use cors.New(cors.Config{AllowOrigins: []string{\"https://app.example.com\"}}) instead of cors.Default()",
            "ruby" => "List the allowed origins in config/initializers/cors.rb (origins \"https://app.example.com\") instead of \"*\"",
            "java" => "Set allowedOrigins to the allowed origins in the CorsConfiguration (or @CrossOrigin(origins = ...)) instead of \"*\"",
            _ => RemediationText,
        };
    }
}
