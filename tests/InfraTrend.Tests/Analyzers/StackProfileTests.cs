using InfraTrend.Analyzers;
using InfraTrend.Analyzers.Ci;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.StackFixture;

namespace InfraTrend.Tests.Analyzers;

/// <summary>Fixes are written for the stack a part really is: Bundler for a Rails app with JavaScript in it, the build file and wrapper a JVM build uses.</summary>
public class StackProfileTests
{
    private static StackProfile ProfileOf(TestRepository repo, string part = ".")
    {
        var facts = ReadFacts(repo);
        return StackProfile.From(PartAt(facts, part), facts.Repository);
    }

    [Fact]
    public void A_rails_app_with_stimulus_controllers_is_ruby_and_runs_its_minitest_suite_with_rails()
    {
        using var repo = TestRepository.Create();
        repo.Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\", \"~> 8.0\"\n")
            .Write("Gemfile.lock", "GEM\n  specs:\n    rails (8.0.1)\n\nBUNDLED WITH\n   2.6.2\n")
            .Write("config/application.rb", "module Blog\n  class Application < Rails::Application\n  end\nend\n")
            .Write("app/javascript/controllers/hello_controller.js", "import { Controller } from \"@hotwired/stimulus\"\nexport default class extends Controller {}\n")
            .Write("package.json", "{ \"name\": \"blog\", \"private\": true, \"scripts\": { \"build\": \"esbuild app/javascript/*.*\" } }\n")
            .Write("test/models/post_test.rb", "class PostTest < ActiveSupport::TestCase\nend\n");

        var profile = ProfileOf(repo);

        Assert.Equal(("ruby", "bundler", "rails"), (profile.Ecosystem, profile.PackageManager, profile.Framework));
        Assert.Equal("bundle add lograge", profile.AddPackage(node: "pino", ruby: "lograge"));
        Assert.Equal("bin/rails test", PipelineCommands.Test(profile));
        Assert.Equal("bundle install", PipelineCommands.Install(profile));
    }

    [Fact]
    public void A_gradle_kotlin_dsl_build_with_the_wrapper_gets_build_gradle_kts_and_gradlew()
    {
        using var repo = TestRepository.Create();
        repo.Write("settings.gradle.kts", "rootProject.name = \"api\"\n")
            .Write("build.gradle.kts", "plugins {\n    id(\"org.springframework.boot\") version \"3.4.1\"\n    kotlin(\"jvm\") version \"2.1.0\"\n}\n\ndependencies {\n    implementation(\"org.springframework.boot:spring-boot-starter-web\")\n}\n")
            .Write("gradle/wrapper/gradle-wrapper.properties", "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.12-bin.zip\n")
            .Write("src/main/kotlin/api/Api.kt", "package api\n\n@SpringBootApplication\nclass Api\n");

        var profile = ProfileOf(repo);

        Assert.Equal(("java", "gradle", "build.gradle.kts", true), (profile.Ecosystem, profile.PackageManager, profile.BuildFile, profile.Wrapper));
        // Spring Boot manages Micrometer's version, not Sentry's.
        Assert.Equal("add implementation(\"io.micrometer:micrometer-registry-prometheus\") to the dependencies of build.gradle.kts", profile.AddPackage(java: "io.micrometer:micrometer-registry-prometheus"));
        Assert.Equal("add implementation(\"io.sentry:sentry-spring-boot-starter-jakarta:x.y.z\") to the dependencies of build.gradle.kts, with x.y.z its latest release", profile.AddPackage(java: "io.sentry:sentry-spring-boot-starter-jakarta"));
        Assert.Equal("./gradlew test", PipelineCommands.Test(profile));
    }

    [Fact]
    public void A_maven_build_without_the_wrapper_runs_mvn_and_gets_a_pom_dependency()
    {
        using var repo = TestRepository.Create();
        repo.Write("pom.xml", "<project>\n  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.4.1</version></parent>\n  <artifactId>orders</artifactId>\n  <dependencies>\n    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>\n  </dependencies>\n</project>\n")
            .Write("src/main/java/orders/Orders.java", "package orders;\n\n@SpringBootApplication\npublic class Orders {\n}\n");

        var profile = ProfileOf(repo);

        Assert.Equal(("java", "maven", "pom.xml", false), (profile.Ecosystem, profile.PackageManager, profile.BuildFile, profile.Wrapper));
        Assert.Equal("add <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency> to the dependencies of pom.xml", profile.AddPackage(java: "org.springframework.boot:spring-boot-starter-actuator"));
        Assert.Equal("mvn -B test", PipelineCommands.Test(profile));
    }

    [Fact]
    public void A_sinatra_app_with_bacon_specs_runs_rake_and_is_not_told_to_adopt_rails_migrations()
    {
        using var repo = TestRepository.Create();
        repo.Write("Gemfile", "source 'https://rubygems.org'\ngem 'sinatra'\ngem 'sequel'\ngem 'pg'\n\ngroup :test do\n  gem 'bacon'\nend\n")
            .Write("config.ru", "require_relative 'app'\nrun App\n")
            .Write("app.rb", "require 'sinatra/base'\n\nclass App < Sinatra::Base\nend\n")
            .Write("spec/app_spec.rb", "require 'bacon'\n\ndescribe 'App' do\nend\n");

        var facts = ReadFacts(repo);
        var profile = StackProfile.From(PartAt(facts, "."), facts.Repository);
        var migrations = AnalyzerHarness.OnPart("database.migrations", facts.Parts[0], facts.Repository);

        Assert.Equal(("ruby", "sinatra", "rake"), (profile.Ecosystem, profile.Framework, profile.TestFramework));
        Assert.Equal("bundle exec rake", PipelineCommands.Test(profile));
        Assert.DoesNotContain("rails", migrations.Fix ?? "", StringComparison.Ordinal);
    }
}
