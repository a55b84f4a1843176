using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InfraTrend.Generators
{
    /// <summary>
    /// Builds <c>FactSources.All</c> from every class marked <c>[FactSource]</c>, ordered so that each source comes
    /// after the sources its <c>After</c> list names (ties by name, so the order never depends on file order), and
    /// turns a cycle, an <c>After</c> that names no fact source, an <see cref="InterfaceName"/> class left unmarked
    /// and a source that cannot be created into compiler errors.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class FactSourceRegistryGenerator : IIncrementalGenerator
    {
        public const string AttributeName = "InfraTrend.Facts.FactSourceAttribute";
        public const string InterfaceName = "InfraTrend.Facts.IFactSource";
        public const string ModelStepName = "FactSourceModels";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var sources = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, _) => ReadModel(ctx))
                .WithTrackingName(ModelStepName);

            // Every class that implements the interface without the attribute: a source the registry would leave out.
            var unmarked = context.SyntaxProvider
                .CreateSyntaxProvider(
                    static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                    static (ctx, _) => Unmarked(ctx))
                .Where(static problem => problem is not null)
                .Select(static (problem, _) => problem!);

            context.RegisterSourceOutput(sources.Collect().Combine(unmarked.Collect()), static (spc, all) => Emit(spc, all.Left, all.Right));
        }

        private static FactSourceModel ReadModel(GeneratorAttributeSyntaxContext ctx)
        {
            var type = (INamedTypeSymbol)ctx.TargetSymbol;
            var location = LocationInfo.From(ctx.TargetNode is TypeDeclarationSyntax t ? t.Identifier.GetLocation() : ctx.TargetNode.GetLocation());
            var after = ctx.Attributes[0].NamedArguments
                .Where(a => a.Key == "After" && a.Value.Kind == TypedConstantKind.Array && !a.Value.IsNull)
                .SelectMany(a => a.Value.Values)
                .Select(v => v.Value is ITypeSymbol named ? named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : "")
                .ToImmutableArray();
            return new FactSourceModel(
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                type.Name,
                location,
                new EquatableArray<string>(after),
                Creatable.Check(type, InterfaceName, internalConstructor: true));
        }

        private static DiagnosticInfo? Unmarked(GeneratorSyntaxContext ctx)
        {
            if (ctx.SemanticModel.GetDeclaredSymbol(ctx.Node) is not INamedTypeSymbol type
                || type.IsAbstract
                || !type.AllInterfaces.Any(i => i.ToDisplayString() == InterfaceName)
                || type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeName))
                return null;
            return new DiagnosticInfo("IT0007", LocationInfo.From(((ClassDeclarationSyntax)ctx.Node).Identifier.GetLocation()), type.ToDisplayString());
        }

        private static void Emit(SourceProductionContext spc, ImmutableArray<FactSourceModel> all, ImmutableArray<DiagnosticInfo> unmarked)
        {
            // One report per class, on the first of its declarations that names a base type (partial classes have several).
            var unmarkedOnce = unmarked
                .OrderBy(p => p.Argument, System.StringComparer.Ordinal)
                .ThenBy(p => p.Location.FilePath, System.StringComparer.Ordinal)
                .ThenBy(p => p.Location.Span.Start)
                .GroupBy(p => p.Argument)
                .Select(g => g.First());
            foreach (var problem in unmarkedOnce)
                spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.ById(problem.Id), problem.Location.ToLocation(), problem.Argument));

            var valid = new List<FactSourceModel>();
            foreach (var model in all.OrderBy(m => m.FullyQualifiedTypeName, System.StringComparer.Ordinal))
            {
                if (model.CanBeCreated)
                    valid.Add(model);
                else
                    spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.UncreatableFactSource, model.Location.ToLocation(), model.FullyQualifiedTypeName.Replace("global::", "")));
            }

            var known = new HashSet<string>(valid.Select(m => m.FullyQualifiedTypeName));
            foreach (var model in valid)
            {
                foreach (var after in model.After.Where(a => !known.Contains(a)).Distinct())
                    spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.AfterNotAFactSource, model.Location.ToLocation(), model.Name, after.Length == 0 ? "?" : after.Replace("global::", "")));
            }

            var (ordered, cycle) = Order(valid, known);
            if (cycle.Count > 0)
            {
                var first = cycle[0];
                spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.FactSourceCycle, first.Location.ToLocation(), string.Join(" -> ", cycle.Append(first).Select(m => m.Name))));
            }
            spc.AddSource("FactSources.g.cs", Render(ordered));
        }

        /// <summary>
        /// Kahn's order: of the sources whose dependencies are all placed, the first by name goes next. Sources
        /// caught in a cycle are left out, and one cycle among them is returned to be named.
        /// </summary>
        internal static (List<FactSourceModel> Ordered, List<FactSourceModel> Cycle) Order(IReadOnlyList<FactSourceModel> sources, HashSet<string> known)
        {
            var byName = sources.ToDictionary(s => s.FullyQualifiedTypeName);
            var waiting = sources.ToDictionary(s => s.FullyQualifiedTypeName, s => new HashSet<string>(s.After.Where(known.Contains)));
            var ready = new SortedSet<FactSourceModel>(waiting.Where(w => w.Value.Count == 0).Select(w => byName[w.Key]), ByName.Instance);
            var ordered = new List<FactSourceModel>();
            while (ready.Count > 0)
            {
                var next = ready.Min!;
                ready.Remove(next);
                waiting.Remove(next.FullyQualifiedTypeName);
                ordered.Add(next);
                foreach (var entry in waiting)
                {
                    if (entry.Value.Remove(next.FullyQualifiedTypeName) && entry.Value.Count == 0)
                        ready.Add(byName[entry.Key]);
                }
            }
            return (ordered, waiting.Count == 0 ? new List<FactSourceModel>() : FindCycle(waiting, byName));
        }

        // Every source left waits on another one left, so walking first dependencies from any of them must come back round.
        private static List<FactSourceModel> FindCycle(Dictionary<string, HashSet<string>> waiting, Dictionary<string, FactSourceModel> byName)
        {
            var path = new List<string>();
            var current = waiting.Keys.OrderBy(k => byName[k].Name, System.StringComparer.Ordinal).ThenBy(k => k, System.StringComparer.Ordinal).First();
            while (!path.Contains(current))
            {
                path.Add(current);
                current = waiting[current].OrderBy(k => byName[k].Name, System.StringComparer.Ordinal).ThenBy(k => k, System.StringComparer.Ordinal).First();
            }
            var cycle = path.Skip(path.IndexOf(current)).Select(k => byName[k]).ToList();
            // Start the named cycle at its first source by name, so the message does not depend on where the walk began.
            var start = cycle.IndexOf(cycle.OrderBy(m => m.Name, System.StringComparer.Ordinal).ThenBy(m => m.FullyQualifiedTypeName, System.StringComparer.Ordinal).First());
            return cycle.Skip(start).Concat(cycle.Take(start)).ToList();
        }

        private sealed class ByName : IComparer<FactSourceModel>
        {
            public static readonly ByName Instance = new ByName();

            public int Compare(FactSourceModel? x, FactSourceModel? y)
            {
                var byName = System.StringComparer.Ordinal.Compare(x!.Name, y!.Name);
                return byName != 0 ? byName : System.StringComparer.Ordinal.Compare(x.FullyQualifiedTypeName, y.FullyQualifiedTypeName);
            }
        }

        internal static string Render(IReadOnlyList<FactSourceModel> ordered)
        {
            var index = new Dictionary<string, int>();
            for (var i = 0; i < ordered.Count; i++)
                index[ordered[i].FullyQualifiedTypeName] = i;

            var sb = new StringBuilder();
            sb.AppendLine("// <auto-generated/>");
            sb.AppendLine("#nullable enable");
            sb.AppendLine("namespace InfraTrend.Facts");
            sb.AppendLine("{");
            sb.AppendLine("    public static partial class FactSources");
            sb.AppendLine("    {");
            sb.AppendLine("        /// <summary>Every fact source of this build, each after the sources it reads (its After list; ties by name).</summary>");
            sb.AppendLine("        public static global::System.Collections.Generic.IReadOnlyList<global::InfraTrend.Facts.FactSourceDescriptor> All { get; } =");
            sb.AppendLine("            new global::InfraTrend.Facts.FactSourceDescriptor[]");
            sb.AppendLine("            {");
            foreach (var source in ordered)
            {
                var after = source.After.Where(index.ContainsKey).Select(a => index[a]).Distinct().OrderBy(i => i);
                sb.Append("                new global::InfraTrend.Facts.FactSourceDescriptor(")
                    .Append(SymbolDisplay.FormatLiteral(source.Name, true))
                    .Append(", static () => new ").Append(source.FullyQualifiedTypeName).Append("(), ")
                    .Append("new int[] { ").Append(string.Join(", ", after)).AppendLine(" }),");
            }
            sb.AppendLine("            };");
            sb.AppendLine("    }");
            sb.AppendLine("}");
            return sb.ToString();
        }
    }
}
