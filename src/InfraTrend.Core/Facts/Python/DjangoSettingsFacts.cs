using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Node;

namespace InfraTrend.Facts.Python;

/// <summary>
/// Django settings modules: SECURE_* (HSTS, SSL redirect), the MIDDLEWARE list (SecurityMiddleware, CSP, CORS),
/// django-cors-headers origins, installed apps that bring auth, metrics and health checks, and the database,
/// cache and storage backends named by dotted path. Read from the settings' code, never from comments.
/// </summary>
// After NodeUsageFacts, which reads monitoring.tracing without what this source adds; after PythonUsageFacts, the other
// reader of the lexed Python sources this source releases (read again otherwise).
[FactSource(After = [typeof(NodeUsageFacts), typeof(PythonUsageFacts)])]
public sealed partial class DjangoSettingsFacts : IFactSource
{
    [GeneratedRegex(@"^[ \t]*(?<name>SECURE_HSTS_SECONDS|SECURE_SSL_REDIRECT|CORS_ALLOWED_ORIGINS|CORS_ORIGIN_WHITELIST|CORS_ALLOWED_ORIGIN_REGEXES|CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL|CONTENT_SECURITY_POLICY|CSP_DEFAULT_SRC|SECURE_CONTENT_SECURITY_POLICY)[ \t]*=[ \t]*(?<value>[^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Setting();

    [GeneratedRegex(@"^[ \t]*(?:INSTALLED_APPS|MIDDLEWARE)\b[ \t]*(?:\+?=|:)", RegexOptions.Multiline)]
    private static partial Regex SettingsModule();

    [GeneratedRegex(@"['""]DEFAULT_THROTTLE_(?:CLASSES|RATES)['""]")]
    private static partial Regex DrfThrottle();

    /// <summary>Dotted paths that settings name as strings, and what each tells.</summary>
    private static readonly (string Prefix, string Key, string Id)[] DottedPaths =
    [
        ("django.middleware.security.SecurityMiddleware", FactKeys.SecurityHeaders, "django-security-middleware"),
        ("csp.middleware.CSPMiddleware", FactKeys.SecurityHeaders, "csp"),
        ("django.contrib.auth", FactKeys.Auth, "django-auth"),
        ("rest_framework_simplejwt", FactKeys.Auth, "jwt"),
        ("knox", FactKeys.Auth, "api-key"),
        ("rest_framework_api_key", FactKeys.Auth, "api-key"),
        ("allauth.socialaccount", FactKeys.Auth, "oauth"),
        ("social_django", FactKeys.Auth, "oauth"),
        ("oauth2_provider", FactKeys.Auth, "oauth"),
        ("mozilla_django_oidc", FactKeys.Auth, "openid-connect"),
        ("django_prometheus", FactKeys.Metrics, "prometheus"),
        ("django_structlog", FactKeys.StructuredLogging, "structlog"),
        ("elasticapm.contrib.django", FactKeys.Tracing, "elastic-apm"),
        ("ddtrace.contrib.django", FactKeys.Tracing, "datadog"),
        ("django.db.backends.postgresql", FactKeys.DatabaseEngines, "postgres"),
        ("django.contrib.gis.db.backends.postgis", FactKeys.DatabaseEngines, "postgres"),
        ("django.db.backends.mysql", FactKeys.DatabaseEngines, "mysql"),
        ("django.contrib.gis.db.backends.mysql", FactKeys.DatabaseEngines, "mysql"),
        ("django.db.backends.sqlite3", FactKeys.DatabaseEngines, "sqlite"),
        ("django.contrib.gis.db.backends.spatialite", FactKeys.DatabaseEngines, "sqlite"),
        ("djongo", FactKeys.DatabaseEngines, "mongodb"),
        ("django.core.cache.backends.redis", FactKeys.Cache, "redis"),
        ("django_redis.cache", FactKeys.Cache, "redis"),
        ("django.core.cache.backends.memcached", FactKeys.Cache, "memcached"),
        ("django.core.cache.backends.locmem", FactKeys.Cache, "in-process"),
        ("django.core.cache.backends.filebased", FactKeys.Cache, "in-process"),
        ("storages.backends.s3", FactKeys.ObjectStorage, "s3"),
        ("storages.backends.s3boto3", FactKeys.ObjectStorage, "s3"),
        ("storages.backends.gcloud", FactKeys.ObjectStorage, "gcs"),
        ("storages.backends.azure_storage", FactKeys.ObjectStorage, "azure-blob"),
        ("django_celery_beat", FactKeys.BackgroundJobs, "celery"),
        ("django_celery_results", FactKeys.BackgroundJobs, "celery"),
        ("django_rq", FactKeys.BackgroundJobs, "rq"),
        ("django_dramatiq", FactKeys.BackgroundJobs, "dramatiq"),
        ("health_check", FactKeys.HealthEndpoint, ""),
        ("django_ratelimit.middleware", FactKeys.RateLimiting, ""),
        ("axes.middleware.AxesMiddleware", FactKeys.RateLimiting, ""),
    ];

    [GeneratedRegex(@"[A-Za-z_][\w.]*(?=['""])")]
    private static partial Regex DottedString();

    /// <summary>Settings modules for a developer's machine or the test suite (local_dev.py, dev.py, test_settings.py, ci.py).</summary>
    [GeneratedRegex(@"^(local|dev|development|test|tests|testing|ci)([-_][\w]*)?\.py$|^(settings_)?(local|dev|development|test|tests|testing|ci)\.py$|^test_settings\.py$", RegexOptions.IgnoreCase)]
    private static partial Regex DevelopmentSettings();

    public void Collect(FactContext context)
    {
        foreach (var source in PythonSources.Of(context))
        {
            var isSettings = source.HasCode(SettingsModule()) || Path.GetFileName(source.Path).StartsWith("settings", StringComparison.Ordinal) || ("/" + source.Path).Contains("/settings/", StringComparison.Ordinal);
            if (!isSettings)
                continue;
            foreach (var m in source.CodeMatches(Setting()))
                Apply(context, m.Groups["name"].Value, Value(source, m.Groups["value"].Index), source.EvidenceAt(m.Index));
            foreach (var (value, offset) in PythonSources.StringLiterals(source, DottedString()))
            {
                foreach (var (prefix, key, id) in DottedPaths)
                {
                    if (value != prefix && !Prefixes.IsUnder(value, prefix, '.'))
                        continue;
                    // A cache, storage or queue named only in development or test settings is not the deployment's.
                    if (key is FactKeys.Cache or FactKeys.ObjectStorage or FactKeys.BackgroundJobs && DevelopmentSettings().IsMatch(Path.GetFileName(source.Path)))
                        continue;
                    var evidence = source.EvidenceAt(offset);
                    if (FactKeys.Get(key).Kind == FactKind.Bool)
                        context.Flag(key, evidence);
                    else
                        context.Add(key, id, evidence);
                }
            }
            // REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": [...]}: the key is a string of the settings' code.
            if (DrfThrottle().Matches(source.Text).FirstOrDefault(t => source.Kinds[t.Index] == CharKind.String) is { } throttle)
                context.Flag(FactKeys.RateLimiting, source.EvidenceAt(throttle.Index));
        }
        // The last reader of Python sources (FactSources order): they need not stay in memory through the other stacks.
        PythonSources.Release(context);
    }

    [GeneratedRegex(@"\b(?:True|False|None)\b|(?<![\w.])\d+(?![\w.])|'[^'\n]*'|""[^""\n]*""")]
    private static partial Regex Literal();

    /// <summary>
    /// What a setting is unless the deployment says otherwise: its literal, or the default of the call that reads it
    /// (`getattr(configuration, "SECURE_HSTS_SECONDS", 0)`, `env.bool("X", default=True)`, `os.environ.get("X", "0")`).
    /// A call with no default (`env("X")`) is set where the application runs.
    /// </summary>
    private static string Effective(string value)
    {
        if (!value.Contains('('))
            return value;
        var literals = Literal().Matches(value).Select(m => m.Value).ToList();
        return literals.Count >= 2 ? literals[^1].Trim('"', '\'') : "set by the environment";
    }

    private static void Apply(FactContext context, string name, string value, Evidence evidence)
    {
        var effective = Effective(value);
        var off = effective is "False" or "false" or "0" or "None" or "[]" or "()" or "\"\"" or "''" or "";
        switch (name)
        {
            case "SECURE_HSTS_SECONDS" when !off:
                context.Add(FactKeys.SecurityHeaders, "hsts", evidence);
                context.Flag(FactKeys.HttpsEnforced, evidence);
                break;
            case "SECURE_SSL_REDIRECT" when !off:
                context.Flag(FactKeys.HttpsEnforced, evidence);
                break;
            case "CORS_ALLOWED_ORIGINS" or "CORS_ORIGIN_WHITELIST" or "CORS_ALLOWED_ORIGIN_REGEXES" when !off:
                context.Flag(value.Contains("'*'", StringComparison.Ordinal) || value.Contains("\"*\"", StringComparison.Ordinal) ? FactKeys.CorsPermissive : FactKeys.CorsConfigured, evidence);
                break;
            // Allowing every origin only where DEBUG is on is a development setting, not the deployed one.
            case "CORS_ALLOW_ALL_ORIGINS" or "CORS_ORIGIN_ALLOW_ALL" when effective is "True" or "true":
                context.Flag(FactKeys.CorsPermissive, evidence);
                break;
            case "CONTENT_SECURITY_POLICY" or "CSP_DEFAULT_SRC" or "SECURE_CONTENT_SECURITY_POLICY" when !off:
                context.Add(FactKeys.SecurityHeaders, "csp", evidence);
                break;
        }
    }

    /// <summary>The value of a setting from its first character: up to the end of the line, or of the brackets it opens.</summary>
    private static string Value(SourceText source, int start)
    {
        var text = source.Text;
        var depth = 0;
        var i = start;
        for (; i < text.Length; i++)
        {
            if (source.Kinds[i] != CharKind.Code)
                continue;
            var c = text[i];
            if (c is '(' or '[' or '{')
                depth++;
            else if (c is ')' or ']' or '}')
                depth--;
            else if (c == '\n' && depth <= 0)
                break;
        }
        var value = new System.Text.StringBuilder();
        for (var k = start; k < i; k++)
        {
            if (source.Kinds[k] != CharKind.Comment)
                value.Append(text[k]);
        }
        return value.ToString().Trim();
    }
}
