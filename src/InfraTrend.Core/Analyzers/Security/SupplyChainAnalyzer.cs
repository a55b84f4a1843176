using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.supply-chain",
    Category = Category.Security,
    Level = 5,
    Weight = 1,
    WeightReason = "Signed artifacts with provenance and an SBOM let users check what they run came from this repository's build; few projects have them yet, so they weigh one point.",
    Severity = Severity.Low,
    Title = "Signed artifacts, provenance and SBOM",
    LooksFor = "For a repository whose pipelines publish artifacts (images, packages, release archives): signing (cosign, notation), build provenance (attest-build-provenance, SLSA) and an SBOM (syft, CycloneDX, buildx --sbom). Signing or provenance with an SBOM passes; one of them earns half. Not applicable when nothing is published.",
    WhyItMatters = "An unsigned image or package cannot be told from one pushed by someone who stole the registry token.",
    Remediation = RemediationText)]
public sealed class SupplyChainAnalyzer : IAnalyzer
{
    private const string RemediationText = "Sign what the release pipeline publishes (cosign sign, or actions/attest-build-provenance) and attach an SBOM (syft, or docker buildx --sbom=true).";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (!context.Repository.Bool(FactKeys.Publishes))
            return [context.NotApplicable("No pipeline publishes artifacts: there is nothing to sign.")];
        var found = context.Repository.List(FactKeys.SupplyChain);
        var origin = found.Contains("signing") || found.Contains("provenance");
        var sbom = found.Contains("sbom");
        var evidence = context.EvidenceOf(FactKeys.SupplyChain);
        if (origin && sbom)
            return [context.Pass($"Published artifacts carry {string.Join(", ", found)}.", evidence)];
        if (origin)
            return [context.Partial(0.5, $"Published artifacts carry {string.Join(", ", found)}, but no SBOM lists what is in them.", "Attach an SBOM to each release (syft, or docker buildx --sbom=true).", evidence)];
        if (sbom)
            return [context.Partial(0.5, "Published artifacts come with an SBOM, but nothing signs them or attests where they were built.", "Sign the published artifacts (cosign sign) or attest their provenance (actions/attest-build-provenance).", evidence)];
        return [context.Fail("The pipelines publish artifacts that are neither signed nor described by an SBOM.", RemediationText, context.EvidenceOf(FactKeys.Publishes))];
    }
}
