using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Node;

/// <summary>
/// What JS/TS application code really uses: imports of known libraries (and the call that wires them where an
/// import alone would mislead), CORS, health routes and console calls. Comments and strings never count; test,
/// example, generated and vendored code never count.
/// </summary>
public sealed partial class NodeUsageFacts : IFactSource
{
    [GeneratedRegex(@"(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['""`]([^'""`\s]+)['""`]")]
    private static partial Regex Import();

    [GeneratedRegex(@"\bconsole\s*\.\s*(log|info|warn|error|debug|trace|dir|table)\s*\(")]
    private static partial Regex ConsoleCall();

    [GeneratedRegex(@"\.(get|all|use|route|head|on)\s*\(\s*(?:['""`](?:GET|HEAD)['""`]\s*,\s*)?['""`]((?:/api)?(?:/v\d+)?/(health|healthz|healthcheck|health-check|_health|ready|readyz|readiness|live|livez|liveness|status|ping))['""`]", RegexOptions.IgnoreCase)]
    private static partial Regex HealthRoute();

    [GeneratedRegex(@"@(Get|Controller)\s*\(\s*['""`]/?(health|healthz|ready|readyz|live|livez|status|ping)['""`]", RegexOptions.IgnoreCase)]
    private static partial Regex NestHealthRoute();

    [GeneratedRegex(@"\b(cors|enableCors)\s*\(\s*\)")]
    private static partial Regex CorsDefaults();

    [GeneratedRegex(@"\b(cors|enableCors)\s*\(\s*\{[^)]*?origin\s*:\s*(?<value>['""`]\*['""`]|true\b|[^,}\s]+)", RegexOptions.Singleline)]
    private static partial Regex CorsWithOrigin();

    [GeneratedRegex(@"register\s*\(\s*(?:cors|fastifyCors|require\(['""]@fastify/cors['""]\))\s*,\s*\{[^)]*?origin\s*:\s*(?<value>['""`]\*['""`]|true\b|[^,}\s]+)", RegexOptions.Singleline)]
    private static partial Regex FastifyCors();

    [GeneratedRegex(@"\b(format\.json|format\s*:\s*['""]json['""]|winston\.format\.json|json\s*\(\s*\))")]
    private static partial Regex WinstonJson();

    [GeneratedRegex(@"\bdsn\s*:|SENTRY_DSN")]
    private static partial Regex SentryDsn();

    [GeneratedRegex(@"r2\.cloudflarestorage\.com")]
    private static partial Regex CloudflareR2();

    public void Collect(FactContext context)
    {
        var sources = SourceFiles.Application(context, "typescript", "javascript");
        var usedByPart = new Dictionary<string, List<(NodeLibrary Library, Evidence Import)>>(StringComparer.Ordinal);
        var wiredByPart = new Dictionary<string, Dictionary<NodeLibrary, Evidence>>(StringComparer.Ordinal);
        var packageToLibrary = NodeLibraries.All.SelectMany(l => l.Packages.Select(p => (p, l))).ToLookup(x => x.p, x => x.l, StringComparer.Ordinal);

        var sourcesByPart = new Dictionary<string, List<SourceText>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var partKey = context.PartOf(source.Path)?.Path ?? "";
            if (!sourcesByPart.TryGetValue(partKey, out var ofPart))
                sourcesByPart[partKey] = ofPart = [];
            ofPart.Add(source);
            var imported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var match in source.CodeMatches(Import()))
            {
                var specifier = match.Groups[1].Value;
                var package = PackageName(specifier);
                imported.Add(package);
                imported.Add(specifier);
                var libraries = packageToLibrary[package].Concat(packageToLibrary[specifier]).Distinct().ToList();
                var rateLimiter = NodeLibraries.RateLimiters.Contains(package);
                var healthLibrary = package is "@nestjs/terminus" or "@godaddy/terminus" or "lightship" or "express-healthcheck" or "express-actuator";
                if (libraries.Count == 0 && !rateLimiter && !healthLibrary)
                    continue; // most imports name nothing the audit knows: no evidence (a line count) needed
                var evidence = source.EvidenceAt(match.Index);
                foreach (var library in libraries)
                {
                    if (!usedByPart.TryGetValue(partKey, out var used))
                        usedByPart[partKey] = used = [];
                    used.Add((library, evidence));
                }
                if (rateLimiter)
                    context.Flag(FactKeys.RateLimiting, evidence);
                if (healthLibrary)
                    context.Flag(FactKeys.HealthEndpoint, evidence);
            }

            // Wiring calls count in any application file of the part (an init module often imports nothing else).
            foreach (var library in NodeLibraries.All.Where(l => l.Wiring is not null))
            {
                // The import test first: it is a set lookup, the wiring pattern a scan of the whole file.
                if (library.Packages.Any(imported.Contains) && source.FirstCode(library.Wiring!) is { } wired)
                {
                    if (!wiredByPart.TryGetValue(partKey, out var wiring))
                        wiredByPart[partKey] = wiring = [];
                    wiring.TryAdd(library, wired);
                }
            }

