using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Deployment;

/// <summary>
/// How an application is run on servers of its own, where no container or platform blueprint says it: systemd units
/// (or the install scripts that write them) and supervisor programs that start it, with the limits a unit sets, and the
/// deploy tools of Rails (Kamal's config/deploy.yml, Capistrano), and Debian packaging (a debian/ folder whose control
/// file names the package its rules build: jicofo is installed and started as a .deb with its init script and postinst).
/// </summary>
[FactSource]
public sealed partial class ServerDescriptorFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => DeploymentPaths.Counts(f.Path)))
        {
            var path = file.Path;
            if (path.EndsWith(".service", StringComparison.Ordinal) && LineOf(context, path, "ExecStart=", "[Service]") is { } unit)
            {
                context.Add(FactKeys.Platforms, "systemd", new Evidence(path, unit));
                SystemdLimits(context, path);
                PreStart(context, path);
            }
            // An install script that writes the unit itself (Jackett's install_service_systemd.sh, a heredoc with [Service]
            // and ExecStart=): the unit is in the repository, only inside the script that installs it.
            else if (path.EndsWith(".sh", StringComparison.Ordinal) && file.Size < 256 * 1024 && LineOf(context, path, "ExecStart=", "[Service]") is { } written)
            {
                context.Add(FactKeys.Platforms, "systemd", new Evidence(path, written));
                SystemdLimits(context, path);
            }
            else if (path.EndsWith(".conf", StringComparison.Ordinal) && LineOf(context, path, "command=", "[program:") is { } program)
                context.Add(FactKeys.Platforms, "supervisor", new Evidence(path, program));
            else if (path == "config/deploy.yml" && LineOf(context, path, "image:", "service:") is { } kamal)
                context.Add(FactKeys.Platforms, "kamal", new Evidence(path, kamal));
            else if (path is "Capfile" or "config/deploy.rb")
                context.Add(FactKeys.Platforms, "capistrano", new Evidence(path, 1));
            else if (path.EndsWith("debian/control", StringComparison.Ordinal) && context.Snapshot.Exists(path[..^"control".Length] + "rules")
                && LineOf(context, path, "Package:", "Source:") is { } package)
                context.Add(FactKeys.Platforms, "debian-package", new Evidence(path, package));
        }
    }

    /// <summary>
    /// A unit's ExecStartPre= commands run before each start: `ExecStartPre=/usr/bin/app --upgrade --yes` applies the
    /// migrations whenever the service (re)starts.
    /// </summary>
    private static void PreStart(FactContext context, string path)
    {
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        foreach (Match pre in ExecStartPre().Matches(text))
            StartCommands.Record(context, pre.Groups[1].Value.TrimStart('-', '+', '!', '@', ':'), "start", new Evidence(path, new TextLines(text).LineOf(pre.Index)));
    }

    [GeneratedRegex(@"^[ \t]*ExecStartPre=(.+)$", RegexOptions.Multiline)]
    private static partial Regex ExecStartPre();

    /// <summary>A unit's own resource limits (MemoryMax=, MemoryLimit=, CPUQuota=): systemd enforces them through cgroups.</summary>
    private static void SystemdLimits(FactContext context, string path)
    {
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        if (SystemdLimit().Match(text) is { Success: true } limit)
            context.Flag(FactKeys.ResourceLimits, new Evidence(path, new TextLines(text).LineOf(limit.Index)));
    }

    [GeneratedRegex(@"^[ \t]*(MemoryMax|MemoryLimit|MemoryHigh|CPUQuota)=\S", RegexOptions.Multiline)]
    private static partial Regex SystemdLimit();

    /// <summary>The line of <paramref name="key"/> in a file that also holds <paramref name="marker"/>; null when either is missing.</summary>
    private static int? LineOf(FactContext context, string path, string key, string marker)
    {
        if (context.Snapshot.ReadText(path) is not { } text || !text.Contains(marker, StringComparison.Ordinal))
            return null;
        var index = text.IndexOf(key, StringComparison.Ordinal);
        return index < 0 ? null : new TextLines(text).LineOf(index);
    }
}
