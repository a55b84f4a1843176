using InfraTrend.Facts;

namespace InfraTrend.Tests.Facts;

public class FactRecorderTests
{
    private sealed class Log : IFactWriter
    {
        public List<string> Writes { get; } = [];

        public void Add(string key, string item, Evidence evidence) => Writes.Add($"add {key} {item} {evidence.Path}:{evidence.Line}");

        public void Flag(string key, Evidence evidence, bool value = true) => Writes.Add($"flag {key} {value} {evidence.Path}:{evidence.Line}");

        public void Count(string key, long amount, Evidence evidence) => Writes.Add($"count {key} {amount} {evidence.Path}:{evidence.Line}");
    }

    [Fact]
    public void Writes_nothing_until_asked_then_everything_in_the_order_recorded()
    {
        var recorder = new FactRecorder();
        var log = new Log();

        recorder.Flag(FactKeys.HealthEndpoint, new Evidence("app.py", 3));
        recorder.Add(FactKeys.HealthRoutes, "/health", new Evidence("app.py", 3));
        recorder.Count(FactKeys.ConsoleLogCalls, 2, new Evidence("app.py", 9));
        recorder.Flag(FactKeys.HttpsEnforced, new Evidence("app.py", 12), value: false);
        Assert.Empty(log.Writes);

        recorder.WriteTo(log);

        Assert.Equal(
            [
                $"flag {FactKeys.HealthEndpoint} True app.py:3",
                $"add {FactKeys.HealthRoutes} /health app.py:3",
                $"count {FactKeys.ConsoleLogCalls} 2 app.py:9",
                $"flag {FactKeys.HttpsEnforced} False app.py:12",
            ],
            log.Writes);
    }
}
