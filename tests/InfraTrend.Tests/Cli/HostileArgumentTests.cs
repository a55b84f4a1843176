using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using InfraTrend.Cli;
using InfraTrend.Tests.History;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Cli;

/// <summary>
/// Every command and every option, as the tool itself defines them (<see cref="InfraTrend.Cli.Cli.Specs"/>: a new command
/// or option is covered without touching this test), given hostile values: an empty value, `--`, 10,000 characters, a
/// missing path, a file where a folder is expected and the reverse, an unwritable location, a bad number, a bad date.
/// None may let an exception reach the user: a refusal is exit 1 (3 for a history that cannot be used, as the README
/// says) and exactly one line on stderr. Runs in process, on one recorded history copied per call.
/// </summary>
public sealed class HostileArgumentTests : IDisposable
{
    private readonly TestRepository _repo = HistorySupport.NodeRepository();
    private readonly TempFolder _temp = new();
    private readonly string _database;
    private readonly string _export;
    private readonly string _aFile;
    private readonly string _aFolder;
    private readonly string _readOnlyFolder;
    private int _calls;

    public HostileArgumentTests()
    {
        _repo.Commit("init", HistorySupport.Day0);
        _database = _temp.File("history.db");
        Assert.Equal(0, CliRunner.Run("audit", _repo.Root, "--db", _database, "--quiet").ExitCode);
        _repo.Write("CHANGES.md", "# Changes\n").Commit("changes", HistorySupport.Day0.AddDays(1));
        Assert.Equal(0, CliRunner.Run("audit", _repo.Root, "--db", _database, "--quiet").ExitCode);
        _export = _temp.File("export.json");
        Assert.Equal(0, CliRunner.Run("history", "export", _export, _repo.Root, "--db", _database).ExitCode);
        _aFile = _temp.File("a-file");
        File.WriteAllText(_aFile, "not a folder\n");
        _aFolder = Directory.CreateDirectory(_temp.File("a-folder")).FullName;
        _readOnlyFolder = Directory.CreateDirectory(_temp.File("read-only")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_temp.Path, (UnixFileMode)0b111_111_111);
            File.SetUnixFileMode(_readOnlyFolder, (UnixFileMode)0b101_101_101);
        }
    }

    public void Dispose()
    {
        _repo.Dispose();
        _temp.Dispose();
    }

    /// <summary>A hostile value: its name, how it is made for one call (from that call's scratch folder) and which kinds of argument it is tried on.</summary>
    private sealed record Hostile(string Kind, Func<string, string> Value, string Types, bool Unprivileged = false);

    private IReadOnlyList<Hostile> HostileValues() =>
    [
        new("empty", _ => "", "folder file number date text"),
        new("--", _ => "--", "folder file number date text"),
        new("10,000 characters", _ => new string('a', 10_000), "folder file number date text"),
        new("10,000 characters of path", scratch => Path.Combine(scratch, string.Join('/', Enumerable.Repeat(new string('d', 200), 50))), "folder file"),
        new("missing path", scratch => Path.Combine(scratch, "missing", "nothing-here"), "folder file"),
        new("a file for a folder", _ => _aFile, "folder"),
        new("a path under a file", _ => Path.Combine(_aFile, "x.json"), "folder file"),
        new("a folder for a file", _ => _aFolder, "file"),
        new("unwritable location", _ => Path.Combine(_readOnlyFolder, "out", "x.json"), "folder file", Unprivileged: true),
        new("bad number", _ => "12x", "number text"),
        new("negative number", _ => "-5", "number"),
        new("bad date", _ => "2025-13-45", "date text"),
    ];

    /// <summary>What an argument holds, from its name in the definition: a folder, a file, a number, a date or text.</summary>
    private static string TypeOf(string argument, OptionSpec? option) => (option?.ValueName ?? argument) switch
    {
        "DIR" => "folder",
        "PATH" when option is null => "folder", // the repository
        "PATH" or "FILE" => "file", // --db PATH is the history file
        "N" or "DAYS" => "number",
        "DATE" => "date",
        _ => "text", // FORMAT, STEP, RULESET, REV, TEXT, RUN, ID, REPO
    };

    /// <summary>
    /// Where a hostile value is a legitimate one, by command, argument and kind: accepted (exit 0) as the README documents.
    /// Everything else must be refused.
    /// </summary>
    private static readonly HashSet<string> Legitimate =
    [
        // A label or reason is free text: long, or shaped like a number or a date, it is still a label or a reason.
        .. Kinds("history mark", "--label", "empty", "10,000 characters", "bad number", "bad date"),
        .. Kinds("tasks accept", "--reason", "10,000 characters", "bad number", "bad date"),
        .. Kinds("tasks defer", "--reason", "10,000 characters", "bad number", "bad date"),
        .. Kinds("tasks done", "--reason", "10,000 characters", "bad number", "bad date"),
        // Output files in a folder that does not exist yet: the folder is created.
        .. Kinds("audit", "--out", "missing path"),
        .. Kinds("show", "--out", "missing path"),
        .. Kinds("trend", "--out-dir", "missing path"),
        .. Kinds("history export", "FILE", "missing path"),
        // A new history is created where --db points, folders included.
        .. Kinds("audit", "--db", "missing path"),
        .. Kinds("backfill", "--db", "missing path"),
        .. Kinds("history import", "--db", "missing path"),
        // Where no history exists yet, the reading commands that list say there are no runs.
        .. Kinds("history", "--db", "missing path", "unwritable location"),
        .. Kinds("history repos", "--db", "missing path", "unwritable location"),
        .. Kinds("tasks", "--db", "missing path", "unwritable location"),
    ];

    private static IEnumerable<string> Kinds(string command, string argument, params string[] kinds) => kinds.Select(k => $"{command} {argument} {k}");

    /// <summary>The arguments of a call that succeeds: required positionals and options filled in from the usage line.</summary>
    private List<(string Name, string Value)> Valid(CommandSpec spec, string scratch) =>
        PositionalNames(spec).Select(name => (name, PositionalValue(spec, name, scratch))).ToList();

    /// <summary>The positionals named in a command's usage line, after its name and before its options (PATH, RUN, FILE, ...).</summary>
    private static IReadOnlyList<string> PositionalNames(CommandSpec spec)
    {
        var usage = spec.Usage["infratrend ".Length..][spec.Name.Length..];
        var names = new List<string>();
        var tokens = usage.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].Trim('[', ']');
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                if (!tokens[i].EndsWith(']') && spec.Options.FirstOrDefault(o => o.Name == token)?.ValueName is not null)
                    i++;
                continue;
            }
            if (Regex.IsMatch(token, "^[A-Z_]+$") && (i == 0 || !tokens[i - 1].TrimStart('[').StartsWith("--", StringComparison.Ordinal)))
                names.Add(token);
        }
        return names;
    }

    /// <summary>Options the usage line shows outside brackets: required.</summary>
    private static IEnumerable<OptionSpec> RequiredOptions(CommandSpec spec)
    {
        var depth = 0;
        var outside = new StringBuilder();
        foreach (var c in spec.Usage)
        {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            outside.Append(depth == 0 && c != ']' ? c : ' ');
        }
        var words = outside.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return spec.Options.Where(o => o.ValueName is not null && words.Contains(o.Name));
    }

    private string PositionalValue(CommandSpec spec, string name, string scratch) => name switch
    {
        "PATH" => _repo.Root,
        "RUN" or "RUN_B" => "latest",
        "RUN_A" => "previous",
        "ID" => "ci.pipeline",
        "REPO" => "1",
        "SHELL" => "bash",
        "FILE" when spec.Name.EndsWith("import", StringComparison.Ordinal) => _export,
        "FILE" => Path.Combine(scratch, "export.json"),
        _ => throw new InvalidOperationException($"'{spec.Name}': no valid value known for positional {name}; add one here"),
    };

    private static string OptionValue(OptionSpec option, string scratch) => option.ValueName switch
    {
        "TEXT" => "a reason",
        "DATE" => "2099-01-01",
        _ => throw new InvalidOperationException($"no valid value known for {option.Name} {option.ValueName}; add one here"),
    };

    private string[] Call(CommandSpec spec, string scratch, string db, string? replaceName = null, string? replaceValue = null)
    {
        var args = new List<string>(spec.Name.Split(' '));
        foreach (var (name, value) in Valid(spec, scratch))
            args.Add(name == replaceName ? replaceValue! : value);
        foreach (var option in RequiredOptions(spec))
            args.AddRange([option.Name, option.Name == replaceName ? replaceValue! : OptionValue(option, scratch)]);
        if (replaceName is { } replaced && replaced.StartsWith("--", StringComparison.Ordinal) && !RequiredOptions(spec).Any(o => o.Name == replaced))
        {
            var option = spec.Options.Concat(CommandSpec.Common).Single(o => o.Name == replaced);
            // A flag has no value to be hostile: it is given one anyway, as --flag=VALUE.
            args.Add(option.ValueName is null ? $"{replaced}={replaceValue}" : replaced);
            if (option.ValueName is not null)
                args.Add(replaceValue!);
        }
        if (spec.Options.Any(o => o.Name == "--db") && replaceName != "--db")
            args.AddRange(["--db", db]);
        return [.. args];
    }

    [Fact]
    public void The_definitions_name_every_command_and_the_valid_calls_succeed()
    {
        var specs = InfraTrend.Cli.Cli.Specs;
        Assert.Contains(specs, s => s.Name == "history export");
        Assert.Contains(specs, s => s.Name == "tasks accept");
        foreach (var spec in specs)
        {
            var (db, scratch) = Fresh();
            var args = Call(spec, scratch, db);
            var outcome = CliRunner.Run(args);
            Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', args)}: exit {outcome.ExitCode}: {outcome.Error}");
        }
    }

    [Fact]
    public void Every_command_and_option_refuses_hostile_values_in_one_line_without_a_stack_trace()
    {
        var failures = new List<string>();
        foreach (var spec in InfraTrend.Cli.Cli.Specs)
        {
            var arguments = PositionalNames(spec).Concat(spec.Options.Concat(CommandSpec.Common).Where(o => o.Name != "--help").Select(o => o.Name)).Distinct();
            foreach (var argument in arguments)
            {
                var option = spec.Options.Concat(CommandSpec.Common).FirstOrDefault(o => o.Name == argument);
                var type = TypeOf(argument, option);
                // A flag has no value to be hostile: it is given one anyway (--flag=), which must be refused.
                // `--` in a positional's place ends the options and leaves the positional out, so the command would work
                // on the current directory (the test's own): it is tried on option values only.
                var values = option is { ValueName: null } ? HostileValues().Take(1)
                    : HostileValues().Where(h => h.Types.Split(' ').Contains(type) && (option is not null || h.Kind != "--"));
                foreach (var hostile in values)
                {
                    var (db, scratch) = Fresh();
                    var args = Call(spec, scratch, db, argument, hostile.Value(scratch));
                    var outcome = hostile.Unprivileged && OperatingSystem.IsLinux() ? AsNobody(args) : CliRunner.Run(args);
                    _calls++;
                    var label = $"{spec.Name} {argument} {hostile.Kind}";
                    var problem = Judge(outcome, Legitimate.Contains(label));
                    if (problem is not null)
                        failures.Add($"{label}: {problem}");
                }
            }
        }
        Assert.True(_calls > 200, $"only {_calls} calls");
        Assert.True(failures.Count == 0, $"{failures.Count} of {_calls} calls:\n" + string.Join('\n', failures));
    }

    private static string? Judge(CliRunner.Outcome outcome, bool legitimate)
    {
        var all = outcome.Output + outcome.Error;
        if (all.Contains("Exception", StringComparison.Ordinal) || all.Contains("   at ", StringComparison.Ordinal))
            return $"an exception reached the user (exit {outcome.ExitCode}): {Shorten(outcome.Error + outcome.Output)}";
        if (legitimate)
            return outcome.ExitCode == 0 ? null : $"a legitimate value was refused (exit {outcome.ExitCode}): {Shorten(outcome.Error)}";
        if (outcome.ExitCode is not (1 or 3))
            return $"exit {outcome.ExitCode}, not 1 (stderr: {Shorten(outcome.Error)})";
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 1 || !lines[0].StartsWith("infratrend: ", StringComparison.Ordinal))
            return $"{lines.Length} lines on stderr, not one 'infratrend: ...' line: {Shorten(outcome.Error)}";
        return null;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300].ReplaceLineEndings(" | ") + "..." : text.ReplaceLineEndings(" | ");

    [SupportedOSPlatform("linux")]
    private static CliRunner.Outcome AsNobody(string[] args) => Unprivileged.Run(() => CliRunner.Run(args));

    /// <summary>A copy of the recorded history and an empty scratch folder, both writable by anyone, for one call.</summary>
    private (string Db, string Scratch) Fresh()
    {
        var folder = Directory.CreateDirectory(_temp.File($"call-{Guid.NewGuid():N}"[..17])).FullName;
        var db = Path.Combine(folder, "history.db");
        File.Copy(_database, db);
        var scratch = Directory.CreateDirectory(Path.Combine(folder, "scratch")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            foreach (var dir in new[] { folder, scratch })
                File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
            File.SetUnixFileMode(db, (UnixFileMode)0b110_110_110);
        }
        return (db, scratch);
    }
}
