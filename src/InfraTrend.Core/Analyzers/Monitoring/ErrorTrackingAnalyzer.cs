using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.error-tracking",
    Category = Category.Monitoring,
    Level = 4,
    Weight = 4,
    WeightReason = "Error tracking is how a team learns about a failure before its users report it; of the level-4 signals it finds the most problems per hour spent, and it weighs as much as logs and the health route.",
    Severity = Severity.High,
    Title = "Error tracking",
    LooksFor = "An error tracking SDK (Sentry, Bugsnag, Rollbar, Honeybadger, Raygun, Airbrake) that is a dependency, initialised, and given its DSN or key." + ProductSignals.LooksFor,
    WhyItMatters = "Unhandled errors otherwise end in a log line nobody reads; error tracking groups them, counts them and alerts with the stack trace.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class ErrorTrackingAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add an error tracking SDK (e.g. Sentry), initialise it at start-up and give it its DSN from the environment.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var services = context.Facts.List(FactKeys.ErrorTracking);
        var wiring = context.Facts.Map(FactKeys.ErrorTrackingWiring);
        if (services.Count == 0 && ProductSignals.Sibling(context, FactKeys.ErrorTracking) is { } sibling)
            return [ProductSignals.Pass(context, sibling, "error tracking")];
        if (services.Count == 0 && wiring.Count > 0)
        {
            // An SDK that is only a dependency is wired in part: the finding says what is missing.
            var missing = string.Join("; ", wiring.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} has {Describe(w.Value)} but no init call"));
            return [context.Partial(0.25, $"No error tracking is initialised: {missing}.", Setup(context), context.EvidenceOf(FactKeys.ErrorTrackingWiring))];
        }
        if (services.Count == 0)
            return [context.Fail("No error tracking: unhandled errors are not reported anywhere.", Setup(context))];

        var evidence = context.EvidenceOf(FactKeys.ErrorTracking, FactKeys.ErrorTrackingWiring);
        // Connected when any SDK the wiring lists has its DSN; without wiring details the listing is taken at its word.
        if (wiring.Count > 0 && wiring.Values.All(pieces => !Pieces(pieces).Contains("dsn")))
        {
            var missing = string.Join("; ", wiring.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} has {Describe(w.Value)} but no DSN or key setting"));
            return [context.Partial(0.75, $"Error tracking is set up but not connected: {missing}.", ConnectFix(context, wiring.Keys.Order(StringComparer.Ordinal).First()), evidence)];
        }

        return [context.Pass($"The application sends its errors to {string.Join(", ", services)}.", evidence)];
    }

    private static string Describe(string? pieces) =>
        Pieces(pieces) is { Count: > 0 } found ? $"its {string.Join(" and ", found)}" : "nothing else";

    private static IReadOnlyList<string> Pieces(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Setup(AnalyzerContext context)
    {
        var stack = context.Stack;
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        return stack.Ecosystem switch
        {
            "node" when Uses("nextjs") => $"{stack.AddPackage(node: "@sentry/nextjs")}, then npx @sentry/wizard@latest -i nextjs to create the Sentry config files",
            "node" when Uses("react") => $"{stack.AddPackage(node: "@sentry/react")}, then Sentry.init({{ dsn: import.meta.env.VITE_SENTRY_DSN }}) before the app renders",
            "node" => $"{stack.AddPackage(node: "@sentry/node")}, then Sentry.init({{ dsn: process.env.SENTRY_DSN }}) first thing at start-up (in instrument.js, loaded before the app)",
            "dotnet" when context.IsPart(PartKinds.Worker) => $"{stack.AddPackage(dotnet: "Sentry.Extensions.Logging")}, then builder.Logging.AddSentry(o => o.Dsn = builder.Configuration[\"Sentry:Dsn\"]);",
            "dotnet" => $"{stack.AddPackage(dotnet: "Sentry.AspNetCore")}, then builder.WebHost.UseSentry(); with the DSN in Sentry:Dsn or SENTRY_DSN",
            "python" => $"{stack.AddPackage(python: "sentry-sdk")}, then sentry_sdk.init(dsn=os.environ[\"SENTRY_DSN\"]) at start-up",
            "go" => $"{stack.AddPackage(go: "github.com/getsentry/sentry-go")}, then sentry.Init(sentry.ClientOptions{{Dsn: os.Getenv(\"SENTRY_DSN\")}}) in main",
            "ruby" when Uses("rails") => $"{stack.AddPackage(ruby: "sentry-ruby sentry-rails")}, then Sentry.init {{ |config| config.dsn = ENV[\"SENTRY_DSN\"] }} in config/initializers/sentry.rb",
            "ruby" => $"{stack.AddPackage(ruby: "sentry-ruby")}, then Sentry.init {{ |config| config.dsn = ENV[\"SENTRY_DSN\"] }} at start-up",
            "java" => $"{stack.AddPackage(java: "io.sentry:sentry-spring-boot-starter-jakarta")}, then set sentry.dsn=${{SENTRY_DSN}} in application.properties",
            _ => RemediationText,
        };
    }

    private static string ConnectFix(AnalyzerContext context, string service)
    {
        if (!service.Contains("sentry", StringComparison.OrdinalIgnoreCase))
            return $"Give {service} its API key or DSN from the environment in its init call, and set that variable where the application is deployed.";
        return context.Stack.Ecosystem switch
        {
            "node" when context.IsPart(PartKinds.Web) => "Pass the DSN to Sentry.init({ dsn: ... }) from a build-time variable (e.g. import.meta.env.VITE_SENTRY_DSN) and set it where the front end is built",
            "node" => "Pass the DSN to Sentry.init({ dsn: process.env.SENTRY_DSN }) and set SENTRY_DSN where the application is deployed",
            "dotnet" => "Set Sentry:Dsn in configuration (or SENTRY_DSN in the environment) where the application is deployed",
            "python" => "Pass dsn=os.environ[\"SENTRY_DSN\"] to sentry_sdk.init and set SENTRY_DSN where the application is deployed",
            "go" => "Pass Dsn: os.Getenv(\"SENTRY_DSN\") to sentry.Init and set SENTRY_DSN where the application is deployed",
            "ruby" => "Set config.dsn = ENV[\"SENTRY_DSN\"] in the Sentry initializer and set SENTRY_DSN where the application is deployed",
            "java" => "Set sentry.dsn=${SENTRY_DSN} in application.properties and SENTRY_DSN where the application is deployed",
            _ => "Give the SDK its DSN from the environment (SENTRY_DSN) where the application is deployed",
        };
    }
}
