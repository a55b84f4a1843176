using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Node;

/// <summary>
/// What JS/TS application code really uses: imports of known libraries (and the call or preload that wires them
/// where an import alone would mislead), CORS, security headers, rate limits, health routes and console calls.
/// Comments and strings never count; test, example, generated and vendored code never count. A fact found in a
/// workspace library goes to the parts that use that library.
/// </summary>
[FactSource]
public sealed partial class NodeUsageFacts : IFactSource
{
    [GeneratedRegex(@"(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['""`]([^'""`\s]+)['""`]")]
    private static partial Regex Import();

    // `import type { X } from 'y'` and `export type { X } from 'y'` bring types only: no code runs.
    [GeneratedRegex(@"\b(?:import|export)\s+type\s+[^;'""`]*?\bfrom\s*(['""`])")]
    private static partial Regex TypeOnlyImport();

    [GeneratedRegex(@"\bconsole\s*\.\s*(log|info|warn|error|debug|trace|dir|table)\s*\(")]
    private static partial Regex ConsoleCall();

    [GeneratedRegex(@"\.(get|all|use|route|head|on|handle|options|GET)\s*\(\s*(?:['""`](?:GET|HEAD)['""`]\s*,\s*)?['""`](?<path>/[^'""`\s]*)['""`]")]
    private static partial Regex RouteCall();

    [GeneratedRegex(@"\b(?:url|path)\s*:\s*['""`](?<path>/[^'""`\s]*)['""`]")]
    private static partial Regex RouteOption();

    [GeneratedRegex(@"@Controller\s*\(\s*(?:\{\s*path\s*:\s*)?(?:['""`](?<path>[^'""`\s]*)['""`])?")]
    private static partial Regex NestController();

    [GeneratedRegex(@"@(?:Get|All|Head)\s*\(\s*(?:['""`](?<path>[^'""`\s]*)['""`])?\s*\)")]
    private static partial Regex NestMethod();

    // \b, not (?<!\w): the same here (every name starts with a letter), and a leading look-behind made this pattern
    // three times slower still (bench: regex).
    [GeneratedRegex(@"\b(?:cors|enableCors|fastifyCors|koaCors)\s*\(")]
    private static partial Regex CorsCall();

    [GeneratedRegex(@"\bregister\s*\(\s*(?:cors|fastifyCors|Cors|require\s*\(\s*['""]@fastify/cors['""]\s*\)|import\s*\(\s*['""]@fastify/cors['""]\s*\))\s*(?<rest>[,)])")]
    private static partial Regex FastifyCorsRegister();

    [GeneratedRegex(@"(?<![\w.])cors\s*:\s*")]
    private static partial Regex NestCorsOption();

