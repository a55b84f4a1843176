namespace InfraTrend.Cli;

/// <summary>The exit codes every command keeps (README has the table).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Usage or input error: a bad option, a path that is not a directory, a broken config.</summary>
    public const int InputError = 1;
    /// <summary>A gate failed: --fail-under or --fail-on-regression.</summary>
    public const int GateFailed = 2;
    /// <summary>The history could not be written (read-only, corrupt, or from a newer tool); the audit still printed.</summary>
    public const int HistoryError = 3;
}
