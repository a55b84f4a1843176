using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>What one fact source cost an audit: wall time, and bytes allocated meanwhile (on every thread).</summary>
public sealed record SourceCost(string Source, TimeSpan Elapsed, long Allocated);

/// <summary>Reads every fact of a snapshot: parts first, then the sources side by side, then the parts folded into the repository.</summary>
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

    /// <param name="costs">
    /// When given, receives each source's cost, in the registry's order (`audit --verbose`, `bench alloc`): its own wall
    /// time, overlapping other sources', and the bytes every thread allocated meanwhile.
    /// </param>
    /// <param name="sources">Fact sources to run one after another (a test's own); the registry's, side by side, without it.</param>
    public static (RepositoryFacts Facts, IReadOnlyList<(string Path, string Message)> Warnings) Extract(Snapshot snapshot, List<SourceCost>? costs = null, IReadOnlyList<IFactSource>? sources = null)
    {
        var parts = Measured(nameof(PartDetector), costs, () => PartDetector.Detect(snapshot));
        var context = new FactContext(snapshot, parts);
        var registry = sources is null
            ? FactSources.All
            : sources.Select((s, i) => new FactSourceDescriptor(s.GetType().Name, () => s, i == 0 ? [] : [i - 1])).ToList();
        var sourceCosts = Run(registry, context, costs is not null);
        costs?.AddRange(sourceCosts);

        foreach (var part in parts)
            context.Repository.MergeFrom(part.Facts, key => key.Scope == FactScope.Part);

        var ordered = parts.OrderBy(p => p.Path == "." ? "" : p.Path, StringComparer.Ordinal).ToList();
        return (new RepositoryFacts { Repository = context.Repository, Parts = ordered }, context.Warnings.OrderBy(w => w.Path, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Runs every source on the thread pool as soon as the sources it comes After are applied. Each writes into its own
    /// copies (<see cref="FactRun"/>); a finished source's writes are applied to the shared tables once every source
    /// before it in the registry's order is applied, so the result is the one-after-another result, on every core.
    /// </summary>
    private static SourceCost[] Run(IReadOnlyList<FactSourceDescriptor> registry, FactContext context, bool measure)
    {
        var gate = new object();
        var runs = new FactRun[registry.Count];
        var finished = new bool[registry.Count];
        var failures = new ExceptionDispatchInfo?[registry.Count];
        var applied = registry.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var costs = new SourceCost[registry.Count];
        var next = 0;

        var tasks = new Task[registry.Count];
        for (var i = 0; i < registry.Count; i++)
        {
            var index = i;
            var after = registry[index].After.Select(a => applied[a].Task).ToArray();
            tasks[index] = Task.WhenAll(after).ContinueWith(_ =>
            {
                var run = runs[index] = new FactRun(gate);
                run.Enter();
                var start = Stopwatch.GetTimestamp();
                var allocated = measure ? GC.GetTotalAllocatedBytes() : 0;
                try
                {
                    Collect(registry[index], context);
                }
                catch (Exception e)
                {
                    failures[index] = ExceptionDispatchInfo.Capture(e);
                }
                costs[index] = new SourceCost(registry[index].Name, Stopwatch.GetElapsedTime(start), measure ? GC.GetTotalAllocatedBytes() - allocated : 0);
                lock (gate)
                {
                    finished[index] = true;
                    for (; next < registry.Count && finished[next]; next++)
                    {
                        try
                        {
                            runs[next].ApplyTo(context.SharedWarnings);
                        }
                        catch (Exception e)
                        {
                            // Reported below; the sources after it still run, so nothing waits for good.
                            failures[next] ??= ExceptionDispatchInfo.Capture(e);
                        }
                        runs[next] = null!;
                        applied[next].SetResult();
                    }
                }
            }, CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default);
        }
        Task.WaitAll(tasks);
        // The first failure in the registry's order, as when the sources ran one after another.
        failures.FirstOrDefault(f => f is not null)?.Throw();
        return costs;
    }

    // A source whose pattern gave up keeps what it found before; the audit goes on and says what is missing.
    private static void Collect(FactSourceDescriptor source, FactContext context)
    {
        try
        {
            source.Create().Collect(context);
        }
        catch (RegexMatchTimeoutException e)
        {
            context.Warn(".", string.Create(CultureInfo.InvariantCulture,
                $"{source.Name} stopped: one of its patterns ran longer than {e.MatchTimeout.TotalSeconds:0.#} s on a text of {e.Input.Length} characters; the facts it found before are kept, the rest of its reading is missing (please report this)"));
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
