using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Deployment cases of the third round: each a small fixture written by hand after the real repositories named in the
/// test (none of their files are copied).
/// </summary>
public class CorpusCasesDeployment3Tests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    private const string GoModule = "module example.com/app\n\ngo 1.23\n";
    private const string GoMain = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n";
    private const string GoDockerfile = "FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n";

    [Fact]
    public void Another_repositorys_build_workflow_told_to_push_publishes_the_image()
    {
        // bookwyrm-social/bookwyrm: the release workflow calls docker/github-builder's reusable build.yml with
        // `push: ${{ github.event_name != 'pull_request' }}` on main pushes, tags and releases.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write(".github/workflows/container.yml", "on:\n  push:\n    branches: [main]\n    tags: ['v*']\n  pull_request:\njobs:\n  build:\n    uses: docker/github-builder/.github/workflows/build.yml@v1\n    with:\n      output: image\n      push: ${{ github.event_name != 'pull_request' }}\n      platforms: linux/amd64,linux/arm64\n      sbom: true\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.automated").Status);
        // The SBOM it is asked for describes what it publishes.
        Assert.Contains("sbom", facts.Repository.List(FactKeys.SupplyChain));
    }

    [Fact]
    public void A_shared_build_push_workflow_of_another_repository_publishes_the_image()
    {
        // saleor/saleor: the publish workflow runs on main pushes and calls the organisation's
        // build-push-image-multi-platform.yaml reusable workflow, which pushes to GHCR.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write(".github/workflows/publish.yml", "on:\n  push:\n    branches: [main]\njobs:\n  build-push:\n    uses: example-org/shared-actions/.github/workflows/build-push-image.yaml@v1\n    with:\n      tags: ghcr.io/example/app:main\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
    }

    [Fact]
    public void The_same_shared_workflow_run_only_for_pull_requests_publishes_nothing()
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write(".github/workflows/pr.yml", "on:\n  pull_request:\njobs:\n  build:\n    uses: docker/github-builder/.github/workflows/build.yml@v1\n    with:\n      push: true\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.Publishes));
    }

    [Fact]
    public void A_release_action_handed_registry_credentials_publishes_the_release()
    {
        // ory/hydra: the tag-only release job runs the organisation's releaser action with the GoReleaser key and the
        // Docker Hub username and password; it builds the binaries and pushes the images.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write(".github/workflows/ci.yml", "on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: example-org/ci/releaser@master\n        with:\n          token: ${{ secrets.BOT_PAT }}\n          goreleaser_key: ${{ secrets.GORELEASER_KEY }}\n          docker_username: ${{ secrets.DOCKERHUB_USERNAME }}\n          docker_password: ${{ secrets.DOCKERHUB_PASSWORD }}\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.automated").Status);
    }

    [Fact]
    public void A_registry_login_alone_publishes_nothing()
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write(".github/workflows/ci.yml", "on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          username: ${{ secrets.DOCKERHUB_USERNAME }}\n          password: ${{ secrets.DOCKERHUB_PASSWORD }}\n      - uses: example-org/docker-login@v1\n        with:\n          docker_password: ${{ secrets.DOCKERHUB_PASSWORD }}\n      - run: go build ./...\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.Publishes));
    }

    private const string Gemfile = "source 'https://rubygems.org'\nruby '3.2.2'\ngem 'rails', '~> 7.1'\ngem 'puma'\n";

    [Fact]
    public void A_procfile_that_only_starts_the_web_process_is_half_a_descriptor_and_no_infrastructure()
    {
        // DMPRoadmap/roadmap and mhartl/sample_app_6th_ed: the only deployment file is a Procfile with
        // `web: bundle exec puma -C config/puma.rb` (the release phase commented out in one of them), pushed to Heroku by hand.
        using var repo = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write(".ruby-version", "3.2.2\n")
            .Write("config/application.rb", "module App\n  class Application < Rails::Application\n  end\nend\n")
            .Write("Procfile", "# release: rake db:migrate\nweb: bundle exec puma -C config/puma.rb\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(["web"], facts.Repository.List(FactKeys.ProcfileProcesses));
        var descriptor = Rule(evaluation, "deployment.descriptor");
        Assert.Equal((FindingStatus.Partial, 0.5), (descriptor.Status, descriptor.Score));
        Assert.Equal(FindingStatus.Fail, Rule(evaluation, "deployment.infrastructure-as-code").Status);
    }

    [Fact]
    public void A_procfile_with_a_release_phase_or_workers_still_describes_the_deployment()
    {
        // codetriage/CodeTriage and diaspora/diaspora: web and worker processes, and a release phase that migrates.
        using var repo = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write("config/application.rb", "module App\n  class Application < Rails::Application\n  end\nend\n")
            .Write("Procfile", "web: bin/puma -C config/puma.rb\nworker: bundle exec sidekiq\nrelease: bundle exec rake db:migrate\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.descriptor").Status);
        var iac = Rule(evaluation, "deployment.infrastructure-as-code");
        Assert.Equal((FindingStatus.Partial, 0.5), (iac.Status, iac.Score));
    }
}
