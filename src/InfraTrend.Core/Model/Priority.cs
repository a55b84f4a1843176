namespace InfraTrend.Model;

/// <summary>How soon a remediation task should be done; its id and horizon are in <see cref="Priorities"/>.</summary>
public enum Priority
{
    Low,
    Medium,
    High,
}
