namespace InfraTrend.Cli;

/// <summary>Where output goes, and whether it may have colour and a progress line.</summary>
public sealed class Terminal(TextWriter output, TextWriter error, bool quiet, bool verbose, bool color, bool progress)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Quiet { get; } = quiet;
    public bool Verbose { get; } = verbose;
    public bool Color { get; } = color;

    /// <summary>What "now" and "today" are: the system clock, or the one a test sets (forecasts, task ages, the charts' today line).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Columns to fit the summary in: the terminal's width, or 100 when redirected.</summary>
    public int Width { get; } = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Console.WindowWidth > 0 ? Console.WindowWidth : 100;

    private bool _progressShown;

    public static Terminal For(Arguments args, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        var noColor = args.Has("--no-color") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || Console.IsOutputRedirected || ReferenceEquals(output, TextWriter.Null);
        var isConsole = ReferenceEquals(output, Console.Out);
        return new Terminal(output, error, args.Has("--quiet"), args.Has("--verbose"), !noColor && isConsole, isConsole && !Console.IsErrorRedirected && !args.Has("--quiet"))
        {
            Clock = clock ?? TimeProvider.System,
        };
    }

    /// <summary>A one-line progress display on stderr, only on a terminal.</summary>
    public void Progress(string stage)
    {
        if (!progress)
            return;
        Error.Write($"\r\u001b[2K  {stage}...");
        _progressShown = true;
    }

    public void EndProgress()
    {
        if (_progressShown)
            Error.Write("\r\u001b[2K");
        _progressShown = false;
    }

    public void Line(string text = "")
    {
        if (!Quiet)
            Output.WriteLine(text);
    }
}