            Cors(context, source);
            Health(context, source);
            var consoleCalls = source.CodeMatches(ConsoleCall()).ToList();
            if (consoleCalls.Count > 0)
                context.Count(FactKeys.ConsoleLogCalls, consoleCalls.Count, source.EvidenceAt(consoleCalls[0].Index));
            if (imported.Contains("winston") && source.FirstCode(WinstonJson()) is { } json)
                context.Flag(FactKeys.StructuredOutput, json);
            if (source.FirstCode(CloudflareR2()) is { } r2)
                context.Add(FactKeys.ObjectStorage, "cloudflare-r2", r2);
        }

        foreach (var (partKey, used) in usedByPart)
        {
            wiredByPart.TryGetValue(partKey, out var wiring);
            foreach (var group in used.GroupBy(u => u.Library))
            {
                var library = group.Key;
                var import = group.Min(u => u.Import)!;
                Evidence? wired = null;
                if (library.Wiring is not null && (wiring is null || !wiring.TryGetValue(library, out wired)))
                    continue; // imported but never initialised: not listed
                context.Add(library.FactKey, library.Id, wired ?? import);
                if (library.FactKey == FactKeys.StructuredLogging && library.Id is "pino" or "bunyan")
                    context.Flag(FactKeys.StructuredOutput, import);
                if (library.FactKey == FactKeys.ErrorTracking)
                    ErrorTrackingWiring(context, library, import, sourcesByPart[partKey]);
            }
        }
        HealthRouteFiles(context);
    }

    private static void ErrorTrackingWiring(FactContext context, NodeLibrary library, Evidence import, IReadOnlyList<SourceText> partSources)
    {
        var pieces = new List<string> { "dependency", "init" };
        var dsn = partSources.Select(s => s.FirstCode(SentryDsn()) ?? FirstString(s, SentryDsn())).FirstOrDefault(e => e is not null);
        dsn ??= ConfigMention(context, "SENTRY_DSN");
        if (dsn is not null)
            pieces.Add("dsn");
        context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, string.Join(',', pieces), dsn ?? import);
    }

    private static Evidence? FirstString(SourceText source, Regex pattern) =>
        pattern.Matches(source.Text).Select(m => source.EvidenceAt(m.Index)).FirstOrDefault();

    /// <summary>A variable named in an env example or a deployment descriptor (the DSN is set where the app runs).</summary>
    internal static Evidence? ConfigMention(FactContext context, string variable)
    {
        foreach (var file in context.Snapshot.Files.Where(f => f.Name.StartsWith(".env", StringComparison.Ordinal) || f.Name is "render.yaml" or "fly.toml" or "app.json" or "docker-compose.yml" or "compose.yaml" or "vercel.json" || f.Path.StartsWith(".github/workflows/", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(file.Path) is { } text && TextLines.Find(text, variable) is > 0 and var line)
                return new Evidence(file.Path, line);
        }
        return null;
    }

    private static void Cors(FactContext context, SourceText source)
    {
        foreach (var m in source.CodeMatches(CorsDefaults()))
            context.Flag(FactKeys.CorsPermissive, source.EvidenceAt(m.Index));
        foreach (var m in source.CodeMatches(CorsWithOrigin()).Concat(source.CodeMatches(FastifyCors())))
        {
            var value = m.Groups["value"].Value;
            var permissive = value is "true" || value.Trim('\'', '"', '`') == "*";
            context.Flag(permissive ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, source.EvidenceAt(m.Index));
        }
    }

    private static void Health(FactContext context, SourceText source)
    {
        foreach (var m in source.CodeMatches(HealthRoute()))
        {
            var evidence = source.EvidenceAt(m.Index);
            context.Flag(FactKeys.HealthEndpoint, evidence);
            context.Add(FactKeys.HealthRoutes, m.Groups[2].Value.ToLowerInvariant(), evidence);
        }
        foreach (var m in source.CodeMatches(NestHealthRoute()))
        {
            var evidence = source.EvidenceAt(m.Index);
            context.Flag(FactKeys.HealthEndpoint, evidence);
            context.Add(FactKeys.HealthRoutes, "/" + m.Groups[2].Value.ToLowerInvariant(), evidence);
        }
    }

    /// <summary>Next.js file-system routes: app/api/health/route.ts, pages/api/health.ts.</summary>
    private static void HealthRouteFiles(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            var m = Regex.Match(file.Path, @"(?:^|/)(?:src/)?(?:app|pages)/api/(health|healthz|ready|status|ping)(?:/route)?\.(ts|js|tsx|jsx)$");
            if (!m.Success || SourceFiles.IsTest(file.Path))
                continue;
            var evidence = new Evidence(file.Path, 1);
            context.Flag(FactKeys.HealthEndpoint, evidence);
            context.Add(FactKeys.HealthRoutes, "/api/" + m.Groups[1].Value, evidence);
        }
    }

    /// <summary>`@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`.</summary>
    public static string PackageName(string specifier)
    {
        var parts = specifier.Split('/');
        return specifier.StartsWith('@') && parts.Length >= 2 ? parts[0] + "/" + parts[1] : parts[0];
    }
}
