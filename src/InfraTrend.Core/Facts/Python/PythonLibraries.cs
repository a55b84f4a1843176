using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Python;

/// <summary>
/// A library the audit recognises in Python code: the fact it shows, its identifier, the modules that provide it
/// (an import of the module or of one below it counts), the distributions that ship it, and (where an import alone
/// would mislead) the call that wires it up.
/// </summary>
public sealed record PythonLibrary(string FactKey, string Id, string[] Modules, string[] Packages, Regex? Wiring = null)
{
    public bool Provides(string module) => Prefixes.IsAtOrUnderAny(module, Modules, '.');

    /// <summary>Any of <paramref name="modules"/> comes from this library.</summary>
    public bool ProvidesAny(IEnumerable<string> modules)
    {
        foreach (var module in modules)
        {
            if (Provides(module))
                return true;
        }
        return false;
    }
}

/// <summary>The catalogue of Python libraries, by fact (identifiers from facts.md).</summary>
public static class PythonLibraries
{
    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    public static readonly IReadOnlyList<PythonLibrary> All =
    [
        new(FactKeys.ErrorTracking, "sentry", ["sentry_sdk", "raven"], ["sentry-sdk", "raven"], R(@"\bsentry_sdk\s*\.\s*init\s*\(|(?<![\w.])init\s*\(\s*(?:dsn\b|\*\*|[A-Za-z_][\w.]*\s*[,)])|\bSentry\s*\(\s*app\b|\braven\.Client\s*\(|\bClient\s*\(\s*dsn\s*=")),
        new(FactKeys.ErrorTracking, "bugsnag", ["bugsnag"], ["bugsnag"], R(@"\bbugsnag\s*\.\s*configure\s*\(|\bhandle_exceptions\s*\(|BugsnagMiddleware")),
        new(FactKeys.ErrorTracking, "rollbar", ["rollbar"], ["rollbar"], R(@"\brollbar\s*\.\s*init\s*\(|RollbarNotifierMiddleware")),
        new(FactKeys.ErrorTracking, "honeybadger", ["honeybadger"], ["honeybadger"], R(@"\bhoneybadger\s*\.\s*configure\s*\(|HoneybadgerMiddleware|FlaskHoneybadger\s*\(")),
        new(FactKeys.ErrorTracking, "raygun", ["raygun4py"], ["raygun4py"], R(@"\bRaygunSender\s*\(|\braygunprovider\b")),
        new(FactKeys.ErrorTracking, "airbrake", ["pybrake", "airbrake"], ["pybrake", "airbrake"], R(@"\bNotifier\s*\(|\bpybrake\.")),

        new(FactKeys.Tracing, "opentelemetry", ["opentelemetry.sdk.trace", "opentelemetry.sdk._configuration", "opentelemetry.trace", "opentelemetry.instrumentation", "opentelemetry.exporter", "opentelemetry.distro"], ["opentelemetry-sdk", "opentelemetry-distro"]),
        new(FactKeys.Tracing, "datadog", ["ddtrace"], ["ddtrace"]),
        new(FactKeys.Tracing, "newrelic", ["newrelic"], ["newrelic"]),
        new(FactKeys.Tracing, "application-insights", ["opencensus.ext.azure", "applicationinsights", "azure.monitor.opentelemetry"], ["opencensus-ext-azure", "applicationinsights", "azure-monitor-opentelemetry"]),
        new(FactKeys.Tracing, "elastic-apm", ["elasticapm"], ["elastic-apm"]),
        new(FactKeys.Tracing, "dynatrace", ["oneagent"], ["oneagent-sdk"]),
        new(FactKeys.Tracing, "honeycomb", ["beeline", "honeycomb.opentelemetry"], ["honeycomb-beeline", "honeycomb-opentelemetry"]),
        new(FactKeys.Tracing, "jaeger", ["jaeger_client", "opentelemetry.exporter.jaeger"], ["jaeger-client", "opentelemetry-exporter-jaeger"]),
        new(FactKeys.Tracing, "zipkin", ["py_zipkin", "opentelemetry.exporter.zipkin"], ["py-zipkin", "opentelemetry-exporter-zipkin"]),

        new(FactKeys.Metrics, "prometheus", ["prometheus_client", "prometheus_fastapi_instrumentator", "django_prometheus", "prometheus_flask_exporter", "starlette_exporter", "starlette_prometheus", "aioprometheus"], ["prometheus-client", "prometheus-fastapi-instrumentator", "django-prometheus", "prometheus-flask-exporter", "starlette-exporter"]),
        new(FactKeys.Metrics, "statsd", ["statsd", "django_statsd", "markus"], ["statsd", "django-statsd", "markus"]),
        new(FactKeys.Metrics, "opentelemetry-metrics", ["opentelemetry.sdk.metrics", "opentelemetry.metrics"], ["opentelemetry-sdk"]),
        new(FactKeys.Metrics, "datadog", ["datadog", "datadog.dogstatsd"], ["datadog"]),
        new(FactKeys.Metrics, "cloudwatch", ["aws_embedded_metrics"], ["aws-embedded-metrics"]),

        new(FactKeys.StructuredLogging, "structlog", ["structlog", "django_structlog"], ["structlog", "django-structlog"]),
        new(FactKeys.StructuredLogging, "loguru", ["loguru"], ["loguru"]),

        new(FactKeys.Auth, "jwt", ["jwt", "jose", "rest_framework_simplejwt", "flask_jwt_extended", "fastapi_jwt_auth", "authlib.jose", "jwcrypto", "ninja_jwt", "djoser.urls.jwt"], ["pyjwt", "python-jose", "djangorestframework-simplejwt", "flask-jwt-extended", "fastapi-jwt-auth", "jwcrypto", "django-ninja-jwt"]),
        new(FactKeys.Auth, "oauth", ["authlib.integrations", "requests_oauthlib", "oauthlib", "social_django", "social_core", "allauth.socialaccount", "oauth2_provider", "flask_dance", "httpx_oauth", "fastapi_users.authentication"], ["authlib", "requests-oauthlib", "oauthlib", "social-auth-app-django", "django-oauth-toolkit", "flask-dance"]),
        new(FactKeys.Auth, "openid-connect", ["mozilla_django_oidc", "flask_oidc", "oic", "django_auth_adfs", "msal"], ["mozilla-django-oidc", "flask-oidc", "oic", "msal"]),
        new(FactKeys.Auth, "session", ["flask_login", "flask_session", "starlette.middleware.sessions"], ["flask-login", "flask-session"]),
        // A login of the service's own: a password checked against its stored hash (Werkzeug's check_password_hash, passlib,
        // bcrypt, argon2-cffi); hashing alone is not enough, the comparison is what a login does.
        new(FactKeys.Auth, "password", ["werkzeug.security", "passlib", "bcrypt", "argon2"], ["passlib", "bcrypt", "argon2-cffi"], R(@"\bcheck_password_hash\s*\(|\bcheckpw\s*\(|\.\s*verify(?:_and_update)?\s*\(")),
        new(FactKeys.Auth, "api-key", ["rest_framework_api_key"], ["djangorestframework-api-key"]),

        new(FactKeys.Cache, "redis", ["redis", "aioredis", "django_redis", "flask_redis", "coredis"], ["redis", "aioredis", "django-redis", "flask-redis"]),
        new(FactKeys.Cache, "memcached", ["pymemcache", "pylibmc", "memcache", "aiomcache"], ["pymemcache", "pylibmc", "python-memcached"]),
        new(FactKeys.Cache, "valkey", ["valkey"], ["valkey"]),
        new(FactKeys.Cache, "in-process", ["cachetools", "flask_caching", "diskcache"], ["cachetools", "flask-caching", "diskcache"]),

        new(FactKeys.BackgroundJobs, "celery", ["celery"], ["celery"]),
        new(FactKeys.BackgroundJobs, "rq", ["rq", "django_rq", "flask_rq2", "rq_scheduler"], ["rq", "django-rq"]),
        new(FactKeys.BackgroundJobs, "dramatiq", ["dramatiq", "django_dramatiq"], ["dramatiq", "django-dramatiq"]),
        new(FactKeys.BackgroundJobs, "temporal", ["temporalio"], ["temporalio"]),
        new(FactKeys.BackgroundJobs, "huey", ["huey"], ["huey"]),
        new(FactKeys.BackgroundJobs, "arq", ["arq"], ["arq"]),
        new(FactKeys.BackgroundJobs, "procrastinate", ["procrastinate"], ["procrastinate"]),
        new(FactKeys.BackgroundJobs, "taskiq", ["taskiq"], ["taskiq"]),
        new(FactKeys.BackgroundJobs, "pubsub", ["google.cloud.pubsub", "google.cloud.pubsub_v1"], ["google-cloud-pubsub"]),
        new(FactKeys.BackgroundJobs, "kafka", ["confluent_kafka", "kafka", "aiokafka"], ["confluent-kafka", "kafka-python", "aiokafka"]),
        new(FactKeys.BackgroundJobs, "rabbitmq", ["pika", "aio_pika", "kombu"], ["pika", "aio-pika", "kombu"]),

        // boto3 is also the client for SQS, SES, Athena...: only an S3 client or resource is object storage.
        new(FactKeys.ObjectStorage, "s3", ["boto3", "aioboto3", "aiobotocore", "botocore", "s3fs", "storages.backends.s3boto3", "storages.backends.s3"], ["boto3", "aioboto3", "s3fs", "django-storages"], R(@"\b(client|resource|create_client)\s*\(\s*(service_name\s*=\s*)?['""]s3['""]|\bS3FileSystem\s*\(|\bS3Boto3Storage\b|\bS3Storage\b")),
        new(FactKeys.ObjectStorage, "gcs", ["google.cloud.storage", "storages.backends.gcloud", "gcsfs"], ["google-cloud-storage", "gcsfs"]),
        new(FactKeys.ObjectStorage, "azure-blob", ["azure.storage.blob", "storages.backends.azure_storage"], ["azure-storage-blob"]),
        new(FactKeys.ObjectStorage, "minio", ["minio"], ["minio"]),

        new(FactKeys.DatabaseEngines, "postgres", ["psycopg2", "psycopg", "asyncpg", "pg8000"], ["psycopg2", "psycopg2-binary", "psycopg", "psycopg-binary", "asyncpg", "pg8000"]),
        new(FactKeys.DatabaseEngines, "mysql", ["MySQLdb", "pymysql", "mysql.connector", "aiomysql", "asyncmy"], ["mysqlclient", "pymysql", "mysql-connector-python", "aiomysql", "asyncmy"]),
        new(FactKeys.DatabaseEngines, "mongodb", ["pymongo", "motor", "mongoengine", "beanie"], ["pymongo", "motor", "mongoengine", "beanie"]),
        new(FactKeys.DatabaseEngines, "sqlite", ["sqlite3", "aiosqlite"], ["aiosqlite"]),
    ];

