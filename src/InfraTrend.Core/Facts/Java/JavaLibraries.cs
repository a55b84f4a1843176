using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Java;

/// <summary>
/// A library the audit recognises on the JVM: the fact it shows, its identifier, the artifacts that provide it
/// (`group:artifact`, or `group:prefix*`), and what wires it where the artifact alone would mislead: a call or
/// annotation in the code, a logging config file or a Spring setting's value (<paramref name="Wiring"/>), or a Spring
/// property set under a prefix (<paramref name="Property"/>). With neither,
/// the artifact is enough: a Spring Boot starter configures itself, a JDBC driver is there to be used.
/// </summary>
public sealed record JavaLibrary(string FactKey, string Id, string[] Artifacts, Regex? Wiring = null, string? Property = null);

/// <summary>How an error tracker is given its DSN or key: a Spring property, a call in code, and the environment variable it reads.</summary>
public sealed record JavaErrorTrackerKey(string Id, string? Property, Regex? Setting, string Variable);

/// <summary>The catalogue of JVM libraries, by fact (identifiers from facts.md).</summary>
public static class JavaLibraries
{
    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    public static readonly IReadOnlyList<JavaLibrary> All =
    [
        new(FactKeys.ErrorTracking, "sentry", ["io.sentry:sentry-spring-boot*"]),
        new(FactKeys.ErrorTracking, "sentry", ["io.sentry:sentry", "io.sentry:sentry-logback", "io.sentry:sentry-log4j2", "io.sentry:sentry-spring", "io.sentry:sentry-spring-jakarta", "io.sentry:sentry-servlet*"], R(@"\bSentry\.init\s*[({]|@EnableSentry\b|io\.sentry\.logback\.SentryAppender|<Sentry\b")),
        new(FactKeys.ErrorTracking, "bugsnag", ["com.bugsnag:*"], R(@"\bnew\s+Bugsnag\s*\(|\bBugsnag\s*\(|BugsnagSpringConfiguration")),
        new(FactKeys.ErrorTracking, "rollbar", ["com.rollbar:*"], R(@"\bRollbar\.init\s*\(|\bnew\s+Rollbar\s*\(|\bRollbarSpringConfigBuilder\b|\bwithAccessToken\s*\(")),
        new(FactKeys.ErrorTracking, "honeybadger", ["io.honeybadger:*"], R(@"\bHoneybadger(Reporter|UncaughtExceptionHandler)\b")),
        new(FactKeys.ErrorTracking, "raygun", ["com.mindscapehq:*"], R(@"\bnew\s+Raygun(Client|ServletClient)\b")),
        new(FactKeys.ErrorTracking, "airbrake", ["io.airbrake:*"], R(@"\bnew\s+Notifier\s*\(")),

        new(FactKeys.Tracing, "opentelemetry", ["io.opentelemetry.instrumentation:opentelemetry-spring-boot-starter", "org.springframework.boot:spring-boot-starter-opentelemetry", "io.micrometer:micrometer-tracing-bridge-otel"]),
        new(FactKeys.Tracing, "opentelemetry", ["io.opentelemetry:opentelemetry-sdk*", "io.opentelemetry:opentelemetry-api"], R(@"\bOpenTelemetrySdk\.builder\s*\(|\bAutoConfiguredOpenTelemetrySdk\b|\bGlobalOpenTelemetry\.get")),
        new(FactKeys.Tracing, "datadog", ["com.datadoghq:dd-trace-api", "com.datadoghq:dd-trace-ot"], R(@"\bdatadog\.trace\.api\b|@Trace\b")),
        new(FactKeys.Tracing, "newrelic", ["com.newrelic.agent.java:*"], R(@"\bcom\.newrelic\.api\b|\bNewRelic\.")),
        new(FactKeys.Tracing, "elastic-apm", ["co.elastic.apm:apm-agent-attach"], R(@"\bElasticApmAttacher\.attach\s*\(")),
        new(FactKeys.Tracing, "elastic-apm", ["co.elastic.apm:apm-agent-api"], R(@"\bco\.elastic\.apm\.api\b")),
        new(FactKeys.Tracing, "application-insights", ["com.microsoft.azure:applicationinsights-spring-boot-starter", "com.azure.spring:spring-cloud-azure-starter-monitor"]),
        new(FactKeys.Tracing, "application-insights", ["com.microsoft.azure:applicationinsights-runtime-attach"], R(@"\bApplicationInsights\.attach\s*\(")),
        new(FactKeys.Tracing, "zipkin", ["org.springframework.boot:spring-boot-starter-zipkin", "io.zipkin.reporter2:zipkin-reporter-brave", "org.springframework.cloud:spring-cloud-starter-zipkin", "org.springframework.cloud:spring-cloud-sleuth-zipkin"]),
        new(FactKeys.Tracing, "jaeger", ["io.jaegertracing:*", "io.opentracing.contrib:opentracing-spring-jaeger*"]),
        new(FactKeys.Tracing, "honeycomb", ["io.honeycomb:*"]),
        new(FactKeys.Tracing, "opentelemetry", ["io.quarkus:quarkus-opentelemetry", "io.micronaut.tracing:micronaut-tracing-opentelemetry*"]),
        new(FactKeys.Tracing, "zipkin", ["io.micronaut.tracing:micronaut-tracing-zipkin", "io.micronaut.tracing:micronaut-tracing-brave*"]),
        new(FactKeys.Tracing, "jaeger", ["io.micronaut.tracing:micronaut-tracing-jaeger"]),

        new(FactKeys.Metrics, "prometheus", ["io.micrometer:micrometer-registry-prometheus*", "io.prometheus:simpleclient_spring_boot", "io.prometheus:prometheus-metrics-exporter*"]),
        new(FactKeys.Metrics, "prometheus", ["io.prometheus:simpleclient*", "io.prometheus:prometheus-metrics-core"], R(@"\bio\.prometheus\.(client|metrics)\b")),
        new(FactKeys.Metrics, "micrometer", ["io.micrometer:micrometer-registry-*"]),
        new(FactKeys.Metrics, "micrometer", ["io.micrometer:micrometer-core", "org.springframework.boot:spring-boot-starter-actuator"], R(@"\bio\.micrometer\.core\.instrument\b|@Timed\b|@Counted\b")),
        new(FactKeys.Metrics, "statsd", ["io.micrometer:micrometer-registry-statsd", "com.timgroup:java-statsd-client"]),
        new(FactKeys.Metrics, "datadog", ["io.micrometer:micrometer-registry-datadog", "com.datadoghq:java-dogstatsd-client"]),
        new(FactKeys.Metrics, "cloudwatch", ["io.micrometer:micrometer-registry-cloudwatch*"]),
        new(FactKeys.Metrics, "opentelemetry-metrics", ["io.micrometer:micrometer-registry-otlp", "io.opentelemetry:opentelemetry-sdk-metrics"]),
        // Micronaut's and Quarkus' own Micrometer modules: a registry module serves its endpoint (Prometheus on /prometheus
        // or /q/metrics) once it is on the classpath, as Spring Boot's actuator does.
        new(FactKeys.Metrics, "prometheus", ["io.micronaut.micrometer:micronaut-micrometer-registry-prometheus", "io.quarkus:quarkus-micrometer-registry-prometheus", "io.quarkiverse.micrometer.registry:quarkus-micrometer-registry-prometheus"]),
        new(FactKeys.Metrics, "micrometer", ["io.micronaut.micrometer:micronaut-micrometer-registry-*", "io.quarkiverse.micrometer.registry:quarkus-micrometer-registry-*", "io.quarkus:quarkus-smallrye-metrics"]),

        new(FactKeys.Auth, "jwt", ["org.springframework.boot:spring-boot-starter-oauth2-resource-server", "org.springframework.security:spring-security-oauth2-resource-server"], R(@"\.jwt\s*\(|\bJwtDecoder\b|\bjwtAuthenticationConverter\b"), "spring.security.oauth2.resourceserver.jwt"),
        new(FactKeys.Auth, "oauth", ["org.springframework.boot:spring-boot-starter-oauth2-resource-server"], R(@"\.opaqueToken\s*\("), "spring.security.oauth2.resourceserver.opaquetoken"),
        new(FactKeys.Auth, "oauth", ["org.springframework.boot:spring-boot-starter-oauth2-client", "org.springframework.security:spring-security-oauth2-client"], R(@"\.oauth2Login\s*\(|\.oauth2Client\s*\("), "spring.security.oauth2.client.registration"),
        new(FactKeys.Auth, "openid-connect", ["org.springframework.boot:spring-boot-starter-oauth2-client", "org.springframework.security:spring-security-oauth2-client"], R(@"\bOidcUser\b|\.oidcLogout\s*\(|\boidc\b"), "spring.security.oauth2.client.provider"),
        new(FactKeys.Auth, "openid-connect", ["org.keycloak:keycloak-spring-boot-starter", "org.keycloak:keycloak-spring-security-adapter"]),
        // Keycloak's adapter types outside Spring: a server that reads the caller's Keycloak token (openremote's JAX-RS
        // resources take the KeycloakSecurityContext its JWT filter sets).
        new(FactKeys.Auth, "openid-connect", ["org.keycloak:*"], R(@"\bKeycloak(SecurityContext|Principal|Deployment|AuthenticationToken)\b")),
        new(FactKeys.Auth, "jwt", ["io.jsonwebtoken:*", "com.auth0:java-jwt", "com.nimbusds:nimbus-jose-jwt"], R(@"\bJwts\.(builder|parser|parserBuilder)\s*\(|\bJWT\.(create|require|decode)\s*\(|\bSignedJWT\b|\bJWSObject\b|\bNimbusJwt(Decoder|Encoder)\b")),
        new(FactKeys.Auth, "session", ["org.springframework.session:*"]),
        new(FactKeys.Auth, "session", ["org.springframework.boot:spring-boot-starter-security", "org.springframework.security:spring-security-config"], R(@"\.formLogin\s*\(")),

        new(FactKeys.BackgroundJobs, "quartz", ["org.springframework.boot:spring-boot-starter-quartz"]),
        new(FactKeys.BackgroundJobs, "quartz", ["org.quartz-scheduler:quartz"], R(@"\borg\.quartz\b|\bQuartzJobBean\b")),
        new(FactKeys.BackgroundJobs, "temporal", ["io.temporal:temporal-spring-boot-starter*"]),
        new(FactKeys.BackgroundJobs, "temporal", ["io.temporal:temporal-sdk"], R(@"\bio\.temporal\.(client|worker)\b")),
        // A message queue the application consumes or feeds moves work out of requests as a job system does.
        new(FactKeys.BackgroundJobs, "kafka", ["org.springframework.kafka:spring-kafka", "org.apache.kafka:kafka-clients", "org.springframework.cloud:spring-cloud-stream-binder-kafka*"]),
        new(FactKeys.BackgroundJobs, "rabbitmq", ["org.springframework.boot:spring-boot-starter-amqp", "com.rabbitmq:amqp-client", "org.springframework.cloud:spring-cloud-stream-binder-rabbit*"]),
        new(FactKeys.BackgroundJobs, "activemq", ["org.springframework.boot:spring-boot-starter-activemq", "org.springframework.boot:spring-boot-starter-artemis", "org.apache.activemq:activemq-client", "org.apache.activemq:artemis-jms-client"]),
        new(FactKeys.BackgroundJobs, "pulsar", ["org.springframework.boot:spring-boot-starter-pulsar", "org.apache.pulsar:pulsar-client", "org.apache.pulsar:pulsar-client-original"]),
        new(FactKeys.BackgroundJobs, "rocketmq", ["org.apache.rocketmq:rocketmq-spring-boot-starter", "org.apache.rocketmq:rocketmq-client", "org.apache.rocketmq:rocketmq-client-java"]),
        new(FactKeys.BackgroundJobs, "sqs", ["io.awspring.cloud:spring-cloud-aws-starter-sqs", "software.amazon.awssdk:sqs", "com.amazonaws:aws-java-sdk-sqs"]),
        new(FactKeys.BackgroundJobs, "pubsub", ["com.google.cloud:spring-cloud-gcp-starter-pubsub", "com.google.cloud:google-cloud-pubsub"]),

        new(FactKeys.Cache, "redis", ["org.springframework.boot:spring-boot-starter-data-redis*", "org.springframework.session:spring-session-data-redis", "org.redisson:redisson-spring-boot-starter"]),
        new(FactKeys.Cache, "redis", ["redis.clients:jedis", "io.lettuce:lettuce-core", "org.redisson:redisson", "org.springframework.data:spring-data-redis"], R(@"\bredis\.clients\.jedis\b|\bio\.lettuce\.core\b|\borg\.redisson\b|\bRedisTemplate\b|\bRedisConnectionFactory\b")),
        new(FactKeys.Cache, "memcached", ["net.spy:spymemcached", "com.googlecode.xmemcached:xmemcached"], R(@"\bMemcachedClient\b")),
        new(FactKeys.Cache, "valkey", ["io.valkey:*"], R(@"\bio\.valkey\b|\bglide\.api\b")),
        new(FactKeys.Cache, "in-process", ["com.github.ben-manes.caffeine:caffeine", "org.ehcache:ehcache", "net.sf.ehcache:ehcache*", "javax.cache:cache-api", "org.springframework.boot:spring-boot-starter-cache"], R(@"@EnableCaching\b|@Cacheable\b|\bCaffeine\.newBuilder\s*\(|\bCacheManager\b")),
        new(FactKeys.Cache, "in-process", ["com.google.guava:guava"], R(@"\bCacheBuilder\.newBuilder\s*\(|\bLoadingCache\s*<")),
        new(FactKeys.BackgroundJobs, "scheduler", ["org.springframework:spring-context", "org.springframework.boot:spring-boot-starter*"], R(@"@EnableScheduling\b|@Scheduled\s*\(")),

        new(FactKeys.ObjectStorage, "s3", ["io.awspring.cloud:spring-cloud-aws-starter-s3"]),
        new(FactKeys.ObjectStorage, "s3", ["software.amazon.awssdk:s3", "software.amazon.awssdk:s3-transfer-manager", "com.amazonaws:aws-java-sdk-s3", "com.amazonaws:aws-java-sdk"], R(@"\bsoftware\.amazon\.awssdk\.services\.s3\b|\bcom\.amazonaws\.services\.s3\b|\bS3Client\b|\bAmazonS3\b")),
        new(FactKeys.ObjectStorage, "azure-blob", ["com.azure.spring:spring-cloud-azure-starter-storage-blob"]),
        new(FactKeys.ObjectStorage, "azure-blob", ["com.azure:azure-storage-blob"], R(@"\bcom\.azure\.storage\.blob\b|\bBlobServiceClient\b")),
        new(FactKeys.ObjectStorage, "gcs", ["com.google.cloud:spring-cloud-gcp-starter-storage", "org.springframework.cloud:spring-cloud-gcp-starter-storage"]),
        new(FactKeys.ObjectStorage, "gcs", ["com.google.cloud:google-cloud-storage"], R(@"\bcom\.google\.cloud\.storage\b")),
        new(FactKeys.ObjectStorage, "minio", ["io.minio:minio"], R(@"\bMinioClient\b")),

        new(FactKeys.DatabaseEngines, "postgres", ["org.postgresql:postgresql", "org.postgresql:r2dbc-postgresql", "io.r2dbc:r2dbc-postgresql", "com.impossibl.pgjdbc-ng:pgjdbc-ng"]),
        new(FactKeys.DatabaseEngines, "mysql", ["com.mysql:mysql-connector-j", "mysql:mysql-connector-java", "org.mariadb.jdbc:mariadb-java-client", "io.asyncer:r2dbc-mysql"]),
        new(FactKeys.DatabaseEngines, "sqlite", ["org.xerial:sqlite-jdbc"]),
        new(FactKeys.DatabaseEngines, "mongodb", ["org.springframework.boot:spring-boot-starter-data-mongodb*", "org.mongodb:*"]),
        new(FactKeys.DatabaseEngines, "dynamodb", ["software.amazon.awssdk:dynamodb", "software.amazon.awssdk:dynamodb-enhanced", "com.amazonaws:aws-java-sdk-dynamodb", "io.awspring.cloud:spring-cloud-aws-starter-dynamodb"]),
    ];

