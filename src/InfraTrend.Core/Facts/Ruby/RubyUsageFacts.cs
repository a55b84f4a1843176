using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Facts.Node;

namespace InfraTrend.Facts.Ruby;

/// <summary>
/// What Ruby application code really uses: libraries whose gem is declared for production and whose call or setting is
/// in the code (or whose railtie starts them in a Rails app), error trackers' wiring, Rails and Rack security settings,
/// CORS, rate limiting, health routes and `puts`-style calls. Comments, strings, tests, the development and test
/// environments and vendored gems never count.
/// </summary>
// Adds to monitoring.errorTrackingWiring after them: the report keeps the order they were found in.
// After CSharpUsageFacts, which reads monitoring.structuredLogging without what this source adds.
// After NodeUsageFacts, which reads monitoring.errorTracking, monitoring.errorTrackingWiring, monitoring.tracing
// without what this source adds.
[FactSource(After = [typeof(NodeUsageFacts), typeof(CSharpUsageFacts)])]
public sealed partial class RubyUsageFacts : IFactSource
{
    // `puts x`, `print(x)`, `p x`, `pp x` and a bare `puts` as calls (not `obj.puts`, `:puts`, `def puts`, a variable `p`
    // read or assigned), and writes to $stdout/STDOUT.
    [GeneratedRegex(@"(?<![\w.:@$])(?<!def\s)(?:(?:puts|print|pp|p)\b(?=\(|[ \t]+(?![=!<>+\-*/%&|^?:.]|\bif\b|\bunless\b)\S)|puts\b(?=[ \t]*$))|(?:\$stdout|\$stderr|STDOUT|STDERR)\.(?:puts|print|write)\b", RegexOptions.Multiline)]
    private static partial Regex ConsoleCall();

    [GeneratedRegex(@"\bconfig\.force_ssl\s*=\s*(?!false\b|nil\b)\S")]
    private static partial Regex ForceSsl();

    [GeneratedRegex(@"^\s*force_ssl\b", RegexOptions.Multiline)]
    private static partial Regex ControllerForceSsl();

    [GeneratedRegex(@"\buse\s*\(?\s*Rack::(SSL|SslEnforcer)\b")]
    private static partial Regex RackSsl();

    [GeneratedRegex(@"\bcontent_security_policy\s*(do\b|\{)|\bheaders\s*\[\s*['""]Content-Security-Policy['""]\s*\]\s*=")]
    private static partial Regex ContentSecurityPolicy();

    [GeneratedRegex(@"\bthrottle\s*\(|\bRack::Attack\.throttle\b")]
    private static partial Regex RackAttackThrottle();

    [GeneratedRegex(@"^\s*rate_limit\s+to:", RegexOptions.Multiline)]
    private static partial Regex RailsRateLimit();

    [GeneratedRegex(@"\buse\s*\(?\s*Rack::Throttle::")]
    private static partial Regex RackThrottle();

    [GeneratedRegex(@"\borigins\s*\(?\s*(?<value>[^\n]+)")]
    private static partial Regex CorsOrigins();

    [GeneratedRegex(@"\bset\s*\(?\s*:allow_origin\s*,\s*(?<value>[^\n]+)|\bheaders\s*(?:\[\s*|\(\s*)['""]Access-Control-Allow-Origin['""]\s*(?:\]\s*=|=>|,)\s*(?<value>[^\n]+)")]
    private static partial Regex SinatraCors();

    [GeneratedRegex(@"(?:(?<![\w.:])|(?<=\br\.))(?:get|head|match)\s*\(?\s*['""](?<route>/?(?:api/)?(?:v\d+/)?(?:(?:health|healthcheck|health_check)/)?(?:health|healthz|healthcheck|health_check|health-check|_health|up|ready|readyz|readiness|live|livez|liveness|status|ping))['""]|(?<![\w.:])get\s+:(?<route>health|healthz|healthcheck|ping|status)\b|(?<![\w.:])resources?\s+:(?<route>health|healthz|healthcheck|health_check)\b")]
    private static partial Regex HealthRoute();

