using InfraTrend.Facts;

namespace InfraTrend.Analyzers;

/// <summary>What an analyzer reads: the facts it judges (a part's or the repository's) and the stack its fix is written for.</summary>
public sealed class AnalyzerContext(FactTable facts, FactTable repository, PartFacts? part)
{
    /// <summary>The part's facts for a per-part analyzer, else the repository's.</summary>
    public FactTable Facts { get; } = facts;
    public FactTable Repository { get; } = repository;
    public PartFacts? Part { get; } = part;

    /// <summary>Every part of the repository, for a rule that judges a part by what stands beside it.</summary>
    public IReadOnlyList<PartFacts> Parts { get; init; } = [];
    public StackProfile Stack { get; } = StackProfile.From(facts, repository);

    /// <summary>Whether a pipeline of any CI system the audit reads is defined in the repository.</summary>
    public bool HasPipeline => Repository.List(FactKeys.CiSystems).Count > 0;

    /// <summary>The subject of a finding about the whole scope.</summary>
    public string Subject => Part is null ? "repository" : "part";

    public Finding Pass(string message, IEnumerable<Evidence>? evidence = null) =>
        new(Subject, FindingStatus.Pass, 1, Sorted(evidence), message);

    public Finding Fail(string message, string? fix, IEnumerable<Evidence>? evidence = null) =>
        new(Subject, FindingStatus.Fail, 0, Sorted(evidence), message, fix);

    public Finding Partial(double score, string message, string? fix, IEnumerable<Evidence>? evidence = null) =>
        new(Subject, FindingStatus.Partial, Math.Clamp(score, 0, 1), Sorted(evidence), message, fix);

    public Finding NotApplicable(string message) =>
        new(Subject, FindingStatus.NotApplicable, 0, [], message);

    /// <summary>
    /// The evidence of several facts together, for a finding that rests on them all. A part-scoped key is
    /// read from <see cref="Facts"/> only: the repository's copy merges every part's evidence.
    /// </summary>
    public IReadOnlyList<Evidence> EvidenceOf(params string[] keys) =>
        keys.SelectMany(k => FactKeys.Get(k).Scope == FactScope.Part ? Facts.EvidenceOf(k) : Repository.EvidenceOf(k)).Distinct().Order().ToList();

    private static IReadOnlyList<Evidence> Sorted(IEnumerable<Evidence>? evidence) =>
        evidence is null ? [] : evidence.Distinct().Order().Take(FactTable.EvidenceLimit).ToList();
}
