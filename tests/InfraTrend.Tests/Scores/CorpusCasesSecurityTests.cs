using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Security cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after the
/// real repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesSecurityTests
{
    private static Finding Finding(RepositoryFacts facts, string rule) =>
        CorpusCase.Finding(Evaluation.Evaluate(facts), rule).Finding;

    private const string Flask = "[project]\nname = \"app\"\ndependencies = [\"flask>=3\"]\n";
    private const string App = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef index():\n    return \"ok\"\n";

    [Fact]
    public void Rate_limiting_and_security_headers_in_a_shipped_nginx_configuration_count_for_the_service()
    {
        // kiwitcms/Kiwi: etc/nginx.conf (copied into its image) applies `limit_req zone=... burst=20 nodelay` in the
        // locations and `add_header Content-Security-Policy ...`; a zone that no location uses, a commented
        // directive and an nginx file under examples/ do not count.
        using var shipped = TestRepository.Create()
            .Write("pyproject.toml", Flask)
            .Write("app.py", App)
            .Write("etc/nginx.conf", "http {\n    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n    add_header Content-Security-Policy \"script-src 'self'\";\n    server {\n        listen 8080;\n        location / {\n            limit_req zone=api burst=20 nodelay;\n            proxy_pass http://127.0.0.1:8000;\n        }\n    }\n}\n");
        using var unused = TestRepository.Create()
            .Write("pyproject.toml", Flask)
            .Write("app.py", App)
            .Write("etc/nginx.conf", "http {\n    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n    # add_header X-Frame-Options DENY;\n    server {\n        location / {\n            # limit_req zone=api;\n            proxy_pass http://127.0.0.1:8000;\n        }\n    }\n}\n")
            .Write("examples/nginx/site.conf", "server {\n    add_header X-Frame-Options DENY;\n    location / { limit_req zone=api; }\n}\n");

        var facts = Extract(shipped);
        var bare = Extract(unused);

        Assert.Equal(FindingStatus.Pass, Finding(facts, "security.rate-limiting").Status);
        Assert.Equal(FindingStatus.Pass, Finding(facts, "security.headers").Status);
        Assert.Equal(FindingStatus.Fail, Finding(bare, "security.rate-limiting").Status);
        Assert.Equal(FindingStatus.Fail, Finding(bare, "security.headers").Status);
    }

    [Fact]
    public void A_content_security_policy_set_by_hand_on_python_responses_counts_as_security_headers()
    {
        // pypi/warehouse: warehouse/csp.py is a tween that sets resp.headers["Content-Security-Policy"] = policy on
        // every response; a header only read (request.headers.get(...)) is not one the service sends, and one set on a
        // single view's response (lnbits' extension builder route, changedetection.io's API) does not protect the others.
        using var set = TestRepository.Create()
            .Write("pyproject.toml", Flask)
            .Write("app.py", App + "\n@app.after_request\ndef csp(resp):\n    resp.headers[\"Content-Security-Policy\"] = \"default-src 'self'\"\n    return resp\n");
        using var read = TestRepository.Create()
            .Write("pyproject.toml", Flask)
            .Write("app.py", App + "\ndef policy(request):\n    return request.headers.get(\"Content-Security-Policy\")\n");
        using var oneView = TestRepository.Create()
            .Write("pyproject.toml", Flask)
            .Write("app.py", App + "\n@app.route(\"/stub\")\ndef stub():\n    response = app.make_response(\"x\")\n    response.headers[\"Content-Security-Policy\"] = \"default-src 'self'\"\n    return response\n");

        Assert.Equal(FindingStatus.Pass, Finding(Extract(set), "security.headers").Status);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(oneView), "security.headers").Status);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(read), "security.headers").Status);
    }

    private const string GoMod = "module example.com/app\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n";
    private const string GinMain = "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() {\n\tr := gin.New()\n\tr.GET(\"/api/items\", items)\n\tr.Run(\":8080\")\n}\n\nfunc items(c *gin.Context) { c.JSON(200, nil) }\n";

    [Fact]
    public void A_dependency_update_bot_counts_as_a_security_control()
    {
        // go-shiori/shiori (.github/dependabot.yml) and NodeBB (renovate.json): auditors list the bot among the security
        // measures; newbee-mall, with neither, is marked down for having "no dependency bot".
        using var dependabot = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain)
            .Write(".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: gomod\n    directory: /\n    schedule:\n      interval: weekly\n");
        using var renovate = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain)
            .Write("renovate.json", "{ \"extends\": [\"config:recommended\"] }\n");
        using var none = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain);

        Assert.Equal(FindingStatus.Pass, Finding(Extract(dependabot), "security.dependency-updates").Status);
        Assert.Equal(FindingStatus.Pass, Finding(Extract(renovate), "security.dependency-updates").Status);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(none), "security.dependency-updates").Status);
        // The fix is the same stack-aware bot configuration as the CI rule's: one file serves both.
        var fix = Finding(Extract(none), "security.dependency-updates").Fix;
        Assert.Contains("package-ecosystem: gomod", fix);
        Assert.Equal(Finding(Extract(none), "ci.dependency-updates").Fix, fix);
    }

    [Fact]
    public void A_console_job_beside_a_web_service_is_not_asked_to_enforce_https()
    {
        // NuGet/NuGetGallery: the gallery web project sits beside two dozen console jobs (account deleter, stats
        // aggregation, migration tools); the jobs open no port, so HTTPS is judged on the web project only. A
        // repository seen as one console program as a whole, with no part recognised, is still judged.
        using var repo = TestRepository.Create()
            .Write("src/Gallery/Gallery.csproj", WebProject)
            .Write("src/Gallery/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n")
            .Write("src/Jobs.Cleanup/Jobs.Cleanup.csproj", ConsoleProject)
            .Write("src/Jobs.Cleanup/Program.cs", "Console.WriteLine(\"cleaning\");\n");
        using var alone = TestRepository.Create()
            .Write("Tool.csproj", ConsoleProject)
            .Write("Program.cs", "Console.WriteLine(\"hello\");\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.NotApplicable, CorpusCase.Finding(evaluation, "security.https", "src/Jobs.Cleanup").Finding.Status);
        // Nothing enforces HTTPS in either: half, TLS being left to the proxy in front (see the test below).
        Assert.Equal(FindingStatus.Partial, CorpusCase.Finding(evaluation, "security.https", "src/Gallery").Finding.Status);
        Assert.Equal(FindingStatus.Partial, Finding(Extract(alone), "security.https").Status);
    }

    [Fact]
    public void Placeholder_keys_in_samples_templates_dev_containers_and_api_descriptions_are_not_committed_secrets()
    {
        // signalapp/Signal-Server: service/config/sample-secrets-bundle.yml shows each private key as a PEM block whose body
        // is an alphabet run; authelia: config.template.yml (a sample configuration) and api/openapi.yml (example JWTs
        // under `examples:`); human-essentials: .devcontainer/.env.codespaces, the development container's settings.
        // A private key with a real-looking body in the deployed configuration still counts.
        const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        using var samples = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain)
            .Write("config/sample-secrets-bundle.yml", "apn.signingKey: |\n  -----BEGIN PRIVATE KEY-----\n  ABCDEFGHIJKLMNOPQRSTUVWXYZ/0123456789+abcdefghijklmnopqrstuvwxyz\n  -----END PRIVATE KEY-----\n")
            .Write("config.template.yml", "jwt_secret: 'Qx7vR2mK9pL4sT8wZ3nB6cF1'\n")
            .Write("api/openapi.yml", "components:\n  schemas:\n    Token:\n      type: string\n      examples:\n        - '" + Jwt + "'\n")
            .Write(".devcontainer/.env.codespaces", "RECAPTCHA_PRIVATE_KEY=6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe\n")
            .Write(".github/workflows/ci.yml", CiWorkflow);
        using var real = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain)
            .Write("config/app.yml", "signingKey: |\n  -----BEGIN PRIVATE KEY-----\n  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n  -----END PRIVATE KEY-----\n");

        var facts = Extract(samples);

        Assert.Equal(0, facts.Repository.Number(FactKeys.CommittedSecrets));
        Assert.False(facts.Repository.Bool(FactKeys.EnvFileCommitted));
        Assert.Equal(FindingStatus.Pass, Finding(facts, "security.no-committed-secrets").Status);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(real), "security.no-committed-secrets").Status);
    }

    [Fact]
    public void Frame_and_sniffing_headers_set_by_hand_in_go_count_as_security_headers()
    {
        // apache/answer: a gin middleware answers ctx.Header("X-Frame-Options", "DENY"); authelia: a fasthttp
        // middleware sets ctx.Response.Header.SetBytesKV(headerXFrameOptions, ...) from fasthttp.HeaderXFrameOptions.
        // Reading the header (r.Header.Get) sets nothing.
        using var gin = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() {\n\tr := gin.New()\n\tr.Use(frame)\n\tr.GET(\"/api/items\", items)\n\tr.Run(\":8080\")\n}\n\nfunc frame(ctx *gin.Context) {\n\tctx.Header(\"X-Frame-Options\", \"DENY\")\n\tctx.Next()\n}\n\nfunc items(c *gin.Context) { c.JSON(200, nil) }\n");
        using var fasthttp = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/valyala/fasthttp v1.55.0\n")
            .Write("main.go", "package main\n\nimport \"github.com/valyala/fasthttp\"\n\nvar headerXContentTypeOptions = []byte(fasthttp.HeaderXContentTypeOptions)\n\nfunc main() {\n\tfasthttp.ListenAndServe(\":9091\", headers(handle))\n}\n\nfunc headers(next fasthttp.RequestHandler) fasthttp.RequestHandler {\n\treturn func(ctx *fasthttp.RequestCtx) {\n\t\tctx.Response.Header.SetBytesKV(headerXContentTypeOptions, []byte(\"nosniff\"))\n\t\tnext(ctx)\n\t}\n}\n\nfunc handle(ctx *fasthttp.RequestCtx) {}\n");
        using var read = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() {\n\tr := gin.New()\n\tr.GET(\"/api/items\", items)\n\tr.Run(\":8080\")\n}\n\nfunc items(c *gin.Context) {\n\t_ = c.Request.Header.Get(\"X-Frame-Options\")\n\tc.JSON(200, nil)\n}\n");

        Assert.Equal(FindingStatus.Pass, Finding(Extract(gin), "security.headers").Status);
        Assert.Equal(FindingStatus.Pass, Finding(Extract(fasthttp), "security.headers").Status);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(read), "security.headers").Status);
    }

    [Fact]
    public void A_rate_limiter_written_in_the_application_counts_as_rate_limiting()
    {
        // apache/answer: internal/base/middleware/rate_limit.go; danbooru: app/logical/rate_limiter.rb; NodeBB:
        // src/middleware/ratelimit.js. A limit on the mails the service sends (an email rate limiter) and a test of a
        // limiter protect no endpoint.
        using var inHouse = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain)
            .Write("internal/middleware/rate_limit.go", "package middleware\n\n// RateLimit answers 429 when a client exceeds its quota.\nfunc RateLimit() {}\n");
        using var mailOnly = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain)
            .Write("internal/mail/email_rate_limiter.go", "package mail\n\nfunc Limit() {}\n")
            .Write("internal/middleware/rate_limit_test.go", "package middleware\n\nimport \"testing\"\n\nfunc TestLimit(t *testing.T) {}\n");

        Assert.Equal(FindingStatus.Pass, Finding(Extract(inHouse), "security.rate-limiting").Status);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(mailOnly), "security.rate-limiting").Status);
    }

    [Fact]
    public void Compose_passwords_anchors_build_filters_and_self_naming_values_are_no_committed_secret()
    {
        // knadh/listmonk (POSTGRES_PASSWORD: &db-password listmonk, then *db-password), conductor-oss/conductor and
        // smartstore (an OpenSearch or MySQL password in docker-compose-*.yml), getredash/redash (.ci/compose.ci.yaml),
        // pig-mesh/pig (password: @nacos.password@ filtered by Maven), apolloconfig/apollo (an escaped \${TOKEN} in a
        // generated workflow), electerious/Ackee (ACKEE_PASSWORD = "ACKEE_PASSWORD"), mattermost/focalboard
        // (boardsuser-password), skoruba/Duende.IdentityServer.Admin (a client secret named ..._client_secret): auditors
        // call all of them placeholders. A random API key in a compose file is still a secret.
        using var repo = TestRepository.Create()
            .Write("docker-compose.yml", "x-db: &db\n  POSTGRES_PASSWORD: &db-password listmonk\nservices:\n  app:\n    environment:\n      APP_DB_PASSWORD: *db-password\n")
            .Write("docker/docker-compose-search.yaml", "services:\n  search:\n    environment:\n      - OPENSEARCH_INITIAL_ADMIN_PASSWORD=Q7v)rk>>193_\n      - MYSQL_ROOT_PASSWORD=Zx81Lmq2026!\n")
            .Write(".ci/compose.ci.yaml", "services:\n  postgres:\n    environment:\n      POSTGRES_PASSWORD: \"Hq3Lw9TzX52ufKR1pd8sn4MoVP7zvCJb\"\n")
            .Write("auth/src/main/resources/application.yml", "spring:\n  cloud:\n    nacos:\n      username: @nacos.username@\n      password: @nacos.password@\n")
            .Write(".github/workflows/triage.lock.yml", "jobs:\n  run:\n    steps:\n      - run: |\n          echo '{\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"\\${GITHUB_SERVER_TOKEN}\"}'\n")
            .Write("netlify.toml", "[build.environment]\n  APP_USERNAME = \"APP_USERNAME\"\n  APP_PASSWORD = \"APP_PASSWORD\"\n")
            .Write("docker/docker-compose-db.yml", "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: boardsuser-password\n")
            .Write("src/Admin/appsettings.json", "{\n  \"Oidc\": {\n    \"ClientId\": \"shop_admin\",\n    \"ClientSecret\": \"shop_admin_client_secret\"\n  }\n}\n");
        using var leaked = TestRepository.Create()
            .Write("docker-compose.yml", "services:\n  app:\n    environment:\n      MAPS_API_KEY: q8Vz2mWk9Lp4Rx7Tb3Nc\n");

        var facts = Extract(repo);

        Assert.Equal(0, facts.Repository.Number(FactKeys.CommittedSecrets));
        Assert.Equal(FindingStatus.Pass, Finding(facts, "security.no-committed-secrets").Status);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(leaked), "security.no-committed-secrets").Status);
    }

    [Fact]
    public void A_service_that_leaves_tls_to_the_proxy_earns_half_but_a_rails_app_without_force_ssl_fails()
    {
        // drone/drone, gotenberg, alibaba/nacos, signalapp/Signal-Server: Go and Java services that do nothing about HTTPS
        // themselves are deployed behind a TLS-terminating proxy, and auditors do not list it as a gap. Rails
        // (redmine, codebar/planner, danbooru: "force_ssl is commented out") and Django have a production switch that
        // auditors expect on, so there nothing found still fails.
        using var go = TestRepository.Create()
            .Write("go.mod", GoMod).Write("main.go", GinMain);
        using var rails = TestRepository.Create()
            .Write("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\n")
            .Write("config/application.rb", "module Planner\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/environments/production.rb", "Rails.application.configure do\n  # config.force_ssl = true\nend\n");

        var proxied = Finding(Extract(go), "security.https");

        Assert.Equal(FindingStatus.Partial, proxied.Status);
        Assert.Equal(0.5, proxied.Score);
        Assert.Equal(FindingStatus.Fail, Finding(Extract(rails), "security.https").Status);
    }
}
