using InfraTrend.Facts;
using InfraTrend.Facts.Deployment;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Scaling;

[Analyzer(
    "scaling.autoscaling",
    Category = Category.Scaling,
    Level = 4,
    Weight = 1,
    WeightReason = "Autoscaling is the step from a fixed size to capacity that follows the load; it weighs one point, like each of the other scaling practices.",
    Severity = Severity.Low,
    Title = "Autoscaling and disruption budgets",
    LooksFor = "For Kubernetes workloads: an autoscaler (HorizontalPodAutoscaler, KEDA ScaledObject, VerticalPodAutoscaler, or a Helm chart's autoscaling turned on) and a PodDisruptionBudget. One of the two earns half, and so does a fixed count of two or more replicas declared in the manifests or the chart's values files (three quarters beside a disruption budget); a Helm chart whose autoscaler template its default values leave off, or whose values configure the autoscaler of the shared chart it depends on (a maxReplicas) and leave it off, earns a quarter (three quarters beside a disruption budget). Without Kubernetes, a cloud autoscaler declared as code (Terraform or Terragrunt autoscaling, a CloudFormation scaling group or policy, ARM autoscale settings, Knative, App Engine automatic_scaling) passes, and a deployed application with no autoscaling declared fails; a repository that deploys nothing is not judged.",
    WhyItMatters = "A fixed replica count is too many at night and too few at the peak, and without a disruption budget a node drain can take every replica down at once.",
    Remediation = "Add a HorizontalPodAutoscaler on CPU (or the queue length, with KEDA) for each serving workload, and a PodDisruptionBudget with minAvailable: 1.")]
public sealed class AutoscalingAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var workloads = context.Repository.Objects(FactKeys.KubernetesWorkloads);
        var autoscalers = context.Repository.List(FactKeys.Autoscaling);
        var budgets = context.Repository.Number(FactKeys.DisruptionBudgets);
        if (workloads.Count == 0 && autoscalers.Count == 0 && budgets == 0)
        {
            // Without Kubernetes, a deployed service still either declares how it scales or runs a fixed size: auditors
            // hold the second against it. A repository that deploys nothing (a library, a tool) is not judged.
            var platforms = context.Repository.List(FactKeys.Platforms);
            if (platforms.Count == 0)
                return [context.NotApplicable("Nothing in the repository deploys the application: scaling is the operators'.")];
            return [context.Fail($"Nothing scales the application with load: it is deployed through {string.Join(", ", platforms)} at a fixed size, with no autoscaler declared.", "Declare autoscaling where it runs (a HorizontalPodAutoscaler in the Helm chart, or the platform's autoscaling settings) with a floor of two instances.", context.EvidenceOf(FactKeys.Platforms))];
        }

        var evidence = context.EvidenceOf(FactKeys.Autoscaling, FactKeys.DisruptionBudgets);
        // A workload kept at several replicas (replicaCount: 4 in the production values) already runs as a set that
        // survives the loss of one and shares the load; what an autoscaler adds is following the load. Auditors credit
        // such a fixed set about as a disruption budget.
        var replicas = workloads.Select(w => (int?)w["replicas"] ?? 0).DefaultIfEmpty(0).Max();
        var several = replicas >= 2 ? $"runs {replicas} replicas" : null;
        // A Helm chart that ships an autoscaler its default values leave off: scaling the operator can turn on counts
        // half of one that runs.
        if (autoscalers.Count > 0 && autoscalers.All(a => a == KubernetesFacts.AutoscalerOptional))
        {
            if (budgets == 0 && several is not null)
                return [context.Partial(0.5, $"The application {several} at a fixed count, and its chart ships an autoscaler its default values leave off; no PodDisruptionBudget keeps replicas up through a node drain.", "Turn the chart's autoscaling on by default (autoscaling.enabled: true) and add a PodDisruptionBudget with minAvailable: 1.", evidence.Concat(context.EvidenceOf(FactKeys.KubernetesWorkloads)).ToList())];
            return budgets > 0
                ? [context.Partial(0.75, $"The chart keeps replicas up through disruptions ({budgets} PodDisruptionBudget{(budgets == 1 ? "" : "s")}) and ships an autoscaler, but its default values leave the autoscaler off.", "Turn the chart's autoscaling on by default (autoscaling.enabled: true) with a floor of two replicas.", evidence)]
                : [context.Partial(0.25, "The chart ships an autoscaler template, but its default values leave it off, and no PodDisruptionBudget keeps replicas up through a node drain.", "Turn the chart's autoscaling on by default (autoscaling.enabled: true) and add a PodDisruptionBudget with minAvailable: 1.", evidence)];
        }
        if (autoscalers.Count > 0 && budgets > 0)
            return [context.Pass($"The workloads scale with {string.Join(", ", autoscalers)} and keep replicas up through disruptions ({budgets} PodDisruptionBudget{(budgets == 1 ? "" : "s")}).", evidence)];
        // A cloud autoscaler outside Kubernetes (an ECS service's scaling policy, an autoscaling group) has no pods to drain.
        if (autoscalers.Count > 0 && workloads.Count == 0)
            return [context.Pass($"The application scales with load: {string.Join(", ", autoscalers)} autoscaling is declared where it runs.", evidence)];
        if (autoscalers.Count > 0)
            return [context.Partial(0.5, $"The workloads scale with {string.Join(", ", autoscalers)}, but no PodDisruptionBudget keeps replicas up through a node drain.", "Add a PodDisruptionBudget (minAvailable: 1) for each serving workload.", evidence)];
        if (budgets > 0 && several is not null)
            return [context.Partial(0.75, $"The application {several} and a PodDisruptionBudget keeps them up through disruptions, but nothing scales them with load.", "Add a HorizontalPodAutoscaler on CPU (or KEDA on the queue length) for each serving workload.", evidence.Concat(context.EvidenceOf(FactKeys.KubernetesWorkloads)).ToList())];
        if (budgets > 0)
            return [context.Partial(0.5, "A PodDisruptionBudget keeps replicas up through disruptions, but nothing scales the workloads with load.", "Add a HorizontalPodAutoscaler on CPU (or KEDA on the queue length) for each serving workload.", evidence)];
        if (several is not null)
            return [context.Partial(0.5, $"The application {several} at a fixed count: it survives the loss of one and shares the load, but nothing scales it with load and no PodDisruptionBudget keeps replicas up through a node drain.", "Add a HorizontalPodAutoscaler on CPU (or KEDA on the queue length) and a PodDisruptionBudget with minAvailable: 1 for each serving workload.", context.EvidenceOf(FactKeys.KubernetesWorkloads))];
        return [context.Fail("The Kubernetes workloads run a fixed number of replicas: no autoscaler and no PodDisruptionBudget.", "Add a HorizontalPodAutoscaler on CPU (or KEDA on the queue length) and a PodDisruptionBudget with minAvailable: 1 for each serving workload.", context.EvidenceOf(FactKeys.KubernetesWorkloads))];
    }
}
