using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Go;

/// <summary>
/// A library the audit recognises in Go code: the fact it shows, its identifier, the module paths that provide it
/// (an import of the path or of a package below it counts) and the call that wires it up. Where
/// <see cref="WiringRequired"/> is false the wiring only gives better evidence (the /metrics handler of a
/// Prometheus client); otherwise an import without it is not listed.
/// </summary>
public sealed record GoLibrary(string FactKey, string Id, string[] Paths, Regex? Wiring = null, bool WiringRequired = true)
{
    public bool Provides(string importPath)
    {
        foreach (var path in Paths)
        {
            if (Prefixes.IsAtOrUnder(importPath, path, '/') || Prefixes.IsUnder(importPath, path, '.'))
                return true;
        }
        return false;
    }

    /// <summary>Any of <paramref name="importPaths"/> comes from this library.</summary>
    public bool ProvidesAny(IEnumerable<string> importPaths)
    {
        foreach (var importPath in importPaths)
        {
            if (Provides(importPath))
                return true;
        }
        return false;
    }
}

/// <summary>The catalogue of Go libraries, by fact (identifiers from facts.md).</summary>
public static class GoLibraries
{
    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    public static readonly IReadOnlyList<GoLibrary> All =
    [
        new(FactKeys.ErrorTracking, "sentry", ["github.com/getsentry/sentry-go", "github.com/getsentry/raven-go"], R(@"\bsentry\s*\.\s*Init\s*\(|\braven\s*\.\s*SetDSN\s*\(")),
        new(FactKeys.ErrorTracking, "bugsnag", ["github.com/bugsnag/bugsnag-go"], R(@"\bbugsnag\s*\.\s*Configure\s*\(")),
        new(FactKeys.ErrorTracking, "rollbar", ["github.com/rollbar/rollbar-go", "github.com/stvp/rollbar"], R(@"\brollbar\s*\.\s*(SetToken|New)\s*\(|\brollbar\s*\.\s*Token\s*=")),
        new(FactKeys.ErrorTracking, "honeybadger", ["github.com/honeybadger-io/honeybadger-go"], R(@"\bhoneybadger\s*\.\s*(Configure|New)\s*\(")),
        new(FactKeys.ErrorTracking, "raygun", ["github.com/MindscapeHQ/raygun4go"], R(@"\braygun4go\s*\.\s*New\s*\(")),
        new(FactKeys.ErrorTracking, "airbrake", ["github.com/airbrake/gobrake"], R(@"\bgobrake\s*\.\s*(NewNotifier|NewNotifierWithOptions)\s*\(")),

        new(FactKeys.Tracing, "opentelemetry", ["go.opentelemetry.io/otel/sdk/trace", "go.opentelemetry.io/otel/exporters/otlp/otlptrace", "go.opentelemetry.io/contrib/instrumentation", "go.opentelemetry.io/contrib/exporters/autoexport"]),
        new(FactKeys.Tracing, "datadog", ["gopkg.in/DataDog/dd-trace-go.v1", "github.com/DataDog/dd-trace-go"]),
        new(FactKeys.Tracing, "newrelic", ["github.com/newrelic/go-agent"]),
        new(FactKeys.Tracing, "application-insights", ["github.com/microsoft/ApplicationInsights-Go"]),
        new(FactKeys.Tracing, "elastic-apm", ["go.elastic.co/apm"]),
        new(FactKeys.Tracing, "honeycomb", ["github.com/honeycombio/beeline-go", "github.com/honeycombio/otel-config-go"]),
        new(FactKeys.Tracing, "jaeger", ["github.com/uber/jaeger-client-go", "go.opentelemetry.io/otel/exporters/jaeger"]),
        new(FactKeys.Tracing, "zipkin", ["github.com/openzipkin/zipkin-go", "go.opentelemetry.io/otel/exporters/zipkin"]),

        new(FactKeys.Metrics, "prometheus", ["github.com/prometheus/client_golang", "github.com/zsais/go-gin-prometheus", "github.com/labstack/echo-contrib/prometheus", "github.com/labstack/echo-contrib/echoprometheus", "github.com/ansrivas/fiberprometheus", "github.com/VictoriaMetrics/metrics"],
            R(@"\bpromhttp\s*\.\s*(Handler|HandlerFor|InstrumentMetricHandler)\s*\(|\.(Handle|HandleFunc|GET|Get|Any|Handler|Use)\s*\([^\n]*""/metrics""|\bechoprometheus\s*\.\s*NewHandler\s*\(|\bWritePrometheus\s*\("), WiringRequired: false),
        new(FactKeys.Metrics, "statsd", ["github.com/cactus/go-statsd-client", "github.com/smira/go-statsd", "gopkg.in/alexcesaro/statsd.v2", "github.com/quipo/statsd"]),
        new(FactKeys.Metrics, "opentelemetry-metrics", ["go.opentelemetry.io/otel/sdk/metric", "go.opentelemetry.io/otel/exporters/otlp/otlpmetric", "go.opentelemetry.io/otel/exporters/prometheus"]),
        new(FactKeys.Metrics, "datadog", ["github.com/DataDog/datadog-go"]),
        new(FactKeys.Metrics, "cloudwatch", ["github.com/aws/aws-sdk-go-v2/service/cloudwatch", "github.com/aws/aws-sdk-go/service/cloudwatch"]),

        // Each of these writes structured records (key-value fields, JSON by default for zap and zerolog).
        new(FactKeys.StructuredLogging, "zap", ["go.uber.org/zap"]),
        new(FactKeys.StructuredLogging, "zerolog", ["github.com/rs/zerolog"]),
        new(FactKeys.StructuredLogging, "logrus", ["github.com/sirupsen/logrus"]),
        new(FactKeys.StructuredLogging, "lgr", ["github.com/go-pkgz/lgr"]),
        new(FactKeys.StructuredLogging, "slog", ["log/slog", "golang.org/x/exp/slog"]),
        // Mattermost's structured logger (over mattermost/logr), used by focalboard and Mattermost plugins.
        new(FactKeys.StructuredLogging, "mlog", ["github.com/mattermost/mattermost/server/public/shared/mlog", "github.com/mattermost/mattermost-server/v6/shared/mlog", "github.com/mattermost/logr"]),
        new(FactKeys.StructuredLogging, "hclog", ["github.com/hashicorp/go-hclog"]),

        new(FactKeys.SecurityHeaders, "secure-headers", ["github.com/unrolled/secure", "github.com/gin-contrib/secure"], R(@"\bsecure\s*\.\s*(New|Secure)\s*\(")),
        new(FactKeys.SecurityHeaders, "helmet", ["github.com/gofiber/fiber/v2/middleware/helmet", "github.com/gofiber/fiber/v3/middleware/helmet", "github.com/gofiber/helmet", "github.com/danielkov/gin-helmet"], R(@"\bhelmet\s*\.\s*(New|Default)\s*\(")),

        new(FactKeys.Auth, "jwt", ["github.com/golang-jwt/jwt", "github.com/dgrijalva/jwt-go", "github.com/form3tech-oss/jwt-go", "github.com/lestrrat-go/jwx", "github.com/go-jose/go-jose", "gopkg.in/square/go-jose.v2", "gopkg.in/go-jose/go-jose.v2", "github.com/appleboy/gin-jwt", "github.com/labstack/echo-jwt", "github.com/gofiber/contrib/jwt", "github.com/gofiber/jwt", "github.com/auth0/go-jwt-middleware", "github.com/MicahParks/keyfunc"]),
        new(FactKeys.Auth, "oauth", ["golang.org/x/oauth2", "github.com/markbates/goth", "github.com/go-oauth2/oauth2", "github.com/ory/fosite"]),
        new(FactKeys.Auth, "openid-connect", ["github.com/coreos/go-oidc", "github.com/zitadel/oidc"]),
        new(FactKeys.Auth, "session", ["github.com/gorilla/sessions", "github.com/alexedwards/scs", "github.com/gin-contrib/sessions", "github.com/gofiber/fiber/v2/middleware/session", "github.com/gofiber/fiber/v3/middleware/session"]),
        // A login of the service's own: a password checked against its stored hash (bcrypt, argon2id). Hashing alone is not
        // enough (a seed or an import tool hashes too); the comparison is what a login does.
        new(FactKeys.Auth, "password", ["golang.org/x/crypto/bcrypt", "github.com/alexedwards/argon2id"], R(@"\bbcrypt\s*\.\s*CompareHashAndPassword\s*\(|\bargon2id\s*\.\s*ComparePasswordAndHash\s*\(")),
        new(FactKeys.Auth, "api-key", ["github.com/gofiber/keyauth", "github.com/gofiber/fiber/v2/middleware/keyauth", "github.com/gofiber/fiber/v3/middleware/keyauth"]),

        new(FactKeys.Cache, "redis", ["github.com/redis/go-redis", "github.com/go-redis/redis", "github.com/gomodule/redigo", "github.com/garyburd/redigo", "github.com/redis/rueidis"]),
        new(FactKeys.Cache, "memcached", ["github.com/bradfitz/gomemcache"]),
        new(FactKeys.Cache, "valkey", ["github.com/valkey-io/valkey-go"]),
        new(FactKeys.Cache, "in-process", ["github.com/dgraph-io/ristretto", "github.com/allegro/bigcache", "github.com/coocood/freecache", "github.com/patrickmn/go-cache", "github.com/hashicorp/golang-lru", "github.com/golang/groupcache", "github.com/jellydator/ttlcache", "github.com/eko/gocache", "github.com/maypok86/otter", "github.com/Yiling-J/theine-go"], WiringRequired: false),

        new(FactKeys.BackgroundJobs, "asynq", ["github.com/hibiken/asynq"]),
        new(FactKeys.BackgroundJobs, "temporal", ["go.temporal.io/sdk"]),
        new(FactKeys.BackgroundJobs, "gocraft-work", ["github.com/gocraft/work"]),
        new(FactKeys.BackgroundJobs, "river", ["github.com/riverqueue/river"]),
        new(FactKeys.BackgroundJobs, "machinery", ["github.com/RichardKnop/machinery"]),
        new(FactKeys.BackgroundJobs, "sqs", ["github.com/aws/aws-sdk-go-v2/service/sqs", "github.com/aws/aws-sdk-go/service/sqs"]),
        new(FactKeys.BackgroundJobs, "pubsub", ["cloud.google.com/go/pubsub"]),
        new(FactKeys.BackgroundJobs, "kafka", ["github.com/segmentio/kafka-go", "github.com/IBM/sarama", "github.com/Shopify/sarama", "github.com/confluentinc/confluent-kafka-go", "github.com/twmb/franz-go"], WiringRequired: false),
        new(FactKeys.BackgroundJobs, "rabbitmq", ["github.com/rabbitmq/amqp091-go", "github.com/streadway/amqp"], WiringRequired: false),
        new(FactKeys.BackgroundJobs, "nats", ["github.com/nats-io/nats.go"], WiringRequired: false),
        new(FactKeys.BackgroundJobs, "scheduler", ["github.com/robfig/cron", "github.com/go-co-op/gocron", "github.com/reugn/go-quartz"], WiringRequired: false),

        new(FactKeys.ObjectStorage, "s3", ["github.com/aws/aws-sdk-go-v2/service/s3", "github.com/aws/aws-sdk-go/service/s3", "github.com/aws/aws-sdk-go-v2/feature/s3"]),
        new(FactKeys.ObjectStorage, "gcs", ["cloud.google.com/go/storage"]),
        new(FactKeys.ObjectStorage, "azure-blob", ["github.com/Azure/azure-sdk-for-go/sdk/storage/azblob", "github.com/Azure/azure-storage-blob-go"]),
        new(FactKeys.ObjectStorage, "minio", ["github.com/minio/minio-go"]),

        new(FactKeys.DatabaseEngines, "postgres", ["github.com/lib/pq", "github.com/jackc/pgx", "gorm.io/driver/postgres", "github.com/go-pg/pg", "github.com/uptrace/bun/driver/pgdriver", "github.com/uptrace/bun/dialect/pgdialect", "github.com/jinzhu/gorm/dialects/postgres"]),
        new(FactKeys.DatabaseEngines, "mysql", ["github.com/go-sql-driver/mysql", "gorm.io/driver/mysql", "github.com/jinzhu/gorm/dialects/mysql"]),
        new(FactKeys.DatabaseEngines, "sqlite", ["github.com/mattn/go-sqlite3", "modernc.org/sqlite", "gorm.io/driver/sqlite", "github.com/glebarez/sqlite", "github.com/ncruces/go-sqlite3", "zombiezen.com/go/sqlite", "github.com/jinzhu/gorm/dialects/sqlite"]),
        new(FactKeys.DatabaseEngines, "mongodb", ["go.mongodb.org/mongo-driver"]),
        new(FactKeys.DatabaseEngines, "boltdb", ["go.etcd.io/bbolt", "github.com/boltdb/bolt"]),
        new(FactKeys.DatabaseEngines, "badger", ["github.com/dgraph-io/badger"]),
    ];

