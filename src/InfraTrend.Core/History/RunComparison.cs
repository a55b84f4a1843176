using System.Globalization;
using System.Text;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Model;
using InfraTrend.Scanning;
using InfraTrend.Scoring;

namespace InfraTrend.History;

/// <summary>A commit between the two runs: what `git log` says of it.</summary>
public sealed record CommitRef(string Sha, DateTimeOffset At, string Subject, IReadOnlyList<string> Files)
{
    public string Short => Sha[..Math.Min(7, Sha.Length)];
}

/// <summary>A score that moved: the overall one or a category's.</summary>
public sealed record ScoreChange(string Id, string Name, int? Before, int? After);

/// <summary>A maturity level whose progress moved.</summary>
public sealed record LevelChange(int Level, string Name, double BeforeRatio, double AfterRatio, bool BeforeReached, bool AfterReached);

/// <summary>One finding that changed status or score, the files it points at, and the commits between the runs that touched them.</summary>
public sealed record FindingChange(
    string Fingerprint,
    string PartPath,
    string Subject,
    FindingStatus? Before,
    FindingStatus? After,
    double? BeforeScore,
    double? AfterScore,
    string Message,
    IReadOnlyList<string> Files,
    IReadOnlyList<CommitRef> Commits);

/// <summary>An analyzer whose result moved, with the findings that moved it.</summary>
public sealed record AnalyzerChange(string AnalyzerId, string Title, Category Category, int Level, double Weight, double? Before, double? After, IReadOnlyList<FindingChange> Findings);

/// <summary>A remediation task that appeared or went away between the runs.</summary>
public sealed record TaskChange(string Id, string Title, Priority Priority);

