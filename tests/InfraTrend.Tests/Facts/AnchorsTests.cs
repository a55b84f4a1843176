using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>The fact sources' literal sets are one catalogue, and the sources rule files out only through it.</summary>
public sealed partial class AnchorsTests
{
    [Fact]
    public void Every_set_of_the_catalogue_is_non_empty_ascii_and_sits_at_its_index()
    {
        var sets = Anchors.Catalogue.Sets;
        Assert.NotEmpty(sets);
        Assert.Equal(sets.Count, sets.Select(s => s.Name).Distinct().Count());
        for (var i = 0; i < sets.Count; i++)
        {
            Assert.Equal(i, sets[i].Index);
            Assert.Same(Anchors.Catalogue, sets[i].Catalogue);
            Assert.NotEmpty(sets[i].Literals);
            Assert.NotEmpty(sets[i].Extensions);
            Assert.All(sets[i].Literals, literal => Assert.True(literal.Length > 0 && Ascii.IsValid(literal), $"{sets[i].Name}: '{literal}'"));
        }
    }

    [Fact]
    public void Every_literal_set_of_the_tool_is_declared_in_the_catalogue()
    {
        var declared = typeof(Anchors).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(LiteralSet))
            .ToList();

        Assert.All(declared, f => Assert.Equal(typeof(Anchors), f.DeclaringType));
        Assert.Equal(Anchors.Catalogue.Sets, declared.Select(f => (LiteralSet)f.GetValue(null)!));
    }

    [GeneratedRegex(@"\bSnapshot\.(?:ReadTextOnceIfAny|Holds)\((?<arguments>[^;]*?)\)\s*(?:is|&&|\|\||;|\))")]
    private static partial Regex LiteralQuestion();

    [Fact]
    public void The_sources_ask_about_literals_only_with_the_catalogues_sets()
    {
        // No prefilter of a source's own: a snapshot takes a catalogue's set, nothing else.
        Assert.DoesNotContain(typeof(Snapshot).GetMethods(), m => m.GetParameters().Any(p => p.ParameterType == typeof(SearchValues<string>)));
        var facts = Path.Combine(CliRunner.SourceRoot, "src", "InfraTrend.Core", "Facts");
        var questions = Directory.EnumerateFiles(facts, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => LiteralQuestion().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), m.Groups["arguments"].Value)))
            .ToList();

        Assert.NotEmpty(questions);
        Assert.All(questions, q => Assert.Matches(@",\s*Anchors\.\w+$", q.Value));
    }

    [Fact]
    public void The_catalogues_version_follows_its_literals()
    {
        static LiteralCatalogue Of(string extension, params string[] literals) => new([new LiteralSet("a", [extension], literals)]);

        Assert.Equal(Of(".x", "x", "y").Version, Of(".x", "y", "x").Version);
        Assert.NotEqual(Of(".x", "x", "y").Version, Of(".x", "x", "z").Version);
        Assert.NotEqual(Of(".x", "x", "y").Version, Of(".y", "x", "y").Version);
        var kind = Anchors.Catalogue.KindFor(3);
        Assert.Equal(Anchors.Catalogue.Version, kind.Version);
        Assert.NotEqual(kind.Name, Anchors.Catalogue.KindFor(1).Name);
        Assert.Equal(ulong.MaxValue - 5, kind.Read(kind.Write(ulong.MaxValue - 5)));
    }
}
