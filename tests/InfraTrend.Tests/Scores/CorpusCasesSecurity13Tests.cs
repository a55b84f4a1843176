using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Security cases of the thirteenth calibration round, each rebuilt by hand after the real repositories named in the test
/// (none of their files are copied).
/// </summary>
public class CorpusCasesSecurity13Tests
{
    private const string GoMod = "module example.com/analytics\n\ngo 1.22\n\nrequire golang.org/x/crypto v0.31.0\n";
    private const string GoMain = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n";

    [Fact]
    public void A_password_checked_against_its_stored_hash_is_a_login_of_the_services_own_in_each_stack()
    {
        // arp242/goatcounter, binwiederhier/ntfy, photoview/photoview, mattermost/focalboard (bcrypt.CompareHashAndPassword
        // in Go), spiral-project/ihatemoney (Werkzeug's check_password_hash), thelounge/thelounge (bcryptjs compare): each
        // logs its users in with a password of its own, which auditors list as the service's authentication, while no
        // JWT, OAuth or session library is imported.
        using var go = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", GoMain)
            .Write("user.go", "package main\n\nimport \"golang.org/x/crypto/bcrypt\"\n\ntype User struct{ Password []byte }\n\nfunc (u User) CorrectPassword(pwd string) bool {\n\treturn bcrypt.CompareHashAndPassword(u.Password, []byte(pwd)) == nil\n}\n\nfunc login(u User, pwd string) bool { return u.CorrectPassword(pwd) }\n");
        // Hashing alone (a seed or an import command) is not a login.
        using var seedOnly = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", GoMain)
            .Write("seed.go", "package main\n\nimport \"golang.org/x/crypto/bcrypt\"\n\nfunc seedAdmin(pwd string) []byte {\n\th, _ := bcrypt.GenerateFromPassword([]byte(pwd), bcrypt.DefaultCost)\n\treturn h\n}\n");
        using var flask = TestRepository.Create()
            .Write("requirements.txt", "flask==3.0.0\n")
            .Write("app.py", "from flask import Flask, request, abort\nfrom werkzeug.security import check_password_hash\n\napp = Flask(__name__)\n\n@app.post('/login')\ndef login():\n    project = find(request.form['id'])\n    if not check_password_hash(project.password, request.form['password']):\n        abort(401)\n    return 'ok'\n");
        using var express = TestRepository.Create()
            .Write("package.json", "{\"name\":\"chat\",\"dependencies\":{\"express\":\"^4.19.0\",\"bcryptjs\":\"^2.4.3\"}}\n")
            .Write("server.js", "const express = require('express');\nconst bcrypt = require('bcryptjs');\nconst app = express();\napp.post('/login', async (req, res) => {\n  const ok = await bcrypt.compare(req.body.password, storedHash(req.body.user));\n  res.sendStatus(ok ? 204 : 401);\n});\napp.listen(3000);\n");

        var login = Finding(Evaluation.Evaluate(Extract(go)), "security.authentication").Finding;
        Assert.Equal(FindingStatus.Partial, login.Status);
        Assert.Equal(0.75, login.Score);
        Assert.Contains("password", login.Message);
        Assert.Equal(FindingStatus.Fail, Finding(Evaluation.Evaluate(Extract(seedOnly)), "security.authentication").Finding.Status);
        var python = Finding(Evaluation.Evaluate(Extract(flask)), "security.authentication").Finding;
        Assert.Equal(FindingStatus.Partial, python.Status);
        Assert.Contains("password", python.Message);
        var node = Finding(Evaluation.Evaluate(Extract(express)), "security.authentication").Finding;
        Assert.Equal(FindingStatus.Partial, node.Status);
        Assert.Contains("password", node.Message);
    }

