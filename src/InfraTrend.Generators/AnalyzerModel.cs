using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace InfraTrend.Generators
{
    /// <summary>Where a declaration is, without holding a syntax tree (keeps the model cacheable).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo From(Location location) =>
            new(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>One problem found while reading an [Analyzer] class, reported later.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo Location, string Argument);

    /// <summary>One named argument of the attribute, already written as C# source.</summary>
    internal sealed record MetadataValue(string Name, string Source);

    /// <summary>Everything the registry needs about one analyzer class: plain, value-equatable data.</summary>
    internal sealed record AnalyzerModel(
        string Id,
        string FullyQualifiedTypeName,
        LocationInfo Location,
        EquatableArray<MetadataValue> Metadata,
        EquatableArray<DiagnosticInfo> Problems);

    /// <summary>Everything the fact-source registry needs about one [FactSource] class: plain, value-equatable data.</summary>
    internal sealed record FactSourceModel(
        string FullyQualifiedTypeName,
        string Name,
        LocationInfo Location,
        EquatableArray<string> After,
        bool CanBeCreated);
}
