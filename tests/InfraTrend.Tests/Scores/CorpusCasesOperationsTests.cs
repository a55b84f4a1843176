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
    [Fact]
    public void A_hand_written_api_reference_in_the_docs_describes_the_api()
    {
        // alphagov/signon (docs/api.md), kiwitcms/Kiwi (docs/source/api/index.rst), ckan (doc/api/index.rst): the
        // API is documented by hand, with no OpenAPI file, and the auditors credit it.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\", \"~> 8.0\"\n")
            .Write("config/routes.rb", "Rails.application.routes.draw do\n  resources :users\nend\n")
            .Write("docs/api.md", "# API\n\n## GET /user.json\n\nReturns the signed-in user.\n");

        var facts = Extract(repo);

        Assert.Equal(["reference"], facts.Repository.List(FactKeys.ApiDocs));
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.api-docs").Status);
    }

    [Fact]
    public void A_dev_docs_folder_holds_the_deployment_documentation()
    {
        // hackclub/hcb: dev-docs/production/deployment.md, and no deployment section in the README.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Bank\n\nRun `bin/dev`.\n")
            .Write("dev-docs/production/deployment.md", "# Deployment\n\nEvery merge to main ships.\n");

        var facts = Extract(repo);

        Assert.Equal(["dev-docs/production/deployment.md"], facts.Repository.List(FactKeys.DeploymentDocs));
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.deployment-docs").Status);
    }
    [Fact]
    public void Instruction_files_for_coding_agents_are_no_operational_documents()
    {
        // netbox, go-vikunja/vikunja, lukevella/rallly: AGENTS.md / CLAUDE.md with an "Architecture" section for the
        // agent; no architecture document for the team.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Polls\n")
            .Write("AGENTS.md", "# Agent guide\n\n## Architecture\n\nA Next.js app and a Postgres database.\n\n## Runbook\n\nRun `pnpm dev`.\n")
            .Write("CLAUDE.md", "# Notes\n\n## Architecture overview\n")
            .Write(".github/copilot-instructions.md", "# Instructions\n\n## Architecture\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.ArchitectureDocs));
        Assert.False(facts.Repository.Bool(FactKeys.Runbooks));
    }
}
