using System.Diagnostics;
using InfraTrend.Facts;
using InfraTrend.Scanning;

namespace InfraTrend.Bench;

/// <summary>
/// Runs every fact source of a folder's audit one after another, in the registry's order, and prints each one's wall
/// and process CPU time: what a source costs on its own, which `audit --verbose` (sources side by side, each one's wall
/// time stretched by the others') cannot tell on a loaded machine. A source that reads a file first pays for reading
/// it; the sources after it that ask for the same text or literal verdict find it done.
/// </summary>
public static class SourceBenchmark
{
    /// <param name="rounds">Audits in one process: the first pays for compiling the code it runs, the last is printed.</param>
    public static int Run(string folder, int top, int rounds)
    {
        for (var round = 1; round < rounds; round++)
            Once(folder, top: 0);
        return Once(folder, top);
    }

    private static int Once(string folder, int top)
    {
        using var snapshot = new WorkingTreeSnapshot(folder);
        var timed = FactSources.All.Select(d => new Timed(d.Name, d.Create())).ToList();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        FactExtractor.Extract(snapshot, sources: timed);
        if (top == 0)
            return 0;
        Console.WriteLine($"{snapshot.Files.Count} files: {clock.Elapsed.TotalMilliseconds:F0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, sources one after another");
        foreach (var source in timed.OrderByDescending(t => t.Cpu).Take(top))
            Console.WriteLine($"{source.Cpu.TotalMilliseconds,7:F0} ms CPU {source.Wall.TotalMilliseconds,7:F0} ms wall  {source.Name}");
        return 0;
    }

    private sealed class Timed(string name, IFactSource source) : IFactSource
    {
        public string Name { get; } = name;
        public TimeSpan Wall { get; private set; }
        public TimeSpan Cpu { get; private set; }

        public void Collect(FactContext context)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            source.Collect(context);
            Cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Wall = clock.Elapsed;
        }
    }
}
