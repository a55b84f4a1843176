using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.timeouts",
    Category = Category.Ci,
    Level = 4,
    Weight = 0.25,
    WeightReason = "A timeout only matters when a job hangs, and then it saves hours of runner time and a blocked queue; it is one line per job, and no calibration auditor mentioned one when rating a pipeline, so it weighs a quarter point.",
    Severity = Severity.Low,
    Title = "Pipeline jobs have timeouts",
    LooksFor = "A timeout on every job of the systems that would otherwise let it run for hours: timeout-minutes on each GitHub Actions job (default 360 minutes), timeout_in_minutes on each Buildkite command step, a timeout in a Jenkinsfile (no default).",
    WhyItMatters = "A hung test or a deploy waiting on input holds a runner for six hours (GitHub) or forever (Jenkins, Buildkite), blocking the queue and hiding the failure.",
    Remediation = RemediationText)]
public sealed class TimeoutsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Give every job a timeout a little above its usual run time: timeout-minutes: 15 on each GitHub Actions job, timeout_in_minutes on Buildkite steps, options { timeout(time: 30, unit: 'MINUTES') } in a Jenkinsfile.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context) =>
        context.Repository.NullableBool(FactKeys.JobTimeouts) switch
        {
            true => [context.Pass("Every pipeline job that could run for hours has a timeout.", context.EvidenceOf(FactKeys.JobTimeouts))],
            false => [context.Fail("At least one pipeline job has no timeout: if it hangs, it holds a runner for hours.", Fix(context), context.EvidenceOf(FactKeys.JobTimeouts))],
            null => [context.NotApplicable("No pipeline job runs on a system whose default timeout is hours or none.")],
        };

    private static string Fix(AnalyzerContext context)
    {
        var systems = context.Repository.List(FactKeys.CiSystems);
        var fixes = new List<string>();
        if (systems.Contains("github-actions"))
            fixes.Add("add timeout-minutes: 15 (a little above the job's usual time) to each job of the workflows");
        if (systems.Contains("buildkite"))
            fixes.Add("add timeout_in_minutes to each Buildkite command step");
        if (systems.Contains("jenkins"))
            fixes.Add("add options { timeout(time: 30, unit: 'MINUTES') } to the Jenkinsfile's pipeline");
        return fixes.Count == 0 ? RemediationText : char.ToUpperInvariant(fixes[0][0]) + string.Join("; ", fixes)[1..] + ".";
    }
}
