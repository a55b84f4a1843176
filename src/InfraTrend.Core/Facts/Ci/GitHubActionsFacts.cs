using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Ci;

/// <summary>
/// GitHub Actions workflows parsed with YamlDotNet into jobs and steps: what each step runs (following package
/// scripts), the runtimes its setup steps pin, whether third-party actions are pinned by SHA, and permissions.
/// </summary>
public sealed partial class GitHubActionsFacts : IFactSource
{
    [GeneratedRegex(@"^[0-9a-f]{40}$")]
    private static partial Regex FullSha();

    private static readonly (string Action, string Input, string Runtime)[] SetupActions =
    [
        ("actions/setup-node", "node-version", "node"),
        ("actions/setup-dotnet", "dotnet-version", "dotnet"),
        ("actions/setup-python", "python-version", "python"),
        ("actions/setup-go", "go-version", "go"),
        ("ruby/setup-ruby", "ruby-version", "ruby"),
        ("actions/setup-java", "java-version", "java"),
        ("oven-sh/setup-bun", "bun-version", "bun"),
        ("denoland/setup-deno", "deno-version", "deno"),
        ("shivammathur/setup-php", "php-version", "php"),
    ];

    public void Collect(FactContext context)
    {
        var workflows = context.Snapshot.Files
            .Where(f => f.Path.StartsWith(".github/workflows/", StringComparison.Ordinal) && (f.Path.EndsWith(".yml", StringComparison.Ordinal) || f.Path.EndsWith(".yaml", StringComparison.Ordinal)))
            .ToList();
        if (workflows.Count == 0)
            return;

        var scripts = ScriptIndex.Of(context);
        var thirdParty = 0;
        var pinned = 0;
        foreach (var file in workflows)
        {
            var root = YamlDocuments.Root(context, file.Path);
            var fileEvidence = new Evidence(file.Path, 0);
            context.Add(FactKeys.CiSystems, "github-actions", fileEvidence);
            context.Count(FactKeys.WorkflowFiles, 1, fileEvidence);
            if (root is null)
                continue;

            var jobs = root.Get("jobs").Entries().ToList();
            var everyJobHasPermissions = jobs.Count > 0 && jobs.All(j => j.Value.Get("permissions") is not null);
            var permissionsSet = root.Get("permissions") is not null || everyJobHasPermissions;
            context.Flag(FactKeys.WorkflowPermissionsSet, new Evidence(file.Path, root.Get("permissions")?.Line() ?? 0), permissionsSet);

            var testJobs = new HashSet<string>(StringComparer.Ordinal);
            var deploySteps = new List<(string Job, bool TestedBefore, Evidence Evidence)>();
            foreach (var (jobName, job) in jobs)
            {
                var testedSoFar = false;
                // A job that calls a reusable workflow: `uses:` at job level.
                if (job.Scalar("uses") is { } reusable)
                    CountAction(reusable, ref thirdParty, ref pinned);

                var matrix = job.Get("strategy").Get("matrix");
                foreach (var step in job.Get("steps").Items())
                {
                    var evidence = new Evidence(file.Path, step.Line());
                    var activities = CommandActivities.None;
                    if (step.Scalar("run") is { } run)
                        activities = CommandClassifier.Classify(run, scripts);
                    if (step.Scalar("uses") is { } uses)
                    {
                        CountAction(uses, ref thirdParty, ref pinned);
                        var with = step.Get("with");
                        var inputs = string.Join('\n', with.Entries().Select(e => $"{e.Key}: {e.Value.Scalar()}"));
                        activities = activities.Or(CommandClassifier.Action(uses, inputs));
                        SetupStep(context, uses, with, matrix, evidence);
                    }
                    PipelineRecorder.Record(context, activities, evidence);
                    if (activities.Deploy)
                        deploySteps.Add((jobName, testedSoFar, evidence));
                    testedSoFar |= activities.Test;
                }
                if (testedSoFar)
                    testJobs.Add(jobName);
            }

            // A deploy is gated when its own job ran the tests before it, or when it needs (directly or not) a job that does.
            var needs = jobs.ToDictionary(j => j.Key, j => Needs(j.Value), StringComparer.Ordinal);
            foreach (var (job, testedBefore, evidence) in deploySteps)
                context.Flag(FactKeys.DeployGated, evidence, testedBefore || Upstream(job, needs).Any(testJobs.Contains));
        }

        context.SetText(
            FactKeys.ActionsPinnedBySha,
            thirdParty == 0 ? null : pinned == thirdParty ? "all" : pinned == 0 ? "none" : "some",
            new Evidence(workflows[0].Path, 0));
    }

    private static IReadOnlyList<string> Needs(YamlNode job) =>
        job.Get("needs") switch
        {
            YamlScalarNode one when one.Value is not null => [one.Value],
            YamlSequenceNode many => many.Children.Select(c => c.Scalar()).OfType<string>().ToList(),
            _ => [],
        };

    private static IEnumerable<string> Upstream(string job, IReadOnlyDictionary<string, IReadOnlyList<string>> needs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(needs.GetValueOrDefault(job) ?? []);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (!seen.Add(next))
                continue;
            foreach (var n in needs.GetValueOrDefault(next) ?? [])
                queue.Enqueue(n);
        }
        return seen;
    }

    private static void CountAction(string uses, ref int thirdParty, ref int pinned)
    {
        if (uses.StartsWith("./", StringComparison.Ordinal) || uses.StartsWith("docker://", StringComparison.Ordinal))
            return;
        var owner = uses.Split('/')[0].ToLowerInvariant();
        if (owner is "actions" or "github")
            return;
        thirdParty++;
        var at = uses.LastIndexOf('@');
        if (at > 0 && FullSha().IsMatch(uses[(at + 1)..]))
            pinned++;
    }

    private static void SetupStep(FactContext context, string uses, YamlNode? with, YamlNode? matrix, Evidence evidence)
    {
        var action = uses.Split('@')[0].ToLowerInvariant();
        foreach (var (name, input, runtime) in SetupActions)
        {
            if (action != name || with.Scalar(input) is not { } version)
                continue;
            foreach (var resolved in ResolveMatrix(version, matrix))
                context.RuntimeSource(runtime, resolved, evidence, "ci");
        }
        if (action == "pnpm/action-setup" && with.Scalar("version") is { } pnpm)
            context.SetEntry(FactKeys.PackageManagers, "pnpm", Versions.Normalize(pnpm), evidence);
    }

    /// <summary>`${{ matrix.node }}` becomes each value the matrix lists for it; a plain version stays itself.</summary>
    private static IEnumerable<string> ResolveMatrix(string value, YamlNode? matrix)
    {
        var m = Regex.Match(value, @"\$\{\{\s*matrix\.([A-Za-z0-9_\-]+)\s*\}\}");
        if (!m.Success)
            return value.Contains("${{", StringComparison.Ordinal) ? [] : [value];
        var list = matrix.Get(m.Groups[1].Value);
        return list is YamlSequenceNode seq ? seq.Children.Select(c => c.Scalar()).OfType<string>() : list.Scalar() is { } one ? [one] : [];
    }
}
