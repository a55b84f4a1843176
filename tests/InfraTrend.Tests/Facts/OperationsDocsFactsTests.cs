using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>Operational documents by name and heading, and the product documentation that must not pass for them.</summary>
public class OperationsDocsFactsTests
{
    private const string Readme = """
        # Shop

        ## Getting started

        pnpm install

        ## Development

        pnpm dev

        ## Deployment

        Pushed to main, Render deploys it.
        """;

    [Fact]
    public void A_well_kept_repository_has_every_document()
    {
        var facts = Read(
            ("README.md", Readme),
            ("LICENSE", "MIT"),
            (".github/CONTRIBUTING.md", "# Contributing"),
            ("CHANGELOG.md", "# Changelog\n\n## 1.2.0\n\n- Fixed an incident with the payment webhook\n"),
            (".github/CODEOWNERS", "* @acme/team"),
            (".github/pull_request_template.md", "## What changed"),
            ("SECURITY.md", "# Security policy\n\n## Incident response\n\nEmail security@acme.test"),
            ("docs/runbooks/restart.md", "# Restart the API"),
            ("docs/incident-response.md", "# Incidents"),
            ("docs/ops/backups.md", "# Backups\n\n## Restoring from a backup\n"),
            ("docs/adr/0001-use-postgres.md", "# Use Postgres"),
            ("docs/troubleshooting.md", "# Troubleshooting"),
            ("docs/openapi.yaml", "openapi: 3.1.0\ninfo:\n  title: Shop\n"));

        Assert.True(facts.Bool(FactKeys.Readme));
        Assert.Equal(["deploy", "install", "run"], facts.List(FactKeys.ReadmeSections));
        Assert.Equal(["README.md:3"], facts.Where(FactKeys.ReadmeSections, "install"));
        Assert.Equal(["LICENSE"], facts.Where(FactKeys.License));
        Assert.Equal([".github/CONTRIBUTING.md"], facts.Where(FactKeys.Contributing));
        Assert.Equal(["CHANGELOG.md"], facts.Where(FactKeys.Changelog));
        Assert.Equal([".github/CODEOWNERS"], facts.Where(FactKeys.Codeowners));
        Assert.Equal([".github/pull_request_template.md"], facts.Where(FactKeys.PrTemplate));
        Assert.Equal(["SECURITY.md"], facts.Where(FactKeys.SecurityPolicy));
        Assert.Equal(["docs/ops/backups.md", "docs/runbooks/restart.md"], facts.Where(FactKeys.Runbooks));
        // Neither the changelog's nor the security policy's "incident" is an incident response document.
        Assert.Equal(["docs/incident-response.md"], facts.Where(FactKeys.IncidentResponse));
        Assert.Equal(["docs/ops/backups.md"], facts.Where(FactKeys.DisasterRecovery));
        Assert.Equal(["docs/adr/0001-use-postgres.md"], facts.Where(FactKeys.ArchitectureDocs));
        Assert.Equal(["docs/troubleshooting.md"], facts.Where(FactKeys.Troubleshooting));
        Assert.Equal(["openapi"], facts.List(FactKeys.ApiDocs));
        Assert.Equal(["docs/openapi.yaml:1"], facts.Where(FactKeys.ApiDocs, "openapi"));
    }

    [Fact]
    public void A_products_docs_site_about_its_own_incidents_and_recovery_codes_is_no_operational_document()
    {
        var pages = Enumerable.Range(1, 60).Select(i => ($"website/docs/features/page-{i}.md", $"# Feature {i}\n\n## Supported architectures\n\namd64, arm64\n")).ToList();
        pages.Add(("website/docs/features/incidents.md", "# Incidents\n\nOpen an incident from the dashboard.\n"));
        pages.Add(("website/docs/account/recovery-codes.md", "# Recovery codes\n\n## Restore access\n"));
        pages.Add(("website/docs/guides/oncall-schedules.md", "# Schedules\n"));
        pages.Add((".agents/plans/refactor.md", "# Plan\n\n## Architecture\n"));

        var facts = Read([.. pages]);

        Assert.False(facts.Bool(FactKeys.IncidentResponse));
        Assert.False(facts.Bool(FactKeys.DisasterRecovery));
        Assert.False(facts.Bool(FactKeys.ArchitectureDocs));
    }

    [Theory]
    [InlineData(".github/PULL_REQUEST_TEMPLATE/feature.md")]
    [InlineData(".gitlab/merge_request_templates/Default.md")]
    [InlineData("docs/pull_request_template.md")]
    public void Pull_and_merge_request_templates_are_found_where_the_forges_read_them(string path)
    {
        var facts = Read((path, "## Checklist"));

        Assert.Equal([path], facts.Where(FactKeys.PrTemplate));
    }