    /// <summary>Modules that only turn rate limiting on: any of them, imported, is enough.</summary>
    public static readonly string[] RateLimiters =
    [
        "django_ratelimit", "ratelimit", "slowapi", "flask_limiter", "fastapi_limiter", "limits", "ratelimiter", "aiolimiter", "rest_framework.throttling",
    ];

    /// <summary>Database drivers are loaded by a connection URL, not imported: the dependency alone names the engine.</summary>
    public static readonly string[] DriverOnlyEngines = ["postgres", "mysql", "mongodb"];

    /// <summary>Web frameworks by distribution and the module their code imports (stack.frameworks identifiers).</summary>
    public static readonly (string Package, string Module, string Framework)[] Frameworks =
    [
        ("django", "django", "django"), ("fastapi", "fastapi", "fastapi"), ("flask", "flask", "flask"),
    ];

    /// <summary>Distributions that make a folder a server (for parts): frameworks, and ASGI/WSGI servers.</summary>
    public static readonly string[] ServerPackages =
    [
        "django", "fastapi", "flask", "starlette", "litestar", "sanic", "aiohttp", "tornado", "quart", "falcon", "pyramid", "bottle", "uvicorn", "gunicorn", "hypercorn", "granian", "daphne", "waitress", "connexion", "django-ninja", "djangorestframework",
    ];

    /// <summary>Distributions that make a folder a worker (for parts) when it serves nothing.</summary>
    public static readonly string[] WorkerPackages = ["celery", "rq", "dramatiq", "arq", "huey", "temporalio", "faust-streaming", "kombu"];
}