    [GeneratedRegex(@"['""`]access-control-allow-origin['""`]\s*[,:]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AllowOriginHeader();

    [GeneratedRegex(@"['""`](content-security-policy|strict-transport-security)['""`]", RegexOptions.IgnoreCase)]
    private static partial Regex SecurityHeaderName();

    [GeneratedRegex(@"\b(?:hsts|strictTransportSecurity)\s*:\s*false\b")]
    private static partial Regex HstsOff();

    [GeneratedRegex(@"\.use\s*\([^;]*?\b\w*(?:[Rr]ate[-_]?[Ll]imit|RATE_LIMIT|[Tt]hrottl)\w*")]
    private static partial Regex RateLimitMiddleware();

    [GeneratedRegex(@"\b(format\.json|format\s*:\s*['""]json['""]|winston\.format\.json|json\s*\(\s*\))")]
    private static partial Regex WinstonJson();

    [GeneratedRegex(@"\blogger\s*:\s*(?:true\b|\{)")]
    private static partial Regex FastifyLogger();

    [GeneratedRegex(@"\bdsn\s*:|SENTRY_DSN")]
    private static partial Regex SentryDsn();

    [GeneratedRegex(@"r2\.cloudflarestorage\.com")]
    private static partial Regex CloudflareR2();

    private static readonly string[] HealthPackages = ["@nestjs/terminus", "@godaddy/terminus", "lightship", "express-healthcheck", "express-actuator", "@cloudnative/health-connect", "fastify-healthcheck", "@hono/health"];

    private static readonly string[] HttpsRedirectPackages = ["express-sslify", "express-enforces-ssl", "koa-sslify", "heroku-ssl-redirect", "express-force-https", "express-force-ssl"];

    private static readonly NodeLibrary[] WiredLibraries = NodeLibraries.All.Where(l => l.Wiring is not null).ToArray();

    // A loop, not `packages.Any(imported.Contains)`: that builds a delegate per library per file.
    private static bool ImportsAny(HashSet<string> imported, string[] packages)
    {
        foreach (var package in packages)
        {
            if (imported.Contains(package))
                return true;
        }
        return false;
    }

    /// <summary>What one destination table (a part, or the repository) has seen: libraries imported and libraries started.</summary>
    private sealed class Seen
    {
        public Dictionary<NodeLibrary, Evidence> Imported { get; } = [];
        public Dictionary<NodeLibrary, Evidence> Started { get; } = [];
        public Evidence? Dsn { get; set; }

        /// <summary>helmet is told not to send Strict-Transport-Security.</summary>
        public bool HstsOff { get; set; }

        public void Import(NodeLibrary library, Evidence evidence) => Imported.KeepEarliest(library, evidence);

        public void Start(NodeLibrary library, Evidence evidence) => Started.KeepEarliest(library, evidence);
    }

    /// <summary>
    /// What one file shows, worked out from its text alone: scanned on every core, then recorded in path order (where a
    /// fact goes depends on the workspace, which is not safe to share between threads).
    /// </summary>
    private sealed class FileScan
    {
        public required List<(string Specifier, string Package, int Offset)> Imports { get; init; }
        public required HashSet<string> Imported { get; init; }
        public List<(NodeLibrary Library, Evidence Wired)> Wired { get; } = [];
        public Evidence? FastifyLogger { get; set; }
        public Evidence? Dsn { get; set; }
        public List<(bool Permissive, int At)> Cors { get; set; } = [];
        public List<(string Route, int At)> HealthRoutes { get; set; } = [];
        public List<(string Header, int At)> SecurityHeaders { get; set; } = [];
        public bool HstsOff { get; set; }
        public Evidence? RateLimiter { get; set; }
        public (int Count, int First) ConsoleCalls { get; set; }
        public Evidence? WinstonJson { get; set; }
        public Evidence? CloudflareR2 { get; set; }
    }

    private static FileScan Scan(SourceText source)
    {
        var imports = ImportsOf(source);
        var imported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (specifier, package, _) in imports)
        {
            imported.Add(package);
            imported.Add(specifier);
        }
        var scan = new FileScan { Imports = imports, Imported = imported };
        // Wiring calls count in any application file that imports the library (an init module often imports nothing else).
        foreach (var library in WiredLibraries)
        {
            if (ImportsAny(imported, library.Packages) && source.FirstCode(library.Wiring!) is { } wired)
                scan.Wired.Add((library, wired));
        }
        if (imported.Contains("fastify"))
            scan.FastifyLogger = source.FirstCode(FastifyLogger());
        scan.Dsn = source.FirstCode(SentryDsn()) ?? FirstString(source, SentryDsn());
        scan.Cors = Cors(source);
        scan.HealthRoutes = HealthRoutes(source);
        scan.SecurityHeaders = SecurityHeaders(source);
        scan.HstsOff = imported.Contains("helmet") && source.HasCode(HstsOff());
        scan.RateLimiter = source.FirstCode(RateLimitMiddleware());
        if (!NodeSourceRoles.IsTooling(source.Path))
            scan.ConsoleCalls = source.CountCode(ConsoleCall());
        if (imported.Contains("winston"))
            scan.WinstonJson = source.FirstCode(WinstonJson());
        scan.CloudflareR2 = source.FirstCode(CloudflareR2());
        return scan;
    }

    public void Collect(FactContext context)
    {
        var workspace = NodeWorkspace.Of(context);
        var sources = SourceFiles.Application(context, "typescript", "javascript");
        var scans = new FileScan[sources.Count];
        Parallel.For(0, sources.Count, i => scans[i] = Scan(sources[i]));
        for (var i = 0; i < sources.Count; i++)
            foreach (var import in scans[i].Imports)
                workspace.NoteImport(sources[i].Path, import.Specifier);

        var seen = new Dictionary<FactTable, Seen>(ReferenceEqualityComparer.Instance);
        Seen SeenBy(FactTable table) => seen.TryGetValue(table, out var s) ? s : seen[table] = new Seen();
        var packageToLibrary = NodeLibraries.All.SelectMany(l => l.Packages.Select(p => (p, l))).ToLookup(x => x.p, x => x.l, StringComparer.Ordinal);

        for (var i = 0; i < sources.Count; i++)
        {
            var (source, scan) = (sources[i], scans[i]);
            var tables = workspace.TablesFor(context, source.Path);
            foreach (var (specifier, package, offset) in scan.Imports)
            {
                var evidence = source.EvidenceAt(offset);
                foreach (var library in packageToLibrary[package].Concat(packageToLibrary[specifier]).Concat(packageToLibrary[ForkedPackage(package)]).Distinct())
                {
                    foreach (var table in tables)
                    {
                        SeenBy(table).Import(library, evidence);
                        if (library.IsInitModule(specifier))
                            SeenBy(table).Start(library, evidence);
                    }
                }
                if (NodeLibraries.RateLimiters.Contains(package))
                    workspace.Flag(context, FactKeys.RateLimiting, evidence);
                if (HealthPackages.Contains(package))
                    workspace.Flag(context, FactKeys.HealthEndpoint, evidence);
                if (HttpsRedirectPackages.Contains(package))
                    workspace.Flag(context, FactKeys.HttpsEnforced, evidence);
                FrameworkOfPartWithoutManifest(context, workspace, source.Path, package, evidence);
            }

            foreach (var (library, wired) in scan.Wired)
                foreach (var table in tables)
                    SeenBy(table).Start(library, wired);
            if (scan.FastifyLogger is { } fastifyLogger)
            {
                // Fastify logs through pino: `Fastify({ logger: true })` is pino, configured and used.
                workspace.Add(context, FactKeys.StructuredLogging, "pino", fastifyLogger);
                workspace.Flag(context, FactKeys.StructuredOutput, fastifyLogger);
            }
            if (scan.Dsn is { } dsn)
                foreach (var table in tables)
                    SeenBy(table).Dsn ??= dsn;

            foreach (var (permissive, at) in scan.Cors)
                workspace.Flag(context, permissive ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, source.EvidenceAt(at));
            foreach (var (route, at) in scan.HealthRoutes)
            {
                var evidence = source.EvidenceAt(at);
                workspace.Flag(context, FactKeys.HealthEndpoint, evidence);
                workspace.Add(context, FactKeys.HealthRoutes, route, evidence);
            }
            foreach (var (header, at) in scan.SecurityHeaders)
            {
                var evidence = source.EvidenceAt(at);
                workspace.Add(context, FactKeys.SecurityHeaders, header, evidence);
                if (header == "hsts")
                    workspace.Flag(context, FactKeys.HttpsEnforced, evidence);
            }
            if (scan.HstsOff)
                foreach (var table in tables)
                    SeenBy(table).HstsOff = true;
            if (scan.RateLimiter is { } limiter)
                workspace.Flag(context, FactKeys.RateLimiting, limiter);
            if (scan.ConsoleCalls is { Count: > 0 } consoleCalls)
                workspace.Count(context, FactKeys.ConsoleLogCalls, consoleCalls.Count, source.EvidenceAt(consoleCalls.First));
            if (scan.WinstonJson is { } json)
                workspace.Flag(context, FactKeys.StructuredOutput, json);
            if (scan.CloudflareR2 is { } r2)
                workspace.Add(context, FactKeys.ObjectStorage, "cloudflare-r2", r2);
        }

        foreach (var (library, evidence) in NodePreloads.Find(context))
            foreach (var table in workspace.TablesFor(context, evidence.Path))
            {
                SeenBy(table).Import(library, evidence);
                SeenBy(table).Start(library, evidence);
            }

        foreach (var (table, found) in seen)
            Record(context, table, found);
        DependencyOnly(context, workspace);
        HealthRouteFiles(context, workspace);
    }

    private static void Record(FactContext context, FactTable table, Seen seen)
    {
        foreach (var (library, import) in seen.Imported.OrderBy(i => i.Key.Id, StringComparer.Ordinal))
        {
            var needsStart = library.Wiring is not null || library.InitModules is not null;
            Evidence? started = null;
            if (needsStart && !seen.Started.TryGetValue(library, out started))
                continue; // imported but never started: not listed
            table.Add(library.FactKey, library.Id, started ?? import);
            if (library.FactKey == FactKeys.StructuredLogging && library.Id is "pino" or "bunyan")
                table.Flag(FactKeys.StructuredOutput, import);
            if (library.FactKey == FactKeys.SecurityHeaders && library.Id == "helmet" && started is not null && !seen.HstsOff)
                table.Flag(FactKeys.HttpsEnforced, started); // helmet sends Strict-Transport-Security unless told not to
            if (library.FactKey == FactKeys.ErrorTracking)
            {
                var dsn = seen.Dsn ?? ConfigMention(context, "SENTRY_DSN");
                var pieces = dsn is not null && library.Id == "sentry" ? "dependency,init,dsn" : "dependency,init";
                table.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, pieces, library.Id == "sentry" ? dsn ?? started ?? import : started ?? import);
            }
        }
    }

