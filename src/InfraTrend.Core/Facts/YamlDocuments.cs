using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts;

/// <summary>Loads YAML with YamlDotNet's representation model (so every node keeps its line), reporting broken files as warnings.</summary>
public static partial class YamlDocuments
{
    /// <summary>The documents of a file, or none (with a warning) when it does not parse.</summary>
    public static IReadOnlyList<YamlNode> Load(FactContext context, string path)
    {
        if (context.Snapshot.ReadText(path) is not { } text)
            return [];
        if (path.EndsWith(".erb", StringComparison.Ordinal))
            text = WithoutErb(text);
        if (TooDeep(text))
        {
            context.Warn(path, $"YAML nests flow collections more than {MaxFlowDepth} deep; not read");
            return [];
        }
        try
        {
            var stream = Parse(text);
            // Aliases share one node, but a walk over the tree visits it once per alias: nine levels of nine make a
            // billion scalars out of a few hundred bytes ("billion laughs"). Such a file is refused, not walked.
            if (stream.Documents.Sum(d => ExpandedSize(d.RootNode, new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance))) > MaxExpandedNodes)
            {
                context.Warn(path, "YAML aliases expand to more than a million nodes (an anchor bomb); not read");
                return [];
            }
            return stream.Documents.Select(d => d.RootNode).ToList();
        }
        catch (YamlException e)
        {
            context.Warn(path, $"YAML does not parse at line {e.Start.Line}: {FirstLine(e.Message)}");
            return [];
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet's scanner throws these, not YamlException, on some malformed input (an unclosed flow sequence).
            context.Warn(path, $"YAML does not parse: {FirstLine(e.Message)}");
            return [];
        }
    }

    /// <summary>
    /// The file's YAML stream. YamlDotNet refuses a literal or folded block whose leading blank lines hold the block's
    /// indentation in spaces (`notes: |` then a line of sixteen spaces, then the text at sixteen: "found extra spaces in
    /// first line"), which other parsers and the CI systems themselves accept (an Azure Pipelines release step's notes).
    /// Such a file is read again with its whitespace-only lines emptied, which changes no value but the blank lines'
    /// trailing spaces.
    /// </summary>
    private static YamlStream Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (YamlException e) when (e.Message.Contains("extra spaces in first line", StringComparison.Ordinal))
        {
            var blanked = BlankLine().Replace(text, "");
            if (blanked == text)
                throw;
            stream = new YamlStream();
            stream.Load(new StringReader(blanked));
            return stream;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^[ \t]+(?=\r?$)")]
    private static partial System.Text.RegularExpressions.Regex BlankLine();

    /// <summary>Deeper than any real file; YamlDotNet's parser recurses per level, and 200,000 '[' overflow its stack (which ends the process).</summary>
    public const int MaxFlowDepth = 500;

    /// <summary>True when '[' and '{' nest deeper than <see cref="MaxFlowDepth"/> (counted over the raw text, quotes and comments included: a cheap upper bound).</summary>
    public static bool TooDeep(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '[' or '{')
            {
                if (++depth > MaxFlowDepth)
                    return true;
            }
            else if (c is ']' or '}' && depth > 0)
                depth--;
        }
        return false;
    }

    /// <summary>True when a walk that follows every alias of <paramref name="root"/> would visit more than <see cref="MaxExpandedNodes"/> nodes.</summary>
    public static bool IsAnchorBomb(YamlNode root) =>
        ExpandedSize(root, new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance)) > MaxExpandedNodes;

    /// <summary>More nodes than a file of 1 MB (the largest read) can hold without aliases.</summary>
    internal const long MaxExpandedNodes = 1_000_000;

    /// <summary>How many nodes a walk that follows every alias visits, counted once per distinct node (memoised), capped past the limit.</summary>
    private static long ExpandedSize(YamlNode node, Dictionary<YamlNode, long> sizes)
    {
        if (sizes.TryGetValue(node, out var known))
            return known;
        // An alias to a collection that holds it (a cycle) counts as too many.
        sizes[node] = MaxExpandedNodes + 1;
        long size = 1;
        foreach (var child in node is YamlMappingNode map ? map.Children.SelectMany(p => new[] { p.Key, p.Value }) : node is YamlSequenceNode seq ? seq.Children : [])
        {
            size += ExpandedSize(child, sizes);
            if (size > MaxExpandedNodes)
                break;
        }
        return sizes[node] = Math.Min(size, MaxExpandedNodes + 1);
    }

    /// <summary>
    /// An ERB-templated YAML file (krane's deploy/*.yaml.erb) as the YAML of its first branches: a line holding only
    /// a control tag is dropped (keeping its line as a blank one), what follows an else or elsif up to its end is
    /// dropped, and an output tag becomes a placeholder word.
    /// </summary>
    internal static string WithoutErb(string text)
    {
        var lines = text.Split('\n');
        var depth = 0;
        var skipFrom = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("<%", StringComparison.Ordinal) && !trimmed.StartsWith("<%=", StringComparison.Ordinal) && trimmed.EndsWith("%>", StringComparison.Ordinal))
            {
                var code = trimmed[2..^2].Trim('-', ' ');
                if (code.StartsWith("end", StringComparison.Ordinal))
                {
                    if (skipFrom == depth)
                        skipFrom = -1;
                    depth--;
                }
                else if ((code.StartsWith("else", StringComparison.Ordinal) || code.StartsWith("elsif", StringComparison.Ordinal)) && skipFrom < 0)
                    skipFrom = depth;
                else if (code.StartsWith("if ", StringComparison.Ordinal) || code.StartsWith("unless ", StringComparison.Ordinal) || code.StartsWith("case ", StringComparison.Ordinal) || code.EndsWith(" do", StringComparison.Ordinal) || code.Contains(" do |", StringComparison.Ordinal))
                    depth++;
                lines[i] = "";
                continue;
            }
            lines[i] = skipFrom >= 0 ? "" : ErbOutput().Replace(lines[i], "erb");
        }
        return string.Join('\n', lines);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<%=?-?.*?-?%>")]
    private static partial System.Text.RegularExpressions.Regex ErbOutput();

    public static YamlMappingNode? Root(FactContext context, string path) => Load(context, path).FirstOrDefault() as YamlMappingNode;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    public static int Line(this YamlNode node) => (int)node.Start.Line;

    /// <summary>The last line a node's content reaches (YamlDotNet's End mark of a block collection is not it).</summary>
    public static int LastLine(this YamlNode node) =>
        node switch
        {
            YamlMappingNode map => map.Children.Select(p => p.Value.LastLine()).DefaultIfEmpty(node.Line()).Max(),
            YamlSequenceNode seq => seq.Children.Select(c => c.LastLine()).DefaultIfEmpty(node.Line()).Max(),
            // A block scalar (`script: |`) runs on for as many lines as it holds.
            YamlScalarNode scalar => node.Line() + (scalar.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded ? (scalar.Value ?? "").Count(c => c == '\n') : 0),
            _ => node.Line(),
        };

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(this YamlNode? node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static string? Scalar(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode seq ? seq.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode map
            ? map.Children.Where(p => p.Key is YamlScalarNode { Value: not null }).Select(p => new KeyValuePair<string, YamlNode>(((YamlScalarNode)p.Key).Value!, p.Value))
            : [];

    /// <summary>Every scalar below a node, depth first, with the key it stands under.</summary>
    public static IEnumerable<(string? Key, YamlScalarNode Value)> Scalars(this YamlNode node, string? key = null)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                yield return (key, scalar);
                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                    foreach (var s in child.Scalars(key))
                        yield return s;
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Entries())
                    foreach (var s in v.Scalars(k))
                        yield return s;
                break;
        }
    }
}
