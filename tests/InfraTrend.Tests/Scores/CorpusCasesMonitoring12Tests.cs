using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Monitoring cases of the calibration corpus (twelfth round), each rebuilt by hand as a small fixture after the real
/// repositories named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesMonitoring12Tests
{
    private static TestRepository RailsApp(string gems, params (string Path, string Text)[] files)
    {
        var repo = TestRepository.Create()
            .Write("Gemfile", $"source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\ngem \"pg\"\ngem \"puma\"\n{gems}\ngroup :development, :test do\n  gem \"rspec-rails\"\nend\n")
            .Write("config/application.rb", "require_relative \"boot\"\nrequire \"rails/all\"\n\nmodule Ledger\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/routes.rb", "Rails.application.routes.draw do\n  resources :invoices\nend\n")
            .Write("app/controllers/invoices_controller.rb", "class InvoicesController < ApplicationController\n  def index\n    @invoices = Invoice.all\n  end\nend\n");
        foreach (var (path, text) in files)
            repo.Write(path, text);
        return repo;
    }

    [Fact]
    public void A_rails_app_with_appsignal_configured_tracks_errors_and_traces_requests()
    {
        // hackclub/hcb: the appsignal gem in the Gemfile and config/appsignal.yml with a push API key, active in production;
        // nothing calls Appsignal.start (the railtie does). The tool saw no error tracking and no tracing; the auditor
        // called the observability "real: AppSignal is active in production" (78).
        using var repo = RailsApp(
            "gem \"appsignal\" # errors and performance\n",
            ("config/appsignal.yml", "default: &defaults\n  name: \"Ledger\"\n  push_api_key: \"<%= ENV['APPSIGNAL_PUSH_API_KEY'] %>\"\n\nproduction:\n  <<: *defaults\n  active: true\n"));

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var errors = Finding(evaluation, "monitoring.error-tracking").Finding;
        Assert.Equal(FindingStatus.Pass, errors.Status);
        Assert.Contains("appsignal", errors.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "monitoring.tracing").Finding.Status);
    }

    [Fact]
    public void A_rails_app_with_skylight_in_production_is_traced()
    {
        // bikeindex/bike_index, exercism/website, publiclab/plots2: gem "skylight" (in the production group) with
        // config/skylight.yml; the railtie starts the agent. Their auditors count Skylight as the application's APM.
        using var repo = RailsApp(
            "group :production do\n  gem \"skylight\" # performance monitoring\nend\n",
            ("config/skylight.yml", "enable_sidekiq: true\nworker_component: \"sidekiq\"\n"));

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var tracing = Finding(evaluation, "monitoring.tracing").Finding;
        Assert.Equal(FindingStatus.Pass, tracing.Status);
        Assert.Contains("skylight", tracing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rails_app_with_scout_apm_is_traced()
    {
        // codebar/planner, codetriage/CodeTriage: gem "scout_apm", started by its railtie (the key comes from the
        // environment, SCOUT_KEY on the platform).
        using var repo = RailsApp("gem \"scout_apm\"\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var tracing = Finding(evaluation, "monitoring.tracing").Finding;
        Assert.Equal(FindingStatus.Pass, tracing.Status);
        Assert.Contains("scout", tracing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_apm_gem_only_in_the_development_group_traces_nothing()
    {
        // The same agent bundled for development only (a profiler tried locally) is not production monitoring.
        using var repo = RailsApp("group :development do\n  gem \"scout_apm\"\nend\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "monitoring.tracing").Finding.Status);
        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "monitoring.error-tracking").Finding.Status);
    }

    [Fact]
    public void A_helm_chart_that_depends_on_an_alerts_chart_declares_alerting()
    {
        // ministryofjustice/hmpps-manage-users-api: helm_deploy/<app>/Chart.yaml depends on a shared service chart and on
        // a shared Prometheus alerts chart, whose values route the alerts to a channel. The tool saw no alerting; the
        // auditor credited "Prometheus alerts routed to Slack".
        using var repo = RailsApp("")
            .Write("helm_deploy/ledger/Chart.yaml", "apiVersion: v2\nname: ledger\nversion: 0.1.0\n\ndependencies:\n  - name: generic-service\n    version: \"3.2\"\n    repository: https://charts.example.org\n  - name: generic-prometheus-alerts\n    version: \"1.4\"\n    repository: https://charts.example.org\n")
            .Write("helm_deploy/values-prod.yaml", "generic-prometheus-alerts:\n  alertSeverity: ledger-alerts\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var alerting = Finding(evaluation, "monitoring.alerting").Finding;
        Assert.Equal(FindingStatus.Pass, alerting.Status);
        Assert.Contains("helm-alerts-chart", alerting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helm_chart_whose_dependencies_bring_no_alerts_declares_no_alerting()
    {
        // A chart that only depends on a database and a search chart declares no alert rule. Shaped after opengist's
        // chart (dependency lines full of spaces and dashes), on which the first version of the pattern never returned.
        using var repo = RailsApp("")
            .Write("chart/Chart.yaml", "apiVersion: v2\nname: ledger-alerts\nversion: 0.1.0\ndependencies:\n  - name: postgresql\n    repository: oci://registry-1.docker.io/example-charts\n    version: 16.7.27\n    condition: postgresql.enabled\n  - name: meilisearch\n    repository: https://search-charts.example.org/meilisearch-kubernetes-charts\n    version: 0.26.0\n    condition: meilisearch.enabled\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "monitoring.alerting").Finding.Status);
    }
}
