using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Code;

/// <summary>Which files are application source of which language, and which are tests, examples, generated or vendored code.</summary>
public static class SourceFiles
{
    private static readonly Dictionary<string, (string Language, LexerFamily Family)> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".ts"] = ("typescript", LexerFamily.CLike),
        [".tsx"] = ("typescript", LexerFamily.CLike),
        [".mts"] = ("typescript", LexerFamily.CLike),
        [".cts"] = ("typescript", LexerFamily.CLike),
        [".js"] = ("javascript", LexerFamily.CLike),
        [".jsx"] = ("javascript", LexerFamily.CLike),
        [".mjs"] = ("javascript", LexerFamily.CLike),
        [".cjs"] = ("javascript", LexerFamily.CLike),
        [".cs"] = ("csharp", LexerFamily.CLike),
        [".py"] = ("python", LexerFamily.Hash),
        [".go"] = ("go", LexerFamily.CLike),
        [".rb"] = ("ruby", LexerFamily.Hash),
        [".java"] = ("java", LexerFamily.CLike),
        [".kt"] = ("kotlin", LexerFamily.CLike),
        [".kts"] = ("kotlin", LexerFamily.CLike),
        [".scala"] = ("scala", LexerFamily.CLike),
        [".php"] = ("php", LexerFamily.CLike),
        [".rs"] = ("rust", LexerFamily.CLike),
    };

    private static readonly HashSet<string> BuildOutputFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "dist", "build", "out", ".next", ".nuxt", ".svelte-kit", "coverage", "node_modules", "vendor", "third_party", "bin", "obj", "target", "__pycache__", ".venv", "venv", "site-packages", ".turbo", "storybook-static", "public",
    };

    // Case-insensitive sets rather than a lowered copy of each segment: these tests run for every file, in many sources.
    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "__mocks__", "spec", "e2e", "cypress", "playwright", "testing", "testdata", "fixtures", "__fixtures__",
    };

    private static readonly string[] TestFolderSuffixes = [".tests", ".test", ".unittests", ".integrationtests", "_test"];

    private static readonly HashSet<string> NonApplicationFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "example", "examples", "sample", "samples", "docs", "doc", "demo", "demos", "generated", "__generated__", "benchmarks", "bench", "stories", "playground", "playgrounds",
    };

    // Looked up by span: a path's folders are tested in place, tens of thousands of paths, source after source.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BuildOutputFolder = BuildOutputFolders.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TestFolder = TestFolders.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NonApplicationFolder = NonApplicationFolders.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool EndsWithAny(ReadOnlySpan<char> segment, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (segment.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>The file extensions of source files (of the given languages, or of every language).</summary>
    internal static IEnumerable<string> ExtensionsOf(params string[] languages) =>
        Extensions.Where(e => languages.Length == 0 || languages.Contains(e.Value.Language)).Select(e => e.Key);

    public static string? LanguageOf(string path) => Extensions.TryGetValue(Path.GetExtension(path), out var l) ? l.Language : null;

    public static bool IsSource(string path) => LanguageOf(path) is not null && !path.EndsWith(".d.ts", StringComparison.Ordinal);

    /// <summary>A source file's text lexed as its language is (comments and strings told from code); null for a file of no known language.</summary>
    public static SourceText? SourceOf(string path, string text) =>
        Extensions.TryGetValue(Path.GetExtension(path), out var kind) ? new SourceText(path, text, kind.Family, kind.Language) : null;

    /// <summary>
    /// A test file's name by the conventions of JS/TS, Python, Go, Ruby and the JVM (Cypress 10 and later name a spec
    /// login.cy.ts).
    /// </summary>
    public static bool HasTestName(string name) =>
        name.Contains(".test.", StringComparison.Ordinal) || name.Contains(".spec.", StringComparison.Ordinal) || name.Contains(".e2e.", StringComparison.Ordinal)
        || name.Contains(".cy.", StringComparison.Ordinal)
        || name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal) || name.EndsWith("_test.go", StringComparison.Ordinal)
        || name.EndsWith("_spec.rb", StringComparison.Ordinal) || name.EndsWith("_test.rb", StringComparison.Ordinal)
        || name.EndsWith("Test.java", StringComparison.Ordinal) || name.EndsWith("Tests.java", StringComparison.Ordinal) || name.EndsWith("Test.kt", StringComparison.Ordinal);

    /// <summary>Test code, by the conventions of each stack.</summary>
    public static bool IsTest(string path)
    {
        var name = Path.GetFileName(path);
        if (HasTestName(name) || name is "conftest.py" or "tests.py"
            || name.EndsWith("Tests.cs", StringComparison.Ordinal) || name.EndsWith("Test.cs", StringComparison.Ordinal))
            return true;
        var folders = PlaceFolders(path);
        foreach (var range in folders.Split('/'))
        {
            var segment = folders[range];
            if (TestFolder.Contains(segment) || EndsWithAny(segment, TestFolderSuffixes))
                return true;
        }
        return path.StartsWith("src/test/", StringComparison.Ordinal) || path.Contains("/src/test/", StringComparison.Ordinal);
    }

    /// <summary>Examples, docs, generated and built or vendored code: never the application's own usage.</summary>
    public static bool IsNotApplication(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".min.js", StringComparison.Ordinal) || name.Contains(".generated.", StringComparison.Ordinal) || name.EndsWith(".g.cs", StringComparison.Ordinal)
            || name.EndsWith(".Designer.cs", StringComparison.Ordinal) || name.EndsWith(".pb.go", StringComparison.Ordinal) || name.EndsWith("_pb2.py", StringComparison.Ordinal)
            || name.EndsWith(".gradle.kts", StringComparison.Ordinal)) // a Gradle build script, not the application's Kotlin
            return true;
        var folders = PlaceFolders(path);
        foreach (var range in folders.Split('/'))
        {
            var segment = folders[range];
            if (BuildOutputFolder.Contains(segment) || NonApplicationFolder.Contains(segment))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The folders of a path that name places rather than packages: below a JVM source root (src/main/java) the folders
    /// are a package name, and `com/example/demo` or `org/acme/samples` is application code, not an example.
    /// </summary>
    private static ReadOnlySpan<char> PlaceFolders(string path)
    {
        var end = path.LastIndexOf('/');
        if (end < 0)
            return default;
        var folders = path.AsSpan(0, end);
        // Cut before the package name: at the first `src/<set>/<language>`, keep up to `src/<set>`.
        int beforeLast = -1, last = -1, start = 0;
        foreach (var range in folders.Split('/'))
        {
            var segment = folders[range];
            if (beforeLast >= 0 && folders[beforeLast..].StartsWith("src/", StringComparison.Ordinal)
                && segment is "java" or "kotlin" or "groovy" or "scala" or "resources")
                return folders[..(start - 1)];
            (beforeLast, last) = (last, range.Start.Value);
            start = range.End.Value + 1;
        }
        return folders;
    }

    /// <summary>Application source files of the given languages, each read and lexed once per audit (until released).</summary>
    public static IReadOnlyList<SourceText> Application(FactContext context, params string[] languages) =>
        context.Cached(Key(languages), () => Load(context.Snapshot, languages));

    /// <summary>
    /// Lets these languages' sources go once their last reader is done: a monorepo's sources are most of an audit's
    /// memory, and one language's need not stay while the next one's are read. Asked for again, they are read again.
    /// </summary>
    public static void Release(FactContext context, params string[] languages) => context.Forget(Key(languages));

    private static string Key(string[] languages) => "application-sources:" + string.Join(',', languages);

    private static IReadOnlyList<SourceText> Load(Snapshot snapshot, string[] languages)
    {
        var wanted = new List<(SnapshotFile File, LexerFamily Family, string Language)>();
        foreach (var file in snapshot.Files)
        {
            if (!Extensions.TryGetValue(Path.GetExtension(file.Path), out var kind) || file.Path.EndsWith(".d.ts", StringComparison.Ordinal)
                || kind.Language == "csharp" || languages.Length > 0 && !languages.Contains(kind.Language)
                || IsTest(file.Path) || IsNotApplication(file.Path))
                continue; // C# is read through Roslyn syntax trees by its own source
            wanted.Add((file, kind.Family, kind.Language));
        }
        // Reading, decoding and lexing one file needs nothing from another: every core takes a share, the list keeps path order.
        var sources = new SourceText?[wanted.Count];
        Parallel.For(0, wanted.Count, i =>
        {
            var (file, family, language) = wanted[i];
            sources[i] = Lex(snapshot, file.Path, family, language);
        });
        return sources.OfType<SourceText>().ToList();
    }

    /// <summary>
    /// What a backfill keeps of a lexed source between commits beside its text (which the snapshot shares already, packed):
    /// its packed character kinds, deflated. Kept with a copy of the text, as they were, the lexed sources were a quarter
    /// of what a backfill of a 50,000-file monorepo held between commits, most of it texts held twice; the kinds alone
    /// deflate to a few MB and inflate again much faster than the text lexes.
    /// </summary>
    internal sealed record LexedKinds(byte[] Deflated, int Characters);

    // The lexers depend on the text and its extension alone (the language, JSX or not): one kind per extension.
    // Version 1: the character count (4 bytes, little-endian), then the deflated packed kinds.
    private static readonly ConcurrentDictionary<string, DerivedKind<LexedKinds>> LexedKindsOf = new(StringComparer.Ordinal);

    internal static DerivedKind<LexedKinds> LexedKind(string path) =>
        LexedKindsOf.GetOrAdd(Path.GetExtension(path).ToLowerInvariant(), static extension => new DerivedKind<LexedKinds>("lexed" + extension, 1,
            kinds => [.. LittleEndian(kinds.Characters), .. kinds.Deflated],
            bytes => new LexedKinds(bytes[4..], BinaryPrimitives.ReadInt32LittleEndian(bytes))));

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static SourceText? Lex(Snapshot snapshot, string path, LexerFamily family, string language)
    {
        // Not kept by the snapshot as well: the source text holds it for as long as it is needed.
        if (snapshot.ReadTextOnce(path) is not { } text)
            return null;
        if (!snapshot.SharesDerivedValues)
            return new SourceText(path, text, family, language);
        var kinds = snapshot.FromKnownText(path, LexedKind(path), text, t => Pack(new SourceText(path, t, family, language).Kinds));
        return new SourceText(path, text, language, Unpack(kinds));
    }

    private static LexedKinds Pack(CharKinds kinds)
    {
        using var output = new MemoryStream(kinds.Packed.Length / 8 + 64);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest))
            deflate.Write(kinds.Packed);
        return new LexedKinds(output.ToArray(), kinds.Length);
    }

    private static CharKinds Unpack(LexedKinds kinds)
    {
        var bytes = new byte[(kinds.Characters + 3) / 4];
        using (var inflate = new DeflateStream(new MemoryStream(kinds.Deflated), CompressionMode.Decompress))
            inflate.ReadExactly(bytes);
        return new CharKinds(bytes, kinds.Characters);
    }
}
