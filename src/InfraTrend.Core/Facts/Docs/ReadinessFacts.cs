using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Docs;

/// <summary>
/// Uptime checks and alert rules declared in the repository, load-test scripts, and improvement targets in
/// .infratrend.yml: things a team sets up around the application rather than in it.
/// </summary>
[FactSource]
public sealed partial class ReadinessFacts : IFactSource
{
    private static readonly (string Id, Regex Pattern)[] AlertingPatterns =
    [
        // A Prometheus rule names its alert and gives the expression that fires it: an `alert:` key alone is a Rails or
        // i18n locale's flash message (`alert: "Signed out"`), or an empty key whose value is on the next line.
        ("prometheus-alerts", new Regex(@"^[ \t]*-?[ \t]*alert[ \t]*:[ \t]*[^\s#]", RegexOptions.Multiline)),
        ("datadog-monitor", new Regex(@"resource\s+""datadog_monitor""|DatadogMonitor|datadog_synthetics_test")),
        ("newrelic-alert", new Regex(@"resource\s+""newrelic_(alert|nrql_alert|synthetics)")),
        ("cloudwatch-alarm", new Regex(@"resource\s+""aws_cloudwatch_metric_alarm""|AWS::CloudWatch::Alarm|new\s+cloudwatch\.Alarm")),
        ("grafana-alert", new Regex(@"resource\s+""grafana_rule_group""|apiVersion:\s*1\s*\n\s*groups:")),
        ("pagerduty", new Regex(@"resource\s+""pagerduty_|PAGERDUTY_(INTEGRATION|ROUTING)_KEY")),
        ("opsgenie", new Regex(@"resource\s+""opsgenie_")),
        ("upptime", new Regex(@"upptime/uptime-monitor")),
        ("checkly", new Regex(@"from\s+['""]checkly|checkly\.config")),
        // A monitor that runs (its image) or is declared (a Terraform resource); the bare name in a link, a funding file or
        // a user-agent list declares nothing.
        ("uptime-kuma", new Regex(@"image:\s*[""']?(?:docker\.io/)?louislam/uptime-kuma")),
        ("betteruptime", new Regex(@"resource\s+""betteruptime_|BetterStackHQ/better-uptime")),
        ("azure-alert", new Regex(@"Microsoft\.Insights/(metricAlerts|scheduledQueryRules)|resource\s+""azurerm_monitor_metric_alert""")),
        ("gcp-alert", new Regex(@"resource\s+""google_monitoring_(alert_policy|uptime_check_config)""")),
    ];

    // A Helm chart that depends on an alerts chart (a shared `generic-prometheus-alerts` or `*-alerts` chart renders
    // the PrometheusRule of the service from its values): the alert rules are declared with the deployment.
    // Each line of the list is consumed whole by one repetition (its first character decides it, the rest runs to the
    // newline): a pattern that could split a line between repetitions took minutes on a chart of eight lines.
    [GeneratedRegex(@"^dependencies[ \t]*:[^\n]*\n(?:[ \t-][^\n]*\n)*?[ \t]*-?[ \t]*name[ \t]*:[ \t]*[""']?(?<chart>[\w.-]*alerts?)[""']?[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex HelmAlertsDependency();

    [GeneratedRegex(@"^[ \t]*-?[ \t]*expr[ \t]*:[ \t]*\S", RegexOptions.Multiline)]
    private static partial Regex PrometheusExpression();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path)))
        {
            var name = file.Name.ToLowerInvariant();
            var config = name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".tf", StringComparison.Ordinal)
                || name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".bicep", StringComparison.Ordinal) || name.StartsWith("checkly.config", StringComparison.Ordinal);
            if (config && !name.Contains("lock", StringComparison.Ordinal) && file.Size < 512 * 1024 && context.Snapshot.ReadText(file.Path) is { } text)
            {
                foreach (var (id, pattern) in AlertingPatterns)
                {
                    if (pattern.Match(text) is { Success: true } m && (id != "prometheus-alerts" || PrometheusExpression().IsMatch(text)))
                        context.Add(FactKeys.Alerting, id, new Evidence(file.Path, new TextLines(text).LineOf(m.Index)));
                }
            }
            if (name == "chart.yaml" && file.Size < 64 * 1024 && context.Snapshot.ReadText(file.Path) is { } chart && HelmAlertsDependency().Match(chart) is { Success: true } dependency)
                context.Add(FactKeys.Alerting, "helm-alerts-chart", new Evidence(file.Path, new TextLines(chart).LineOf(dependency.Groups["chart"].Index)));
            PerformanceTest(context, file);
        }

        if (YamlDocuments.Root(context, ".infratrend.yml") is { } config2 && config2.Get("targets") is { } targets)
            context.Flag(FactKeys.TargetsDeclared, new Evidence(".infratrend.yml", targets.Line()));
    }

    private static void PerformanceTest(FactContext context, Scanning.SnapshotFile file)
    {
        var name = file.Name.ToLowerInvariant();
        var evidence = new Evidence(file.Path, 0);
        if (name.EndsWith(".jmx", StringComparison.Ordinal))
            context.Add(FactKeys.PerformanceTests, "jmeter", evidence);
        else if (name is "locustfile.py" || name.StartsWith("locust", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal))
            context.Add(FactKeys.PerformanceTests, "locust", evidence);
        else if (name.EndsWith("simulation.scala", StringComparison.Ordinal) || name.EndsWith("simulation.java", StringComparison.Ordinal) || name.EndsWith("simulation.kt", StringComparison.Ordinal))
            context.Add(FactKeys.PerformanceTests, "gatling", evidence);
        else if ((name.EndsWith(".js", StringComparison.Ordinal) || name.EndsWith(".ts", StringComparison.Ordinal)) && file.Size < 256 * 1024
                 && (file.Path.Contains("k6", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("load", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("perf", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("bench", StringComparison.OrdinalIgnoreCase))
                 && context.Snapshot.ReadText(file.Path)?.Contains("from 'k6", StringComparison.Ordinal) == true)
            context.Add(FactKeys.PerformanceTests, "k6", evidence);
        else if ((name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)) && (name.Contains("artillery", StringComparison.Ordinal) || file.Path.Contains("load", StringComparison.OrdinalIgnoreCase))
                 && context.Snapshot.ReadText(file.Path) is { } text && text.Contains("scenarios:", StringComparison.Ordinal) && text.Contains("target:", StringComparison.Ordinal))
            context.Add(FactKeys.PerformanceTests, "artillery", evidence);
    }
}
