using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Facts.Ci;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Pipelines the tool did not see (round 20), shaped by hand after the real cases: alphagov's pay services, whose
/// workflows call their organisation's shared reusable workflows for every test suite, and microsoft/fhir-server, whose
/// Azure Pipelines files live under build/ with names no convention fixes. None of their files are copied.
/// </summary>
public class CiUnreadPipelinesFactsTests
{
    private const string Pom = "<project><modelVersion>4.0.0</modelVersion><groupId>demo</groupId><artifactId>ledger</artifactId></project>\n";

    [Fact]
    public void A_shared_workflow_named_for_tests_runs_the_tests_and_the_finding_says_it_was_not_read()
    {
        // pay-ledger: pr.yml and post-merge.yml call the local _run-tests.yml, whose jobs call the organisation's
        // _run-java-tests-and-publish-pacts.yml (a job named "Integration tests and publish pacts") and a provider
        // contract test workflow; pr.yml adds the shared dependency review. Nothing of it runs in this repository's files.
        using var repo = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/main/java/demo/App.java", "package demo;\npublic class App {}\n")
            .Write("src/test/java/demo/AppTest.java", "package demo;\nclass AppTest { @org.junit.jupiter.api.Test void runs() {} }\n")
            .Write(".github/workflows/pr.yml", """
                name: PR
                on:
                  pull_request:
                permissions:
                  contents: read
                jobs:
                  tests:
                    uses: ./.github/workflows/_run-tests.yml
                    secrets: inherit
                  dependency-review:
                    uses: example-org/shared-ci/.github/workflows/_run-dependency-review.yml@main
                """)
            .Write(".github/workflows/_run-tests.yml", """
                name: Tests
                on:
                  workflow_call:
                permissions:
                  contents: read
                jobs:
                  integration-tests:
                    name: "Integration tests and publish contracts"
                    uses: example-org/shared-ci/.github/workflows/_run-java-tests-and-publish-contracts.yml@main
                    with:
                      java_version: 21
                  provider-tests:
                    needs: integration-tests
                    uses: example-org/shared-ci/.github/workflows/_run-provider-contract-tests.yml@main
                """);
        var facts = CorpusCaseFacts(repo);

        Assert.Equal([".github/workflows/_run-tests.yml:9", ".github/workflows/_run-tests.yml:14"], facts.Repository.Where(FactKeys.RunsTests));
        Assert.Equal([".github/workflows/_run-tests.yml:9"], facts.Repository.Where(FactKeys.RunsIntegrationTests));
        Assert.Equal([".github/workflows/pr.yml:11"], facts.Repository.Where(FactKeys.SecurityScanners, "dependency-review"));
        Assert.Equal(3, facts.Repository.List(FactKeys.RemoteWorkflows).Count);

        var evaluation = Evaluation.Evaluate(facts);
        var tests = Scores.CorpusCase.Finding(evaluation, "ci.tests").Finding;
        Assert.Equal(FindingStatus.Pass, tests.Status);
        Assert.Contains("other repositories' reusable workflows", tests.Message, StringComparison.Ordinal);
        Assert.Contains("_run-provider-contract-tests.yml@main", tests.Message, StringComparison.Ordinal);
        Assert.Contains("which this audit did not read", tests.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Pass, Scores.CorpusCase.Finding(evaluation, "ci.dependency-audit").Finding.Status);
    }

    [Fact]
    public void A_test_word_anywhere_in_a_shared_workflow_name_is_a_test()
    {
        // The pay services' _run-node-unit-tests-and-publish-pacts.yml and _run-node-cypress-tests.yml, alphagov's
        // rspec.yml and minitest.yml; _create-alpha-release-tag.yml tags a release and "attestation" only contains the
        // letters: neither runs a suite.
        Assert.True(CommandClassifier.RemoteWorkflow("example-org/ci/.github/workflows/_run-node-unit-tests-and-publish-pacts.yml@main", "").Test);
        Assert.True(CommandClassifier.RemoteWorkflow("example-org/ci/.github/workflows/_run-node-cypress-tests.yml@main", "").Test);
        Assert.True(CommandClassifier.RemoteWorkflow("example-org/infra/.github/workflows/rspec.yml@main", "").Test);
        Assert.True(CommandClassifier.RemoteWorkflow("example-org/infra/.github/workflows/minitest.yml@main", "").Test);
        Assert.False(CommandClassifier.RemoteWorkflow("example-org/ci/.github/workflows/_create-alpha-release-tag.yml@main", "").Test);
        Assert.False(CommandClassifier.RemoteWorkflow("example-org/ci/.github/workflows/attestation.yml@main", "").Test);
    }

