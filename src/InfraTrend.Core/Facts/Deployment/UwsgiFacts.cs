using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Deployment;

/// <summary>
/// A uWSGI configuration (an .ini file with a [uwsgi] section): the commands its hooks run as the server starts, such as
/// `hook-pre-app = exec:./manage.py migrate`, which apply migrations at every start.
/// </summary>
[FactSource]
public sealed partial class UwsgiFacts : IFactSource
{
    // exec-asap, exec-pre-app, exec-post-app, exec-as-root...: the value is a command; hook-* take `exec:COMMAND`.
    [GeneratedRegex(@"^\s*(?:exec-[a-z-]+\s*=\s*(?<command>.+)|hook-[a-z-]+\s*=\s*exec:(?<command>.+))$")]
    private static partial Regex StartHook();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => f.Name.EndsWith(".ini", StringComparison.OrdinalIgnoreCase) && DeploymentPaths.Counts(f.Path)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !text.Contains("[uwsgi]", StringComparison.Ordinal))
                continue;
            var lines = text.Split('\n');
            var inUwsgi = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith('['))
                    inUwsgi = line == "[uwsgi]";
                else if (inUwsgi && StartHook().Match(line) is { Success: true } hook)
                    StartCommands.Record(context, hook.Groups["command"].Value, "start", new Evidence(file.Path, i + 1));
            }
        }
    }
}
