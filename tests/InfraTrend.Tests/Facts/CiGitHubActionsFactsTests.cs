using InfraTrend.Facts;
using InfraTrend.Facts.Ci;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// GitHub Actions, shaped after novu's and microservices-demo's workflows: a composite setup action, reusable
/// workflows called after a test job, matrices, containers, timeouts, caches and a docs deployment.
/// </summary>
public class CiGitHubActionsFactsTests
{
    private const string SetupAction = """
        name: Setup project
        runs:
          using: composite
          steps:
            - uses: pnpm/action-setup@v4
            - uses: actions/setup-node@v4
              with:
                node-version: 20.19.0
                cache: pnpm
            - name: Lint
              shell: bash
              run: pnpm lint
        """;

    private const string PackageJson = """
        {
          "name": "api",
          "scripts": {
            "lint": "eslint .",
            "test:e2e": "node scripts/run-e2e.js",
            "build": "tsc -p tsconfig.build.json"
          }
        }
        """;

    private const string Ci = """
        name: CI
        on: [push, pull_request]
        permissions:
          contents: read
        jobs:
          test:
            runs-on: ubuntu-latest
            timeout-minutes: 20
            strategy:
              matrix:
                node: [18, 20]
                include:
                  - node: 22
            steps:
              - uses: actions/checkout@v4
              - uses: ./.github/actions/setup
              - uses: actions/setup-node@v4
                with:
                  node-version: ${{ matrix.node }}
              - run: pnpm test:e2e
          deploy:
            needs: test
            uses: ./.github/workflows/reusable-deploy.yml
            secrets: inherit
        """;

    // No permissions of its own: the caller's apply.
    private const string ReusableDeploy = """
        on:
          workflow_call:


        jobs:
          ship:
            runs-on: ubuntu-latest
            timeout-minutes: 10
            steps:
              - uses: superfly/flyctl-actions/setup-flyctl@63da3ecc5e2793b98a3f2519b3d75d4f4c11cec2
              - run: flyctl deploy --remote-only
        """;

    [Fact]
    public void Composite_actions_and_reusable_workflows_are_followed_and_the_deploy_is_gated_by_the_caller()
    {
        var facts = Read(
            (".github/workflows/ci.yml", Ci),
            (".github/workflows/reusable-deploy.yml", ReusableDeploy),
            (".github/actions/setup/action.yml", SetupAction),
            ("package.json", PackageJson));

        Assert.Equal(2, facts.Number(FactKeys.WorkflowFiles));
        Assert.Equal([".github/workflows/ci.yml:20"], facts.Where(FactKeys.RunsTests));
        // The composite action's run step is where the lint runs, and the workflow step that uses the action runs it.
        Assert.Equal([".github/actions/setup/action.yml:10", ".github/workflows/ci.yml:16"], facts.Where(FactKeys.RunsLint));
        Assert.Equal([".github/workflows/reusable-deploy.yml:11"], facts.Where(FactKeys.Deploys));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
        // pnpm/action-setup (tag) and flyctl (SHA) are third-party; actions/* are not counted.
        Assert.Equal("some", facts.Text(FactKeys.ActionsPinnedBySha));
        Assert.True(facts.NullableBool(FactKeys.WorkflowPermissionsSet));
        Assert.True(facts.NullableBool(FactKeys.JobTimeouts));
        Assert.Equal([".github/actions/setup/action.yml:6"], facts.Where(FactKeys.Caching));
        // The matrix (with its include entry) and the composite action's setup step are CI pins.
        Assert.Equal(
            ["node 20.19.0 .github/actions/setup/action.yml:6 ci", "node 18 .github/workflows/ci.yml:17 ci", "node 20 .github/workflows/ci.yml:17 ci", "node 22 .github/workflows/ci.yml:17 ci"],
            facts.Pins());
    }

    [Fact]
    public void A_deploy_job_that_does_not_need_the_tests_is_not_gated_and_the_evidence_is_that_deploy()
    {
        var facts = Read(
            (".github/workflows/ci.yml", """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: go test ./...
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - run: kubectl apply -f k8s/
                """),
            (".github/workflows/release.yml", """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: go test ./...
                      - run: helm upgrade --install api ./chart
                """));

        Assert.False(facts.NullableBool(FactKeys.DeployGated));
        Assert.Equal([".github/workflows/ci.yml:10"], facts.Where(FactKeys.DeployGated));
        Assert.False(facts.NullableBool(FactKeys.WorkflowPermissionsSet));
        Assert.False(facts.NullableBool(FactKeys.JobTimeouts));
        Assert.Equal([".github/workflows/ci.yml:4", ".github/workflows/release.yml:4"], facts.Where(FactKeys.JobTimeouts));
    }

