using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Operations cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after
/// the real repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesOperationsTests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    [Fact]
    public void Numbered_adr_files_in_a_docs_arch_folder_are_architecture_documents()
    {
        // alphagov/signon and alphagov/publishing-api keep their decision records as docs/arch/adr-001-*.md.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Accounts\n\nSingle sign-on for the publishing apps.\n")
            .Write("docs/arch/adr-001-pass-opaque-user-ids.md", "# Decision record: pass opaque user ids\n\n## Context\n\nApps need a user id.\n\n## Decision\n\nUse an opaque id.\n");

        var facts = Extract(repo);

        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.architecture-docs").Status);
    }

    [Fact]
    public void An_architecture_heading_in_a_readme_is_no_architecture_document()
    {
        // simplcommerce/SimplCommerce (top README, "## Architecture" over a paragraph and a picture) and
        // hoppscotch/hoppscotch (packages/*/README.md with an "Architecture" section): the auditors found no
        // architecture documentation in either.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Shop\n\n## Architecture\n\nA modular monolith; each module is a project.\n\n## Getting started\n\nRun `dotnet run`.\n")
            .Write("packages/agent/README.md", "# Agent\n\n## Architecture\n\nThe agent relays requests.\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.ArchitectureDocs));
        Assert.Equal(FindingStatus.Fail, Rule(Evaluation.Evaluate(facts), "operations.architecture-docs").Status);
    }
}
