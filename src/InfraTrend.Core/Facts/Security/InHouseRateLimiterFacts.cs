using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Security;

/// <summary>
/// A rate limiter the application writes itself: a source file named for it (middleware/ratelimit.js,
/// app/logical/rate_limiter.rb, internal/middleware/rate_limit.go, TrafficRateLimiters.cs, a gateway's
/// RateLimiterConfiguration.java). It counts for the service part that holds it; code outside every part counts for
/// the service when the repository has only one.
/// </summary>
[FactSource]
public sealed partial class InHouseRateLimiterFacts : IFactSource
{
    // The limiter itself, its middleware, filter or configuration; not the things named after a limit (RateLimitConfig of a
    // product's workflow, RateLimitExceededException, RateLimitService for outgoing calls, an email send-rate limit).
    [GeneratedRegex(@"^(?:(?![a-z]*(?:email|mail|message|notification|sms))[a-z]+[-_]?)?(?:ip[-_]?)?rate[-_]?limit(?:s|er|ers|ing)?(?:[-_]?(?:middleware|filter|configuration|plugin|guard))?\.(?:js|mjs|cjs|ts|go|rb|py|java|kt|cs|php)$", RegexOptions.IgnoreCase)]
    private static partial Regex LimiterFile();

    public void Collect(FactContext context)
    {
        var services = context.Parts.Where(p => p.Kind == "service").ToList();
        foreach (var file in context.Snapshot.Files)
        {
            if (!LimiterFile().IsMatch(file.Name) || SourceFiles.IsTest(file.Path) || Node.NodeManifests.IsVendored(file.Path) || PartDetector.IsTestOrExample(file.Directory))
                continue;
            var evidence = new Evidence(file.Path, 0);
            if (context.PartOf(file.Path) is { } part)
            {
                if (part.Kind == "service")
                    part.Facts.Flag(FactKeys.RateLimiting, evidence);
            }
            else if (services.Count == 1)
                services[0].Facts.Flag(FactKeys.RateLimiting, evidence);
        }
    }
}
