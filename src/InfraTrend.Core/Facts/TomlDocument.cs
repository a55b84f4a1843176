using System.Globalization;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace InfraTrend.Facts;

/// <summary>
/// A TOML file (pyproject.toml, Pipfile, fly.toml, netlify.toml, railway.toml, nixpacks.toml, gradle/libs.versions.toml)
/// read with Tomlyn's syntax tree: every `key = value` with the table it belongs to (`[a.b]` and `[[a.b]]` headers and
/// dotted keys resolved as TOML means them), its value and its 1-based line. Inline tables stay values (<see cref="TomlValue.Get"/>).
/// </summary>
public sealed class TomlDocument
{
    /// <summary>How many refused lines a broken file may lose before the rest is taken as Tomlyn's recovery left it.</summary>
    private const int MaxSkippedLines = 32;

    /// <summary>Tomlyn's default limit on nested arrays and inline tables.</summary>
    private const int MaxDepth = 64;

    private TomlDocument(IReadOnlyList<TomlEntry> entries, TomlError? error)
    {
        Entries = entries;
        Error = error;
    }

    /// <summary>Every key-value in the file, in the order written.</summary>
    public IReadOnlyList<TomlEntry> Entries { get; }

    /// <summary>The first error Tomlyn reports (a syntax error, or a key defined twice), or null for a well-formed file.</summary>
    public TomlError? Error { get; }

    /// <summary>
    /// Reads <paramref name="text"/>. A file Tomlyn refuses is read leniently rather than dropped: the line of its first
    /// syntax error is left out and the file parsed again, until it parses, so a Jinja line in a cookiecutter template or
    /// one unclosed string costs that line and not the file (the hand readers this replaced read every other line too,
    /// and Tomlyn's own recovery lets an unclosed string swallow the rest of the file). A key defined twice is kept twice,
    /// as written. The error stays in <see cref="Error"/>, so the audit can say the file is broken.
    /// </summary>
    public static TomlDocument Parse(string text)
    {
        var (strict, error) = TryParse(text, validate: true);
        if (error is null)
            return new TomlDocument(EntriesOf(strict!), null);

        var lines = text.Split('\n');
        var (tree, treeError) = TryParse(text, validate: false);
        for (var skipped = 0; treeError is not null && skipped < MaxSkippedLines; skipped++)
        {
            var line = treeError.Line - 1;
            if (line < 0 || line >= lines.Length || lines[line].Length == 0)
                break; // an error past the last line, or on a line already left out: nothing more to skip
            lines[line] = "";
            (tree, treeError) = TryParse(string.Join('\n', lines), validate: false);
        }
        return new TomlDocument(tree is null ? [] : EntriesOf(tree), error);
    }

    /// <summary>The tree and its first error; no tree when Tomlyn gives up (a value nested deeper than its limit).</summary>
    private static (DocumentSyntax? Tree, TomlError? Error) TryParse(string text, bool validate)
    {
        try
        {
            var tree = SyntaxParser.Parse(text, validate: validate);
            if (!tree.HasErrors)
                return (tree, null);
            // Diagnostics come by kind of check, not by position: the first in the file is the one to show.
            var first = tree.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).MinBy(d => d.Span.Start.Offset)!;
            return (tree, new TomlError(first.Span.Start.Line + 1, Described(first.Message)));
        }
        catch (TomlException e)
        {
            // Tomlyn throws, without a position, past 64 nested arrays or inline tables (a limit that keeps its recursion
            // off the end of the stack): the line where the brackets get that deep, counted roughly (quotes included).
            return (null, new TomlError(e.Line ?? DeepLine(text), e.Message));
        }
    }

    /// <summary>
    /// Tomlyn's message without the line it quotes for a key defined twice (`with \`TOKEN = "..."\``): a fly.toml [env]
    /// value can be a secret, and the warning goes into every report.
    /// </summary>
    private static string Described(string message) =>
        message.IndexOf(" with `", StringComparison.Ordinal) is > 0 and var quote ? message[..quote] : message;

    private static int DeepLine(string text)
    {
        var (depth, line) = (0, 1);
        foreach (var c in text)
        {
            if (c == '\n')
                line++;
            else if (c is '[' or '{' && ++depth > MaxDepth)
                return line;
            else if (c is ']' or '}')
                depth--;
        }
        return 1;
    }

    /// <summary>Reads a file's text, telling <paramref name="warn"/> (path, message) when Tomlyn refuses it.</summary>
    public static TomlDocument Read(string path, string text, Action<string, string>? warn)
    {
        var document = Parse(text);
        if (document.Error is { } error)
            warn?.Invoke(path, $"TOML does not parse at line {error.Line}: {error.Message}; the lines it accepts were read");
        return document;
    }

    private static List<TomlEntry> EntriesOf(DocumentSyntax document)
    {
        var entries = new List<TomlEntry>();
        foreach (var keyValue in document.KeyValues)
            Add(entries, [], keyValue);
        foreach (var table in document.Tables)
        {
            var path = table.Name is { } name ? KeyParts(name) : [];
            foreach (var keyValue in table.Items)
                Add(entries, path, keyValue);
        }
        return entries;
    }

    private static void Add(List<TomlEntry> entries, IReadOnlyList<string> table, KeyValueSyntax keyValue)
    {
        // A statement Tomlyn could not complete (in a file it refuses) has no key or no value: nothing to read.
        if (keyValue.Key is not { } key || keyValue.Value is not { } value)
            return;
        var path = table.Concat(KeyParts(key)).ToList();
        entries.Add(new TomlEntry(string.Join('.', path[..^1]), path[^1], new TomlValue(value), key.Span.Start.Line + 1));
    }

    /// <summary>`a."b.c".d` as its parts: a, b.c, d (quoted parts unquoted).</summary>
    internal static List<string> KeyParts(KeySyntax key) => [KeyPart(key.Key), .. key.DotKeys.Select(d => KeyPart(d.Key))];

    private static string KeyPart(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };
}