    [Fact]
    public void A_step_read_here_is_credited_without_the_note()
    {
        using var repo = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/main/java/demo/App.java", "package demo;\npublic class App {}\n")
            .Write("src/test/java/demo/AppTest.java", "package demo;\nclass AppTest { @org.junit.jupiter.api.Test void runs() {} }\n")
            .Write(".github/workflows/ci.yml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mvn -B verify\n  shared:\n    uses: example-org/ci/.github/workflows/run-tests.yml@main\n");
        var tests = Scores.CorpusCase.Finding(Evaluation.Evaluate(CorpusCaseFacts(repo)), "ci.tests").Finding;
        Assert.Equal("A pipeline runs the tests.", tests.Message);
    }

    [Fact]
    public void An_azure_pipeline_under_any_name_is_found_by_its_shape_with_its_relative_templates()
    {
        // fhir-server: build/pr-pipeline.yml (`trigger: none`, run by its pipeline definition and pull-request policy)
        // includes ./jobs/build.yml, which runs the tests through DotNetCoreCLI; build/.vsts-checks-pipeline.yml has no
        // trigger at all (Azure's default runs every branch).
        var facts = Read(
            ("build/pr-pipeline.yml", """
                # Builds and tests every pull request.
                trigger: none

                variables:
                - template: build-variables.yml

                stages:
                # ---- build ----
                - stage: BuildUnitTests
                  jobs:
                  - job: Linux
                    steps:
                    - template: ./jobs/build.yml
                """),
            ("build/build-variables.yml", "variables:\n  buildConfiguration: Release\n"),
            ("build/jobs/build.yml", """
                parameters:
                  unitTest: true
                steps:
                - task: DotNetCoreCLI@2
                  inputs:
                    command: build
                - ${{ if eq(parameters.unitTest, 'true') }}:
                  - task: DotNetCoreCLI@2
                    inputs:
                      command: test
                      projects: '**/*UnitTests/*.csproj'
                """),
            ("build/.vsts-checks-pipeline.yml", """
                jobs:
                - job: Checks
                  steps:
                  - checkout: self
                  - script: dotnet build --configuration Release
                """));

        Assert.Equal(["azure-pipelines"], facts.List(FactKeys.CiSystems));
        Assert.Equal(4, facts.Number(FactKeys.WorkflowFiles));
        Assert.Equal(["build/jobs/build.yml:8"], facts.Where(FactKeys.RunsTests));
        Assert.Contains("build/.vsts-checks-pipeline.yml:5", facts.Where(FactKeys.RunsBuild));
    }

    [Fact]
    public void Other_yaml_with_steps_or_a_lone_template_is_no_azure_pipeline()
    {
        // Cloud Build's and Drone's steps start with a name, a GitHub-style jobs map is no list, a template that nothing
        // includes and that has no trigger of its own runs only from another repository's pipeline, and a pipeline in an
        // example folder is an example.
        var facts = Read(
            ("deploy/cloudbuild.yaml", "steps:\n- name: gcr.io/cloud-builders/docker\n  args: ['build', '.']\ntrigger:\n  branch: main\n"),
            ("ci/jobs.yml", "trigger: main\njobs:\n  test:\n    steps:\n      - run: make test\n"),
            ("build/templates/test-steps.yml", "parameters:\n  config: Release\nsteps:\n- script: dotnet test\n"),
            ("examples/azure/build-pipeline.yml", "trigger:\n- main\nsteps:\n- script: dotnet test\n"));

        Assert.Empty(facts.List(FactKeys.CiSystems));
        Assert.False(facts.Bool(FactKeys.RunsTests));
    }

    private static RepositoryFacts CorpusCaseFacts(TestRepository repo) => Scores.CorpusCase.Extract(repo);
}
