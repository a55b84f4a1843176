using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InfraTrend.Analyzers;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Planning;
using InfraTrend.Scoring;

namespace InfraTrend.Auditing;

/// <summary>A part's own category scores: its per-part findings together with the repository-wide ones.</summary>
public sealed record PartScores(PartFacts Part, IReadOnlyList<CategoryScore> Categories);

/// <summary>Everything derived from facts: analyzer results, scores, maturity and plan. Needs no repository, so a stored run can be rescored.</summary>
public sealed record Evaluation(
    IReadOnlyList<AnalyzerResult> Results,
    ScoreCard ScoreCard,
    IReadOnlyList<RemediationTask> Tasks,
    IReadOnlyList<PartScores> Parts,
    string RulesetVersion)
{
    /// <summary>Bumped by hand when an analyzer's logic changes without its metadata changing.</summary>
    public const int RulesRevision = 3;

    public IEnumerable<ScopedFinding> Findings => Results.SelectMany(r => r.Findings);

    /// <summary>The weights the scores were computed with, so a report can show them beside the scores.</summary>
    public ScoringOptions Options { get; init; } = ScoringOptions.Default;

    /// <summary>The analyzers turned off when it was evaluated (none for a stored run read back).</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>();

    /// <summary>The rules it was built with: what a baseline is rescored under to compare with it.</summary>
    public ScoringRules Rules => new(Options, Disabled);

    public static Evaluation Evaluate(RepositoryFacts facts, ScoringOptions? options = null, IReadOnlySet<string>? disabled = null)
    {
        options ??= ScoringOptions.Default;
        var analyzers = AnalyzerRegistry.All.Where(a => disabled is null || !disabled.Contains(a.Id)).ToList();
        var results = new List<AnalyzerResult>();
        var partWeights = Scorer.PartWeights(facts.Parts);
        foreach (var descriptor in analyzers)
        {
            var analyzer = descriptor.Create();
            var findings = new List<ScopedFinding>();
            if (descriptor.Scope == AnalyzerScope.Part)
            {
                foreach (var part in facts.Parts)
                    findings.AddRange(analyzer.Analyze(new AnalyzerContext(part.Facts, facts.Repository, part) { Parts = facts.Parts }).Select(f => new ScopedFinding(descriptor, part.Path, f)));
            }
            else
            {
                findings.AddRange(analyzer.Analyze(new AnalyzerContext(facts.Repository, facts.Repository, null) { Parts = facts.Parts }).Select(f => new ScopedFinding(descriptor, ".", f)));
            }
            results.Add(Scorer.Result(descriptor, options.Waivers.Count == 0 ? findings : findings.Select(f => Waiver.Apply(f, options.Waivers)).ToList(), partWeights));
        }
        return FromResults(facts, results, options, RulesetVersionOf(analyzers, options)) with { Disabled = disabled ?? new HashSet<string>() };
    }

    /// <summary>Scores, plan and per-part scores from analyzer results already worked out (a stored run's, say).</summary>
    public static Evaluation FromResults(RepositoryFacts facts, IReadOnlyList<AnalyzerResult> results, ScoringOptions options, string rulesetVersion)
    {
        var scoreCard = Scorer.Score(results, options);
        var tasks = Planner.Plan(results, scoreCard.Maturity, options);
        var parts = facts.Parts
            .Select(part => new PartScores(
                part,
                Categories.All
                    .Select(c => Scorer.CategoryScoreOf(
                        c,
                        results.Select(r => Scorer.Result(r.Analyzer, r.Findings.Where(f => f.PartPath == part.Path || r.Analyzer.Scope == AnalyzerScope.Repository).ToList())).ToList(),
                        options))
                    .ToList()))
            .ToList();
        return new Evaluation(results, scoreCard, tasks, parts, rulesetVersion) { Options = options };
    }

    /// <summary>A short hash of every rule's metadata and weight, and the waivers in force: any change of rule, weight or waiver changes it.</summary>
    public static string RulesetVersionOf(IEnumerable<AnalyzerDescriptor> analyzers, ScoringOptions options)
    {
        var text = new StringBuilder().Append("rev").Append(RulesRevision).Append('\n');
        // The share a level needs decides the level as much as any weight does.
        text.Append(CultureInfo.InvariantCulture, $"level-threshold={ScoringOptions.LevelThreshold:R}\n");
        foreach (var a in analyzers.OrderBy(a => a.Id, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{a.Id}|{a.Category.Id()}|{a.Level}|{options.WeightOf(a):R}|{a.Severity}|{a.Scope}{(a.Essential ? "|essential" : "")}\n");
        foreach (var c in Categories.All)
            text.Append(CultureInfo.InvariantCulture, $"{c.Id()}={options.WeightOf(c):R}{(options.FloorOf(c) > 0 ? $"|floor{options.FloorOf(c)}" : "")}{(options.CategoryTapers.TryGetValue(c, out var t) ? $"|taper{t.From}x{t.Slope:R}" : "")}\n");
        // Waivers change scores, so they are part of the scoring configuration (none leaves the version as it was).
        foreach (var w in options.Waivers)
            text.Append("waiver ").Append(w.Describe()).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