    /// <summary>
    /// An error tracking SDK or a tracing agent that is a dependency but never started: its wiring says what is there,
    /// so the finding can say what is missing.
    /// </summary>
    private static void DependencyOnly(FactContext context, NodeWorkspace workspace)
    {
        foreach (var project in workspace.Projects)
        {
            if (project.Manifest is not { } manifest || PartDetector.IsTestOrExample(project.Folder))
                continue;
            foreach (var library in NodeLibraries.All.Where(l => l.FactKey is FactKeys.ErrorTracking or FactKeys.Tracing && (l.Wiring is not null || l.InitModules is not null)))
            {
                if (library.Packages.FirstOrDefault(p => manifest.DependsOn(p) && !manifest.PeerDependencies.Contains(p)) is not { } package)
                    continue;
                var wiringKey = library.FactKey == FactKeys.ErrorTracking ? FactKeys.ErrorTrackingWiring : FactKeys.TracingWiring;
                foreach (var table in workspace.TablesFor(context, manifest.Path))
                {
                    if (table.Has(library.FactKey, library.Id) || table.Map(wiringKey).ContainsKey(library.Id))
                        continue;
                    var dsn = library.Id == "sentry" ? ConfigMention(context, "SENTRY_DSN") : null;
                    table.SetEntry(wiringKey, library.Id, dsn is null ? "dependency" : "dependency,dsn", manifest.EvidenceFor(package));
                }
            }
        }
    }

