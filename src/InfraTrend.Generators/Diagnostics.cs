using Microsoft.CodeAnalysis;

namespace InfraTrend.Generators
{
    internal static class Diagnostics
    {
        private const string Category = "InfraTrend.Registry";

        public static readonly DiagnosticDescriptor DuplicateId = new(
            "IT0001",
            "Duplicate analyzer id",
            "Analyzer id '{0}' is already used by another analyzer; ids must be unique",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MissingMetadata = new(
            "IT0002",
            "Analyzer metadata missing",
            "Analyzer '{0}': every analyzer needs Category, Level (1-5), Weight (> 0), WeightReason, Severity, Title, LooksFor, WhyItMatters and Remediation",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor WrongShape = new(
            "IT0003",
            "Analyzer class has the wrong shape",
            "'{0}' is marked [Analyzer] but is not a non-abstract, non-generic class implementing InfraTrend.Analyzers.IAnalyzer with a public parameterless constructor",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MisplacedEssential = new(
            "IT0004",
            "Essential analyzer that cannot gate a level",
            "Analyzer '{0}' is Essential, but an essential rule must be at level 2-5 and of high or critical severity",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor FactSourceCycle = new(
            "IT0005",
            "Fact sources wait on each other",
            "Fact sources wait on each other in a cycle (each comes After the next): {0}; one of these dependencies must go",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor AfterNotAFactSource = new(
            "IT0006",
            "After names a type that is not a fact source",
            "Fact source '{0}' comes After '{1}', which is not a class marked [FactSource]",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnregisteredFactSource = new(
            "IT0007",
            "Fact source without [FactSource]",
            "'{0}' implements InfraTrend.Facts.IFactSource but is not marked [FactSource], so no audit would run it",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UncreatableFactSource = new(
            "IT0008",
            "Fact source that cannot be created",
            "'{0}' is marked [FactSource] but is not a non-abstract, non-generic class implementing InfraTrend.Facts.IFactSource with a public or internal parameterless constructor, reachable from the generated registry",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static DiagnosticDescriptor ById(string id) =>
            id switch
            {
                "IT0001" => DuplicateId,
                "IT0002" => MissingMetadata,
                "IT0004" => MisplacedEssential,
                "IT0007" => UnregisteredFactSource,
                _ => WrongShape,
            };
    }
}
