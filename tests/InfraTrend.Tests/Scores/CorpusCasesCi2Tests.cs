using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// CI/CD cases of the fifth calibration round, each a small fixture written by hand after the pattern the corpus showed
/// (none of the real repositories' files are copied): auditors rate a pipeline by how much it verifies and whether it
/// ships what it built, more than by its YAML hygiene.
/// </summary>
public class CorpusCasesCi2Tests
{
    private static ScopedFinding Rule(TestRepository repo, string rule) => Finding(Evaluation.Evaluate(Extract(repo)), rule);

    private const string Pom = "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>app</artifactId><version>1</version></project>\n";

    [Fact]
    public void A_pipeline_that_runs_an_end_to_end_suite_against_a_started_stack_tests_against_real_services()
    {
        // rallly, Squidex, apollo: besides the unit tests a job brings the stack up with docker compose and runs
        // Playwright against it; auditors rated these pipelines 85-88.
        using var repo = TestRepository.Create()
            .Write("package.json", """{"name":"app","scripts":{"test":"vitest run","test:e2e":"playwright test"},"devDependencies":{"vitest":"1.0.0","@playwright/test":"1.40.0"}}""")
            .Write("src/app.test.js", "test('x', () => {});\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker compose -f compose.test.yml up -d\n      - run: npx playwright test\n");

        var finding = Rule(repo, "ci.integration-tests");

        Assert.Equal(FindingStatus.Pass, finding.Finding.Status);
        Assert.Equal(new Evidence(".github/workflows/ci.yml", 13), finding.Finding.Evidence[0]);
    }

    [Fact]
    public void A_test_job_with_a_database_service_container_or_a_database_matrix_tests_against_real_services()
    {
        // exercism, rubyforgood's apps: rspec with a postgres service beside it; bugsink, lnbits: the suite over a
        // matrix of sqlite, mysql and postgres. Both run the code against the real database engines.
        using var services = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\ngroup :test do\n  gem 'rspec-rails'\nend\n")
            .Write("spec/models/user_spec.rb", "describe User do\nend\n")
            .Write(".github/workflows/rspec.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      postgres:\n        image: postgres:16\n    steps:\n      - uses: actions/checkout@v4\n      - run: bundle exec rspec\n");
        using var matrix = TestRepository.Create()
            .Write("requirements.txt", "django==5.0\n")
            .Write("app/tests.py", "from django.test import TestCase\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        python-version: ['3.12', '3.13']\n        db: [sqlite, mysql, postgres]\n    steps:\n      - uses: actions/checkout@v4\n      - run: python manage.py test\n");

        Assert.Equal(FindingStatus.Pass, Rule(services, "ci.integration-tests").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Rule(matrix, "ci.integration-tests").Finding.Status);
    }

    [Fact]
    public void Tests_that_declare_testcontainers_test_against_real_services_whatever_the_step_is_called()
    {
        // zipkin, conductor: `mvn verify` or `./gradlew test` in the workflow, Testcontainers in the build file; the
        // tests start the databases and brokers themselves.
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>app</artifactId><version>1</version>\n<dependencies>\n  <dependency><groupId>org.testcontainers</groupId><artifactId>postgresql</artifactId><scope>test</scope></dependency>\n</dependencies></project>\n")
            .Write("src/test/java/x/AppTest.java", "class AppTest {}\n")
            .Write(".github/workflows/test.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./mvnw -B verify\n");

        var finding = Rule(repo, "ci.integration-tests");

        Assert.Equal(FindingStatus.Pass, finding.Finding.Status);
        Assert.Equal(new Evidence("pom.xml", 3), finding.Finding.Evidence[0]);
    }

    [Fact]
    public void Unit_tests_alone_or_a_deploy_that_brings_up_compose_do_not_test_against_real_services()
    {
        // pig, node-red: one job runs `mvn clean install` or npm test and nothing else (auditors 45-60). A deploy job
        // that runs `docker compose up` on the server tests nothing.
        using var unit = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/test/java/x/AppTest.java", "class AppTest {}\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: mvn -B clean install\n");
        using var deploy = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/test/java/x/AppTest.java", "class AppTest {}\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: mvn -B verify\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - uses: appleboy/ssh-action@v1\n        with:\n          script: cd /srv/app && docker compose up -d\n");

        Assert.Equal(FindingStatus.Fail, Rule(unit, "ci.integration-tests").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Rule(deploy, "ci.integration-tests").Finding.Status);
    }

    /// <summary>A Go application and nothing else: each case adds the pipeline it is about.</summary>
    private static TestRepository GoApp() => TestRepository.Create()
        .Write("go.mod", "module example.com/app\n\ngo 1.22\n")
        .Write("main.go", "package main\n\nfunc main() {}\n");

    [Fact]
    public void A_pipeline_that_publishes_an_image_ships_what_it_builds_and_one_that_only_checks_does_not()
    {
        // Ombi, zipkin: images and release artefacts published after the tests (auditors 85-88); gophish, IPBan,
        // hackathon-starter: build and test, nothing shipped ("deploys nothing", "no release build in CI", 45-65).
        using var publishes = GoApp()
            .Write(".github/workflows/release.yml", "on:\n  push:\n    tags: ['v*']\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/login-action@v3\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/example/app:latest\n");
        using var checks = GoApp()
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go build ./...\n      - run: go test ./...\n");
        using var none = GoApp();

        Assert.Equal(FindingStatus.Pass, Rule(publishes, "ci.delivers").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Rule(checks, "ci.delivers").Finding.Status);
        Assert.Equal(FindingStatus.NotApplicable, Rule(none, "ci.delivers").Finding.Status);
    }

