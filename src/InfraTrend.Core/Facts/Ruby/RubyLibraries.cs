using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Ruby;

/// <summary>
/// A library the audit recognises in Ruby: the fact it shows, its identifier, the gems that provide it, and the call or
/// setting that wires it up (Bundler.require loads every gem, so a gem alone says little). <paramref name="RailsStarts"/>:
/// its railtie starts it in a Rails app with no call at all; <paramref name="ConfigFile"/>: a config file that starts it.
/// </summary>
public sealed record RubyLibrary(string FactKey, string Id, string[] Gems, Regex? Wiring, bool RailsStarts = false, string? ConfigFile = null);

/// <summary>
/// How an error tracker is given its DSN or key: a setting in code (in a file that names the tracker's module), a
/// setting in its config file, and the environment variable it reads.
/// </summary>
public sealed record RubyErrorTrackerKey(string Id, string Module, Regex Setting, Regex FileSetting, string Variable);

/// <summary>The catalogue of Ruby libraries, by fact (identifiers from facts.md).</summary>
public static class RubyLibraries
{
    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline);

    public static readonly IReadOnlyList<RubyLibrary> All =
    [
        new(FactKeys.ErrorTracking, "sentry", ["sentry-ruby", "sentry-rails", "sentry-sidekiq", "sentry-raven"], R(@"\bSentry\.init\b|\bRaven\.configure\b")),
        // GOV.UK's shared app configuration gem sets up Sentry and JSON request logs in every Rails app that bundles it,
        // and the Prometheus exporter where config.ru asks (alphagov/signon, content-publisher).
        new(FactKeys.ErrorTracking, "sentry", ["govuk_app_config"], null, RailsStarts: true),
        new(FactKeys.ErrorTracking, "honeybadger", ["honeybadger"], R(@"\bHoneybadger\.(configure|start)\b"), RailsStarts: true, ConfigFile: "config/honeybadger.yml"),
        new(FactKeys.ErrorTracking, "bugsnag", ["bugsnag"], R(@"\bBugsnag\.configure\b"), RailsStarts: true),
        new(FactKeys.ErrorTracking, "rollbar", ["rollbar"], R(@"\bRollbar\.configure\b")),
        new(FactKeys.ErrorTracking, "airbrake", ["airbrake", "airbrake-ruby"], R(@"\bAirbrake\.configure\b")),
        new(FactKeys.ErrorTracking, "raygun", ["raygun4ruby", "raygun-apm"], R(@"\bRaygun\.setup\b")),
        // AppSignal is error tracking and APM in one: its railtie starts it in a Rails app from
        // config/appsignal.yml, and it reports exceptions and traces requests alike.
        new(FactKeys.ErrorTracking, "appsignal", ["appsignal"], R(@"\bAppsignal\.(start|configure)\b"), RailsStarts: true, ConfigFile: "config/appsignal.yml"),

        new(FactKeys.Tracing, "opentelemetry", ["opentelemetry-sdk", "opentelemetry-instrumentation-all", "opentelemetry-instrumentation-rails"], R(@"\bOpenTelemetry::SDK\.configure\b")),
        new(FactKeys.Tracing, "datadog", ["datadog", "ddtrace"], R(@"\bDatadog\.configure\b|\bDatadog::Tracing\.")),
        new(FactKeys.Tracing, "newrelic", ["newrelic_rpm"], R(@"\bNewRelic::Agent\.manual_start\b|\brequire\s*\(?\s*['""]newrelic_rpm['""]"), RailsStarts: true, ConfigFile: "config/newrelic.yml"),
        new(FactKeys.Tracing, "elastic-apm", ["elastic-apm"], R(@"\bElasticAPM\.start\b"), RailsStarts: true, ConfigFile: "config/elastic_apm.yml"),
        new(FactKeys.Tracing, "honeycomb", ["honeycomb-beeline"], R(@"\bHoneycomb\.configure\b")),
        new(FactKeys.Tracing, "application-insights", ["application_insights"], R(@"\bApplicationInsights::(TelemetryClient|Rack)\b")),
        new(FactKeys.Tracing, "zipkin", ["zipkin-tracer"], R(@"\bZipkinTracer::")),
        new(FactKeys.Tracing, "jaeger", ["jaeger-client"], R(@"\bJaeger::Client\b")),
        // The Rails APM agents whose railtie starts them with no call at all (AppSignal, Skylight, Scout): each traces
        // every request and job the application serves in production, from its config file or its key in the environment.
        new(FactKeys.Tracing, "appsignal", ["appsignal"], R(@"\bAppsignal\.(start|configure)\b"), RailsStarts: true, ConfigFile: "config/appsignal.yml"),
        new(FactKeys.Tracing, "skylight", ["skylight"], R(@"\bSkylight\.start!"), RailsStarts: true, ConfigFile: "config/skylight.yml"),
        new(FactKeys.Tracing, "scout", ["scout_apm"], R(@"\bScoutApm::(Rack\.install!|Agent\.instance\.start)"), RailsStarts: true, ConfigFile: "config/scout_apm.yml"),

        new(FactKeys.Metrics, "prometheus", ["prometheus-client", "prometheus_exporter", "yabeda-prometheus", "yabeda-prometheus-mmap"], R(@"\bPrometheus::(Middleware|Client)\b|\bPrometheusExporter::|\bYabeda::Prometheus\b")),
        new(FactKeys.Metrics, "prometheus", ["govuk_app_config"], R(@"\bGovukPrometheusExporter\.configure\b")),
        new(FactKeys.Metrics, "statsd", ["statsd-instrument", "statsd-ruby"], R(@"\bStatsD\.|\bStatsD::|\bStatsd\.new\b|\bextend\s+StatsD::Instrument\b")),
        new(FactKeys.Metrics, "datadog", ["dogstatsd-ruby"], R(@"\bDatadog::Statsd\.new\b")),
        new(FactKeys.Metrics, "opentelemetry-metrics", ["opentelemetry-metrics-sdk"], R(@"\bOpenTelemetry\.meter_provider\b|\bOpenTelemetry::SDK::Metrics\b")),
        new(FactKeys.Metrics, "cloudwatch", ["aws-sdk-cloudwatch"], R(@"\bAws::CloudWatch::Client\b")),

        new(FactKeys.StructuredLogging, "lograge", ["lograge"], R(@"\blograge\.enabled\s*=\s*true\b|\bLograge\.setup\b")),
        new(FactKeys.StructuredLogging, "govuk-json-logging", ["govuk_app_config"], null, RailsStarts: true),
        new(FactKeys.StructuredLogging, "semantic-logger", ["rails_semantic_logger"], R(@"\bSemanticLogger\b|\brails_semantic_logger\."), RailsStarts: true),
        new(FactKeys.StructuredLogging, "semantic-logger", ["semantic_logger"], R(@"\bSemanticLogger\.(add_appender|default_level|application|sync!)|\bSemanticLogger\[")),

        new(FactKeys.SecurityHeaders, "secure-headers", ["secure_headers"], R(@"\bSecureHeaders::Configuration\.(default|configure|override)\b")),

        new(FactKeys.Auth, "devise", ["devise"], R(@"\bdevise_for\b|^\s*devise\s+:")),
        new(FactKeys.Auth, "jwt", ["jwt", "json-jwt"], R(@"\bJWT\.(encode|decode)\b|\bJSON::JWT\b")),
        new(FactKeys.Auth, "jwt", ["devise-jwt"], R(@":jwt_authenticatable\b|\bjwt_revocation_strategy\b")),
        new(FactKeys.Auth, "oauth", ["omniauth", "omniauth-oauth2", "omniauth-google-oauth2", "omniauth-github", "omniauth-facebook", "omniauth-twitter", "omniauth-gitlab"], R(@"\bprovider\s*\(?\s*:|\bOmniAuth\b|\bomniauth_providers\b|:omniauthable\b")),
        // GOV.UK's single sign-on through Signon (publishing-api, content-publisher): OAuth on every controller that includes it.
        new(FactKeys.Auth, "oauth", ["gds-sso"], R(@"\bGDS::SSO::(ControllerMethods|User)\b|\bGDS::SSO\.config\b")),
        // Warden, the Rack authentication framework under Devise, used on its own by Sinatra and Rack services (search-api
        // mounts `use Warden::Manager` with warden-oauth2's bearer-token strategy).
        new(FactKeys.Auth, "oauth", ["warden-oauth2"], R(@"\bWarden::OAuth2::Strategies\b")),
        new(FactKeys.Auth, "session", ["warden"], R(@"^\s*use\s+Warden::Manager\b")),
        new(FactKeys.Auth, "oauth", ["doorkeeper"], R(@"\buse_doorkeeper\b|\bDoorkeeper\.configure\b|\bdoorkeeper_authorize!")),
        new(FactKeys.Auth, "openid-connect", ["omniauth_openid_connect", "openid_connect", "omniauth-openid-connect"], R(@":openid_connect\b|\bOpenIDConnect::")),
        new(FactKeys.Auth, "session", ["clearance"], R(@"\bClearance::(User|Controller)\b|\bClearance\.configure\b")),
        new(FactKeys.Auth, "session", ["sorcery"], R(@"\bauthenticates_with_sorcery!")),
        new(FactKeys.Auth, "session", ["authlogic"], R(@"\bacts_as_authentic\b")),
        new(FactKeys.Auth, "session", ["rodauth-rails"], R(@"\bRodauth::Rails\b")),

        // Gems built on Sidekiq bring it in (publishing-api bundles govuk_sidekiq and sidekiq-scheduler, never sidekiq itself).
        new(FactKeys.BackgroundJobs, "sidekiq", ["sidekiq", "govuk_sidekiq", "sidekiq-scheduler", "sidekiq-cron", "sidekiq-unique-jobs", "sidekiq-pro", "sidekiq-ent"], R(@"\binclude\s+Sidekiq::(Job|Worker)\b|\bqueue_adapter\s*=\s*:sidekiq\b|\bSidekiq\.configure_server\b")),
        new(FactKeys.BackgroundJobs, "resque", ["resque"], R(@"\bqueue_adapter\s*=\s*:resque\b|\bResque\.enqueue\b|^\s*@queue\s*=")),
        new(FactKeys.BackgroundJobs, "good_job", ["good_job"], R(@"\bqueue_adapter\s*=\s*:good_job\b|\bconfig\.good_job\b|\bGoodJob\.")),
        new(FactKeys.BackgroundJobs, "solid_queue", ["solid_queue"], R(@"\bqueue_adapter\s*=\s*:solid_queue\b|\bconfig\.solid_queue\b")),
        // Delayed Job keeps its queue in the application's database and runs it in worker processes (rake jobs:work).
        new(FactKeys.BackgroundJobs, "delayed_job", ["delayed_job", "delayed_job_active_record", "delayed_job_mongoid"], R(@"\bqueue_adapter\s*=\s*:delayed_job\b|\bhandle_asynchronously\b|\bDelayed::(Job|Worker)\b|\.delay(\(|\.)")),

        new(FactKeys.Cache, "redis", ["redis", "redis-client", "hiredis-client", "kredis", "redis-namespace", "redis-store", "redis-rails"], R(@"\bRedis\.(new|current)\b|\bRedisClient\.(new|config)\b|:redis_cache_store\b|\bKredis\b|\bRedis::Namespace\.new\b")),
        new(FactKeys.Cache, "memcached", ["dalli"], R(@":mem_cache_store\b|\bDalli::Client\.new\b")),

        new(FactKeys.ObjectStorage, "s3", ["aws-sdk-s3"], R(@"\bAws::S3::(Client|Resource|Bucket|Object|Presigner)\b")),
        new(FactKeys.ObjectStorage, "s3", ["fog-aws"], R(@"provider\s*(:|=>)\s*['""]AWS['""]")),
        new(FactKeys.ObjectStorage, "gcs", ["google-cloud-storage"], R(@"\bGoogle::Cloud::Storage\b")),
        new(FactKeys.ObjectStorage, "azure-blob", ["azure-storage-blob"], R(@"\bAzure::Storage::Blob\b")),

        new(FactKeys.DatabaseEngines, "postgres", ["pg"], null),
        new(FactKeys.DatabaseEngines, "mysql", ["mysql2", "trilogy"], null),
        new(FactKeys.DatabaseEngines, "sqlite", ["sqlite3"], null),
        new(FactKeys.DatabaseEngines, "mongodb", ["mongoid", "mongo"], null),
    ];

    /// <summary>Where each error tracker takes its DSN or API key.</summary>
    public static readonly IReadOnlyList<RubyErrorTrackerKey> ErrorTrackerKeys =
    [
        new("sentry", "Sentry", R(@"\bconfig\.dsn\s*=|\bdsn:\s*\S"), R(@"^\s*dsn:\s*\S"), "SENTRY_DSN"),
        new("honeybadger", "Honeybadger", R(@"\bconfig\.api_key\s*="), R(@"^\s*api_key:\s*\S"), "HONEYBADGER_API_KEY"),
        new("bugsnag", "Bugsnag", R(@"\bconfig\.api_key\s*="), R(@"^\s*api_key:\s*\S"), "BUGSNAG_API_KEY"),
        new("rollbar", "Rollbar", R(@"\bconfig\.access_token\s*="), R(@"^\s*access_token:\s*\S"), "ROLLBAR_ACCESS_TOKEN"),
        new("airbrake", "Airbrake", R(@"\bconfig\.project_key\s*="), R(@"^\s*project_key:\s*\S"), "AIRBRAKE_PROJECT_KEY"),
        new("raygun", "Raygun", R(@"\bconfig\.api_key\s*="), R(@"^\s*api_key:\s*\S"), "RAYGUN_APIKEY"),
        new("appsignal", "Appsignal", R(@"\bconfig\.push_api_key\s*=|\bpush_api_key:\s*\S"), R(@"^\s*push_api_key:\s*\S"), "APPSIGNAL_PUSH_API_KEY"),
    ];
}
