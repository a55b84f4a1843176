using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Node;

namespace InfraTrend.Facts.Go;

/// <summary>
/// What Go application code really uses: imports of known packages (and the call that wires them where an import
/// alone would mislead), frameworks, CORS, security headers, health routes and fmt.Print* calls. Comments,
/// strings, tests, generated and vendored code never count.
/// </summary>
// After NodeUsageFacts, which reads monitoring.errorTracking, monitoring.errorTrackingWiring, monitoring.tracing
// without what this source adds.
[FactSource(After = [typeof(NodeUsageFacts)])]
public sealed partial class GoUsageFacts : IFactSource
{
    [GeneratedRegex(@"\bfmt\s*\.\s*(Print|Println|Printf)\s*\(|(?<![\w.])(print|println)\s*\(")]
    private static partial Regex PrintCall();

    // gin, echo, fiber, chi, gorilla and net/http routes: r.GET("/health", h), mux.HandleFunc("GET /healthz", h), g.Match([]string{"GET"}, "/health", h),
    // chi's r.Mount("/healthz", handler) (drone), beego's web.Router("/api/health", &ApiController{}, "GET:Health") (casdoor).
    [GeneratedRegex(@"\.(?:GET|Get|HEAD|Head|Any|All|Handle|HandleFunc|HandlerFunc|Match|Path|Method|AddRoute|Route|Router|NSRouter|Mount|Group)\s*\([^\n]*?""(?<path>(?:(?:GET|HEAD)\s+)?/[^""\s]*)""")]
    private static partial Regex Route();

    [GeneratedRegex(@"\bAllowAllOrigins\s*:\s*true\b|\bcors\s*\.\s*(Default|AllowAll)\s*\(\s*\)|\bmiddleware\s*\.\s*CORS\s*\(\s*\)|\bcors\s*\.\s*New\s*\(\s*\)")]
    private static partial Regex CorsPermissive();

    [GeneratedRegex(@"\bAllow(?:ed)?Origins\s*(?::|=)\s*(?<value>[^\n]*)|\bAllow(?:ed)?Origin(?:s)?Func\b|\bAllowOriginRequestFunc\b")]
    private static partial Regex CorsOrigins();

    [GeneratedRegex(@"\.\s*(?:Set|Add)\s*\(\s*""Strict-Transport-Security""|\bSTSSeconds\s*:\s*[1-9]|\bHSTSMaxAge\s*:\s*[1-9]")]
    private static partial Regex Hsts();

    [GeneratedRegex(@"\.\s*(?:Set|Add)\s*\(\s*""Content-Security-Policy""|\bContentSecurityPolicy\s*:\s*""")]
    private static partial Regex Csp();

    // X-Frame-Options or X-Content-Type-Options written on a response: w.Header().Set("X-Frame-Options", "DENY"), gin's
    // c.Header(...), fasthttp's Header.SetBytesKV(headerXFrameOptions, ...) with the framework's header name constant.
    [GeneratedRegex(@"(?:\.\s*(?:Set|Add)\w*|\bHeader)\s*\(\s*(?:""(?<name>X-Frame-Options|X-Content-Type-Options)""|\w*\.?[Hh]eader(?<constant>XFrameOptions|XContentTypeOptions)\b)")]
    private static partial Regex FrameOrSniffHeader();

