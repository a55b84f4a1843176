using System.Buffers;
using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Security;

/// <summary>
/// Committed env files and values that look like secrets in configuration, in two confidences: a real secret (a known
/// token shape, or a high-entropy literal outside throwaway files) and a possible one (a placeholder, a development
/// default, a CI service container's password, a credential for a local database). Only the place (path and line) is
/// recorded: the value never leaves this class.
/// </summary>
[FactSource]
public sealed partial class SecretFacts : IFactSource
{
    private static readonly string[] ExampleSuffixes = ["example", "sample", "template", "dist", "defaults", "schema", "test", "ci"];

    /// <summary>How sure a line holds a credential.</summary>
    internal enum Confidence
    {
        None,
        Possible,
        Real,
    }

    // key = value where the key names a secret and the value is a literal (not a reference or a placeholder). The value
    // ends at a `;`: inside a connection string written as one value (`Server=db;Password=elsa;SSLMode=Prefer`) the
    // password is only what stands before the next setting.
    [GeneratedRegex(@"(?i)\b([A-Z0-9_]*(PASSWORD|PASSWD|SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH_?TOKEN|ACCESS_?TOKEN|CLIENT_SECRET|DATABASE_URL|CONNECTION_?STRING))\b[""']?\s*[:=]\s*[""']?(?<value>[^\s""'#,};]+)")]
    private static partial Regex SecretAssignment();

    // In a dotenv file any variable with a KEY, TOKEN, SECRET or PASSWORD part names a credential (SESSION_KEY, SLACK_TOKEN,
    // SECRET_KEY_BASE), unless it names where one is or what it is like (_URL, _PATH, _ID, _LENGTH...).
    [GeneratedRegex(@"(?i)^\s*(export\s+)?(?<key>([A-Z0-9]+_)*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)(_(?!(ID|URL|URI|HOST|PORT|NAME|PATH|FILE|DIR|ENABLED|LENGTH|TTL|EXPIRY|TYPE|ALGORITHM)\s*=)[A-Z0-9]+)*)\s*=\s*[""']?(?<value>[^\s""'#]+)")]
    private static partial Regex DotenvCredential();

    [GeneratedRegex(@"^\s*(export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*=(?<value>.*)$")]
    private static partial Regex DotenvAssignment();

    // A password inside a connection string: Password=...;, Pwd=..., an Azure AccountKey or SharedAccessKey.
    [GeneratedRegex(@"(?i)\b(password|pwd|accountkey|sharedaccesskey)\s*=\s*(?<value>[^;""'\s]+)")]
    private static partial Regex ConnectionStringPassword();

    // Every match of SecretAssignment holds one of these words; a vectorised search for them skips most lines.
    private static readonly SearchValues<string> SecretWords = SearchValues.Create(
        ["password", "passwd", "secret", "apikey", "api_key", "accesskey", "access_key", "privatekey", "private_key", "authtoken", "auth_token", "accesstoken", "access_token", "database_url", "connectionstring", "connection_string"],
        StringComparison.OrdinalIgnoreCase);

