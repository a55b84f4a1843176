using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Node;

/// <summary>
/// Which JS/TS routes are health routes: `/health`, `/healthz`, `/api/v1/health-check`, `/readyz`... anywhere in a path;
/// the looser `/ready`, `/live`, `/status` and `/ping` only at the top or under an API prefix (`/orders/:id/status`
/// is not a health route). File-system routes of Next.js, Remix/React Router, Nuxt and SvelteKit too.
/// </summary>
internal static partial class NodeHealthRoutes
{
    private static readonly HashSet<string> Strict = new(StringComparer.Ordinal)
    {
        "health", "healthz", "healthcheck", "healthchecks", "health-check", "health_check", "_health", "__health", "readyz", "livez", "liveness", "readiness", "heartbeat",
        // Mozilla's Dockerflow routes: /__heartbeat__ checks the backing services, /__lbheartbeat__ answers the load balancer.
        "__heartbeat__", "__lbheartbeat__",
    };

    private static readonly HashSet<string> Loose = new(StringComparer.Ordinal) { "ready", "live", "alive", "status", "ping" };

    /// <summary>`/api/health` for a health route path (with or without its leading slash), or null.</summary>
    public static string? Normalize(string path)
    {
        var segments = path.Trim().Trim('/').ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s.StartsWith(':') || s.StartsWith('{') || s.Contains('*', StringComparison.Ordinal)) && !segments.Any(Strict.Contains))
            return null;
        var health = segments.Any(Strict.Contains)
            || Loose.Contains(segments[^1]) && segments[..^1].All(IsPrefix);
        return health ? "/" + string.Join('/', segments) : null;
    }

    /// <summary>The route a file-system route file serves when it is a health route, or null.</summary>
    public static string? FromFile(string path)
    {
        var next = NextAppRoute().Match(path);
        // A folder named `%5F_heartbeat__` is how Next.js serves a path starting with an underscore (`_x` is a private folder).
        if (next.Success)
            return Normalize(Uri.UnescapeDataString(RouteGroups().Replace(next.Groups["route"].Value, "")));
        var pages = NextApiRoute().Match(path);
        if (pages.Success)
            return Normalize("api/" + pages.Groups["route"].Value);
        var flat = FlatRoute().Match(path);
        if (flat.Success)
            return Normalize(FlatRouteSegments(flat.Groups["route"].Value));
        var nuxt = NuxtRoute().Match(path);
        if (nuxt.Success)
            return Normalize((nuxt.Groups["api"].Success ? "api/" : "") + nuxt.Groups["route"].Value);
        var svelte = SvelteKitRoute().Match(path);
        if (svelte.Success)
            return Normalize(RouteGroups().Replace(svelte.Groups["route"].Value, ""));
        return null;
    }

    private static bool IsPrefix(string segment) =>
        segment is "api" or "internal" or "system" or "monitoring" or "_" or "health" || VersionSegment().IsMatch(segment);

    /// <summary>`api+/health` and `api.health` (remix-flat-routes, Remix v2) -> `api/health`; `_index`, layouts and params dropped.</summary>
    private static string FlatRouteSegments(string route)
    {
        var segments = route.Replace("+/", ".", StringComparison.Ordinal).Replace('/', '.').Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !s.StartsWith('_') || s is "_health" or "__health")
            .Where(s => s is not ("route" or "index") && !s.StartsWith('$') && !s.StartsWith('('));
        return string.Join('/', segments);
    }

    [GeneratedRegex(@"(?:^|/)(?:src/)?app/(?<route>(?:[^/]+/)*?[^/]+)/route\.(?:ts|js|mjs|tsx|jsx)$")]
    private static partial Regex NextAppRoute();

    [GeneratedRegex(@"(?:^|/)(?:src/)?pages/api/(?<route>(?:[^/]+/)*?[^/.]+?)(?:/index)?\.(?:ts|js|mjs|tsx|jsx)$")]
    private static partial Regex NextApiRoute();

    [GeneratedRegex(@"(?:^|/)app/routes/(?<route>[^.]+?(?:[.+/][^.+/]+?)*?)(?:/route)?\.(?:ts|js|tsx|jsx)$")]
    private static partial Regex FlatRoute();

    [GeneratedRegex(@"(?:^|/)server/(?:(?<api>api)|routes)/(?<route>(?:[^/]+/)*?[^/.]+?)(?:/index)?(?:\.(?:get|head))?\.(?:ts|js|mjs)$")]
    private static partial Regex NuxtRoute();

    [GeneratedRegex(@"(?:^|/)src/routes/(?<route>(?:[^/]+/)*?[^/]+)/\+server\.(?:ts|js)$")]
    private static partial Regex SvelteKitRoute();

    [GeneratedRegex(@"\([^)/]*\)/?")]
    private static partial Regex RouteGroups();

    [GeneratedRegex(@"^v\d+$")]
    private static partial Regex VersionSegment();
}
