using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Scaling;

[Analyzer(
    "scaling.cluster-design",
    Category = Category.Scaling,
    Level = 4,
    Weight = 3,
    WeightReason = "A product built to run as a cluster (shared locks, consensus, a socket backplane, a documented cluster mode) has solved what stops most applications from scaling out; auditors rate such a design well above one that merely can be started twice, so it weighs three points. It only ever adds: most applications scale by running the same stateless process several times, which scaling.horizontal measures.",
    Severity = Severity.Low,
    Title = "Built to run as a cluster",
    LooksFor = "A coordination library the application depends on (Hazelcast, Raft or JRaft, Curator, JGroups, ShedLock, Redisson, Redlock, redsync, DistributedLock, a socket.io Redis adapter, memberlist), or a document or configuration of its cluster or high-availability mode (a clustering, high-availability, scalability or distributed-deployment guide, or a section headed so in a top-level document or a deployment, installation, configuration, hosting or administration guide, such as \"## High availability\" or \"### Clustering / multi-node deployments\", outside code blocks, changelogs and release notes; a cluster.conf). Without one the rule is not judged.",
    WhyItMatters = "Running several copies of an application is only safe when they agree on who does what: scheduled work, locks, sessions and pushed events must be shared, or the second instance corrupts the first one's work.",
    Remediation = "Where several instances run, coordinate them: a distributed lock (Redis or the database) around scheduled work, a shared backplane for pushed events, and a documented cluster mode.")]
public sealed class ClusterDesignAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var found = context.Repository.List(FactKeys.ClusterDesign);
        if (found.Count == 0)
            return [context.NotApplicable("No cluster mode or coordination library is found: how the application scales out is judged by scaling.horizontal.")];
        return [context.Pass($"The application is built to run as a cluster: {string.Join(", ", found)}.", context.EvidenceOf(FactKeys.ClusterDesign))];
    }
}
