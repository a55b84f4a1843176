using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Deployment;

namespace InfraTrend.Facts.Security;

/// <summary>
/// Rate limiting and security headers set in an nginx configuration the repository ships with the application
/// (kiwitcms/Kiwi's etc/nginx.conf: limit_req on every location, add_header Content-Security-Policy): the proxy in front
/// of the service enforces them, so an auditor credits them to the part whose folder holds the file. Only directives
/// that apply (limit_req, add_header), never a bare limit_req_zone; commented lines, test, example and docs folders do not count.
/// </summary>
public sealed partial class ConfigurationFacts
{
    private const long MaxProxyConfigSize = 256 * 1024;

    [GeneratedRegex(@"^[ \t]*limit_req[ \t]+zone=", RegexOptions.Multiline)]
    private static partial Regex NginxLimitReq();

    [GeneratedRegex(@"^[ \t]*add_header[ \t]+['""]?(?<header>Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Strict-Transport-Security)\b", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex NginxSecurityHeader();

    // IIS sends headers listed in Web.config's <system.webServer><httpProtocol><customHeaders> with every response.
    [GeneratedRegex(@"<add\s+name\s*=\s*""(?<header>Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Strict-Transport-Security)""\s+value\s*=\s*""[^""]+""", RegexOptions.IgnoreCase)]
    private static partial Regex WebConfigHeader();

    private static void ProxySecurity(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            var name = file.Name.ToLowerInvariant();
            if (name == "web.config" && file.Size <= MaxProxyConfigSize && !SourceFiles.IsTest(file.Path) && context.Snapshot.ReadText(file.Path) is { } config
                && config.Contains("<customHeaders>", StringComparison.OrdinalIgnoreCase))
            {
                var configLines = new TextLines(config);
                foreach (Match header in WebConfigHeader().Matches(config))
                {
                    var hsts = header.Groups["header"].Value.Equals("Strict-Transport-Security", StringComparison.OrdinalIgnoreCase);
                    context.Add(FactKeys.SecurityHeaders, hsts ? "hsts" : "iis-custom-headers", new Evidence(file.Path, configLines.LineOf(header.Index)));
                }
                continue;
            }
            var isNginx = name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".conf.template", StringComparison.Ordinal) || name.EndsWith(".conf.j2", StringComparison.Ordinal);
            if (!isNginx || file.Size > MaxProxyConfigSize || !DeploymentPaths.Counts(file.Path) || DeploymentPaths.IsDocsSite(file.Path) || SourceFiles.IsTest(file.Path))
                continue;
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("server", StringComparison.Ordinal))
                continue;
            var lines = new TextLines(text);
            if (NginxLimitReq().Match(text) is { Success: true } limit)
                context.Flag(FactKeys.RateLimiting, new Evidence(file.Path, lines.LineOf(limit.Index)));
            foreach (Match header in NginxSecurityHeader().Matches(text))
            {
                var hsts = header.Groups["header"].Value.Equals("Strict-Transport-Security", StringComparison.OrdinalIgnoreCase);
                context.Add(FactKeys.SecurityHeaders, hsts ? "hsts" : "nginx-headers", new Evidence(file.Path, lines.LineOf(header.Index)));
            }
        }
    }
}
