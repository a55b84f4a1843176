using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// CircleCI, Azure Pipelines, Jenkins, Travis, Bitbucket, Buildkite, Drone, Woodpecker and AppVeyor, each shaped after a
/// real project's configuration (0x-mesh, todo-nodejs-mongo, Newtonsoft.Json, jenkinsci/docker, underscore,
/// django-uwsgi-template, authelia, woodpecker, allReady).
/// </summary>
public class CiOtherSystemsFactsTests
{
    private const string Makefile = """
        lint:
        	golangci-lint run
        test-all: test-go test-wasm
        test-go:
        	go test ./...
        test-wasm:
        	yarn test:wasm
        """;

    [Fact]
    public void CircleCi_runs_commands_orb_jobs_and_gates_the_deploy_by_requires()
    {
        var facts = Read(
            (".circleci/config.yml", """
                version: 2.1
                orbs:
                  heroku: circleci/heroku@2.0.0
                jobs:
                  build:
                    docker:
                      - image: circleci/golang:1.15-browsers
                      - image: 0xorg/ganache-cli:istanbul
                    steps:
                      - checkout
                      - restore_cache:
                          key: deps-{{ checksum "go.sum" }}
                      - run:
                          name: Run linters
                          command: make lint
                      - run:
                          name: Run all tests
                          command: make test-all
                workflows:
                  main:
                    jobs:
                      - build
                      - heroku/deploy-via-git:
                          requires:
                            - build
                """),
            ("Makefile", Makefile));

        Assert.Equal(["circleci"], facts.List(FactKeys.CiSystems));
        Assert.Equal([".circleci/config.yml:15"], facts.Where(FactKeys.RunsLint));
        Assert.Equal([".circleci/config.yml:18"], facts.Where(FactKeys.RunsTests));
        Assert.Equal([".circleci/config.yml:23"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal([".circleci/config.yml:11"], facts.Where(FactKeys.Caching));
        Assert.Equal(["go 1.15 .circleci/config.yml:7 ci"], facts.Pins());
        // CircleCI stops a step after ten minutes without output: no timeout to judge.
        Assert.Null(facts.NullableBool(FactKeys.JobTimeouts));
    }

    [Fact]
    public void Azure_pipelines_read_tasks_tool_installers_templates_and_deployment_jobs()
    {
        var facts = Read(
            ("azure-pipelines.yml", """
                trigger:
                  - main
                stages:
                  - stage: Build
                    jobs:
                      - job: build
                        steps:
                          - task: UseDotNet@2
                            inputs:
                              version: '8.0.x'
                          - task: DotNetCoreCLI@2
                            inputs:
                              command: test
                              projects: '**/*Tests.csproj'
                          - template: templates/publish.yml
                  - stage: Deploy
                    jobs:
                      - deployment: web
                        environment: production
                        strategy:
                          runOnce:
                            deploy:
                              steps:
                                - task: AzureWebApp@1
                                  inputs:
                                    appName: shop
                """),
            ("templates/publish.yml", """
                steps:
                  - script: dotnet publish -c Release -o out
                  - task: Cache@2
                    inputs:
                      key: nuget | packages.lock.json
                """));

        Assert.Equal(["azure-pipelines"], facts.List(FactKeys.CiSystems));
        Assert.Equal(2, facts.Number(FactKeys.WorkflowFiles));
        Assert.Equal(["azure-pipelines.yml:11"], facts.Where(FactKeys.RunsTests));
        Assert.Equal(["templates/publish.yml:2"], facts.Where(FactKeys.RunsBuild));
        Assert.Equal(["azure-pipelines.yml:18", "azure-pipelines.yml:24"], facts.Where(FactKeys.Deploys));
        // The deploy stage runs after the stage that tests.
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal(["templates/publish.yml:3"], facts.Where(FactKeys.Caching));
        Assert.Equal(["dotnet 8.0 azure-pipelines.yml:8 ci"], facts.Pins());
    }

    [Fact]
    public void Azure_pipelines_follow_a_windows_script_path_into_the_repository()
    {
        var facts = Read(
            ("azure-pipelines.yml", """
                steps:
                - pwsh: |
                    $basePath = resolve-path .
                    .\Build\runbuild.ps1 -properties @{"signAssemblies"=$sign}
                  displayName: 'Run build'
                """),
            ("Build/runbuild.ps1", "Import-Module ($path + '\\psake.psm1')\nInvoke-psake ($path + '\\build.ps1')\n"),
            ("Build/build.ps1", "task Build {\n  exec { & dotnet msbuild $projectPath /t:Build }\n}\ntask Test {\n  exec { dotnet test $projectPath -c Release }\n}\n"));

        Assert.True(facts.Bool(FactKeys.RunsBuild));
        Assert.True(facts.Bool(FactKeys.RunsTests));
        Assert.Equal(["azure-pipelines.yml:2"], facts.Where(FactKeys.RunsTests));
    }

    [Fact]
    public void A_jenkinsfile_is_read_line_by_line_with_its_agent_image_and_timeout()
    {
        var facts = Read(
            ("Jenkinsfile", """
                pipeline {
                  agent { docker { image 'node:20-alpine' } }
                  options { timeout(time: 30, unit: 'MINUTES') }
                  stages {
                    stage('Lint') {
                      steps { sh "make hadolint" }
                    }
                    /* stage('Old') { steps { sh 'npm run deploy' } } */
                    stage('Test') {
                      steps { sh "make test-${target}" }
                    }
                    stage('Deploy') {
                      // sh 'kubectl apply -f old/'
                      steps { sh 'helm upgrade --install web ./chart' }
                    }
                  }
                }
                """),
            ("Makefile", "hadolint:\n\thadolint Dockerfile\ntest-%: build-%\n\tbats/bin/bats tests\n"));

        Assert.Equal(["jenkins"], facts.List(FactKeys.CiSystems));
        Assert.Equal(["Jenkinsfile:6"], facts.Where(FactKeys.RunsLint));
        Assert.Equal(["hadolint"], facts.List(FactKeys.SecurityScanners));
        Assert.Equal(["Jenkinsfile:10"], facts.Where(FactKeys.RunsTests));
        Assert.Equal(["Jenkinsfile:14"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.True(facts.NullableBool(FactKeys.JobTimeouts));
        Assert.Equal(["node 20 Jenkinsfile:2 ci"], facts.Pins());
    }

    [Fact]
    public void A_jenkinsfile_without_a_timeout_is_unbounded_and_the_plugin_build_step_builds_and_tests()
    {
        var facts = Read(("Jenkinsfile", "buildPlugin(useContainerAgent: true, configurations: [[platform: 'linux', jdk: 21]])\n"));

        Assert.True(facts.Bool(FactKeys.RunsBuild));
        Assert.True(facts.Bool(FactKeys.RunsTests));
        Assert.False(facts.NullableBool(FactKeys.JobTimeouts));
    }

    [Fact]
    public void A_jenkinsfile_named_for_its_pipeline_with_an_underscore_or_dash_is_a_jenkins_pipeline()
    {
        // hmcts/ccd-data-store-api runs its whole delivery from Jenkinsfile_CNP and a nightly build from
        // Jenkinsfile_nightly; its GitHub workflows only publish API specs.
        var facts = Read(
            ("Jenkinsfile_CNP", "#!groovy\nwithPipeline(type, product, component) {\n  sh './gradlew check'\n}\n"),
            ("Jenkinsfile-nightly", "node {\n  sh 'make test'\n}\n"),
            ("src/test/Jenkinsfile_fixture", "node {\n  sh 'make deploy'\n}\n"));

        Assert.Equal(["jenkins"], facts.List(FactKeys.CiSystems));
        Assert.Equal(["Jenkinsfile-nightly:2", "Jenkinsfile_CNP:3"], facts.Where(FactKeys.RunsTests).Order(StringComparer.Ordinal));
        Assert.Empty(facts.Where(FactKeys.Deploys));
    }

    [Fact]
    public void Travis_reads_the_language_versions_of_its_matrix_and_the_scripts_it_runs()
    {
        var facts = Read(
            (".travis.yml", """
                language: node_js
                jobs:
                  include:
                    - node_js: 8
                    - node_js: 12
                    - node_js: 16
                script:
                  - "[ $EXTRA = false ] || npm run lint"
                  - "[ $EXTRA = true ] || npm run test-node"
                deploy:
                  provider: heroku
                  api_key:
                    secure: abc
                """),
            ("package.json", """{ "scripts": { "lint": "eslint modules/*.js", "test-node": "qunit test/" } }"""));

        Assert.Equal(["travis"], facts.List(FactKeys.CiSystems));
        Assert.Equal([".travis.yml:8"], facts.Where(FactKeys.RunsLint));
        Assert.Equal([".travis.yml:9"], facts.Where(FactKeys.RunsTests));
        Assert.Equal([".travis.yml:11"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal(["node 8 .travis.yml:4 ci", "node 12 .travis.yml:5 ci", "node 16 .travis.yml:6 ci"], facts.Pins());
    }

    [Fact]
    public void Travis_runs_the_languages_default_script_when_there_is_none()
    {
        var facts = Read((".travis.yml", "language: node_js\nnode_js:\n  - \"20\"\ncache: npm\n"), ("package.json", """{ "scripts": { "test": "jest" } }"""));

        Assert.Equal([".travis.yml:1"], facts.Where(FactKeys.RunsTests));
        Assert.Equal([".travis.yml:4"], facts.Where(FactKeys.Caching));
        Assert.Equal(["node 20 .travis.yml:3 ci"], facts.Pins());
    }

    [Fact]
    public void Bitbucket_reads_its_image_steps_pipes_and_deployment_steps()
    {
        var facts = Read(("bitbucket-pipelines.yml", """
            image: python:3.7

            pipelines:
              default:
                - step:
                    caches:
                      - pip
                    script:
                      - pip install tox
                      - tox -e coverage,reportxml
              branches:
                main:
                  - step:
                      script:
                        - pytest
                  - step:
                      deployment: production
                      script:
                        - pipe: atlassian/heroku-deploy:2.1.0
                          variables:
                            HEROKU_APP_NAME: shop
            """));

        Assert.Equal(["bitbucket-pipelines"], facts.List(FactKeys.CiSystems));
        Assert.Equal(["bitbucket-pipelines.yml:10", "bitbucket-pipelines.yml:15"], facts.Where(FactKeys.RunsTests));
        Assert.Equal(["bitbucket-pipelines.yml:17", "bitbucket-pipelines.yml:19"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal(["bitbucket-pipelines.yml:6"], facts.Where(FactKeys.Caching));
        Assert.Equal(["python 3.7 bitbucket-pipelines.yml:1 ci"], facts.Pins());
    }

    [Fact]
    public void Buildkite_follows_step_scripts_and_gates_deploys_by_wait_steps()
    {
        var facts = Read(
            (".buildkite/pipeline.yml", """
                steps:
                  - label: ":golang: Unit tests"
                    command: ".buildkite/steps/unit.sh"
                    timeout_in_minutes: 20
                    plugins:
                      - docker#v5.9.0:
                          image: "golang:1.22"
                  - wait
                  - label: ":rocket: Deploy"
                    command: "kubectl apply -f deploy/"
                """),
            (".buildkite/steps/unit.sh", "#!/usr/bin/env bash\ngo test ./...\n"));

        Assert.Equal(["buildkite"], facts.List(FactKeys.CiSystems));
        Assert.Equal([".buildkite/pipeline.yml:3"], facts.Where(FactKeys.RunsTests));
        Assert.Equal([".buildkite/pipeline.yml:10"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        // The deploy step has no timeout_in_minutes.
        Assert.False(facts.NullableBool(FactKeys.JobTimeouts));
        Assert.Equal([".buildkite/pipeline.yml:9"], facts.Where(FactKeys.JobTimeouts));
        Assert.Equal(["go 1.22 .buildkite/pipeline.yml:7 ci"], facts.Pins());
    }

    [Fact]
    public void Buildkite_deploys_beside_the_tests_without_a_wait_are_not_gated()
    {
        var facts = Read((".buildkite/pipeline.yml", """
            steps:
              - command: "go test ./..."
              - command: "helm upgrade --install api ./chart"
            """));

        Assert.False(facts.NullableBool(FactKeys.DeployGated));
    }

    [Fact]
    public void Drone_reads_each_pipeline_document_its_images_and_plugins()
    {
        var facts = Read((".drone.yml", """
            kind: pipeline
            type: docker
            name: test

            steps:
            - name: test
              image: golang:1.21
              commands:
              - go vet ./...
              - go test ./...
            ---
            kind: pipeline
            type: docker
            name: publish

            steps:
            - name: image
              image: plugins/docker
              settings:
                repo: acme/api
            - name: deploy
              image: pelotech/drone-helm3
              settings:
                chart: ./chart
            """));

        Assert.Equal(["drone"], facts.List(FactKeys.CiSystems));
        Assert.Equal([".drone.yml:9"], facts.Where(FactKeys.RunsLint));
        Assert.Equal([".drone.yml:10"], facts.Where(FactKeys.RunsTests));
        Assert.Equal([".drone.yml:17"], facts.Where(FactKeys.RunsBuild));
        Assert.Equal([".drone.yml:21"], facts.Where(FactKeys.Deploys));
        // The deploy pipeline does not run the tests first.
        Assert.False(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal(["go 1.21 .drone.yml:7 ci"], facts.Pins());
    }

    [Fact]
    public void Woodpecker_reads_every_workflow_file_and_steps_written_as_a_map()
    {
        var facts = Read(
            (".woodpecker/test.yaml", """
                variables:
                  - &golang_image 'docker.io/golang:1.23'
                steps:
                  lint:
                    image: docker.io/node:22-alpine
                    commands:
                      - corepack enable
                      - pnpm lint
                  vet:
                    image: *golang_image
                    commands:
                      - go vet ./...
                  test:
                    image: *golang_image
                    commands:
                      - make test
                """),
            (".woodpecker/docker.yaml", """
                steps:
                  - name: publish
                    image: woodpeckerci/plugin-docker-buildx:5.0.0
                    settings:
                      repo: acme/app
                """),
            ("package.json", """{ "scripts": { "lint": "eslint ." } }"""),
            ("Makefile", "test:\n\tgo test -race ./...\n"));

        Assert.Equal(["woodpecker"], facts.List(FactKeys.CiSystems));
        Assert.Equal(2, facts.Number(FactKeys.WorkflowFiles));
        Assert.Equal([".woodpecker/test.yaml:8", ".woodpecker/test.yaml:12"], facts.Where(FactKeys.RunsLint));
        Assert.Equal([".woodpecker/test.yaml:16"], facts.Where(FactKeys.RunsTests));
        Assert.Equal([".woodpecker/docker.yaml:2"], facts.Where(FactKeys.RunsBuild));
        // Both steps use the anchored image: one pin.
        Assert.Equal(["node 22 .woodpecker/test.yaml:5 ci", "go 1.23 .woodpecker/test.yaml:2 ci"], facts.Pins());
    }

    // Shaped after a Java service on Zalando's Continuous Delivery Platform: one script step whose commands are `cmd:`
    // entries (checkstyle, tests, an acceptance suite against compose services, an image push), then a deployment process.
    [Fact]
    public void Zalando_cdp_delivery_yaml_runs_its_cmd_entries_and_deploys_with_a_process_step()
    {
        var facts = Read(
            ("delivery.yaml", """
                version: "2017-09-20"
                pipeline:
                  - id: build
                    type: script
                    vm_config:
                      type: linux
                      image: cdp-runtime/jdk17
                    commands:
                      - desc: Checkstyle
                        cmd: ./gradlew checkstyle
                      - desc: Test
                        cmd: ./gradlew test
                      - desc: Acceptance Test
                        cmd: |
                          docker compose up -d
                          ./gradlew acceptanceTest
                      - desc: Push
                        cmd: |
                          docker build -t registry.example.org/team/app:${CDP_BUILD_VERSION} .
                          docker push registry.example.org/team/app:${CDP_BUILD_VERSION}
                  - id: deploy
                    type: process
                    target: stups
                    process: microservice_standard_deployment
                """),
            ("docs/delivery.yaml", "pipeline: []\n"));

        Assert.Equal(["zalando-cdp"], facts.List(FactKeys.CiSystems));
        Assert.Equal(1, facts.Number(FactKeys.WorkflowFiles));
        Assert.Equal(["delivery.yaml:10"], facts.Where(FactKeys.RunsLint));
        Assert.Contains("delivery.yaml:12", facts.Where(FactKeys.RunsTests));
        Assert.Equal(["delivery.yaml:18"], facts.Where(FactKeys.Publishes));
        Assert.Equal(["delivery.yaml:21"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal(["delivery.yaml"], facts.Where(FactKeys.RunsIntegrationTests));
    }

    [Fact]
    public void AppVeyor_runs_its_build_and_test_phases_written_as_lines_or_cmd_and_ps_entries()
    {
        var facts = Read(
            ("appveyor.yml", """
                version: 1.0.{build}
                image: Visual Studio 2022
                services:
                  - mssql2019
                before_build:
                  - cmd: dotnet restore Web/Web.csproj
                build_script:
                  - cmd: dotnet build Web/Web.csproj
                  - ps: Write-Host "built"
                test_script:
                  - dotnet test Web.Tests/Web.Tests.csproj
                """),
            ("vendor/github.com/acme/lib/appveyor.yml", """
                build_script:
                  - go build ./...
                """));

        Assert.Equal(["appveyor"], facts.List(FactKeys.CiSystems));
        Assert.Equal(1, facts.Number(FactKeys.WorkflowFiles));
        Assert.Equal(["appveyor.yml:8"], facts.Where(FactKeys.RunsBuild));
        Assert.Equal(["appveyor.yml:11"], facts.Where(FactKeys.RunsTests));
        // The tests run beside a service (a database the build server starts): integration against real dependencies.
        Assert.Equal(["appveyor.yml"], facts.Where(FactKeys.RunsIntegrationTests));
    }
}
