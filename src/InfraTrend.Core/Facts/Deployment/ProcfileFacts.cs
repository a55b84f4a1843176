namespace InfraTrend.Facts.Deployment;

/// <summary>A Procfile (Heroku and compatible platforms): its process types, and a release phase that migrates.</summary>
[FactSource]
public sealed class ProcfileFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var file in context.FilesNamed("Procfile").Where(f => DeploymentPaths.Counts(f.Path)))
        {
            context.Add(FactKeys.Platforms, "heroku-procfile", new Evidence(file.Path, 1));
            if (context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                // A commented-out process (`#release: ./manage.py migrate`) does not run.
                var colon = lines[i].IndexOf(':');
                if (colon <= 0 || lines[i].TrimStart().StartsWith('#'))
                    continue;
                var type = lines[i][..colon].Trim();
                context.Add(FactKeys.ProcfileProcesses, type, new Evidence(file.Path, i + 1));
                StartCommands.Record(context, lines[i][(colon + 1)..], type == "release" ? "release" : "start", new Evidence(file.Path, i + 1));
            }
        }
    }
}
