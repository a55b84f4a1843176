using System.CommandLine;
using System.CommandLine.Parsing;

namespace InfraTrend.Cli;

/// <summary>
/// Turns what System.CommandLine found wrong with a command line into the tool's one line (its own error output is
/// several lines and the help). The common mistakes get the sentences the tool has always used, with a "did you
/// mean" for a mistyped command or option; anything else is the parser's own message, on one line.
/// </summary>
internal static class ParseErrors
{
    public static string? First(ParseResult parse, IReadOnlyList<string> args)
    {
        var command = parse.CommandResult.Command;
        var name = Syntax.FullName(command);
        var options = Syntax.OptionsOf(command).ToList();
        var afterDoubleDash = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);

        if (FlagGivenAValue(args) is { } flag)
            return $"{flag} takes no value";

        if (command is RootCommand)
        {
            if (parse.UnmatchedTokens.FirstOrDefault() is not { } unknown)
                return parse.Errors.Count > 0 ? Cli.OneLine(parse.Errors[0].Message) : null;
            var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            return Suggestion(unknown, commands) is { } guess
                ? $"unknown command '{unknown}'; did you mean {guess}? (see 'infratrend --help')"
                : $"unknown command '{unknown}' (see 'infratrend --help')";
        }

        // An unknown `--name` lands among the positionals (or past them): say it is an option nobody defined.
        var positionals = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).ToList();
        var unknownOption = positionals.Where(t => !afterDoubleDash.Contains(t)).Select(t => t.Value)
            .Concat(parse.UnmatchedTokens.Where(u => !afterDoubleDash.Any(t => ((Token)t!).Value == u)))
            .FirstOrDefault(v => v.StartsWith("--", StringComparison.Ordinal) && v.Length > 2);
        if (unknownOption is not null)
        {
            var optionName = unknownOption.Split('=', 2)[0];
            return Suggestion(optionName, options.Select(o => o.Name)) is { } guess
                ? $"unknown option '{optionName}' for '{name}'; did you mean {guess}? (see 'infratrend {name} --help')"
                : $"unknown option '{optionName}' for '{name}' (see 'infratrend {name} --help')";
        }

        // `--out` with nothing after it, or `--out --`: a forgotten value, not a file named "--".
        foreach (var option in options.Where(o => o.Arity.MaximumNumberOfValues > 0))
        {
            if (parse.GetResult(option) is not { Implicit: false } result || result.Tokens.Count > 0)
                continue;
            var at = IndexOf(parse.Tokens, result.IdentifierToken);
            var doubleDash = at >= 0 && at + 1 < parse.Tokens.Count && parse.Tokens[at + 1].Type == TokenType.DoubleDash;
            return $"{option.Name} needs a value ({option.HelpName}){(doubleDash ? ", not '--'" : "")}";
        }
        foreach (var option in options.Where(o => o.Arity.MaximumNumberOfValues > 0))
        {
            if (parse.GetResult(option) is { IdentifierTokenCount: > 1 })
                return $"{option.Name} is given more than once";
        }

        // `history exprot` would be a repository called "exprot": where no such folder exists and a subcommand is that close, say so.
        if (command.Subcommands.Count > 0 && positionals.FirstOrDefault() is { } first && first.Value.Length > 0
            && !Directory.Exists(first.Value) && !File.Exists(first.Value)
            && Suggestion(first.Value, command.Subcommands.Select(c => c.Name), $"{name} ") is { } sub)
            return $"unknown command '{name} {first.Value}'; did you mean {sub}? (see 'infratrend {name} --help')";

        if (parse.UnmatchedTokens.Count > 0)
        {
            var max = command.Arguments.Sum(a => a.Arity.MaximumNumberOfValues);
            return $"'{name}' takes at most {max} argument(s), got: {string.Join(' ', positionals.Select(t => t.Value).Concat(parse.UnmatchedTokens))}";
        }

        foreach (var argument in command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0))
        {
            if ((parse.GetResult(argument)?.Tokens.Count ?? 0) < argument.Arity.MinimumNumberOfValues)
                return $"{name} needs {argument.HelpName ?? argument.Name} ({argument.Description})";
        }
        foreach (var option in options.Where(o => o.Required))
        {
            if (parse.GetResult(option) is null or { Implicit: true })
                return $"{name} needs {option.Name}";
        }

        return parse.Errors.Count > 0 ? Cli.OneLine(parse.Errors[0].Message) : null;

        // A flag written as `--force=x` (or `--force=`): the parser would take the flag and let the value through as a positional.
        string? FlagGivenAValue(IReadOnlyList<string> raw)
        {
            var valued = options.Where(o => o.Arity.MaximumNumberOfValues > 0).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < raw.Count && raw[i] != "--"; i++)
            {
                if (valued.Contains(raw[i]))
                {
                    i++; // its value, whatever it looks like
                    continue;
                }
                var cut = raw[i].IndexOfAny(['=', ':']);
                if (raw[i].StartsWith("--", StringComparison.Ordinal) && cut > 2 && options.FirstOrDefault(o => o.Name == raw[i][..cut]) is { Arity.MaximumNumberOfValues: 0 } f)
                    return f.Name;
            }
            return null;
        }
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token? token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
                return i;
        }
        return -1;
    }

    /// <summary>"'audit'" or "'--fail-under' or '--fail-on-regression'": the names closest to a mistyped one, if any is close.</summary>
    internal static string? Suggestion(string typed, IEnumerable<string> names, string prefix = "")
    {
        var close = names.Distinct().Select(n => (Name: n, Distance: Distance(typed, n)))
            .Where(x => x.Distance <= Math.Max(1, Math.Min(3, x.Name.Length / 3)) || (typed.Length >= 3 && x.Name.StartsWith(typed, StringComparison.Ordinal)))
            .ToList();
        var best = close.Select(x => x.Distance).DefaultIfEmpty().Min();
        var guesses = close.Where(x => x.Distance == best || x.Name.StartsWith(typed, StringComparison.Ordinal))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).Take(3).Select(x => $"'{prefix}{x.Name}'").ToList();
        return guesses.Count == 0 ? null : guesses.Count == 1 ? guesses[0] : $"{string.Join(", ", guesses[..^1])} or {guesses[^1]}";
    }

    /// <summary>Edit distance, a swap of two neighbours counting as one edit ("--fromat").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
