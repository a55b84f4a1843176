using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Facts.Ci;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Security-scanning cases of the eighth calibration round, rebuilt by hand after the real repositories named in the
/// tests (none of their files are copied).
/// </summary>
public class CorpusCasesScanning8Tests
{
    private const string Gradle = "plugins {\n  id 'org.springframework.boot' version '3.3.0'\n  id 'java'\n}\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web'\n}\n";
    private const string App = "package demo;\n@org.springframework.boot.autoconfigure.SpringBootApplication\npublic class App {}\n";

    private static string Caller(string uses) =>
        $"name: scan\non:\n  pull_request:\n  schedule:\n    - cron: '0 5 * * 1'\njobs:\n  scan:\n    uses: {uses}\n    secrets: inherit\n";

    [Fact]
    public void A_remote_reusable_workflow_named_for_a_scanner_runs_that_scanner()
    {
        // hmpps-manage-users-api (security_owasp.yml, security_snyk_scan.yml, security_codeql_actions.yml and
        // security_veracode_pipeline_scan.yml of the organisation's shared workflows repository), alphagov's
        // codeql-analysis.yml of govuk-infrastructure, killbill's and start.spring.io's shared codeql-analysis.yml:
        // the called workflow cannot be read, its file name says which scanner it runs, and auditors credit it.
        using var shared = TestRepository.Create()
            .Write("build.gradle", Gradle)
            .Write("src/main/java/demo/App.java", App)
            .Write(".github/workflows/security_owasp.yml", Caller("example-org/shared-actions/.github/workflows/security_owasp.yml@v2"))
            .Write(".github/workflows/security_snyk_scan.yml", Caller("example-org/shared-actions/.github/workflows/security_snyk_scan.yml@v2"))
            .Write(".github/workflows/security_veracode_pipeline_scan.yml", Caller("example-org/shared-actions/.github/workflows/security_veracode_pipeline_scan.yml@v2"));
        var facts = Extract(shared);
        Assert.Equal(["dependency-check", "snyk", "veracode"], facts.Repository.List(FactKeys.SecurityScanners).Order(StringComparer.Ordinal));
        var evaluation = Evaluation.Evaluate(facts);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "security.scanning-in-ci").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "ci.dependency-audit").Finding.Status);
    }

    [Fact]
    public void A_remote_code_scanner_workflow_is_a_scan_and_half_a_dependency_audit()
    {
        // alphagov/search-api and publishing-api call govuk-infrastructure's codeql-analysis.yml: CodeQL scans the
        // code (security passes), and looks at the code, not at the dependencies (half the audit, as a local CodeQL).
        using var codeql = TestRepository.Create()
            .Write("build.gradle", Gradle)
            .Write("src/main/java/demo/App.java", App)
            .Write(".github/workflows/ci.yml", Caller("example-org/infrastructure/.github/workflows/codeql-analysis.yml@main"));
        var evaluation = Evaluation.Evaluate(Extract(codeql));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "security.scanning-in-ci").Finding.Status);
        var audit = Finding(evaluation, "ci.dependency-audit").Finding;
        Assert.Equal(FindingStatus.Partial, audit.Status);
        Assert.Equal(0.5, audit.Score);
    }

    [Fact]
    public void A_remote_composite_action_named_for_a_scanner_runs_it_and_other_names_do_not()
    {
        // Flagsmith's shared trivy-scan-image action and VirtoCommerce's sonar-scanner-begin: the action's path names
        // the scanner. The owner is left out (an organisation called after a scanner publishes other actions too),
        // and a word must stand alone: "sonarous" or "zapier" name nothing.
        Assert.Contains("trivy", CommandClassifier.Action("example-org/actions/trivy-scan-image@v0.4.1", "").Scanners);
        Assert.Contains("sonarqube", CommandClassifier.Action("example-org/ci-actions/sonar-scanner-begin@master", "").Scanners);
        Assert.Contains("zap", CommandClassifier.Action("zaproxy/action-baseline@v0.15.0", "").Scanners);
        Assert.Contains("osv-scanner", CommandClassifier.RemoteWorkflow("example-org/shared/.github/workflows/osv-scan.yml@v1", "").Scanners);
        Assert.Equal(["zap"], CommandClassifier.RemoteWorkflow("example-org/shared/.github/workflows/owasp-zap-scan.yml@v1", "").Scanners);
        Assert.Empty(CommandClassifier.Action("zapier/deploy-action@v1", "").Scanners);
        Assert.Empty(CommandClassifier.Action("example-org/actions/sonarous-build@v1", "").Scanners);
        Assert.Empty(CommandClassifier.RemoteWorkflow("example-org/shared/.github/workflows/build-and-test.yml@v1", "").Scanners);
        Assert.Empty(CommandClassifier.Action("./.github/actions/codeql-setup", "").Scanners);
    }
}