    [Fact]
    public void Security_headers_written_as_header_map_entries_or_bytes_keys_count()
    {
        // arp242/goatcounter: the default headers are an http.Header literal ("Strict-Transport-Security":
        // []string{"max-age=..."}, "X-Content-Type-Options": []string{"nosniff"}, and "X-Frame-Options": []string{} to clear
        // a default) and the CSP an index assignment (w.Header()["Content-Security-Policy"] = ...); liberapay: a
        // set_default_security_headers(website, response) function setting response.headers[b'X-Frame-Options'] and the
        // CSP with bytes keys. Auditors credit both as security headers; neither form was read.
        // The middleware runs because the server wraps its mux in it (a middleware nothing calls is not wired).
        using var go = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/analytics/handlers\"\n)\n\nfunc main() { http.ListenAndServe(\":8080\", handlers.WithHeaders(http.NewServeMux())) }\n")
            .Write("handlers/headers.go", "package handlers\n\nimport \"net/http\"\n\nvar defaultHeaders = http.Header{\n\t\"X-Content-Type-Options\": []string{\"nosniff\"},\n\t\"X-Frame-Options\":        []string{},\n}\n\nfunc WithHeaders(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tfor k, v := range defaultHeaders {\n\t\t\tw.Header()[k] = v\n\t\t}\n\t\tw.Header()[\"Content-Security-Policy\"] = []string{policy(r)}\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n");
        using var python = TestRepository.Create()
            .Write("requirements.txt", "flask==3.0.0\n")
            .Write("app.py", "from flask import Flask\n\napp = Flask(__name__)\n")
            .Write("site/security.py", "def set_default_security_headers(website, response, request=None):\n    response.headers[b'X-Frame-Options'] = b'SAMEORIGIN'\n    response.headers[b'content-security-policy'] = website.csp\n");

        var goHeaders = Finding(Evaluation.Evaluate(Extract(go)), "security.headers").Finding;
        Assert.Equal(FindingStatus.Pass, goHeaders.Status);
        Assert.Contains("csp", goHeaders.Message);
        Assert.Contains("x-content-type-options", goHeaders.Message);
        Assert.DoesNotContain("x-frame-options", goHeaders.Message); // cleared, not set
        var pyHeaders = Finding(Evaluation.Evaluate(Extract(python)), "security.headers").Finding;
        Assert.Equal(FindingStatus.Pass, pyHeaders.Status);
        Assert.Contains("x-frame-options", pyHeaders.Message);
    }

    [Fact]
    public void A_service_without_a_control_its_sibling_service_has_earns_a_quarter()
    {
        // thingsboard (protocol transports and executors beside the authenticated core), exceptionless/Exceptionless (a job
        // host beside the API), openstatusHQ/openstatus (checkers and probes beside the API server): auditors credit the
        // product's authentication, headers and rate limiting where its users reach it and see the other services as
        // internal, not as a product without the control.
        using var repo = TestRepository.Create()
            .Write("src/Api/Api.csproj", WebProject)
            .Write("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddAuthentication().AddJwtBearer();\nbuilder.Services.AddRateLimiter(o => { });\nvar app = builder.Build();\napp.UseHsts();\napp.UseSecurityHeaders();\napp.UseRateLimiter();\napp.UseAuthentication();\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n")
            .Write("src/Jobs/Jobs.csproj", WebProject)
            .Write("src/Jobs/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet(\"/health\", () => \"ok\");\napp.Run();\n");
        using var alone = TestRepository.Create()
            .Write("src/Jobs/Jobs.csproj", WebProject)
            .Write("src/Jobs/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet(\"/health\", () => \"ok\");\napp.Run();\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));
        foreach (var rule in new[] { "security.authentication", "security.headers", "security.rate-limiting" })
        {
            Assert.NotEqual(FindingStatus.Fail, Finding(evaluation, rule, "src/Api").Finding.Status);
            var jobs = Finding(evaluation, rule, "src/Jobs").Finding;
            Assert.Equal(FindingStatus.Partial, jobs.Status);
            Assert.Equal(0.25, jobs.Score);
            Assert.Contains("src/Api", jobs.Message);
        }
        // A service alone, or beside nothing that has the control, still fails.
        var single = Evaluation.Evaluate(Extract(alone));
        var lonePart = single.Findings.Single(f => f.Analyzer.Id == "security.authentication").PartPath;
        Assert.Equal(FindingStatus.Fail, Finding(single, "security.authentication", lonePart).Finding.Status);
        Assert.Equal(FindingStatus.Fail, Finding(single, "security.rate-limiting", lonePart).Finding.Status);
    }
}
