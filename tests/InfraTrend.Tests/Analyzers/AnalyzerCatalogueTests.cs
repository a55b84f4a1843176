using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Tests.Analyzers;

public sealed class AnalyzerCatalogueTests
{
    [Fact]
    public void Every_Analyzer_Has_A_Unique_Id_A_Level_From_1_To_5_And_A_Positive_Weight()
    {
        var all = AnalyzerRegistry.All;

        Assert.Equal(all.Count, all.Select(a => a.Id).Distinct().Count());
        Assert.All(all, a => Assert.InRange(a.Level, 1, 5));
        Assert.All(all, a => Assert.True(a.Weight > 0, $"{a.Id} has weight {a.Weight}"));
    }

    [Fact]
    public void The_Catalogue_Covers_All_Eight_Categories()
    {
        var covered = AnalyzerRegistry.All.Select(a => a.Category).Distinct().Order().ToList();

        Assert.Equal(Categories.All.Order().ToList(), covered);
        Assert.Equal(8, covered.Count);
    }

    [Fact]
    public void Every_Id_Starts_With_Its_Category_And_Every_Text_Is_A_Sentence()
    {
        Assert.All(AnalyzerRegistry.All, a =>
        {
            Assert.StartsWith(a.Category.Id() + ".", a.Id);
            foreach (var text in new[] { a.WeightReason, a.LooksFor, a.WhyItMatters, a.Remediation })
                Assert.True(text.Length > 0 && char.IsUpper(text[0]) && text.EndsWith('.'), $"{a.Id}: '{text}'");
        });
    }

