using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using InfraTrend.Auditing;

namespace InfraTrend.Bench;

/// <summary>
/// Times every regular expression the engine holds (generated or static) over the source files of a folder, in
/// milliseconds per million characters: one badly shaped pattern (a leading look-behind that defeats the prefix
/// search, say) costs more than all the others, and this finds it.
/// </summary>
public static class RegexBenchmark
{
    private static readonly string[] SourceExtensions = [".ts", ".tsx", ".js", ".py", ".go", ".cs", ".rb", ".java"];

    public static int Run(string folder, int sampleEvery, int top)
    {
        var regexes = EngineRegexes();
        var texts = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => !f.Contains("/node_modules/", StringComparison.Ordinal) && !f.Contains("/.git/", StringComparison.Ordinal))
            .Where(f => SourceExtensions.Contains(Path.GetExtension(f)))
            .Where((_, i) => i % sampleEvery == 0)
            .Select(File.ReadAllText)
            .ToArray();
        var megaChars = texts.Sum(t => (long)t.Length) / 1e6;
        Console.WriteLine($"{regexes.Count} regular expressions over {texts.Length} files ({megaChars:F1} M characters)");

        var rows = new List<(double MsPerMegaChar, int Matches, string Name, string Pattern)>();
        foreach (var (name, regex) in regexes)
        {
            foreach (var text in texts.Take(20))
                regex.Count(text); // compiled before the clock starts
            var clock = Stopwatch.StartNew();
            var matches = 0;
            foreach (var text in texts)
                matches += regex.Count(text);
            rows.Add((clock.Elapsed.TotalMilliseconds / megaChars, matches, name, regex.ToString()));
        }
        Console.WriteLine($"all: {rows.Sum(r => r.MsPerMegaChar):F1} ms per M characters; the slowest:");
        foreach (var row in rows.OrderByDescending(r => r.MsPerMegaChar).Take(top))
            Console.WriteLine($"{row.MsPerMegaChar,8:F2} ms/M {row.Matches,8} matches  {row.Name}  /{Shorten(row.Pattern)}/");
        return 0;
    }

    private static string Shorten(string pattern) => pattern.Length <= 100 ? pattern : pattern[..100] + "…";

    private static List<(string Name, Regex Regex)> EngineRegexes()
    {
        var found = new List<(string, Regex)>();
        const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(Auditor).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(Static).Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0 && !m.ContainsGenericParameters))
                found.Add(($"{type.Name}.{method.Name}", (Regex)method.Invoke(null, null)!));
            foreach (var field in type.GetFields(Static).Where(f => f.FieldType == typeof(Regex)))
            {
                if (field.GetValue(null) is Regex regex)
                    found.Add(($"{type.Name}.{field.Name}", regex));
            }
        }
        return found.DistinctBy(r => r.Item2).ToList();
    }
}
