using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.scanning-in-ci",
    Category = Category.Security,
    Level = 4,
    Weight = 2,
    WeightReason = "A scanner in the pipeline (code, container, secrets or IaC) finds vulnerable code before it ships, on every change, without anyone remembering to look.",
    Severity = Severity.High,
    Title = "Security scanning in CI",
    LooksFor = "A pipeline step that runs a security scanner: CodeQL, Semgrep, SonarQube, Veracode, Bandit, gosec, Brakeman for the code; Trivy, Grype, Snyk, OSV-Scanner, govulncheck, OWASP Dependency-Check for known vulnerabilities; Gitleaks, TruffleHog for secrets; Checkov, Hadolint, Scorecard for configuration; OWASP ZAP against the running application. Another repository's reusable workflow or action whose path names one of them (security_owasp.yml, trivy-scan-image) counts as that scanner. Without a scanner, a package manager's audit of the dependencies (npm/pnpm/yarn audit, pip-audit or safety, bundler-audit, dotnet list package --vulnerable, the dependency review action) earns half: the pipeline checks what the project depends on against the advisories, not its own code, images or secrets. Without either, signed artifacts or provenance attestations (cosign, actions/attest-build-provenance, SLSA) earn half and an SBOM alone a quarter: they let others check what was shipped, but nothing looks for vulnerabilities.",
    WhyItMatters = "Injection flaws, vulnerable images and leaked keys are cheapest to fix in the pull request that introduces them.",
    Remediation = RemediationText)]
public sealed class ScanningInCiAnalyzer : IAnalyzer
{
    private const string RemediationText = "Run a security scanner in the pipeline: CodeQL or Semgrep for the code, Trivy for images, Gitleaks for secrets.";

    // The vulnerability scanners count here as in ci.dependency-audit; a package manager's own audit command does not.
    private static readonly string[] Scanners = ["codeql", "trivy", "snyk", "semgrep", "gitleaks", "trufflehog", "grype", "osv-scanner", "govulncheck", "dependency-check", "checkov", "hadolint", "sonarqube", "bandit", "gosec", "brakeman", "scorecard", "veracode", "zap"];

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var found = context.Repository.List(FactKeys.SecurityScanners).Intersect(Scanners).ToList();
        if (found.Count > 0)
            return [context.Pass($"A pipeline runs security scanning: {string.Join(", ", found)}.", found.SelectMany(s => context.Repository.EvidenceOf(FactKeys.SecurityScanners, s)))];
        // A dependency audit is a scan of known vulnerabilities too, limited to the lockfile: auditors list bundle-audit,
        // npm audit or pip-audit among a repository's security controls, but not as the code or image scanning they
        // credit in full.
        var audits = context.Repository.List(FactKeys.SecurityScanners).Intersect(Ci.DependencyAuditAnalyzer.Auditors).Except(Scanners).ToList();
        if (audits.Count > 0)
            return [context.Partial(0.5, $"No pipeline runs a security scanner on the code, images or secrets, but {string.Join(", ", audits)} checks the dependencies against known vulnerabilities.", Fix(context),
                audits.SelectMany(a => context.Repository.EvidenceOf(FactKeys.SecurityScanners, a)))];
        var attestations = context.Repository.List(FactKeys.SupplyChain);
        if (attestations.Contains("signing") || attestations.Contains("provenance"))
            return [context.Partial(0.5, $"No pipeline runs a security scanner, but the artifacts carry {string.Join(", ", attestations)}: their origin can be checked, their contents are not scanned.", Fix(context), context.EvidenceOf(FactKeys.SupplyChain))];
        if (attestations.Contains("sbom"))
            return [context.Partial(0.25, "No pipeline runs a security scanner; an SBOM describes the artifacts, but nothing checks it for vulnerabilities.", Fix(context), context.EvidenceOf(FactKeys.SupplyChain))];
        return [context.Fail("No pipeline runs a security scanner on the code, images or secrets.", Fix(context), context.EvidenceOf(FactKeys.CiSystems))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var language = context.Stack.Ecosystem switch
        {
            "node" => "javascript-typescript",
            "dotnet" => "csharp",
            "python" => "python",
            "go" => "go",
            "ruby" => "ruby",
            "java" => "java-kotlin",
            _ => null,
        };
        var images = context.Repository.Objects(FactKeys.Dockerfiles).Count > 0 ? ", and aquasecurity/trivy-action on the built image" : "";
        if (context.Repository.Has(FactKeys.CiSystems, "github-actions") && language is not null)
            return $"Add a CodeQL workflow (github/codeql-action/init and analyze with languages: {language}){images}.";
        return $"Add a step that runs semgrep scan --config auto --error{images}.";
    }
}
