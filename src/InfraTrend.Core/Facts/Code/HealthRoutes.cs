using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Code;

/// <summary>Tells a health or readiness route from any other route path, for stacks whose routes are read as strings (Python, Go).</summary>
public static partial class HealthRoutes
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "health", "healthz", "healthcheck", "health-check", "health_check", "_health", "ready", "readyz", "readiness", "live", "livez", "liveness", "ping", "_ping", "status", "heartbeat", "alive", "up",
        // GOV.UK's /_status, and Mozilla's Dockerflow convention: /__heartbeat__ checks the backing services, /__lbheartbeat__ answers the load balancer.
        "_status", "__heartbeat__", "__lbheartbeat__",
    };

    // Segments that may stand before the health name: /api/v1/health, /utils/health-check, /_/health.
    private static readonly HashSet<string> Prefixes = new(StringComparer.OrdinalIgnoreCase) { "api", "utils", "internal", "system", "monitoring", "ops", "_", "-", "service", "app", "debug" };

    [GeneratedRegex(@"^v\d+$")]
    private static partial Regex VersionSegment();

    [GeneratedRegex(@"\{\w*\}(?=\w)|%s(?=\w)")]
    private static partial Regex FormatPrefix();

    /// <summary>
    /// A health path handed to or named by a health-named identifier on the same line (health, live, ready, ping:
    /// gotosocial's `LivePath = "/livez"`), the path itself a health route: ntfy's `apiHealthPath = "/v1/health"`
    /// matched against the request path later, saleor's `health_check(application, "/health/")` wrapping the ASGI app.
    /// </summary>
    [GeneratedRegex(@"\b\w*(?:[Hh]ealth|HEALTH|[Ll]ive|LIVE|[Rr]eady|READY|[Pp]ing|PING)\w*\b[^\n""']{0,80}[""'](?<path>/[^""'\s]*)[""']")]
    public static partial Regex NamedHealthPath();

    /// <summary>`/api/v1/health/`, `^healthz/?$`, `GET /readyz`, `health/ready` -> the route ("/api/v1/health"), when its last segment names a health check; null otherwise.</summary>
    public static string? Of(string path)
    {
        // A prefix filled in by formatting stands for path segments before the name: readthedocs'
        // "^{DOC_PATH_PREFIX}health_check/$".format(...), "^%shealth/$" % prefix.
        var clean = FormatPrefix().Replace(Clean(path), "");
        var segments = clean.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || !Names.Contains(segments[^1]))
            return null;
        // A health name may itself be a prefix: /health/ready and /health/alive split liveness from readiness.
        if (!segments.SkipLast(1).All(s => Prefixes.Contains(s) || Names.Contains(s) || VersionSegment().IsMatch(s)))
            return null;
        return "/" + string.Join('/', segments).ToLowerInvariant();
    }

    /// <summary>A route as written, without regex anchors, an optional slash, a method or surrounding slashes.</summary>
    public static string Clean(string path)
    {
        var p = path.Trim();
        var space = p.LastIndexOf(' ');
        if (space >= 0)
            p = p[(space + 1)..]; // Go 1.22 patterns: "GET /healthz"
        return p.TrimStart('^').TrimEnd('$').Replace("/?", "", StringComparison.Ordinal).Trim('/');
    }
}
