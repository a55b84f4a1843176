using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>What one fact source cost an audit: wall time, and bytes allocated meanwhile (on every thread).</summary>
public sealed record SourceCost(string Source, TimeSpan Elapsed, long Allocated);

/// <summary>Reads every fact of a snapshot: parts first, then each source in order, then the parts folded into the repository.</summary>
public static class FactExtractor
{
    /// <summary>
    /// How long one regular-expression match may run before it gives up, for a host to set at start (see
    /// <see cref="LimitPatternTime"/>): a pattern that backtracks exponentially on some file would otherwise hang the
    /// audit for good. A match over a file of the 1 MB limit takes milliseconds.
    /// </summary>
    public static readonly TimeSpan PatternTimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gives every regular expression of the process, generated ones included, <see cref="PatternTimeLimit"/>; only
    /// effective before the first pattern of an assembly runs, so a host calls it first thing in Main.
    /// </summary>
    public static void LimitPatternTime() => AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", PatternTimeLimit);

    /// <param name="costs">When given, receives each source's cost, in order (`audit --verbose`, `bench alloc`).</param>
    /// <param name="sources">The fact sources to run (all of them unless a test names its own).</param>
    public static (RepositoryFacts Facts, IReadOnlyList<(string Path, string Message)> Warnings) Extract(Snapshot snapshot, List<SourceCost>? costs = null, IReadOnlyList<IFactSource>? sources = null)
    {
        var parts = Measured(nameof(PartDetector), costs, () => PartDetector.Detect(snapshot));
        var context = new FactContext(snapshot, parts);
        foreach (var source in sources ?? FactSources.All.Select(s => s.Create()).ToList())
            Measured(source.GetType().Name, costs, () => { Collect(source, context); return 0; });

        foreach (var part in parts)
            context.Repository.MergeFrom(part.Facts, key => key.Scope == FactScope.Part);

        var ordered = parts.OrderBy(p => p.Path == "." ? "" : p.Path, StringComparer.Ordinal).ToList();
        return (new RepositoryFacts { Repository = context.Repository, Parts = ordered }, context.Warnings.OrderBy(w => w.Path, StringComparer.Ordinal).ToList());
    }

    // A source whose pattern gave up keeps what it found before; the audit goes on and says what is missing.
    private static void Collect(IFactSource source, FactContext context)
    {
        try
        {
            source.Collect(context);
        }
        catch (RegexMatchTimeoutException e)
        {
            context.Warn(".", string.Create(CultureInfo.InvariantCulture,
                $"{source.GetType().Name} stopped: one of its patterns ran longer than {e.MatchTimeout.TotalSeconds:0.#} s on a text of {e.Input.Length} characters; the facts it found before are kept, the rest of its reading is missing (please report this)"));
        }
    }

    private static T Measured<T>(string name, List<SourceCost>? costs, Func<T> run)
    {
        if (costs is null)
            return run();
        var start = Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes();
        var result = run();
        costs.Add(new SourceCost(name, Stopwatch.GetElapsedTime(start), GC.GetTotalAllocatedBytes() - allocated));
        return result;
    }
}
