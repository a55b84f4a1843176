using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.infrastructure-as-code",
    Category = Category.Deployment,
    Level = 5,
    Weight = 2,
    WeightReason = "Infrastructure as code is what lets an environment be rebuilt from the repository; it is the main level-5 step of deployment.",
    Severity = Severity.Medium,
    Title = "Infrastructure as code",
    LooksFor = "Terraform, Pulumi, AWS CDK, Bicep, AWS SAM, Serverless, Kubernetes manifests, Helm, Kustomize or Ansible; a platform blueprint (render.yaml, fly.toml...) counts for half, a Procfile that only starts the web process (and is the only descriptor) for nothing.",
    WhyItMatters = "Infrastructure created by hand drifts, cannot be reviewed and cannot be rebuilt after a disaster.",
    Remediation = "Describe the infrastructure (services, databases, DNS, buckets) with an IaC tool such as Terraform or Pulumi, kept in the repository.")]
public sealed class InfrastructureAsCodeAnalyzer : IAnalyzer
{
    private static readonly string[] InfrastructureTools = ["terraform", "pulumi", "aws-cdk", "bicep", "aws-sam", "serverless", "kubernetes", "helm", "kustomize", "ansible"];

    private static readonly string[] PlatformBlueprints = ["render", "fly", "vercel", "netlify", "railway", "app-engine", "elastic-beanstalk", "azure-app-service", "docker-compose", "heroku-procfile", "nixpacks"];

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        var tools = platforms.Intersect(InfrastructureTools).ToList();
        if (tools.Count > 0)
            return [context.Pass($"The infrastructure is described as code: {string.Join(", ", tools)}.", Evidence(context, tools))];

        // A Procfile that only starts the web process describes no infrastructure, not even the platform's services.
        var blueprints = BareProcfile.IsOnlyDescriptor(context) ? [] : platforms.Intersect(PlatformBlueprints).ToList();
        if (blueprints.Count > 0)
        {
            return
            [
                context.Partial(
                    0.5,
                    $"Only a platform blueprint describes the infrastructure ({string.Join(", ", blueprints)}): it covers the services it deploys, not the rest of the environment.",
                    platforms.Contains("render")
                        ? "Manage what render.yaml does not cover (DNS, buckets, monitors, other accounts) with Terraform; Render has a Terraform provider (render-oss/render)."
                        : "Manage what the blueprint does not cover (DNS, buckets, databases, monitors) with Terraform or Pulumi, kept in the repository.",
                    Evidence(context, blueprints)),
            ];
        }

        return [context.Fail("No infrastructure as code: the environment is created by hand.", "Describe the infrastructure (services, databases, DNS, buckets) with Terraform or Pulumi, kept in the repository and applied from the pipeline.")];
    }

    private static IEnumerable<Evidence> Evidence(AnalyzerContext context, IEnumerable<string> platforms) =>
        platforms.SelectMany(p => context.Repository.EvidenceOf(FactKeys.Platforms, p));
}
