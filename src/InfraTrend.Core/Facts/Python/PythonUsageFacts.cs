using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Node;

namespace InfraTrend.Facts.Python;

/// <summary>
/// What Python application code really uses: imports of known libraries (and the call that wires them where an
/// import alone would mislead), frameworks, CORS, health routes, rate limiting, logging set-up and print() calls.
/// Comments, strings, tests, examples, migrations and vendored code never count.
/// </summary>
// After NodeUsageFacts, which reads monitoring.errorTracking, monitoring.errorTrackingWiring, monitoring.tracing
// without what this source adds.
[FactSource(After = [typeof(NodeUsageFacts)])]
public sealed partial class PythonUsageFacts : IFactSource
{
    [GeneratedRegex(@"(?<![\w.])print\s*\(")]
    private static partial Regex PrintCall();

    // FastAPI, Flask, Starlette, aiohttp, Sanic: @app.get("/health"), @bp.route("/ping"), app.add_api_route("/healthz", ...); a route starts
    // with a slash, which tells it from a dict's .get("status").
    [GeneratedRegex(@"\.(?:get|head|route|api_route|add_api_route|add_url_rule|add_route|add_get|api_view)\s*\(\s*(?:path\s*=\s*|rule\s*=\s*)?[rRuU]?['""](?<path>/[^'""\n]*)['""]")]
    private static partial Regex FrameworkRoute();

    // Django: path("health/", ...), re_path(r"^healthz/?$", ...), url(r'^ping$', ...).
    [GeneratedRegex(@"(?<![\w.])(?:path|re_path|url)\s*\(\s*[rRuU]?['""](?<path>[^'""\n]*)['""]")]
    private static partial Regex DjangoRoute();

    // Pyramid: config.add_route("health", "/_health/"), the route's name before its path (warehouse).
    [GeneratedRegex(@"\.add_route\s*\(\s*[rRuU]?['""][\w.\-]*['""]\s*,\s*[rRuU]?['""](?<path>/[^'""\n]*)['""]")]
    private static partial Regex PyramidRoute();

    // django-health-check: path("ht/", include("health_check.urls")).
    [GeneratedRegex(@"(?<![\w.])(?:path|re_path|url)\s*\(\s*[rRuU]?['""](?<path>[^'""\n]*)['""]\s*,\s*include\s*\(\s*['""]health_check\.urls['""]")]
    private static partial Regex DjangoHealthCheckInclude();

    [GeneratedRegex(@"\bCORSMiddleware\s*,(?<args>[^)]{0,600})", RegexOptions.Singleline)]
    private static partial Regex StarletteCors();

    [GeneratedRegex(@"\ballow_origins\s*=\s*(?<value>\[[^\]]*\]|\([^)]*\)|[^,)\n]+)|\ballow_origin_regex\s*=")]
    private static partial Regex AllowOrigins();

    [GeneratedRegex(@"(?<![\w.])(?:CORS|cross_origin)\s*\((?<args>[^)]{0,600})\)", RegexOptions.Singleline)]
    private static partial Regex FlaskCors();

    [GeneratedRegex(@"['""]?origins['""]?\s*[=:]\s*(?<value>\[[^\]]*\]|[^,}\n]+)")]
    private static partial Regex FlaskCorsOrigins();

    [GeneratedRegex(@"\blogging\s*\.\s*basicConfig\s*\(|\bdictConfig\s*\(|\bfileConfig\s*\(|\.\s*addHandler\s*\(|\.\s*setFormatter\s*\(|^LOGGING\s*=", RegexOptions.Multiline)]
    private static partial Regex LoggingConfigured();

    [GeneratedRegex(@"\bJSONRenderer\s*\(|\bJsonFormatter\b|\bjsonlogger\b|\bjson_log_formatter\b|\becs_logging\b|\bserialize\s*=\s*True\b|\bStdlibFormatter\b")]
    private static partial Regex JsonLogging();

    [GeneratedRegex(@"(?:pythonjsonlogger|json_log_formatter|ecs_logging)[\w.]*(?=['""])")]
    private static partial Regex JsonFormatterPath();

    [GeneratedRegex(@"\bTalisman\s*\((?<args>[^)]{0,400})\)|\btalisman\s*\.\s*init_app\s*\((?<args>[^)]{0,400})\)", RegexOptions.Singleline)]
    private static partial Regex Talisman();

    [GeneratedRegex(@"\bHTTPSRedirectMiddleware\b")]
    private static partial Regex HttpsRedirect();

    [GeneratedRegex(@"\bSecure\s*\(|\bsecure_headers\b|\bSecureHeaders\s*\(")]
    private static partial Regex SecureHeaders();

