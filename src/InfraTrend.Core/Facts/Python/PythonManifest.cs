using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Python;

/// <summary>One declared Python dependency: its normalised name (PEP 503), the version it pins, and where it is written.</summary>
public sealed record PythonDependency(string Name, string? Version, bool Dev, Evidence Evidence);

/// <summary>
/// What InfraTrend reads from one Python manifest (pyproject.toml, requirements*.txt with its -r includes, Pipfile,
/// setup.cfg, setup.py): dependencies with their lines, the Python it requires, and the tool sections it has.
/// Manifests are read as text, never run.
/// </summary>
public sealed partial record PythonManifest(string Path, string Kind, string Text, IReadOnlyList<PythonDependency> Dependencies, Evidence? RequiresPython, string? RequiresPythonVersion)
{
    /// <summary>The project folder: a requirements/ folder's files belong to the folder above it.</summary>
    public string Folder
    {
        get
        {
            var folder = Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";
            var last = folder[(folder.LastIndexOf('/') + 1)..];
            if (last is "requirements" or "reqs" or "requirements.d")
                return folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : ".";
            return folder;
        }
    }

    public bool DependsOn(string name) => Dependencies.Any(d => d.Name == name);

    public bool DependsOnAny(params string[] names) => Dependencies.Any(d => names.Contains(d.Name));

    public PythonDependency? Find(string name) => Dependencies.FirstOrDefault(d => d.Name == name);

    /// <summary>A section header or key written in the manifest (`[tool.poetry]`), or null.</summary>
    public Evidence? Line(string needle) => TextLines.Find(Text, needle) is > 0 and var line ? new Evidence(Path, line) : null;

    /// <summary>PEP 503: lower case, runs of `-`, `_` and `.` become one `-`.</summary>
    public static string Normalize(string name) => Separators().Replace(name.Trim().ToLowerInvariant(), "-");

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}

/// <summary>Parsers for each kind of Python manifest, and every manifest of a snapshot, parsed once.</summary>
public static partial class PythonManifests
{
    [GeneratedRegex(@"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:\(?\s*(?<op>===|==|~=|>=|<=|!=|>|<|\^|~)?\s*(?<version>[0-9][0-9A-Za-z.*+!-]*))?")]
    private static partial Regex Requirement();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""|'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"#egg=([A-Za-z0-9._-]+)")]
    private static partial Regex Egg();

    private static readonly string[] DevWords = ["dev", "test", "tests", "testing", "lint", "docs", "doc", "typing", "ci", "local", "debug", "qa"];

    /// <summary>Every manifest; <paramref name="warn"/> (path, message) hears of a pyproject.toml or Pipfile that does not parse.</summary>
    public static IReadOnlyList<PythonManifest> Of(Snapshot snapshot, Action<string, string>? warn = null)
    {
        var manifests = new List<PythonManifest>();
        foreach (var file in snapshot.Files)
        {
            // The name decides first: only a manifest is read (reading every file here once cost a third of a monorepo's audit).
            var isManifest = file.Name is "pyproject.toml" or "Pipfile" or "setup.cfg" or "setup.py" || IsRequirementsFile(file.Path);
            if (!isManifest || IsVendored(file.Path) || snapshot.ReadText(file.Path) is not { } text)
                continue;
            var manifest = file.Name switch
            {
                "pyproject.toml" => PyProject(file.Path, text, warn),
                "Pipfile" => Pipfile(file.Path, text, warn),
                "setup.cfg" => SetupCfg(file.Path, text),
                "setup.py" => SetupPy(file.Path, text),
                _ => Requirements(snapshot, file.Path, text),
            };
            if (manifest is not null)
                manifests.Add(manifest);
        }
        return manifests;
    }

    public static IReadOnlyList<PythonManifest> Of(FactContext context) => context.Cached("python-manifests", () => Of(context.Snapshot, context.Warn));

    /// <summary>requirements.txt, requirements-dev.txt, requirements/base.txt, dev-requirements.txt (and .in sources of pip-compile).</summary>
    public static bool IsRequirementsFile(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        if (!name.EndsWith(".txt", StringComparison.Ordinal) && !name.EndsWith(".in", StringComparison.Ordinal))
            return false;
        var folder = path.Contains('/') ? path[..path.LastIndexOf('/')] : "";
        return name.StartsWith("requirements", StringComparison.Ordinal) || name.EndsWith("-requirements.txt", StringComparison.Ordinal) || name.EndsWith("_requirements.txt", StringComparison.Ordinal)
            || folder == "requirements" || folder.EndsWith("/requirements", StringComparison.Ordinal);
    }

    /// <summary>Installed packages and virtual environments, never the application's manifests.</summary>
    public static bool IsVendored(string path) =>
        Node.NodeManifests.IsVendored(path) || path.Contains("site-packages/", StringComparison.Ordinal) || path.Split('/').Any(s => s is ".venv" or "venv" or ".tox" or ".nox" or "__pypackages__");

