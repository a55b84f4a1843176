using InfraTrend.Analyzers.Deployment;
using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Monitoring;

[Analyzer(
    "monitoring.alerting",
    Category = Category.Monitoring,
    Level = 4,
    Weight = 1,
    WeightReason = "An uptime check or alert rule kept in the repository turns signals into a page; most teams start with a hosted monitor, so it weighs one point here.",
    Severity = Severity.High,
    Title = "Uptime checks and alerting",
    LooksFor = "Uptime checks or alert rules declared in the repository: Prometheus alert rules, Checkly or Upptime configuration, monitors in Terraform, Datadog or Grafana alert definitions.",
    WhyItMatters = "Metrics and logs nobody is alerted on are read after the users have already noticed the outage.",
    Remediation = "Declare an uptime check on the health route and alert rules for error rate and latency, kept in the repository.")]
public sealed class AlertingAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var alerting = context.Repository.List(FactKeys.Alerting);
        if (alerting.Count > 0)
            return [context.Pass($"Alerting is declared in the repository: {string.Join(", ", alerting)}.", context.EvidenceOf(FactKeys.Alerting))];

        var route = HealthProbes.Route(context);
        var fix = context.Repository.List(FactKeys.Platforms).Contains("terraform")
            ? $"Declare an uptime check on {route} and alert rules for error rate and latency as Terraform resources (e.g. a Datadog, Grafana or Better Stack monitor)."
            : $"Declare an uptime check on {route} (e.g. a Checkly check or an Upptime workflow) and alert rules for error rate and latency, kept in the repository.";
        return [context.Fail("No uptime check or alert rule is declared in the repository (one set up only in a hosted dashboard cannot be seen here).", fix)];
    }
}