    // A header set by hand on responses (warehouse's CSP tween: resp.headers["Content-Security-Policy"] = policy; Django's
    // response["X-Frame-Options"] = ...), the name a str or a bytes literal (response.headers[b'X-Frame-Options'], on servers
    // whose headers are bytes).
    [GeneratedRegex(@"\b(?:headers|response|resp)\s*(?:\[\s*|\.\s*(?:setdefault|add|set)\s*\(\s*)[bB]?['""](?<header>Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Strict-Transport-Security)['""]", RegexOptions.IgnoreCase)]
    private static partial Regex SecurityHeaderSet();

    // ...counted only in a hook that every response passes through, not on one view's response (lnbits, changedetection.io):
    // a framework's response hook, or a function whose name says it sets the default or security headers of every response
    // (def set_default_security_headers(website, response), registered in the server's response chain).
    [GeneratedRegex(@"\bafter_request\b|\bprocess_response\b|_tween\b|\badd_tween\b|\bmiddleware\b|MiddlewareMixin|BaseHTTPMiddleware|\bdef\s+\w*(?:default|security)_headers\b", RegexOptions.IgnoreCase)]
    private static partial Regex ResponseHook();

    [GeneratedRegex(@"\bAPIKey(?:Header|Query|Cookie)\s*\(")]
    private static partial Regex ApiKeySecurity();

    [GeneratedRegex(@"\bdsn\s*=|SENTRY_DSN")]
    private static partial Regex SentryDsn();

    [GeneratedRegex(@"r2\.cloudflarestorage\.com")]
    private static partial Regex CloudflareR2();

    [GeneratedRegex(@"^(?:postgres(?:ql)?(?:\+\w+)?|mysql(?:\+\w+)?|mariadb(?:\+\w+)?|sqlite(?:\+\w+)?|mongodb(?:\+srv)?)://")]
    private static partial Regex DatabaseUrl();

    [GeneratedRegex(@"(?:postgres(?:ql)?|mysql|mariadb|sqlite|mongodb)(?:\+\w+)?(?:\+srv)?://")]
    private static partial Regex DatabaseUrlLiteral();

    private static readonly PythonLibrary[] WiredLibraries = PythonLibraries.All.Where(l => l.Wiring is not null).ToArray();

    /// <summary>What one file shows, from its text alone (safe on any thread): imports, wiring calls, and the facts it writes.</summary>
    private static (IReadOnlyList<(string Module, int Offset)> Imports, List<(PythonLibrary Library, Evidence Wired)> Wired, FactRecorder Facts) Scan(SourceText source)
    {
        var imports = PythonSources.Imports(source);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (module, _) in imports)
            modules.Add(module);
        // Wiring calls count in any application file of the part that imports the library (an init module often imports nothing else).
        var wired = new List<(PythonLibrary, Evidence)>();
        foreach (var library in WiredLibraries)
        {
            if (library.ProvidesAny(modules) && source.FirstCode(library.Wiring!) is { } call)
                wired.Add((library, call));
        }

