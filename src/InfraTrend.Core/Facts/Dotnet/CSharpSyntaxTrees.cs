using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace InfraTrend.Facts.Dotnet;

/// <summary>Roslyn syntax trees of C# files, each parsed at most once per audit and shared by every source that reads code.</summary>
public sealed class CSharpSyntaxTrees
{
    // Doc comments are trivia we never read: not parsing them saves time.
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    private readonly Dictionary<string, SyntaxTree> _trees = new(StringComparer.Ordinal);

    public static CSharpSyntaxTrees Of(FactContext context) => context.Cached("csharp-syntax-trees", () => new CSharpSyntaxTrees());

    /// <summary>How many files were parsed so far (the prefilters should keep this small).</summary>
    public int Parsed => _trees.Count;

    public SyntaxTree Get(string path, string text)
    {
        if (!_trees.TryGetValue(path, out var tree))
            _trees[path] = tree = CSharpSyntaxTree.ParseText(text, Options, path);
        return tree;
    }

    /// <summary>Evidence for a token: the file and the 1-based line it starts on.</summary>
    public static Evidence EvidenceAt(SyntaxTree tree, SyntaxToken token) =>
        new(tree.FilePath, tree.GetLineSpan(token.Span).StartLinePosition.Line + 1);
}