    // The same headers written as the keys of a header map, with a value: an http.Header literal
    // ({"X-Content-Type-Options": []string{"nosniff"}}), a map[string]string of default headers the handler copies onto
    // every response, or an index assignment (w.Header()["Content-Security-Policy"] = []string{policy}). The match begins at
    // the brace, comma or bracket before the name, in code; a key whose value is empty or nil clears the header instead.
    [GeneratedRegex(@"(?:[{,]\s*""(?<name>Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Strict-Transport-Security)""\s*:\s*(?:\[\]string\s*\{\s*)?""[^""\n]+""|\[\s*""(?<name>Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Strict-Transport-Security)""\s*\]\s*=(?!\s*(?:nil\b|\[\]string\s*\{\s*\})))", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderMapEntry();

    // autocert's HTTPHandler(nil) answers the ACME challenge and redirects every other plain-HTTP request to HTTPS.
    [GeneratedRegex(@"\bSSLRedirect\s*:\s*true\b|\bmiddleware\s*\.\s*HTTPSRedirect\w*\s*\(|\bredirect\s*\.\s*HTTPS|http\s*\.\s*Redirect\s*\([^\n]*""https://|\.\s*HTTPHandler\s*\(\s*nil\s*\)")]
    private static partial Regex HttpsRedirect();

    [GeneratedRegex(@"\bmiddleware\s*\.\s*(Secure|SecureWithConfig)\s*\(")]
    private static partial Regex EchoSecure();

    [GeneratedRegex(@"\bmiddleware\s*\.\s*(RateLimiter|RateLimiterWithConfig)\s*\(")]
    private static partial Regex EchoRateLimiter();

    [GeneratedRegex(@"\bmiddleware\s*\.\s*(KeyAuth|KeyAuthWithConfig)\s*\(")]
    private static partial Regex EchoKeyAuth();

    [GeneratedRegex(@"\bDsn\s*:|SENTRY_DSN")]
    private static partial Regex SentryDsn();

    [GeneratedRegex(@"^func\s+(?:\([^)]*\)\s*)?(?<name>\w+)\s*[\[(]", RegexOptions.Multiline)]
    private static partial Regex FuncDeclaration();

    private static readonly GoLibrary[] WiredLibraries = GoLibraries.All.Where(l => l.Wiring is not null).ToArray();

    /// <summary>
    /// What one file shows (safe on any thread: it reads the sources, never writes them): imports, the wiring calls that
    /// can run, and the facts it writes.
    /// </summary>
    private static (IReadOnlyList<(string Path, int Offset)> Imports, List<(GoLibrary Library, Evidence Wired)> Wired, FactRecorder Facts) Scan(IReadOnlyList<SourceText> sources, SourceText source)
    {
        var imports = GoSources.Imports(source);
        var paths = imports.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var wired = new List<(GoLibrary, Evidence)>();
        var reachableWiring = new Reachability(sources, source);
        foreach (var library in WiredLibraries)
        {
            if (library.ProvidesAny(paths) && source.CodeMatches(library.Wiring!).FirstOrDefault(m => reachableWiring.At(m.Index)) is { } match)
                wired.Add((library, source.EvidenceAt(match.Index)));
        }

        var facts = new FactRecorder();
        var echo = paths.Any(p => p.StartsWith("github.com/labstack/echo", StringComparison.Ordinal));
        var reachable = new Reachability(sources, source);
        if (paths.Any(p => p.Contains("cors", StringComparison.OrdinalIgnoreCase)) || echo)
            Cors(facts, source, reachable);
        Security(facts, source, echo, reachable);
        Health(facts, source);
        var (prints, firstPrint) = source.CountCode(PrintCall());
        if (prints > 0)
            facts.Count(FactKeys.ConsoleLogCalls, prints, source.EvidenceAt(firstPrint));
        return (imports, wired, facts);
    }

    public void Collect(FactContext context)
    {
        var sources = GoSources.Of(context);
        var modules = GoModules.Of(context);
        var usedByPart = new Dictionary<string, List<(GoLibrary Library, Evidence Import)>>(StringComparer.Ordinal);
        var wiredByPart = new Dictionary<string, Dictionary<GoLibrary, Evidence>>(StringComparer.Ordinal);
        var frameworks = new Dictionary<(string Part, string Framework), Evidence>();

        // Each file is scanned on every core (its imports, the wiring calls that can run, the facts it shows), then its
        // findings are written in path order: the context is not thread-safe, and the order keeps the first evidence first.
        var scans = new (IReadOnlyList<(string Path, int Offset)> Imports, List<(GoLibrary Library, Evidence Wired)> Wired, FactRecorder Facts)[sources.Count];
        Parallel.For(0, sources.Count, i => scans[i] = Scan(sources, sources[i]));

        for (var i = 0; i < sources.Count; i++)
        {
            var (source, (imports, wiredLibraries, facts)) = (sources[i], scans[i]);
            var partKey = context.PartOf(source.Path)?.Path ?? "";
            foreach (var (path, offset) in imports)
            {
                var evidence = source.EvidenceAt(offset);
                foreach (var library in GoLibraries.All)
                {
                    if (!library.Provides(path))
                        continue;
                    if (!usedByPart.TryGetValue(partKey, out var used))
                        usedByPart[partKey] = used = [];
                    used.Add((library, evidence));
                }
                foreach (var (prefix, framework) in GoLibraries.Frameworks)
                {
                    if (Prefixes.IsAtOrUnder(path, prefix, '/'))
                        frameworks.KeepEarliest((partKey, framework), evidence);
                }
                if (Prefixes.IsAtOrUnderAny(path, GoLibraries.RateLimiters, '/'))
                    context.Flag(FactKeys.RateLimiting, evidence);
                if (Prefixes.IsAtOrUnderAny(path, GoLibraries.HealthLibraries, '/'))
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
                if (library.Wiring is not null && (wiring is null || !wiring.TryGetValue(library, out wired)) && library.WiringRequired)
                {
                    if (library.FactKey == FactKeys.ErrorTracking)
                        context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, "dependency", import);
                    continue; // imported but never initialised: not listed
                }
                context.Add(library.FactKey, library.Id, wired ?? import);
                if (library.FactKey == FactKeys.StructuredLogging)
                    context.Flag(FactKeys.StructuredOutput, import); // zap, zerolog, logrus and slog write key-value records by nature
                if (library.FactKey == FactKeys.ErrorTracking)
                    ErrorTrackingWiring(context, library, wired!, sources, partKey);
            }
        }

        foreach (var ((_, framework), evidence) in frameworks)
        {
            context.Add(FactKeys.Frameworks, framework, evidence);
            var prefix = GoLibraries.Frameworks.First(f => f.Framework == framework).Path;
            if (GoModules.ModuleOf(modules, evidence.Path)?.Find(prefix) is { Indirect: false } require)
                context.Add(FactKeys.Frameworks, framework, require.Evidence);
        }

        // An SDK required by go.mod but never imported: the dependency only.
        foreach (var module in modules.Where(m => !PartDetector.IsTestOrExample(m.Folder)))
        {
            foreach (var library in GoLibraries.All.Where(l => l.FactKey == FactKeys.ErrorTracking))
            {
                var require = module.Requires.FirstOrDefault(r => !r.Indirect && library.Provides(r.Module));
                var partKey = context.PartOf(module.Path)?.Path ?? "";
                if (require is not null && (!usedByPart.TryGetValue(partKey, out var used) || !used.Any(u => u.Library == library)))
                    context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, "dependency", require.Evidence);
            }
        }
        // The last reader of Go sources (FactSources order): they need not stay in memory through the other stacks.
        GoSources.Release(context);
    }