    [Fact]
    public void Docs_deploys_and_deploys_into_a_throwaway_cluster_are_no_deploys()
    {
        var facts = Read(
            (".github/workflows/docs.yml", """
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npx netlify deploy --prod --dir site
                """),
            (".github/workflows/e2e.yml", """
                on: pull_request
                jobs:
                  cluster:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: helm/kind-action@v1
                      - run: kubectl apply -f k8s/
                      - run: ./e2e/check.sh
                """));

        Assert.False(facts.Bool(FactKeys.Deploys));
        Assert.Null(facts.NullableBool(FactKeys.DeployGated));
    }

    [Fact]
    public void A_workflow_run_after_a_successful_tested_workflow_is_gated()
    {
        var facts = Read(
            (".github/workflows/ci-pr.yaml", """
                name: "Continuous Integration - Pull Request"
                on: pull_request
                jobs:
                  code-tests:
                    runs-on: ubuntu-latest
                    steps:
                      - run: dotnet test src/cartservice/
                """),
            (".github/workflows/deploy-pr.yaml", """
                name: "Deploy Staging - Pull Request"
                on:
                  workflow_run:
                    workflows: ["Continuous Integration - Pull Request"]
                    types: [completed]
                jobs:
                  deployment-tests:
                    if: ${{ github.event.workflow_run.conclusion == 'success' }}
                    runs-on: ubuntu-latest
                    steps:
                      - run: skaffold run --default-repo=us-docker.pkg.dev/project
                """));

        Assert.True(facts.Bool(FactKeys.Deploys));
        Assert.True(facts.Bool(FactKeys.RunsBuild));
        Assert.True(facts.NullableBool(FactKeys.DeployGated));
    }

