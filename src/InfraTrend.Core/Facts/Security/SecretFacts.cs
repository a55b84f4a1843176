using System.Buffers;
using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Security;

/// <summary>
/// Committed env files and values that look like secrets in configuration. Only the place (path and line) is
/// recorded: the value never leaves this class.
/// </summary>
public sealed partial class SecretFacts : IFactSource
{
    private static readonly string[] ExampleSuffixes = ["example", "sample", "template", "dist", "defaults", "schema", "test", "ci"];

    // key = value where the key names a secret and the value is a literal (not a reference or a placeholder).
    [GeneratedRegex(@"(?i)\b([A-Z0-9_]*(PASSWORD|PASSWD|SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH_?TOKEN|ACCESS_?TOKEN|CLIENT_SECRET|DATABASE_URL|CONNECTION_?STRING))\b[""']?\s*[:=]\s*[""']?(?<value>[^\s""'#,}]+)")]
    private static partial Regex SecretAssignment();

    // Every match of SecretAssignment holds one of these words; a vectorised search for them skips most lines.
    private static readonly SearchValues<string> SecretWords = SearchValues.Create(
        ["password", "passwd", "secret", "apikey", "api_key", "accesskey", "access_key", "privatekey", "private_key", "authtoken", "auth_token", "accesstoken", "access_token", "database_url", "connectionstring", "connection_string"],
        StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(\$|\{\{|<|\[|%|\(|your|change|replace|xxx|example|placeholder|dummy|test|secret$|password$|changeme|todo|none|null|true|false|env\(|process\.env|os\.environ|\*+$)", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    public static bool IsEnvFile(string name) => name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal);

    public static bool IsExampleEnv(string name) =>
        IsEnvFile(name) && ExampleSuffixes.Any(s => name.EndsWith("." + s, StringComparison.OrdinalIgnoreCase)) || name is "env.example" or "example.env" or ".env-example" or "sample.env";

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path)))
        {
            var name = file.Name;
            if (IsExampleEnv(name))
                context.Flag(FactKeys.EnvExample, new Evidence(file.Path, 0));
            else if (IsEnvFile(name) && name is not ".env.development" and not ".env.test")
                context.Flag(FactKeys.EnvFileCommitted, new Evidence(file.Path, 0));

            if (IsConfig(file) && !IsExampleEnv(name) && context.Snapshot.ReadText(file.Path) is { } text)
                Scan(context, file.Path, text);
        }
    }

    private static bool IsConfig(SnapshotFile file)
    {
        var name = file.Name.ToLowerInvariant();
        if (file.Path.Contains("test", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("fixture", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("example", StringComparison.OrdinalIgnoreCase))
            return false;
        return IsEnvFile(file.Name) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".toml", StringComparison.Ordinal)
            || name.EndsWith(".ini", StringComparison.Ordinal) || name.EndsWith(".properties", StringComparison.Ordinal) || name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".cfg", StringComparison.Ordinal)
            || name is "appsettings.json" or ".npmrc" or ".pypirc" or "credentials" or "config.json" or "secrets.json" or ".netrc" || name.StartsWith("appsettings.", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);
    }

    private static void Scan(FactContext context, string path, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 2000)
                continue;
            var secret = Redaction.LooksSecret(line);
            if (!secret && line.AsSpan().ContainsAny(SecretWords))
            {
                var m = SecretAssignment().Match(line);
                secret = m.Success && m.Groups["value"].Value.Length >= 8 && !Placeholder().IsMatch(m.Groups["value"].Value)
                    && (!m.Groups[1].Value.Contains("URL", StringComparison.OrdinalIgnoreCase) || Redaction.LooksSecret(m.Groups["value"].Value));
            }
            if (secret)
                context.Count(FactKeys.CommittedSecrets, 1, new Evidence(path, i + 1));
        }
    }
}
