using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Operations cases of the seventh round. Each fixture is written by hand after the real repositories named in the test
/// (none of their files are copied).
/// </summary>
public class CorpusCasesOperations7Tests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    [Fact]
    public void A_heading_about_the_latest_release_or_the_release_cadence_is_no_deployment_section()
    {
        // oqtane/oqtane.framework ("Latest Release"), flipt-io/flipt and drakkan/sftpgo ("Release Cadence"),
        // otwcode/otwarchive ("Release Status"): the heading lists versions and support windows, not where or how the
        // application is deployed, so the README has no deployment section and counts for half.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Portal\n\nA modular CMS.\n\n## Getting started\n\nRun `dotnet run`.\n\n# Latest Release\n\n10.2.4 was released in May.\n\n## Release Cadence\n\nA minor release every month.\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.DoesNotContain("deploy", facts.Repository.List(FactKeys.ReadmeSections));
        var deployment = Rule(evaluation, "operations.deployment-docs");
        Assert.Equal((FindingStatus.Partial, 0.5), (deployment.Status, deployment.Score));
    }

    [Fact]
    public void A_heading_on_how_to_release_is_still_a_deployment_section()
    {
        // The narrowing keeps "Release" and "Releasing" headings that describe shipping a version.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Service\n\n## Getting started\n\nRun `npm start`.\n\n## Release\n\nTag the commit; the pipeline ships it.\n");

        var facts = Extract(repo);

        Assert.Contains("deploy", facts.Repository.List(FactKeys.ReadmeSections));
        var deployment = Rule(Evaluation.Evaluate(facts), "operations.deployment-docs");
        Assert.Equal((FindingStatus.Partial, 0.75), (deployment.Status, deployment.Score));
    }
}
