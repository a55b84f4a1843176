using InfraTrend.Facts.Dotnet;
using InfraTrend.Facts.Go;
using InfraTrend.Facts.Java;
using InfraTrend.Facts.Node;
using InfraTrend.Facts.Python;
using InfraTrend.Facts.Ruby;

namespace InfraTrend.Facts.Code;

/// <summary>
/// A logging module the project writes itself (log/log.go, internal/log/*, src/lib/logger.ts, server/log.ts): levels
/// and formatting over the standard output, which is a logger configured and used even though no logging library is a
/// dependency. Recorded in monitoring.structuredLogging as "own logger module"; the module's print calls are what the
/// console-call count then sees.
/// </summary>
// Reads monitoring.errorTracking, monitoring.metrics, monitoring.structuredLogging, monitoring.tracing as the sources
// before it wrote them.
// After CSharpUsageFacts, which reads monitoring.structuredLogging without what this source adds.
[FactSource(After =
[
    typeof(NodeUsageFacts),
    typeof(PythonUsageFacts),
    typeof(DjangoSettingsFacts),
    typeof(GoUsageFacts),
    typeof(CSharpUsageFacts),
    typeof(RubyUsageFacts),
    typeof(JavaUsageFacts),
])]
public sealed class OwnLoggerFacts : IFactSource
{
    public const string Item = "own logger module";

    private static readonly string[] Names = ["log", "logger", "logging"];

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (SourceFiles.LanguageOf(file.Path) is null || SourceFiles.IsNotApplication(file.Path) || SourceFiles.IsTest(file.Path)
                || file.Path.EndsWith(".d.ts", StringComparison.Ordinal))
                continue;
            var folder = file.Directory;
            if (PartDetector.IsTestOrExample(folder))
                continue;
            var stem = Path.GetFileNameWithoutExtension(file.Name).ToLowerInvariant();
            var parent = folder == "." ? "" : folder[(folder.LastIndexOf('/') + 1)..].ToLowerInvariant();
            if (!Names.Contains(stem) && !Names.Contains(parent))
                continue;
            // A module that wraps a logging library (winston, loguru) is that library, already listed.
            var table = context.TableFor(FactKeys.StructuredLogging, file.Path);
            if (table.List(FactKeys.StructuredLogging).Count == 0)
                table.Add(FactKeys.StructuredLogging, Item, new Evidence(file.Path, 0));
        }

        // The product's logging practice is the repository's: a helper part that only prints shares it.
        if (context.Parts.FirstOrDefault(p => p.Kind != "web" && p.Facts.List(FactKeys.StructuredLogging).Count > 0) is { } logged)
            context.Repository.Flag(FactKeys.LoggerInRepository, logged.Facts.EvidenceOf(FactKeys.StructuredLogging).FirstOrDefault());

        // Error tracking, tracing and metrics are the product's, as logging is: with several parts, the first part that
        // sets each one up is recorded, and the analyzers credit its siblings with it.
        if (context.Parts.Count > 1)
        {
            foreach (var key in new[] { FactKeys.ErrorTracking, FactKeys.Tracing, FactKeys.Metrics })
            {
                if (context.Parts.FirstOrDefault(p => p.Facts.List(key).Count > 0) is { } part)
                    context.Repository.SetEntry(FactKeys.SignalsInRepository, key, $"{part.Path}: {string.Join(", ", part.Facts.List(key))}", part.Facts.EvidenceOf(key).FirstOrDefault());
            }
        }
    }
}
