using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Node;

/// <summary>
/// A library the audit recognises in JS/TS code: the fact it shows, its identifier, the packages that provide it,
/// and (where an import alone would mislead) the call that wires it up, or the modules whose import or preload
/// (`node --require dd-trace/init`) starts it.
/// </summary>
public sealed record NodeLibrary(string FactKey, string Id, string[] Packages, Regex? Wiring = null, string[]? InitModules = null)
{
    /// <summary>True when importing or preloading <paramref name="specifier"/> starts the library on its own.</summary>
    public bool IsInitModule(string specifier) => InitModules?.Contains(specifier, StringComparer.Ordinal) == true;
}

/// <summary>The catalogue of libraries, by fact (identifiers from facts.md).</summary>
public static class NodeLibraries
{
    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    public static readonly IReadOnlyList<NodeLibrary> All =
    [
        new(FactKeys.ErrorTracking, "sentry", ["@sentry/node", "@sentry/react", "@sentry/nextjs", "@sentry/browser", "@sentry/nestjs", "@sentry/vue", "@sentry/angular", "@sentry/angular-ivy", "@sentry/svelte", "@sentry/sveltekit", "@sentry/remix", "@sentry/react-router", "@sentry/bun", "@sentry/deno", "@sentry/cloudflare", "@sentry/serverless", "@sentry/aws-serverless", "@sentry/google-cloud-serverless", "@sentry/astro", "@sentry/nuxt", "@sentry/solid", "@sentry/gatsby", "@sentry/ember", "@sentry/electron", "@sentry/react-native", "@sentry/tanstackstart-react", "@sentry/koa", "@sentry/hono"], R(@"\b\w*Sentry\w*\.init\s*\(|(?<![.\w])init\s*\(\s*\{|\bwithSentryConfig\s*\(|\bwithSentry\s*\(|\bSentryModule\.forRoot\s*\(|\bsentryHandleError\b|\bwrapExpressCreateRequestHandler\s*\(")),
        new(FactKeys.ErrorTracking, "bugsnag", ["@bugsnag/js", "@bugsnag/node", "@bugsnag/react", "@bugsnag/browser", "@bugsnag/plugin-express", "@bugsnag/expo"], R(@"\bBugsnag\.start\s*\(")),
        new(FactKeys.ErrorTracking, "rollbar", ["rollbar", "@rollbar/react"], R(@"\bnew\s+Rollbar\s*\(|\bRollbar\.init\s*\(|<Provider\b")),
        new(FactKeys.ErrorTracking, "honeybadger", ["@honeybadger-io/js", "@honeybadger-io/react", "@honeybadger-io/nextjs"], R(@"\bHoneybadger\.configure\s*\(")),
        new(FactKeys.ErrorTracking, "raygun", ["raygun", "raygun4js"], R(@"\bnew\s+raygun\.Client\s*\(|\brg4js\s*\(")),
        new(FactKeys.ErrorTracking, "airbrake", ["@airbrake/node", "@airbrake/browser"], R(@"\bnew\s+(Airbrake\.)?Notifier\s*\(")),

        new(FactKeys.Tracing, "opentelemetry", ["@opentelemetry/sdk-node", "@opentelemetry/sdk-trace-node", "@opentelemetry/sdk-trace-base", "@opentelemetry/sdk-trace-web", "@opentelemetry/auto-instrumentations-node", "@opentelemetry/instrumentation", "@vercel/otel"], R(@"\bnew\s+(NodeSDK|NodeTracerProvider|BasicTracerProvider|WebTracerProvider)\s*\(|\bregisterOTel\s*\(|\bregisterInstrumentations\s*\("), ["@opentelemetry/auto-instrumentations-node/register"]),
        new(FactKeys.Tracing, "datadog", ["dd-trace"], R(@"\.init\s*\("), ["dd-trace/init"]),
        new(FactKeys.Tracing, "newrelic", ["newrelic", "@newrelic/next"], R(@"(?!)"), ["newrelic", "@newrelic/next"]),
        new(FactKeys.Tracing, "application-insights", ["applicationinsights", "@azure/monitor-opentelemetry"], R(@"\.setup\s*\(|\buseAzureMonitor\s*\(")),
        new(FactKeys.Tracing, "elastic-apm", ["elastic-apm-node", "@elastic/apm-rum"], R(@"\.start\s*\(|\binit\s*\("), ["elastic-apm-node/start"]),
        new(FactKeys.Tracing, "dynatrace", ["@dynatrace/oneagent", "@dynatrace/oneagent-sdk"]),
        new(FactKeys.Tracing, "honeycomb", ["@honeycombio/opentelemetry-node", "@honeycombio/opentelemetry-web"], R(@"\bnew\s+HoneycombSDK\s*\(|\bHoneycombWebSDK\s*\(")),
        new(FactKeys.Tracing, "jaeger", ["jaeger-client", "@opentelemetry/exporter-jaeger"]),
        new(FactKeys.Tracing, "zipkin", ["zipkin", "@opentelemetry/exporter-zipkin"]),

        new(FactKeys.Metrics, "prometheus", ["prom-client", "express-prom-bundle", "@willsoto/nestjs-prometheus", "fastify-metrics", "@opentelemetry/exporter-prometheus", "express-prometheus-middleware", "prometheus-api-metrics", "koa-prometheus-adv"]),
        new(FactKeys.Metrics, "statsd", ["hot-shots", "node-statsd", "statsd-client", "lynx"]),
        new(FactKeys.Metrics, "opentelemetry-metrics", ["@opentelemetry/sdk-metrics"]),
        new(FactKeys.Metrics, "datadog", ["datadog-metrics"]),
        new(FactKeys.Metrics, "cloudwatch", ["@aws-sdk/client-cloudwatch", "aws-embedded-metrics"]),

        new(FactKeys.StructuredLogging, "winston", ["winston", "nest-winston"]),
        new(FactKeys.StructuredLogging, "signale", ["signale"]),
        new(FactKeys.StructuredLogging, "pino", ["pino", "pino-http", "nestjs-pino", "express-pino-logger"]),
        new(FactKeys.StructuredLogging, "bunyan", ["bunyan"]),

        new(FactKeys.SecurityHeaders, "helmet", ["helmet", "@fastify/helmet", "koa-helmet", "fastify-helmet"], R(@"\b[Hh]elmet\s*\(|\b\w*[Hh]elmet\b\s*[,)]|register\s*\([^)]*[Hh]elmet")),
        new(FactKeys.SecurityHeaders, "secure-headers", ["hono/secure-headers"], R(@"\bsecureHeaders\s*\(")),

        new(FactKeys.Auth, "jwt", ["jsonwebtoken", "jose", "@nestjs/jwt", "passport-jwt", "express-jwt", "express-oauth2-jwt-bearer", "fast-jwt", "@fastify/jwt", "jwt-decode", "hono/jwt"]),
        new(FactKeys.Auth, "passport", ["passport", "@nestjs/passport", "koa-passport", "@fastify/passport"]),
        new(FactKeys.Auth, "nextauth", ["next-auth", "@auth/core", "@auth/nextjs", "@auth/express"]),
        new(FactKeys.Auth, "session", ["express-session", "cookie-session", "@fastify/session", "@fastify/secure-session", "iron-session", "koa-session", "lucia", "better-auth"]),
        new(FactKeys.Auth, "oauth", ["simple-oauth2", "passport-oauth2", "passport-google-oauth20", "passport-github2", "@badgateway/oauth2-client", "grant"]),
        new(FactKeys.Auth, "openid-connect", ["openid-client", "passport-openidconnect", "express-openid-connect", "@auth0/nextjs-auth0", "oidc-client-ts", "@azure/msal-node"]),
        new(FactKeys.Auth, "api-key", ["passport-headerapikey"]),
        // A login of the service's own: a password checked against its stored hash (bcrypt, bcryptjs, argon2); hashing alone
        // is not enough (a seed script hashes too), the comparison is what a login does.
        new(FactKeys.Auth, "password", ["bcrypt", "bcryptjs", "argon2", "@node-rs/argon2", "@node-rs/bcrypt"], R(@"(?<![\w$.])(?:\w+\s*\.\s*)?(?:compare|compareSync|verify)\s*\(")),

        new(FactKeys.Cache, "redis", ["redis", "ioredis", "@redis/client", "@upstash/redis", "cache-manager-redis-store", "cache-manager-redis-yet", "cache-manager-ioredis", "@keyv/redis", "connect-redis", "@nestjs-modules/ioredis", "@liaoliaots/nestjs-redis", "redis-om", "@nest-lab/throttler-storage-redis"]),
        new(FactKeys.Cache, "memcached", ["memcached", "memjs"]),
        new(FactKeys.Cache, "valkey", ["iovalkey", "@valkey/valkey-glide"]),
        // A cache kept in the process's memory (an LRU map, cache-manager's default memory store): it saves repeated work on one instance.
        new(FactKeys.Cache, "in-process", ["lru-cache", "node-cache", "cache-manager", "@nestjs/cache-manager", "quick-lru", "memory-cache", "@isaacs/ttlcache"]),

        new(FactKeys.BackgroundJobs, "bullmq", ["bullmq", "@nestjs/bullmq"]),
        new(FactKeys.BackgroundJobs, "bull", ["bull", "@nestjs/bull"]),
        new(FactKeys.BackgroundJobs, "agenda", ["agenda", "@hokify/agenda"]),
        new(FactKeys.BackgroundJobs, "temporal", ["@temporalio/client", "@temporalio/worker"]),
        new(FactKeys.BackgroundJobs, "kafka", ["kafkajs", "@confluentinc/kafka-javascript", "node-rdkafka"]),
        new(FactKeys.BackgroundJobs, "rabbitmq", ["amqplib", "amqp-connection-manager"]),
        new(FactKeys.BackgroundJobs, "pg-boss", ["pg-boss"]),
        new(FactKeys.BackgroundJobs, "graphile-worker", ["graphile-worker"]),
        new(FactKeys.BackgroundJobs, "bee-queue", ["bee-queue"]),
        new(FactKeys.BackgroundJobs, "sqs", ["@aws-sdk/client-sqs", "sqs-consumer", "sqs-producer"]),
        new(FactKeys.BackgroundJobs, "pubsub", ["@google-cloud/pubsub"]),
        new(FactKeys.BackgroundJobs, "azure-service-bus", ["@azure/service-bus"]),
        new(FactKeys.BackgroundJobs, "qstash", ["@upstash/qstash"]),

        new(FactKeys.ObjectStorage, "s3", ["@aws-sdk/client-s3", "@aws-sdk/lib-storage", "@aws-sdk/s3-request-presigner", "@aws-sdk/s3-presigned-post", "multer-s3"]),
        new(FactKeys.ObjectStorage, "s3", ["aws-sdk"], R(@"\bnew\s+(AWS\.)?S3\s*\(")),
        new(FactKeys.ObjectStorage, "azure-blob", ["@azure/storage-blob"]),
        new(FactKeys.ObjectStorage, "gcs", ["@google-cloud/storage"]),
        new(FactKeys.ObjectStorage, "minio", ["minio"]),

        new(FactKeys.DatabaseEngines, "postgres", ["pg", "postgres", "@neondatabase/serverless", "pg-promise", "@vercel/postgres"]),
        new(FactKeys.DatabaseEngines, "mysql", ["mysql", "mysql2", "mariadb", "@planetscale/database"]),
        new(FactKeys.DatabaseEngines, "sqlserver", ["mssql", "tedious"]),
        new(FactKeys.DatabaseEngines, "mongodb", ["mongodb", "mongoose"]),
        new(FactKeys.DatabaseEngines, "sqlite", ["sqlite3", "better-sqlite3", "@libsql/client", "node:sqlite", "bun:sqlite"]),
        new(FactKeys.DatabaseEngines, "ueberdb", ["ueberdb2"]),
    ];

    /// <summary>Packages that only turn rate limiting on: any of them, imported, is enough.</summary>
    public static readonly string[] RateLimiters =
    [
        "express-rate-limit", "@nestjs/throttler", "rate-limiter-flexible", "@fastify/rate-limit", "fastify-rate-limit", "koa-ratelimit", "express-slow-down", "express-brute", "@upstash/ratelimit", "hono-rate-limiter", "limiter", "bottleneck",
    ];
}
