using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Scaling;

[Analyzer(
    "scaling.background-jobs",
    Category = Category.Scaling,
    Level = 5,
    Weight = 1,
    WeightReason = "Background jobs keep slow work out of requests and survive restarts; not every service has such work, so it weighs one point.",
    Severity = Severity.Low,
    Title = "Background jobs",
    LooksFor = "A background job system: BullMQ, Sidekiq, Celery, Hangfire, MassTransit, Asynq, Temporal and the like, or a message queue the application feeds or consumes (Kafka, RabbitMQ, NATS, Azure Service Bus or Queues); a scheduler in the process only (hosted services, @Scheduled, robfig/cron, Quartz, Hangfire on its in-memory storage) earns half." + ProductFacilities.WhichPartLooksFor,
    WhyItMatters = "Slow work done inside a request (emails, exports, webhooks) makes the request slow and is lost when the process restarts.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class BackgroundJobsAnalyzer : IAnalyzer
{
    public const string Scheduler = "scheduler";

    /// <summary>Hangfire kept on its in-memory storage: the queue lives and dies with the process.</summary>
    public const string HangfireInMemory = "hangfire-in-memory";

    /// <summary>
    /// Job systems that run work on a timer inside the application's own process: a hosted service or @Scheduled method,
    /// Quartz (a cron scheduler, as go-quartz is; yangzongzhuan/RuoYi's ruoyi-quartz module, which the auditors call a
    /// template feature beside no queue), Hangfire on its in-memory storage (neozhu/CleanArchitectureWithBlazorServer).
    /// </summary>
    private static readonly HashSet<string> InProcess = new(StringComparer.Ordinal) { Scheduler, "quartz", HangfireInMemory };

    private const string RemediationText = "Move slow or retryable work (emails, exports, webhooks) to a job queue with retries.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (FrontEndParts.NotJudged(context) is { } frontEnd)
            return [frontEnd];

        var (found, evidence) = ProductFacilities.Of(context, FactKeys.BackgroundJobs);
        // A scheduler in the process (hosted services, @Scheduled, cron) runs work off the request, but without a queue
        // nothing retries it or spreads it over instances.
        if (found.Count > 0 && found.All(InProcess.Contains))
            return [context.Partial(0.5, "The application runs scheduled work in its own process, with no job queue: nothing retries a failed job or spreads the work over instances.", "Move slow or retryable work to a job queue with retries.", evidence)];
        if (found.Count > 0)
            return [context.Pass($"The application runs background jobs with {string.Join(", ", found)}.", evidence)];
        return [context.Fail("The application runs no background job system: slow work happens inside requests.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context) =>
        context.Stack.Ecosystem switch
        {
            "node" => $"{context.Stack.AddPackage(node: "bullmq")}, then new Queue('emails') to enqueue and a new Worker('emails', handler) process to run them",
            "dotnet" => $"{context.Stack.AddPackage(dotnet: "Hangfire.AspNetCore")} (plus a storage package such as Hangfire.PostgreSql), then builder.Services.AddHangfire(...) and AddHangfireServer(), or a BackgroundService reading a queue",
            "python" => $"{context.Stack.AddPackage(python: "celery[redis]")}, then @app.task functions called with .delay() and a celery worker process",
            "go" => $"{context.Stack.AddPackage(go: "github.com/hibiken/asynq")}, then enqueue tasks with an asynq.Client and run an asynq.Server",
            "ruby" => $"{context.Stack.AddPackage(ruby: "sidekiq")}, then jobs with perform_async (or solid_queue with Active Job on Rails 8)",
            "java" => $"{context.Stack.AddPackage(java: "org.springframework.boot:spring-boot-starter-quartz")}, or a message queue consumer for work triggered by requests",
            _ => RemediationText,
        };
}
