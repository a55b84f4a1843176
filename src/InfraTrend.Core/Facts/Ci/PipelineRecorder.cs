namespace InfraTrend.Facts.Ci;

/// <summary>Writes what one pipeline step does into the ci.* facts, with the step's line as evidence.</summary>
internal static class PipelineRecorder
{
    public static void Record(FactContext context, CommandActivities activities, Evidence evidence)
    {
        if (activities.Build)
            context.Flag(FactKeys.RunsBuild, evidence);
        if (activities.Test)
            context.Flag(FactKeys.RunsTests, evidence);
        if (activities.Lint)
            context.Flag(FactKeys.RunsLint, evidence);
        if (activities.Typecheck)
            context.Flag(FactKeys.RunsTypecheck, evidence);
        if (activities.Deploy)
            context.Flag(FactKeys.Deploys, evidence);
        if (activities.Publish)
            context.Flag(FactKeys.Publishes, evidence);
        if (activities.Migrate)
        {
            context.Flag(FactKeys.RunsMigrations, evidence);
            context.Add(FactKeys.MigrationsAppliedAt, "pipeline", evidence);
        }
        if (activities.MigrationCheck)
            context.Flag(FactKeys.ChecksMigrations, evidence);
        foreach (var scanner in activities.Scanners)
            context.Add(FactKeys.SecurityScanners, scanner, evidence);
        foreach (var attestation in activities.Attestations)
            context.Add(FactKeys.SupplyChain, attestation, evidence);
    }
}

/// <summary>Pipelines and jobs that publish documentation (a docs site, GitHub Pages, Storybook): their deploys ship no application.</summary>
internal static partial class DocsPipelines
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(^|[^a-z])(docs?|documentation|website|gh-pages|pages|storybook|mkdocs|docusaurus|book)([^a-z]|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DocsName();

    /// <summary>True when a job or file name (`docs.yml`, `deploy-docs`, `gh-pages`) says it publishes documentation.</summary>
    public static bool IsDocs(string name) => DocsName().IsMatch(name.Contains('/') ? name[(name.LastIndexOf('/') + 1)..] : name);

    [System.Text.RegularExpressions.GeneratedRegex(@"\bkind\s+create\s+cluster|\bminikube\s+start|\bk3d\s+cluster\s+create|\bctlptl\s+create|helm/kind-action|container-tools/kind-action|medyagh/setup-minikube|absaoss/k3d-action|nolar/setup-k3d-k3s", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ThrowawayCluster();

    /// <summary>True when a step creates a throwaway cluster (kind, minikube, k3d) to deploy into for a test.</summary>
    public static bool IsThrowawayCluster(string step) => ThrowawayCluster().IsMatch(step);

    /// <summary>The step without its deploy and publish: a docs site or a throwaway cluster ships no application.</summary>
    public static CommandActivities WithoutDeploy(CommandActivities activities) => activities with { Deploy = false, Publish = false };
}

/// <summary>Pipeline steps and jobs that test against real services or a started application (integration and end-to-end suites).</summary>
internal static partial class IntegrationPipelines
{
    // A suite named for what it drives (e2e, integration, system, smoke, API, acceptance), a browser runner, or the
    // services it brings up (docker compose up, Testcontainers); Rails system specs and their folders likewise.
    [System.Text.RegularExpressions.GeneratedRegex(@"(^|[^a-z0-9])(e2e|end-to-end|playwright|cypress|selenium|testcontainers|integration[-_ :]?tests?|integ[-_]?tests?|it[-_]tests?|system[-_ ]?(tests?|specs?)|rspec[-_ ]system|smoke[-_ ]?tests?|api[-_ ]tests?|acceptance[-_ ]?tests?|cucumber)([^a-z0-9]|$)|\b(spec|test)/(system|features|integration|e2e)\b|\bdocker[- ]compose\b[^\n]*\bup\b|\bcompose\s+up\b|\btest:system\b|cypress-io/github-action|\btox\b[^\n]*-e\s*integration", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex IntegrationText();

    /// <summary>True when a step's command, action or a job's name says it runs an integration or end-to-end suite, or brings up the services one runs against.</summary>
    public static bool IsIntegration(string text) => IntegrationText().IsMatch(text);
}