        var facts = new FactRecorder();
        Cors(facts, source, modules);
        Health(facts, source);
        Logging(facts, source, modules);
        Security(facts, source, modules);
        var (prints, firstPrint) = source.CountCode(PrintCall());
        if (prints > 0)
            facts.Count(FactKeys.ConsoleLogCalls, prints, source.EvidenceAt(firstPrint));
        if (source.Text.Contains("r2.cloudflarestorage.com", StringComparison.Ordinal) && FirstString(source, CloudflareR2()) is { } r2)
            facts.Add(FactKeys.ObjectStorage, "cloudflare-r2", r2);
        foreach (var (value, offset) in PythonSources.StringLiterals(source, DatabaseUrlLiteral()))
        {
            var engine = EngineOfUrl(value);
            if (engine is not null && !source.Path.EndsWith("settings/test.py", StringComparison.Ordinal))
                facts.Add(FactKeys.DatabaseEngines, engine, source.EvidenceAt(offset));
        }
        return (imports, wired, facts);
    }

    public void Collect(FactContext context)
    {
        var sources = PythonSources.Of(context);
        var manifests = PythonManifests.Of(context);
        var usedByPart = new Dictionary<string, List<(PythonLibrary Library, Evidence Import)>>(StringComparer.Ordinal);
        var wiredByPart = new Dictionary<string, Dictionary<PythonLibrary, Evidence>>(StringComparer.Ordinal);
        var frameworksByPart = new Dictionary<string, Dictionary<string, Evidence>>(StringComparer.Ordinal);

        // Each file is scanned on every core (what it imports, the wiring calls it makes, the facts it shows), then its
        // findings are written in path order: the context is not thread-safe, and the order keeps the first evidence first.
        var scans = new (IReadOnlyList<(string Module, int Offset)> Imports, List<(PythonLibrary Library, Evidence Wired)> Wired, FactRecorder Facts)[sources.Count];
        Parallel.For(0, sources.Count, i => scans[i] = Scan(sources[i]));

        for (var i = 0; i < sources.Count; i++)
        {
            var (source, (imports, wiredLibraries, facts)) = (sources[i], scans[i]);
            var partKey = context.PartOf(source.Path)?.Path ?? "";
            foreach (var (module, offset) in imports)
            {
                var evidence = source.EvidenceAt(offset);
                foreach (var library in PythonLibraries.All)
                {
                    if (!library.Provides(module))
                        continue;
                    if (!usedByPart.TryGetValue(partKey, out var used))
                        usedByPart[partKey] = used = [];
                    used.Add((library, evidence));
                }
                foreach (var (_, root, framework) in PythonLibraries.Frameworks)
                {
                    if (Prefixes.IsAtOrUnder(module, root, '.'))
                    {
                        if (!frameworksByPart.TryGetValue(partKey, out var found))
                            frameworksByPart[partKey] = found = new(StringComparer.Ordinal);
                        found.KeepEarliest(framework, evidence);
                    }
                }
                if (Prefixes.IsAtOrUnderAny(module, PythonLibraries.RateLimiters, '.'))
                    context.Flag(FactKeys.RateLimiting, evidence);
                if (module.StartsWith("health_check", StringComparison.Ordinal) || module.StartsWith("flask_healthz", StringComparison.Ordinal) || module == "healthcheck")
                    context.Flag(FactKeys.HealthEndpoint, evidence);
            }

            foreach (var (library, wired) in wiredLibraries)
            {
                if (!wiredByPart.TryGetValue(partKey, out var wiring))
                    wiredByPart[partKey] = wiring = [];
                wiring.KeepEarliest(library, wired);
            }
            facts.WriteTo(context);
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
                {
                    if (library.FactKey == FactKeys.ErrorTracking)
                        context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, "dependency", import);
                    continue; // imported but never initialised: not listed
                }
                context.Add(library.FactKey, library.Id, wired ?? import);
                if (library.Id == "structlog")
                    context.Flag(FactKeys.StructuredOutput, import); // a structured logger: key-value events by nature
                if (library.FactKey == FactKeys.ErrorTracking)
                    ErrorTrackingWiring(context, library, wired!, sources, partKey);
            }
        }

        foreach (var (_, frameworks) in frameworksByPart)
        {
            foreach (var (framework, evidence) in frameworks)
            {
                context.Add(FactKeys.Frameworks, framework, evidence);
                // The manifest that declares it, beside the import that proves it is used.
                var package = PythonLibraries.Frameworks.First(f => f.Framework == framework).Package;
                var part = context.PartOf(evidence.Path);
                foreach (var manifest in manifests.Where(m => context.PartOf(m.Path) == part))
                    if (manifest.Find(package) is { Dev: false } dependency)
                        context.Add(FactKeys.Frameworks, framework, dependency.Evidence);
            }
        }

        DependencyOnly(context, manifests, usedByPart);
        AgentsInStartCommands(context);
    }

    /// <summary>
    /// Dependencies that matter without an import: database drivers (loaded from a connection URL), and error
    /// tracking SDKs that are declared but never imported (partial wiring: the dependency only).
    /// </summary>
    private static void DependencyOnly(FactContext context, IReadOnlyList<PythonManifest> manifests, Dictionary<string, List<(PythonLibrary Library, Evidence Import)>> usedByPart)
    {
        foreach (var manifest in manifests.Where(m => !PartDetector.IsTestOrExample(m.Folder)))
        {
            var partKey = context.PartOf(manifest.Path)?.Path ?? "";
            usedByPart.TryGetValue(partKey, out var used);
            foreach (var library in PythonLibraries.All)
            {
                var declared = manifest.Dependencies.FirstOrDefault(d => !d.Dev && library.Packages.Contains(d.Name));
                if (declared is null)
                    continue;
                if (library.FactKey == FactKeys.DatabaseEngines && PythonLibraries.DriverOnlyEngines.Contains(library.Id))
                    context.Add(FactKeys.DatabaseEngines, library.Id, declared.Evidence);
                else if (library.FactKey == FactKeys.ErrorTracking && (used is null || !used.Any(u => u.Library == library)))
                    context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, "dependency", declared.Evidence);
            }
        }
    }

    private static void ErrorTrackingWiring(FactContext context, PythonLibrary library, Evidence init, IReadOnlyList<SourceText> sources, string partKey)
    {
        var pieces = new List<string> { "dependency", "init" };
        Evidence? dsn = null;
        if (library.Id == "sentry")
        {
            // sentry_sdk.init() reads SENTRY_DSN from the environment when no dsn= is given: either one connects it.
            dsn = sources.Where(s => (context.PartOf(s.Path)?.Path ?? "") == partKey)
                .Select(s => s.FirstCode(SentryDsn()) ?? FirstString(s, SentryDsn()))
                .FirstOrDefault(e => e is not null);
            dsn ??= NodeUsageFacts.ConfigMention(context, "SENTRY_DSN");
        }
        else
        {
            var variable = library.Id.ToUpperInvariant() + "_";
            dsn = NodeUsageFacts.ConfigMention(context, variable);
        }
        if (dsn is not null)
            pieces.Add("dsn");
        context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, string.Join(',', pieces), dsn ?? init);
    }

    private static Evidence? FirstString(SourceText source, Regex pattern) =>
        pattern.Matches(source.Text).Where(m => source.Kinds[m.Index] == CharKind.String).Select(m => source.EvidenceAt(m.Index)).FirstOrDefault();

    private static string? EngineOfUrl(string url) =>
        DatabaseUrl().IsMatch(url) ? url.Split(':', '+')[0] switch
        {
            "postgres" or "postgresql" => "postgres",
            "mysql" or "mariadb" => "mysql",
            "sqlite" => "sqlite",
            "mongodb" => "mongodb",
            _ => null,
        } : null;

    private static void Cors(IFactWriter context, SourceText source, HashSet<string> modules)
    {
        foreach (var m in source.CodeMatches(StarletteCors()))
        {
            var origins = AllowOrigins().Match(m.Groups["args"].Value);
            if (!origins.Success)
                continue; // no origins: the middleware allows none
            var evidence = source.EvidenceAt(m.Index);
            var value = origins.Groups["value"].Value;
            context.Flag(IsWildcard(value) ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, evidence);
        }
        if (!modules.Any(m => m.StartsWith("flask_cors", StringComparison.Ordinal)))
            return;
        foreach (var m in source.CodeMatches(FlaskCors()))
        {
            var evidence = source.EvidenceAt(m.Index);
            var origins = FlaskCorsOrigins().Match(m.Groups["args"].Value);
            // Flask-CORS allows every origin unless it is given some.
            context.Flag(!origins.Success || IsWildcard(origins.Groups["value"].Value) ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, evidence);
        }
    }

    private static bool IsWildcard(string value)
    {
        var v = value.Trim();
        return v.Contains("\"*\"", StringComparison.Ordinal) || v.Contains("'*'", StringComparison.Ordinal) || v == "True";
    }

    private static void Health(IFactWriter context, SourceText source)
    {
        foreach (var m in source.CodeMatches(FrameworkRoute()).Concat(source.CodeMatches(DjangoRoute())).Concat(source.CodeMatches(PyramidRoute())).Concat(source.CodeMatches(HealthRoutes.NamedHealthPath())))
        {
            if (HealthRoutes.Of(m.Groups["path"].Value) is not { } route)
                continue;
            var evidence = source.EvidenceAt(m.Index);
            context.Flag(FactKeys.HealthEndpoint, evidence);
            context.Add(FactKeys.HealthRoutes, route, evidence);
        }
        foreach (var m in source.CodeMatches(DjangoHealthCheckInclude()))
        {
            var evidence = source.EvidenceAt(m.Index);
            context.Flag(FactKeys.HealthEndpoint, evidence);
            context.Add(FactKeys.HealthRoutes, "/" + HealthRoutes.Clean(m.Groups["path"].Value), evidence);
        }
    }

    private static void Logging(IFactWriter context, SourceText source, HashSet<string> modules)
    {
        if ((modules.Contains("logging") || modules.Any(m => m.StartsWith("logging.", StringComparison.Ordinal)) || source.Text.Contains("LOGGING", StringComparison.Ordinal))
            && source.FirstCode(LoggingConfigured()) is { } configured)
            context.Add(FactKeys.StructuredLogging, "python-logging", configured);
        if (source.FirstCode(JsonLogging()) is { } json && (modules.Any(m => m.StartsWith("pythonjsonlogger", StringComparison.Ordinal) || m.StartsWith("structlog", StringComparison.Ordinal) || m.StartsWith("loguru", StringComparison.Ordinal) || m.StartsWith("json_log_formatter", StringComparison.Ordinal) || m.StartsWith("ecs_logging", StringComparison.Ordinal))))
            context.Flag(FactKeys.StructuredOutput, json);
        // A LOGGING dict names its formatter class as a dotted string.
        foreach (var (_, offset) in PythonSources.StringLiterals(source, JsonFormatterPath()).Take(1))
            context.Flag(FactKeys.StructuredOutput, source.EvidenceAt(offset));
    }

    private static void Security(IFactWriter context, SourceText source, HashSet<string> modules)
    {
        if (modules.Any(m => m.StartsWith("flask_talisman", StringComparison.Ordinal)))
        {
            foreach (var m in source.CodeMatches(Talisman()))
            {
                var evidence = source.EvidenceAt(m.Index);
                var args = m.Groups["args"].Value;
                // Talisman sends HSTS and a CSP and redirects to HTTPS unless told not to.
                if (!Regex.IsMatch(args, @"strict_transport_security\s*=\s*False"))
                    context.Add(FactKeys.SecurityHeaders, "hsts", evidence);
                if (!Regex.IsMatch(args, @"content_security_policy\s*=\s*None"))
                    context.Add(FactKeys.SecurityHeaders, "csp", evidence);
                if (!Regex.IsMatch(args, @"force_https\s*=\s*False"))
                    context.Flag(FactKeys.HttpsEnforced, evidence);
            }
        }
        if (modules.Any(m => m.StartsWith("secure", StringComparison.Ordinal) && (m == "secure" || m.StartsWith("secure.", StringComparison.Ordinal))) && source.FirstCode(SecureHeaders()) is { } secure)
            context.Add(FactKeys.SecurityHeaders, "secure-headers", secure);
        foreach (var m in ResponseHook().IsMatch(source.Text) ? source.CodeMatches(SecurityHeaderSet()) : Enumerable.Empty<Match>())
        {
            var header = m.Groups["header"].Value.ToLowerInvariant();
            context.Add(FactKeys.SecurityHeaders, header switch { "strict-transport-security" => "hsts", "content-security-policy" => "csp", _ => header }, source.EvidenceAt(m.Index));
        }
        if (source.FirstCode(HttpsRedirect()) is { } redirect && modules.Any(m => m.Contains("httpsredirect", StringComparison.OrdinalIgnoreCase)))
            context.Flag(FactKeys.HttpsEnforced, redirect);
        if (modules.Any(m => m.StartsWith("fastapi.security", StringComparison.Ordinal)) && source.FirstCode(ApiKeySecurity()) is { } apiKey)
            context.Add(FactKeys.Auth, "api-key", apiKey);
    }

    /// <summary>Agents that wrap the start command (ddtrace-run, newrelic-admin run-program, opentelemetry-instrument) instrument without an import.</summary>
    private static void AgentsInStartCommands(FactContext context)
    {
        var agents = new (Regex Pattern, string Key, string Id)[]
        {
            (new Regex(@"\bddtrace-run\b"), FactKeys.Tracing, "datadog"),
            (new Regex(@"\bnewrelic-admin\s+run-(program|python)\b"), FactKeys.Tracing, "newrelic"),
            (new Regex(@"\bopentelemetry-instrument\b"), FactKeys.Tracing, "opentelemetry"),
        };
        foreach (var file in context.Snapshot.Files)
        {
            var name = file.Name;
            var isStart = name is "Procfile" or "entrypoint.sh" or "docker-entrypoint.sh" or "start.sh" or "run.sh" or "supervisord.conf" || name.StartsWith("Dockerfile", StringComparison.Ordinal)
                || name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose.", StringComparison.Ordinal) || name.EndsWith(".sh", StringComparison.Ordinal) && file.Path.Contains("scripts/", StringComparison.Ordinal);
            if (!isStart || SourceFiles.IsNotApplication(file.Path) || SourceFiles.IsTest(file.Path) || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            if (!text.Contains("ddtrace-run", StringComparison.Ordinal) && !text.Contains("newrelic-admin", StringComparison.Ordinal) && !text.Contains("opentelemetry-instrument", StringComparison.Ordinal))
                continue;
            var lexed = new SourceText(file.Path, text, LexerFamily.Hash, "shell");
            foreach (var (pattern, key, id) in agents)
            {
                foreach (Match m in pattern.Matches(text))
                {
                    if (lexed.Kinds[m.Index] != CharKind.Comment)
                    {
                        context.Add(key, id, lexed.EvidenceAt(m.Index));
                        break;
                    }
                }
            }
        }
    }
}
