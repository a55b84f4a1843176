using InfraTrend.Model;

namespace InfraTrend.Analyzers;

/// <summary>
/// Marks one audit rule. The source generator reads these at compile time into <see cref="AnalyzerRegistry"/>
/// and rejects an analyzer whose metadata is incomplete (IT0002), whose id is taken (IT0001) or whose
/// class cannot be created (IT0003).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AnalyzerAttribute(string id) : Attribute
{
    public string Id { get; } = id;
    public Category Category { get; set; }
    /// <summary>The maturity level (1-5) this rule belongs to.</summary>
    public int Level { get; set; }
    /// <summary>Relative weight inside its category and its maturity level.</summary>
    public double Weight { get; set; }
    public string WeightReason { get; set; } = "";
    public Severity Severity { get; set; }
    public string Title { get; set; } = "";
    public string LooksFor { get; set; } = "";
    public string WhyItMatters { get; set; } = "";
    public string Remediation { get; set; } = "";
    /// <summary>Part: runs once per deployable part of a monorepo; Repository: once.</summary>
    public AnalyzerScope Scope { get; set; } = AnalyzerScope.Repository;
    /// <summary>
    /// An auditor would not grant the rule's level without it: a level is never reached while an essential rule of
    /// that level fails (scores under one half), whatever the rest passes. Only for levels 2-5 and high or critical rules (IT0004).
    /// </summary>
    public bool Essential { get; set; }
}

/// <summary>One audit rule: reads facts, returns one finding per subject.</summary>
public interface IAnalyzer
{
    IEnumerable<Finding> Analyze(AnalyzerContext context);
}

/// <summary>An analyzer's metadata, as the generator copied it from its attribute.</summary>
public sealed record AnalyzerDescriptor(
    string Id,
    Category Category,
    int Level,
    double Weight,
    string WeightReason,
    Severity Severity,
    string Title,
    string LooksFor,
    string WhyItMatters,
    string Remediation,
    Func<IAnalyzer> Create,
    AnalyzerScope Scope = AnalyzerScope.Repository,
    bool Essential = false);

public enum AnalyzerScope
{
    Repository,
    Part,
}

public static partial class AnalyzerRegistry
{
    public static AnalyzerDescriptor? Find(string id) => All.FirstOrDefault(a => a.Id == id);
}