    [Theory]
    [InlineData("deployment.descriptor", 2, 3, Severity.High, AnalyzerScope.Repository)]
    [InlineData("deployment.runtime-pinned", 2, 2, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.automated", 3, 3, Severity.High, AnalyzerScope.Repository)]
    [InlineData("deployment.environment-parity", 3, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.health-check", 3, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.resource-limits", 4, 2, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("deployment.infrastructure-as-code", 5, 2, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.dockerfile-non-root", 4, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.dockerfile-pinned-base", 3, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.dockerfile-healthcheck", 4, 0.5, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("deployment.dockerfile-multi-stage", 4, 0.5, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("deployment.k8s-resource-limits", 4, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.k8s-probes", 3, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("deployment.k8s-security-context", 4, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("ci.pipeline", 2, 3, Severity.High, AnalyzerScope.Repository)]
    [InlineData("ci.builds", 2, 2, Severity.High, AnalyzerScope.Repository)]
    [InlineData("ci.tests", 3, 3, Severity.High, AnalyzerScope.Repository)]
    [InlineData("ci.deploy-gated", 3, 2, Severity.High, AnalyzerScope.Repository)]
    [InlineData("ci.lint-or-typecheck", 3, 2, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("ci.dependency-audit", 3, 2.5, Severity.High, AnalyzerScope.Repository)]
    [InlineData("ci.dependency-updates", 4, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("ci.actions-pinned", 4, 0.5, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("ci.workflow-permissions", 4, 0.5, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("ci.timeouts", 4, 0.25, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("ci.integration-tests", 3, 2, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("ci.delivers", 3, 2, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("monitoring.health-endpoint", 3, 4, Severity.High, AnalyzerScope.Part)]
    [InlineData("monitoring.logging", 2, 4, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("monitoring.error-tracking", 4, 4, Severity.High, AnalyzerScope.Part)]
    [InlineData("monitoring.tracing", 4, 2, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("monitoring.metrics", 4, 2, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("monitoring.structured-logging", 4, 1, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("monitoring.alerting", 4, 1, Severity.High, AnalyzerScope.Repository)]
    [InlineData("security.no-committed-secrets", 2, 2, Severity.Critical, AnalyzerScope.Repository)]
    [InlineData("security.env-config", 2, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("security.authentication", 3, 2, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("security.https", 3, 1, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("security.headers", 4, 2, Severity.High, AnalyzerScope.Part)]
    [InlineData("security.rate-limiting", 4, 2, Severity.High, AnalyzerScope.Part)]
    [InlineData("security.cors", 4, 1, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("security.scanning-in-ci", 4, 2, Severity.High, AnalyzerScope.Repository)]
    [InlineData("security.dependency-updates", 4, 2, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("security.policy", 5, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("database.migrations", 3, 3, Severity.High, AnalyzerScope.Part)]
    [InlineData("database.migrations-applied", 3, 1, Severity.High, AnalyzerScope.Part)]
    [InlineData("database.backups", 4, 1, Severity.High, AnalyzerScope.Part)]
    [InlineData("database.seed", 3, 0.5, Severity.Low, AnalyzerScope.Part)]
    [InlineData("database.migration-check", 4, 0.5, Severity.Medium, AnalyzerScope.Part)]
    [InlineData("operations.readme", 1, 2, Severity.High, AnalyzerScope.Repository)]
    [InlineData("operations.license", 1, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("operations.contributing", 1, 0.5, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("operations.changelog", 1, 0.5, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("operations.codeowners", 4, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("operations.deployment-docs", 3, 2, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("operations.operator-docs", 4, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("operations.api-docs", 3, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("operations.runbooks", 5, 0.75, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("operations.incident-response", 5, 0.75, Severity.High, AnalyzerScope.Repository)]
    [InlineData("operations.disaster-recovery", 5, 0.75, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("operations.architecture-docs", 5, 0.75, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("operations.slos", 5, 0.75, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("operations.improvement-targets", 5, 0.25, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("testing.tests-present", 3, 3, Severity.High, AnalyzerScope.Part)]
    [InlineData("testing.performance-tests", 5, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("testing.depth", 4, 3, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("testing.coverage", 4, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("testing.end-to-end", 4, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("security.supply-chain", 5, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("scaling.cache", 5, 1, Severity.Low, AnalyzerScope.Part)]
    [InlineData("scaling.background-jobs", 5, 1, Severity.Low, AnalyzerScope.Part)]
    [InlineData("scaling.object-storage", 5, 1, Severity.Low, AnalyzerScope.Part)]
    [InlineData("scaling.autoscaling", 4, 1, Severity.Low, AnalyzerScope.Repository)]
    [InlineData("scaling.horizontal", 3, 1, Severity.Medium, AnalyzerScope.Repository)]
    [InlineData("scaling.cluster-design", 4, 3, Severity.Low, AnalyzerScope.Repository)]
    public void The_Catalogue_Registers_Each_Rule_With_Its_Level_Weight_Severity_And_Scope(string id, int level, double weight, Severity severity, AnalyzerScope scope)
    {
        var analyzer = AnalyzerRegistry.Find(id);

        Assert.NotNull(analyzer);
        Assert.Equal((level, weight, severity, scope), (analyzer.Level, analyzer.Weight, analyzer.Severity, analyzer.Scope));
    }

    [Fact]
    public void The_Catalogue_Has_Exactly_The_Listed_Rules()
    {
        Assert.Equal(74, AnalyzerRegistry.All.Count);
    }

    [Theory]
    [InlineData("node", "service")]
    [InlineData("node", "web")]
    [InlineData("dotnet", "worker")]
    [InlineData("unknown", "app")]
    public void On_An_Empty_Repository_Every_Analyzer_Answers_And_Every_Failure_Carries_A_Fix(string stack, string kind)
    {
        var repository = new FactTable();
        var part = AnalyzerHarness.Part(kind, path: ".");
        if (stack == "node")
            part.Facts.Node();
        if (stack == "dotnet")
            part.Facts.DotNet();

        var evaluation = Evaluation.Evaluate(new RepositoryFacts { Repository = repository, Parts = [part] });

        Assert.Equal(AnalyzerRegistry.All.Count, evaluation.Results.Count);
        Assert.All(evaluation.Findings, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Finding.Message), f.Fingerprint);
            if (f.Finding.Status is FindingStatus.Fail or FindingStatus.Partial)
                Assert.False(string.IsNullOrWhiteSpace(f.Finding.Fix), f.Fingerprint);
        });
    }
}
