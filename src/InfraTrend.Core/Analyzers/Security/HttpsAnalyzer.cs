using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.https",
    Category = Category.Security,
    Level = 3,
    Weight = 1,
    WeightReason = "Nearly every platform now terminates TLS for you, so this rarely fails; when it does, traffic and credentials travel in clear text.",
    Severity = Severity.Medium,
    Title = "HTTPS enforced",
    LooksFor = "An HTTPS redirect or HSTS in the application, or a platform that terminates TLS (declared in its descriptor).",
    WhyItMatters = "Plain HTTP exposes sessions, tokens and personal data to anyone on the network path.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class HttpsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Redirect HTTP to HTTPS and send Strict-Transport-Security, or deploy behind a platform that terminates TLS.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.IsPart(PartKinds.Worker))
            return [context.NotApplicable($"{context.PartName()} is a worker: it serves no HTTP traffic.")];

        if (context.Facts.Bool(FactKeys.HttpsEnforced))
            return [context.Pass("The application redirects to HTTPS or sends HSTS.", context.EvidenceOf(FactKeys.HttpsEnforced))];
        if (context.Repository.Bool(FactKeys.HttpsByPlatform))
            return [context.Pass("HTTPS is provided by the platform, which terminates TLS (declared in its descriptor, not observed).", context.EvidenceOf(FactKeys.HttpsByPlatform))];

        return [context.Fail("Nothing enforces HTTPS: no redirect or HSTS in the application and no platform that terminates TLS.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        return context.Stack.Ecosystem switch
        {
            "dotnet" => "Add app.UseHttpsRedirection(); and app.UseHsts(); to Program.cs",
            "node" => "Behind a TLS proxy: app.set('trust proxy', 1) and redirect when !req.secure; send HSTS with helmet (app.use(helmet()))",
            "python" when Uses("django") => "Set SECURE_SSL_REDIRECT = True, SECURE_HSTS_SECONDS = 31536000 and SECURE_PROXY_SSL_HEADER in settings.py",
            "ruby" when Uses("rails") => "Set config.force_ssl = true in config/environments/production.rb",
            "java" => "Require a secure channel in Spring Security (http.requiresChannel(c -> c.anyRequest().requiresSecure())) and enable HSTS",
            _ => RemediationText,
        };
    }
}
