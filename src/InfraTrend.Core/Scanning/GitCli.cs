using System.Diagnostics;
using System.Text;

namespace InfraTrend.Scanning;

/// <summary>
/// Runs git against an untrusted repository. Its own configuration must not be able to run anything:
/// fsmonitor, hooks, signature checks, pagers and every filter driver it names are turned off on each call.
/// </summary>
public sealed class GitCli
{
    private readonly string _workingDirectory;
    private string[]? _safety;

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

    public Process Start(IEnumerable<string> args, bool redirectInput)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var arg in SafetyArguments().Concat(args))
            info.ArgumentList.Add(arg);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_PAGER"] = "cat";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        info.Environment["GIT_NO_REPLACE_OBJECTS"] = "1";
        info.Environment["GIT_EXTERNAL_DIFF"] = "";
        info.Environment["LC_ALL"] = "C";
        return Process.Start(info) ?? throw new InvalidOperationException("git could not be started");
    }

    private static readonly string[] BaseSafety =
    [
        "--no-pager",
        "-c", "core.fsmonitor=false",
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.untrackedCache=false",
        "-c", "log.showSignature=false",
        "-c", "diff.external=",
        "-c", "core.quotePath=false",
        "-c", "safe.directory=*",
    ];

    private string[] SafetyArguments()
    {
        if (_safety is not null)
            return _safety;
        var list = new List<string>(BaseSafety);
        // Reading config runs nothing; every filter driver it names is then blanked so no clean/smudge/process command can start.
        var info = new ProcessStartInfo("git") { WorkingDirectory = _workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in BaseSafety.Concat(["config", "--name-only", "--get-regexp", @"^filter\."]))
            info.ArgumentList.Add(arg);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using (var process = Process.Start(info))
        {
            if (process is not null)
            {
                var output = process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                var names = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => line.Trim())
                    .Where(line => line.StartsWith("filter.", StringComparison.Ordinal) && line.LastIndexOf('.') > 7)
                    .Select(line => line[7..line.LastIndexOf('.')])
                    .Distinct(StringComparer.Ordinal);
                foreach (var name in names)
                {
                    foreach (var part in new[] { "clean", "smudge", "process" })
                        list.AddRange(["-c", $"filter.{name}.{part}="]);
                    list.AddRange(["-c", $"filter.{name}.required=false"]);
                }
            }
        }
        return _safety = list.ToArray();
    }
}
