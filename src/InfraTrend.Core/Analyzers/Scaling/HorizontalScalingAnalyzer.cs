using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Scaling;

[Analyzer(
    "scaling.horizontal",
    Category = Category.Scaling,
    Level = 3,
    Weight = 1,
    WeightReason = "Running more instances is the first answer to load and to a failed host, before any cache or queue: it weighs one point, like each of the other scaling practices.",
    Severity = Severity.Medium,
    Title = "Runs as several instances",
    LooksFor = "A deployment that can run the application more than once (a container image, Kubernetes, a platform service, Kamal or Capistrano; not a compose file or a single server's systemd unit alone), and state kept outside the process (a database server such as Postgres, MySQL or MongoDB, or no database at all), not in an embedded file database such as SQLite.",
    WhyItMatters = "An application that can only run once goes down with its host and cannot take more load than one machine gives it.",
    Remediation = RemediationText)]
public sealed class HorizontalScalingAnalyzer : IAnalyzer
{
    private const string RemediationText = "Ship the application as a container image (a Dockerfile) or a platform service, and keep its state in a database server rather than a file beside the process.";

    /// <summary>Descriptors that run one copy on one machine: they say how it runs, not that it can run twice.</summary>
    private static readonly HashSet<string> SingleHost = new(StringComparer.Ordinal) { "docker-compose", "systemd", "supervisor", "terraform", "pulumi" };

    /// <summary>Databases kept in a file of the process: a second instance cannot share them.</summary>
    private static readonly HashSet<string> Embedded = new(StringComparer.Ordinal) { "sqlite", "litedb", "bolt", "boltdb", "leveldb", "badger", "h2", "hsqldb", "derby", "duckdb" };

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var replicable = context.Repository.List(FactKeys.Platforms).Where(p => !SingleHost.Contains(p)).ToList();
        var engines = context.Repository.List(FactKeys.DatabaseEngines);
        var servers = engines.Where(e => !Embedded.Contains(e)).ToList();
        var sharedState = engines.Count == 0 || servers.Count > 0;
        var evidence = context.EvidenceOf(FactKeys.Platforms).Where(e => replicable.Count > 0).Concat(context.EvidenceOf(FactKeys.DatabaseEngines)).ToList();
        var state = engines.Count == 0 ? "it keeps no database" : servers.Count > 0 ? $"its state is in {string.Join(", ", servers)}" : $"its state is in an embedded {string.Join(", ", engines)} file";

        if (replicable.Count > 0 && sharedState)
            return [context.Pass($"It can run as several instances: deployed through {string.Join(", ", replicable)}, and {state}.", evidence)];
        if (replicable.Count > 0)
            return [context.Partial(0.5, $"It is deployed through {string.Join(", ", replicable)}, but {state}: a second instance cannot share it.", "Move the data to a database server (Postgres, MySQL) so instances can be added.", evidence)];
        if (sharedState && engines.Count > 0)
            return [context.Partial(0.5, $"Nothing in the repository deploys it as a replicable service, though {state}.", RemediationText, evidence)];
        return [context.Fail($"Nothing in the repository deploys it as a replicable service, and {state}.", RemediationText, evidence)];
    }
}