    /// <summary>Rate limiters: the artifact, and the annotation, call or property that turns a limit on.</summary>
    public static readonly IReadOnlyList<JavaLibrary> RateLimiters =
    [
        new(FactKeys.RateLimiting, "bucket4j", ["com.bucket4j:*", "com.github.vladimir-bukhtoyarov:bucket4j*", "com.giffing.bucket4j.spring.boot.starter:*"], R(@"\bBucket4j\.builder\s*\(|\bBucket\.builder\s*\(|\bBandwidth\.(simple|classic|builder)\b|\bBucketConfiguration\b"), "bucket4j.filters"),
        new(FactKeys.RateLimiting, "resilience4j", ["io.github.resilience4j:resilience4j-ratelimiter", "io.github.resilience4j:resilience4j-spring-boot*", "io.github.resilience4j:resilience4j-all", "org.springframework.cloud:spring-cloud-starter-circuitbreaker-resilience4j"], R(@"@RateLimiter\s*\(|\bRateLimiter\.of\s*\(|\bRateLimiterRegistry\b|\bRateLimiterConfig\b"), "resilience4j.ratelimiter"),
        new(FactKeys.RateLimiting, "spring-cloud-gateway", ["org.springframework.cloud:spring-cloud-starter-gateway*"], R(@"\.requestRateLimiter\s*\(|\bRequestRateLimiter\b|\bRedisRateLimiter\b")),
    ];

    /// <summary>Where each error tracker takes its DSN or key.</summary>
    public static readonly IReadOnlyList<JavaErrorTrackerKey> ErrorTrackerKeys =
    [
        new("sentry", "sentry.dsn", R(@"\.setDsn\s*\(|\bdsn\s*="), "SENTRY_DSN"),
        new("bugsnag", "bugsnag.api-key", R(@"\bnew\s+Bugsnag\s*\(\s*\S"), "BUGSNAG_API_KEY"),
        new("rollbar", "rollbar.access-token", R(@"\bwithAccessToken\s*\(\s*\S"), "ROLLBAR_ACCESS_TOKEN"),
        new("honeybadger", "honeybadger.api-key", null, "HONEYBADGER_API_KEY"),
        new("raygun", "raygun.api-key", R(@"\bnew\s+Raygun\w*Client\s*\(\s*\S"), "RAYGUN_APIKEY"),
        new("airbrake", "airbrake.project-key", R(@"\bnew\s+Notifier\s*\(\s*\S"), "AIRBRAKE_PROJECT_KEY"),
    ];
}
