namespace InfraTrend.Facts;

public enum FactKind
{
    /// <summary>A sorted list of identifiers; merged as a union.</summary>
    List,
    /// <summary>true/false; merged with OR.</summary>
    Bool,
    /// <summary>true/false or null where the question does not apply.</summary>
    NullableBool,
    /// <summary>A whole number; merged as a sum.</summary>
    Number,
    /// <summary>A string or null; the first found wins.</summary>
    Text,
    /// <summary>An object of name -> string (or null); the first found per name wins.</summary>
    Map,
    /// <summary>A list of objects; merged by concatenation.</summary>
    Objects,
}

/// <summary>Where a fact belongs: to the repository as a whole, or to the deployable part whose files show it.</summary>
public enum FactScope
{
    Repository,
    Part,
}

public sealed record FactKey(string Name, FactKind Kind, FactScope Scope, string Description);

/// <summary>
/// The catalogue of facts every audit reports (the contract in facts.md): scripts, the history and the
/// analyzers rely on these names, so a key is never renamed without bumping the JSON schemaVersion.
/// </summary>
public static class FactKeys
{
    public const string Languages = "stack.languages";
    public const string Frameworks = "stack.frameworks";
    public const string SourceFiles = "stack.sourceFiles";
    public const string Runtimes = "stack.runtimes";
    public const string Sdks = "stack.sdks";
    public const string RuntimeSources = "stack.runtimeSources";
    public const string PackageManagers = "stack.packageManagers";
    public const string Lockfiles = "stack.lockfiles";

    public const string Platforms = "deployment.platforms";
    public const string ProcfileProcesses = "deployment.procfileProcesses";
    public const string RuntimePinned = "deployment.runtimePinned";
    public const string Dockerfiles = "deployment.dockerfiles";
    public const string AutoDeploy = "deployment.autoDeploy";
    public const string PlatformHealthCheck = "deployment.platformHealthCheck";
    public const string ManagedDatabase = "deployment.managedDatabase";
    public const string ResourceLimits = "deployment.resourceLimits";
    public const string HttpsByPlatform = "deployment.httpsByPlatform";
    public const string TlsTermination = "deployment.tlsTermination";
    public const string TlsProxyDocumented = "deployment.tlsProxyDocumented";
    public const string KubernetesWorkloads = "deployment.k8sWorkloads";
    public const string Autoscaling = "deployment.autoscaling";
    public const string DisruptionBudgets = "deployment.disruptionBudgets";

    public const string CiSystems = "ci.systems";
    public const string WorkflowFiles = "ci.workflowFiles";
    public const string RunsBuild = "ci.runsBuild";
    public const string RunsTests = "ci.runsTests";
    public const string RunsLint = "ci.runsLint";
    public const string RunsTypecheck = "ci.runsTypecheck";
    public const string Deploys = "ci.deploys";
    public const string Publishes = "ci.publishes";
    public const string SupplyChain = "ci.supplyChain";
    public const string SecurityScanners = "ci.securityScanners";
    public const string DependencyBot = "ci.dependencyBot";
    public const string ActionsPinnedBySha = "ci.actionsPinnedBySha";
    public const string WorkflowPermissionsSet = "ci.workflowPermissionsSet";
    public const string RunsMigrations = "ci.runsMigrations";
    public const string ChecksMigrations = "ci.checksMigrations";
    public const string RunsIntegrationTests = "ci.runsIntegrationTests";
    public const string RemoteWorkflows = "ci.remoteWorkflows";
    public const string DeployGated = "ci.deployGated";
    public const string JobTimeouts = "ci.jobTimeouts";
    public const string Caching = "ci.caching";

    public const string ErrorTracking = "monitoring.errorTracking";
    public const string Tracing = "monitoring.tracing";
    public const string Metrics = "monitoring.metrics";
    public const string StructuredLogging = "monitoring.structuredLogging";
    public const string StructuredOutput = "monitoring.structuredOutput";
    public const string FrameworkLogging = "monitoring.frameworkLogging";
    public const string HealthEndpoint = "monitoring.healthEndpoint";
    public const string HealthRoutes = "monitoring.healthRoutes";
    public const string ConsoleLogCalls = "monitoring.consoleLogCalls";
    public const string LoggerInRepository = "monitoring.loggerInRepository";
    public const string SignalsInRepository = "monitoring.signalsInRepository";
    public const string Alerting = "monitoring.alerting";
    public const string ErrorTrackingWiring = "monitoring.errorTrackingWiring";
    public const string TracingWiring = "monitoring.tracingWiring";

