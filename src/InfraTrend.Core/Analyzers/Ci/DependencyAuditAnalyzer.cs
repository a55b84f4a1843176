using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.dependency-audit",
    Category = Category.Ci,
    Level = 3,
    Weight = 2.5,
    WeightReason = "Most known vulnerabilities reach an application through its dependencies, and an audit step finds them for the cost of one command. Auditors name 'no security scanning' among the first gaps of a pipeline (the rubric's anchor pipeline, rated 85, runs Trivy and pnpm audit), so it weighs a little more than the lint step.",
    Severity = Severity.High,
    Title = "Dependencies audited in CI",
    LooksFor = "A pipeline step that checks dependencies against vulnerability databases: npm/pnpm/yarn audit, dotnet list package --vulnerable, pip-audit or safety, bundler-audit, govulncheck, OSV-Scanner, Snyk, Trivy, Grype, OWASP Dependency-Check, the dependency review action. A code scanner alone (CodeQL, Semgrep, SonarQube, Veracode, gosec, Bandit, Brakeman) earns half: the pipeline does look for vulnerabilities, in the code rather than in what it depends on. Dependabot or Renovate earns nothing here (ci.dependency-updates counts it): the bot raises updates, but nothing checks a change that adds a vulnerable dependency.",
    WhyItMatters = "A dependency with a published vulnerability stays in production until something looks; an audit in CI looks on every change.",
    Remediation = RemediationText)]
public sealed class DependencyAuditAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a dependency audit step to the pipeline (osv-scanner --recursive . works for most ecosystems).";

    /// <summary>The scanners that check dependencies against vulnerability databases (Trivy and Grype read lockfiles and images alike).</summary>
    internal static readonly string[] Auditors = ["npm-audit", "pnpm-audit", "yarn-audit", "dotnet-vulnerable", "pip-audit", "bundler-audit", "govulncheck", "osv-scanner", "snyk", "trivy", "grype", "dependency-check", "dependency-review"];

    /// <summary>Static analysers that look for vulnerabilities in the project's own code.</summary>
    internal static readonly string[] CodeScanners = ["codeql", "semgrep", "sonarqube", "veracode", "gosec", "bandit", "brakeman"];

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var found = context.Repository.List(FactKeys.SecurityScanners).Intersect(Auditors).ToList();
        if (found.Count > 0)
        {
            var evidence = found.SelectMany(s => context.Repository.EvidenceOf(FactKeys.SecurityScanners, s)).ToList();
            return [context.Pass($"A pipeline audits the dependencies: {string.Join(", ", found)}{RemoteWorkflowNote.Of(context, evidence)}.", evidence)];
        }

        var step = AuditStep(context.Stack);
        var fix = step is null ? RemediationText : $"Add a pipeline step: {step}.";
        var codeScanners = context.Repository.List(FactKeys.SecurityScanners).Intersect(CodeScanners).ToList();
        if (codeScanners.Count > 0)
            return [context.Partial(0.5, $"No pipeline audits the dependencies, but {string.Join(", ", codeScanners)} scans the code for vulnerabilities.", fix,
                codeScanners.SelectMany(s => context.Repository.EvidenceOf(FactKeys.SecurityScanners, s)))];
        var bot = context.Repository.Text(FactKeys.DependencyBot) is { } name ? $" ({name} raises updates, but nothing checks a change that adds a vulnerable dependency)" : "";
        return [context.Fail($"No pipeline audits the dependencies for known vulnerabilities{bot}.", fix, context.EvidenceOf(FactKeys.CiSystems))];
    }

    private static string? AuditStep(StackProfile stack) =>
        stack.Ecosystem switch
        {
            "node" => stack.PackageManager switch
            {
                "pnpm" => "pnpm audit --prod",
                "yarn" => "yarn npm audit --environment production (yarn audit --groups dependencies on Yarn 1)",
                "bun" => "bun audit",
                _ => "npm audit --omit=dev",
            },
            "dotnet" => "dotnet list package --vulnerable --include-transitive (fail the step when it reports any)",
            "python" => "pip install pip-audit && pip-audit",
            "go" => "go install golang.org/x/vuln/cmd/govulncheck@latest && govulncheck ./...",
            "ruby" => "gem install bundler-audit && bundle-audit check --update",
            "java" => "osv-scanner --recursive . (google/osv-scanner-action)",
            _ => null,
        };
}