    [Fact]
    public void A_code_scanner_earns_half_the_dependency_audit_and_a_dependency_bot_alone_earns_nothing()
    {
        // Ombi, apollo, logto: CodeQL on every push, no dependency audit; hackathon-starter, node-red, thelounge:
        // Dependabot or Renovate and "no security scanning" in CI. The bot is counted by ci.dependency-updates.
        const string Ci = "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n";
        using var codeql = TestRepository.Create()
            .Write("package.json", """{"name":"app","scripts":{"test":"jest"}}""")
            .Write(".github/workflows/ci.yml", Ci)
            .Write(".github/workflows/codeql.yml", "on: [push, pull_request]\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: github/codeql-action/init@v3\n      - uses: github/codeql-action/analyze@v3\n");
        using var bot = TestRepository.Create()
            .Write("package.json", """{"name":"app","scripts":{"test":"jest"}}""")
            .Write(".github/workflows/ci.yml", Ci)
            .Write(".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n");

        var scanned = Rule(codeql, "ci.dependency-audit").Finding;

        Assert.Equal((FindingStatus.Partial, 0.5), (scanned.Status, scanned.Score));
        Assert.Equal(FindingStatus.Fail, Rule(bot, "ci.dependency-audit").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Rule(bot, "ci.dependency-updates").Finding.Status);
    }

    [Fact]
    public void A_test_step_in_a_repository_without_test_files_tests_nothing()
    {
        // excalidraw-room: the `test` script runs eslint, prettier and tsc, and the repository has no tests at all.
        using var repo = TestRepository.Create()
            .Write("package.json", """{"name":"room","scripts":{"test":"yarn test:code","test:code":"eslint --ext .ts src","build":"tsc"},"devDependencies":{"typescript":"5.0.0","eslint":"8.0.0"}}""")
            .Write("src/index.ts", "export const port = 80;\n")
            .Write(".github/workflows/test.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: yarn --frozen-lockfile\n      - run: yarn test\n");

        Assert.Equal(FindingStatus.Fail, Rule(repo, "ci.tests").Finding.Status);
    }

    [Fact]
    public void A_django_projects_own_manage_console_script_runs_the_tests()
    {
        // bugsink: the wheel installs a `bugsink-manage` entry point and CI runs `bugsink-manage test ...` with it.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "django==5.0\n")
            .Write("app/tests.py", "from django.test import TestCase\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install dist/*.whl\n      - run: app-manage test app -v2\n");

        Assert.True(Extract(repo).Repository.Bool(FactKeys.RunsTests));
    }

    [Fact]
    public void A_maven_run_that_skips_the_tests_and_a_gradle_build_without_them_do_not_test()
    {
        // ruoyi-vue-pro: `mvn -B package --file pom.xml -Dmaven.test.skip=true` in maven.yml and its Jenkinsfile; the
        // flag names the tests only to skip them. `-DskipTests=false` turns them back on.
        using var maven = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/test/java/x/AppTest.java", "class AppTest {}\n")
            .Write(".github/workflows/maven.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: mvn -B package --file pom.xml -Dmaven.test.skip=true\n");
        using var gradle = TestRepository.Create()
            .Write("build.gradle", "plugins { id 'java' }\n")
            .Write("src/test/java/x/AppTest.java", "class AppTest {}\n")
            .Write(".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./gradlew build -x test\n");
        using var on = TestRepository.Create()
            .Write("pom.xml", Pom)
            .Write("src/test/java/x/AppTest.java", "class AppTest {}\n")
            .Write(".github/workflows/maven.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: mvn -B package -DskipTests=false\n");

        var skipped = Extract(maven).Repository;

        Assert.False(skipped.Bool(FactKeys.RunsTests));
        Assert.True(skipped.Bool(FactKeys.RunsBuild));
        Assert.False(Extract(gradle).Repository.Bool(FactKeys.RunsTests));
        Assert.True(Extract(on).Repository.Bool(FactKeys.RunsTests));
    }

    [Fact]
    public void A_root_circle_yml_is_a_circleci_pipeline()
    {
        // hound: CI is a root-level circle.yml (CircleCI's first file name) running `bundle exec rake`, whose default
        // task runs rspec; the auditor counted it (58) while the tool saw no pipeline at all.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\n")
            .Write("spec/models/user_spec.rb", "describe User do\nend\n")
            .Write("circle.yml", "version: 2\njobs:\n  build:\n    docker:\n      - image: circleci/ruby:2.7\n      - image: postgres:9.5\n    steps:\n      - checkout\n      - run: bundle install\n      - run: bundle exec rake\n");

        var facts = Extract(repo).Repository;

        Assert.True(facts.Has(FactKeys.CiSystems, "circleci"));
        Assert.True(facts.Bool(FactKeys.RunsTests));
    }

    [Fact]
    public void Pinning_and_token_permissions_weigh_half_a_point_beside_what_the_pipeline_verifies()
    {
        // Squidex, Ombi, growthbook: rich pipelines with tag-pinned actions and no permissions blocks; auditors never
        // mentioned either and rated the CI 85.
        Assert.Equal(0.5, AnalyzerRegistry.Find("ci.actions-pinned")!.Weight);
        Assert.Equal(0.5, AnalyzerRegistry.Find("ci.workflow-permissions")!.Weight);
        Assert.Equal((3, 2.0), (AnalyzerRegistry.Find("ci.integration-tests")!.Level, AnalyzerRegistry.Find("ci.integration-tests")!.Weight));
        Assert.Equal((3, 2.0), (AnalyzerRegistry.Find("ci.delivers")!.Level, AnalyzerRegistry.Find("ci.delivers")!.Weight));
    }
}
