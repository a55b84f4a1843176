using InfraTrend.Analyzers;
using InfraTrend.Model;

namespace InfraTrend.Scoring;

/// <summary>A finding with where it came from: the analyzer, the part ("." for the repository) and its fingerprint.</summary>
public sealed record ScopedFinding(AnalyzerDescriptor Analyzer, string PartPath, Finding Finding)
{
    /// <summary>The user's waiver covering the finding: it is then shown but scored and planned like a not-applicable one.</summary>
    public Waiver? Waiver { get; init; }

    /// <summary>`analyzerId|partPath|subject`: stable across audits and edits, never a line number.</summary>
    public string Fingerprint => $"{Analyzer.Id}|{PartPath}|{Finding.Subject}";
}

/// <summary>One analyzer's findings and its result: the mean of its applicable findings (per part, then over parts), null when nothing applied.</summary>
public sealed record AnalyzerResult(AnalyzerDescriptor Analyzer, IReadOnlyList<ScopedFinding> Findings, double? Score);

public sealed record CategoryScore(Category Category, int? Score, string? Status);

/// <summary>One level's progress: the share of its applicable weight that passes, and its essential rules that fail (by id).</summary>
public sealed record LevelProgress(int Level, string Name, double ApplicableWeight, double PassingWeight, bool Reached, IReadOnlyList<string> EssentialFailing)
{
    public double Ratio => ApplicableWeight <= 0 ? 1 : PassingWeight / ApplicableWeight;
}

public sealed record MaturityAssessment(int Level, IReadOnlyList<LevelProgress> Levels, IReadOnlyList<ScopedFinding> BlockingNext)
{
    public string Name => MaturityLevels.Name(Level);
}

public sealed record ScoreCard(IReadOnlyList<CategoryScore> Categories, int? Overall, MaturityAssessment Maturity)
{
    public CategoryScore Category(Category category) => Categories.First(c => c.Category == category);
}

public static class MaturityLevels
{
    public static string Name(int level) =>
        level switch
        {
            1 => "Initial",
            2 => "Managed",
            3 => "Defined",
            4 => "Quantitatively Managed",
            5 => "Optimizing",
            _ => "Unknown",
        };

    /// <summary>Category status from its score (design.md, "Scores and maturity").</summary>
    public static string Status(int score) =>
        score switch
        {
            >= 90 => "excellent",
            >= 75 => "good",
            >= 60 => "basic",
            >= 40 => "limited",
            _ => "missing",
        };
}
