using System.Diagnostics;

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

    /// <summary>The built tool next to the test assembly.</summary>
    public static string ToolDll => Path.Combine(AppContext.BaseDirectory, "infratrend.dll");

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
        info.ArgumentList.Add(ToolDll);
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
