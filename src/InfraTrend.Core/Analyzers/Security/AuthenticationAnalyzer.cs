using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.authentication",
    Category = Category.Security,
    Level = 3,
    Weight = 2,
    WeightReason = "Auditors list how a service protects its accounts first among its security controls, and credit a second factor and role or permission checks beyond the login itself; some services are public by design, so missing authentication is a prompt to check rather than a proven hole, and it weighs two points, not more.",
    Severity = Severity.Medium,
    Title = "Authentication",
    LooksFor = "An authentication mechanism in a service (JWT, OAuth or OpenID Connect, sessions, Passport, NextAuth, ASP.NET Core Identity or a scheme of its own, Devise, Django auth, API keys) with what hardens it: a second factor (TOTP, WebAuthn) or authorization by roles, permissions or policies (Pundit, CanCanCan, Spring Security role checks, ASP.NET Core policies, CASL, Casbin). Authentication alone earns three quarters. A service without any, beside another service of the repository that authenticates, earns a quarter: it is most often internal, reached through that one.",
    WhyItMatters = "A service that authenticates nobody serves its data and its operations to anyone who finds the URL.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class AuthenticationAnalyzer : IAnalyzer
{
    private const string RemediationText = "Authenticate callers (OpenID Connect, JWT bearer tokens or API keys) on every endpoint that is not public on purpose.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (!context.IsPart(PartKinds.Service))
            return [context.NotApplicable($"{context.PartName()} is not a service with an API to protect.")];

        var mechanisms = context.Facts.List(FactKeys.Auth);
        // A second factor or checks of roles and permissions are what auditors credit beyond the login itself (2FA, RBAC,
        // permission policies); a role check implies the caller was authenticated first.
        var hardening = context.Facts.List(FactKeys.AccountHardening);
        if (hardening.Count > 0)
        {
            var by = mechanisms.Count > 0 ? $"The service authenticates callers with {string.Join(", ", mechanisms)}" : "The service authenticates its callers";
            return [context.Pass($"{by}, hardened by {string.Join(" and ", hardening.Select(h => h == "second-factor" ? "a second factor" : "role or permission checks"))}.", context.EvidenceOf(FactKeys.Auth, FactKeys.AccountHardening))];
        }
        if (mechanisms.Count > 0)
            return [context.Partial(0.75, $"The service authenticates callers with {string.Join(", ", mechanisms)}, but nothing adds a second factor or checks roles or permissions.", "Check roles or permissions on the protected operations, and offer a second factor (TOTP or WebAuthn) for accounts.", context.EvidenceOf(FactKeys.Auth))];
        if (SiblingControls.ServiceWith(context, f => f.List(FactKeys.Auth).Count > 0 || f.List(FactKeys.AccountHardening).Count > 0) is { } sibling)
            return [context.Partial(SiblingControls.Credit, $"No authentication in this service, but the service {sibling.Path} authenticates its callers: this one is most likely internal, reached through it; check it is not exposed on its own.", Fix(context))];
        return [context.Fail("No authentication found: every endpoint is open to anyone who can reach it, unless that is intended.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var stack = context.Stack;
        bool Uses(string framework) => context.Facts.Has(FactKeys.Frameworks, framework);

        return stack.Ecosystem switch
        {
            "node" when Uses("nestjs") => $"{stack.AddPackage(node: "@nestjs/passport passport passport-jwt @nestjs/jwt")}, then protect controllers with an AuthGuard('jwt')",
            "node" => $"{stack.AddPackage(node: "express-oauth2-jwt-bearer")}, then app.use(auth({{ audience: process.env.AUTH_AUDIENCE, issuerBaseURL: process.env.AUTH_ISSUER }})) on the protected routes",
            "dotnet" => $"{stack.AddPackage(dotnet: "Microsoft.AspNetCore.Authentication.JwtBearer")}, then builder.Services.AddAuthentication().AddJwtBearer(); app.UseAuthentication(); app.UseAuthorization(); and RequireAuthorization() on the endpoints",
            "python" when Uses("django") => "Enable django.contrib.auth and protect views with @login_required (or DRF's IsAuthenticated permission)",
            "python" => "Protect the routes with a dependency on fastapi.security.OAuth2PasswordBearer (or HTTPBearer) that validates the token",
            "go" => $"{stack.AddPackage(go: "github.com/golang-jwt/jwt/v5")}, then a middleware that validates the bearer token before the protected handlers",
            "ruby" when Uses("rails") => $"{stack.AddPackage(ruby: "devise")}, then rails generate devise:install and before_action :authenticate_user!",
            "java" => $"{stack.AddPackage(java: "org.springframework.boot:spring-boot-starter-oauth2-resource-server")}, then http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))",
            _ => RemediationText,
        };
    }
}
