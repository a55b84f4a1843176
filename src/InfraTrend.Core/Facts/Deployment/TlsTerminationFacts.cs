using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Deployment;

/// <summary>
/// TLS terminated in front of the application by configuration the repository carries: an nginx, Apache or HAProxy
/// configuration with a certificate, a Caddyfile (Caddy serves HTTPS by default), Traefik with a certificate resolver, a
/// Kubernetes Ingress with a tls section or cert-manager certificates. Apart from those, documentation that tells
/// operators to put the application behind a TLS-terminating proxy.
/// </summary>
[FactSource]
public sealed partial class TlsTerminationFacts : IFactSource
{
    private const long MaxSize = 256 * 1024;

    [GeneratedRegex(@"^\s*(ssl_certificate\s|listen\s+[^;\n]*\b443\b[^;\n]*\bssl\b)", RegexOptions.Multiline)]
    private static partial Regex NginxTls();

    [GeneratedRegex(@"^\s*SSLEngine\s+on\b", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ApacheTls();

    [GeneratedRegex(@"^\s*bind\s+[^\n]*\bssl\s+crt\b", RegexOptions.Multiline)]
    private static partial Regex HaproxyTls();

    [GeneratedRegex(@"^\s*auto_https\s+off\b", RegexOptions.Multiline)]
    private static partial Regex CaddyAutoHttpsOff();

    [GeneratedRegex(@"certresolver|tls\.certresolver|entrypoints\.websecure", RegexOptions.IgnoreCase)]
    private static partial Regex TraefikTls();

    [GeneratedRegex(@"^kind:\s*Ingress\s*$", RegexOptions.Multiline)]
    private static partial Regex IngressKind();

    [GeneratedRegex(@"^\s{2,}tls:\s*$\n\s+-\s", RegexOptions.Multiline)]
    private static partial Regex IngressTlsSection();

    [GeneratedRegex(@"^apiVersion:\s*cert-manager\.io/|cert-manager\.io/(cluster-)?issuer:", RegexOptions.Multiline)]
    private static partial Regex CertManager();

    [GeneratedRegex(@"\b(reverse[ -]proxy|nginx|caddy|traefik|haproxy|load balancer|ingress)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProxyWord();

    [GeneratedRegex(@"\b(https|tls|ssl|certificates?|let'?s ?encrypt)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TlsWord();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    // The pages where operators are told how to run it: the README, and installation, deployment, proxy or TLS pages.
    [GeneratedRegex(@"install|deploy|proxy|ssl|tls|https|admin|setup|hosting|production|server|configur", RegexOptions.IgnoreCase)]
    private static partial Regex OperatorPage();

    public void Collect(FactContext context)
    {
        var documented = false;
        foreach (var file in context.Snapshot.Files)
        {
            if (file.Size > MaxSize || !DeploymentPaths.Counts(file.Path))
                continue;
            var name = file.Name.ToLowerInvariant();
            if (Kind(name) is not { } kind)
                continue;
            if (kind == "docs")
            {
                if (!(file.Path.Contains('/', StringComparison.Ordinal) ? DeploymentPaths.IsDocsSite(file.Path) && OperatorPage().IsMatch(file.Path) : name.StartsWith("readme", StringComparison.Ordinal)))
                    continue;
                if (!documented && context.Snapshot.ReadText(file.Path) is { } doc && ProxyAdvice(doc) is > 0 and var line)
                {
                    context.Flag(FactKeys.TlsProxyDocumented, new Evidence(file.Path, line));
                    documented = true;
                }
                continue;
            }
            if (DeploymentPaths.IsDocsSite(file.Path) || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            foreach (var (proxy, index) in Terminations(kind, name, text))
                context.Add(FactKeys.TlsTermination, proxy, new Evidence(file.Path, new TextLines(text).LineOf(index)));
        }
    }

    private static string? Kind(string name) =>
        name switch
        {
            _ when name.StartsWith("caddyfile", StringComparison.Ordinal) => "caddy",
            _ when name.StartsWith("haproxy", StringComparison.Ordinal) && name.EndsWith(".cfg", StringComparison.Ordinal) => "haproxy",
            _ when name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".conf.template", StringComparison.Ordinal) || name.EndsWith(".conf.j2", StringComparison.Ordinal)
                || name.EndsWith(".hbs", StringComparison.Ordinal) && name.Contains("nginx", StringComparison.Ordinal) => "server",
            _ when name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".toml", StringComparison.Ordinal) => "yaml",
            _ when name.EndsWith(".md", StringComparison.Ordinal) || name.EndsWith(".mdx", StringComparison.Ordinal) || name.EndsWith(".rst", StringComparison.Ordinal) => "docs",
            _ => null,
        };

    private static IEnumerable<(string Proxy, int Index)> Terminations(string kind, string name, string text)
    {
        switch (kind)
        {
            case "caddy":
                if (!CaddyAutoHttpsOff().IsMatch(text))
                    yield return ("caddy", 0);
                break;
            case "haproxy":
                if (HaproxyTls().Match(text) is { Success: true } haproxy)
                    yield return ("haproxy", haproxy.Index);
                break;
            case "server":
                if (NginxTls().Match(text) is { Success: true } nginx)
                    yield return ("nginx", nginx.Index);
                if (ApacheTls().Match(text) is { Success: true } apache)
                    yield return ("apache", apache.Index);
                break;
            case "yaml":
                // A Helm template's tls section is an option of the chart, not a setting.
                if (text.Contains("{{", StringComparison.Ordinal))
                    break;
                if (IngressKind().IsMatch(text) && IngressTlsSection().Match(text) is { Success: true } ingress)
                    yield return ("ingress", ingress.Index);
                if (CertManager().Match(text) is { Success: true } certificate)
                    yield return ("cert-manager", certificate.Index);
                if (name.Contains("traefik", StringComparison.Ordinal) || name.Contains("compose", StringComparison.Ordinal))
                {
                    if (TraefikTls().Match(text) is { Success: true } traefik)
                        yield return ("traefik", traefik.Index);
                }
                break;
        }
    }

    /// <summary>The line of the first paragraph that names a reverse proxy and TLS together, or 0.</summary>
    private static int ProxyAdvice(string text)
    {
        var line = 1;
        foreach (var paragraph in text.Split("\n\n"))
        {
            var prose = Url().Replace(paragraph, "");
            if (ProxyWord().IsMatch(prose) && TlsWord().IsMatch(prose))
                return line;
            line += paragraph.Count(c => c == '\n') + 2;
        }
        return 0;
    }
}
