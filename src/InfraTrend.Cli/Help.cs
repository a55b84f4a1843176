using System.CommandLine;

namespace InfraTrend.Cli;

/// <summary>An option as help and tests see it: `--name VALUE`, or a flag when <paramref name="ValueName"/> is null.</summary>
public sealed record OptionSpec(string Name, string? ValueName, string Description);

/// <summary>
/// A command's definition as help prints it, read from its System.CommandLine <see cref="Definition"/>: name, summary,
/// usage line, options. Nothing here is written by hand, so help cannot name an option the parser does not accept.
/// </summary>
public sealed record CommandSpec(string Name, string Summary, string Usage, IReadOnlyList<OptionSpec> Options, int MaxPositionals, string? Details, Command Definition)
{
    /// <summary>The options every command shares (--quiet, --verbose, --no-color, --help).</summary>
    public static IReadOnlyList<OptionSpec> Common => [.. Cli.Root.Options.Where(o => o.Recursive).Select(Of)];

    public static CommandSpec Of(Command command)
    {
        var name = Syntax.FullName(command);
        var paragraphs = (command.Description ?? "").Split("\n\n", 2);
        return new CommandSpec(name, paragraphs[0], UsageOf(name, command), [.. command.Options.Select(Of)],
            command.Arguments.Sum(a => a.Arity.MaximumNumberOfValues), paragraphs.Length > 1 ? paragraphs[1] : null, command);
    }

    public static OptionSpec Of(Option option) =>
        new(option.Name, option.Arity.MaximumNumberOfValues == 0 ? null : option.HelpName ?? "VALUE", option.Description ?? "");

    /// <summary>`infratrend show RUN [PATH] [--format console|md|json|html|sarif] [--out FILE] [--db PATH]`: required parts bare, the rest in brackets.</summary>
    private static string UsageOf(string name, Command command)
    {
        var parts = new List<string> { "infratrend", name };
        foreach (var argument in command.Arguments)
        {
            var argumentName = argument.HelpName ?? argument.Name;
            parts.Add(argument.Arity.MinimumNumberOfValues > 0 ? argumentName : $"[{argumentName}]");
        }
        foreach (var option in command.Options)
        {
            var text = option.Arity.MaximumNumberOfValues == 0 ? option.Name
                : $"{option.Name} {(option is Syntax.ChoiceOption choice ? string.Join('|', choice.Choices) : option.HelpName)}";
            parts.Add(option.Required ? text : $"[{text}]");
        }
        return string.Join(' ', parts);
    }

    public string Help()
    {
        // Help names only options the command has: --quiet mentions --format only where there is one.
        var all = Options.Concat(Common)
            .Select(o => o.Name == "--quiet" && Options.Any(x => x.Name == "--format") ? o with { Description = "Print only errors (and what --format asks for)." } : o)
            .ToList();
        var arguments = Definition.Arguments.Select(a => (Name: a.HelpName ?? a.Name, a.Description)).ToList();
        var subcommands = Definition.Subcommands.Where(c => !c.Hidden).Select(Of).ToList();
        var width = all.Select(o => o.Name.Length + (o.ValueName is null ? 0 : o.ValueName.Length + 1))
            .Concat(arguments.Select(a => a.Name.Length)).Concat(subcommands.Select(c => c.Name.Length - Name.Length - 1)).Max() + 2;
        var lines = new List<string> { Summary, "", $"Usage: {Usage}" };
        if (arguments.Count > 0)
        {
            lines.AddRange(["", "Arguments:"]);
            lines.AddRange(arguments.Select(a => $"  {a.Name.PadRight(width)}{a.Description}"));
        }
        lines.AddRange(["", "Options:"]);
        lines.AddRange(all.Select(o => $"  {(o.ValueName is null ? o.Name : o.Name + " " + o.ValueName).PadRight(width)}{o.Description}"));
        if (subcommands.Count > 0)
        {
            lines.AddRange(["", $"Commands ('infratrend {Name} COMMAND --help' explains one):"]);
            lines.AddRange(subcommands.Select(c => $"  {c.Name[(Name.Length + 1)..].PadRight(width)}{c.Summary}"));
        }
        if (Details is not null)
            lines.AddRange(["", Details]);
        return string.Join(Environment.NewLine, lines);
    }
}
