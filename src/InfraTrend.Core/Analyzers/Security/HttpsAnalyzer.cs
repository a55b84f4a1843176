using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.https",
    Category = Category.Security,
    Level = 3,
    Weight = 1,
    WeightReason = "Nearly every platform now terminates TLS for you, so this rarely fails; when it does, traffic and credentials travel in clear text.",
    Severity = Severity.Medium,
    Title = "HTTPS enforced",
    LooksFor = "An HTTPS redirect or HSTS in the application (or in the part that serves a web front end), a platform that terminates TLS (declared in its descriptor), or a proxy or ingress configured in the repository to terminate TLS (nginx or Apache with a certificate, Caddy, Traefik with a resolver, an Ingress tls section, cert-manager). Documentation that tells operators to terminate TLS at a reverse proxy earns half, and so does nothing at all outside Rails and Django, whose production HTTPS switch (force_ssl, SECURE_SSL_REDIRECT) auditors expect on: other services are deployed behind a proxy or platform that terminates TLS.",
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
        // A console program found among the parts (a job, a migration tool, an updater) opens no port: it has no traffic of
        // its own to encrypt. The whole repository taken as one app, when no part was recognised, is still judged.
        if (context.IsPart(PartKinds.App) && context.Part!.Path != ".")
            return [context.NotApplicable($"{context.PartName()} is a console program: it serves no HTTP traffic.")];

        if (context.Facts.Bool(FactKeys.HttpsEnforced))
            return [context.Pass("The application redirects to HTTPS or sends HSTS.", context.EvidenceOf(FactKeys.HttpsEnforced))];
        if (context.Repository.Bool(FactKeys.HttpsByPlatform))
            return [context.Pass("HTTPS is provided by the platform, which terminates TLS (declared in its descriptor, not observed).", context.EvidenceOf(FactKeys.HttpsByPlatform))];
        if (context.Repository.List(FactKeys.TlsTermination) is { Count: > 0 } proxies)
            return [context.Pass($"TLS is terminated in front of the application by configuration in the repository: {string.Join(", ", proxies)}.", context.EvidenceOf(FactKeys.TlsTermination))];
        // A web front end is served by the application's server part: that part's redirect or HSTS covers it.
        if (context.IsPart(PartKinds.Web) && context.Repository.Bool(FactKeys.HttpsEnforced))
            return [context.Pass("The front end is served over HTTPS by a part that redirects to HTTPS or sends HSTS.", context.Repository.EvidenceOf(FactKeys.HttpsEnforced))];
        if (context.Repository.Bool(FactKeys.TlsProxyDocumented))
            return [context.Partial(0.5, "The documentation tells operators to terminate TLS at a reverse proxy; nothing in the repository enforces it.", Fix(context), context.EvidenceOf(FactKeys.TlsProxyDocumented))];

        // Rails and Django have a production switch for HTTPS (force_ssl, SECURE_SSL_REDIRECT) that auditors expect on and
        // call out when it is commented or left false. Elsewhere a service that does nothing about HTTPS is deployed behind
        // the reverse proxy, ingress or platform that terminates TLS, as self-hosted and containerised services are; auditors
        // do not count it as a gap (drone, gotenberg, nacos, Signal-Server), so it earns half, like a documented proxy.
        if (!SwitchFrameworks.Any(f => context.Facts.Has(FactKeys.Frameworks, f)))
            return [context.Partial(0.5, "Nothing in the repository enforces HTTPS: TLS is left to the reverse proxy, ingress or platform in front of the service.", Fix(context))];
        return [context.Fail("Nothing enforces HTTPS: no redirect or HSTS in the application and no platform that terminates TLS.", Fix(context))];
    }

    // Frameworks whose production settings carry an HTTPS switch.
    private static readonly string[] SwitchFrameworks = ["rails", "django"];

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