    // A reference to a value kept elsewhere: ${VAR}, {{ secrets.X }}, %(VAR)s, <fill-in>, env(...), a code expression.
    // Also a YAML anchor or alias (`&db-password listmonk`, `*db-password`: the value is defined or judged where the anchor is), an
    // escaped reference written into generated YAML (`\${TOKEN}`), and a Maven or Gradle resource filter (`@nacos.password@`),
    // which the build replaces with a property. A value that SOPS encrypted in the file (`ENC[AES256_GCM,data:...]`) is kept
    // as ciphertext: only the holders of its key read it.
    [GeneratedRegex(@"^(\\?\$|\{\{|<|\[|%|\(|&[\w-]|\*[\w-]|@[\w.-]+@$|env\(|process\.env|os\.environ|ENV\[|ENV\.fetch|System\.getenv|ENC\[AES256_GCM|none$|null$|nil$|true$|false$|\*+$)", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    // A value that says it is a stand-in: your-key, change-me, example, dummy, a word like 'secret' or 'password'.
    [GeneratedRegex(@"^(your|my[-_]|change|replace|xxx|example|placeholder|dummy|fake|sample|test|todo|generate|insert|enter|put[-_]|fill|set[-_]?me|some|default|local|dev[-_]|development|unsafe|insecure|not[-_]?a[-_]?secret)", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderStart();

    // A value spelled in words (auth-token-from-env, do-not-store-here, mock-api-token, kiwi-credentials, ConvertTo-SecureString)
    // names or describes what belongs there, names a secret kept elsewhere, or calls a function: a generated secret is not
    // made of words. A passphrase of words (correct-horse-battery-staple) is read so too, and noted as a possible secret.
    [GeneratedRegex(@"^[A-Za-z][a-z]+(?:[-_.][A-Za-z][a-z]+|[A-Z][a-z]+)+$")]
    private static partial Regex SpelledInWords();

    private static readonly HashSet<string> PlaceholderWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pass", "secret", "secretkey", "changeme", "admin", "root", "user", "username", "letmein", "qwerty", "welcome", "postgres", "mysql", "mariadb",
        "redis", "mongo", "mongodb", "guest", "default", "token", "apikey", "key", "example", "sample", "test", "dummy", "foobar", "abc", "abcdef", "supersecret", "topsecret",
    };

    // Front-end build tools inline these into the public bundle: they are public by design.
    private static readonly string[] PublicPrefixes = ["VITE_", "VUE_APP_", "REACT_APP_", "NEXT_PUBLIC_", "NUXT_PUBLIC_", "PUBLIC_", "EXPO_PUBLIC_", "GATSBY_", "STORYBOOK_"];

    // Pipelines: their passwords are service containers' and smoke tests' throwaways (a random-looking API key is not).
    [GeneratedRegex(@"(^|/)(\.github/workflows|\.gitea/workflows|\.forgejo/workflows|\.woodpecker|\.circleci|\.buildkite|\.gitlab)/|(^|/)(\.gitlab-ci\.ya?ml|\.travis\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines[^/]*\.ya?ml|cloudbuild\.ya?ml|appveyor\.ya?ml)$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelinePath();

    // Development, test, example and demo settings: every literal credential in them is a throwaway by convention. A
    // template (config.template.yml) is a sample to copy; a dev container (.devcontainer/) is a development environment.
    // End-to-end suites (`internal/suites/OIDC/configuration.yml`) configure the instances the tests start.
    [GeneratedRegex(@"(^|[/._-])(dev|devel|development|local|localhost|test|tests|testing|e2e|suites|example|examples|sample|samples|template|demo|dummy|fixture|fixtures|seed|seeds|docker-dev|override|devcontainer|codespaces)([/._-]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ThrowawayName();

    // Settings the pipeline's own stack reads (`.ci/compose.ci.yaml`, `settings.ci.yml`): throwaway values like a test's.
    // The pipeline definitions themselves (`.github/workflows/ci.yml`) are judged as pipelines: a random API key there is real.
    [GeneratedRegex(@"(^|/)\.ci/|[._-]ci\.[^/]+$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelineSettingsName();

    // A folder's README that says its files are for local development or testing only (drone's docker/compose/README.md).
    [GeneratedRegex(@"\b(?:local development|development (?:and testing )?(?:purposes|use) only|for (?:local )?(?:development|testing) (?:purposes )?only|not (?:intended |meant )?for (?:use in )?production)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DevelopmentOnlyNote();

    /// <summary>Whether the README of the folder, or of a folder above it (below the root), says its files serve development only.</summary>
    private static bool DevelopmentOnlyFolder(FactContext context, string folder)
    {
        return context.Cached("dev-only:" + folder, () =>
        {
            for (var f = folder; f is not ("." or ""); f = f.Contains('/') ? f[..f.LastIndexOf('/')] : ".")
            {
                if (context.Snapshot.Exists(f + "/README.md") && context.Snapshot.ReadText(f + "/README.md") is { } readme && DevelopmentOnlyNote().IsMatch(readme.Length > 4000 ? readme[..4000] : readme))
                    return true;
            }
            return false;
        });
    }

    // Translations say 'password: Passwort'; they hold no credential.
    [GeneratedRegex(@"(^|/)(locales?|i18n|l10n|lang|langs|languages|translations?)/|(^|/)([a-z]{2}[-_][A-Z]{2}|messages_[a-z]{2}([-_][A-Z]{2})?)\.(ya?ml|json|properties)$")]
    private static partial Regex LocalePath();

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

            if (IsConfig(file) && !IsExampleEnv(name) && context.Snapshot.ReadText(file.Path) is { } text)
            {
                var real = Scan(context, file.Path, text, DevelopmentOnlyFolder(context, file.Directory));
                // A tracked dotenv file is a problem when it holds a secret; one with public front-end settings, development
                // defaults or placeholders only is not.
                if (real && IsEnvFile(name))
                    context.Flag(FactKeys.EnvFileCommitted, new Evidence(file.Path, 0));
            }
        }
    }

    /// <summary>A Compose file under any of its names: docker-compose.yml, compose.ci.yaml, docker-compose-redis.yaml, portainer-compose.yml.</summary>
    internal static bool ComposeLike(string name) =>
        name.Contains("compose", StringComparison.OrdinalIgnoreCase) && (name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase));

    private static bool IsConfig(SnapshotFile file)
    {
        var name = file.Name.ToLowerInvariant();
        // A lockfile holds package names and integrity hashes, written by the package manager: a package called
        // `client-secrets-manager` next to a base64 hash is no credential.
        if (name is "pnpm-lock.yaml" or "yarn.lock" or "package-lock.json" or "gemfile.lock" or "poetry.lock" or "pipfile.lock" or "uv.lock" or "cargo.lock" or "composer.lock" or "go.sum" or "packages.lock.json"
            || name.EndsWith(".lock", StringComparison.Ordinal))
            return false;
        if (file.Path.Contains("test", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("fixture", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("example", StringComparison.OrdinalIgnoreCase)
            || LocalePath().IsMatch(file.Path))
            return false;
        // An API description (openapi.yml, swagger.yaml) documents requests and responses: its tokens and keys are examples.
        if (name.StartsWith("openapi", StringComparison.Ordinal) || name.StartsWith("swagger", StringComparison.Ordinal))
            return false;
        return IsEnvFile(file.Name) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".toml", StringComparison.Ordinal)
            || name.EndsWith(".ini", StringComparison.Ordinal) || name.EndsWith(".properties", StringComparison.Ordinal) || name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".cfg", StringComparison.Ordinal)
            || name is "appsettings.json" or ".npmrc" or ".pypirc" or "credentials" or "config.json" or "secrets.json" or ".netrc" || name.StartsWith("appsettings.", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);
    }

    /// <summary>Counts each line that holds a credential under its confidence; true when one is a real secret.</summary>
    private static bool Scan(FactContext context, string path, string text, bool developmentFolder)
    {
        var throwaway = developmentFolder || ThrowawayName().IsMatch(path) || PipelineSettingsName().IsMatch(path) && !PipelinePath().IsMatch(path);
        // A compose file's passwords are those of the stack it starts (its database, broker, search engine), reachable on the
        // compose network: auditors read them as placeholders for self-hosters or local stacks, like a pipeline's service
        // containers; a random-looking API key or token in it is still real.
        var pipeline = PipelinePath().IsMatch(path) || ComposeLike(Path.GetFileName(path));
        var dotenv = IsEnvFile(Path.GetFileName(path));
        // Not a pipeline's: a GitLab job called `test:` is no development environment.
        var environments = !pipeline && (path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase));
        var throwawaySection = false;
        var real = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 2000)
                continue;
            // A settings file keyed by environment (Rails' secrets.yml and database.yml, config gems' settings.yml) holds the
            // development and test values under their own top-level keys: those are throwaways as in a development file.
            if (environments && EnvironmentSection().Match(line) is { Success: true } section)
                throwawaySection = ThrowawayName().IsMatch(section.Groups["name"].Value);
            var confidence = Classify(line, throwaway || throwawaySection, pipeline, dotenv);
            // A private key block whose body is a stand-in (`...`, an alphabet run) shows the format expected, not a key.
            if (confidence == Confidence.Real && PrivateKeyHeader().IsMatch(line) && PlaceholderKeyBody(lines, i + 1))
                confidence = Confidence.Possible;
            if (confidence == Confidence.Real)
            {
                real = true;
                context.Count(FactKeys.CommittedSecrets, 1, new Evidence(path, i + 1));
            }
            else if (confidence == Confidence.Possible)
                context.Count(FactKeys.PossibleSecrets, 1, new Evidence(path, i + 1));
        }
        return real;
    }

    // A top-level YAML key that opens a block (`development:`, `test: &test`).
    [GeneratedRegex(@"^(?<name>[A-Za-z][\w-]*):\s*(&[\w-]+\s*)?(#.*)?\r?$")]
    private static partial Regex EnvironmentSection();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKeyHeader();

    /// <summary>Whether the body of a private key block starting at line <paramref name="from"/> is a placeholder: the end line at once, an ellipsis, a tag or a run of the alphabet.</summary>
    internal static bool PlaceholderKeyBody(string[] lines, int from)
    {
        for (var i = from; i < lines.Length && i < from + 3; i++)
        {
            var body = lines[i].Trim().TrimStart('#', '/', '*', ' ', '"', '\'').Trim();
            if (body.Length == 0)
                continue;
            return body.StartsWith("-----END", StringComparison.Ordinal) || body.StartsWith("...", StringComparison.Ordinal) || body.StartsWith('<')
                || body.Contains("ABCDEFGHIJKLMNOP", StringComparison.Ordinal) || body.Contains("abcdefghijklmnop", StringComparison.Ordinal) || body.Contains("0123456789", StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>
    /// A line's confidence. In development, test, example or demo settings (<paramref name="throwaway"/>) every literal
    /// credential is a throwaway by convention; in a pipeline (<paramref name="pipeline"/>) passwords are (service
    /// containers, installer smoke tests) but a random-looking API key or token is still real.
    /// </summary>
    internal static Confidence Classify(string line, bool throwaway, bool pipeline, bool dotenv)
    {
        // An API description's example value (vikunja's swagger.yaml: `example: eyJhbGciOi...`, jwt.io's sample token) is documentation.
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("example:", StringComparison.Ordinal) || trimmed.StartsWith("x-example:", StringComparison.Ordinal))
            return Confidence.None;
        if (Redaction.LooksToken(line))
            return Confidence.Real;
        // A commented-out setting (Rails' secrets.yml template: `#   api_key: a1B2c3D4e5F6`) configures nothing; a known token format
        // stays real above, since a comment does not make a live token safe.
        if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
            return Confidence.None;
        if (dotenv && DotenvAssignment().Match(line) is { Success: true } assignment
            && PublicPrefixes.Any(p => assignment.Groups["key"].Value.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return Confidence.None;

        var best = Confidence.None;
        var local = throwaway || LooksLocal(line);
        foreach (var (password, host) in Redaction.UrlPasswords(line))
            best = Max(best, IsLocalHost(host) ? Weak(password) : Value(password, throwaway || pipeline, minLength: 1));

        if (line.AsSpan().ContainsAny(SecretWords))
        {
            foreach (Match m in SecretAssignment().Matches(line))
            {
                var key = m.Groups[1].Value;
                var value = m.Groups["value"].Value;
                // Woodpecker and Drone: `from_secret: name` names a secret kept in the CI server.
                if (key.Equals("from_secret", StringComparison.OrdinalIgnoreCase))
                    continue;
                // A URL's password was judged above; a URL without one is no secret.
                if (key.Contains("URL", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (key.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase))
                {
                    // Only the password of a connection string is a secret (UseDevelopmentStorage=true, Filename=app.db, host:6379 are not).
                    foreach (Match p in ConnectionStringPassword().Matches(line, m.Groups["value"].Index))
                        best = Max(best, Value(p.Groups["value"].Value, local || pipeline));
                    continue;
                }
                best = Max(best, Value(value, local || NamesItself(key, value) || pipeline && (key.Contains("PASS", StringComparison.OrdinalIgnoreCase) || key.Contains("PWD", StringComparison.OrdinalIgnoreCase))));
            }
        }
        if (best == Confidence.None && dotenv && DotenvCredential().Match(line) is { Success: true } credential
            && !credential.Groups["value"].Value.Contains("://", StringComparison.Ordinal) && !credential.Groups["value"].Value.StartsWith('/'))
            best = Max(best, Value(credential.Groups["value"].Value, throwaway || NamesItself(credential.Groups["key"].Value, credential.Groups["value"].Value)));
        return best;
    }

    /// <summary>
    /// A value that repeats its key's name (`STRIPE_API_KEY=stripe_api_key`, `googleSecret: google-secret`) is a label
    /// left for the real value, however random its letters look.
    /// </summary>
    internal static bool NamesItself(string key, string value)
    {
        static string Letters(string text) => new(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var name = Letters(key);
        return name.Length >= 4 && Letters(value) == name;
    }

    private static Confidence Max(Confidence a, Confidence b) => a > b ? a : b;

    /// <summary>A literal value's confidence: a reference or a short value is none, a placeholder or throwaway possible, else real when random-looking.</summary>
    private static Confidence Value(string value, bool throwaway, int minLength = 8)
    {
        value = value.Trim('"', '\'', ' ', '\t', '\r');
        if (value.Length < minLength || Reference().IsMatch(value))
            return Confidence.None;
        if (throwaway || IsPlaceholder(value) || !HighEntropy(value))
            return Confidence.Possible;
        return Confidence.Real;
    }

    /// <summary>A password for a local database: possible at most, and none when it is a reference.</summary>
    private static Confidence Weak(string value)
    {
        value = value.Trim('"', '\'');
        return value.Length == 0 || Reference().IsMatch(value) ? Confidence.None : Confidence.Possible;
    }

    private static bool LooksLocal(string line) =>
        line.Contains("localhost", StringComparison.OrdinalIgnoreCase) || line.Contains("127.0.0.1", StringComparison.Ordinal) || line.Contains("(localdb)", StringComparison.OrdinalIgnoreCase);

    /// <summary>localhost, a loopback address, or a one-label name such as a compose service (db, postgres, redis).</summary>
    internal static bool IsLocalHost(string host) =>
        host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal) || host is "0.0.0.0" || host.StartsWith('[')
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || !host.Contains('.') && !host.Contains('$') && !host.Contains('{');

    /// <summary>A stand-in: change-me, your-api-key, or a word such as P@ssw0rd or secret123 once its digits and leetspeak are undone.</summary>
    internal static bool IsPlaceholder(string value)
    {
        if (PlaceholderStart().IsMatch(value))
            return true;
        var word = new string(value.ToLowerInvariant().Select(c => c switch { '@' or '4' => 'a', '0' => 'o', '1' or '!' => 'i', '3' => 'e', '$' or '5' => 's', '7' => 't', _ => c }).ToArray());
        var letters = new string(word.Where(char.IsAsciiLetter).ToArray());
        var trimmed = value.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '!', '.', '-', '_').ToLowerInvariant();
        // A value that names what it stands for in plain letters (boardsuser-password, skoruba_admin_client_secret,
        // mayanredispassword) or a variable (ACKEE_PASSWORD, STRONG_DB_PASSWORD) is a label to replace: a generated secret
        // holds no such word. Disguised (s3cr3t-Passw0rd-42) it is someone's chosen password, and stays a secret.
        var lower = value.ToLowerInvariant();
        if (lower.Contains("password", StringComparison.Ordinal) || lower.Contains("passwd", StringComparison.Ordinal) || lower.Contains("secret", StringComparison.Ordinal)
            || value.Contains('_') && value.All(c => char.IsAsciiLetterUpper(c) || c == '_'))
            return true;
        // A run of the digits or the alphabet (sk_test_123456789012345678901234) fills a key's shape, as in a placeholder key block.
        if (SpelledInWords().IsMatch(value) || lower.Contains("12345678", StringComparison.Ordinal) || lower.Contains("abcdefgh", StringComparison.Ordinal))
            return true;
        return PlaceholderWords.Contains(letters) || PlaceholderWords.Contains(trimmed) || letters.Contains("changeme", StringComparison.Ordinal)
            || letters.Contains("example", StringComparison.Ordinal) || letters.Contains("placeholder", StringComparison.Ordinal) || letters.Contains("dummy", StringComparison.Ordinal)
            || letters.Distinct().Count() <= 2;
    }

    /// <summary>Random-looking: long enough, several kinds of character, and little repetition (Shannon entropy per character).</summary>
    internal static bool HighEntropy(string value)
    {
        var classes = (value.Any(char.IsAsciiLetterLower) ? 1 : 0) + (value.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (value.Any(char.IsAsciiDigit) ? 1 : 0)
            + (value.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
        var entropy = Entropy(value);
        return classes >= 3 && value.Length >= 8 && entropy >= 2.75
            || classes >= 2 && value.Length >= 12 && entropy >= 3.0
            || value.Length >= 20 && entropy >= 3.5;
    }

    private static double Entropy(string value) =>
        -value.GroupBy(c => c).Sum(g =>
        {
            var p = (double)g.Count() / value.Length;
            return p * Math.Log2(p);
        });
}
