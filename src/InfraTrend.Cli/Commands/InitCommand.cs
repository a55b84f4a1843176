using System.CommandLine;
using System.Globalization;
using System.Text;
using InfraTrend.Auditing;
using InfraTrend.Config;
using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend init`: writes a commented starter .infratrend.yml with targets drawn from a first audit.</summary>
public static class InitCommand
{
    public static readonly Command Definition = Syntax.Command(
        "init",
        "Write a commented starter .infratrend.yml (targets, weights, disabled analyzers, ignored paths) for the repository's stack.",
        [Syntax.Path()],
        [Syntax.Flag("--force", "Overwrite an existing .infratrend.yml.")],
        Run);

    public static int Run(Arguments args, Terminal terminal)
    {
        var path = Path.GetFullPath(args.Positionals.FirstOrDefault() ?? ".");
        if (!Directory.Exists(path))
        {
            terminal.Error.WriteLine($"infratrend: '{path}' does not exist or is not a directory");
            return ExitCodes.InputError;
        }
        var result = Auditor.Audit(path, new AuditOptions { Progress = terminal.Progress, ToleratesBrokenConfig = true });
        terminal.EndProgress();
        var file = Path.Combine(result.Repository.Root, InfraTrendConfig.FileName);
        if (File.Exists(file) && !args.Has("--force"))
        {
            terminal.Error.WriteLine($"infratrend: {file} exists (use --force to overwrite it)");
            return ExitCodes.InputError;
        }
        File.WriteAllText(file, Starter(result, DateOnly.FromDateTime(DateTime.UtcNow)));
        terminal.Line($"Wrote {file}");
        return ExitCodes.Success;
    }

    /// <summary>The starter file: targets a step above today's scores, everything else commented out with examples.</summary>
    public static string Starter(AuditResult result, DateOnly today)
    {
        var facts = result.Facts.Repository;
        var card = result.Evaluation.ScoreCard;
        var inv = CultureInfo.InvariantCulture;
        string Join(string key) => facts.IsSet(key) ? string.Join(", ", facts.List(key)) : "none found";
        var overall = card.Overall ?? 0;
        var level = card.Maturity.Level;
        var weakest = card.Categories
            .Where(c => c.Score is not null && ScoringDefaults.IsMain(c.Category))
            .OrderBy(c => c.Score)
            .FirstOrDefault();
        var sixMonths = today.AddMonths(6).ToString("yyyy-MM-dd", inv);
        var threeMonths = today.AddMonths(3).ToString("yyyy-MM-dd", inv);

        var sb = new StringBuilder();
        sb.Append(inv, $"# InfraTrend configuration: the improvement plan for {Path.GetFileName(result.Repository.Root)}.\n");
        sb.Append(inv, $"# Found by `infratrend init` on {today:yyyy-MM-dd}: languages {Join(FactKeys.Languages)}; frameworks {Join(FactKeys.Frameworks)};\n");
        sb.Append(inv, $"# platforms {Join(FactKeys.Platforms)}; CI {Join(FactKeys.CiSystems)}.\n");
        sb.Append(inv, $"# Scored then: overall {overall}/100, maturity {level}/5 ({card.Maturity.Name}).\n\n");
        sb.Append("# Targets: where this repository should be, and by when. `infratrend trend` draws them and forecasts\n");
        sb.Append("# when each will be reached at the current pace.\n");
        sb.Append("targets:\n");
        sb.Append(inv, $"  overall: {{ score: {Math.Min(100, overall + 10)}, by: {sixMonths} }}\n");
        sb.Append(inv, $"  maturity: {{ level: {Math.Min(5, level + 1)}, by: {sixMonths} }}\n");
        if (weakest is not null)
        {
            sb.Append("  categories:\n");
            // Name it: the reader sees which category and why this one (the supporting ones may score lower but weigh less).
            var main = card.Categories.Count(c => c.Score is not null && ScoringDefaults.IsMain(c.Category));
            sb.Append(inv, $"    {weakest.Category.Id()}: {{ score: {Math.Min(100, weakest.Score!.Value + 20)}, by: {threeMonths} }}   # {weakest.Category.DisplayName()}, {weakest.Score}/100 today: the weakest of the {main} main categories scored\n");
        }
        sb.Append("\n# Weights: how much a category counts in the overall score, or an analyzer in its category.\n");
        sb.Append("# weights:\n#   categories:\n#     scaling: 0.1\n#   analyzers:\n#     deployment.resource-limits: 1\n\n");
        sb.Append("# Analyzers that do not apply to this repository (ids from `infratrend rules`).\n");
        var suggestion = facts.List(FactKeys.ObjectStorage).Count == 0 ? "scaling.object-storage" : "testing.performance-tests";
        sb.Append(inv, $"# disabled:\n#   - {suggestion}\n\n");
        sb.Append("# Paths the audit leaves out, in .gitignore syntax.\n");
        var examples = result.Facts.Repository.EvidenceOf(FactKeys.Languages).Any(e => e.Path.StartsWith("examples/", StringComparison.Ordinal));
        sb.Append(examples ? "ignore:\n  - examples/\n\n" : "# ignore:\n#   - examples/\n\n");
        sb.Append("# Waivers: a rule disputed for some paths, with the reason. Its findings there are still reported, marked\n");
        sb.Append("# \"waived: <reason>\", but leave the scores and open no task; after `until` (optional) the waiver lapses.\n");
        sb.Append("# waivers:\n#   - rule: security.no-committed-secrets\n#     paths: [\"ci/**\"]\n#     reason: \"CI service-container passwords, never used outside the pipeline\"\n#     until: ");
        sb.Append(inv, $"{sixMonths}\n\n");
        sb.Append("# How many days of runs the forecast's trend line is fitted to.\n# forecast:\n#   days: 90\n");
        return sb.ToString();
    }
}

/// <summary>The five categories that carry full weight by default (the others support them).</summary>
internal static class ScoringDefaults
{
    public static bool IsMain(Category category) => Scoring.ScoringOptions.DefaultCategoryWeights[category] >= 1.0;
}
