using InfraTrend.Analyzers;
using InfraTrend.Config;
using InfraTrend.Facts;
using InfraTrend.Scoring;

namespace InfraTrend.Auditing;

/// <summary>
/// The rules an evaluation is scored under: the weights and waivers in force (<see cref="ScoringOptions"/>) and the
/// analyzers turned off. The one place facts are scored again under today's rules: the regression baseline, `compare
/// --current-rules` and `history rescore` all go through <see cref="Rescore"/> or <see cref="Evaluate"/>.
/// </summary>
public sealed record ScoringRules(ScoringOptions Options, IReadOnlySet<string> Disabled)
{
    public static ScoringRules Default { get; } = new(ScoringOptions.Default, new HashSet<string>());

    /// <summary>The rules of a configuration on <paramref name="today"/> (by default today, UTC): a lapsed waiver is left out.</summary>
    public static ScoringRules Of(InfraTrendConfig config, DateOnly? today = null) => new(config.Scoring(today), config.Disabled);

    /// <summary>The analyzers that run under these rules.</summary>
    public IEnumerable<AnalyzerDescriptor> Analyzers => AnalyzerRegistry.All.Where(a => !Disabled.Contains(a.Id));

    /// <summary>The ruleset version an evaluation under these rules carries (<see cref="Evaluation.RulesetVersionOf"/>).</summary>
    public string Version => Evaluation.RulesetVersionOf(Analyzers, Options);

    public Evaluation Evaluate(RepositoryFacts facts) => Evaluation.Evaluate(facts, Options, Disabled);

    /// <summary>
    /// A recorded audit as it scores under these rules: as stored when it was scored under them already (a ruleset
    /// version names every rule, weight and waiver), else its stored facts scored again.
    /// </summary>
    public AuditResult Rescore(AuditResult recorded) =>
        recorded.Evaluation.RulesetVersion == Version ? recorded : recorded with { Evaluation = Evaluate(recorded.Facts) };
}
