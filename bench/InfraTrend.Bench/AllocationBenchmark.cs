using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using InfraTrend.Auditing;

namespace InfraTrend.Bench;

/// <summary>
/// Audits a folder in-process and prints what it allocated, by type, from the runtime's allocation ticks (one
/// event about every 100 KB allocated, naming the type that crossed the mark): the types that make an audit
/// collect garbage, without a profiler.
/// </summary>
public static class AllocationBenchmark
{
    public static int Run(string folder, int top)
    {
        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var result = Auditor.Audit(folder, new AuditOptions());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"audit of {result.FilesScanned} files in {result.Duration.TotalSeconds:F2} s: {allocated / 1e6:F0} MB allocated; "
            + $"collections gen0 {GC.CollectionCount(0) - collections.Item1}, gen1 {GC.CollectionCount(1) - collections.Item2}, gen2 {GC.CollectionCount(2) - collections.Item3}; "
            + $"pauses {GC.GetTotalPauseDuration().TotalSeconds:F2} s");
        Console.WriteLine("by fact source (wall time; bytes allocated meanwhile on every thread, background reading included):");
        foreach (var cost in result.SourceCosts.OrderByDescending(c => c.Allocated).Take(top))
            Console.WriteLine($"{cost.Allocated / 1e6,8:F0} MB {cost.Elapsed.TotalMilliseconds,7:F0} ms  {cost.Source}");
        Console.WriteLine("by type (allocation ticks):");
        var sampled = listener.ByType.Values.Sum();
        foreach (var (type, bytes) in listener.ByType.OrderByDescending(t => t.Value).Take(top))
            Console.WriteLine($"{bytes / 1e6,8:F0} MB {100.0 * bytes / sampled,5:F1}%  {type}");
        return 0;
    }

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
                return;
            var names = e.PayloadNames!;
            var type = e.Payload[names.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[names.IndexOf(names.Contains("AllocationAmount64") ? "AllocationAmount64" : "AllocationAmount")]);
            ByType.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }
}
