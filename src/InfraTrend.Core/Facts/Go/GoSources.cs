using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Go;

/// <summary>Go application sources (tests, test data, generated and vendored code left out) and the packages each imports.</summary>
public static partial class GoSources
{
    [GeneratedRegex(@"\bimport\s*\((?<block>[^)]*)\)|\bimport\s+(?:[\w.]+\s+)?""(?<path>[^""]+)""")]
    private static partial Regex ImportDeclaration();

    [GeneratedRegex(@"""(?<path>[^""\n]+)""")]
    private static partial Regex QuotedPath();

    [GeneratedRegex(@"^//\s*Code generated .* DO NOT EDIT\.?\s*$", RegexOptions.Multiline)]
    private static partial Regex GeneratedHeader();

    public static IReadOnlyList<SourceText> Of(FactContext context) =>
        context.Cached(Key, () => SourceFiles.Application(context, "go").Where(s => !GoModules.IsVendored(s.Path) && !IsGenerated(s.Text)).ToList());

    /// <summary>Lets the lexed Go sources go once their last reader is done (see <see cref="SourceFiles.Release"/>).</summary>
    public static void Release(FactContext context)
    {
        context.Forget(Key);
        SourceFiles.Release(context, "go");
    }

    private const string Key = "go-sources";

    /// <summary>Go's convention for generated files: a `// Code generated ... DO NOT EDIT.` line before the package clause.</summary>
    public static bool IsGenerated(string text)
    {
        var package = text.IndexOf("\npackage ", StringComparison.Ordinal);
        var head = package < 0 ? text[..Math.Min(text.Length, 2000)] : text[..package];
        return GeneratedHeader().IsMatch(head);
    }

    /// <summary>Every import path, with the offset of its string literal.</summary>
    public static IReadOnlyList<(string Path, int Offset)> Imports(SourceText source)
    {
        var found = new List<(string, int)>();
        foreach (var m in source.CodeMatches(ImportDeclaration()))
        {
            if (m.Groups["path"].Success)
            {
                found.Add((m.Groups["path"].Value, m.Groups["path"].Index));
                continue;
            }
            var block = m.Groups["block"];
            foreach (Match q in QuotedPath().Matches(block.Value))
            {
                // A quoted path in a comment inside the block is not an import.
                if (source.Kinds[block.Index + q.Index] == CharKind.String)
                    found.Add((q.Groups["path"].Value, block.Index + q.Index));
            }
        }
        return found;
    }
}