/// <summary>Where a file Tomlyn refuses first goes wrong.</summary>
public sealed record TomlError(int Line, string Message);

/// <summary>
/// One `key = value`: <paramref name="Table"/> is the dotted path of the table that holds it ("" at the top,
/// "tool.poetry.dependencies" for `[tool.poetry.dependencies]`, "build.environment" for `environment.X = ...` under `[build]`),
/// <paramref name="Key"/> the last part of the key, <paramref name="Line"/> the 1-based line of the key.
/// </summary>
public sealed record TomlEntry(string Table, string Key, TomlValue Value, int Line);

/// <summary>A TOML value with its line: a scalar, an array or an inline table.</summary>
public sealed class TomlValue
{
    private readonly ValueSyntax _syntax;

    internal TomlValue(ValueSyntax syntax) => _syntax = syntax;

    /// <summary>The 1-based line where the value starts.</summary>
    public int Line => _syntax.Span.Start.Line + 1;

    public bool IsArray => _syntax is ArraySyntax;

    /// <summary>A string's value (unquoted, escapes applied); any other scalar as written (true, 8080); null for an array or inline table.</summary>
    public string? Text => _syntax switch
    {
        StringValueSyntax s => s.Value,
        BooleanValueSyntax b => b.Value ? "true" : "false",
        IntegerValueSyntax i => i.Token?.Text ?? i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValueSyntax f => f.Token?.Text,
        DateTimeValueSyntax d => d.Token?.Text,
        _ => null,
    };

    /// <summary>An array's items; none for any other value.</summary>
    public IReadOnlyList<TomlValue> Items =>
        _syntax is ArraySyntax array ? array.Items.Where(i => i.Value is not null).Select(i => new TomlValue(i.Value!)).ToList() : [];

    /// <summary>The strings a value holds, each with its line: itself when it is one, an array's strings (nested arrays included, inline tables not).</summary>
    public IEnumerable<(string Text, int Line)> Strings =>
        _syntax is StringValueSyntax { Value: { } text } ? [(text, Line)] : Items.SelectMany(i => i.Strings);

    /// <summary>
    /// An inline table's member by its dotted path, written either way: `version.ref` finds `{ version.ref = "x" }` and
    /// `{ version = { ref = "x" } }`. Null when absent or when this is not an inline table.
    /// </summary>
    public TomlValue? Get(string path)
    {
        if (_syntax is not InlineTableSyntax table)
            return null;
        foreach (var item in table.Items)
        {
            if (item.KeyValue is not { Key: { } key, Value: { } value })
                continue;
            var name = string.Join('.', TomlDocument.KeyParts(key));
            if (name == path)
                return new TomlValue(value);
            if (path.StartsWith(name + ".", StringComparison.Ordinal) && new TomlValue(value).Get(path[(name.Length + 1)..]) is { } nested)
                return nested;
        }
        return null;
    }
}
