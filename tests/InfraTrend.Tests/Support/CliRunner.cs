using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace InfraTrend.Tests.Support;

/// <summary>The tool run as a user runs it: in-process through <c>Cli.Run</c>, or as a child process (to drop privileges, say).</summary>
public static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = InfraTrend.Cli.Cli.Run(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the tool in process on a day of the test's choosing: forecasts, task ages and the charts' today line read this clock.</summary>
    public static Outcome RunAt(DateTimeOffset now, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = InfraTrend.Cli.Cli.Run(args, output, error, new FixedClock(now));
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>The built tool next to the test assembly.</summary>
    public static string ToolDll => Path.Combine(AppContext.BaseDirectory, "infratrend.dll");

    private static readonly Lazy<string> WorldReadableTool = new(CopyToolForEveryone);

    /// <summary>
    /// A copy of the build output that any user can read: a checkout may live in a folder only root can enter
    /// (CI clones into a mode-700 temp folder), and a process without root could not load the tool from there.
    /// Files are hard-linked where they can be: the output is over 200 MB, a copy was left behind whenever the test host
    /// was stopped before it could remove it, and those copies filled CI's disk. A link costs no space, and the files it
    /// shares are already readable by all (the folder above them was the obstacle).
    /// </summary>
    private static string CopyToolForEveryone()
    {
        var copies = Path.Combine(Path.GetTempPath(), "infratrend-tests");
        RemoveStaleCopies(copies);
        var target = Path.Combine(copies, "tool-" + Guid.NewGuid().ToString("N")[..8]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(target);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (OperatingSystem.IsWindows() || !ReadableByAll(file) || link(file, copy) != 0)
            {
                File.Copy(file, copy);
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(copy, (UnixFileMode)0b110_100_100);
            }
        }
        if (!OperatingSystem.IsWindows())
        {
            foreach (var dir in new[] { Path.GetDirectoryName(target)!, target }.Concat(Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories)))
                File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }
        return Path.Combine(target, "infratrend.dll");
    }

    [UnsupportedOSPlatform("windows")]
    private static bool ReadableByAll(string file) => (File.GetUnixFileMode(file) & UnixFileMode.OtherRead) != 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string existing, string created);

    /// <summary>Copies that a stopped test run could not remove; a day is far longer than any run that may still use one.</summary>
    private static void RemoveStaleCopies(string copies)
    {
        if (!Directory.Exists(copies))
            return;
        foreach (var dir in Directory.EnumerateDirectories(copies, "tool-*"))
            if (Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddDays(-1))
                TryDelete(dir);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Runs the built tool in a child process, optionally as user nobody (root reads and writes everything).</summary>
    public static Outcome RunProcess(bool asNobody, params string[] args)
    {
        var info = new ProcessStartInfo(asNobody ? "setpriv" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asNobody)
        {
            foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" })
                info.ArgumentList.Add(a);
            // The SDK muxer wants a home it may write to; nobody has none.
            var home = Path.Combine(Path.GetTempPath(), "infratrend-nobody-home");
            Directory.CreateDirectory(home);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(home, (UnixFileMode)0b111_111_111);
            info.Environment["HOME"] = home;
            info.Environment["DOTNET_CLI_HOME"] = home;
        }
        info.ArgumentList.Add(asNobody ? WorldReadableTool.Value : ToolDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>The repository this test suite belongs to (for files like docs/rules.md).</summary>
    public static string SourceRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InfraTrend.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("InfraTrend.sln not found above the test assembly");
        }
    }
}
