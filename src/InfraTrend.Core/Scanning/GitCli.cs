using System.Diagnostics;
using System.Text;

namespace InfraTrend.Scanning;

/// <summary>
/// Runs git against an untrusted repository. Its own configuration must not be able to run anything:
/// fsmonitor, hooks, signature checks, pagers, credential helpers and every filter, diff or merge driver it names
/// (in its own config or any file that config includes) are turned off on each call, through git's environment.
/// </summary>
public sealed class GitCli
{
    private readonly string _workingDirectory;
    private (string Key, string Value)[]? _overrides;

    public GitCli(string workingDirectory) => _workingDirectory = workingDirectory;

    public static bool IsAvailable { get; } = ProbeGit();

    private static bool ProbeGit()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
                return false;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs git and returns its exit code and raw standard output.</summary>
    public (int ExitCode, byte[] Output, string Error) Run(params string[] args)
    {
        using var process = Start(args, redirectInput: false);
        using var buffer = new MemoryStream();
        var errorTask = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        process.WaitForExit();
        return (process.ExitCode, buffer.ToArray(), errorTask.Result);
    }

    /// <summary>Runs git and returns trimmed standard output, or null when it failed.</summary>
    public string? Text(params string[] args)
    {
        var (code, output, _) = Run(args);
        return code == 0 ? Encoding.UTF8.GetString(output).Trim() : null;
    }

    public Process Start(IEnumerable<string> args, bool redirectInput) =>
        Process.Start(Info(args, redirectInput, _overrides ??= ReadOverrides())) ?? throw new InvalidOperationException("git could not be started");

    /// <summary>A git call in the working directory with the overrides in its environment and no pager.</summary>
    private ProcessStartInfo Info(IEnumerable<string> args, bool redirectInput, IReadOnlyList<(string Key, string Value)> overrides)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--no-pager");
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        Neutralise(info, overrides);
        return info;
    }

    /// <summary>
    /// Settings that hold whatever the repository's configuration says. They go through GIT_CONFIG_KEY_n and
    /// GIT_CONFIG_VALUE_n, never <c>-c</c>: git splits <c>-c</c> at the first '=', so <c>-c filter.a=b.clean=</c>
    /// would set the key <c>filter.a</c> and leave the repository's <c>filter.a=b.clean</c> in force.
    /// </summary>
    private static readonly (string Key, string Value)[] BaseOverrides =
    [
        ("core.fsmonitor", "false"),
        ("core.hooksPath", "/dev/null"),
        ("core.untrackedCache", "false"),
        ("core.pager", "cat"),
        ("core.sshCommand", ""),
        ("core.gitProxy", ""),
        ("core.askPass", ""),
        ("core.editor", ""),
        ("core.alternateRefsCommand", ""),
        ("core.quotePath", "false"),
        ("log.showSignature", "false"),
        ("diff.external", ""),
        ("diff.ignoreSubmodules", "all"),
        ("status.submoduleSummary", "false"),
        ("submodule.recurse", "false"),
        ("gpg.program", ""),
        ("credential.helper", ""),
        ("uploadpack.packObjectsHook", ""),
        ("safe.directory", "*"),
    ];

    /// <summary>
    /// The last part of every configuration key that names a command git may run (a filter, a diff or merge driver,
    /// a signing program, a credential helper, a pager). Any key the repository sets with one of these endings,
    /// in whatever section and under whatever driver name, is blanked.
    /// </summary>
    private static readonly HashSet<string> CommandKeyEndings = new(StringComparer.Ordinal)
    {
        "clean", "smudge", "process", "textconv", "command", "driver", "program", "helper", "cmd",
        "fsmonitor", "hookspath", "sshcommand", "gitproxy", "askpass", "editor", "pager",
        "alternaterefscommand", "packobjectshook", "uploadpack", "receivepack", "proxycommand",
        "defaultkeycommand",
    };

    /// <summary>
    /// Reads the repository's configuration (reading runs nothing; included files and includeIf conditions are
    /// followed as git itself follows them), then adds an override for every key in it that names a command.
    /// </summary>
    private (string Key, string Value)[] ReadOverrides()
    {
        var list = new List<(string Key, string Value)>(BaseOverrides);
        using var process = Process.Start(Info(["config", "--list", "--name-only", "-z"], redirectInput: false, BaseOverrides));
        if (process is null)
            return [.. list];
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = error.Result;
        foreach (var key in output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(k => k.Trim('\n')).Distinct(StringComparer.Ordinal))
            list.AddRange(OverridesFor(key));
        return [.. list];
    }

    /// <summary>The overrides that disarm one configuration key (git prints section and last part in lower case).</summary>
    public static IEnumerable<(string Key, string Value)> OverridesFor(string key)
    {
        var lastDot = key.LastIndexOf('.');
        if (lastDot <= 0)
            yield break;
        var ending = key[(lastDot + 1)..];
        if (key.StartsWith("pager.", StringComparison.Ordinal))
            yield return (key, "false");
        else if (key.StartsWith("filter.", StringComparison.Ordinal) && ending == "required")
            yield return (key, "false");
        else if (CommandKeyEndings.Contains(ending))
            yield return (key, "");
        if (key.StartsWith("filter.", StringComparison.Ordinal) && ending is "clean" or "smudge" or "process")
            yield return (key[..lastDot] + ".required", "false");
    }

    /// <summary>
    /// Puts the overrides in git's environment after any the caller's environment already holds, and keeps git
    /// from asking for anything.
    /// </summary>
    private static void Neutralise(ProcessStartInfo info, IReadOnlyList<(string Key, string Value)> overrides)
    {
        var first = int.TryParse(Environment.GetEnvironmentVariable("GIT_CONFIG_COUNT"), out var inherited) && inherited > 0 ? inherited : 0;
        for (var i = 0; i < overrides.Count; i++)
        {
            info.Environment[$"GIT_CONFIG_KEY_{first + i}"] = overrides[i].Key;
            info.Environment[$"GIT_CONFIG_VALUE_{first + i}"] = overrides[i].Value;
        }
        info.Environment["GIT_CONFIG_COUNT"] = (first + overrides.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_PAGER"] = "cat";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        info.Environment["GIT_NO_REPLACE_OBJECTS"] = "1";
        info.Environment["GIT_EXTERNAL_DIFF"] = "";
        info.Environment["GIT_ASKPASS"] = "";
        info.Environment["SSH_ASKPASS"] = "";
        info.Environment["LC_ALL"] = "C";
    }
}
