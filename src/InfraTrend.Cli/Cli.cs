using InfraTrend.Auditing;
using InfraTrend.Cli.Commands;
using InfraTrend.Config;

namespace InfraTrend.Cli;

/// <summary>Wires the commands; nothing else lives here.</summary>
public static class Cli
{
    private sealed record Command(CommandSpec Spec, Func<Arguments, Terminal, int> Run);

    // Built on first use, not when the class is: `--version` and `--help` answer without loading every command's types.
    private static IReadOnlyList<Command> Commands => CommandTable.All;

    private static class CommandTable
    {
        public static readonly IReadOnlyList<Command> All =
    [
        new(AuditCommand.Spec, AuditCommand.Run),
        new(RulesCommand.Spec, RulesCommand.Run),
        new(FactsCommand.Spec, FactsCommand.Run),
        new(InitCommand.Spec, InitCommand.Run),
        new(HistoryCommand.Spec, HistoryCommand.Run),
        new(HistoryCommand.MarkSpec, HistoryCommand.Mark),
        new(HistoryCommand.RescoreSpec, HistoryCommand.Rescore),
        new(HistoryCommand.ExportSpec, HistoryCommand.Export),
        new(HistoryCommand.ImportSpec, HistoryCommand.Import),
        new(HistoryCommand.PruneSpec, HistoryCommand.Prune),
        new(HistoryCommand.ReposSpec, HistoryCommand.Repos),
        new(HistoryCommand.ForgetSpec, HistoryCommand.Forget),
        new(TasksCommand.Spec, TasksCommand.Run),
        new(TasksCommand.ShowSpec, TasksCommand.Show),
        new(TasksCommand.AcceptSpec, TasksCommand.Accept),
        new(TasksCommand.DeferSpec, TasksCommand.Defer),
        new(TasksCommand.DoneSpec, TasksCommand.Done),
        new(ShowCommand.Spec, ShowCommand.Run),
        new(CompareCommand.Spec, CompareCommand.Run),
        new(TrendCommand.Spec, TrendCommand.Run),
        new(BackfillCommand.Spec, BackfillCommand.Run),
    ];
    }

    /// <summary>Every command's definition: name, positional arguments and options (what --help prints and the parser accepts).</summary>
    public static IReadOnlyList<CommandSpec> Specs => [.. Commands.Select(c => c.Spec)];

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one command line; <paramref name="clock"/> is what "today" is (the system clock unless a test sets one).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help" && args.Count == 1)
        {
            output.WriteLine(Overview());
            return args.Count == 0 ? ExitCodes.InputError : ExitCodes.Success;
        }
        if (args[0] is "--version" or "version")
        {
            output.WriteLine(Auditor.ToolVersion);
            return ExitCodes.Success;
        }
        var offset = args[0] == "help" ? 1 : 0;
        var name = args[offset];
        // A command of two words ("history mark") wins over its first word.
        if (args.Count > offset + 1 && Commands.Any(c => c.Spec.Name == $"{name} {args[offset + 1]}"))
            name = $"{name} {args[++offset]}";
        var command = Commands.FirstOrDefault(c => c.Spec.Name == name);
        if (command is null)
        {
            error.WriteLine($"infratrend: unknown command '{name}' (see 'infratrend --help')");
            return ExitCodes.InputError;
        }
        try
        {
            var parsed = Arguments.Parse(command.Spec, args.Skip(offset + 1).ToList());
            if (args[0] == "help" || parsed.Has("--help"))
            {
                output.WriteLine(command.Spec.Help());
                return ExitCodes.Success;
            }
            return command.Run(parsed, Terminal.For(parsed, output, error, clock));
        }
        catch (UsageException e)
        {
            error.WriteLine($"infratrend: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (ConfigException e)
        {
            error.WriteLine($"infratrend: {e.Message}");
            return ExitCodes.InputError;
        }
        // A path that cannot be used as given (a file where a folder is expected, an extension no writer knows, a
        // folder that cannot be written) is an input error: one line, exit 1, never a stack trace.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var message = e is ArgumentException { ParamName: { } parameter } ? e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal) : e.Message;
            error.WriteLine($"infratrend: {message.ReplaceLineEndings(" ").TrimEnd('.')}");
            return ExitCodes.InputError;
        }
        catch (InfraTrend.History.HistoryInputException e)
        {
            error.WriteLine($"infratrend: {OneLine(e.Message)}");
            return ExitCodes.InputError;
        }
        catch (InfraTrend.History.HistoryException e)
        {
            error.WriteLine($"infratrend: {OneLine(e.Message)}");
            return ExitCodes.HistoryError;
        }
        // An SQLite error no command turned into a sentence (a disk that fills up halfway through a command, say).
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            error.WriteLine($"infratrend: the history could not be used: {OneLine(e.Message)}");
            return ExitCodes.HistoryError;
        }
        // The last resort: whatever else escapes is still one line, never a stack trace. It names the exception's type,
        // so it stays recognisable as a defect to report (and the hostile-arguments test catches it).
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"infratrend: unexpected error ({e.GetType().Name}): {OneLine(e.Message)} (please report it)");
            return ExitCodes.InputError;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd('.');

    private static string Overview()
    {
        var lines = new List<string>
        {
            $"infratrend {Auditor.ToolVersion}: audits a repository's infrastructure and DevOps maturity, remembers every audit, and charts progress.",
            "",
            "Usage: infratrend COMMAND [PATH] [options]",
            "",
            "Commands:",
        };
        lines.AddRange(Commands.Select(c => $"  {c.Spec.Name,-16}{c.Spec.Summary}"));
        lines.AddRange(["", "'infratrend COMMAND --help' explains a command. Exit codes: 0 ok, 1 usage or input error, 2 a gate failed, 3 history not written."]);
        return string.Join(Environment.NewLine, lines);
    }
}
