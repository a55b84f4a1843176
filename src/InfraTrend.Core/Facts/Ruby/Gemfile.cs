using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Ruby;

/// <summary>One gem a Gemfile (or the gemspec it names) declares: its groups, whether Bundler.require loads it, and its line.</summary>
public sealed record GemDeclaration(string Name, string Path, int Line, IReadOnlyList<string> Groups, bool AutoRequire)
{
    private static readonly HashSet<string> DevelopmentGroups = new(StringComparer.Ordinal) { "development", "test", "ci", "lint", "linters", "rubocop", "debug", "tools", "guard", "docs", "benchmark", "benchmarks", "coverage" };

    /// <summary>Loaded where the application runs: in the default group, or a group other than development and test.</summary>
    public bool Runtime => Groups.Count == 0 || Groups.Any(g => !DevelopmentGroups.Contains(g));

    public Evidence Evidence => new(Path, Line);
}

/// <summary>What Bundler recorded in a Gemfile.lock: the resolved gems, the Bundler version and the Ruby version.</summary>
public sealed record GemfileLock(string Path, IReadOnlySet<string> Specs, string? BundlerVersion, int BundlerLine);

/// <summary>What InfraTrend reads from a Gemfile (or gems.rb): its gems, its `ruby` pin and its lockfile.</summary>
public sealed record Gemfile(string Path, IReadOnlyDictionary<string, GemDeclaration> Gems, string? Ruby, int RubyLine, bool UsesGemspec, GemfileLock? Lock)
{
    public string Folder => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";

    /// <summary>The gem, when it is declared for where the application runs (not only for development or tests).</summary>
    public GemDeclaration? Runtime(string gem) => Gems.TryGetValue(gem, out var g) && g.Runtime ? g : null;

    public GemDeclaration? RuntimeAny(IEnumerable<string> gems) => gems.Select(Runtime).FirstOrDefault(g => g is not null);

    public bool Declares(string gem) => Gems.ContainsKey(gem);

    /// <summary>True when <paramref name="path"/> lies in this bundle's folder.</summary>
    public bool Holds(string path) => Folder == "." || Prefixes.IsUnder(path, Folder, '/');
}

/// <summary>Reads Gemfiles: `gem` lines with their groups (blocks and options), `ruby`, `gemspec` (whose dependencies it adds), and the lockfile.</summary>
public static partial class Gemfiles
{
    [GeneratedRegex(@"^\s*gem\s*\(?\s*['""]([^'""]+)['""](.*)$")]
    private static partial Regex GemLine();

    [GeneratedRegex(@"^\s*group\s*\(?\s*(.+?)\)?\s+do\b")]
    private static partial Regex GroupBlock();

    [GeneratedRegex(@"(?:\bgroups?\s*:|:groups?\s*=>)\s*(\[[^\]]*\]|%[iw]\[[^\]]*\]|%[iw]\([^)]*\)|:\w+|['""]\w+['""])")]
    private static partial Regex GroupOption();

    [GeneratedRegex(@"(?:\brequire\s*:|:require\s*=>)\s*(false|nil)\b")]
    private static partial Regex NoRequire();

    [GeneratedRegex(@"^\s*ruby\s*\(?\s*['""]([^'""]+)['""]")]
    private static partial Regex RubyPin();

    [GeneratedRegex(@"^\s*gemspec\b")]
    private static partial Regex GemspecLine();

    [GeneratedRegex(@"\bdo\s*(\|[^|]*\|)?\s*$|^\s*(if|unless|case|while|until|begin|def|class|module)\b")]
    private static partial Regex BlockOpener();

