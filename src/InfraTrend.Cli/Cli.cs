using InfraTrend.Auditing;
using InfraTrend.Cli.Commands;
using InfraTrend.Config;

namespace InfraTrend.Cli;

/// <summary>Wires the commands; nothing else lives here.</summary>
public static class Cli
{
    private sealed record Command(CommandSpec Spec, Func<Arguments, Terminal, int> Run);

    private static readonly IReadOnlyList<Command> Commands =
    [
        new(AuditCommand.Spec, AuditCommand.Run),
        new(RulesCommand.Spec, RulesCommand.Run),
        new(InitCommand.Spec, InitCommand.Run),
    ];

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
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
        var name = args[0] == "help" ? args[1] : args[0];
        var command = Commands.FirstOrDefault(c => c.Spec.Name == name);
        if (command is null)
        {
            error.WriteLine($"infratrend: unknown command '{name}' (see 'infratrend --help')");
            return ExitCodes.InputError;
        }
        try
        {
            var parsed = Arguments.Parse(command.Spec, args.Skip(1).ToList());
            if (args[0] == "help" || parsed.Has("--help"))
            {
                output.WriteLine(command.Spec.Help());
                return ExitCodes.Success;
            }
            return command.Run(parsed, Terminal.For(parsed, output, error));
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
    }

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
        lines.AddRange(Commands.Select(c => $"  {c.Spec.Name,-10}{c.Spec.Summary}"));
        lines.AddRange(["", "'infratrend COMMAND --help' explains a command. Exit codes: 0 ok, 1 usage or input error, 2 a gate failed, 3 history not written."]);
        return string.Join(Environment.NewLine, lines);
    }
}
