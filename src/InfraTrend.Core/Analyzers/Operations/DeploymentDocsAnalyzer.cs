using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.deployment-docs",
    Category = Category.Operations,
    Level = 3,
    Weight = 2,
    WeightReason = "Written deployment steps are what let someone other than the author ship or roll back a release; it is the document operations needs most.",
    Severity = Severity.Medium,
    Title = "Deployment documented",
    LooksFor = "A document on installing, deploying, upgrading or self-hosting (INSTALL.md, docs/installation/, docs/deployment.md); a README whose deployment sections write the procedure out (30 non-blank lines or more) counts the same; a shorter deployment section in the README (a heading about deploying, releasing or hosting, or a sentence on where it is deployed) counts for three quarters, a README without one for half.",
    WhyItMatters = "When only one person knows how a release reaches production, that person is the deployment process.",
    Remediation = RemediationText)]
public sealed class DeploymentDocsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Add a Deployment section to the README: where the application runs, how a release is shipped and rolled back, and which configuration it needs.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.List(FactKeys.DeploymentDocs) is { Count: > 0 } pages)
            return [context.Pass($"The deployment is documented: {string.Join(", ", pages)}.", context.EvidenceOf(FactKeys.DeploymentDocs))];
        if (context.Repository.Has(FactKeys.ReadmeSections, "deploy") && context.Repository.Bool(FactKeys.ReadmeDeploymentProcedure))
            return [context.Pass("The README writes the deployment procedure out.", context.EvidenceOf(FactKeys.ReadmeDeploymentProcedure))];
        // A README section names where and how it is deployed, but a few lines of prose are not the written procedure a
        // deployment page is: auditors give it part of the credit.
        if (context.Repository.Has(FactKeys.ReadmeSections, "deploy"))
            return [context.Partial(0.75, "The README has a deployment section, but no page documents the deployment procedure.", "Move the deployment steps to docs/deployment.md and complete them: where it runs, how a release ships and is rolled back, and the configuration it needs.", context.Repository.EvidenceOf(FactKeys.ReadmeSections, "deploy"))];
        if (context.Repository.Bool(FactKeys.Readme))
            return [context.Partial(0.5, "The README has no deployment section: how a release reaches production is not written down.", Fix(context), context.EvidenceOf(FactKeys.Readme))];
        return [context.Fail("No README, so the deployment is not documented.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        return platforms.Count == 0
            ? RemediationText
            : $"Add a Deployment section to the README: how the {string.Join(", ", platforms)} configuration ships a release, which environment variables it needs, and how to roll back.";
    }
}
