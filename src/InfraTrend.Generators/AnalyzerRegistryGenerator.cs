using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InfraTrend.Generators
{
    /// <summary>
    /// Builds <c>AnalyzerRegistry.All</c> from every class marked <c>[Analyzer]</c>, at compile time and
    /// without reflection, and turns misuse (duplicate id, missing metadata, wrong shape) into compiler errors.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class AnalyzerRegistryGenerator : IIncrementalGenerator
    {
        public const string AttributeName = "InfraTrend.Analyzers.AnalyzerAttribute";
        public const string InterfaceName = "InfraTrend.Analyzers.IAnalyzer";
        public const string ModelStepName = "AnalyzerModels";

        /// <summary>
        /// The value of InfraTrend.Model.Severity.High (Low, Medium, High, Critical). Enum arguments are otherwise
        /// emitted by their own type's full name (ToCSharpString), so moving an enum needs no change here.
        /// </summary>
        private const int HighSeverity = 2;

        /// <summary>The named arguments an analyzer must set; Scope and Essential are optional.</summary>
        internal static readonly string[] RequiredMetadata =
        {
            "Category", "Level", "Weight", "WeightReason", "Severity", "Title", "LooksFor", "WhyItMatters", "Remediation",
        };

        private static readonly string[] Emitted =
        {
            "Category", "Level", "Weight", "WeightReason", "Severity", "Title", "LooksFor", "WhyItMatters", "Remediation", "Scope", "Essential",
        };

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, _) => ReadModel(ctx))
                .WithTrackingName(ModelStepName);

            context.RegisterSourceOutput(models.Collect(), static (spc, all) => Emit(spc, all));
        }

        private static AnalyzerModel ReadModel(GeneratorAttributeSyntaxContext ctx)
        {
            var type = (INamedTypeSymbol)ctx.TargetSymbol;
            var attribute = ctx.Attributes[0];
            var location = LocationInfo.From(ctx.TargetNode is TypeDeclarationSyntax t ? t.Identifier.GetLocation() : ctx.TargetNode.GetLocation());
            var name = type.ToDisplayString();
            var problems = new List<DiagnosticInfo>();

            var id = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            if (!Creatable.Check(type, InterfaceName, internalConstructor: false))
                problems.Add(new DiagnosticInfo("IT0003", location, name));

            var named = attribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value);
            if (string.IsNullOrWhiteSpace(id)
                || RequiredMetadata.Any(key => !named.ContainsKey(key))
                || named.Any(argument => !IsValid(argument.Key, argument.Value)))
                problems.Add(new DiagnosticInfo("IT0002", location, string.IsNullOrWhiteSpace(id) ? name : id!));

            // An essential rule gates its level: level 1 has no gate, and a rule the report calls low or medium
            // severity cannot be what withholds a level.
            if (named.TryGetValue("Essential", out var essential) && essential.Value is true
                && (named.TryGetValue("Level", out var level) && level.Value is int l && l < 2
                    || named.TryGetValue("Severity", out var severity) && severity.Value is int s && s < HighSeverity))
                problems.Add(new DiagnosticInfo("IT0004", location, string.IsNullOrWhiteSpace(id) ? name : id!));

            var metadata = Emitted
                .Where(named.ContainsKey)
                .Select(key => new MetadataValue(key, ToSource(named[key])))
                .ToImmutableArray();

            return new AnalyzerModel(
                id ?? "",
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                location,
                new EquatableArray<MetadataValue>(metadata),
                new EquatableArray<DiagnosticInfo>(problems.ToImmutableArray()));
        }

        /// <summary>True when a named argument's value can be emitted as it is and means something.</summary>
        private static bool IsValid(string key, TypedConstant value)
        {
            if (value.IsNull)
                return false;
            if (value.Kind == TypedConstantKind.Enum)
                return IsDefinedMember(value);
            return key switch
            {
                "Level" => value.Value is int level && level >= 1 && level <= 5,
                // Infinity and NaN have no C# literal and are no weight.
                "Weight" => value.Value is double weight && weight > 0 && !double.IsInfinity(weight),
                _ => value.Value is not string text || !string.IsNullOrWhiteSpace(text),
            };
        }

        /// <summary>An enum value that names one of its members (a cast like (Severity)42 does not).</summary>
        private static bool IsDefinedMember(TypedConstant value) =>
            value.Type is INamedTypeSymbol type
            && type.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));

        private static string ToSource(TypedConstant value)
        {
            if (value.Value is double d)
                return d.ToString("R", CultureInfo.InvariantCulture) + "d";
            var source = value.ToCSharpString();
            return value.Kind == TypedConstantKind.Enum ? "global::" + source : source;
        }

        private static void Emit(SourceProductionContext spc, ImmutableArray<AnalyzerModel> all)
        {
            var valid = new List<AnalyzerModel>();
            foreach (var model in all)
            {
                foreach (var problem in model.Problems)
                    spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.ById(problem.Id), problem.Location.ToLocation(), problem.Argument));
                if (model.Problems.Items.IsEmpty)
                    valid.Add(model);
            }

            // Deterministic: the first by type name keeps the id, every other holder is an error.
            foreach (var group in valid.GroupBy(m => m.Id).Where(g => g.Count() > 1))
            {
                foreach (var duplicate in group.OrderBy(m => m.FullyQualifiedTypeName, System.StringComparer.Ordinal).Skip(1))
                    spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.DuplicateId, duplicate.Location.ToLocation(), duplicate.Id));
            }

            var entries = valid
                .GroupBy(m => m.Id)
                .Select(g => g.OrderBy(m => m.FullyQualifiedTypeName, System.StringComparer.Ordinal).First())
                .OrderBy(m => m.Id, System.StringComparer.Ordinal)
                .ToList();

            spc.AddSource("AnalyzerRegistry.g.cs", Render(entries));
        }

        internal static string Render(IReadOnlyList<AnalyzerModel> entries)
        {
            var sb = new StringBuilder();
            sb.AppendLine("// <auto-generated/>");
            sb.AppendLine("#nullable enable");
            sb.AppendLine("namespace InfraTrend.Analyzers");
            sb.AppendLine("{");
            sb.AppendLine("    public static partial class AnalyzerRegistry");
            sb.AppendLine("    {");
            sb.AppendLine("        /// <summary>Every analyzer of this build, ordered by id.</summary>");
            sb.AppendLine("        public static global::System.Collections.Generic.IReadOnlyList<global::InfraTrend.Analyzers.AnalyzerDescriptor> All { get; } =");
            sb.AppendLine("            new global::InfraTrend.Analyzers.AnalyzerDescriptor[]");
            sb.AppendLine("            {");
            foreach (var entry in entries)
            {
                sb.AppendLine("                new global::InfraTrend.Analyzers.AnalyzerDescriptor(");
                sb.Append("                    Id: ").Append(SymbolDisplay.FormatLiteral(entry.Id, true)).AppendLine(",");
                foreach (var value in entry.Metadata)
                    sb.Append("                    ").Append(value.Name).Append(": ").Append(value.Source).AppendLine(",");
                sb.Append("                    Create: static () => new ").Append(entry.FullyQualifiedTypeName).AppendLine("()),");
            }
            sb.AppendLine("            };");
            sb.AppendLine("    }");
            sb.AppendLine("}");
            return sb.ToString();
        }
    }
}