    [GeneratedRegex(@"\bmount\s+[\w:]+\s*(?:=>|,\s*at:)\s*['""](?<route>/?(?:health|healthz|healthcheck|health_check|status|ping)\w*)['""]")]
    private static partial Regex MountedHealth();

    [GeneratedRegex(@"\bhealth_check_routes\b|\bHealthcheck\.routes\b")]
    private static partial Regex HealthGemRoutes();

    [GeneratedRegex(@"\bSinatra::(Base|Application)\b|\brequire\s*\(?\s*['""]sinatra|\bRoda\b|\bGrape::API\b|\bHanami::(Action|Routes)\b|\bRack::Builder\b|\bHealthcheck\.routes\b")]
    private static partial Regex WebFramework();

    [GeneratedRegex(@"\bhas_secure_password\b")]
    private static partial Regex SecurePassword();

    [GeneratedRegex(@"\bauthenticate(_or_request)?_with_http_token\b")]
    private static partial Regex HttpToken();

    [GeneratedRegex(@"Lograge::Formatters::(Json|Logstash)\b|\blograge\.formatter\s*=\s*:json\b")]
    private static partial Regex LogrageJson();

    [GeneratedRegex(@"\bformatter:\s*:json\b|\bformat\s*=\s*:json\b|\bformatter\s*=\s*:json\b|SemanticLogger::Formatters::Json\b")]
    private static partial Regex SemanticLoggerJson();

    public void Collect(FactContext context)
    {
        var gemfiles = Gemfiles.Of(context);
        var sources = RubySources.Of(context);
        if (gemfiles.Count == 0 && sources.Count == 0)
            return;

        var wired = new Dictionary<(string Gemfile, RubyLibrary Library), Evidence>();
        foreach (var source in sources)
        {
            var gemfile = Gemfiles.Governing(gemfiles, source.Path);
            if (gemfile is not null)
            {
                foreach (var library in RubyLibraries.All)
                {
                    if (library.Wiring is not null && gemfile.RuntimeAny(library.Gems) is not null && source.FirstCode(library.Wiring) is { } found)
                    {
                        wired.KeepEarliest((gemfile.Path, library), found);
                    }
                }
            }
            Console(context, source);
            Https(context, source);
            RateLimiting(context, source, gemfile);
            Cors(context, source, gemfile);
            Health(context, source);
            if (source.FirstCode(SecurePassword()) is { } session)
                context.Add(FactKeys.Auth, "session", session);
            if (source.FirstCode(HttpToken()) is { } token)
                context.Add(FactKeys.Auth, "api-key", token);
        }

        foreach (var gemfile in gemfiles.Where(g => !RubyParts.IsFixture(g.Folder)))
            Libraries(context, gemfile, sources.Where(s => Gemfiles.Governing(gemfiles, s.Path) == gemfile).ToList(), wired);
    }

