using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Operations cases of the sixteenth round. Each fixture is written by hand after the real repositories named in the
/// test (none of their files are copied).
/// </summary>
public class CorpusCasesOperations16Tests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    [Fact]
    public void An_install_file_without_an_extension_documents_the_deployment()
    {
        // redmine/redmine keeps its installation and upgrade procedures in doc/INSTALL and doc/UPGRADING, plain text
        // files without an extension: the operator documentation counted them, the deployment documentation did not.
        using var repo = TestRepository.Create()
            .Write("README.rdoc", "= Redmine\n\nA project management web application.\n")
            .Write("doc/INSTALL", "Installing Redmine\n\nRequirements: Ruby, a database.\n\n1. Copy config/database.yml.example\n2. bundle exec rake db:migrate RAILS_ENV=production\n")
            .Write("doc/UPGRADING", "Upgrading Redmine\n\n1. Back up the database\n2. bundle exec rake db:migrate RAILS_ENV=production\n");

        var facts = Extract(repo);
        var deployment = Rule(Evaluation.Evaluate(facts), "operations.deployment-docs");

        Assert.Equal(["doc/INSTALL", "doc/UPGRADING"], facts.Repository.List(FactKeys.DeploymentDocs));
        Assert.Equal(FindingStatus.Pass, deployment.Status);
    }

    [Fact]
    public void Wiki_style_page_names_with_spaces_name_their_topic()
    {
        // electerious/Ackee: docs/Get started.md (installing with Docker, Helm, Netlify...) and docs/Upgrade guide.md;
        // a page name ended only at a dot, dash or underscore, so neither counted.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Analytics\n\nSelf-hosted analytics.\n")
            .Write("docs/Get started.md", "# Get started\n\n## With Docker Compose\n\nRun docker compose up.\n")
            .Write("docs/Upgrade guide.md", "# Upgrade guide\n\nStop the server, pull the new image, start it.\n")
            .Write("docs/Privacy Policy.md", "# Privacy\n");

        var facts = Extract(repo);

        Assert.Equal(["docs/Get started.md", "docs/Upgrade guide.md"], facts.Repository.List(FactKeys.DeploymentDocs));
        Assert.Contains("upgrade", facts.Repository.List(FactKeys.OperatorDocTopics));
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.deployment-docs").Status);
    }

    [Fact]
    public void The_readme_of_a_tutorial_is_no_operations_documentation()
    {
        // RailsApps/learn-rails (an example application to accompany a book), madhums/node-express-mongoose-demo ("a demo
        // application"), bradtraversy/mern-tutorial (the app of a video series): complete install and run sections, but
        // the auditors scored operations 5-15; the README teaches the code, it does not document a service.
        using var book = TestRepository.Create()
            .Write("README.md", "# Shop\n\nThis is an example application to accompany the \"Building Shops\" book.\n\n## Install\n\n```\nbundle install\n```\n\n## Run\n\n```\nbin/rails server\n```\n");

        var facts = Extract(book);
        var readme = Rule(Evaluation.Evaluate(facts), "operations.readme");

        Assert.True(facts.Repository.Bool(FactKeys.ReadmeSample));
        Assert.Equal([new Evidence("README.md", 3)], facts.Repository.EvidenceOf(FactKeys.ReadmeSample));
        Assert.Equal((FindingStatus.Partial, 0.5), (readme.Status, readme.Score));

        // eddycjy/go-gin-example, kgrzybek/sample-dotnet-core-cqrs-api: the title says it.
        using var titled = TestRepository.Create()
            .Write("README.md", "[![Build](https://ci.example.org/badge.svg)](https://ci.example.org)\n\n# Orders API Example\n\nA REST API with Gin.\n");
        Assert.True(Extract(titled).Repository.Bool(FactKeys.ReadmeSample));

        // cypress-io/cypress-realworld-app: "purely for demonstration and educational purposes".
        using var demo = TestRepository.Create()
            .Write("README.md", "# Payments\n\nA payment application to demonstrate testing practices.\n\nThe application is purely for demonstration and educational purposes.\n");
        Assert.True(Extract(demo).Repository.Bool(FactKeys.ReadmeSample));
    }

    [Fact]
    public void A_product_that_links_a_live_demo_or_a_tutorial_is_no_sample()
    {
        // madskristensen/Miniblog.Core ("Live demo: ..."), Unleash/unleash ("Launch the live demo"): a product's README
        // points at its demo site and its tutorials, and says "for example"; that does not make the repository a sample.
        using var repo = TestRepository.Create()
            .Write("README.md", "# Blog engine\n\nA full-featured blog engine. **Live demo**: https://demo.blog.example\n\nSee the [tutorial](https://docs.example/tutorial) to write your first post; for example, the editor supports Markdown.\n\n## Getting started\n\nRun `dotnet run`.\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.ReadmeSample));
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "operations.readme").Status);
    }
}
