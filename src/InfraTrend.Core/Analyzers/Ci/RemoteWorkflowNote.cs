using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Ci;

/// <summary>
/// What a finding credits to other repositories' reusable workflows: the audit reads only this repository, so such a
/// call is judged by its name and inputs, and the finding says so.
/// </summary>
internal static class RemoteWorkflowNote
{
    /// <summary>
    /// ", by the name of another repository's reusable workflow (...), which this audit did not read" when every place in
    /// <paramref name="credited"/> is such a call; empty when any of them is a step read here.
    /// </summary>
    public static string Of(AnalyzerContext context, IReadOnlyList<Evidence> credited)
    {
        var calls = context.Repository.List(FactKeys.RemoteWorkflows)
            .Select(workflow => (Workflow: workflow, Places: context.Repository.EvidenceOf(FactKeys.RemoteWorkflows, workflow)))
            .ToList();
        if (credited.Count == 0 || !credited.All(e => calls.Any(c => c.Places.Contains(e))))
            return "";
        var named = calls.Where(c => c.Places.Any(credited.Contains)).Select(c => c.Workflow).ToList();
        var whose = named.Count == 1 ? "another repository's reusable workflow" : "other repositories' reusable workflows";
        return $", by the name of {whose} ({string.Join(", ", named)}), which this audit did not read";
    }
}
