using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using InfraTrend.Auditing;
using InfraTrend.Cli.Commands;
using InfraTrend.Config;

namespace InfraTrend.Cli;

/// <summary>Wires the commands into one System.CommandLine tree, runs a command line, and keeps every error to one line.</summary>
public static class Cli
{
    private static readonly HelpOption HelpOption = new("--help", "-h") { Description = "Show this help." };
    private static readonly Option<bool> VersionOption = new("--version") { Arity = ArgumentArity.Zero, Description = "Print the tool's version." };

    /// <summary>The whole command line: every command's definition (each beside its handler) under one root.</summary>
    public static RootCommand Root { get; } = BuildRoot();

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("Audits a repository's infrastructure and DevOps maturity, remembers every audit, and charts progress.");
        // The completion scripts send "infratrend ..." whatever the executable is called (testhost, under the tests).
        if (root.Name != "infratrend")
            root.Aliases.Add("infratrend");
        root.Options.Clear(); // the default -?, /h and a version read from assembly metadata: ours are below
        root.Options.Add(new Option<bool>("--quiet") { Arity = ArgumentArity.Zero, Recursive = true, Description = "Print only errors." });
        root.Options.Add(new Option<bool>("--verbose") { Arity = ArgumentArity.Zero, Recursive = true, Description = "Print more detail: skipped files and timings." });
        root.Options.Add(new Option<bool>("--no-color") { Arity = ArgumentArity.Zero, Recursive = true, Description = "No colour (also off under NO_COLOR or when output is redirected)." });
        root.Options.Add(HelpOption);
        root.Options.Add(VersionOption);
        foreach (var command in new[]
        {
            AuditCommand.Definition, RulesCommand.Definition, FactsCommand.Definition, InitCommand.Definition,
            HistoryCommand.Definition, TasksCommand.Definition, ShowCommand.Definition, CompareCommand.Definition,
            TrendCommand.Definition, BackfillCommand.Definition, CompletionCommand.Definition,
        })
            root.Subcommands.Add(command);
        // `infratrend --quiet` and the like: no command, so the overview, as for no arguments at all.
        root.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(Overview());
            return ExitCodes.InputError;
        });
        return root;
    }

    private static readonly ParserConfiguration Parser = new()
    {
        EnablePosixBundling = false, // -h is the only short option; "-abc" stays a value
        ResponseFileTokenReplacer = null, // "@file" is a path, not a file of arguments
    };

    /// <summary>Every command's definition, parents before their subcommands, read from the parser's own tree.</summary>
    public static IReadOnlyList<CommandSpec> Specs => [.. Commands(Root).Select(CommandSpec.Of)];

    private static IEnumerable<Command> Commands(Command parent) =>
        parent.Subcommands.Where(c => !c.Hidden).SelectMany(c => new[] { c }.Concat(Commands(c)));

    /// <summary>Carries the output, error and clock of one run to the command's handler.</summary>
    private sealed class Invocation : InvocationConfiguration
    {
        public TimeProvider? Clock { get; init; }
    }

    /// <summary>What every command's action does: hand its parsed arguments and a terminal to its handler.</summary>
    internal static int Execute(ParseResult parse, Func<Arguments, Terminal, int> run)
    {
        var arguments = new Arguments(parse);
        var invocation = parse.InvocationConfiguration;
        return run(arguments, Terminal.For(arguments, invocation.Output, invocation.Error, (invocation as Invocation)?.Clock));
    }

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one command line; <paramref name="clock"/> is what "today" is (the system clock unless a test sets one).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        if (args.Count == 0)
        {
            output.WriteLine(Overview());
            return ExitCodes.InputError;
        }
        // Two words the tool has always taken: `help [COMMAND]` is `[COMMAND] --help`, `version` is `--version`.
        if (args[0] == "help")
            args = [.. args.Skip(1), "--help"];
        else if (args is ["version"])
            args = ["--version"];

        var parse = Root.Parse(args, Parser);
        var invocation = new Invocation { Output = output, Error = error, Clock = clock, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (Root.Directives.OfType<SuggestDirective>().Any(d => parse.GetResult(d) is not null))
            return parse.Invoke(invocation); // [suggest:N] "infratrend au": the completion scripts' question
        if (parse.GetResult(VersionOption) is { Implicit: false })
        {
            output.WriteLine(Auditor.ToolVersion);
            return ExitCodes.Success;
        }
        var command = parse.CommandResult.Command;
        if (parse.GetResult(HelpOption) is { Implicit: false } && !(command == Root && parse.UnmatchedTokens.Count > 0))
        {
            output.WriteLine(command == Root ? Overview() : CommandSpec.Of(command).Help());
            return ExitCodes.Success;
        }
        if (ParseErrors.First(parse, args) is { } problem)
        {
            error.WriteLine($"infratrend: {problem}");
            return ExitCodes.InputError;
        }
        try
        {
            return parse.Invoke(invocation);
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
        // The last resort: whatever else escapes is one line, and a stack trace only when --verbose asks for one (what a
        // report of the defect needs). It names the exception's type, so it stays recognisable as a defect to report
        // (and the hostile-arguments test catches it).
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var verbose = args.Contains("--verbose");
            error.WriteLine($"infratrend: unexpected error ({e.GetType().Name}): {OneLine(e.Message)} (please report it{(verbose ? ", with what follows" : "; --verbose prints where it happened")})");
            if (verbose)
                error.WriteLine(e.ToString());
            return ExitCodes.InputError;
        }
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd('.');

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
        lines.AddRange(Specs.Select(c => $"  {c.Name,-16}{c.Summary}"));
        lines.AddRange(["", "'infratrend COMMAND --help' explains a command; 'infratrend completion' sets up tab completion. Exit codes: 0 ok, 1 usage or input error, 2 a gate failed, 3 history not written."]);
        return string.Join(Environment.NewLine, lines);
    }
}
