using System.Text.RegularExpressions;

namespace InfraTrend.Scanning;

/// <summary>
/// Keeps values that look like secrets out of evidence, messages, reports and the database:
/// credentials in URLs and well-known token shapes are replaced by a marker.
/// </summary>
public static partial class Redaction
{
    public const string Marker = "[redacted]";

    // Up to the last '@' before the path: a password may hold a raw '@', and all of it must go.
    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)(?<cred>[^/?#\s]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(
        @"AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[0-9A-Za-z]{16,}|glpat-[0-9A-Za-z_-]{20}|AIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex TokenShapes();

    // The URL pattern may start at any letter; most text has no "://" at all, and a plain search says so far faster.
    private static bool MayHoldUrl(string text) => text.Contains("://", StringComparison.Ordinal);

    private static string WithoutUrlCredentials(string text) =>
        MayHoldUrl(text) ? UrlCredentials().Replace(text, m => m.Groups["scheme"].Value + Marker + "@") : text;

    /// <summary>A URL with any user:password part replaced.</summary>
    public static string? Url(string? url) => url is null ? null : WithoutUrlCredentials(url);

    /// <summary>Text with URL credentials and known token shapes replaced.</summary>
    public static string Text(string text) => TokenShapes().Replace(WithoutUrlCredentials(text), Marker);

    /// <summary>True when the text holds a known token shape (a cloud key, a forge token, a private key block, a JWT).</summary>
    public static bool LooksToken(string text) => TokenShapes().IsMatch(text);

    /// <summary>The password and host of every URL in the text that carries a user:password part.</summary>
    public static IEnumerable<(string Password, string Host)> UrlPasswords(string text)
    {
        if (!MayHoldUrl(text))
            yield break;
        foreach (Match m in UrlCredentials().Matches(text))
        {
            var cred = m.Groups["cred"].Value;
            var colon = cred.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                continue;
            var rest = text.AsSpan(m.Index + m.Length);
            var end = rest.IndexOfAny("/?#:\"' \t,;)]}");
            yield return (cred[(colon + 1)..], (end < 0 ? rest : rest[..end]).ToString());
        }
    }

    /// <summary>True when the text holds a known token shape or a URL with a password.</summary>
    public static bool LooksSecret(string text) =>
        TokenShapes().IsMatch(text) || MayHoldUrl(text) && UrlCredentials().Matches(text).Any(m => m.Groups["cred"].Value.Contains(':'));
}
