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

        public static DiagnosticDescriptor ById(string id) =>
            id switch
            {
                "IT0001" => DuplicateId,
                "IT0002" => MissingMetadata,
                "IT0004" => MisplacedEssential,
                _ => WrongShape,
            };
    }
}
