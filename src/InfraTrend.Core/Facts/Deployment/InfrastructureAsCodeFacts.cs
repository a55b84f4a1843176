using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Deployment;

/// <summary>Infrastructure as code: Terraform, Pulumi, Serverless, SAM, CDK, Bicep and Ansible, by their files.</summary>
[FactSource]
public sealed partial class InfrastructureAsCodeFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => DeploymentPaths.Counts(f.Path) && !f.Path.Contains(".terraform/", StringComparison.Ordinal)))
        {
            var evidence = new Evidence(file.Path, 1);
            var name = file.Name;
            if (CloudAutoscaler(context, file) is { } scaler)
                context.Add(FactKeys.Autoscaling, "cloud", scaler);
            if (ManagedDatabase(context, file) is { } managed)
                context.Add(FactKeys.ManagedDatabase, managed.Database, managed.At);
            if (name.EndsWith(".tf", StringComparison.Ordinal) || name.EndsWith(".tf.json", StringComparison.Ordinal))
                context.Add(FactKeys.Platforms, "terraform", evidence);
            else if (name is "Pulumi.yaml" or "Pulumi.yml")
                context.Add(FactKeys.Platforms, "pulumi", evidence);
            else if (name is "serverless.yml" or "serverless.yaml" or "serverless.ts" or "serverless.json")
            {
                context.Add(FactKeys.Platforms, "serverless", evidence);
                if (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal))
                    LambdaRuntime(context, file.Path, YamlDocuments.Root(context, file.Path).Get("provider").Get("runtime"));
            }
            else if (name is "cdk.json")
                context.Add(FactKeys.Platforms, "aws-cdk", evidence);
            else if (name.EndsWith(".bicep", StringComparison.Ordinal))
                context.Add(FactKeys.Platforms, "bicep", evidence);
            else if (name is "samconfig.toml")
                context.Add(FactKeys.Platforms, "aws-sam", evidence);
            else if ((name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal)) && file.Size < 512 * 1024
                     && context.Snapshot.ReadText(file.Path) is { } template && template.Contains("AWS::Serverless", StringComparison.Ordinal) && template.Contains("Transform", StringComparison.Ordinal))
            {
                // A SAM template: the Transform turns AWS::Serverless resources into CloudFormation; the runtime is set globally or per function.
                context.Add(FactKeys.Platforms, "aws-sam", evidence);
                var root = YamlDocuments.Root(context, file.Path);
                LambdaRuntime(context, file.Path, root.Get("Globals").Get("Function").Get("Runtime"));
                foreach (var (_, resource) in root.Get("Resources").Entries())
                    LambdaRuntime(context, file.Path, resource.Get("Properties").Get("Runtime"));
            }
            else if (name is "ansible.cfg" || file.Path.Contains("/roles/", StringComparison.Ordinal) && file.Path.EndsWith("/tasks/main.yml", StringComparison.Ordinal) || IsPlaybook(context, file))
                context.Add(FactKeys.Platforms, "ansible", evidence);
        }
    }

    /// <summary>
    /// A cloud autoscaler declared as code: Terraform's AWS, Google and Azure autoscaling resources, a CloudFormation
    /// scaling group or policy (in a template, or in the code that writes one), ARM autoscale settings, Knative's max
    /// scale, App Engine's automatic_scaling, and a Terraform or Terragrunt block named for scaling (hotosm's
    /// `cpu_scaling_config = {...}` handed to its ECS module).
    /// </summary>
    private static Evidence? CloudAutoscaler(FactContext context, Scanning.SnapshotFile file)
    {
        var name = file.Name;
        var hcl = name.EndsWith(".tf", StringComparison.Ordinal) || name.EndsWith(".tf.json", StringComparison.Ordinal) || name.EndsWith(".hcl", StringComparison.Ordinal) || name.EndsWith(".bicep", StringComparison.Ordinal);
        var template = !hcl && file.Size < 512 * 1024
            && (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)
                || (name.EndsWith(".js", StringComparison.Ordinal) || name.EndsWith(".ts", StringComparison.Ordinal)) && file.Path.Split('/').Any(s => s is "cloudformation" or "cdk" or "infra" or "infrastructure" or "aws"));
        if (!hcl && !template || context.Snapshot.ReadText(file.Path) is not { } text
            || !text.Contains("caling", StringComparison.Ordinal) && !text.Contains("caler", StringComparison.Ordinal) && !text.Contains("autoscale", StringComparison.OrdinalIgnoreCase))
            return null;
        var match = (hcl ? HclAutoscaler() : TemplateAutoscaler()).Match(text);
        return match.Success ? new Evidence(file.Path, new TextLines(text).LineOf(match.Index)) : null;
    }

    [GeneratedRegex(@"resource\s+""(?:aws_appautoscaling_policy|aws_appautoscaling_target|aws_autoscaling_group|aws_autoscaling_policy|google_compute_autoscaler|google_compute_region_autoscaler|azurerm_monitor_autoscale_setting)""|Microsoft\.Insights/autoscalesettings|^\s*\w*(?:autoscaling|scaling)\w*\s*=\s*\{", RegexOptions.Multiline)]
    private static partial Regex HclAutoscaler();

    [GeneratedRegex(@"AWS::AutoScaling::AutoScalingGroup|AWS::ApplicationAutoScaling::ScalingPolicy|Microsoft\.Insights/autoscalesettings|autoscaling\.knative\.dev/max-?[sS]cale|^\s*automatic_scaling\s*:", RegexOptions.Multiline)]
    private static partial Regex TemplateAutoscaler();

    /// <summary>
    /// A managed database declared as code, which the provider backs up on its own schedule: Terraform's RDS, Cloud SQL,
    /// Azure database and DigitalOcean database resources, a Terraform or Terragrunt module named for RDS
    /// (terraform-aws-modules/rds, an organisation's terraform-aws-rds), a CloudFormation RDS instance or cluster (in a
    /// template, or in the code that writes one), and an ARM or Bicep Azure SQL, PostgreSQL, MySQL or Cosmos DB resource.
    /// </summary>
    private static (string Database, Evidence At)? ManagedDatabase(FactContext context, Scanning.SnapshotFile file)
    {
        var name = file.Name;
        var hcl = name.EndsWith(".tf", StringComparison.Ordinal) || name.EndsWith(".tf.json", StringComparison.Ordinal) || name.EndsWith(".hcl", StringComparison.Ordinal);
        var bicep = name.EndsWith(".bicep", StringComparison.Ordinal);
        var template = !hcl && !bicep && file.Size < 1024 * 1024
            && (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".template", StringComparison.Ordinal)
                || (name.EndsWith(".js", StringComparison.Ordinal) || name.EndsWith(".ts", StringComparison.Ordinal)) && file.Path.Split('/').Any(s => s is "cloudformation" or "cdk" or "infra" or "infrastructure" or "aws"));
        if (!hcl && !bicep && !template || context.Snapshot.ReadText(file.Path) is not { } text)
            return null;
        if (hcl)
        {
            var m = HclManagedDatabase().Match(text);
            return m.Success ? (Provider(m.Value), new Evidence(file.Path, new TextLines(text).LineOf(m.Index))) : null;
        }
        // A template is a deployment template (ARM's schema, CloudFormation's Resources), not a scan report that names one.
        if (template && !(text.Contains("deploymentTemplate", StringComparison.Ordinal) || text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal) || text.Contains("Resources", StringComparison.Ordinal)))
            return null;
        var t = TemplateManagedDatabase().Match(text);
        return t.Success ? (Provider(t.Value), new Evidence(file.Path, new TextLines(text).LineOf(t.Index))) : null;
    }

    private static string Provider(string match) =>
        match.Contains("google", StringComparison.Ordinal) ? "cloud-sql"
        : match.Contains("azurerm", StringComparison.Ordinal) || match.Contains("Microsoft.", StringComparison.Ordinal) ? "azure-database"
        : match.Contains("digitalocean", StringComparison.Ordinal) ? "digitalocean-database"
        : "aws-rds";

    [GeneratedRegex(@"resource\s+""(?:aws_db_instance|aws_rds_cluster|google_sql_database_instance|azurerm_(?:postgresql|mysql|mariadb|mssql|sql)_(?:flexible_)?(?:server|database)|azurerm_cosmosdb_account|digitalocean_database_cluster)""|terraform-aws-modules/rds(?:-aurora)?/aws|/terraform-aws-rds(?:-aurora)?\b")]
    private static partial Regex HclManagedDatabase();

    [GeneratedRegex(@"AWS::RDS::DB(?:Instance|Cluster)\b|Microsoft\.Sql/servers(?:/databases)?\b|Microsoft\.DBfor(?:PostgreSQL|MySQL|MariaDB)/|Microsoft\.DocumentDB/databaseAccounts\b")]
    private static partial Regex TemplateManagedDatabase();

    /// <summary>A Lambda runtime (nodejs20.x, python3.12, java21, ruby3.3, dotnet8) pins the runtime it deploys on.</summary>
    private static void LambdaRuntime(FactContext context, string path, YamlDotNet.RepresentationModel.YamlNode? runtime)
    {
        if (runtime.Scalar() is not { } value)
            return;
        var m = Regex.Match(value, @"^(nodejs|python|java|ruby|dotnet|go)(\d+(?:\.\d+)?)");
        if (!m.Success)
            return;
        var name = m.Groups[1].Value == "nodejs" ? "node" : m.Groups[1].Value;
        var version = name == "dotnet" && !m.Groups[2].Value.Contains('.') ? m.Groups[2].Value + ".0" : m.Groups[2].Value;
        context.RuntimeSource(name, version, new Evidence(path, runtime!.Line()), "deployment");
    }

    private static bool IsPlaybook(FactContext context, Scanning.SnapshotFile file)
    {
        if (!(file.Name.EndsWith(".yml", StringComparison.Ordinal) || file.Name.EndsWith(".yaml", StringComparison.Ordinal))
            || !(file.Name.Contains("playbook", StringComparison.OrdinalIgnoreCase) || file.Path.StartsWith("ansible/", StringComparison.Ordinal) || file.Path.Contains("/ansible/", StringComparison.Ordinal)))
            return false;
        var text = context.Snapshot.ReadText(file.Path);
        return text is not null && text.Contains("hosts:", StringComparison.Ordinal) && (text.Contains("tasks:", StringComparison.Ordinal) || text.Contains("roles:", StringComparison.Ordinal));
    }
}
