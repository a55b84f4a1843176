using System.Collections.Concurrent;
using InfraTrend.Scanning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace InfraTrend.Facts.Dotnet;

/// <summary>Roslyn syntax trees of C# files, each parsed at most once per audit and shared by every source that reads code.</summary>
public sealed class CSharpSyntaxTrees
{
    // Doc comments are trivia we never read: not parsing them saves time.
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    // Shared by sources that run side by side: a file two of them parse at once is kept once.
    private readonly ConcurrentDictionary<string, SyntaxTree> _trees = new(StringComparer.Ordinal);

    public static CSharpSyntaxTrees Of(FactContext context) => context.Cached("csharp-syntax-trees", () => new CSharpSyntaxTrees());

    /// <summary>How many files were parsed so far (the prefilters should keep this small).</summary>
    public int Parsed => _trees.Count;

    public SyntaxTree Get(string path, string text)
    {
        return _trees.TryGetValue(path, out var tree) ? tree : _trees.GetOrAdd(path, CSharpSyntaxTree.ParseText(text, Options, path));
    }

    /// <summary>
    /// The application C# files some C# source wants parsed (<see cref="CSharpUsageFacts.WorthParsing"/>,
    /// <see cref="EfCoreMigrationFacts.WorthParsing"/>), each with its text and tree, in path order. One pass shared by
    /// both: every core reads a share of the files, each once and without keeping the text of a file that is not picked.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text, SyntaxTree Tree)> Application(FactContext context) =>
        context.Cached("csharp-application-trees", () =>
        {
            var trees = Of(context);
            var files = DotnetWorkspace.Of(context).ApplicationSources;
            var picked = new ParsedFile?[files.Count];
            Parallel.For(0, files.Count, i =>
            {
                var path = files[i].Path;
                // The verdict depends on the text alone: a backfill shares it between commits. The trees it does not: a
                // 50,000-file monorepo's were 30 MB held between commits, for a few hundred files parsed again in a fraction of a second.
                // The verdict first: kept in a persistent cache, it spares reading a file that is not picked; on a miss a file
                // holding none of the anchors is ruled out on its bytes, never decoded. The text a verdict was worked out from,
                // if it was, is not read again.
                string? read = null;
                if (context.Snapshot.FromText(path, WorthParsingKind, t => WorthParsing(read = t), Anchors.CSharpWorthParsing, withoutLiterals: false)
                    && (read ?? context.Snapshot.ReadTextOnce(path)) is { } text)
                    picked[i] = new ParsedFile(text, CSharpSyntaxTree.ParseText(text, Options, path));
            });
            var result = new List<(string Path, string Text, SyntaxTree Tree)>();
            for (var i = 0; i < files.Count; i++)
            {
                if (picked[i] is { } p)
                    result.Add((files[i].Path, p.Text, trees.Keep(files[i].Path, p.Tree)));
            }
            return result;
        });

    private sealed record ParsedFile(string Text, SyntaxTree Tree);

    /// <summary>Version 1: one byte, 1 when worth parsing. Raise the version when either prefilter changes.</summary>
    internal static readonly DerivedKind<bool> WorthParsingKind = new("csharp-worth-parsing", 1, worth => [worth ? (byte)1 : (byte)0], bytes => bytes[0] == 1);

    private static bool WorthParsing(string text) => CSharpUsageFacts.WorthParsing(text) || EfCoreMigrationFacts.WorthParsing(text);

    private SyntaxTree Keep(string path, SyntaxTree tree) => _trees.GetOrAdd(path, tree);

    /// <summary>Evidence for a token: the file and the 1-based line it starts on.</summary>
    public static Evidence EvidenceAt(SyntaxTree tree, SyntaxToken token) =>
        new(tree.FilePath, tree.GetLineSpan(token.Span).StartLinePosition.Line + 1);
}
