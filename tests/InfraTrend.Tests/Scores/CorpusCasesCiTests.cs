using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// CI/CD cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after the
/// real repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesCiTests
{
    private static FindingStatus Status(RepositoryFacts facts, string rule) =>
        Finding(Evaluation.Evaluate(facts), rule).Finding.Status;

    private const string GoMod = "module example.com/app\n\ngo 1.22\n";

    [Fact]
    public void A_root_pom_that_skips_the_tests_makes_a_maven_package_step_build_without_testing()
    {
        // xxl-job: the root pom.xml sets <maven.test.skip>true</maven.test.skip> and maven.yml runs `mvn -B package`;
        // openmrs-core sets it only in a skip-all-checks profile, which leaves `mvn verify` testing.
        const string Pipeline = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: mvn -B package --file pom.xml\n";
        using var skipped = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>job</artifactId><version>1</version>\n<properties>\n  <maven.compiler.source>17</maven.compiler.source>\n  <maven.test.skip>true</maven.test.skip>\n</properties></project>\n")
            .Write(".github/workflows/maven.yml", Pipeline);
        using var profile = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>core</artifactId><version>1</version>\n<profiles><profile><id>skip-all-checks</id><properties><maven.test.skip>true</maven.test.skip></properties></profile></profiles></project>\n")
            .Write(".github/workflows/maven.yml", Pipeline);
        using var turnedOn = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>job</artifactId><version>1</version>\n<properties><skipTests>true</skipTests></properties></project>\n")
            .Write(".github/workflows/maven.yml", Pipeline.Replace("mvn -B package", "mvn -B verify -DskipTests=false", StringComparison.Ordinal));

        var facts = Extract(skipped);

        Assert.False(facts.Repository.Bool(FactKeys.RunsTests));
        Assert.True(facts.Repository.Bool(FactKeys.RunsBuild));
        Assert.True(Extract(profile).Repository.Bool(FactKeys.RunsTests));
        Assert.True(Extract(turnedOn).Repository.Bool(FactKeys.RunsTests));
    }

    [Fact]
    public void Makefile_targets_with_help_comments_and_matrix_values_in_the_target_name_are_followed()
    {
        // focalboard: `make server-test-${{matrix['db']}}` over a db matrix, and Makefile targets written
        // `server-lint: ## Run linters on server code.` (a self-documenting Makefile).
        using var repo = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", "package main\n\nfunc main() {}\n")
            .Write("Makefile", "server-lint: ## Run linters on server code.\n\tcd server; golangci-lint run ./...\n\nserver-test-sqlite: export UNIT_TESTING=1\n\nserver-test-sqlite: ## Run server tests using sqlite\n\tcd server; go test -race ./...\n\nserver-linux: ## Build server for Linux.\n\tcd server; go build -o ../bin/server ./main\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  server:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        db:\n          - sqlite\n    steps:\n      - uses: actions/checkout@v4\n      - name: \"Test server: ${{matrix['db']}}\"\n        run: make server-test-${{matrix['db']}}\n      - run: cd app; make server-linux\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          cd app\n          make server-lint\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.RunsTests));
        Assert.True(facts.Repository.Bool(FactKeys.RunsLint));
        Assert.True(facts.Repository.Bool(FactKeys.RunsBuild));
    }

    [Fact]
    public void Parallel_rspec_cucumber_and_jasmine_rake_tasks_are_tests_and_pronto_is_a_linter()
    {
        // codebar/planner: `bundle exec parallel_rspec spec/ -n 6`; diaspora: `bin/rake --trace ci:${{ matrix.kind }}` over
        // cucumber/other, `bin/rake jasmine:ci`, and lint.yml's `bin/bundle exec pronto run -f github_status`.
        using var parallel = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\n")
            .Write(".github/workflows/ruby.yml", "on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ruby/setup-ruby@v1\n      - run: |\n          bundle exec parallel_rspec spec/ \\\n            -n 6\n");
        using var rake = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        kind:\n          - cucumber\n          - other\n    steps:\n      - uses: actions/checkout@v4\n      - run: bin/rake --trace ci:${{ matrix.kind }}\n")
            .Write(".github/workflows/lint.yml", "on: pull_request\njobs:\n  pronto:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: bin/bundle exec pronto run -f github_status -c main\n");
        using var jasmine = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\n")
            .Write(".github/workflows/ci.yml", "on: push\njobs:\n  js:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: bin/rake jasmine:ci\n");

        var rakeFacts = Extract(rake);

        Assert.True(Extract(parallel).Repository.Bool(FactKeys.RunsTests));
        Assert.True(rakeFacts.Repository.Bool(FactKeys.RunsTests));
        Assert.True(rakeFacts.Repository.Bool(FactKeys.RunsLint));
        Assert.Equal(FindingStatus.Pass, Status(rakeFacts, "ci.builds"));
        Assert.True(Extract(jasmine).Repository.Bool(FactKeys.RunsTests));
    }

    [Fact]
    public void Taskfile_tasks_are_followed_and_goreleaser_builds()
    {
        // filebrowser: ci.yaml runs `task build` (Taskfile.yml: build calls build:frontend and build:backend, the latter
        // `go build`), and releases with goreleaser/goreleaser-action (`args: release --clean`).
        using var task = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", "package main\n\nfunc main() {}\n")
            .Write("Taskfile.yml", "version: '3'\n\ntasks:\n  build:frontend:\n    dir: frontend\n    cmds:\n      - pnpm install --frozen-lockfile\n  build:backend:\n    cmds:\n      - go build -o app .\n  build:\n    desc: Build both\n    cmds:\n      - task: build:frontend\n      - task: build:backend\n")
            .Write(".github/workflows/ci.yaml", "on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: go-task/setup-task@v2\n      - run: task build\n");
        using var release = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", "package main\n\nfunc main() {}\n")
            .Write(".github/workflows/release.yaml", "on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: goreleaser/goreleaser-action@v7\n        with:\n          args: release --clean\n");

        Assert.True(Extract(task).Repository.Bool(FactKeys.RunsBuild));
        Assert.True(Extract(release).Repository.Bool(FactKeys.RunsBuild));
    }

    [Fact]
    public void A_reusable_workflow_run_step_reads_the_inputs_its_caller_passes()
    {
        // lnbits: lint.yml calls make.yml with `make: checkruff` (and mypy...), and make.yml runs `make ${{ inputs.make }}`.
        using var repo = TestRepository.Create()
            .Write("pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"fastapi\"]\n")
            .Write("Makefile", "checkruff:\n\tuv run ruff check .\n\nmypy:\n\tuv run mypy\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  lint:\n    uses: ./.github/workflows/lint.yml\n")
            .Write(".github/workflows/lint.yml", "on:\n  workflow_call:\njobs:\n  ruff:\n    uses: ./.github/workflows/make.yml\n    with:\n      make: checkruff\n  mypy:\n    uses: ./.github/workflows/make.yml\n    with:\n      make: mypy\n")
            .Write(".github/workflows/make.yml", "on:\n  workflow_call:\n    inputs:\n      make:\n        type: string\njobs:\n  make:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make ${{ inputs.make }}\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.RunsLint));
        Assert.True(facts.Repository.Bool(FactKeys.RunsTypecheck));
    }

    [Fact]
    public void A_script_run_by_its_path_inside_a_container_is_the_repositorys_script_of_that_name()
    {
        // WebODM's test-docker.yml: `docker compose exec -T webapp /webodm/webodm.sh test`; webodm.sh sits at the root
        // and its test command runs `npm run test` and `python manage.py test`.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "django==5.0\n")
            .Write("manage.py", "import django\n")
            .Write("webodm.sh", "#!/bin/bash\nrun_tests(){\n    python manage.py test $*\n}\nif [[ $1 = \"test\" ]]; then\n    run_tests\nfi\n")
            .Write(".github/workflows/test-docker.yml", "on: pull_request\njobs:\n  docker:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Build and Test\n        run: |\n          docker compose build\n          docker compose up -d\n          docker compose exec -T webapp /webodm/webodm.sh test\n");

        Assert.True(Extract(repo).Repository.Bool(FactKeys.RunsTests));
    }

    [Fact]
    public void Dependabot_is_read_whatever_the_case_of_its_file_but_not_when_every_entry_opens_no_pull_requests()
    {
        // postiz-app: .github/Dependabot.yml (npm, daily); hoppscotch: its one npm entry sets open-pull-requests-limit: 0.
        using var spelled = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "dependencies": { "express": "4.19.2" } }""")
            .Write(".github/Dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: \"npm\"\n    directory: \"/\"\n    schedule:\n      interval: \"daily\"\n");
        using var off = TestRepository.Create()
            .Write("package.json", """{ "name": "app", "dependencies": { "express": "4.19.2" } }""")
            .Write(".github/dependabot.yml", "version: 2\nupdates:\n- package-ecosystem: npm\n  directory: \"/\"\n  schedule:\n    interval: weekly\n  open-pull-requests-limit: 0\n");

        Assert.Equal("dependabot", Extract(spelled).Repository.Text(FactKeys.DependencyBot));
        var facts = Extract(off);
        Assert.Null(facts.Repository.Text(FactKeys.DependencyBot));
        Assert.Equal(FindingStatus.Fail, Status(facts, "ci.dependency-updates"));
    }

    [Fact]
    public void A_travis_file_beside_github_actions_is_a_leftover_whose_steps_do_not_run()
    {
        // wekan: .travis.yml (Node 14, `npm test`) beside 13 GitHub workflows none of which runs the tests; writefreely's
        // .travis.yml pins Go 1.13 against go.mod's 1.21: the pin still stands in the repository.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.21\n")
            .Write("main.go", "package main\n\nfunc main() {}\n")
            .Write(".travis.yml", "language: go\ngo:\n  - \"1.13\"\nscript: go test ./...\n")
            .Write(".github/workflows/docker-publish.yml", "on:\n  push:\n    tags: ['v*']\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t app .\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.RunsTests));
        Assert.Equal(["github-actions"], facts.Repository.List(FactKeys.CiSystems));
        Assert.Contains(facts.Repository.Objects(FactKeys.RuntimeSources), s => (string?)s["path"] == ".travis.yml");
    }

    [Fact]
    public void A_matrix_of_mappings_puts_each_entrys_command_into_the_run_line()
    {
        // otwcode/otwarchive (sixth split): matrix.tests is a list of {command: rspec, arguments: spec/models} entries,
        // and the step runs `bundle exec ${{ matrix.tests.command }} ${{ matrix.tests.arguments }}`.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\ngem 'rspec-rails', group: :test\n")
            .Write("spec/models/work_spec.rb", "describe Work do\n  it 'is valid' do\n  end\nend\n")
            .Write(".github/workflows/automated-tests.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        tests:\n          - command: rake\n            arguments: db:otwseed\n          - command: rspec\n            arguments: spec/models\n    steps:\n      - uses: actions/checkout@v4\n      - name: Run test group\n        run: bundle exec ${{ matrix.tests.command }} ${{ matrix.tests.arguments }}\n");

        Assert.True(Extract(repo).Repository.Bool(FactKeys.RunsTests));
    }
}
