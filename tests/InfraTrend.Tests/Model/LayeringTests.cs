using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Model;

/// <summary>
/// Data flows one way, history and configuration before charts: the types they share (targets, trend series and points)
/// live in InfraTrend.Model, so neither History nor Config may reference InfraTrend.Charts, in source or in compiled code.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] Upstream = ["InfraTrend.History", "InfraTrend.Config"];
    private const string Charts = "InfraTrend.Charts";

    [Fact]
    public void History_and_config_sources_do_not_name_the_charts()
    {
        var offending = new List<string>();
        foreach (var folder in new[] { "History", "Config" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(CliRunner.SourceRoot, "src", "InfraTrend.Core", folder), "*.cs", SearchOption.AllDirectories))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    // Comments may explain the relation; code may not use it (a using, or a name qualified as Charts.X).
                    var code = lines[i].Split("//")[0];
                    if (ChartsReference().IsMatch(code))
                        offending.Add($"{Path.GetRelativePath(CliRunner.SourceRoot, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        Assert.Empty(offending);
    }

    [Fact]
    public void History_and_config_types_do_not_depend_on_chart_types()
    {
        var assembly = typeof(InfraTrend.History.HistoryDatabase).Assembly;
        var types = assembly.GetTypes().Where(t => Upstream.Any(n => t.Namespace == n || t.Namespace?.StartsWith(n + ".", StringComparison.Ordinal) == true)).ToList();
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

    private static bool IsChart(Type type) =>
        type.Namespace == Charts || type.Namespace?.StartsWith(Charts + ".", StringComparison.Ordinal) == true
        || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(IsChart))
        || (type.HasElementType && IsChart(type.GetElementType()!));

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
}