    [Fact]
    public void Headings_name_documents_inside_a_larger_guide()
    {
        var facts = Read(("docs/operations-handbook.md", "# Handbook\n\n## Incident response\n\nPage the on-call.\n\n## Disaster recovery\n\nRestore the nightly snapshot.\n\n## Architecture\n"));

        Assert.Equal(["docs/operations-handbook.md:3"], facts.Where(FactKeys.IncidentResponse));
        Assert.Equal(["docs/operations-handbook.md:7"], facts.Where(FactKeys.DisasterRecovery));
        Assert.Equal(["docs/operations-handbook.md:11"], facts.Where(FactKeys.ArchitectureDocs));
    }

    [Theory]
    [InlineData("docs/swagger/collections.yaml", "openapi: 3.0.0\ninfo:\n  title: listmonk\n", "openapi", "docs/swagger/collections.yaml:1")]
    [InlineData("requirements.txt", "fastapi[standard]==0.115.0\nsqlmodel\n", "openapi", "requirements.txt:1")]
    [InlineData("schema.graphql", "type Query { me: User }\n", "graphql-schema", "schema.graphql:1")]
    public void Api_descriptions_are_read_from_documents_by_name_or_folder_and_from_generators(string path, string text, string id, string evidence)
    {
        var facts = Read((path, text));

        Assert.Equal([id], facts.List(FactKeys.ApiDocs));
        Assert.Equal([evidence], facts.Where(FactKeys.ApiDocs, id));
    }
}

/// <summary>
/// READMEs and docs shaped after real services that document install, run and deployment without the headings the
/// first reading looked for: a README that points to its setup guide (rubygems.org), one whose steps are commands in a
/// list (lobsters), a docs site with installation pages and no deployment section in the README (netbox).
/// </summary>
public class DocumentationByContentTests
{
    [Fact]
    public void A_readme_that_links_its_setup_guide_says_how_to_install_and_run()
    {
        var facts = Read(
            ("README.md", "# Gem host\n\n## Contributions\n\nTo get set up, please check out the [Development Setup][].\n\n[development setup]: https://example.test/repo/blob/main/CONTRIBUTING.md#development-setup\n"),
            ("MIT-LICENSE", "MIT"));

        Assert.Equal(["install", "run"], facts.List(FactKeys.ReadmeSections));
        Assert.Equal(["MIT-LICENSE"], facts.Where(FactKeys.License));
    }

    [Fact]
    public void A_readme_whose_steps_are_commands_in_a_list_says_how_to_install_and_run()
    {
        var facts = Read(("README.md", "### Forum\n\n#### Contributing\n\n1. Clone it.\n2. Run `bin/setup` to install gems and create the database.\n3. `bin/dev` starts the server.\n"));

        Assert.Equal(["install", "run"], facts.List(FactKeys.ReadmeSections));
        Assert.Equal(["README.md:6"], facts.Where(FactKeys.ReadmeSections, "install"));
    }

    [Fact]
    public void Installation_pages_in_a_docs_folder_document_the_deployment_and_the_install_pages_come_first()
    {
        var facts = Read(
            ("README.md", "# Inventory\n\nA source of truth for networks.\n"),
            ("docs/administration/a-replicating.md", "# Replicating"),
            ("docs/administration/b-permissions.md", "# Permissions"),
            ("docs/administration/c-housekeeping.md", "# Housekeeping"),
            ("docs/administration/d-logging.md", "# Logging"),
            ("docs/administration/e-plugins.md", "# Plugins"),
            ("docs/installation/index.md", "# Installation"),
            ("docs/installation/upgrading.md", "# Upgrading"),
            ("docs/features/devices.md", "# Devices"),
            ("docs/release-notes/version-4.0.md", "# v4.0 installation changes"));

        // Five at most, the installation pages among them.
        Assert.Equal(["docs/administration/a-replicating.md", "docs/administration/b-permissions.md", "docs/administration/c-housekeeping.md", "docs/installation/index.md", "docs/installation/upgrading.md"], facts.List(FactKeys.DeploymentDocs));
        Assert.DoesNotContain("deploy", facts.List(FactKeys.ReadmeSections));
        var finding = InfraTrend.Tests.Analyzers.AnalyzerHarness.OnRepository("operations.deployment-docs", facts);
        Assert.Equal(InfraTrend.Analyzers.FindingStatus.Pass, finding.Status);
        Assert.Contains(new Evidence("docs/installation/index.md", 0), finding.Evidence);
    }
}