    private static void Libraries(FactContext context, Gemfile gemfile, IReadOnlyList<SourceText> sources, Dictionary<(string, RubyLibrary), Evidence> wired)
    {
        var rails = gemfile.Runtime("rails") is not null || gemfile.Runtime("railties") is not null;
        // A Rails application logs every request and error through Rails.logger with no setup at all (abalone, lobsters):
        // like ASP.NET's host, the framework is its logging library when it has no other.
        if ((gemfile.Runtime("rails") ?? gemfile.Runtime("railties")) is { } railsGem
            && !RubyLibraries.All.Any(l => l.FactKey == FactKeys.StructuredLogging && gemfile.RuntimeAny(l.Gems) is not null))
        {
            context.Add(FactKeys.StructuredLogging, "rails-logger", railsGem.Evidence);
            context.Add(FactKeys.FrameworkLogging, "rails-logger", railsGem.Evidence);
        }
        foreach (var library in RubyLibraries.All)
        {
            if (gemfile.RuntimeAny(library.Gems) is not { } gem)
                continue;
            var evidence = library.Wiring is null ? gem.Evidence : wired.GetValueOrDefault((gemfile.Path, library));
            if (evidence is null && library.ConfigFile is { } configFile && context.Snapshot.Exists(PartDetector.Join(gemfile.Folder, configFile)))
                evidence = new Evidence(PartDetector.Join(gemfile.Folder, configFile), 1);
            if (evidence is null && library.RailsStarts && rails && gem.AutoRequire)
                evidence = gem.Evidence;
            if (library.FactKey == FactKeys.ErrorTracking)
                ErrorTrackingWiring(context, gemfile, library, gem, evidence, sources);
            if (evidence is null)
                continue; // declared but never started: not listed
            context.Add(library.FactKey, library.Id, evidence);
            // govuk_app_config writes JSON request and application logs in production (GOVUK_RAILS_JSON_LOGGING) by itself.
            if (library.FactKey == FactKeys.StructuredLogging && library.Id == "govuk-json-logging")
                context.Flag(FactKeys.StructuredOutput, evidence);
            else if (library.FactKey == FactKeys.StructuredLogging
                && sources.Select(s => s.FirstCode(library.Id == "lograge" ? LogrageJson() : SemanticLoggerJson())).FirstOrDefault(e => e is not null) is { } json)
                context.Flag(FactKeys.StructuredOutput, json);
        }
    }

    /// <summary>Records which pieces of an error tracker are there: the gem, its start (init call, config file or railtie), its DSN or key.</summary>
    private static void ErrorTrackingWiring(FactContext context, Gemfile gemfile, RubyLibrary library, GemDeclaration gem, Evidence? init, IReadOnlyList<SourceText> sources)
    {
        // govuk_app_config's GovukError starts Sentry and reads SENTRY_DSN itself, whichever sentry gem is also bundled.
        var govuk = library.Id == "sentry" ? gemfile.Runtime("govuk_app_config") : null;
        var pieces = new List<string> { "dependency" };
        if (init is not null || govuk is not null)
            pieces.Add("init");
        var key = RubyLibraries.ErrorTrackerKeys.First(k => k.Id == library.Id);
        var dsn = sources.Where(s => s.Text.Contains(key.Module, StringComparison.Ordinal)).Select(s => s.FirstCode(key.Setting)).FirstOrDefault(e => e is not null)
            ?? sources.Select(s => FirstInText(s, key.Variable)).FirstOrDefault(e => e is not null)
            ?? (library.ConfigFile is { } file ? SettingInFile(context, PartDetector.Join(gemfile.Folder, file), key.FileSetting) : null)
            ?? EnvironmentMentions.Find(context, key.Variable)
            ?? govuk?.Evidence;
        if (dsn is not null)
            pieces.Add("dsn");
        context.SetEntry(FactKeys.ErrorTrackingWiring, library.Id, string.Join(',', pieces), dsn ?? init ?? gem.Evidence);
    }

    private static Evidence? FirstInText(SourceText source, string text) =>
        source.Text.IndexOf(text, StringComparison.Ordinal) is >= 0 and var at && source.Kinds[at] != CharKind.Comment ? source.EvidenceAt(at) : null;

    private static Evidence? SettingInFile(FactContext context, string path, Regex setting)
    {
        if (context.Snapshot.ReadText(path) is not { } text || setting.Match(text) is not { Success: true } match)
            return null;
        return new Evidence(path, new TextLines(text).LineOf(match.Index));
    }

    private static void Console(FactContext context, SourceText source)
    {
        if (RubySources.IsScript(source.Path))
            return;
        // In a Ruby view (Phlex, Arbre, Markaby) `p` is the paragraph tag, not Kernel#p.
        var view = source.Path.Contains("app/views/", StringComparison.Ordinal) || source.Path.Contains("app/components/", StringComparison.Ordinal) || source.Text.Contains("Phlex", StringComparison.Ordinal);
        var calls = source.CodeMatches(ConsoleCall()).Where(m => !view || m.Value.StartsWith("puts", StringComparison.Ordinal) || m.Value.StartsWith("print", StringComparison.Ordinal) || m.Value.Contains('.')).ToList();
        if (calls.Count > 0)
            context.Count(FactKeys.ConsoleLogCalls, calls.Count, source.EvidenceAt(calls[0].Index));
    }