    /// <summary>An Nx application keeps its dependencies in the root package.json: its frameworks are the ones its code imports.</summary>
    private static void FrameworkOfPartWithoutManifest(FactContext context, NodeWorkspace workspace, string path, string package, Evidence evidence)
    {
        if (context.PartOf(path) is not { } part || workspace.ProjectAt(part.Path) is not { Manifest: null })
            return;
        foreach (var (frameworkPackage, framework) in NodeManifestFacts.Frameworks)
        {
            if (frameworkPackage == package)
                part.Facts.Add(FactKeys.Frameworks, framework, evidence);
        }
    }

    private static List<(string Specifier, string Package, int Offset)> ImportsOf(SourceText source)
    {
        var typeOnly = source.CodeMatches(TypeOnlyImport()).Select(m => m.Index + m.Length - 1).ToHashSet();
        var list = new List<(string, string, int)>();
        foreach (var match in source.CodeMatches(Import()))
        {
            var quote = match.Groups[1].Index - 1;
            if (typeOnly.Contains(quote))
                continue;
            var specifier = match.Groups[1].Value;
            list.Add((specifier, PackageName(specifier), match.Index));
        }
        return list;
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

    // ---- CORS ------------------------------------------------------------------------------------

    /// <summary>CORS set up in the file: permissive (every origin) or not, and where.</summary>
    private static List<(bool Permissive, int At)> Cors(SourceText source)
    {
        var found = new List<(bool, int)>();
        void Verdict(bool? permissive, int at)
        {
            if (permissive is { } p)
                found.Add((p, at));
        }

        // Both patterns name cors; one vectorised search rules most files out, where the patterns' own search
        // (for the letters that may start a name) costs ten times more.
        var mentionsCors = source.Text.Contains("cors", StringComparison.OrdinalIgnoreCase);
        foreach (var m in mentionsCors ? source.CodeMatches(CorsCall()) : [])
            Verdict(Options(source, JsSyntax.Arguments(source, m.Index + m.Length - 1)), m.Index);
        foreach (var m in mentionsCors ? source.CodeMatches(FastifyCorsRegister()) : [])
        {
            var rest = m.Groups["rest"];
            var close = JsSyntax.Arguments(source, source.Text.IndexOf('(', m.Index));
            var options = rest.Value == "," ? close.Text[(rest.Index + 1 - close.Start)..] : "";
            Verdict(Options(source, (options, rest.Index + 1)), m.Index);
        }
        if (source.Text.Contains("NestFactory", StringComparison.Ordinal))
        {
            foreach (var m in source.CodeMatches(NestCorsOption()))
                Verdict(Value(source, JsSyntax.ValueAt(source, m.Index + m.Length)), m.Index);
        }
        foreach (var m in AllowOriginHeader().Matches(source.Text).Where(m => JsSyntax.IsLiteralStart(source, m.Index) && JsSyntax.IsHeaderSetting(source, m.Index, m.Index + m.Length)))
        {
            var value = JsSyntax.ValueAt(source, m.Index + m.Length);
            Verdict(value.Contains('*') || value.Trim() == "true" ? true : value.Trim().Length > 0 ? false : null, m.Index);
        }
        return found;
    }

    /// <summary>Permissive (true), explicit origins (false), or unknown (null) for the options passed to cors().</summary>
    private static bool? Options(SourceText source, (string Text, int Start) arguments)
    {
        var text = arguments.Text.Trim();
        if (text.Length == 0)
            return true; // cors() with defaults allows every origin
        // cors(request, response): the application's own helper, not the cors middleware's options.
        return JsSyntax.ValueAt(source, arguments.Start).Trim().Length < text.Length ? null : Value(source, text);
    }

    private static bool? Value(SourceText source, string value)
    {
        value = value.Trim();
        if (value.StartsWith("true", StringComparison.Ordinal))
            return true;
        if (value.StartsWith("false", StringComparison.Ordinal))
            return null;
        if (value.StartsWith('{'))
        {
            var origin = JsSyntax.Property(value, "origin");
            if (origin is null)
                return true; // no origin: the default, every origin
            origin = origin.Trim();
            return origin.StartsWith("true", StringComparison.Ordinal) || WildcardString().IsMatch(origin);
        }
        // A named options object: read it where the file defines it.
        var name = IdentifierStart().Match(value);
        if (name.Success && JsSyntax.ObjectAssignedTo(source, name.Value) is { } definition)
            return Value(source, definition);
        return false; // options built elsewhere are explicit configuration
    }

    [GeneratedRegex(@"['""`]\*['""`]")]
    private static partial Regex WildcardString();

    [GeneratedRegex(@"^[A-Za-z_$][\w$]*")]
    private static partial Regex IdentifierStart();

    // ---- headers ---------------------------------------------------------------------------------

    /// <summary>Security headers the file sets by hand: csp or hsts, and where.</summary>
    private static List<(string Header, int At)> SecurityHeaders(SourceText source) =>
        SecurityHeaderName().Matches(source.Text)
            .Where(m => JsSyntax.IsLiteralStart(source, m.Index) && JsSyntax.IsHeaderSetting(source, m.Index, m.Index + m.Length))
            .Select(m => (m.Groups[1].Value.Equals("content-security-policy", StringComparison.OrdinalIgnoreCase) ? "csp" : "hsts", m.Index))
            .ToList();

    // ---- health ----------------------------------------------------------------------------------

    /// <summary>Health routes the file declares, normalised, and where.</summary>
    private static List<(string Route, int At)> HealthRoutes(SourceText source)
    {
        var found = new List<(string, int)>();
        void Route(string path, int at)
        {
            if (NodeHealthRoutes.Normalize(path) is { } route)
                found.Add((route, at));
        }

        foreach (var m in source.CodeMatches(RouteCall()))
            Route(m.Groups["path"].Value, m.Index);
        foreach (var m in source.CodeMatches(RouteOption()))
            Route(m.Groups["path"].Value, m.Index);
        // Nest: `@Controller('health')` with `@Get()`, or `@Controller('v1')` with `@Get('health')`: the path is both joined.
        var controller = source.CodeMatches(NestController()).FirstOrDefault();
        var prefix = controller?.Groups["path"].Value.Trim('/') ?? "";
        if (controller is not null && !source.CodeMatches(NestMethod()).Any())
            Route(prefix, controller.Index);
        foreach (var m in source.CodeMatches(NestMethod()))
            Route(prefix + "/" + m.Groups["path"].Value.Trim('/'), m.Index);
        return found;
    }

    /// <summary>File-system routes: Next.js, Remix/React Router, Nuxt and SvelteKit health handlers.</summary>
    private static void HealthRouteFiles(FactContext context, NodeWorkspace workspace)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (SourceFiles.LanguageOf(file.Path) is not ("typescript" or "javascript") || SourceFiles.IsTest(file.Path) || SourceFiles.IsNotApplication(file.Path) || NodeManifests.IsVendored(file.Path))
                continue;
            if (NodeHealthRoutes.FromFile(file.Path) is not { } route)
                continue;
            var evidence = new Evidence(file.Path, 1);
            workspace.Flag(context, FactKeys.HealthEndpoint, evidence);
            workspace.Add(context, FactKeys.HealthRoutes, route, evidence);
        }
    }

    /// <summary>A scoped fork keeps the name of what it forks (`@outlinewiki/koa-passport` is koa-passport); type packages fork nothing.</summary>
    private static string ForkedPackage(string package) =>
        package.StartsWith('@') && !package.StartsWith("@types/", StringComparison.Ordinal) && package.IndexOf('/') is > 0 and var slash ? package[(slash + 1)..] : "";

    /// <summary>`@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`.</summary>
    public static string PackageName(string specifier)
    {
        if (specifier.StartsWith("node:", StringComparison.Ordinal))
            return specifier;
        var parts = specifier.Split('/');
        return specifier.StartsWith('@') && parts.Length >= 2 ? parts[0] + "/" + parts[1] : parts[0];
    }
}
