using System.Collections.Immutable;
using InfraTrend.Facts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace InfraTrend.Tests.Generators;

/// <summary>What the generator tests share: sample sources compiled against the engine, and one generator run over them.</summary>
internal static class GeneratorRuns
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // The engine assembly holds both attributes and both interfaces the generators look for.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(FactSourceAttribute).Assembly.Location)
            .Where(path => path.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public sealed record RunResult(ImmutableArray<Diagnostic> GeneratorDiagnostics, string RegistrySource, Compilation Output);

    /// <summary>Runs <paramref name="generator"/> over one sample file that compiles, expecting one generated file named <paramref name="generatedFile"/>.</summary>
    public static RunResult Run(IIncrementalGenerator generator, string source, string generatedFile)
    {
        var compilation = Compile(Parse(source, "Input.cs"));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = Assert.Single(driver.GetRunResult().GeneratedTrees);
        Assert.EndsWith(generatedFile, generated.FilePath);
        return new RunResult(diagnostics, generated.ToString(), output);
    }

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static CSharpCompilation Compile(params SyntaxTree[] trees) =>
        CSharpCompilation.Create(
            "Sample",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The source text a diagnostic points at, read from the input file it names.</summary>
    /// <remarks>The generators keep only path and spans (a cacheable model), so their locations are file locations, not tree locations.</remarks>
    public static string IdentifierAt(Diagnostic diagnostic, Compilation input)
    {
        var lineSpan = diagnostic.Location.GetLineSpan();
        var tree = Assert.Single(input.SyntaxTrees, t => t.FilePath == lineSpan.Path);
        var text = tree.GetText();
        Assert.Equal(text.Lines.GetLinePositionSpan(diagnostic.Location.SourceSpan), lineSpan.Span);
        return text.ToString(diagnostic.Location.SourceSpan);
    }
}