    private static void Https(FactContext context, SourceText source)
    {
        if (source.FirstCode(ForceSsl()) is { } forceSsl)
        {
            context.Add(FactKeys.SecurityHeaders, "rails-force-ssl", forceSsl);
            context.Flag(FactKeys.HttpsEnforced, forceSsl);
        }
        if (source.Path.Contains("/controllers/", StringComparison.Ordinal) || source.Path.StartsWith("controllers/", StringComparison.Ordinal))
        {
            if (source.FirstCode(ControllerForceSsl()) is { } controller)
                context.Flag(FactKeys.HttpsEnforced, controller);
        }
        foreach (var m in source.CodeMatches(RackSsl()))
        {
            var evidence = source.EvidenceAt(m.Index);
            context.Flag(FactKeys.HttpsEnforced, evidence);
            context.Add(FactKeys.SecurityHeaders, "hsts", evidence); // both send Strict-Transport-Security
        }
        if (source.FirstCode(ContentSecurityPolicy()) is { } csp)
            context.Add(FactKeys.SecurityHeaders, "csp", csp);
    }

    private static void RateLimiting(FactContext context, SourceText source, Gemfile? gemfile)
    {
        // Rack::Attack only limits what a throttle rule names; the gem alone (even its middleware) limits nothing.
        if (gemfile?.Runtime("rack-attack") is not null && source.Text.Contains("Rack::Attack", StringComparison.Ordinal) && source.FirstCode(RackAttackThrottle()) is { } throttle)
            context.Flag(FactKeys.RateLimiting, throttle);
        if (source.FirstCode(RailsRateLimit()) is { } railsLimit)
            context.Flag(FactKeys.RateLimiting, railsLimit);
        if (source.FirstCode(RackThrottle()) is { } rackThrottle)
            context.Flag(FactKeys.RateLimiting, rackThrottle);
    }

    private static void Cors(FactContext context, SourceText source, Gemfile? gemfile)
    {
        if (gemfile?.Runtime("rack-cors") is not null && source.Text.Contains("Rack::Cors", StringComparison.Ordinal))
        {
            foreach (var m in source.CodeMatches(CorsOrigins()))
                context.Flag(IsWildcard(m.Groups["value"].Value) ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, source.EvidenceAt(m.Index));
        }
        foreach (var m in source.CodeMatches(SinatraCors()))
        {
            var value = m.Groups["value"].Value;
            context.Flag(IsWildcard(value) || value.TrimStart().StartsWith(":any", StringComparison.Ordinal) ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, source.EvidenceAt(m.Index));
        }
    }