    [Fact]
    public void Steps_are_followed_into_shell_scripts_and_make_pattern_targets()
    {
        var facts = Read(
            (".github/workflows/ci.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    container: python:3.12-slim
                    steps:
                      - run: ./ci/check.sh
                      - run: make test-${TARGET}
                """),
            ("ci/check.sh", "#!/usr/bin/env bash\nset -e\n# ruff would be run here\nmypy src/\n"),
            ("Makefile", "test-%: prepare\n\t@echo $*\nifeq ($(CI), true)\n\tpytest -x\nendif\n"));

        Assert.Equal([".github/workflows/ci.yml:7"], facts.Where(FactKeys.RunsTypecheck));
        Assert.False(facts.Bool(FactKeys.RunsLint)); // the comment does not run ruff
        Assert.Equal([".github/workflows/ci.yml:8"], facts.Where(FactKeys.RunsTests));
        Assert.Equal(["python 3.12 .github/workflows/ci.yml:5 ci"], facts.Pins());
    }

    [Fact]
    public void A_script_called_many_times_over_three_levels_is_classified_once_per_level()
    {
        // An installer that calls its helpers dozens of times, each calling more (a real one took 13 minutes to follow).
        using var repo = TestRepository.Create();
        repo.Write("install.sh", "#!/bin/sh\n" + string.Concat(Enumerable.Repeat("./scripts/a.sh\n./scripts/b.sh\n", 40)));
        repo.Write("scripts/a.sh", "#!/bin/sh\n" + string.Concat(Enumerable.Repeat("./scripts/b.sh\n", 40)));
        repo.Write("scripts/b.sh", "#!/bin/sh\npytest -x\n");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        var scripts = ScriptIndex.Of(new FactContext(snapshot, PartDetector.Detect(snapshot)));

        var activities = CommandClassifier.Classify("./install.sh", scripts);

        Assert.True(activities.Test); // pytest, in b.sh, two and three levels down
        // install.sh at depth 1, a.sh and b.sh at depth 2, b.sh at depth 3: each body once per depth it is reached at.
        Assert.Equal(4, scripts.Followed.Count);
    }

    [Fact]
    public void A_script_named_like_an_install_command_runs_when_called_with_run_and_matrix_variables_are_put_in()
    {
        var facts = Read(
            (".github/workflows/e2e.yml", """
                on: push
                jobs:
                  e2e:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npm ci
                      - run: npm run ci
                """),
            (".github/workflows/test.yml", """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        tests:
                          - name: General
                            command: test
                          - name: System
                            command: test:system
                    steps:
                      - run: bin/rails $TEST_COMMAND
                        env:
                          TEST_COMMAND: ${{ matrix.tests.command }}
                """),
            ("package.json", """{ "scripts": { "ci": "turbo run build && turbo run test:e2e", "test:e2e": "playwright test" } }"""));

        Assert.Equal([".github/workflows/e2e.yml:7", ".github/workflows/test.yml:13"], facts.Where(FactKeys.RunsTests));
    }

    // Shaped after a Rails service whose one job runs each check as a matrix entry: the step runs the matrix's command,
    // and that command reads the check's name from a step variable set from the matrix.
    [Fact]
    public void A_matrix_command_that_reads_a_matrix_step_variable_runs_each_value()
    {
        var facts = Read(
            (".github/workflows/ci.yml", """
                on: push
                jobs:
                  main:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        name: ["brakeman", "rubocop"]
                        run: ["bundle exec rake $NAME"]
                        include:
                          - name: test postgres
                            run: bundle exec rake db:create default
                    steps:
                      - env:
                          NAME: ${{ matrix.name }}
                        run: ${{ matrix.run }}
                """));

        Assert.Equal(["brakeman"], facts.List(FactKeys.SecurityScanners));
        Assert.Equal([".github/workflows/ci.yml:13"], facts.Where(FactKeys.RunsLint));
    }

    [Theory]
    [InlineData("npm-run-all --serial lint test:*", "test:unit", "vitest run")]
    [InlineData("run-p -l \"test:**\"", "test:unit:fast", "jest --onlyChanged")]
    [InlineData("run-s build check", "check", "jest --ci")]
    [InlineData("concurrently -k \"npm:lint\" \"npm:test:unit\"", "test:unit", "jest")]
    public void A_script_that_runs_others_through_npm_run_all_or_concurrently_is_followed(string verify, string name, string body)
    {
        var facts = Read(
            (".github/workflows/ci.yml", """
                on: push
                jobs:
                  verify:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npm run verify
                """),
            ("package.json", $$"""{ "scripts": { "verify": "{{verify.Replace("\"", "\\\"", StringComparison.Ordinal)}}", "lint": "eslint .", "typecheck": "tsc --noEmit", "build": "vite build", "{{name}}": "{{body}}" } }"""));

        Assert.Equal([".github/workflows/ci.yml:6"], facts.Where(FactKeys.RunsTests));
    }

    [Fact]
    public void A_glob_stops_at_a_colon_unless_it_is_doubled()
    {
        var facts = Read(
            (".github/workflows/ci.yml", "on: push\njobs:\n  verify:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run verify\n"),
            ("package.json", """{ "scripts": { "verify": "npm-run-all test:*", "test:unit:all": "vitest run" } }"""));

        Assert.Empty(facts.Where(FactKeys.RunsTests));
    }

    [Fact]
    public void CodeQL_default_setup_is_read_from_its_badge()
    {
        var facts = Read(("README.md", "# App\n\n[![CodeQL](https://github.com/acme/app/actions/workflows/github-code-scanning/codeql/badge.svg)](https://github.com/acme/app/actions)\n"));

        Assert.Equal(["codeql"], facts.List(FactKeys.SecurityScanners));
        Assert.Equal(["README.md:3"], facts.Where(FactKeys.SecurityScanners, "codeql"));
        Assert.Empty(facts.List(FactKeys.CiSystems));
    }

    [Theory]
    [InlineData(".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n", "dependabot")]
    [InlineData("renovate.json", "{ \"extends\": [\"config:recommended\"] }", "renovate")]
    [InlineData(".github/renovate.json5", "{ extends: ['config:recommended'] }", "renovate")]
    public void The_dependency_bot_is_read_from_its_configuration(string path, string text, string bot)
    {
        var facts = Read((path, text));

        Assert.Equal(bot, facts.Text(FactKeys.DependencyBot));
        Assert.Equal([path], facts.Where(FactKeys.DependencyBot));
    }
}
