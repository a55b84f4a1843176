namespace InfraTrend.Cli;

/// <summary>An option a command accepts: `--name VALUE` (or a flag when it takes no value). An empty value is refused unless <paramref name="AllowEmpty"/>.</summary>
public sealed record OptionSpec(string Name, string? ValueName, string Description, bool AllowEmpty = false);

/// <summary>A command's name, what it does and what it accepts: enough to parse its arguments and print its help.</summary>
public sealed record CommandSpec(string Name, string Summary, string Usage, IReadOnlyList<OptionSpec> Options, int MaxPositionals = 1, string? Details = null)
{
    public static readonly IReadOnlyList<OptionSpec> Common =
    [
        new("--quiet", null, "Print only errors."),
        new("--verbose", null, "Print more detail: skipped files and timings."),
        new("--no-color", null, "No colour (also off under NO_COLOR or when output is redirected)."),
        new("--help", null, "Show this help."),
    ];

    public string Help()
    {
        // Help names only options the command has: --quiet mentions --format only where there is one.
        var all = Options.Concat(Common)
            .Select(o => o.Name == "--quiet" && Options.Any(x => x.Name == "--format") ? o with { Description = "Print only errors (and what --format asks for)." } : o)
            .ToList();
        var width = all.Max(o => o.Name.Length + (o.ValueName is null ? 0 : o.ValueName.Length + 1)) + 2;
        var lines = new List<string> { Summary, "", $"Usage: {Usage}", "", "Options:" };
        lines.AddRange(all.Select(o => $"  {(o.ValueName is null ? o.Name : o.Name + " " + o.ValueName).PadRight(width)}{o.Description}"));
        if (Details is not null)
            lines.AddRange(["", Details]);
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>A usage error: one line on stderr and exit code 1.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Parsed arguments of one command.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionals { get; private init; } = [];

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public int? Int(string name, int min, int max)
    {
        if (Value(name) is not { } text)
            return null;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new UsageException($"{name} takes a whole number from {min} to {max}, not '{text}'");
        return n;
    }

    public string Choice(string name, string fallback, params string[] choices)
    {
        var value = Value(name) ?? fallback;
        if (!choices.Contains(value, StringComparer.Ordinal))
            throw new UsageException($"{name} takes one of {string.Join(", ", choices)}, not '{value}'");
        return value;
    }

    public static Arguments Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var known = spec.Options.Concat(CommandSpec.Common).ToDictionary(o => o.Name, StringComparer.Ordinal);
        var positionals = new List<string>();
        var result = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg == "-h")
                arg = "--help";
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positionals.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[..eq] : arg;
            if (!known.TryGetValue(name, out var option))
                throw new UsageException($"unknown option '{name}' for '{spec.Name}' (see 'infratrend {spec.Name} --help')");
            if (option.ValueName is null)
            {
                if (eq > 0)
                    throw new UsageException($"{name} takes no value");
                result._options[name] = null;
            }
            else
            {
                var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value ({option.ValueName})");
                // `--out --` is a forgotten value, not a file named "--"; `--db ""` would silently mean the default.
                if (value == "--" || (value.Length == 0 && !option.AllowEmpty))
                    throw new UsageException($"{name} needs a value ({option.ValueName}), not {(value.Length == 0 ? "an empty one" : "'--'")}");
                result._options[name] = value;
            }
        }
        if (positionals.Count > spec.MaxPositionals)
            throw new UsageException($"'{spec.Name}' takes at most {spec.MaxPositionals} argument(s), got: {string.Join(' ', positionals)}");
        return new Arguments { Positionals = positionals }.With(result._options);
    }

    private Arguments With(Dictionary<string, string?> options)
    {
        foreach (var (k, v) in options)
            _options[k] = v;
        return this;
    }
}