    private static bool IsDevGroup(string name) => DevWords.Any(w => name.Equals(w, StringComparison.OrdinalIgnoreCase) || name.StartsWith(w + "-", StringComparison.OrdinalIgnoreCase) || name.EndsWith("-" + w, StringComparison.OrdinalIgnoreCase));

    /// <summary>A PEP 508 requirement (`Django[argon2]>=5.0,<6`) or a Poetry key, as a dependency; null for a line that is not one.</summary>
    public static PythonDependency? Dependency(string spec, bool dev, Evidence evidence)
    {
        var m = Requirement().Match(spec);
        if (!m.Success)
            return null;
        var version = m.Groups["version"].Success ? Versions.Normalize(m.Groups["version"].Value) : null;
        return new PythonDependency(PythonManifest.Normalize(m.Groups[1].Value), version, dev, evidence);
    }

    public static PythonManifest PyProject(string path, string text, Action<string, string>? warn = null)
    {
        var deps = new List<PythonDependency>();
        Evidence? requires = null;
        string? requiresVersion = null;
        foreach (var entry in TomlDocument.Read(path, text, warn).Entries)
        {
            var evidence = new Evidence(path, entry.Line);
            string? group = (entry.Table, entry.Key) switch
            {
                ("project", "dependencies") => "",
                ("project.optional-dependencies", _) => entry.Key,
                ("dependency-groups", _) => entry.Key,
                ("tool.uv", "dev-dependencies") => "dev",
                ("tool.pdm.dev-dependencies", _) => "dev",
                _ => null,
            };
            if (group is not null && entry.Value.IsArray)
            {
                // Each requirement where it is written: a list spans lines.
                foreach (var (spec, line) in entry.Value.Strings)
                    Add(deps, spec, group.Length > 0 && IsDevGroup(group), new Evidence(path, line));
                continue;
            }
            if (entry.Table == "project" && entry.Key == "requires-python")
            {
                requires = evidence;
                requiresVersion = entry.Value.Text;
                continue;
            }
            var poetryGroup = PoetryGroup(entry.Table);
            if (poetryGroup is not null)
            {
                if (entry.Key == "python")
                {
                    requires ??= evidence;
                    requiresVersion ??= PoetryVersion(entry.Value);
                    continue;
                }
                var version = PoetryVersion(entry.Value);
                deps.Add(new PythonDependency(PythonManifest.Normalize(entry.Key), Versions.Normalize(version), poetryGroup.Length > 0 && IsDevGroup(poetryGroup), evidence));
            }
        }
        return new PythonManifest(path, "pyproject", text, deps, requires, requiresVersion);
    }

    /// <summary>"" for [tool.poetry.dependencies], the group name for [tool.poetry.group.X.dependencies] and dev-dependencies, null otherwise.</summary>
    private static string? PoetryGroup(string section)
    {
        if (section == "tool.poetry.dependencies")
            return "";
        if (section == "tool.poetry.dev-dependencies")
            return "dev";
        if (section.StartsWith("tool.poetry.group.", StringComparison.Ordinal) && section.EndsWith(".dependencies", StringComparison.Ordinal))
            return section["tool.poetry.group.".Length..^".dependencies".Length];
        return null;
    }

    /// <summary>
    /// `"^3.11"`, `{ version = "^2.0", extras = [...] }`, or a list of such tables, one per Python (the first one's) -> the
    /// version text.
    /// </summary>
    private static string? PoetryVersion(TomlValue value) =>
        value.Text ?? value.Get("version")?.Text ?? value.Items.FirstOrDefault()?.Get("version")?.Text;

    public static PythonManifest Pipfile(string path, string text, Action<string, string>? warn = null)
    {
        var deps = new List<PythonDependency>();
        Evidence? requires = null;
        string? requiresVersion = null;
        foreach (var entry in TomlDocument.Read(path, text, warn).Entries)
        {
            var evidence = new Evidence(path, entry.Line);
            if (entry.Table is "packages" or "dev-packages")
                deps.Add(new PythonDependency(PythonManifest.Normalize(entry.Key), Versions.Normalize(PoetryVersion(entry.Value)), entry.Table == "dev-packages", evidence));
            else if (entry.Table == "requires" && entry.Key is "python_version" or "python_full_version")
            {
                requires = evidence;
                requiresVersion = entry.Value.Text;
            }
        }
        return new PythonManifest(path, "pipfile", text, deps, requires, requiresVersion);
    }

    public static PythonManifest Requirements(Snapshot snapshot, string path, string text) =>
        new(path, "requirements", text, RequirementLines(snapshot, path, text, IsDevGroup(DevName(path)), [path]), null, null);

    /// <summary>The words of a requirements file's name that say what it is for: requirements-dev.txt, requirements/test.txt.</summary>
    private static string DevName(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        foreach (var word in name.Split('-', '_', '.'))
            if (IsDevGroup(word))
                return word;
        return "";
    }

