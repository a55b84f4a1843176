using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>GitLab CI, shaped after gitlab-runner's pipeline: a root file with stages and local includes, templates extended across files, environments.</summary>
public class CiGitLabFactsTests
{
    private const string Root = """
        stages:
          - build
          - test
          - release

        include:
          - local: /.gitlab/ci/_common.gitlab-ci.yml
          - local: /ci/release.yml
          - template: Jobs/SAST.gitlab-ci.yml

        default:
          image:
            name: golang:1.22
        """;

    private const string Common = """
        .go-cache:
          cache:
            key: go
            paths:
              - .gocache/

        unit test:
          stage: test
          extends:
            - .go-cache
          script:
            - make test
        """;

    private const string Release = """
        .release:
          stage: release
          script:
            - ./ci/release_s3.sh

        development S3:
          extends:
            - .release
          environment:
            name: development/s3/${CI_COMMIT_REF_NAME}
            url: https://example.com
        """;

    private const string Makefile = """
        test:
        	go test ./...
        """;

    [Fact]
    public void Includes_templates_and_environments_make_one_pipeline()
    {
        var facts = Read((".gitlab-ci.yml", Root), (".gitlab/ci/_common.gitlab-ci.yml", Common), ("ci/release.yml", Release), ("Makefile", Makefile), ("ci/release_s3.sh", "#!/bin/sh\naws s3 sync out/ s3://bucket\n"));

        Assert.Equal(["gitlab-ci"], facts.List(FactKeys.CiSystems));
        Assert.Equal(3, facts.Number(FactKeys.WorkflowFiles));
        Assert.True(facts.Bool(FactKeys.RunsTests));
        Assert.Equal([".gitlab/ci/_common.gitlab-ci.yml:12"], facts.Where(FactKeys.RunsTests));
        Assert.True(facts.Bool(FactKeys.Deploys));
        Assert.Equal(["ci/release.yml:10"], facts.Where(FactKeys.Deploys));
        // The release stage comes after the test stage, where `unit test` runs.
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal(["semgrep"], facts.List(FactKeys.SecurityScanners));
        Assert.Equal([".gitlab-ci.yml:9"], facts.Where(FactKeys.SecurityScanners, "semgrep"));
        Assert.True(facts.Bool(FactKeys.Caching));
        Assert.Equal(["go 1.22 .gitlab-ci.yml:13 ci"], facts.Pins());
    }

    [Theory]
    [InlineData("[\"build\"]", true)]
    [InlineData("[\"images\"]", false)]
    public void Needs_replace_the_stage_order_and_are_followed_through(string needs, bool gated)
    {
        var facts = Read((".gitlab-ci.yml", $$"""
            stages: [test, build, deploy]
            unit:
              stage: test
              script: [go test ./...]
            build:
              stage: build
              needs: ["unit"]
              script: [go build ./...]
            images:
              stage: build
              needs: []
              script: [docker build -t app .]
            production:
              stage: deploy
              needs: {{needs}}
              environment: production
              script: [kubectl apply -f k8s/]
            """));

        Assert.Equal(gated, facts.NullableBool(FactKeys.DeployGated));
    }
}
