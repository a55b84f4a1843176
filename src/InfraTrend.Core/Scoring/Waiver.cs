using System.Globalization;
using InfraTrend.Scanning;

namespace InfraTrend.Scoring;

/// <summary>
/// A rule the user disputes for some paths (`waivers` in .infratrend.yml): its findings there are shown, marked
/// waived with the reason, and left out of scores and the plan like not-applicable ones. No paths: everywhere.
/// </summary>
public sealed record Waiver(string Rule, IReadOnlyList<string> Paths, string Reason, DateOnly? Until = null)
{
    /// <summary>True when the waiver has lapsed on <paramref name="today"/> (the until date is the last day it holds).</summary>
    public bool LapsedOn(DateOnly today) => Until is { } until && until < today;

    /// <summary>
    /// Whether it covers a finding of its rule: no paths waive the rule everywhere; otherwise every piece of the
    /// finding's evidence, or the part the finding is about, must lie under the paths (.gitignore syntax, like `ignore`).
    /// </summary>
    public bool Covers(ScopedFinding finding)
    {
        if (!string.Equals(finding.Analyzer.Id, Rule, StringComparison.Ordinal))
            return false;
        if (Paths.Count == 0)
            return true;
        var rules = IgnoreRule.Parse(Paths, "").ToList();
        if (finding.PartPath != "." && IgnoreRule.IsIgnored(rules, finding.PartPath, isDirectory: true))
            return true;
        var evidence = finding.Finding.Evidence;
        return evidence.Count > 0 && evidence.All(e => IgnoreRule.IsIgnored(rules, e.Path, isDirectory: false));
    }

    /// <summary>The waiver as one line of text, for the ruleset version and the stored run.</summary>
    public string Describe() =>
        $"{Rule}|{string.Join(",", Paths)}|{Reason}|{Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The finding marked with the first waiver that covers it, or as it is.</summary>
    public static ScopedFinding Apply(ScopedFinding finding, IReadOnlyList<Waiver> waivers) =>
        waivers.FirstOrDefault(w => w.Covers(finding)) is { } waiver ? finding with { Waiver = waiver } : finding;
}
