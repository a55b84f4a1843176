namespace InfraTrend.Facts.Deployment;

/// <summary>Infrastructure as code: Terraform, Pulumi, Serverless, SAM, CDK, Bicep and Ansible, by their files.</summary>
public sealed class InfrastructureAsCodeFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path) && !f.Path.Contains(".terraform/", StringComparison.Ordinal)))
        {
            var evidence = new Evidence(file.Path, 1);
            var name = file.Name;
            if (name.EndsWith(".tf", StringComparison.Ordinal) || name.EndsWith(".tf.json", StringComparison.Ordinal))
                context.Add(FactKeys.Platforms, "terraform", evidence);
            else if (name is "Pulumi.yaml" or "Pulumi.yml")
                context.Add(FactKeys.Platforms, "pulumi", evidence);
            else if (name is "serverless.yml" or "serverless.yaml" or "serverless.ts" or "serverless.json")
                context.Add(FactKeys.Platforms, "serverless", evidence);
            else if (name is "cdk.json")
                context.Add(FactKeys.Platforms, "aws-cdk", evidence);
            else if (name.EndsWith(".bicep", StringComparison.Ordinal))
                context.Add(FactKeys.Platforms, "bicep", evidence);
            else if (name is "samconfig.toml" || (name is "template.yaml" or "template.yml") && context.Snapshot.ReadText(file.Path)?.Contains("AWS::Serverless", StringComparison.Ordinal) == true)
                context.Add(FactKeys.Platforms, "aws-sam", evidence);
            else if (name is "ansible.cfg" || file.Path.Contains("/roles/", StringComparison.Ordinal) && file.Path.EndsWith("/tasks/main.yml", StringComparison.Ordinal) || IsPlaybook(context, file))
                context.Add(FactKeys.Platforms, "ansible", evidence);
        }
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
