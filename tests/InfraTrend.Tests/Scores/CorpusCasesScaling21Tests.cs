using InfraTrend.Analyzers;
using InfraTrend.Model;
using InfraTrend.Scoring;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// The scaling taper of the twenty-first round, built from the shape of the real repositories named in the test (rule
/// results only; none of their files are copied).
/// </summary>
public class CorpusCasesScaling21Tests
{
    private static AnalyzerResult Result(string id, double score)
    {
        var rule = new AnalyzerDescriptor(id, Category.Scaling, 5, 1, "w", Severity.Low, id, "l", "m", "r", () => throw new NotSupportedException());
        return new(rule, [new ScopedFinding(rule, ".", new Finding("repository", score >= 1 ? FindingStatus.Pass : score <= 0 ? FindingStatus.Fail : FindingStatus.Partial, score, [], "m"))], score);
    }

    /// <summary>The category score of the five one-point scaling rules (horizontal, autoscaling, jobs, cache, object storage) with these results.</summary>
    private static int? Scaling(double horizontal, double autoscaling, double jobs, double cache, double storage) =>
        Scorer.CategoryScoreOf(Category.Scaling,
            [Result("scaling.horizontal", horizontal), Result("scaling.autoscaling", autoscaling), Result("scaling.background-jobs", jobs), Result("scaling.cache", cache), Result("scaling.object-storage", storage)],
            ScoringOptions.Default).Score;

    [Fact]
    public void Scaling_components_count_half_above_60()
    {
        // dawarich (Sidekiq, Redis, S3 through Active Storage, a Docker image; run on one host with compose: auditor 45)
        // and jumpserver (Celery, Redis, S3 or Azure replay storage: auditor 40) pass every rule but autoscaling: the
        // rules see the components, the auditors scored a product that runs once. Above 60 a point counts half.
        Assert.Equal(70, Scaling(1, 0, 1, 1, 1));
        Assert.Equal(80, Scaling(1, 1, 1, 1, 1));
        // Up to 60 nothing changes: a stateless service with a queue and a cache keeps its score, and the floor stays.
        Assert.Equal(60, Scaling(1, 0, 1, 1, 0));
        Assert.Equal(40, Scaling(1, 0, 1, 0, 0));
        Assert.Equal(20, Scaling(1, 0, 0, 0, 0));
        Assert.Equal(20, Scaling(0, 0, 0, 0, 0));
    }
}
