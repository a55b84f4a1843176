using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Release publishing (images, packages, GitHub releases), deploys started elsewhere (Shipit, a dispatched deploy
/// workflow), dependency scanners and static checks run by a JVM build, shaped after self-hosted products' pipelines
/// (a build-push composite action, a PyPI publish job, Woodpecker buildx and release plugins, a Shipit krane deploy).
/// </summary>
public class CiPublishAndAuditFactsTests
{
    [Fact]
    public void Images_pushed_from_a_composite_action_or_a_reusable_workflow_are_published()
    {
        var facts = Read(
            (".github/actions/buildx-push/action.yaml", """
                name: Docker buildx and push
                inputs:
                  push:
                    default: "false"
                runs:
                  using: composite
                  steps:
                    - uses: docker/setup-buildx-action@v3
                    - name: Build and push
                      uses: docker/build-push-action@v6
                      with:
                        context: .
                        push: ${{ inputs.push == 'true' }}
                """),
            (".github/workflows/release.yaml", """
                on:
                  push:
                    branches: [main]
                  release:
                    types: [published]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: ./.github/actions/buildx-push
                        with:
                          push: true
                  jars:
                    runs-on: ubuntu-latest
                    steps:
                      - run: gh release upload ${{ github.event.release.tag_name }} build/libs/*
                """),
            (".github/workflows/docker-build.yml", """
                on: workflow_call
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: useblacksmith/build-push-action@v2
                        with:
                          outputs: type=image,push-by-digest=true,push=true
                """));

        Assert.True(facts.Bool(FactKeys.Publishes));
        Assert.Equal([".github/actions/buildx-push/action.yaml:9", ".github/workflows/docker-build.yml:6", ".github/workflows/release.yaml:11", ".github/workflows/release.yaml:17"], facts.Where(FactKeys.Publishes));
        Assert.False(facts.Bool(FactKeys.Deploys));
    }

    [Fact]
    public void Images_built_without_push_or_only_for_pull_requests_are_not_published()
    {
        var facts = Read(
            (".github/workflows/image.yml", """
                on: [push, pull_request]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          context: .
                      - uses: docker/build-push-action@v6
                        with:
                          push: false
                """),
            (".github/workflows/preview.yml", """
                on: pull_request
                jobs:
                  preview:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker push ghcr.io/acme/app:pr-${{ github.event.number }}
                """),
            (".github/workflows/snapshot.yml", """
                on: push
                jobs:
                  snapshot:
                    runs-on: ubuntu-latest
                    steps:
                      - run: goreleaser release --snapshot --clean
                      - run: ./gradlew publishToMavenLocal
                """));

        Assert.False(facts.Bool(FactKeys.Publishes));
        Assert.True(facts.Bool(FactKeys.RunsBuild));
    }

    [Theory]
    [InlineData("docker push ghcr.io/acme/app:latest")]
    [InlineData("docker buildx build --platform linux/amd64,linux/arm64 -t acme/app --push .")]
    [InlineData("goreleaser release --clean")]
    [InlineData("twine upload dist/*")]
    [InlineData("dotnet nuget push out/*.nupkg --api-key $KEY")]
    [InlineData("./gradlew publishToAllRegistries -Prelease=true")]
    [InlineData("./mvnw -B jib:build")]
    [InlineData("gem push pkg/app.gem")]
    [InlineData("npm publish --access public")]
    public void Publishing_commands_are_published(string command)
    {
        var facts = Read((".github/workflows/release.yml", $$"""
            on:
              push:
                tags: ['v*']
            jobs:
              release:
                runs-on: ubuntu-latest
                steps:
                  - run: {{command}}
            """));

        Assert.True(facts.Bool(FactKeys.Publishes));
    }

    [Fact]
    public void A_package_published_by_its_action_on_tags_is_published()
    {
        var facts = Read((".github/workflows/release.yml", """
            on:
              push:
                tags: ['v*']
            jobs:
              publish-testpypi:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/download-artifact@v4
                  - uses: pypa/gh-action-pypi-publish@release/v1
                    with:
                      repository-url: https://test.pypi.org/legacy/
            """));

        Assert.Equal([".github/workflows/release.yml:9"], facts.Where(FactKeys.Publishes));
    }

    [Fact]
    public void Woodpecker_buildx_and_release_plugins_publish_unless_dry_run_or_pull_request_only()
    {
        var facts = Read((".woodpecker/docker.yaml", """
            variables:
              - &buildx_plugin 'docker.io/woodpeckerci/plugin-docker-buildx:6.1.1'
            steps:
              build-dryrun:
                image: *buildx_plugin
                settings:
                  dry_run: true
                  repo: acme/server
              publish-preview:
                image: *buildx_plugin
                settings:
                  repo: acme/server
                when:
                  event: [pull_request, pull_request_metadata]
              publish-next:
                image: *buildx_plugin
                settings:
                  repo: acme/server
                when:
                  branch: main
                  event: push
              release:
                image: woodpeckerci/plugin-release:0.3.1
                settings:
                  files: [dist/*.tar.gz]
                when:
                  event: tag
            """));

        Assert.Equal([".woodpecker/docker.yaml:16", ".woodpecker/docker.yaml:23"], facts.Where(FactKeys.Publishes));
    }

    [Fact]
    public void A_shipit_krane_deploy_is_a_pipeline_deploy_that_waits_for_the_commit_checks()
    {
        var facts = Read(("shipit.yml", """
            dependencies:
              override:
                - "true"
            deploy:
              override:
                - krane render -f config/deploy/$ENVIRONMENT --current-sha=$REVISION | krane deploy app-$ENVIRONMENT ctx --stdin
            tasks:
              restart:
                steps:
                  - krane restart app-$ENVIRONMENT ctx
            """));

        Assert.Equal(["shipit.yml:6"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.Contains("shipit", facts.List(FactKeys.CiSystems));
    }

    [Fact]
    public void A_job_that_dispatches_a_deploy_elsewhere_deploys()
    {
        var facts = Read((".github/workflows/build.yml", """
            on: push
            jobs:
              trigger-k8s-deploy:
                runs-on: ubuntu-latest
                steps:
                  - uses: acme/gh-actions/trigger-actions@main
                    with:
                      task: deploy-server-dev
              trigger-downstream:
                runs-on: ubuntu-latest
                steps:
                  - uses: acme/gh-actions/trigger-actions@main
                    with:
                      task: build-downstream-artifacts
                      monitor-deployment: false
            """));

        Assert.Equal([".github/workflows/build.yml:6"], facts.Where(FactKeys.Deploys));
    }

    [Fact]
    public void Vulnerability_scanners_and_the_dependency_review_action_are_recorded()
    {
        var facts = Read(
            (".github/workflows/security.yml", """
                on: pull_request
                jobs:
                  scan:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/dependency-review-action@v4
                      - uses: dependency-check/Dependency-Check_Action@main
                        with:
                          project: app
                """),
            (".woodpecker/securityscan.yaml", """
                steps:
                  backend:
                    image: docker.io/woodpeckerci/plugin-trivy:1.6.0
                    settings:
                      skip-dirs: web/
                """));

        Assert.Equal(["dependency-check", "dependency-review", "trivy"], facts.List(FactKeys.SecurityScanners).Order().ToList());
    }

    [Fact]
    public void A_lint_action_and_package_scripts_run_from_another_folder_are_lint_and_type_checks()
    {
        var facts = Read(
            ("web/package.json", """
                { "name": "static", "scripts": { "validate": "yarn validate:types && yarn validate:lint", "validate:types": "tsc --noEmit", "validate:lint": "eslint ./src" } }
                """),
            (".github/workflows/ci.yml", """
                on: [push, pull_request]
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: astral-sh/ruff-action@v3
                  frontend:
                    runs-on: ubuntu-latest
                    steps:
                      - run: yarn --cwd web validate
                """));

        Assert.Equal([".github/workflows/ci.yml:6", ".github/workflows/ci.yml:10"], facts.Where(FactKeys.RunsLint));
        Assert.Equal([".github/workflows/ci.yml:10"], facts.Where(FactKeys.RunsTypecheck));
    }

    [Fact]
    public void A_gradle_check_or_maven_verify_runs_the_static_checks_the_build_applies()
    {
        var gradle = Read(
            ("build.gradle", """
                plugins {
                    id 'java'
                    alias(libs.plugins.spotless)
                }
                spotless { java { palantirJavaFormat() } }
                """),
            (".github/workflows/ci.yaml", """
                on: [push, pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./gradlew clean check
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./gradlew clean build -x check
                """));
        var maven = Read(
            ("pom.xml", """
                <project>
                  <build><plugins>
                    <plugin>
                      <groupId>io.spring.javaformat</groupId>
                      <artifactId>spring-javaformat-maven-plugin</artifactId>
                      <executions><execution><phase>validate</phase><goals><goal>validate</goal></goals></execution></executions>
                    </plugin>
                  </plugins></build>
                </project>
                """),
            (".github/workflows/maven.yml", """
                on: [push, pull_request]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./mvnw -B verify
                """));
        var plain = Read(
            ("build.gradle", "plugins { id 'java' }\n"),
            (".github/workflows/ci.yaml", """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./gradlew check
                """));

        Assert.Equal([".github/workflows/ci.yaml:6"], gradle.Where(FactKeys.RunsLint));
        Assert.Equal([".github/workflows/maven.yml:6"], maven.Where(FactKeys.RunsLint));
        Assert.False(plain.Bool(FactKeys.RunsLint));
    }
}
