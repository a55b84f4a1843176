using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Security;

/// <summary>
/// How the application is configured, and where that configuration is written down, the way each ecosystem does it:
/// code that reads the environment (os.environ, ENV[...], os.Getenv, process.env, System.getenv...), .NET appsettings.json,
/// Spring application.yml/.properties, a Python settings module, Rails config/*.yml with ERB, Go flags bound to
/// environment variables, Helm values.yaml; sample configuration files (config.example.*, database.yml.sample,
/// configuration_example.py) and documentation pages that list the settings or environment variables.
/// </summary>
[FactSource]
public sealed partial class ConfigurationFacts : IFactSource
{
    // How Python reads its environment: one alternation, used alone for settings modules and inside ReadsEnvironment.
    private const string PythonEnvironment = @"\bos\.environ\b|\bos\.getenv\(|\benviron\.Env\(|\bfrom decouple import\b|\(BaseSettings\)";

    [GeneratedRegex(PythonEnvironment + @"|\bENV\[|\bENV\.fetch\(|\bos\.(Getenv|LookupEnv)\(|\bEnvVars?:|\.Envar\(|\bAutomaticEnv\(\)|\benvconfig\.Process\(|`env:""|\benv\.Parse\(|\bprocess\.env\b|\bimport\.meta\.env\b|\bDeno\.env\b|\bEnvironment\.GetEnvironmentVariable\(|\bAddEnvironmentVariables\(|\bSystem\.getenv\(|@Value\(""\$\{|\bgetenv\(|\$_ENV\[|\benv::var\(")]
    private static partial Regex ReadsEnvironment();

    // Go CLI flags bound to an environment variable (urfave/cli EnvVars, kingpin Envar): `--help` lists them with their variables.
    [GeneratedRegex(@"\bEnvVars?:\s*(\[\]string\{)?""|\.Envar\(""")]
    private static partial Regex FlagWithEnvironment();

    [GeneratedRegex(PythonEnvironment)]
    private static partial Regex PythonReadsEnvironment();

    [GeneratedRegex(@"<%=?\s*ENV\b")]
    private static partial Regex ErbEnvironment();

    // A marker that the file is a sample: config.example.yml, database.yml.sample, configuration_example.py, app.dist.ini.
    [GeneratedRegex(@"(^|[._-])(example|sample|dist|defaults?)([._-]|$)|\.(template|tmpl|tpl)$", RegexOptions.IgnoreCase)]
    private static partial Regex SampleMarker();

