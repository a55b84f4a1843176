using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Security cases of the sixth calibration round, each rebuilt by hand after the real repositories named in the test
/// (none of their files are copied).
/// </summary>
public class CorpusCasesSecurity2Tests
{
    private static AnalyzerDescriptor Rule(string id, double weight) =>
        new(id, Category.Security, 4, weight, "w", Severity.Medium, id, "l", "m", "r", () => throw new NotSupportedException());

    private static AnalyzerResult Result(AnalyzerDescriptor rule, double score) =>
        new(rule, [new ScopedFinding(rule, ".", new Finding("repository", score >= 1 ? FindingStatus.Pass : score <= 0 ? FindingStatus.Fail : FindingStatus.Partial, score, [], "m"))], score);

    private static int? Security(params (double Weight, double Score)[] rules) =>
        Scorer.CategoryScoreOf(Category.Security, rules.Select((r, i) => Result(Rule($"security.r{i}", r.Weight), r.Score)).ToList(), ScoringOptions.Default).Score;

    [Fact]
    public void Passing_every_security_rule_scores_good_not_perfect()
    {
        // lobsters (Rack::Attack, nonce CSP, HSTS, SECURITY.md, Brakeman, Dependabot: every rule passed, auditor 72),
        // openstreetmap-website (every rule but an open CORS, 78) and hcb (CSP commented out, 75): the rules see which
        // controls are in place, the auditors scored what they leave open. Above 60 a point counts 60%.
        Assert.Equal(84, Security((2, 1), (2, 1), (1, 1)));
        Assert.Equal(72, Security((1, 1), (1, 0.6)));
        // Up to 60 nothing changes: a repository with half its controls keeps its score.
        Assert.Equal(60, Security((3, 1), (2, 0)));
        Assert.Equal(25, Security((1, 1), (3, 0)));
        Assert.Equal(0, Security((1, 0)));
    }

    [Fact]
    public void Other_categories_are_not_tapered()
    {
        var ci = new AnalyzerDescriptor("ci.r", Category.Ci, 2, 1, "w", Severity.Medium, "ci.r", "l", "m", "r", () => throw new NotSupportedException());
        Assert.Equal(100, Scorer.CategoryScoreOf(Category.Ci, [Result(ci, 1)], ScoringOptions.Default).Score);
    }

    private static int? Operations(params (double Weight, double Score)[] rules) =>
        Scorer.CategoryScoreOf(Category.Operations, rules.Select((r, i) => Result(Rule($"operations.r{i}", r.Weight) with { Category = Category.Operations }, r.Score)).ToList(), ScoringOptions.Default).Score;

    [Fact]
    public void Operations_documents_count_less_above_the_basics()
    {
        // pingvin-share (a README with a Docker quick-start, a licence, a contributing guide, API docs: auditor 30) and
        // readthedocs.org (every document but incident response and SLOs: auditor 45): the rules see that documents
        // exist, the later auditors scored whether an operator could run the service from them. Above 20 a point counts 80%.
        Assert.Equal(60, Operations((3, 1), (1, 0.5), (1, 0)));
        Assert.Equal(84, Operations((1, 1)));
        // A README and little else keeps its score.
        Assert.Equal(20, Operations((1, 1), (4, 0)));
        Assert.Equal(0, Operations((1, 0)));
    }

    private const string Gemfile = "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.1\"\n";
    private const string Routes = "Rails.application.routes.draw do\n  resources :issues\nend\n";

    [Fact]
    public void A_dependency_audit_in_the_pipeline_earns_half_of_security_scanning()
    {
        // redmine (bundle-audit in its GitHub workflow) and codebar/planner (bundle audit in CI): auditors list the
        // audit among the security controls; without any scanner the rule failed. A code scanner still passes in full.
        using var audited = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write("config/routes.rb", Routes)
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: gem install bundler-audit\n      - run: bundle-audit check --update\n");
        using var scanned = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write("config/routes.rb", Routes)
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: bundle exec brakeman --no-pager\n");
        using var none = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write("config/routes.rb", Routes)
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: bundle exec rails test\n");

        var audit = Finding(Evaluation.Evaluate(Extract(audited)), "security.scanning-in-ci").Finding;
        Assert.Equal(FindingStatus.Partial, audit.Status);
        Assert.Equal(0.5, audit.Score);
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(scanned)), "security.scanning-in-ci").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(none)), "security.scanning-in-ci").Finding.Status);
    }
}
