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
}