    private static bool IsWildcard(string value)
    {
        var trimmed = value.Trim().TrimEnd(')').Trim();
        return trimmed is "'*'" or "\"*\"" or "/.*/" || trimmed.StartsWith("'*'", StringComparison.Ordinal) || trimmed.StartsWith("\"*\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// OkComputer's configuration: its engine serves the registered checks at /okcomputer, or where `OkComputer.mount_at`
    /// says (`false` mounts nothing).
    /// </summary>
    [GeneratedRegex(@"\bOkComputer\.mount_at\s*=\s*(?:['""]/?(?<route>[\w/-]+)['""]|(?<off>false|nil)\b)|\bOkComputer::Registry\.register\b")]
    private static partial Regex OkComputer();

    private static void Health(FactContext context, SourceText source)
    {
        var okComputer = source.CodeMatches(OkComputer()).ToList();
        if (okComputer.Count > 0 && !okComputer.Any(m => m.Groups["off"].Success))
        {
            var mounted = okComputer.FirstOrDefault(m => m.Groups["route"].Success);
            HealthRoute(context, "/" + (mounted?.Groups["route"].Value.Trim('/') ?? "okcomputer"), source.EvidenceAt((mounted ?? okComputer[0]).Index));
        }
        // Routes are declared in config/routes.rb or in a Rack framework's app; elsewhere `get "/health"` is an HTTP client call.
        if (!IsRoutesFile(source.Path) && !WebFramework().IsMatch(source.Text))
            return;
        var prefixes = IsRoutesFile(source.Path) ? RoutePrefixes(source.Text) : null;
        foreach (var m in source.CodeMatches(HealthRoute()).Concat(source.CodeMatches(MountedHealth())))
        {
            var evidence = source.EvidenceAt(m.Index);
            var prefix = prefixes is not null && evidence.Line < prefixes.Length ? prefixes[evidence.Line] : "";
            var route = m.Groups["route"].Value.TrimStart('/');
            if (prefix.Length > 0 && route == "status")
                continue; // an admin "status" page, not a health check
            HealthRoute(context, prefix + "/" + route, evidence);
        }
        foreach (var m in source.CodeMatches(HealthGemRoutes()))
            HealthRoute(context, m.Value.StartsWith("health_check", StringComparison.Ordinal) ? "/health_check" : "/healthcheck", source.EvidenceAt(m.Index));
        if (prefixes is null)
            return;
        // Routes inside `namespace :health do` are health checks whatever their name: alaveteli's /health/checks.
        foreach (var m in source.CodeMatches(NamespacedRoute()))
        {
            var evidence = source.EvidenceAt(m.Index);
            var prefix = evidence.Line < prefixes.Length ? prefixes[evidence.Line] : "";
            if (prefix.EndsWith("/health", StringComparison.OrdinalIgnoreCase) || prefix.EndsWith("/healthz", StringComparison.OrdinalIgnoreCase))
                HealthRoute(context, prefix + "/" + m.Groups["route"].Value, evidence);
        }
    }

    [GeneratedRegex(@"(?<![\w.:])(?:resources?\s*\(?\s*:|get\s*\(?\s*['""]/?)(?<route>\w+)")]
    private static partial Regex NamespacedRoute();

    /// <summary>The path prefix each line of config/routes.rb stands under: `namespace :internal do`, `scope "/api" do` and `resources :x do` blocks.</summary>
    private static string[] RoutePrefixes(string text)
    {
        var lines = Gemfiles.CodeLines(text);
        var prefixes = new string[lines.Length + 1];
        var blocks = new Stack<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            prefixes[i + 1] = string.Concat(blocks.Reverse());
            var line = lines[i];
            if (RouteBlockEnd().IsMatch(line))
            {
                if (blocks.Count > 0)
                    blocks.Pop();
            }
            else if (RouteBlockOpener().IsMatch(line))
            {
                var scope = RouteScope().Match(line);
                // Routes inside `resources :projects do` are the resource's: /projects/:id/status.
                blocks.Push(!scope.Success ? "" : "/" + scope.Groups["path"].Value.Trim('/') + (scope.Groups["member"].Success ? "/:id" : ""));
            }
        }
        return prefixes;
    }

    [GeneratedRegex(@"^\s*(?:namespace\s*\(?\s*[:'""](?<path>[\w/-]+)|scope\s*\(?\s*(?:path:\s*)?['""](?<path>/?[\w/-]+)['""]|resources?\s*\(?\s*:(?<path>\w+)(?<member>))")]
    private static partial Regex RouteScope();

    [GeneratedRegex(@"\bdo\s*(\|[^|]*\|)?\s*$|^\s*(if|unless|case|begin|def|class|module)\b")]
    private static partial Regex RouteBlockOpener();

    [GeneratedRegex(@"^\s*end\b")]
    private static partial Regex RouteBlockEnd();

    private static bool IsRoutesFile(string path) =>
        path.EndsWith("config/routes.rb", StringComparison.Ordinal) || path.Contains("config/routes/", StringComparison.Ordinal);

    private static void HealthRoute(FactContext context, string route, Evidence evidence)
    {
        context.Flag(FactKeys.HealthEndpoint, evidence);
        context.Add(FactKeys.HealthRoutes, route.ToLowerInvariant(), evidence);
    }
}
