using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Operations cases of the second round: what auditors credit as operational readiness is the operator manual (install,
/// configure, upgrade, back up, troubleshoot), not the repository hygiene every open project has. Each fixture is written
/// by hand after the real repositories named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesOperations2Tests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    [Fact]
    public void A_docs_site_nested_in_the_repository_with_numbered_sections_is_operator_documentation()
    {
        // woodpecker-ci/woodpecker (docs/docs/30-administration/05-installation/...), umputun/remark42
        // (site/content/docs/backup/, configuration/, getting-started/installation/) and homarr-labs/homarr
        // (apps/docs/docs/management/backup.mdx): the auditors credit the admin docs the tool could not see.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Comments\n\nSelf-hosted comment engine. See the docs site.\n")
            .Write("site/content/docs/getting-started/installation/index.md", "# Installation\n\nRun the container with a volume.\n")
            .Write("site/content/docs/configuration/parameters/index.md", "# Parameters\n\nEvery setting and its variable.\n")
            .Write("site/content/docs/backup/restore/index.md", "# Restore\n\nStop the server, then load the archive.\n")
            .Write("docs/docs/30-administration/10-upgrading.md", "# Upgrading\n\nRead the notes for each major version.\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(["admin", "backup", "configuration", "install", "upgrade"], facts.Repository.List(FactKeys.OperatorDocTopics).Order());
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "operations.operator-docs").Status);
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "operations.deployment-docs").Status);
    }

    [Fact]
    public void Hygiene_files_and_a_readme_deployment_section_are_no_operator_manual()
    {
        // semaphoreui/semaphore, publify/publify, dradis/dradis-ce, kestra-io/kestra: README, LICENSE, CONTRIBUTING and
        // a short "Install on a server" section, nothing else; the auditors give 30-35 where the tool gave 52.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Blog\n\n## Install\n\nRun `bundle install`.\n\n## Usage\n\nRun `bin/rails server`.\n\n## Deploying to Heroku\n\nPush the repository to Heroku.\n")
            .Write("LICENSE", "MIT License\n")
            .Write("CONTRIBUTING.md", "# Contributing\n\nOpen a pull request.\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        var deployment = Rule(evaluation, "operations.deployment-docs");
        Assert.Equal((FindingStatus.Partial, 0.75), (deployment.Status, deployment.Score));
        Assert.Equal(FindingStatus.Fail, Rule(evaluation, "operations.operator-docs").Status);
        Assert.InRange(evaluation.ScoreCard.Categories.Single(c => c.Category == Category.Operations).Score!.Value, 25, 45);
    }

    [Fact]
    public void A_restructured_text_readme_has_its_underlined_sections_read()
    {
        // pretalx/pretalx, kiwitcms/Kiwi, ckan/ckan, searxng/searxng: README.rst titles are underlined, so the tool saw
        // no install or run section and gave the README half.
        using var repo = TestRepository.Create()
            .Write("README.rst", "Conference tool\n===============\n\nInstallation\n------------\n\nFollow the administrator guide.\n\nDevelopment\n-----------\n\nRun the development server.\n");

        var facts = Extract(repo);

        Assert.Contains("install", facts.Repository.List(FactKeys.ReadmeSections));
        Assert.Contains("run", facts.Repository.List(FactKeys.ReadmeSections));
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.readme").Status);
    }

    [Fact]
    public void Old_style_install_and_upgrading_files_and_a_sphinx_admin_guide_are_operator_pages()
    {
        // redmine/redmine (doc/INSTALL, doc/UPGRADING without an extension) and pretalx/pretalx
        // (doc/administrator/installation.rst, maintenance.rst).
        using var repo = TestRepository.Create()
            .Write("README.md", "# Tracker\n")
            .Write("doc/INSTALL", "Installation\n\n1. Create the database.\n")
            .Write("doc/UPGRADING", "Upgrading\n\n1. Back up the database.\n")
            .Write("doc/administrator/maintenance.rst", "Maintenance\n===========\n\nBack up the database every night.\n");

        var facts = Extract(repo);

        Assert.Equal(["admin", "install", "upgrade"], facts.Repository.List(FactKeys.OperatorDocTopics).Order());
    }

    [Fact]
    public void A_long_readme_that_is_the_operator_manual_covers_its_topics()
    {
        // Jackett/Jackett (1,500 lines: installation per system, start and stop, configuration, troubleshooting) and
        // fecgov/openFEC (an 800-line README with set-up, deployment and maintenance steps): the README is the manual.
        var filler = string.Concat(Enumerable.Range(1, 320).Select(i => $"Step {i} of the procedure.\n"));
        using var repo = TestRepository.Create()
            .Write("README.md", $"# Indexer proxy\n\n## Installation\n\n{filler}\n## Configuration\n\nSet the port.\n\n## Troubleshooting\n\nRead the log.\n");

        var facts = Extract(repo);

        Assert.Equal(["configuration", "install", "troubleshooting"], facts.Repository.List(FactKeys.OperatorDocTopics).Order());
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.operator-docs").Status);
    }

    [Fact]
    public void A_short_readme_covers_no_operator_topic()
    {
        // kestra-io/kestra, semaphoreui/semaphore: a 100-200 line README with a quick start is an introduction.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Orchestrator\n\n## Installation\n\nRun the container.\n\n## Configuration\n\nSee the website.\n\n## Troubleshooting\n\nAsk on the forum.\n");

        var facts = Extract(repo);

        Assert.Empty(facts.Repository.List(FactKeys.OperatorDocTopics));
    }

    [Fact]
    public void Articles_of_a_website_in_the_application_source_are_no_incident_or_slo_documents()
    {
        // openstatusHQ/openstatus: apps/web/src/content/pages/guides/*.mdx are the product site's articles about
        // incident communication and SLOs, not the team's own incident process or objectives.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Status pages\n")
            .Write("apps/web/src/content/pages/guides/incident-severity.mdx", "# Incident severity\n\n## Severity levels\n\nSEV1 is an outage.\n")
            .Write("apps/web/src/content/pages/guides/sla-vs-slo.mdx", "# SLA vs SLO\n\n## Service level objectives\n\nAn SLO is a target.\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.IncidentResponse));
        Assert.False(facts.Repository.Bool(FactKeys.Slos));
    }

    [Fact]
    public void A_readme_production_section_that_writes_the_procedure_out_documents_the_deployment()
    {
        // lobsters/lobsters: a "Production" section of about a hundred lines (server, hooks, database, mail), step by
        // step; the auditor credits it, where a three-line "Deploying" pointer (mhartl/sample_app_6th_ed) stays partial.
        var steps = string.Concat(Enumerable.Range(1, 35).Select(i => $"{i}. Run step {i} on the server.\n"));
        using var repo = TestRepository.Create()
            .Write("README.md", $"# Forum\n\n## Production\n\n{steps}\n## Contributing\n\nOpen an issue.\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.ReadmeDeploymentProcedure));
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.deployment-docs").Status);
    }

    [Fact]
    public void A_short_readme_deployment_section_counts_for_three_quarters()
    {
        using var repo = TestRepository.Create()
            .Write("README.md", "# Sample app\n\n## Deploying\n\nPush to Heroku, then run the migrations.\n\n## License\n\nMIT.\n");

        var facts = Extract(repo);

        var finding = Rule(Evaluation.Evaluate(facts), "operations.deployment-docs");
        Assert.False(facts.Repository.Bool(FactKeys.ReadmeDeploymentProcedure));
        Assert.Equal((FindingStatus.Partial, 0.75), (finding.Status, finding.Score));
    }
}
