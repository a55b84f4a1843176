using System.CommandLine;
using System.CommandLine.Parsing;

namespace InfraTrend.Cli;

/// <summary>
/// The pieces every command's System.CommandLine definition is made of, so that each definition (beside its handler)
/// reads as a list: arguments, options, what they mean. Help, usage, errors and completion all come from these objects.
/// </summary>
public static class Syntax
{
    /// <summary>A command: its name, one-line summary (what the overview lists), arguments, options and handler; details close its help.</summary>
    public static Command Command(string name, string summary, IReadOnlyList<Argument> arguments, IReadOnlyList<Option> options,
        Func<Arguments, Terminal, int> run, string? details = null, IReadOnlyList<Command>? subcommands = null)
    {
        var command = new Command(name, details is null ? summary : $"{summary}\n\n{details}");
        foreach (var argument in arguments)
            command.Arguments.Add(argument);
        foreach (var option in options)
            command.Options.Add(option);
        foreach (var subcommand in subcommands ?? [])
            command.Subcommands.Add(subcommand);
        command.SetAction(parse => Cli.Execute(parse, run));
        return command;
    }

    /// <summary>The repository a command works on: optional, the current directory by default.</summary>
    public static Argument<string> Path() =>
        new("PATH") { Arity = ArgumentArity.ZeroOrOne, Description = "The repository (default: the current directory; the git top level above it)." };

    /// <summary>A positional the command cannot do without; its description ends the error when it is missing ("show needs RUN (...)").</summary>
    public static Argument<string> Required(string name, string description) =>
        new(name) { Arity = ArgumentArity.ExactlyOne, Description = description };

    /// <summary>An option that takes no value: `--force`. `--force=x` is refused.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Arity = ArgumentArity.Zero, Description = description };

    /// <summary>An option with a value: `--out FILE`. An empty value is refused unless <paramref name="allowEmpty"/>; a repeated option keeps the last value.</summary>
    public static Option<string> Value(string name, string valueName, string description, bool allowEmpty = false, bool required = false)
    {
        var option = new Option<string>(name) { HelpName = valueName, Description = description, Required = required };
        if (!allowEmpty)
            RefuseEmpty(option);
        return option;
    }

    // `--db ""` would silently mean the default.
    private static void RefuseEmpty(Option option) => option.Validators.Add(result =>
    {
        if (result.Tokens.Any(t => t.Value.Length == 0))
            result.AddError($"{option.Name} needs a value ({option.HelpName}), not an empty one");
    });

    /// <summary>An option with a fixed set of values, kept in the order the definition gives them (the usage line shows them so).</summary>
    public sealed class ChoiceOption(string name, IReadOnlyList<string> choices) : Option<string>(name)
    {
        public IReadOnlyList<string> Choices { get; } = choices;
    }

    /// <summary>An option with one of a few values (completed by the shell, listed in the usage line): `--format md`.</summary>
    public static Option<string> Choice(string name, string valueName, string description, params string[] choices)
    {
        var option = new ChoiceOption(name, choices) { HelpName = valueName, Description = description };
        RefuseEmpty(option);
        option.CompletionSources.Add(choices);
        option.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.Length > 0 && !choices.Contains(t.Value, StringComparer.Ordinal)) is { } bad)
                result.AddError($"{name} takes one of {string.Join(", ", choices)}, not '{bad.Value}'");
        });
        return option;
    }

    /// <summary>A command's name as typed: "history mark".</summary>
    public static string FullName(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c.Name);
        return string.Join(' ', names);
    }

    /// <summary>The options a command accepts: its own, then those its ancestors share with it (--quiet, --help, ...).</summary>
    public static IEnumerable<Option> OptionsOf(Command command)
    {
        foreach (var option in command.Options)
            yield return option;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in parent.Options.Where(o => o.Recursive))
                yield return option;
        }
    }
}

/// <summary>A usage error: one line on stderr and exit code 1.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>What a handler reads of its parsed command line: positionals in order, and options by name (the definition's names only).</summary>
public sealed class Arguments(ParseResult parse)
{
    public IReadOnlyList<string> Positionals { get; } =
        [.. parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value)];

    public bool Has(string name) => Find(name) is not null;

    /// <summary>The option's value; given twice, the last one.</summary>
    public string? Value(string name) => Find(name)?.Tokens.LastOrDefault()?.Value;

    public int? Int(string name, int min, int max)
    {
        if (Value(name) is not { } text)
            return null;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new UsageException($"{name} takes a whole number from {min} to {max}, not '{text}'");
        return n;
    }

    private OptionResult? Find(string name)
    {
        var command = parse.CommandResult.Command;
        var option = Syntax.OptionsOf(command).FirstOrDefault(o => o.Name == name)
            ?? throw new InvalidOperationException($"'{Syntax.FullName(command)}' defines no option {name}");
        return parse.GetResult(option) is { Implicit: false } result ? result : null;
    }
}