    private static List<PythonDependency> RequirementLines(Snapshot snapshot, string path, string text, bool dev, HashSet<string> seen)
    {
        var deps = new List<PythonDependency>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (line.TrimStart().StartsWith('#'))
                continue;
            if (hash >= 0)
                line = line[..hash];
            line = line.Trim().TrimEnd('\\').Trim();
            if (line.Length == 0)
                continue;
            var evidence = new Evidence(path, i + 1);
            if (line.StartsWith("-r ", StringComparison.Ordinal) || line.StartsWith("--requirement", StringComparison.Ordinal) || line.StartsWith("-c ", StringComparison.Ordinal))
            {
                // An include: its packages count too (where they are written), unless it is a file we read on its own anyway.
                var target = line.Split([' ', '='], 2, StringSplitOptions.RemoveEmptyEntries) is [_, var t] ? t.Trim() : null;
                if (target is null || line.StartsWith("-c ", StringComparison.Ordinal))
                    continue;
                var included = Resolve(path, target);
                if (included is null || IsRequirementsFile(included) || !seen.Add(included) || snapshot.ReadText(included) is not { } body)
                    continue;
                deps.AddRange(RequirementLines(snapshot, included, body, dev, seen));
                continue;
            }
            if (line.StartsWith("-e ", StringComparison.Ordinal) || line.StartsWith("--editable", StringComparison.Ordinal) || line.Contains("://", StringComparison.Ordinal))
            {
                var egg = Egg().Match(line);
                if (egg.Success)
                    deps.Add(new PythonDependency(PythonManifest.Normalize(egg.Groups[1].Value), null, dev, evidence));
                else if (Regex.Match(line, @"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*@") is { Success: true } direct)
                    deps.Add(new PythonDependency(PythonManifest.Normalize(direct.Groups[1].Value), null, dev, evidence));
                continue;
            }
            if (line.StartsWith('-'))
                continue; // --index-url, --hash and other options
            Add(deps, line, dev, evidence);
        }
        return deps;
    }

    /// <summary>A repository path for `target` written in the file at `from`, or null when it leaves the repository.</summary>
    private static string? Resolve(string from, string target) =>
        RepositoryPath.Normalize((from.Contains('/') ? from[..from.LastIndexOf('/')] + "/" : "") + target.Replace('\\', '/'));

    public static PythonManifest SetupCfg(string path, string text)
    {
        var deps = new List<PythonDependency>();
        Evidence? requires = null;
        string? requiresVersion = null;
        var section = "";
        string? listKey = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.Trim();
            var evidence = new Evidence(path, i + 1);
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line.Trim('[', ']').Trim();
                listKey = null;
                continue;
            }
            if (listKey is not null && raw.Length > 0 && char.IsWhiteSpace(raw[0]) && line.Length > 0)
            {
                if (!line.StartsWith('#'))
                    Add(deps, line, listKey != "install_requires" && IsDevGroup(listKey), evidence);
                continue;
            }
            listKey = null;
            var eq = line.IndexOf('=');
            if (eq <= 0 || line.StartsWith('#'))
                continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (section == "options" && key == "install_requires" || section == "options.extras_require")
            {
                listKey = section == "options" ? "install_requires" : key;
                if (value.Length > 0)
                    Add(deps, value, listKey != "install_requires" && IsDevGroup(listKey), evidence);
            }
            else if (section == "options" && key == "python_requires")
            {
                requires = evidence;
                requiresVersion = value;
            }
        }
        return new PythonManifest(path, "setup.cfg", text, deps, requires, requiresVersion);
    }

    /// <summary>setup.py read as text: the string literals of install_requires=[...] and python_requires.</summary>
    public static PythonManifest SetupPy(string path, string text)
    {
        var deps = new List<PythonDependency>();
        var lines = new TextLines(text);
        foreach (var key in new[] { "install_requires", "tests_require", "extras_require" })
        {
            var at = Regex.Match(text, key + @"\s*=\s*([\[{])");
            if (!at.Success)
                continue;
            var end = MatchingBracket(text, at.Groups[1].Index);
            foreach (Match q in Quoted().Matches(text[at.Groups[1].Index..end]))
            {
                var offset = at.Groups[1].Index + q.Index;
                var spec = q.Groups[1].Success ? q.Groups[1].Value : q.Groups[2].Value;
                // In extras_require the dict keys are group names: only values that look like requirements follow a ':' key.
                if (key == "extras_require" && text[(offset + q.Length)..].TrimStart().StartsWith(':'))
                    continue;
                Add(deps, spec, key != "install_requires", new Evidence(path, lines.LineOf(offset)));
            }
        }
        var python = Regex.Match(text, @"python_requires\s*=\s*[""']([^""']+)[""']");
        return new PythonManifest(path, "setup.py", text, deps, python.Success ? new Evidence(path, lines.LineOf(python.Index)) : null, python.Success ? python.Groups[1].Value : null);
    }

    private static int MatchingBracket(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] is '[' or '{' or '(')
                depth++;
            else if (text[i] is ']' or '}' or ')' && --depth == 0)
                return i + 1;
        }
        return text.Length;
    }

    private static void Add(List<PythonDependency> deps, string spec, bool dev, Evidence evidence)
    {
        if (Dependency(spec, dev, evidence) is { } dependency)
            deps.Add(dependency);
    }
}
