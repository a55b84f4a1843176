using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.env-config",
    Category = Category.Security,
    Level = 2,
    Weight = 2,
    WeightReason = "An example env file is how configuration stays out of the code yet documented; without it new environments are set up by trial and error.",
    Severity = Severity.Medium,
    Title = "Configuration from the environment, documented",
    LooksFor = "An example env file (.env.example, .env.sample, .env.template) listing the variables the application reads.",
    WhyItMatters = "When the variables an application needs are written down nowhere, secrets end up in code and each deployment is configured from memory.",
    Remediation = RemediationText)]
public sealed class EnvConfigAnalyzer : IAnalyzer
{
    private const string RemediationText = "Commit a .env.example that lists every variable the application reads, with safe placeholder values and no real secrets.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Bool(FactKeys.EnvExample))
            return [context.Pass("An example env file documents the configuration the application reads.", context.EvidenceOf(FactKeys.EnvExample))];

        var fix = context.Stack.Ecosystem == "dotnet"
            ? "Keep non-secret defaults in appsettings.json and commit a .env.example listing the environment overrides the deployment must set (ConnectionStrings__Default, ...), with placeholder values."
            : RemediationText;
        return [context.Fail("No example env file: the variables the application needs are not documented.", fix)];
    }
}
