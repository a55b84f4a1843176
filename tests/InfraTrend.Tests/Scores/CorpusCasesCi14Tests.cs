using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Scoring;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// CI cases of the fourteenth calibration round, each rebuilt by hand after the real repositories named in the test
/// (none of their files are copied): pipelines that run their checks through a task runner whose tasks the tool did not follow.
/// </summary>
public class CorpusCasesCi14Tests
{
    private static ScopedFinding Rule(TestRepository repo, string rule) => Finding(Evaluation.Evaluate(Extract(repo)), rule);

    [Fact]
    public void Gulp_tasks_run_by_the_pipeline_are_judged_by_their_names()
    {
        // babybuddy/babybuddy: the workflow runs `gulp lint` and `gulp coverage`, whose tasks (JavaScript functions in
        // gulpfile.js) spawn black, djlint and `coverage run manage.py test`; auditors credit linting and the Django tests.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "django==5.0\n")
            .Write("app/tests/test_views.py", "from django.test import TestCase\n\n\nclass HomeTests(TestCase):\n    def test_home(self):\n        self.assertEqual(self.client.get('/').status_code, 200)\n")
            .Write("package.json", "{\"name\":\"tracker\",\"devDependencies\":{\"gulp\":\"^5.0.0\"}}\n")
            .Write("gulpfile.js", "function lint() { return run(['black', '--check', '.']); }\nfunction coverage(cb) { return run(['coverage', 'run', 'manage.py', 'test']); }\ngulp.task('lint', lint);\ngulp.task('coverage', coverage);\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm install --location=global gulp-cli\n      - run: npm install\n      - run: gulp lint\n      - run: gulp coverage\n");

        Assert.Equal(FindingStatus.Pass, Rule(repo, "ci.tests").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Rule(repo, "ci.lint-or-typecheck").Finding.Status);
    }

    [Fact]
    public void Psake_tasks_are_followed_through_their_dependencies()
    {
        // jbogard/ContosoUniversityDotNetCore-Pages: the workflow runs `invoke-psake ci`; psakefile.ps1's CI task depends on
        // Test and Publish, Test on Compile, and their bodies are `exec { dotnet test ... }` and `exec { dotnet build ... }`.
        using var repo = TestRepository.Create()
            .Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n")
            .Write("App.Tests/App.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"xunit\" Version=\"2.9.0\" /></ItemGroup></Project>\n")
            .Write("App.Tests/HomeTests.cs", "using Xunit;\n\npublic class HomeTests\n{\n    [Fact]\n    public void Works() { }\n}\n")
            .Write("psakefile.ps1", "properties {\n    $configuration = 'Release'\n}\n\ntask default -depends Test\ntask CI -depends Clean, Test -description \"Continuous Integration\"\n\ntask Test -depends Compile -description \"Run the tests\" {\n    exec { dotnet test --configuration $configuration --no-build }\n}\n\ntask Compile -description \"Compile\" {\n    exec { dotnet build --configuration $configuration }\n}\n\ntask Clean {\n    exec { dotnet clean }\n}\n")
            .Write(".github/workflows/main.yml", "on: [push, pull_request]\njobs:\n  build:\n    runs-on: windows-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pwsh ./setup.ps1\n      - name: Build and Test\n        shell: pwsh\n        run: |\n          invoke-psake ci -properties ${'version':'1.0'}\n");

        Assert.Equal(FindingStatus.Pass, Rule(repo, "ci.tests").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Rule(repo, "ci.builds").Finding.Status);
    }

    [Fact]
    public void A_bare_rake_runs_the_default_tasks_prerequisites()
    {
        // houndci/hound: CircleCI runs `bundle exec rake`, and the Rakefile's `task default: [..., "spec", "bundler:audit"]`
        // audits the gems with bundler-audit's rake task; auditors list the audit among the pipeline's checks.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\ngroup :test do\n  gem 'rspec-rails'\n  gem 'bundler-audit'\nend\n")
            .Write("spec/models/user_spec.rb", "describe User do\nend\n")
            .Write("Rakefile", "require File.expand_path('../config/application', __FILE__)\nApp::Application.load_tasks\n\ntask(:default).clear\ntask default: [\"spec\", \"bundler:audit\"]\n")
            .Write(".circleci/config.yml", "version: 2\njobs:\n  build:\n    docker:\n      - image: cimg/ruby:3.3\n    steps:\n      - checkout\n      - run: bundle install\n      - run: bundle exec rake\n");
        // Without the Rakefile's default prerequisites, a bare rake audits nothing.
        using var plain = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\n")
            .Write("spec/models/user_spec.rb", "describe User do\nend\n")
            .Write("Rakefile", "require File.expand_path('../config/application', __FILE__)\nApp::Application.load_tasks\n")
            .Write(".circleci/config.yml", "version: 2\njobs:\n  build:\n    docker:\n      - image: cimg/ruby:3.3\n    steps:\n      - checkout\n      - run: bundle exec rake\n");

        Assert.Equal(FindingStatus.Pass, Rule(repo, "ci.dependency-audit").Finding.Status);
        Assert.NotEqual(FindingStatus.Fail, Rule(repo, "security.scanning-in-ci").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Rule(plain, "ci.dependency-audit").Finding.Status);
    }

    [Fact]
    public void A_maven_skip_decided_by_an_expression_leaves_the_tests_in_the_other_runs()
    {
        // Athou/commafeed: `mvn install -DskipTests=${{ matrix.os == 'windows-latest' && matrix.database != 'h2' }}` skips the
        // tests on some Windows cells of the matrix only; every other cell runs them against its database.
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>app</artifactId><version>1</version></project>\n")
            .Write("src/test/java/app/FeedTest.java", "package app;\n\nimport org.junit.jupiter.api.Test;\n\nclass FeedTest {\n    @Test\n    void parses() { }\n}\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  build:\n    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-latest]\n    runs-on: ${{ matrix.os }}\n    steps:\n      - uses: actions/checkout@v4\n      - run: mvn --batch-mode install -DskipTests=${{ matrix.os == 'windows-latest' }}\n");
        using var skipped = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>app</artifactId><version>1</version></project>\n")
            .Write("src/test/java/app/FeedTest.java", "package app;\n\nimport org.junit.jupiter.api.Test;\n\nclass FeedTest {\n    @Test\n    void parses() { }\n}\n")
            .Write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: mvn --batch-mode install -DskipTests\n");

        Assert.Equal(FindingStatus.Pass, Rule(repo, "ci.tests").Finding.Status);
        Assert.NotEqual(FindingStatus.Pass, Rule(skipped, "ci.tests").Finding.Status);
    }
}
