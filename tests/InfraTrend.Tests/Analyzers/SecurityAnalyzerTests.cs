using InfraTrend.Analyzers;
using InfraTrend.Facts;
using static InfraTrend.Tests.Analyzers.AnalyzerHarness;

namespace InfraTrend.Tests.Analyzers;

public sealed class SecurityAnalyzerTests
{
    [Fact]
    public void No_Committed_Secrets_Passes_On_A_Clean_Repository()
    {
        Assert.Equal(FindingStatus.Pass, OnRepository("security.no-committed-secrets", Table(Piped)).Status);
    }

    [Fact]
    public void Clean_Files_That_No_Pipeline_Checks_Earn_Half()
    {
        // After the tutorials and course samples of the corpus (a MERN course app, a Go REST example, a Spring JWT demo):
        // nothing committed, and nothing that keeps it so.
        var finding = OnRepository("security.no-committed-secrets", Table());

        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.5, finding.Score);
        Assert.Equal("No values that look like secrets and no real .env file are committed. But no pipeline runs: nothing checks the next change for secrets before it lands.", finding.Message);
        Assert.Contains("gitleaks", finding.Fix);
    }

    private static void Piped(FactTable t) => t.Add(FactKeys.CiSystems, "github-actions", new Evidence(".github/workflows/ci.yml", 0));

    [Fact]
    public void Committed_Secrets_Fail_With_Their_Count_And_Where_But_No_Value()
    {
        var finding = OnRepository("security.no-committed-secrets", Table(t =>
        {
            t.Count(FactKeys.CommittedSecrets, 1, new Evidence("src/config.ts", 7));
            t.Count(FactKeys.CommittedSecrets, 1, new Evidence("scripts/deploy.sh", 3));
            t.Flag(FactKeys.EnvFileCommitted, new Evidence("backend/.env", 0));
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("2 values that look like a secret are committed (values not shown; see the evidence for where); a real .env file is tracked (backend/.env).", finding.Message);
        Assert.Equal([new Evidence("backend/.env", 0), new Evidence("scripts/deploy.sh", 3), new Evidence("src/config.ts", 7)], finding.Evidence);
        Assert.Contains("rotate", finding.Fix);
    }

    [Fact]
    public void Possible_Secrets_Alone_Pass_And_Say_So_With_Their_Places()
    {
        var finding = OnRepository("security.no-committed-secrets", Table(t =>
        {
            Piped(t);
            t.Count(FactKeys.PossibleSecrets, 1, new Evidence(".github/workflows/ci.yml", 12));
            t.Count(FactKeys.PossibleSecrets, 1, new Evidence("docker-compose.yml", 5));
        }));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.StartsWith("No real secret is committed. 2 possible placeholder or development credentials were seen", finding.Message);
        Assert.Contains("not counted", finding.Message);
        Assert.Equal([new Evidence(".github/workflows/ci.yml", 12), new Evidence("docker-compose.yml", 5)], finding.Evidence);
    }

    [Fact]
    public void Real_Secrets_Fail_And_Leave_The_Possible_Ones_Out_Of_The_Evidence()
    {
        var finding = OnRepository("security.no-committed-secrets", Table(t =>
        {
            t.Count(FactKeys.CommittedSecrets, 1, new Evidence("config/production.yml", 2));
            t.Count(FactKeys.PossibleSecrets, 1, new Evidence("docker-compose.yml", 5));
        }));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("1 value that looks like a secret is committed (values not shown; see the evidence for where); 1 more possible placeholder or development credential is not counted.", finding.Message);
        Assert.Equal([new Evidence("config/production.yml", 2)], finding.Evidence);
    }

    [Fact]
    public void Env_Config_Passes_When_Documented_Is_Partial_When_Only_Read_And_Fails_Otherwise()
    {
        Assert.Equal(FindingStatus.Pass, OnRepository("security.env-config", Table(t => t.Flag(FactKeys.EnvExample, new Evidence(".env.example", 0)))).Status);

        var documented = OnRepository("security.env-config", Table(t => t.Add(FactKeys.ConfigDocs, "appsettings.json", new Evidence("src/Web/App_Data/appsettings.json", 0))));
        Assert.Equal(FindingStatus.Pass, documented.Status);
        Assert.Equal("The configuration is documented: appsettings.json.", documented.Message);

        var undocumented = OnRepository("security.env-config", Table(t => t.Add(FactKeys.ConfigSources, "environment", new Evidence("config/setup.go", 4))));
        Assert.Equal(FindingStatus.Partial, undocumented.Status);
        Assert.Equal(0.5, undocumented.Score);
        Assert.Equal([new Evidence("config/setup.go", 4)], undocumented.Evidence);

        Assert.Equal(FindingStatus.Fail, OnRepository("security.env-config", Table()).Status);
    }

    [Theory]
    [InlineData("security.authentication", "web", false)]
    [InlineData("security.authentication", "worker", false)]
    [InlineData("security.authentication", "app", false)]
    [InlineData("security.authentication", "service", true)]
    [InlineData("security.headers", "web", false)]
    [InlineData("security.headers", "service", true)]
    [InlineData("security.rate-limiting", "worker", false)]
    [InlineData("security.rate-limiting", "service", true)]
    [InlineData("security.https", "worker", false)]
    [InlineData("security.https", "web", true)]
    [InlineData("security.https", "service", true)]
    public void Part_Security_Applies_Only_To_The_Parts_It_Is_About(string id, string kind, bool applies)
    {
        var finding = OnPart(id, Part(kind));

        Assert.Equal(applies, finding.Status != FindingStatus.NotApplicable);
    }

    [Fact]
    public void Authentication_Passes_And_Names_The_Mechanism()
    {
        // Authentication alone earns three quarters; with a second factor or role checks it passes.
        var finding = OnPart("security.authentication", Part("service", t => t.Add(FactKeys.Auth, "jwt", new Evidence("backend/src/auth.ts", 8))));
        var hardened = OnPart("security.authentication", Part("service", t =>
        {
            t.Add(FactKeys.Auth, "jwt", new Evidence("backend/src/auth.ts", 8));
            t.Add(FactKeys.AccountHardening, "authorization", new Evidence("backend/src/roles.guard.ts", 3));
        }));

        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.75, finding.Score);
        Assert.Contains("jwt", finding.Message);
        Assert.Equal(FindingStatus.Pass, hardened.Status);
        Assert.Contains("jwt", hardened.Message);
    }

    [Fact]
    public void Https_From_The_Platform_Passes_And_Says_It_Is_Declared()
    {
        var finding = OnPart("security.https", Part("service"), Table(t => t.Flag(FactKeys.HttpsByPlatform, new Evidence("render.yaml", 1))));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("declared", finding.Message);
        Assert.Equal([new Evidence("render.yaml", 1)], finding.Evidence);
    }

    [Fact]
    public void Https_Passes_With_A_Tls_Proxy_In_The_Repository_And_Half_With_Operator_Docs()
    {
        var proxy = OnPart("security.https", Part("service"), Table(t => t.Add(FactKeys.TlsTermination, "nginx", new Evidence("util/Setup/Templates/NginxConfig.hbs", 22))));
        var docs = OnPart("security.https", Part("service"), Table(t => t.Flag(FactKeys.TlsProxyDocumented, new Evidence("docs/install.md", 40))));

        Assert.Equal(FindingStatus.Pass, proxy.Status);
        Assert.Contains("nginx", proxy.Message);
        Assert.Equal([new Evidence("util/Setup/Templates/NginxConfig.hbs", 22)], proxy.Evidence);
        Assert.Equal(FindingStatus.Partial, docs.Status);
        Assert.Equal(0.5, docs.Score);
    }

    [Fact]
    public void Https_For_A_Front_End_Is_Covered_By_The_Server_Part_That_Enforces_It()
    {
        var repository = Table(t => t.Flag(FactKeys.HttpsEnforced, new Evidence("server/router/middleware/header/header.go", 57)));

        var web = OnPart("security.https", Part("web", path: "web"), repository);
        var service = OnPart("security.https", Part("service", path: "api"), repository);

        Assert.Equal(FindingStatus.Pass, web.Status);
        // The server part itself is not covered by the front end's: nothing of its own, so TLS is left to the proxy (half).
        Assert.Equal(FindingStatus.Partial, service.Status);
    }

    [Fact]
    public void Https_Is_Left_To_The_Proxy_Without_App_Or_Platform_And_Fixes_For_DotNet()
    {
        var finding = OnPart("security.https", Part("service", t => t.DotNet()));

        // Outside Rails and Django, nothing in the repository means TLS is left to the proxy in front: half.
        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Contains("app.UseHttpsRedirection();", finding.Fix);
    }

    [Theory]
    [InlineData("pnpm", "", "pnpm add helmet, then app.use(helmet())")]
    [InlineData("npm", "", "npm install helmet, then app.use(helmet())")]
    [InlineData("pnpm", "fastify", "pnpm add @fastify/helmet")]
    [InlineData("nuget", "", "dotnet add package NetEscapades.AspNetCore.SecurityHeaders, then app.UseHsts();")]
    public void Security_Headers_Fix_Is_Written_For_The_Stack(string manager, string framework, string expected)
    {
        var repository = Table(t =>
        {
            if (manager == "nuget")
                t.DotNet();
            else
                t.Node(manager);
        });
        var part = Part("service", t =>
        {
            if (framework.Length > 0)
                t.Add(FactKeys.Frameworks, framework);
        });

        var finding = OnPart("security.headers", part, repository);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.StartsWith(expected, finding.Fix);
    }

    [Fact]
    public void Security_Headers_Pass_With_Middleware()
    {
        var finding = OnPart("security.headers", Part("service", t => t.Add(FactKeys.SecurityHeaders, "helmet", new Evidence("backend/src/app.ts", 12))));

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("helmet", finding.Message);
    }

    [Theory]
    [InlineData("express", "pnpm add express-rate-limit")]
    [InlineData("nestjs", "pnpm add @nestjs/throttler")]
    public void Rate_Limiting_Fix_Follows_The_Node_Framework(string framework, string expected)
    {
        var finding = OnPart("security.rate-limiting", Part("service", t => t.Add(FactKeys.Frameworks, framework)), Table(t => t.Node("pnpm")));

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.StartsWith(expected, finding.Fix);
    }

    [Fact]
    public void Rate_Limiting_Fix_For_DotNet_Uses_The_Built_In_Limiter()
    {
        var finding = OnPart("security.rate-limiting", Part("service", t => t.DotNet()));

        Assert.Contains("builder.Services.AddRateLimiter(", finding.Fix);
        Assert.Contains("app.UseRateLimiter();", finding.Fix);
    }

    [Fact]
    public void Rate_Limiting_Passes_When_Configured()
    {
        Assert.Equal(FindingStatus.Pass, OnPart("security.rate-limiting", Part("service", t => t.Flag(FactKeys.RateLimiting))).Status);
    }

    [Theory]
    [InlineData(true, false, FindingStatus.Pass, 1.0)]
    [InlineData(false, true, FindingStatus.Partial, 0.5)]
    [InlineData(false, false, FindingStatus.NotApplicable, 0.0)]
    public void Cors_Is_Deliberate_With_Explicit_Origins_And_Half_With_Any_Origin(bool configured, bool permissive, FindingStatus status, double score)
    {
        var finding = OnPart("security.cors", Part("service", t =>
        {
            if (configured)
                t.Flag(FactKeys.CorsConfigured);
            if (permissive)
                t.Flag(FactKeys.CorsPermissive, new Evidence("backend/src/app.ts", 20));
        }));

        Assert.Equal((status, score), (finding.Status, finding.Score));
    }

    [Fact]
    public void Permissive_Cors_Fix_Lists_Origins_For_Express()
    {
        var finding = OnPart("security.cors", Part("service", t =>
        {
            t.Node();
            t.Add(FactKeys.Frameworks, "express");
            t.Flag(FactKeys.CorsPermissive);
        }));

        Assert.Contains("cors({ origin: process.env.CORS_ORIGINS?.split(',') })", finding.Fix);
    }

    [Theory]
    [InlineData("trivy", FindingStatus.Pass)]
    [InlineData("codeql", FindingStatus.Pass)]
    [InlineData("gitleaks", FindingStatus.Pass)]
    [InlineData("govulncheck", FindingStatus.Pass)]
    [InlineData("osv-scanner", FindingStatus.Pass)]
    [InlineData("grype", FindingStatus.Pass)]
    [InlineData("dependency-check", FindingStatus.Pass)]
    [InlineData("pnpm-audit", FindingStatus.Partial)]
    [InlineData("dependency-review", FindingStatus.Partial)]
    [InlineData("npm-audit", FindingStatus.Partial)]
    public void Scanning_In_Ci_Counts_Code_Image_Secret_And_Vulnerability_Scanners_And_Half_For_A_Package_Managers_Audit(string scanner, FindingStatus status)
    {
        var finding = OnRepository("security.scanning-in-ci", Table(t => t.Add(FactKeys.SecurityScanners, scanner)));

        Assert.Equal(status, finding.Status);
    }

    [Fact]
    public void Scanning_In_Ci_Fix_Sets_Up_CodeQL_For_The_Language()
    {
        var finding = OnRepository("security.scanning-in-ci", Table(t =>
        {
            t.DotNet();
            t.Add(FactKeys.CiSystems, "github-actions");
        }));

        Assert.Contains("languages: csharp", finding.Fix);
    }

    [Fact]
    public void Security_Policy()
    {
        Assert.Equal(FindingStatus.Pass, OnRepository("security.policy", Table(t => t.Flag(FactKeys.SecurityPolicy))).Status);
        Assert.Equal(FindingStatus.Fail, OnRepository("security.policy", Table()).Status);
    }

    [Theory]
    [InlineData(null, null, FindingStatus.Fail, 0)]
    [InlineData(null, "sbom", FindingStatus.Partial, 0.25)]
    [InlineData(null, "signing", FindingStatus.Partial, 0.5)]
    [InlineData(null, "provenance", FindingStatus.Partial, 0.5)]
    [InlineData("trivy", "signing", FindingStatus.Pass, 1)]
    public void Scanning_In_Ci_Gives_Signed_Or_Attested_Artifacts_Partial_Credit_Without_A_Scanner(string? scanner, string? attestation, FindingStatus status, double score)
    {
        var finding = OnRepository("security.scanning-in-ci", Table(t =>
        {
            if (scanner is not null)
                t.Add(FactKeys.SecurityScanners, scanner, new Evidence(".github/workflows/ci.yml", 20));
            if (attestation is not null)
                t.Add(FactKeys.SupplyChain, attestation, new Evidence(".github/workflows/build.yml", 325));
        }));

        Assert.Equal(status, finding.Status);
        Assert.Equal(score, finding.Score);
    }
}
