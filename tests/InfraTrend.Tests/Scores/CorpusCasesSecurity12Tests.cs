using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Security cases of the twelfth calibration round, each rebuilt by hand after the real repositories named in the test
/// (none of their files are copied).
/// </summary>
public class CorpusCasesSecurity12Tests
{
    private const string Gemfile = "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.1\"\ngem \"devise\"\ngem \"rotp\"\ngem \"pundit\"\n";
    private const string Routes = "Rails.application.routes.draw do\n  devise_for :users\n  resources :issues\nend\n";
    private const string Application = "require 'rails/all'\nmodule Tracker\n  class Application < Rails::Application\n  end\nend\n";
    private const string RackUp = "require_relative 'config/environment'\nrun Rails.application\n";
    private const string User = "class User < ApplicationRecord\n  devise :database_authenticatable, :recoverable\nend\n";

    [Fact]
    public void Authentication_hardened_by_a_second_factor_passes_and_plain_authentication_earns_three_quarters()
    {
        // redmine (TOTP 2FA in lib/redmine/twofa), mayswind/ezbookkeeping (2FA), thingsboard (MFA providers): auditors
        // list the second factor among the security controls beside the login; a login alone is less.
        using var twoFactor = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write("config/routes.rb", Routes)
            .Write("config/application.rb", Application)
            .Write("config.ru", RackUp)
            .Write("app/models/user.rb", User)
            .Write("lib/twofa/totp.rb", "module Twofa\n  class Totp\n    def verify(secret, code)\n      ROTP::TOTP.new(secret).verify(code, drift_behind: 30)\n    end\n  end\nend\n");
        using var plain = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write("config/routes.rb", Routes)
            .Write("config/application.rb", Application)
            .Write("config.ru", RackUp)
            .Write("app/models/user.rb", User)
            // A mention in a comment is not a second factor.
            .Write("lib/twofa/totp.rb", "module Twofa\n  # TODO: ROTP::TOTP.new(secret) once 2FA ships\nend\n");

        var hardened = Finding(Evaluation.Evaluate(Extract(twoFactor)), "security.authentication").Finding;
        Assert.Equal(FindingStatus.Pass, hardened.Status);
        Assert.Contains("second factor", hardened.Message);
        var alone = Finding(Evaluation.Evaluate(Extract(plain)), "security.authentication").Finding;
        Assert.Equal(FindingStatus.Partial, alone.Status);
        Assert.Equal(0.75, alone.Score);
    }

    [Fact]
    public void Role_or_policy_authorization_hardens_authentication_in_each_stack()
    {
        // exceptionless (an API-key AuthenticationHandler of its own registered with AddScheme, and AddAuthorization
        // policies), PowerJob (role/permission interceptor) and Rails apps with Pundit: auditors credit authorization by
        // roles, permissions or policies beside the login.
        using var aspnet = TestRepository.Create()
            .Write("src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n")
            .Write("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddAuthentication(\"ApiKey\").AddScheme<ApiKeyOptions, ApiKeyHandler>(\"ApiKey\", _ => { });\nbuilder.Services.AddAuthorization(o => o.AddPolicy(\"Admin\", p => p.RequireRole(\"admin\")));\nvar app = builder.Build();\napp.UseAuthentication();\napp.UseAuthorization();\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n");
        using var spring = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>jobs</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency></dependencies></project>\n")
            .Write("src/main/java/a/JobsApplication.java", "package a;\n@SpringBootApplication\npublic class JobsApplication { public static void main(String[] args) { SpringApplication.run(JobsApplication.class, args); } }\n")
            .Write("src/main/java/a/JobController.java", "package a;\n@RestController\npublic class JobController {\n  @PreAuthorize(\"hasRole('ADMIN')\")\n  @DeleteMapping(\"/jobs/{id}\")\n  public void delete(@PathVariable long id) { }\n}\n");
        using var rails = TestRepository.Create()
            .Write("Gemfile", Gemfile)
            .Write("config/routes.rb", Routes)
            .Write("config/application.rb", Application)
            .Write("config.ru", RackUp)
            .Write("app/models/user.rb", User)
            .Write("app/controllers/application_controller.rb", "class ApplicationController < ActionController::Base\n  include Pundit::Authorization\n  before_action :authenticate_user!\nend\n");

        var dotnet = Evaluation.Evaluate(Extract(aspnet)).Findings.Single(f => f.Analyzer.Id == "security.authentication").Finding;
        Assert.Equal(FindingStatus.Pass, dotnet.Status);
        Assert.Contains("custom-scheme", dotnet.Message);
        Assert.Contains("role or permission checks", dotnet.Message);
        Assert.Equal(FindingStatus.Pass, Evaluation.Evaluate(Extract(spring)).Findings.Single(f => f.Analyzer.Id == "security.authentication").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(Extract(rails)), "security.authentication").Finding.Status);
    }

    [Fact]
    public void Make_targets_behind_quoted_flags_and_continued_prerequisites_are_followed_to_their_scanners()
    {
        // supabase/auth: CI runs `make -j"$MAKE_JOBS" release-test`, whose prerequisites (one a line, each ending in a
        // backslash) include `sec` (gosec) and `vulncheck` (govulncheck); the quoted flag ended the targets and the
        // continued prerequisites were read as recipe lines, so no scanner was seen.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/auth\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")
            .Write("Makefile", ".PHONY: release-test sec vulncheck test\n\nrelease-test: \\\n\tsec \\\n\tvulncheck \\\n\ttest\n\nsec:\n\tgosec -quiet ./...\n\nvulncheck:\n\tgovulncheck ./...\n\ntest:\n\tgo test -race ./...\n")
            .Write(".github/workflows/test.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          MAKE_JOBS=$(nproc)\n          make -j\"$MAKE_JOBS\" release-test\n");

        var facts = Extract(repo);
        Assert.Contains("gosec", facts.Repository.List(FactKeys.SecurityScanners));
        Assert.Contains("govulncheck", facts.Repository.List(FactKeys.SecurityScanners));
        Assert.Equal(FindingStatus.Pass, Finding(Evaluation.Evaluate(facts), "security.scanning-in-ci").Finding.Status);
    }
}
