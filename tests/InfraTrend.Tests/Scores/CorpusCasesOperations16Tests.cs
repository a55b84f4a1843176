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
}
