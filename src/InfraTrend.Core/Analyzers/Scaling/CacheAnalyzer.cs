using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Scaling;

[Analyzer(
    "scaling.cache",
    Category = Category.Scaling,
    Level = 5,
    Weight = 1,
    WeightReason = "A cache matters once load grows; many services never need one, so it weighs one point.",
    Severity = Severity.Low,
    Title = "Cache",
    LooksFor = "A cache the application uses: Redis, Memcached, Valkey; a cache in the process only (IMemoryCache, Caffeine, Ehcache, ristretto, go-cache) earns half." + ProductFacilities.WhichPartLooksFor,
    WhyItMatters = "Without a cache every request pays for the same expensive query or call, and the database is the first thing to give way under load.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class CacheAnalyzer : IAnalyzer
{
    public const string InProcess = "in-process";

    private const string RemediationText = "Put a cache (Redis or Valkey) in front of expensive, frequently repeated reads.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (FrontEndParts.NotJudged(context) is { } frontEnd)
            return [frontEnd];

        var (found, evidence) = ProductFacilities.Of(context, FactKeys.Cache);
        // A cache inside the process saves repeated work but is cold on every instance and gone on every restart.
        if (found.Count > 0 && found.All(c => c == InProcess))
            return [context.Partial(0.5, "The application caches in its own memory only: each instance keeps its own copy, cold after a restart.", "Share the cache between instances with Redis or Valkey where several instances run.", evidence)];
        if (found.Count > 0)
            return [context.Pass($"The application caches with {string.Join(", ", found)}.", evidence)];
        return [context.Fail("The application has no cache: every read goes to the database or the upstream service.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context) =>
        context.Stack.Ecosystem switch
        {
            "node" => $"{context.Stack.AddPackage(node: "ioredis")}, then cache expensive reads with redis.set(key, value, 'EX', 300) keyed by their inputs",
            "dotnet" => $"{context.Stack.AddPackage(dotnet: "Microsoft.Extensions.Caching.StackExchangeRedis")}, then builder.Services.AddStackExchangeRedisCache(o => o.Configuration = builder.Configuration.GetConnectionString(\"Redis\")); and IDistributedCache (or HybridCache) around expensive reads",
            "python" => $"{context.Stack.AddPackage(python: "redis")}, then cache expensive reads with redis.Redis.from_url(os.environ[\"REDIS_URL\"]).set(key, value, ex=300)",
            "go" => $"{context.Stack.AddPackage(go: "github.com/redis/go-redis/v9")}, then cache expensive reads with rdb.Set(ctx, key, value, 5*time.Minute)",
            "ruby" => $"{context.Stack.AddPackage(ruby: "redis")}, then config.cache_store = :redis_cache_store, {{ url: ENV[\"REDIS_URL\"] }} and Rails.cache.fetch around expensive reads",
            "java" => $"{context.Stack.AddPackage(java: "org.springframework.boot:spring-boot-starter-data-redis")}, then @EnableCaching and @Cacheable on expensive reads",
            _ => RemediationText,
        };
}
