namespace InfraTrend.Cli;

/// <summary>Wires the commands; nothing else lives here.</summary>
public static class Cli
{
    public static int Run(string[] args)
    {
        _ = args;
        return 0;
    }
}