    /// <summary>Packages that only turn rate limiting on: any of them, imported, is enough.</summary>
    public static readonly string[] RateLimiters =
    [
        "golang.org/x/time/rate", "github.com/ulule/limiter", "github.com/didip/tollbooth", "github.com/go-chi/httprate", "github.com/gofiber/fiber/v2/middleware/limiter", "github.com/gofiber/fiber/v3/middleware/limiter",
        "github.com/sethvargo/go-limiter", "github.com/throttled/throttled", "github.com/juju/ratelimit", "github.com/JGLTechnologies/gin-rate-limit", "github.com/go-redis/redis_rate", "github.com/mennanov/limiters",
    ];

    /// <summary>Health check libraries: imported, the application serves a health route.</summary>
    public static readonly string[] HealthLibraries =
    [
        "github.com/hellofresh/health-go", "github.com/alexliesenfeld/health", "github.com/heptiolabs/healthcheck", "github.com/InVisionApp/go-health", "github.com/etherlabsio/healthcheck", "google.golang.org/grpc/health", "github.com/tavsec/gin-healthcheck",
    ];

    /// <summary>Web frameworks by module path (stack.frameworks identifiers).</summary>
    public static readonly (string Path, string Framework)[] Frameworks =
    [
        ("github.com/gin-gonic/gin", "gin"), ("github.com/labstack/echo", "echo"), ("github.com/gofiber/fiber", "fiber"),
    ];
}
