using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Scoring;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Config;

/// <summary>A configuration that cannot be used: the message names the file, the line and the key.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>Reads `.infratrend.yml` with YamlDotNet, checking every key and value so a mistake is named, not ignored.</summary>
public static class ConfigLoader
{
    private static readonly string[] TopLevelKeys = ["targets", "weights", "disabled", "ignore", "waivers", "forecast", "retention"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text of a config file's bytes: UTF-8 with or without a byte order mark, or UTF-16 with one. Anything else
    /// (a binary file, UTF-16 without a mark, bytes that are not UTF-8) is refused by name, never read as garbage or
    /// skipped as if the file were not there.
    /// </summary>
    public static string Decode(byte[] bytes, string path = InfraTrendConfig.FileName)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(new byte[] { 0xFF, 0xFE }))
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (span.StartsWith(new byte[] { 0xFE, 0xFF }))
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        var start = span.StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        if (span[start..].IndexOf((byte)0) >= 0)
            throw new ConfigException($"{path}: not a text file (UTF-8, or UTF-16 with a byte order mark); save it as UTF-8");
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigException($"{path}: not valid UTF-8 (nor UTF-16 with a byte order mark); save it as UTF-8");
        }
    }

    /// <summary>
    /// The working tree's .infratrend.yml under <paramref name="root"/> as it is now, or the empty configuration when there
    /// is none: what "the current rules" and "the plan's targets" mean for the history commands.
    /// </summary>
    public static InfraTrendConfig ReadWorkingTree(string root)
    {
        var file = Path.Combine(root, InfraTrendConfig.FileName);
        return File.Exists(file) ? Parse(Decode(File.ReadAllBytes(file))) : InfraTrendConfig.Empty;
    }

    /// <summary>Parses the text of a config file; throws <see cref="ConfigException"/> naming the line and key of the first problem.</summary>
    public static InfraTrendConfig Parse(string text, string path = InfraTrendConfig.FileName)
    {
        YamlNode? root;
        if (Facts.YamlDocuments.TooDeep(text))
            throw new ConfigException($"{path}: not valid YAML: flow collections nest more than {Facts.YamlDocuments.MaxFlowDepth} deep");
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.FirstOrDefault()?.RootNode;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            var line = e is YamlException y ? y.Start.Line : 0;
            throw new ConfigException($"{path} line {line}: not valid YAML: {e.Message.Split('\n')[0]}");
        }
        // The configuration is walked key by key: an anchor bomb here would be walked as a billion nodes.
        if (root is not null && Facts.YamlDocuments.IsAnchorBomb(root))
            throw new ConfigException($"{path}: not valid YAML: aliases expand to more than a million nodes (an anchor bomb)");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        if (root is null || root is YamlScalarNode { Value: null or "" })
            return new InfraTrendConfig { Hash = hash };
        if (root is not YamlMappingNode map)
            throw Error(path, root, "", "the file must be a mapping of keys (targets, weights, disabled, ignore, waivers, forecast)");

        foreach (var (keyNode, _) in map.Children)
        {
            if (keyNode.Scalar() is not { } key || !TopLevelKeys.Contains(key))
                throw Error(path, keyNode, keyNode.Scalar() ?? "", $"unknown key; expected one of {string.Join(", ", TopLevelKeys)}");
        }

        return new InfraTrendConfig
        {
            Targets = Targets(path, map.Get("targets")),
            CategoryWeights = CategoryWeights(path, map.Get("weights").Get("categories")),
            AnalyzerWeights = AnalyzerWeights(path, map.Get("weights").Get("analyzers")),
            Disabled = Disabled(path, map.Get("disabled")),
            Ignore = StringList(path, map.Get("ignore"), "ignore"),
            Waivers = Waivers(path, map.Get("waivers")),
            ForecastDays = map.Get("forecast").Get("days") is { } days ? (int)Number(path, days, "forecast.days", 7, 3650) : 90,
            Hash = hash,
        };
    }

    private static List<Target> Targets(string path, YamlNode? node)
    {
        var targets = new List<Target>();
        if (node is null)
            return targets;
        foreach (var (key, value) in Entries(path, node, "targets"))
        {
            switch (key)
            {
                case TrendMetrics.Overall:
                    targets.Add(new Target(TrendMetrics.Overall, Number(path, Required(path, value, "targets.overall", "score"), "targets.overall.score", 0, 100), Date(path, value, "targets.overall")));
                    break;
                case TrendMetrics.Maturity:
                    targets.Add(new Target(TrendMetrics.Maturity, Number(path, Required(path, value, "targets.maturity", "level"), "targets.maturity.level", 1, 5), Date(path, value, "targets.maturity")));
                    break;
                case "categories":
                    foreach (var (category, target) in Entries(path, value, "targets.categories"))
                    {
                        var id = CategoryId(path, target, category, "targets.categories");
                        targets.Add(new Target(id, Number(path, Required(path, target, $"targets.categories.{id}", "score"), $"targets.categories.{id}.score", 0, 100), Date(path, target, $"targets.categories.{id}")));
                    }
                    break;
                default:
                    throw Error(path, value, $"targets.{key}", "unknown target; expected overall, maturity or categories");
            }
        }
        return targets;
    }

    private static Dictionary<Category, double> CategoryWeights(string path, YamlNode? node) =>
        node is null ? [] : Entries(path, node, "weights.categories").ToDictionary(e => Categories.FromId(CategoryId(path, e.Value, e.Key, "weights.categories"))!.Value, e => Number(path, e.Value, $"weights.categories.{e.Key}", 0, 100));

    private static Dictionary<string, double> AnalyzerWeights(string path, YamlNode? node) =>
        node is null ? [] : Entries(path, node, "weights.analyzers").ToDictionary(e => AnalyzerId(path, e.Value, e.Key, "weights.analyzers"), e => Number(path, e.Value, $"weights.analyzers.{e.Key}", 0, 100));

    private static HashSet<string> Disabled(string path, YamlNode? node)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (node is null)
            return set;
        foreach (var item in node is YamlSequenceNode seq ? seq.Children : throw Error(path, node, "disabled", "must be a list of analyzer ids"))
            set.Add(AnalyzerId(path, item, item.Scalar() ?? "", "disabled"));
        return set;
    }

    private static List<Waiver> Waivers(string path, YamlNode? node)
    {
        var waivers = new List<Waiver>();
        if (node is null)
            return waivers;
        if (node is not YamlSequenceNode seq)
            throw Error(path, node, "waivers", "must be a list of waivers, each with rule, reason and optional paths and until");
        foreach (var (item, i) in seq.Children.Select((item, i) => (item, i)))
        {
            var key = $"waivers[{i}]";
            if (item is not YamlMappingNode)
                throw Error(path, item, key, "must be a mapping with rule, reason and optional paths and until");
            foreach (var (field, value) in item.Entries())
            {
                if (field is not ("rule" or "paths" or "reason" or "until"))
                    throw Error(path, value, $"{key}.{field}", "unknown key; expected rule, paths, reason and until");
            }
            var ruleNode = item.Get("rule") ?? throw Error(path, item, $"{key}.rule", "is missing (an analyzer id, see 'infratrend rules')");
            var rule = AnalyzerId(path, ruleNode, ruleNode.Scalar() ?? "", $"{key}.rule");
            var reason = item.Get("reason")?.Scalar()?.Trim();
            if (string.IsNullOrEmpty(reason))
                throw Error(path, item.Get("reason") ?? item, $"{key}.reason", "must say why the rule is waived (a non-empty text)");
            DateOnly? until = null;
            if (item.Get("until") is { } untilNode)
            {
                if (untilNode.Scalar() is not { } text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    throw Error(path, untilNode, $"{key}.until", "must be a date written yyyy-MM-dd");
                until = date;
            }
            var paths = StringList(path, item.Get("paths"), $"{key}.paths");
            waivers.Add(new Waiver(rule, paths, reason, until));
        }
        return waivers;
    }

    private static List<string> StringList(string path, YamlNode? node, string key)
    {
        if (node is null)
            return [];
        if (node is not YamlSequenceNode seq)
            throw Error(path, node, key, "must be a list");
        return seq.Children.Select(c => c.Scalar() ?? throw Error(path, c, key, "every item must be a string")).ToList();
    }

    private static IEnumerable<KeyValuePair<string, YamlNode>> Entries(string path, YamlNode node, string key) =>
        node is YamlMappingNode ? node.Entries() : throw Error(path, node, key, "must be a mapping");

    private static YamlNode Required(string path, YamlNode node, string key, string field) =>
        (node is YamlMappingNode ? node.Get(field) : throw Error(path, node, key, $"must be a mapping with {field} and by"))
        ?? throw Error(path, node, $"{key}.{field}", "is missing");

    private static double Number(string path, YamlNode node, string key, double min, double max)
    {
        if (node.Scalar() is not { } text || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw Error(path, node, key, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    private static DateOnly Date(string path, YamlNode node, string key)
    {
        var by = node.Get("by") ?? throw Error(path, node, $"{key}.by", "is missing (a date such as 2026-06-30)");
        if (by.Scalar() is not { } text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw Error(path, by, $"{key}.by", "must be a date written yyyy-MM-dd");
        foreach (var (field, value) in node.Entries())
        {
            if (field is not ("score" or "level" or "by"))
                throw Error(path, value, $"{key}.{field}", "unknown key; expected score (or level) and by");
        }
        return date;
    }

    private static string CategoryId(string path, YamlNode node, string id, string key) =>
        Categories.FromId(id) is not null ? id : throw Error(path, node, $"{key}.{id}", $"unknown category; expected one of {string.Join(", ", Categories.All.Select(c => c.Id()))}");

    // The configuration's one use of the analyzers: a rule id it names must be a rule of this build. Named in full
    // so that it stays the only one (LayeringTests allows Config the registry and nothing else of InfraTrend.Analyzers).
    private static string AnalyzerId(string path, YamlNode node, string id, string key) =>
        InfraTrend.Analyzers.AnalyzerRegistry.Find(id) is not null ? id : throw Error(path, node, key.EndsWith(".rule", StringComparison.Ordinal) ? key : $"{key}.{id}", $"unknown analyzer id{(key.EndsWith(".rule", StringComparison.Ordinal) ? $" '{id}'" : "")} (see 'infratrend rules')");

    private static ConfigException Error(string path, YamlNode node, string key, string message) =>
        new($"{path} line {node.Start.Line}: {(key.Length > 0 ? $"'{key}' " : "")}{message}");
}
