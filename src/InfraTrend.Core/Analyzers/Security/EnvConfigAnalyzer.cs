using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.env-config",
    Category = Category.Security,
    Level = 2,
    Weight = 1,
    WeightReason = "Configuration kept out of the code yet documented is how new environments are set up without trial and error, and how secrets stay out of the code; nearly every framework reads its environment, so it weighs one point.",
    Severity = Severity.Medium,
    Title = "Configuration from the environment, documented",
    LooksFor = "Configuration read from the environment or a config file, and documented the way the ecosystem does it: an example env file, a sample config (config.example.*, database.yml.sample, configuration_example.py), a page listing the settings or variables, appsettings.json, Spring application.yml/.properties, a Python settings module, Rails config/*.yml reading ENV, Helm values.yaml, Go flags bound to variables. Partial when the code reads the environment but nothing documents it.",
    WhyItMatters = "When the variables an application needs are written down nowhere, secrets end up in code and each deployment is configured from memory.",
    Remediation = RemediationText)]
public sealed class EnvConfigAnalyzer : IAnalyzer
{
    private const string RemediationText = "Commit a .env.example (or a sample config file) that lists every variable the application reads, with safe placeholder values and no real secrets, or document them on a configuration page.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var documented = new List<string>();
        if (context.Repository.Bool(FactKeys.EnvExample))
            documented.Add("an example env file");
        documented.AddRange(context.Repository.List(FactKeys.ConfigDocs));
        if (documented.Count > 0)
            return [context.Pass($"The configuration is documented: {string.Join(", ", documented)}.", context.EvidenceOf(FactKeys.EnvExample, FactKeys.ConfigDocs))];

        var fix = context.Stack.Ecosystem == "dotnet"
            ? "Keep non-secret defaults in appsettings.json and commit a .env.example listing the environment overrides the deployment must set (ConnectionStrings__Default, ...), with placeholder values."
            : RemediationText;
        var sources = context.Repository.List(FactKeys.ConfigSources);
        if (sources.Count > 0)
            return [context.Partial(0.5, $"The application reads its configuration from the {string.Join(", ", sources)}, but nothing in the repository documents it (no example env file, sample config or configuration page).", fix, context.EvidenceOf(FactKeys.ConfigSources))];
        return [context.Fail("No configuration from the environment and none documented: settings and secrets appear to be hard-coded.", fix)];
    }
}
