namespace InfraTrend.Model;

/// <summary>
/// How much a failing rule matters, lowest first. The order is relied on: reports sort by it and the analyzer generator
/// compares the underlying value (an essential rule must be High or above, IT0004).
/// </summary>
public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}