/// <summary>Why the scores of two runs differ: by category and level, by analyzer, finding, evidence file and commit.</summary>
public sealed record RunComparison(
    AuditResult Before,
    AuditResult After,
    string? RulesNote,
    IReadOnlyList<ScoreChange> Scores,
    IReadOnlyList<LevelChange> Levels,
    IReadOnlyList<AnalyzerChange> Analyzers,
    IReadOnlyList<TaskChange> Opened,
    IReadOnlyList<TaskChange> Closed,
    IReadOnlyList<CommitRef> Commits)
{
    public int? OverallBefore => Before.Evaluation.ScoreCard.Overall;
    public int? OverallAfter => After.Evaluation.ScoreCard.Overall;
    public int LevelBefore => Before.Evaluation.ScoreCard.Maturity.Level;
    public int LevelAfter => After.Evaluation.ScoreCard.Maturity.Level;

    /// <summary>
    /// Compares two audits (stored ones put back together, or fresh). With <paramref name="repositoryRoot"/> and both
    /// commits known, `git log` between them names the commits that touched each changed finding's evidence files.
    /// </summary>
    public static RunComparison Compare(AuditResult before, AuditResult after, string? repositoryRoot = null)
    {
        var a = before.Evaluation;
        var b = after.Evaluation;
        var commits = CommitsBetween(repositoryRoot, before.Repository.Commit, after.Repository.Commit);

        var scores = new List<ScoreChange>();
        if (a.ScoreCard.Overall != b.ScoreCard.Overall)
            scores.Add(new ScoreChange("overall", "Overall", a.ScoreCard.Overall, b.ScoreCard.Overall));
        foreach (var category in Categories.All)
        {
            var x = a.ScoreCard.Categories.FirstOrDefault(c => c.Category == category)?.Score;
            var y = b.ScoreCard.Categories.FirstOrDefault(c => c.Category == category)?.Score;
            if (x != y)
                scores.Add(new ScoreChange(category.Id(), category.DisplayName(), x, y));
        }

        var levels = new List<LevelChange>();
        foreach (var y in b.ScoreCard.Maturity.Levels.Where(l => l.Level > 1))
        {
            var x = a.ScoreCard.Maturity.Levels.FirstOrDefault(l => l.Level == y.Level);
            if (x is null || x.Reached != y.Reached || Math.Abs(x.Ratio - y.Ratio) > 1e-9)
                levels.Add(new LevelChange(y.Level, y.Name, x?.Ratio ?? 0, y.Ratio, x?.Reached ?? false, y.Reached));
        }

        var beforeResults = a.Results.ToDictionary(r => r.Analyzer.Id, StringComparer.Ordinal);
        var afterResults = b.Results.ToDictionary(r => r.Analyzer.Id, StringComparer.Ordinal);
        var analyzers = new List<AnalyzerChange>();
        foreach (var id in beforeResults.Keys.Union(afterResults.Keys).Order(StringComparer.Ordinal))
        {
            var x = beforeResults.GetValueOrDefault(id);
            var y = afterResults.GetValueOrDefault(id);
            var descriptor = (y ?? x)!.Analyzer;
            var findings = FindingChanges(x, y, commits);
            if (findings.Count == 0 && Same(x?.Score, y?.Score))
                continue;
            analyzers.Add(new AnalyzerChange(id, descriptor.Title, descriptor.Category, descriptor.Level, descriptor.Weight, x?.Score, y?.Score, findings));
        }
        analyzers = analyzers
            .OrderBy(c => c.Category)
            .ThenByDescending(c => Math.Abs(((c.After ?? 0) - (c.Before ?? 0)) * c.Weight))
            .ThenBy(c => c.AnalyzerId, StringComparer.Ordinal)
            .ToList();

        var beforeTasks = a.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var afterTasks = b.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var opened = b.Tasks.Where(t => !beforeTasks.Contains(t.Id)).Select(t => new TaskChange(t.Id, t.Title, t.Priority)).ToList();
        var closed = a.Tasks.Where(t => !afterTasks.Contains(t.Id)).Select(t => new TaskChange(t.Id, t.Title, t.Priority)).ToList();

        var rulesNote = a.RulesetVersion == b.RulesetVersion
            ? null
            : $"the runs were scored under different rules (ruleset {a.RulesetVersion} and {b.RulesetVersion}): part of the change may come from the rules, not the repository";
        return new RunComparison(before, after, rulesNote, scores, levels, analyzers, opened, closed, commits);
    }

    private static List<FindingChange> FindingChanges(AnalyzerResult? before, AnalyzerResult? after, IReadOnlyList<CommitRef> commits)
    {
        var x = (before?.Findings ?? []).GroupBy(f => f.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var y = (after?.Findings ?? []).GroupBy(f => f.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var changes = new List<FindingChange>();
        foreach (var fingerprint in x.Keys.Union(y.Keys).Order(StringComparer.Ordinal))
        {
            var f = x.GetValueOrDefault(fingerprint);
            var g = y.GetValueOrDefault(fingerprint);
            if (f is not null && g is not null && f.Finding.Status == g.Finding.Status && Same(f.Finding.Score, g.Finding.Score))
                continue;
            var files = (f?.Finding.Evidence ?? []).Concat(g?.Finding.Evidence ?? []).Select(e => e.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var touching = commits.Where(c => c.Files.Any(file => files.Contains(file, StringComparer.Ordinal))).ToList();
            var scoped = (g ?? f)!;
            changes.Add(new FindingChange(
                fingerprint,
                scoped.PartPath,
                scoped.Finding.Subject,
                f?.Finding.Status,
                g?.Finding.Status,
                f?.Finding.Score,
                g?.Finding.Score,
                g is null ? "no longer reported" : g.Finding.Message,
                files,
                touching));
        }
        return changes;
    }

    private static bool Same(double? x, double? y) => x is null ? y is null : y is not null && Math.Abs(x.Value - y.Value) < 1e-9;

    /// <summary>Commits reachable from <paramref name="to"/> but not from <paramref name="from"/>, newest first, with the files each touched.</summary>
    private static IReadOnlyList<CommitRef> CommitsBetween(string? root, string? from, string? to)
    {
        if (root is null || from is null || to is null || from == to || !GitCli.IsAvailable || !Directory.Exists(root))
            return [];
        var (code, output, _) = new GitCli(root).Run("log", "--no-renames", "--name-only", "--format=%x01%H%x09%cI%x09%s", $"{from}..{to}", "--");
        if (code != 0)
            return [];
        var commits = new List<CommitRef>();
        foreach (var block in Encoding.UTF8.GetString(output).Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var head = lines[0].Split('\t', 3);
            if (head.Length < 3 || !DateTimeOffset.TryParse(head[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                continue;
            var files = lines.Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            commits.Add(new CommitRef(head[0], at, Redaction.Text(head[2]), files));
        }
        return commits;
    }
}
