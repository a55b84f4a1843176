namespace InfraTrend.Facts;

/// <summary>
/// Just enough TOML for deployment descriptors (nixpacks.toml, fly.toml, netlify.toml, railway.toml):
/// `[section]` / `[[array]]` headers and `key = value` lines, each with its line number.
/// </summary>
public static class TomlLite
{
    public sealed record Entry(string Section, string Key, string Value, int Line);

    public static IReadOnlyList<Entry> Parse(string text)
    {
        var entries = new List<Entry>();
        var section = "";
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
                continue;
            if (line.StartsWith('['))
            {
                section = line.Trim('[', ']', ' ');
                continue;
            }
            var eq = line.IndexOf('=');
            if (eq <= 0)
                continue;
            var key = line[..eq].Trim().Trim('"', '\'');
            var value = line[(eq + 1)..].Trim();
            // A multi-line array or string: fold the following lines into this value.
            while ((value.StartsWith('[') && Count(value, '[') > Count(value, ']') || value.StartsWith("\"\"\"") && Count(value, '"') < 6) && i + 1 < lines.Length)
                value += " " + StripComment(lines[++i]).Trim();
            entries.Add(new Entry(section, key, Unquote(value), i + 1));
        }
        return entries;
    }

    private static int Count(string s, char c) => s.Count(x => x == c);

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'') && !value.StartsWith("\"\"\"") ? value[1..^1] : value;

    private static string StripComment(string line)
    {
        var inString = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString != '\0')
            {
                if (c == inString)
                    inString = '\0';
            }
            else if (c is '"' or '\'')
                inString = c;
            else if (c == '#')
                return line[..i];
        }
        return line;
    }
}
