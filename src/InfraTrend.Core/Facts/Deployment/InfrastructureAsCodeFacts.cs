namespace InfraTrend.Facts.Deployment;

/// <summary>Infrastructure as code: Terraform, Pulumi, Serverless, SAM, CDK, Bicep and Ansible, by their files.</summary>
public sealed class InfrastructureAsCodeFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => DeploymentPaths.Counts(f.Path) && !f.Path.Contains(".terraform/", StringComparison.Ordinal)))
        {
            var evidence = new Evidence(file.Path, 1);
            var name = file.Name;
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

    /// <summary>A Lambda runtime (nodejs20.x, python3.12, java21, ruby3.3, dotnet8) pins the runtime it deploys on.</summary>
    private static void LambdaRuntime(FactContext context, string path, YamlDotNet.RepresentationModel.YamlNode? runtime)
    {
        if (runtime.Scalar() is not { } value)
            return;
        var m = System.Text.RegularExpressions.Regex.Match(value, @"^(nodejs|python|java|ruby|dotnet|go)(\d+(?:\.\d+)?)");
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
