using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.CiFixture;
using static InfraTrend.Tests.Facts.StackFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Where HTTPS is enforced outside the usual middleware: a proxy configuration the repository ships (an nginx
/// template with a certificate, Apache, a Caddyfile), an Ingress with tls or cert-manager, operator documentation,
/// a Go server with autocert's redirect handler and Spring WebFlux's hsts(), shaped after self-hosted products.
/// </summary>
public class HttpsTerminationFactsTests
{
    [Fact]
    public void Proxies_and_ingresses_that_terminate_tls_are_recorded()
    {
        var facts = Read(
            ("util/Setup/Templates/NginxConfig.hbs", """
                server {
                  listen 8443 ssl http2;
                  server_name {{{Domain}}};
                  ssl_certificate {{{CertificatePath}}};
                }
                """),
            ("contrib/apache.conf", "<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n"),
            ("deploy/Caddyfile", "example.org {\n  reverse_proxy app:3000\n}\n"),
            ("k8s/ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web
                  annotations:
                    cert-manager.io/cluster-issuer: letsencrypt
                spec:
                  tls:
                    - hosts: [example.org]
                      secretName: web-tls
                """));

        Assert.Equal(["apache", "caddy", "cert-manager", "ingress", "nginx"], facts.List(FactKeys.TlsTermination).Order().ToList());
        Assert.Equal(["util/Setup/Templates/NginxConfig.hbs:4"], facts.Where(FactKeys.TlsTermination, "nginx"));
        Assert.Equal(["k8s/ingress.yaml:8"], facts.Where(FactKeys.TlsTermination, "ingress"));
    }

    [Fact]
    public void Plain_http_proxies_chart_templates_and_test_fixtures_terminate_nothing()
    {
        var facts = Read(
            ("contrib/nginx.conf", "server {\n  listen 80;\n  location / { proxy_pass http://127.0.0.1:8001; }\n}\n"),
            ("deploy/Caddyfile", "{\n  auto_https off\n}\n:80 {\n  reverse_proxy app:3000\n}\n"),
            ("chart/templates/ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                spec:
                  {{- if .Values.ingress.tls }}
                  tls:
                    - secretName: {{ .Values.ingress.secret }}
                  {{- end }}
                """),
            ("test/fixtures/nginx.conf", "server {\n  ssl_certificate /tmp/test.crt;\n}\n"));

        Assert.Empty(facts.List(FactKeys.TlsTermination));
    }

    [Fact]
    public void Operator_documentation_that_puts_the_app_behind_a_tls_proxy_is_recorded()
    {
        var documented = Read(
            ("README.md", "# App\n\nSee https://example.org for the docs.\n"),
            ("docs/administration/proxy.md", "# Behind a proxy\n\nRun the server behind a reverse proxy such as nginx\nthat terminates TLS with a Let's Encrypt certificate.\n"));
        var license = Read(("README.md", "# App\n\nLicensed under the Apache License, see https://www.apache.org/licenses/ and use nginx freely.\n"));

        Assert.Equal(["docs/administration/proxy.md:3"], documented.Where(FactKeys.TlsProxyDocumented));
        Assert.False(license.Bool(FactKeys.TlsProxyDocumented));
    }

    [Fact]
    public void A_go_server_with_autocerts_redirect_handler_enforces_https()
    {
        using var repo = TestRepository.Create();
        repo.Write("go.mod", "module example.com/blog\n\ngo 1.22\n\nrequire golang.org/x/crypto v0.20.0\n")
            .Write("main.go", """
                package main

                import (
                	"net/http"

                	"golang.org/x/crypto/acme/autocert"
                )

                func main() {
                	m := &autocert.Manager{Prompt: autocert.AcceptTOS}
                	go http.ListenAndServe(":80", m.HTTPHandler(nil))
                	s := &http.Server{Addr: ":https", TLSConfig: m.TLSConfig()}
                	s.ListenAndServeTLS("", "")
                }
                """);

        var app = PartAt(ReadFacts(repo), ".");

        Assert.True(app.Bool(FactKeys.HttpsEnforced));
        Assert.Equal([new Evidence("main.go", 11)], app.EvidenceOf(FactKeys.HttpsEnforced));
    }

    [Fact]
    public void Spring_webflux_hsts_enforces_https_unless_disabled()
    {
        static FactTable App(string headers)
        {
            using var repo = TestRepository.Create();
            repo.Write("pom.xml", """
                    <project>
                      <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>
                      <artifactId>blog</artifactId>
                      <dependencies>
                        <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webflux</artifactId></dependency>
                        <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency>
                      </dependencies>
                    </project>
                    """)
                .Write("src/main/java/blog/WebSecurity.java", $$"""
                    package blog;

                    @Configuration
                    public class WebSecurity {
                        SecurityWebFilterChain chain(ServerHttpSecurity http) {
                            http.headers(headers -> headers
                                {{headers}});
                            return http.build();
                        }
                    }
                    """);
            return PartAt(ReadFacts(repo), ".");
        }

        var hsts = App(".hsts(hstsSpec -> hstsSpec.includeSubdomains(false))");
        var disabled = App(".hsts(hstsSpec -> hstsSpec.disable())");

        Assert.True(hsts.Bool(FactKeys.HttpsEnforced));
        Assert.Equal([new Evidence("src/main/java/blog/WebSecurity.java", 7)], hsts.EvidenceOf(FactKeys.HttpsEnforced));
        Assert.False(disabled.Bool(FactKeys.HttpsEnforced));
    }
}