    [GeneratedRegex(@"^\s*end\b")]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"\.add_(runtime_|development_)?dependency\s*\(?\s*['""]([^'""]+)['""]")]
    private static partial Regex GemspecDependency();

    [GeneratedRegex(@"[A-Za-z_]\w*")]
    private static partial Regex Word();

    public static IReadOnlyList<Gemfile> Of(Snapshot snapshot) =>
        snapshot.Files
            .Where(f => f.Name is "Gemfile" or "gems.rb" && !IsVendored(f.Path))
            .Select(f => snapshot.ReadText(f.Path) is { } text ? Parse(snapshot, f.Path, text) : null)
            .OfType<Gemfile>()
            .ToList();

    public static IReadOnlyList<Gemfile> Of(FactContext context) => context.Cached("gemfiles", () => Of(context.Snapshot));

    /// <summary>The Gemfile whose bundle holds <paramref name="path"/> (the deepest), or null.</summary>
    public static Gemfile? Governing(IReadOnlyList<Gemfile> gemfiles, string path) =>
        gemfiles.Where(g => g.Holds(path)).OrderByDescending(g => g.Folder.Length).FirstOrDefault();

    /// <summary>Someone else's code: vendored gems, installed bundles (.bundle), node_modules.</summary>
    public static bool IsVendored(string path) =>
        Node.NodeManifests.IsVendored(path) || path.Contains("/.bundle/", StringComparison.Ordinal) || path.StartsWith(".bundle/", StringComparison.Ordinal);

    public static Gemfile Parse(Snapshot snapshot, string path, string text)
    {
        var gems = new Dictionary<string, GemDeclaration>(StringComparer.Ordinal);
        string? ruby = null;
        var rubyLine = 0;
        var usesGemspec = false;
        // Each open block: the groups it adds (empty for an `if`, a `platforms` or a `source` block).
        var blocks = new Stack<IReadOnlyList<string>>();
        var lines = CodeLines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
                continue;
            if (GroupBlock().Match(line) is { Success: true } group)
            {
                blocks.Push(Names(group.Groups[1].Value));
                continue;
            }
            if (GemLine().Match(line) is { Success: true } gem)
            {
                var options = gem.Groups[2].Value;
                var groups = blocks.SelectMany(b => b).ToList();
                if (GroupOption().Match(options) is { Success: true } own)
                    groups.AddRange(Names(own.Groups[1].Value));
                gems.TryAdd(gem.Groups[1].Value, new GemDeclaration(gem.Groups[1].Value, path, i + 1, groups.Distinct().ToList(), !NoRequire().IsMatch(options)));
                if (BlockOpener().IsMatch(line))
                    blocks.Push([]);
                continue;
            }
            if (RubyPin().Match(line) is { Success: true } pin)
            {
                ruby = pin.Groups[1].Value;
                rubyLine = i + 1;
            }
            else if (GemspecLine().IsMatch(line))
            {
                usesGemspec = true;
            }
            if (BlockEnd().IsMatch(line))
            {
                if (blocks.Count > 0)
                    blocks.Pop();
            }
            else if (BlockOpener().IsMatch(line) && !Regex.IsMatch(line, @"\bend\s*$"))
            {
                blocks.Push([]);
            }
        }

        var folder = path.Contains('/') ? path[..path.LastIndexOf('/')] : ".";
        if (usesGemspec)
            AddGemspecDependencies(snapshot, folder, gems);
        var lockName = path.EndsWith("gems.rb", StringComparison.Ordinal) ? "gems.locked" : "Gemfile.lock";
        var lockPath = PartDetector.Join(folder, lockName);
        var lockText = snapshot.Exists(lockPath) ? snapshot.ReadText(lockPath) : null;
        return new Gemfile(path, gems, ruby, rubyLine, usesGemspec, lockText is null ? null : ParseLock(lockPath, lockText));
    }

    /// <summary>A gemspec's dependencies: runtime ones for where the application runs, development ones in the development group.</summary>
    private static void AddGemspecDependencies(Snapshot snapshot, string folder, Dictionary<string, GemDeclaration> gems)
    {
        foreach (var spec in snapshot.Files.Where(f => f.Directory == folder && f.Name.EndsWith(".gemspec", StringComparison.Ordinal)))
        {
            if (snapshot.ReadText(spec.Path) is not { } text)
                continue;
            var lines = CodeLines(text);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in GemspecDependency().Matches(lines[i]))
                {
                    var development = m.Groups[1].Value == "development_";
                    gems.TryAdd(m.Groups[2].Value, new GemDeclaration(m.Groups[2].Value, spec.Path, i + 1, development ? ["development"] : [], true));
                }
            }
        }
    }

    public static GemfileLock ParseLock(string path, string text)
    {
        var specs = new HashSet<string>(StringComparer.Ordinal);
        string? bundler = null;
        var bundlerLine = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("    ", StringComparison.Ordinal) && !line.StartsWith("     ", StringComparison.Ordinal))
            {
                var name = line.Trim().Split(' ')[0];
                if (name.Length > 0)
                    specs.Add(name);
            }
            else if (line == "BUNDLED WITH" && i + 1 < lines.Length)
            {
                bundler = Versions.Normalize(lines[i + 1].Trim());
                bundlerLine = i + 2;
            }
        }
        return new GemfileLock(path, specs, bundler, bundlerLine);
    }

    /// <summary>The lines of a Ruby file with comments blanked out (a `# gem "x"` line declares nothing).</summary>
    public static string[] CodeLines(string text)
    {
        var kinds = Lexers.Ruby(text);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (kinds[i] == CharKind.Comment && chars[i] != '\n')
                chars[i] = ' ';
        }
        return new string(chars).Split('\n');
    }

    private static List<string> Names(string list) => Word().Matches(list).Select(m => m.Value).Where(w => w is not ("i" or "w")).ToList();
}
