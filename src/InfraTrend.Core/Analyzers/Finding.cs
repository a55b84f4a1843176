using InfraTrend.Facts;

namespace InfraTrend.Analyzers;

public enum FindingStatus
{
    Pass,
    Partial,
    Fail,
    NotApplicable,
}

public static class FindingStatuses
{
    public static string Id(this FindingStatus status) =>
        status switch
        {
            FindingStatus.Pass => "pass",
            FindingStatus.Partial => "partial",
            FindingStatus.Fail => "fail",
            _ => "not-applicable",
        };

    public static FindingStatus Parse(string id) =>
        id switch
        {
            "pass" => FindingStatus.Pass,
            "partial" => FindingStatus.Partial,
            "fail" => FindingStatus.Fail,
            _ => FindingStatus.NotApplicable,
        };
}

/// <summary>What one analyzer concluded about one subject (the repository, a part, a Dockerfile...).</summary>
public sealed record Finding(
    string Subject,
    FindingStatus Status,
    double Score,
    IReadOnlyList<Evidence> Evidence,
    string Message,
    string? Fix = null);
