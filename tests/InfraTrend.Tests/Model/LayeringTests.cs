using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Model;

/// <summary>
/// Data flows one way, history and configuration before charts: the types they share (targets, trend series and points,
/// categories and severities) live in InfraTrend.Model, so neither History nor Config may reference InfraTrend.Charts,
/// neither Config nor Charts may reference InfraTrend.Analyzers (Config may ask the registry whether a rule id exists),
/// and Model references no other InfraTrend namespace; in source and in compiled code.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] Upstream = ["InfraTrend.History", "InfraTrend.Config"];
    private const string Charts = "InfraTrend.Charts";
    private const string Analyzers = "InfraTrend.Analyzers";
    private const string Model = "InfraTrend.Model";

    [Fact]
    public void History_and_config_sources_do_not_name_the_charts()
    {
        Assert.Empty(OffendingLines(["History", "Config"], ChartsReference()));
    }

    [Fact]
    public void History_and_config_types_do_not_depend_on_chart_types()
    {
        var types = Upstream.SelectMany(TypesIn).ToList();
        Assert.Contains(types, t => t.Name == "HistoryTrend");
        Assert.Contains(types, t => t.Name == "InfraTrendConfig");
        var offending = types.SelectMany(t => ReferencedTypes(t).Where(IsChart).Select(r => $"{t.FullName} -> {r.FullName}")).Distinct().ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void The_check_sees_a_chart_reference_where_there_is_one()
    {
        // The charts' own code uses the chart types: a scan that found nothing there would prove nothing above.
        Assert.Contains(ReferencedTypes(typeof(InfraTrend.Charts.TrendChart)), t => t == typeof(InfraTrend.Charts.ChartKind));
        Assert.Contains(ReferencedTypes(typeof(InfraTrend.Charts.TrendPoints)), t => t == typeof(InfraTrend.Model.TrendPoint));
        Assert.Matches(ChartsReference(), "using InfraTrend.Charts;");
        Assert.Matches(ChartsReference(), "var k = Charts.ChartKind.Overall;");
    }

    /// <summary>
    /// What Config may use of the analyzers: the registry, to reject a rule id that names no rule of this build
    /// (ConfigLoader.AnalyzerId), and the descriptor its lookup returns. Moving that check out of the loader would
    /// change where and how a bad id is reported, so it stays, and stays the only use.
    /// </summary>
    private static readonly Type[] ConfigMayUse = [typeof(InfraTrend.Analyzers.AnalyzerRegistry), typeof(InfraTrend.Analyzers.AnalyzerDescriptor)];

    [Fact]
    public void Config_and_charts_sources_do_not_name_the_analyzers()
    {
        var offending = OffendingLines(["Config", "Charts"], AnalyzersReference())
            .Where(line => !ConfigMayUse.Any(t => line.Contains("/Config/", StringComparison.Ordinal) && line.Contains($"{Analyzers}.{t.Name}.", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void Config_and_chart_types_depend_on_no_analyzer_type_but_the_registry_lookup()
    {
        var config = TypesIn("InfraTrend.Config");
        var charts = TypesIn(Charts);
        Assert.Contains(config, t => t.Name == "ConfigLoader");
        Assert.Contains(charts, t => t.Name == "TrendPoints");
        var offending = config.SelectMany(t => ReferencedTypes(t).Where(r => IsIn(r, Analyzers) && !ConfigMayUse.Contains(r)).Select(r => $"{t.FullName} -> {r.FullName}"))
            .Concat(charts.SelectMany(t => ReferencedTypes(t).Where(r => IsIn(r, Analyzers)).Select(r => $"{t.FullName} -> {r.FullName}")))
            .Distinct()
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void Model_sources_name_no_other_infratrend_namespace()
    {
        Assert.Empty(OffendingLines(["Model"], OtherThanModelReference()));
    }

    [Fact]
    public void Model_types_depend_on_no_other_infratrend_type()
    {
        var model = TypesIn(Model);
        Assert.Contains(model, t => t.Name == "Categories");
        Assert.Contains(model, t => t.Name == "Severity");
        var offending = model
            .SelectMany(t => ReferencedTypes(t).Where(r => IsInOtherInfraTrendNamespace(r)).Select(r => $"{t.FullName} -> {r.FullName}"))
            .Distinct()
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void The_checks_see_an_analyzer_or_other_namespace_reference_where_there_is_one()
    {
        // As above: the analyzers' own code and the reports use these namespaces; a scan blind to them would prove nothing.
        Assert.Contains(ReferencedTypes(typeof(InfraTrend.Analyzers.AnalyzerAttribute)), t => t == typeof(InfraTrend.Analyzers.AnalyzerScope));
        // And the one use Config is allowed is seen, so the allowance is needed and no wider than it.
        Assert.Contains(ReferencedTypes(typeof(InfraTrend.Config.ConfigLoader)), t => t == typeof(InfraTrend.Analyzers.AnalyzerRegistry));
        Assert.Contains(ReferencedTypes(typeof(InfraTrend.Reports.RulesCatalogue)), t => IsInOtherInfraTrendNamespace(t));
        Assert.Matches(AnalyzersReference(), "using InfraTrend.Analyzers;");
        Assert.Matches(AnalyzersReference(), "var f = Analyzers.FindingStatus.Pass;");
        Assert.DoesNotMatch(AnalyzersReference(), "Category.Ci");
        Assert.Matches(OtherThanModelReference(), "using InfraTrend.Scoring;");
        Assert.Matches(OtherThanModelReference(), "InfraTrend.Analyzers.Severity.High");
        Assert.DoesNotMatch(OtherThanModelReference(), "using InfraTrend.Model;");
    }

    private static List<Type> TypesIn(string ns) =>
        typeof(InfraTrend.History.HistoryDatabase).Assembly.GetTypes().Where(t => IsIn(t, ns)).ToList();

    /// <summary>The code lines (comments left out) of src/InfraTrend.Core/FOLDER that match, as "file:line: text".</summary>
    private static List<string> OffendingLines(string[] folders, Regex reference)
    {
        var offending = new List<string>();
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(CliRunner.SourceRoot, "src", "InfraTrend.Core", folder), "*.cs", SearchOption.AllDirectories))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    // Comments may explain the relation; code may not use it (a using, or a qualified name).
                    var code = lines[i].Split("//")[0];
                    if (reference.IsMatch(code))
                        offending.Add($"{Path.GetRelativePath(CliRunner.SourceRoot, file).Replace('\\', '/')}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        return offending;
    }

    private static bool IsChart(Type type) => IsIn(type, Charts);

    /// <summary>A type of the namespace or below it, or one built from such a type (List&lt;T&gt;, T[]).</summary>
    private static bool IsIn(Type type, string ns) =>
        type.Namespace == ns || type.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) == true
        || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(a => IsIn(a, ns)))
        || (type.HasElementType && IsIn(type.GetElementType()!, ns));

    /// <summary>A type of InfraTrend.* but Model, or one built from such a type (a Model type's list is not).</summary>
    private static bool IsInOtherInfraTrendNamespace(Type type) =>
        (IsIn(type, "InfraTrend") && !IsIn(type, Model))
        || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(IsInOtherInfraTrendNamespace))
        || (type.HasElementType && IsInOtherInfraTrendNamespace(type.GetElementType()!));

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type a type's signatures name, and every type, method and field its method bodies refer to.</summary>
    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        if (type.BaseType is { } baseType)
            yield return baseType;
        foreach (var i in type.GetInterfaces())
            yield return i;
        foreach (var f in type.GetFields(All))
            yield return f.FieldType;
        foreach (var p in type.GetProperties(All))
            yield return p.PropertyType;
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi)
                yield return mi.ReturnType;
            foreach (var p in m.GetParameters())
                yield return p.ParameterType;
            foreach (var referenced in BodyReferences(m))
                yield return referenced;
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types named by a method body's instructions (newobj, call, ldfld, castclass...), walking the IL opcode by opcode.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;
        var module = method.Module;
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var op = OpCodesByValue[value];
            at += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, at);
                    var member = module.ResolveMember(token, typeArgs, methodArgs);
                    if (member is Type t)
                        yield return t;
                    else if (member?.DeclaringType is { } owner)
                        yield return owner;
                    if (member is MethodInfo called)
                        yield return called.ReturnType;
                    if (member is FieldInfo field)
                        yield return field.FieldType;
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    [GeneratedRegex(@"\bInfraTrend\.Charts\b|(?<![\w.])Charts\.[A-Z]")]
    private static partial Regex ChartsReference();

    [GeneratedRegex(@"\bInfraTrend\.Analyzers\b|(?<![\w.])Analyzers\.[A-Z]")]
    private static partial Regex AnalyzersReference();

    // Any InfraTrend.X but InfraTrend.Model, as a using or a qualified name.
    [GeneratedRegex(@"\bInfraTrend\.(?!Model\b)[A-Z]")]
    private static partial Regex OtherThanModelReference();
}