    public const string SecurityHeaders = "security.headers";
    public const string RateLimiting = "security.rateLimiting";
    public const string CorsConfigured = "security.corsConfigured";
    public const string CorsPermissive = "security.corsPermissive";
    public const string Auth = "security.auth";
    public const string AccountHardening = "security.accountHardening";
    public const string SecurityPolicy = "security.securityPolicy";
    public const string EnvFileCommitted = "security.envFileCommitted";
    public const string EnvExample = "security.envExample";
    public const string ConfigSources = "security.configSources";
    public const string ConfigDocs = "security.configDocs";
    public const string HttpsEnforced = "security.httpsEnforced";
    public const string CommittedSecrets = "security.committedSecrets";
    public const string PossibleSecrets = "security.possibleSecrets";

    public const string MigrationTools = "database.migrationTools";
    public const string MigrationCount = "database.migrationCount";
    public const string SeedScript = "database.seedScript";
    public const string MigrationsAppliedAt = "database.migrationsAppliedAt";
    public const string DatabaseEngines = "database.engines";
    public const string Backups = "database.backups";
    public const string MigrationGuards = "database.migrationGuards";

    public const string Readme = "operations.readme";
    public const string License = "operations.license";
    public const string Contributing = "operations.contributing";
    public const string Changelog = "operations.changelog";
    public const string Codeowners = "operations.codeowners";
    public const string Runbooks = "operations.runbooks";
    public const string IncidentResponse = "operations.incidentResponse";
    public const string ArchitectureDocs = "operations.architectureDocs";
    public const string DisasterRecovery = "operations.disasterRecovery";
    public const string ApiDocs = "operations.apiDocs";
    public const string ReadmeSections = "operations.readmeSections";
    public const string Slos = "operations.slos";
    public const string TargetsDeclared = "operations.targetsDeclared";
    public const string PrTemplate = "operations.prTemplate";
    public const string Troubleshooting = "operations.troubleshooting";
    public const string DeploymentDocs = "operations.deploymentDocs";
    public const string OperatorDocTopics = "operations.operatorDocTopics";
    public const string ReadmeDeploymentProcedure = "operations.readmeDeploymentProcedure";

    public const string Cache = "scaling.cache";
    public const string BackgroundJobs = "scaling.backgroundJobs";
    public const string ObjectStorage = "scaling.objectStorage";
    public const string ClusterDesign = "scaling.clusterDesign";

    public const string TestFrameworks = "testing.frameworks";
    public const string TestFiles = "testing.testFiles";
    public const string TestedThrough = "testing.testedThrough";
    public const string PerformanceTests = "testing.performanceTests";
    public const string Coverage = "testing.coverage";
    public const string EndToEndTests = "testing.endToEnd";

    private static FactKey R(string name, FactKind kind, string description) => new(name, kind, FactScope.Repository, description);

    private static FactKey P(string name, FactKind kind, string description) => new(name, kind, FactScope.Part, description);

