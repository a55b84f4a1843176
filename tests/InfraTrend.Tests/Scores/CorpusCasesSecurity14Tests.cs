using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Security cases of the fourteenth calibration round, each rebuilt by hand after the real repositories named in the test
/// (none of their files are copied).
/// </summary>
public class CorpusCasesSecurity14Tests
{
    private const string Package = "{\"name\":\"api\",\"dependencies\":{\"express\":\"^4.19.0\"}}\n";

    private static FindingStatus Secrets(TestRepository repo) =>
        Finding(Evaluation.Evaluate(Extract(repo.Write(".github/workflows/ci.yml", CiWorkflow))), "security.no-committed-secrets").Finding.Status;

    [Fact]
    public void A_password_inside_a_connection_string_value_ends_at_the_next_setting()
    {
        // elsa-workflows/elsa-core: a Kubernetes example sets `value: "Server=postgres;Username=elsa;...;Password=elsa;SSLMode=Prefer;..."`;
        // the password is `elsa`, not the rest of the string, which looked random enough to be a secret.
        using var repo = TestRepository.Create()
            .Write("package.json", Package)
            .Write("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          env:\n            - name: CONNECTIONSTRINGS__POSTGRESQL\n              value: \"Server=postgres;Username=app;Database=app;Port=5432;Password=app;SSLMode=Prefer;MaxPoolSize=2000;Timeout=60\"\n");

        Assert.Equal(FindingStatus.Pass, Secrets(repo));
    }

    [Fact]
    public void Settings_of_the_pipeline_and_of_end_to_end_suites_hold_throwaway_credentials()
    {
        // getredash/redash: `.ci/compose.ci.yaml` gives the CI stack a random-looking cookie secret and database password;
        // authelia/authelia: `internal/suites/OIDC/configuration.yml` configures the instance an end-to-end suite starts with
        // a random-looking HMAC secret. Auditors name both throwaway test values, not leaked secrets.
        using var ci = TestRepository.Create()
            .Write("package.json", Package)
            .Write(".ci/compose.ci.yaml", "services:\n  server:\n    environment:\n      APP_COOKIE_SECRET: \"7fQk2LmZ9pXw4RtB8nVc3HsJ6yDe1GaU\"\n");
        using var suites = TestRepository.Create()
            .Write("package.json", Package)
            .Write("internal/suites/OIDC/configuration.yml", "identity_providers:\n  oidc:\n    hmac_secret: 'Q3mZ8vTkP1xW6rLb9NcY2hJd5FsA7eGu'\n");
        // The same value in the service's own settings is still a secret.
        using var real = TestRepository.Create()
            .Write("package.json", Package)
            .Write("config/production.yml", "session:\n  cookie_secret: \"7fQk2LmZ9pXw4RtB8nVc3HsJ6yDe1GaU\"\n");

        Assert.Equal(FindingStatus.Pass, Secrets(ci));
        Assert.Equal(FindingStatus.Pass, Secrets(suites));
        Assert.Equal(FindingStatus.Fail, Secrets(real));
    }

    [Fact]
    public void A_value_that_repeats_its_keys_name_is_a_placeholder()
    {
        // houndci/hound: the committed development .env holds `STRIPE_API_KEY=stripe_api_key` and
        // `STRIPE_PUBLISHABLE_KEY=stripe_publishable_key`, labels to replace; auditors call the file a template with placeholders.
        using var repo = TestRepository.Create()
            .Write("package.json", Package)
            .Write(".env", "PORT=3000\nSTRIPE_API_KEY=stripe_api_key\nSTRIPE_PUBLISHABLE_KEY=stripe_publishable_key\n");

        Assert.Equal(FindingStatus.Pass, Secrets(repo));
    }

    [Fact]
    public void A_rack_service_that_mounts_warden_authenticates_its_callers()
    {
        // alphagov/search-api: a Sinatra app registers warden-oauth2's bearer strategy and mounts `use Warden::Manager`,
        // protecting its writes with GOV.UK Signon tokens; auditors list it as the service's authentication.
        using var repo = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'sinatra'\ngem 'puma'\ngem 'warden'\ngem 'warden-oauth2'\n")
            .Write("config.ru", "require_relative 'app'\nrun App\n")
            .Write("app.rb", "require 'sinatra'\nrequire 'warden'\nrequire 'warden-oauth2'\n\nclass App < Sinatra::Application\n  Warden::Strategies.add :bearer_token, Warden::OAuth2::Strategies::Bearer\n\n  use Warden::Manager do |config|\n    config.default_strategies [:bearer_token]\n  end\n\n  post '/documents' do\n    env['warden'].authenticate!\n    'ok'\n  end\nend\n");

        var auth = Finding(Evaluation.Evaluate(Extract(repo)), "security.authentication").Finding;
        Assert.NotEqual(FindingStatus.Fail, auth.Status);
        Assert.Contains("oauth", auth.Message);
    }

    [Fact]
    public void An_aspnet_app_on_owin_with_iis_custom_headers_authenticates_and_sends_security_headers()
    {
        // NuGet/NuGetGallery: an ASP.NET MVC application on .NET Framework signs its users in with OWIN's
        // app.UseCookieAuthentication(...) in its Startup class, and Web.config's <customHeaders> makes IIS send
        // X-Frame-Options and X-Content-Type-Options; auditors credit both, the tool saw neither form.
        using var repo = TestRepository.Create()
            .Write("src/Gallery/Gallery.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n")
            .Write("src/Gallery/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapControllers();\napp.Run();\n")
            .Write("src/Gallery/App_Start/OwinStartup.cs", "using Owin;\n\npublic class OwinStartup\n{\n    public void Configuration(IAppBuilder app)\n    {\n        app.UseCookieAuthentication(new CookieAuthenticationOptions { AuthenticationType = \"Cookies\" });\n    }\n}\n")
            .Write("src/Gallery/Web.config", "<configuration>\n  <system.webServer>\n    <httpProtocol>\n      <customHeaders>\n        <add name=\"X-Frame-Options\" value=\"deny\"/>\n        <add name=\"X-Content-Type-Options\" value=\"nosniff\"/>\n      </customHeaders>\n    </httpProtocol>\n  </system.webServer>\n</configuration>\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));
        var auth = Finding(evaluation, "security.authentication", "src/Gallery").Finding;
        Assert.NotEqual(FindingStatus.Fail, auth.Status);
        Assert.Contains("session", auth.Message);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "security.headers", "src/Gallery").Finding.Status);
    }
}
