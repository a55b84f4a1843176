using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Deployment;

/// <summary>Infrastructure as code: Terraform, Pulumi, Serverless, SAM, CDK, Bicep and Ansible, by their files.</summary>
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