    private static void ErrorTrackingWiring(FactContext context, GoLibrary library, Evidence init, IReadOnlyList<SourceText> sources, string partKey)
    {
        var pieces = new List<string> { "dependency", "init" };
        var variable = library.Id == "sentry" ? "SENTRY_DSN" : library.Id.ToUpperInvariant() + "_";
        var dsn = library.Id == "sentry"
            ? sources.Where(s => (context.PartOf(s.Path)?.Path ?? "") == partKey).Select(s => s.FirstCode(SentryDsn()) ?? FirstString(s, SentryDsn())).FirstOrDefault(e => e is not null)
            : null;
        dsn ??= NodeUsageFacts.ConfigMention(context, variable);
        if (dsn is not null)
            pieces.Add("dsn");
        context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, string.Join(',', pieces), dsn ?? init);
    }

    private static Evidence? FirstString(SourceText source, Regex pattern) =>
        pattern.Matches(source.Text).Where(m => source.Kinds[m.Index] == CharKind.String).Select(m => source.EvidenceAt(m.Index)).FirstOrDefault();

    private static void Cors(IFactWriter context, SourceText source, Reachability reachable)
    {
        foreach (var m in source.CodeMatches(CorsPermissive()).Where(m => reachable.At(m.Index)))
            context.Flag(FactKeys.CorsPermissive, source.EvidenceAt(m.Index));
        foreach (var m in source.CodeMatches(CorsOrigins()).Where(m => reachable.At(m.Index)))
        {
            var value = m.Groups["value"].Value;
            var wildcard = value.Contains("\"*\"", StringComparison.Ordinal);
            context.Flag(wildcard ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, source.EvidenceAt(m.Index));
        }
    }

    private static void Security(IFactWriter context, SourceText source, bool echo, Reachability reachable)
    {
        Evidence? First(Regex pattern) => source.CodeMatches(pattern).Where(m => reachable.At(m.Index)).Select(m => source.EvidenceAt(m.Index)).FirstOrDefault();
        if (First(Hsts()) is { } hsts)
        {
            context.Add(FactKeys.SecurityHeaders, "hsts", hsts);
            context.Flag(FactKeys.HttpsEnforced, hsts);
        }
        if (First(Csp()) is { } csp)
            context.Add(FactKeys.SecurityHeaders, "csp", csp);
        foreach (var m in source.CodeMatches(FrameOrSniffHeader()).Where(m => reachable.At(m.Index)))
        {
            var header = m.Groups["name"].Success ? m.Groups["name"].Value.ToLowerInvariant() : m.Groups["constant"].Value == "XFrameOptions" ? "x-frame-options" : "x-content-type-options";
            context.Add(FactKeys.SecurityHeaders, header, source.EvidenceAt(m.Index));
        }
        foreach (var m in source.CodeMatches(HeaderMapEntry()).Where(m => reachable.At(m.Index)))
        {
            var header = m.Groups["name"].Value.ToLowerInvariant() switch { "strict-transport-security" => "hsts", "content-security-policy" => "csp", var h => h };
            context.Add(FactKeys.SecurityHeaders, header, source.EvidenceAt(m.Index));
            if (header == "hsts")
                context.Flag(FactKeys.HttpsEnforced, source.EvidenceAt(m.Index));
        }
        if (First(HttpsRedirect()) is { } redirect)
            context.Flag(FactKeys.HttpsEnforced, redirect);
        if (!echo)
            return;
        if (First(EchoSecure()) is { } secure)
            context.Add(FactKeys.SecurityHeaders, "secure-headers", secure);
        if (First(EchoRateLimiter()) is { } limiter)
            context.Flag(FactKeys.RateLimiting, limiter);
        if (First(EchoKeyAuth()) is { } keyAuth)
            context.Add(FactKeys.Auth, "api-key", keyAuth);
    }

    /// <summary>
    /// Whether code at an offset can run: it stands in main or init, in a function literal's enclosing function that
    /// some other code calls, or at package level. A middleware that is defined but only "used" in a commented-out
    /// line (`// r.Use(middleware.LoadTls())`) is not wired.
    /// </summary>
    private sealed class Reachability(IReadOnlyList<SourceText> sources, SourceText source)
    {
        private readonly Dictionary<string, bool> _called = new(StringComparer.Ordinal);
        private List<(int Offset, string Name)>? _functions;

        public bool At(int offset)
        {
            _functions ??= source.CodeMatches(FuncDeclaration()).Select(m => (m.Index, m.Groups["name"].Value)).ToList();
            var enclosing = _functions.LastOrDefault(f => f.Offset <= offset);
            if (enclosing.Name is null or "main" or "init")
                return true;
            if (!_called.TryGetValue(enclosing.Name, out var called))
                _called[enclosing.Name] = called = IsCalled(enclosing.Name);
            return called;
        }

        private bool IsCalled(string name)
        {
            // A call or a reference (a handler passed by name) anywhere in code, other than the declaration itself.
            var reference = new Regex(@"(?<!func\s+(?:\([^)]*\)\s*)?)\b" + Regex.Escape(name) + @"\b(?!\s*=)");
            return sources.Any(s => s.Text.Contains(name, StringComparison.Ordinal) && s.CodeMatches(reference).Any());
        }
    }

    /// <summary>go-pkgz/rest's Ping middleware (remark42's `router.Use(R.Ping)`) answers GET /ping with "pong".</summary>
    [GeneratedRegex(@"\b(?:rest|R)\s*\.\s*Ping\b")]
    private static partial Regex PingMiddleware();

    /// <summary>
    /// chi's `middleware.Heartbeat("/healthz")` answers its path with 200 before any route; a middleware that short-cuts
    /// a request path (`if r.URL.Path == "/status" {`) serves that route too (kept only when it names a health check).
    /// </summary>
    [GeneratedRegex(@"\bHeartbeat\s*\(\s*""(?<path>/[^""\s]*)""|\bURL\s*\.\s*Path\s*==\s*""(?<path>/[^""\s]*)""")]
    private static partial Regex PathShortCut();

    private static void Health(IFactWriter context, SourceText source)
    {
        foreach (var m in source.CodeMatches(PathShortCut()))
        {
            var path = m.Groups["path"].Value;
            var route = m.Value.Contains("Heartbeat", StringComparison.Ordinal) ? path : HealthRoutes.Of(path);
            if (source.Kinds[m.Groups["path"].Index] != CharKind.String || route is null)
                continue;
            context.Flag(FactKeys.HealthEndpoint, source.EvidenceAt(m.Index));
            context.Add(FactKeys.HealthRoutes, route, source.EvidenceAt(m.Index));
        }
        if (source.Text.Contains("github.com/go-pkgz/rest", StringComparison.Ordinal) && source.FirstCode(PingMiddleware()) is { } ping)
        {
            context.Flag(FactKeys.HealthEndpoint, ping);
            context.Add(FactKeys.HealthRoutes, "/ping", ping);
        }
        foreach (var m in source.CodeMatches(Route()).Concat(source.CodeMatches(HealthRoutes.NamedHealthPath())))
        {
            if (source.Kinds[m.Groups["path"].Index] != CharKind.String || HealthRoutes.Of(m.Groups["path"].Value) is not { } route)
                continue;
            var evidence = source.EvidenceAt(m.Index);
            context.Flag(FactKeys.HealthEndpoint, evidence);
            context.Add(FactKeys.HealthRoutes, route, evidence);
        }
    }
}
