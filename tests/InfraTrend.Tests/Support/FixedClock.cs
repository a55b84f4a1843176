namespace InfraTrend.Tests.Support;

/// <summary>A clock that stands still at one moment: what "today" is for a forecast, a task's age or a chart's today line.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