    /// <summary>Every fact, in the order reports list them.</summary>
    public static readonly IReadOnlyList<FactKey> All =
    [
        P(Languages, FactKind.List, "languages of the application code"),
        P(Frameworks, FactKind.List, "application frameworks"),
        P(SourceFiles, FactKind.Number, "application source files (test, generated, vendored and example code left out)"),
        R(Runtimes, FactKind.Map, "runtime -> version the application is built or deployed with"),
        R(Sdks, FactKind.Map, "SDK -> pinned version (global.json)"),
        R(RuntimeSources, FactKind.Objects, "every place a runtime version is pinned"),
        R(PackageManagers, FactKind.Map, "package manager -> version or null"),
        R(Lockfiles, FactKind.List, "lockfiles committed"),
        R(Platforms, FactKind.List, "deployment platforms and IaC tools configured"),
        R(ProcfileProcesses, FactKind.List, "the process types a Procfile declares (web, worker, release...), commented-out ones left out"),
        R(RuntimePinned, FactKind.Bool, "the runtime version is pinned where the app is built or deployed"),
        R(Dockerfiles, FactKind.Objects, "each Dockerfile and what it does"),
        R(AutoDeploy, FactKind.Bool, "a platform deploys on push (declared)"),
        R(PlatformHealthCheck, FactKind.List, "health check paths a platform or orchestrator probes"),
        R(ManagedDatabase, FactKind.List, "managed databases declared by a platform (with its managed backups)"),
        R(ResourceLimits, FactKind.Bool, "resource limits or instance sizes are declared"),
        R(HttpsByPlatform, FactKind.Bool, "the platform terminates TLS (declared)"),
        R(TlsTermination, FactKind.List, "proxies and ingresses the repository configures to terminate TLS: nginx, apache, haproxy (a certificate), caddy (HTTPS by default), traefik (a certificate resolver), ingress (a tls section), cert-manager"),
        R(TlsProxyDocumented, FactKind.Bool, "the documentation tells operators to put the application behind a proxy that terminates TLS (a paragraph naming a reverse proxy and HTTPS or TLS)"),
        R(KubernetesWorkloads, FactKind.Objects, "each Kubernetes workload (a manifest's Deployment, StatefulSet, Job... or a Helm chart's values) with its resource limits, probes, non-root security context and fixed replica count"),
        R(Autoscaling, FactKind.List, "autoscalers declared for the workloads: hpa (a HorizontalPodAutoscaler, or a Helm chart's autoscaling turned on in its values), hpa-optional (a Helm chart's autoscaler template that its default values leave off), keda (a ScaledObject), vpa, cloud (a cloud autoscaler declared as code: Terraform or Terragrunt autoscaling resources and scaling blocks, CloudFormation scaling groups and policies, ARM autoscale settings, Knative max scale, App Engine automatic_scaling)"),
        R(DisruptionBudgets, FactKind.Number, "PodDisruptionBudgets declared (a manifest's, or a Helm chart's turned on in its values)"),
        R(CiSystems, FactKind.List, "CI systems configured"),
        R(WorkflowFiles, FactKind.Number, "number of pipeline definition files"),
        R(RunsBuild, FactKind.Bool, "a pipeline builds the code"),
        R(RunsTests, FactKind.Bool, "a pipeline runs tests"),
        R(RunsLint, FactKind.Bool, "a pipeline runs a linter"),
        R(RunsTypecheck, FactKind.Bool, "a pipeline runs a type check"),
        R(Deploys, FactKind.Bool, "a pipeline deploys"),
        R(Publishes, FactKind.Bool, "a pipeline publishes a release artifact on a push, tag or release (an image pushed to a registry, a package uploaded to its registry, a GitHub release), not only on pull requests"),
        R(SecurityScanners, FactKind.List, "security scanners a pipeline runs"),
        R(SupplyChain, FactKind.List, "what a pipeline or the build adds to its artifacts: signing (cosign sign, notation), sbom (syft, CycloneDX, buildx --sbom, a release tool's sboms), provenance (attest-build-provenance, the SLSA generator, buildx --provenance)"),
        R(DependencyBot, FactKind.Text, "dependabot, renovate or null"),
        R(ActionsPinnedBySha, FactKind.Text, "all, some, none, or null without third-party actions"),
        R(WorkflowPermissionsSet, FactKind.NullableBool, "every GitHub workflow (or each of its jobs) sets permissions"),
        R(RunsMigrations, FactKind.Bool, "a pipeline applies database migrations"),
        R(ChecksMigrations, FactKind.Bool, "a pipeline checks migrations against the schema"),
        R(RunsIntegrationTests, FactKind.Bool, "a pipeline tests against real services or a started application: a testing job with service containers, or whose steps or name run an e2e, integration, system, smoke, API or acceptance suite (playwright, cypress, selenium, docker compose up), or tests whose manifest declares Testcontainers"),
        R(RemoteWorkflows, FactKind.List, "other repositories' reusable workflows that a GitHub workflow's jobs call (`org/shared/.github/workflows/run-tests.yml@main`): they are not read, so what they run is taken from their file names and the call's inputs"),
        R(DeployGated, FactKind.NullableBool, "every pipeline deploy waits for the tests (same job after them, or a job it needs), or null without a pipeline deploy"),
        R(JobTimeouts, FactKind.NullableBool, "every pipeline job whose system would let it run for hours has a timeout (GitHub Actions timeout-minutes, Azure timeoutInMinutes, Buildkite timeout_in_minutes, a Jenkins timeout), or null without such jobs"),
        R(Caching, FactKind.Bool, "a pipeline caches dependencies or build output between runs"),
        P(ErrorTracking, FactKind.List, "error tracking services the application initialises"),
        P(Tracing, FactKind.List, "tracing and APM agents"),
        P(Metrics, FactKind.List, "application metrics libraries"),
        P(StructuredLogging, FactKind.List, "logging libraries configured and used"),
        P(StructuredOutput, FactKind.Bool, "logs are written in a structured format (JSON formatter or structured logger)"),
        P(FrameworkLogging, FactKind.List, "logging libraries the part logs through only as its web framework sets them up, with no logging configuration of its own (Rails' logger, Spring Boot's logback, ASP.NET Core's console logger)"),
        P(HealthEndpoint, FactKind.Bool, "the app serves a health route, or the platform checks one"),
        P(HealthRoutes, FactKind.List, "health routes the application serves"),
        P(ConsoleLogCalls, FactKind.Number, "console.* / print / Console.Write* / fmt.Print* / puts calls in application source"),
        R(LoggerInRepository, FactKind.Bool, "some service, worker or app of the repository logs through a logging library or a logger module of its own"),
        R(SignalsInRepository, FactKind.Map, "error tracking, tracing or metrics a part of a repository of several parts sets up -> that part's path and what it uses"),
        R(Alerting, FactKind.List, "uptime checks and alert rules declared in the repository"),
        P(ErrorTrackingWiring, FactKind.Map, "error tracking SDK -> which of dependency, init, dsn were found"),
        P(TracingWiring, FactKind.Map, "tracing agent -> which of dependency, init were found"),
        P(SecurityHeaders, FactKind.List, "security header middleware"),
        P(RateLimiting, FactKind.Bool, "rate limiting is configured"),
        P(CorsConfigured, FactKind.Bool, "CORS is set with explicit origins"),
        P(CorsPermissive, FactKind.Bool, "CORS is enabled with defaults or a wildcard origin"),
        P(Auth, FactKind.List, "authentication mechanisms"),
        P(AccountHardening, FactKind.List, "what the application adds to authentication: second-factor (TOTP, WebAuthn), authorization (roles, permissions, policies)"),
        R(SecurityPolicy, FactKind.Bool, "SECURITY.md or .github/SECURITY.md"),
        R(EnvFileCommitted, FactKind.Bool, "a real .env (not an example) holding a secret is tracked"),
        R(EnvExample, FactKind.Bool, "an example env file is committed"),
        R(ConfigSources, FactKind.List, "where the application reads its configuration: environment (code reading environment variables), appsettings.json, spring configuration, settings module"),
        R(ConfigDocs, FactKind.List, "where the configuration is written down: sample config, configuration reference (a page listing settings or variables), appsettings.json, spring configuration, settings module, rails config, helm values, flags with environment variables"),
        P(HttpsEnforced, FactKind.Bool, "the application redirects to HTTPS or sends HSTS"),
        R(CommittedSecrets, FactKind.Number, "lines holding a real secret in committed files: a known token shape, or a random-looking literal credential outside pipelines and development, test or example settings"),
        R(PossibleSecrets, FactKind.Number, "lines holding a placeholder or throwaway credential: CI service container and local database passwords, development defaults, change-me words, low-entropy values (never a failure)"),
        P(MigrationTools, FactKind.List, "database migration tools"),
        P(MigrationCount, FactKind.Number, "migrations, as each tool counts them"),
        P(SeedScript, FactKind.Bool, "a database seed script exists"),
        R(MigrationsAppliedAt, FactKind.List, "where migrations are applied: start, build, pipeline"),
        P(DatabaseEngines, FactKind.List, "database engines the application uses"),
        P(MigrationGuards, FactKind.List, "what guards the migrations short of a pipeline check: tests (tests that run the migrations), linter (strong_migrations, django-migration-linter, squawk)"),
        R(Backups, FactKind.List, "how the database is backed up: script (a committed backup script or job), scheduled (run on a schedule), docs (a documented backup and restore procedure), built-in (the application's own backup command or service)"),
        R(Readme, FactKind.Bool, "a README"),
        R(License, FactKind.Bool, "a LICENSE"),
        R(Contributing, FactKind.Bool, "a CONTRIBUTING guide"),
        R(Changelog, FactKind.Bool, "a CHANGELOG"),
        R(Codeowners, FactKind.Bool, "a CODEOWNERS file"),
        R(Runbooks, FactKind.Bool, "a runbook"),
        R(IncidentResponse, FactKind.Bool, "an incident response document"),
        R(ArchitectureDocs, FactKind.Bool, "an architecture document"),
        R(DisasterRecovery, FactKind.Bool, "a disaster recovery or backup/restore document"),
        R(ApiDocs, FactKind.List, "API descriptions: openapi, swagger, graphql-schema, postman"),
        R(ReadmeSections, FactKind.List, "what the README covers: install, run, test, deploy, configuration"),
        R(Slos, FactKind.Bool, "service level objectives are documented"),
        R(TargetsDeclared, FactKind.Bool, "improvement targets are declared in .infratrend.yml"),
        R(PrTemplate, FactKind.Bool, "a pull (or merge) request template"),
        R(Troubleshooting, FactKind.Bool, "a troubleshooting guide or FAQ for operating the application"),
        R(DeploymentDocs, FactKind.List, "documents (beside the README) on installing, deploying, upgrading or self-hosting the application, by path (at most five)"),
        R(ReadmeDeploymentProcedure, FactKind.Bool, "the README's deployment sections write the procedure out: 30 non-blank lines or more under headings about deploying, production, hosting or releasing"),
        R(OperatorDocTopics, FactKind.List, "the operator topics the repository's documentation pages cover, by page path in any docs folder: install (installing, deploying, self-hosting), upgrade, backup (backup and restore), admin (administration, maintenance), configuration, troubleshooting"),
        P(Cache, FactKind.List, "caches the application uses"),
        P(BackgroundJobs, FactKind.List, "background job systems"),
        P(ObjectStorage, FactKind.List, "object storage services"),
        R(ClusterDesign, FactKind.List, "how the application is built to run as a cluster of instances: a coordination library it depends on (hazelcast, raft, jraft, curator, jgroups, shedlock, redisson, redlock, redsync, distributed-lock, socket.io-redis-adapter, memberlist, service-discovery: a Spring Cloud discovery client, orleans, signalr-backplane) or a document or configuration of its cluster or high-availability mode (cluster-docs: a guide named so or a documentation section headed so; cluster-config)"),
        P(TestFrameworks, FactKind.List, "test frameworks"),
        P(TestFiles, FactKind.Number, "test files"),
        P(TestedThrough, FactKind.List, "test projects, counted for another part, that test code this part is built from (a .NET test project that references a library the part references): by project name"),
        R(PerformanceTests, FactKind.List, "load or performance test tools with scripts in the repository"),
        R(EndToEndTests, FactKind.List, "end-to-end test runners the repository keeps suites or configuration for: playwright, cypress, selenium, capybara (system tests), testcafe, webdriverio, selenide, rod, chromedp, nightwatch, codeceptjs, e2e-suite (test code in a folder named e2e, e2e_tests or end-to-end)"),
        R(Coverage, FactKind.List, "what measures test coverage in the build or a pipeline: codecov, coveralls, sonar, coverlet, jacoco, simplecov, coverage.py, go-cover, istanbul (nyc, c8, --coverage)"),
    ];

    private static readonly Dictionary<string, FactKey> ByName = All.ToDictionary(k => k.Name);

    public static FactKey Get(string name) =>
        ByName.TryGetValue(name, out var key) ? key : throw new ArgumentException($"unknown fact key '{name}'", nameof(name));

    public static bool IsKnown(string name) => ByName.ContainsKey(name);
}
