using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Python;

/// <summary>Python application sources (migrations left out: they are generated) and the modules each one imports.</summary>
public static partial class PythonSources
{
    [GeneratedRegex(@"^[ \t]*import[ \t]+(?<names>[\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)", RegexOptions.Multiline)]
    private static partial Regex ImportStatement();

    [GeneratedRegex(@"^[ \t]*from[ \t]+(?<module>[\w.]+)[ \t]+import[ \t]+(?<names>\([^)]*\)|[^\n#;]*)", RegexOptions.Multiline)]
    private static partial Regex FromImport();

    /// <summary>Application Python files, each lexed once; Django and Alembic migrations are generated code and never count.</summary>
    public static IReadOnlyList<SourceText> Of(FactContext context) =>
        context.Cached(Key, () => SourceFiles.Application(context, "python").Where(s => !IsMigration(s.Path) && !PythonManifests.IsVendored(s.Path)).ToList());

    /// <summary>Lets the lexed Python sources go once their last reader is done (see <see cref="SourceFiles.Release"/>).</summary>
    public static void Release(FactContext context)
    {
        context.Forget(Key);
        SourceFiles.Release(context, "python");
    }

    private const string Key = "python-sources";

    public static bool IsMigration(string path) =>
        path.Split('/').SkipLast(1).Any(s => s is "migrations" or "alembic");

    /// <summary>Every module an import names (`from a.b import c` gives a.b and a.b.c), with the offset of its statement.</summary>
    public static IReadOnlyList<(string Module, int Offset)> Imports(SourceText source)
    {
        var found = new List<(string, int)>();
        foreach (var m in source.CodeMatches(ImportStatement()))
        {
            foreach (var name in m.Groups["names"].Value.Split(','))
                found.Add((name.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0], m.Index));
        }
        foreach (var m in source.CodeMatches(FromImport()))
        {
            var module = m.Groups["module"].Value;
            if (module.StartsWith('.'))
                continue; // relative: the application's own code
            found.Add((module, m.Index));
            foreach (var name in m.Groups["names"].Value.Trim('(', ')', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var first = name.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (first is not null && first != "*" && !first.StartsWith('#'))
                    found.Add((module + "." + first, m.Index));
            }
        }
        return found;
    }

    /// <summary>String literals that stand in code (not comments) whose text matches, with their offsets: settings name middleware and backends by dotted path.</summary>
    public static IEnumerable<(string Value, int Offset)> StringLiterals(SourceText source, Regex contents)
    {
        foreach (Match m in contents.Matches(source.Text))
        {
            var at = m.Index;
            if (at > 0 && source.Kinds[at] == CharKind.String && source.Kinds[at - 1] == CharKind.String && source.Text[at - 1] is '"' or '\'')
                yield return (m.Value, at);
        }
    }
}