    [GeneratedRegex(@"conf|settings|database|env|compose|secrets|credentials|application|parameters|production|local|server|app\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigWord();

    [GeneratedRegex(@"\.(ini|ya?ml|toml|json|conf|cfg|py|rb|properties|env|xml|php|sample|example|dist|template)$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigExtension();

    [GeneratedRegex(@"config|environment|settings|env[-_]?var|variables|options", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigDocName();

    [GeneratedRegex(@"^[ \t]{0,3}#{1,6}[ \t]+.*\b(configuration|configuring|configure|environment variables?|env vars?|settings|config)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ConfigHeading();

    // An environment variable or settings name: DATABASE_URL, WOODPECKER_HOST, ALLOWED_HOSTS.
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]+_[A-Z0-9_]*[A-Z0-9]\b")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"(^|/)(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]?NOTES|RELEASES|CODE[-_]OF[-_]CONDUCT|LICEN[CS]E|COPYING|CONTRIBUTING|SECURITY)[^/]*$|(^|/)(changelogs?|release[-_]?notes|releases|blog|posts|news)/", RegexOptions.IgnoreCase)]
    private static partial Regex NotAReference();

    private const int MaxDocEvidence = 5;

    public void Collect(FactContext context)
    {
        ProxySecurity(context);
        var files = context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path) && !SourceFiles.IsTest(f.Path)).ToList();
        var charts = files.Where(f => f.Name == "Chart.yaml").Select(f => f.Directory).ToHashSet(StringComparer.Ordinal);
        bool environment = false, flags = false, settings = false, erb = false;
        var docs = 0;
        foreach (var file in files)
        {
            var path = file.Path;
            var name = file.Name;
            var lower = name.ToLowerInvariant();
            var example = IsExampleFolder(path);

            if (!example && !environment && SourceFiles.IsSource(path) && !SourceFiles.IsNotApplication(path) && file.Size < 512 * 1024
                && context.Snapshot.ReadTextOnceIfAny(path, Anchors.ReadsEnvironment) is { } source && ReadsEnvironment().Match(source) is { Success: true } read)
            {
                environment = true;
                context.Add(FactKeys.ConfigSources, "environment", new Evidence(path, new TextLines(source).LineOf(read.Index)));
            }

            if (!example && !flags && path.EndsWith(".go", StringComparison.Ordinal) && !SourceFiles.IsNotApplication(path)
                && context.Snapshot.ReadText(path) is { } go && FlagWithEnvironment().Match(go) is { Success: true } flag)
            {
                flags = true;
                context.Add(FactKeys.ConfigDocs, "flags with environment variables", new Evidence(path, new TextLines(go).LineOf(flag.Index)));
            }

            // Hidden folders hold CI, editor and agent files (.github, .claude), not the application's configuration or its documents.
            if (example || path.StartsWith('.') || path.Contains("/.", StringComparison.Ordinal))
                continue;

            if (lower == "appsettings.json")
            {
                context.Add(FactKeys.ConfigSources, "appsettings.json", new Evidence(path, 0));
                context.Add(FactKeys.ConfigDocs, "appsettings.json", new Evidence(path, 0));
            }
            else if (IsSpringConfig(path, lower))
            {
                context.Add(FactKeys.ConfigSources, "spring configuration", new Evidence(path, 0));
                context.Add(FactKeys.ConfigDocs, "spring configuration", new Evidence(path, 0));
            }
            else if (lower is "values.yaml" or "values.yml" && charts.Contains(file.Directory))
                context.Add(FactKeys.ConfigDocs, "helm values", new Evidence(path, 0));
            else if (!settings && IsSettingsModule(path, lower) && context.Snapshot.ReadText(path) is { } module && PythonReadsEnvironment().Match(module) is { Success: true } py)
            {
                settings = true;
                var at = new Evidence(path, new TextLines(module).LineOf(py.Index));
                context.Add(FactKeys.ConfigSources, "settings module", at);
                context.Add(FactKeys.ConfigDocs, "settings module", at);
            }
            else if (!erb && path.StartsWith("config/", StringComparison.Ordinal) && path.Count(c => c == '/') == 1 && (lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal))
                     && context.Snapshot.ReadText(path) is { } yml && ErbEnvironment().Match(yml) is { Success: true } env)
            {
                erb = true;
                context.Add(FactKeys.ConfigDocs, "rails config", new Evidence(path, new TextLines(yml).LineOf(env.Index)));
            }

            if (IsSampleConfig(name))
                context.Add(FactKeys.ConfigDocs, "sample config", new Evidence(path, 0));
            else if (docs < MaxDocEvidence && IsDocument(lower) && !NotAReference().IsMatch(path) && file.Size < 256 * 1024
                     && context.Snapshot.ReadText(path) is { } doc && ReferenceLine(path, doc) is > 0 and var line)
            {
                docs++;
                context.Add(FactKeys.ConfigDocs, "configuration reference", new Evidence(path, line));
            }
        }
    }

    private static bool IsExampleFolder(string path) =>
        path.Split('/')[..^1].Any(s => s is "example" or "examples" or "sample" or "samples" or "demo" or "demos" or "node_modules" or "vendor" or "third_party");

    private static bool IsDocument(string lower) =>
        lower.EndsWith(".md", StringComparison.Ordinal) || lower.EndsWith(".mdx", StringComparison.Ordinal) || lower.EndsWith(".rst", StringComparison.Ordinal) || lower.EndsWith(".adoc", StringComparison.Ordinal);

    /// <summary>A sample of the configuration: config.example.toml, database.yml.sample, configuration_example.py (example env files are security.envExample).</summary>
    internal static bool IsSampleConfig(string name)
    {
        if (SecretFacts.IsEnvFile(name) || !SampleMarker().IsMatch(name) || !ConfigExtension().IsMatch(name))
            return false;
        // What the sample is of, marker and extension aside: database.yml.sample is of "database", default.conf of nothing
        // (nginx's own default site, not a sample).
        var file = Path.GetExtension(name) is { Length: > 1 } last && SampleMarker().IsMatch(last[1..]) ? name[..^last.Length] : name;
        var stem = SampleMarker().Replace(Path.GetFileNameWithoutExtension(file), "").Trim('.', '_', '-');
        return stem.Length > 0 && ConfigWord().IsMatch(stem + Path.GetExtension(file));
    }

    /// <summary>Spring Boot's application.yml/.properties (and profiles) in a resources folder: every key is overridable from the environment.</summary>
    private static bool IsSpringConfig(string path, string lower) =>
        lower.StartsWith("application", StringComparison.Ordinal) && (lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".properties", StringComparison.Ordinal))
        && path.Contains("resources/", StringComparison.Ordinal);

    private static bool IsSettingsModule(string path, string lower) =>
        lower is "config.py" or "settings.py" or "configuration.py" or "base.py" or "production.py" && (lower != "base.py" && lower != "production.py" || path.Contains("/settings/", StringComparison.Ordinal))
        && !path.StartsWith("docs/", StringComparison.Ordinal);

    /// <summary>
    /// A page that lists at least three settings and is about configuration: by its name (docs/configuration/system.md,
    /// 10-server-config.md), or a README with a configuration heading. The line of that heading (1 without one); 0 otherwise.
    /// </summary>
    private static int ReferenceLine(string path, string text)
    {
        var heading = ConfigHeading().Match(text);
        var named = ConfigDocName().IsMatch(path);
        var readme = Path.GetFileName(path).StartsWith("README", StringComparison.OrdinalIgnoreCase);
        if (!named && !(readme && heading.Success))
            return 0;
        var names = SettingName().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).Take(3).Count();
        if (names < 3)
            return 0;
        return heading.Success ? new TextLines(text).LineOf(heading.Index) : 1;
    }
}
