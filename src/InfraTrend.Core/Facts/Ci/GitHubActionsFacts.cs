using System.Text.RegularExpressions;
using InfraTrend.Facts.Java;
using InfraTrend.Facts.Ruby;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Ci;

/// <summary>
/// GitHub Actions workflows parsed with YamlDotNet into jobs and steps: what each step runs (following package
/// scripts, composite actions and local reusable workflows), the runtimes its setup steps and containers pin, whether
/// third-party actions are pinned by SHA, permissions, job timeouts and caching.
/// </summary>
// Adds to stack.packageManagers, stack.runtimeSources after them: the report keeps the order they were found in.
[FactSource(After = [typeof(RubyManifestFacts), typeof(JavaManifestFacts)])]
public sealed partial class GitHubActionsFacts : IFactSource
{
    [GeneratedRegex(@"^[0-9a-f]{40}$")]
    private static partial Regex FullSha();

    [GeneratedRegex(@"\$\{\{\s*matrix\.([A-Za-z0-9_\-]+)\s*\}\}")]
    private static partial Regex MatrixReference();

    [GeneratedRegex(@"^(postgres(ql)?|pg|mysql|mariadb|mongo(db)?|mssql|sql-?server|cockroach(db)?|oracle)([-:@ ]?[0-9.]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseEngine();

    private static readonly (string Action, string Input, string Runtime)[] SetupActions =
    [
        ("actions/setup-node", "node-version", "node"),
        ("actions/setup-dotnet", "dotnet-version", "dotnet"),
        ("actions/setup-python", "python-version", "python"),
        ("actions/setup-go", "go-version", "go"),
        ("ruby/setup-ruby", "ruby-version", "ruby"),
        ("actions/setup-java", "java-version", "java"),
        ("oven-sh/setup-bun", "bun-version", "bun"),
        ("denoland/setup-deno", "deno-version", "deno"),
        ("shivammathur/setup-php", "php-version", "php"),
        ("astral-sh/setup-uv", "python-version", "python"),
    ];

    /// <summary>What a workflow (or a composite action) does, for the jobs that call it.</summary>
    private sealed record Summary(bool Tests, IReadOnlyList<(Evidence Evidence, bool TestedBefore)> Deploys);

    private sealed class Walk(FactContext context, ScriptIndex scripts)
    {
        public FactContext Context { get; } = context;
        public ScriptIndex Scripts { get; } = scripts;
        public int ThirdParty;
        public int Pinned;
        public HashSet<string> CountedActionFiles { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Summary> Workflows { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, CommandActivities> Actions { get; } = new(StringComparer.Ordinal);
        public HashSet<string> InProgress { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> ByName { get; } = new(StringComparer.Ordinal);
    }

    public void Collect(FactContext context)
    {
        CodeQlDefaultSetup(context);
        var workflows = context.Snapshot.Files
            .Where(f => f.Path.StartsWith(".github/workflows/", StringComparison.Ordinal) && f.Path.Count(c => c == '/') == 2
                        && (f.Path.EndsWith(".yml", StringComparison.Ordinal) || f.Path.EndsWith(".yaml", StringComparison.Ordinal)))
            .ToList();
        if (workflows.Count == 0)
            return;

        var walk = new Walk(context, ScriptIndex.Of(context));
        foreach (var file in workflows)
        {
            if (YamlDocuments.Root(context, file.Path).Scalar("name") is { } name)
                walk.ByName.TryAdd(name, file.Path);
        }
        foreach (var file in workflows)
        {
            var fileEvidence = new Evidence(file.Path, 0);
            context.Add(FactKeys.CiSystems, "github-actions", fileEvidence);
            context.Count(FactKeys.WorkflowFiles, 1, fileEvidence);
            Workflow(walk, file.Path, record: true);
        }

        context.SetText(
            FactKeys.ActionsPinnedBySha,
            walk.ThirdParty == 0 ? null : walk.Pinned == walk.ThirdParty ? "all" : walk.Pinned == 0 ? "none" : "some",
            new Evidence(workflows[0].Path, 0));
    }

    /// <summary>
    /// CodeQL's default setup runs with no workflow file; a repository shows it by the badge of its dynamic workflow
    /// (actions/workflows/github-code-scanning/codeql/badge.svg) in the README or the security policy.
    /// </summary>
    private static void CodeQlDefaultSetup(FactContext context)
    {
        foreach (var path in new[] { "README.md", "readme.md", "README.rst", "SECURITY.md", ".github/SECURITY.md" })
        {
            if (context.Snapshot.ReadText(path) is { } text && TextLines.Find(text, "workflows/github-code-scanning/codeql") is > 0 and var line)
                context.Add(FactKeys.SecurityScanners, "codeql", new Evidence(path, line));
        }
    }

    /// <summary>
    /// Reads one workflow: records what its steps do (once, when <paramref name="record"/>), and returns whether it tests
    /// and where it deploys, so a job that calls it as a reusable workflow can be judged with it.
    /// </summary>
    private static Summary Workflow(Walk walk, string path, bool record)
    {
        // Each workflow is recorded once, from Collect; a caller may read its summary before or after that.
        if (!record && walk.Workflows.TryGetValue(path, out var known))
            return known;
        if (!walk.InProgress.Add(path))
            return new Summary(false, []);
        var context = walk.Context;
        var root = YamlDocuments.Root(context, path);
        if (root is null)
        {
            walk.InProgress.Remove(path);
            return walk.Workflows[path] = new Summary(false, []);
        }

        var jobs = root.Get("jobs").Entries().ToList();
        var everyJobHasPermissions = jobs.Count > 0 && jobs.All(j => j.Value.Get("permissions") is not null);
        // A reusable workflow that only runs when called is gated by its callers, not on its own, and its token
        // gets the permissions its caller grants.
        var onlyCalled = Triggers(root).All(t => t == "workflow_call") && Triggers(root).Any();
        if (record && !onlyCalled)
            context.Flag(FactKeys.WorkflowPermissionsSet, new Evidence(path, root.Get("permissions")?.Line() ?? 0), root.Get("permissions") is not null || everyJobHasPermissions);
        // A workflow that runs when another completes successfully (workflow_run) is gated by that one's tests.
        var afterTestedRun = AfterSuccessfulRunOf(walk, path, root).Any(upstream => Workflow(walk, upstream, record: false).Tests);
        var testJobs = new HashSet<string>(StringComparer.Ordinal);
        var deploySteps = new List<(string Job, bool TestedBefore, Evidence Evidence)>();
        var unboundedJob = (Evidence?)null;
        var boundedJobs = 0;
        var docsWorkflow = DocsPipelines.IsDocs(path) || DocsPipelines.IsDocs(root.Scalar("name") ?? "");
        // A workflow that runs only for pull requests publishes previews at most, never a release.
        var pullRequestsOnly = Triggers(root).Any() && Triggers(root).All(t => t is "pull_request" or "pull_request_target" or "merge_group");
        foreach (var (jobName, job) in jobs)
        {
            var testedSoFar = false;
            var integrationStep = (Evidence?)null;
            // Deploying to a cluster the job itself creates (kind, minikube, k3d) is an end-to-end test, not a deploy.
            var docs = docsWorkflow || DocsPipelines.IsDocs(jobName) || DocsPipelines.IsDocs(job.Scalar("name") ?? "")
                || job.Get("steps").Items().Any(s => DocsPipelines.IsThrowawayCluster(s.Scalar("uses") ?? s.Scalar("run") ?? ""));
            if (job.Scalar("uses") is { } reusable)
            {
                if (record)
                    CountAction(walk, reusable);
                if (LocalPath(reusable) is { } called && called.StartsWith(".github/workflows/", StringComparison.Ordinal))
                {
                    var summary = Workflow(walk, called, record: false);
                    foreach (var (evidence, testedBefore) in docs ? [] : summary.Deploys)
                        deploySteps.Add((jobName, testedBefore, evidence));
                    testedSoFar = summary.Tests || WithInputs(walk, called, job.Get("with"), new Evidence(path, job.Line()), record).Test;
                }
                else if (record && LocalPath(reusable) is null)
                {
                    // Another repository's reusable workflow: what its name says it runs (CommandClassifier.RemoteWorkflow),
                    // credited at the `uses:` line and listed as not read.
                    var with = job.Get("with");
                    var remote = CommandClassifier.RemoteWorkflow(reusable, string.Join('\n', with.Entries().Select(e => $"{e.Key}: {e.Value.Scalar()}")));
                    if (docs)
                        remote = DocsPipelines.WithoutDeploy(remote);
                    if (pullRequestsOnly)
                        remote = remote with { Publish = false };
                    var call = new Evidence(path, job.Get("uses")!.Line());
                    context.Add(FactKeys.RemoteWorkflows, reusable, call);
                    PipelineRecorder.Record(context, remote, call);
                    testedSoFar = remote.Test;
                    // The job's own name says what suite the call runs (pay-ledger's "Integration tests and publish pacts").
                    if (remote.Test && !docs && new[] { jobName, job.Scalar("name") ?? "", reusable }.Any(IntegrationPipelines.IsIntegration))
                        context.Flag(FactKeys.RunsIntegrationTests, call);
                }
                if (testedSoFar)
                    testJobs.Add(jobName);
                continue;
            }

            if (job.Get("timeout-minutes") is not null || job.Get("steps").Items().Any() && job.Get("steps").Items().All(s => s.Get("timeout-minutes") is not null))
                boundedJobs++;
            else
                unboundedJob ??= new Evidence(path, job.Line());

            var matrix = job.Get("strategy").Get("matrix");
            var container = job.Get("container") is YamlScalarNode image ? image.Value : job.Get("container").Scalar("image");
            if (record && container is not null)
                CiImages.Record(context, container, matrix, new Evidence(path, job.Get("container")!.Line()));

            // A `parallel:` item holds steps that run side by side (karakeep's test steps): each is a step of the job.
            var steps = job.Get("steps").Items().SelectMany(s => s.Get("parallel") is { } group ? group.Items() : [s]).ToList();
            var registryLogin = steps.Any(s => (s.Scalar("uses") ?? "").StartsWith("docker/login-action", StringComparison.OrdinalIgnoreCase)
                || (s.Scalar("run") ?? "").Contains("docker login", StringComparison.Ordinal) || (s.Scalar("run") ?? "").Contains("podman login", StringComparison.Ordinal));
            foreach (var step in steps)
            {
                var evidence = new Evidence(path, step.Line());
                var activities = Step(walk, step, matrix, evidence, record);
                // After a registry login, a push target of the project's own build (searxng's `make container.push`) publishes the
                // image, as does the project's own image script handed a push flag (`zx scripts/build-image.mjs ... --push`).
                if (registryLogin && !activities.Publish && step.Scalar("run") is { } run && (PushTarget().IsMatch(run) || PushFlag().IsMatch(run)))
                    activities = activities with { Publish = true };
                if (docs)
                    activities = DocsPipelines.WithoutDeploy(activities);
                if (pullRequestsOnly)
                    activities = activities with { Publish = false };
                if (record)
                    PipelineRecorder.Record(context, activities, evidence);
                // A step that brings up the stack or runs a suite against it; a deploy's `docker compose up` on a server is no test.
                if (!activities.Deploy && !activities.Publish && IntegrationPipelines.IsIntegration($"{step.Scalar("run")}\n{step.Scalar("uses")}\n{step.Scalar("name")}"))
                    integrationStep ??= evidence;
                if (activities.Deploy)
                    deploySteps.Add((jobName, testedSoFar, evidence));
                testedSoFar |= activities.Test;
            }
            if (testedSoFar)
                testJobs.Add(jobName);
            // A job that tests with service containers beside it (a database, a broker), or whose steps or name say it runs
            // an end-to-end or integration suite, checks the code against real dependencies, not only in isolation.
            if (record && !docs && testedSoFar)
            {
                var named = new[] { jobName, job.Scalar("name") ?? "", root.Scalar("name") ?? "", path[(path.LastIndexOf('/') + 1)..] }.Any(IntegrationPipelines.IsIntegration);
                // A matrix over database engines (db: [sqlite, mysql, postgres]) runs the suite against each real one.
                var databaseMatrix = matrix is not null && matrix.Scalars().Any(s => DatabaseEngine().IsMatch(s.Value.Value ?? ""));
                if (integrationStep is not null || named || databaseMatrix || job.Get("services").Entries().Any())
                    context.Flag(FactKeys.RunsIntegrationTests, integrationStep ?? new Evidence(path, job.Get("services")?.Line() ?? job.Line()));
            }
        }

        if (record && boundedJobs + (unboundedJob is null ? 0 : 1) > 0)
            context.Flag(FactKeys.JobTimeouts, unboundedJob ?? new Evidence(path, 0), unboundedJob is null);

        // A deploy is gated when its own job ran the tests before it, or when it needs (directly or not) a job that does.
        var needs = jobs.ToDictionary(j => j.Key, j => Needs(j.Value), StringComparer.Ordinal);
        var gated = deploySteps.Select(d => (d.Evidence, afterTestedRun || d.TestedBefore || Upstream(d.Job, needs).Any(testJobs.Contains))).ToList();
        if (record && !onlyCalled)
        {
            foreach (var (evidence, isGated) in gated)
                context.Flag(FactKeys.DeployGated, evidence, isGated);
        }
        walk.InProgress.Remove(path);
        return walk.Workflows[path] = new Summary(testJobs.Count > 0, gated);
    }

    private static CommandActivities Step(Walk walk, YamlNode step, YamlNode? matrix, Evidence evidence, bool record)
    {
        var context = walk.Context;
        var activities = CommandActivities.None;
        if (step.Scalar("run") is { } run)
        {
            foreach (var variant in WithEnvironment(run, step.Get("env"), matrix))
                activities = activities.Or(CommandClassifier.Classify(variant, walk.Scripts));
        }
        if (step.Scalar("uses") is not { } uses)
            return activities;

        if (record)
            CountAction(walk, uses);
        var with = step.Get("with");
        var inputs = string.Join('\n', with.Entries().Select(e => $"{e.Key}: {e.Value.Scalar()}"));
        activities = activities.Or(CommandClassifier.Action(uses, inputs));
        if (record)
        {
            SetupStep(context, uses, with, matrix, evidence);
            if (Caches(uses, with))
                context.Flag(FactKeys.Caching, evidence);
        }
        if (LocalPath(uses) is { } local)
            activities = activities.Or(CompositeAction(walk, local, record));
        return activities;
    }

    /// <summary>
    /// The command, and the command with each step variable that comes from the matrix put in (`bin/rails $TEST_COMMAND`
    /// with `TEST_COMMAND: ${{ matrix.tests.command }}` runs `bin/rails test`).
    /// </summary>
    private static IEnumerable<string> WithEnvironment(string run, YamlNode? env, YamlNode? matrix)
    {
        // `make server-test-${{ matrix.db }}` runs make server-test-sqlite, server-test-mysql...
        IEnumerable<string> commands = run.Contains("matrix", StringComparison.Ordinal) ? [run, .. ExpandMatrix(run, matrix, 0)] : [run];
        // ...and a matrix command may itself read a step variable from the matrix (samson's `run: ${{ matrix.run }}`
        // with `run: ["bundle exec rake $NAME"]` and `NAME: ${{ matrix.name }}` runs rake brakeman, rake rubocop...).
        foreach (var command in commands)
        {
            yield return command;
            foreach (var (name, value) in env.Entries())
            {
                if (value.Scalar() is not { } text || !command.Contains("$" + name, StringComparison.Ordinal) && !command.Contains("${" + name + "}", StringComparison.Ordinal))
                    continue;
                var m = Regex.Match(text, @"^\$\{\{\s*matrix\.([A-Za-z0-9_\-]+)(?:\.([A-Za-z0-9_\-]+))?\s*\}\}$");
                IEnumerable<string> values = !m.Success ? [text]
                    : m.Groups[2].Success ? matrix.Get(m.Groups[1].Value).Items().Select(i => i.Scalar(m.Groups[2].Value)).OfType<string>()
                    : ResolveMatrix(text, matrix);
                foreach (var v in values)
                    yield return command.Replace("${" + name + "}", v, StringComparison.Ordinal).Replace("$" + name, v, StringComparison.Ordinal);
            }
        }
    }

    [GeneratedRegex(@"\$\{\{\s*inputs\.([A-Za-z0-9_\-]+)\s*\}\}")]
    private static partial Regex InputReference();

    /// <summary>
    /// The run steps of a called reusable workflow that read its inputs (`run: make ${{ inputs.make }}`), with the values
    /// this caller passes put in (`with: { make: checkruff }`), classified and recorded at the caller's job.
    /// </summary>
    private static CommandActivities WithInputs(Walk walk, string called, YamlNode? with, Evidence evidence, bool record)
    {
        var values = with.Entries().Where(e => e.Value.Scalar() is not null).ToDictionary(e => e.Key, e => e.Value.Scalar()!, StringComparer.Ordinal);
        if (values.Count == 0)
            return CommandActivities.None;
        var result = CommandActivities.None;
        foreach (var (_, job) in YamlDocuments.Root(walk.Context, called).Get("jobs").Entries())
        {
            foreach (var run in job.Get("steps").Items().Select(s => s.Scalar("run")).OfType<string>())
            {
                if (!InputReference().IsMatch(run))
                    continue;
                var command = InputReference().Replace(run, m => values.GetValueOrDefault(m.Groups[1].Value) ?? "");
                result = result.Or(CommandClassifier.Classify(command, walk.Scripts));
            }
        }
        // Its checks only: what the called workflow deploys is judged (and gated) with the workflow itself.
        result = DocsPipelines.WithoutDeploy(result);
        if (record)
            PipelineRecorder.Record(walk.Context, result, evidence);
        return result;
    }

    /// <summary>The run steps of a local composite action (`uses: ./.github/actions/setup`), classified like the workflow's own.</summary>
    private static CommandActivities CompositeAction(Walk walk, string folder, bool record)
    {
        var context = walk.Context;
        var path = new[] { folder + "/action.yml", folder + "/action.yaml" }.FirstOrDefault(context.Snapshot.Exists);
        if (path is null)
            return CommandActivities.None;
        // Recorded the first time a recorded step uses it; otherwise its summary is enough.
        var firstTime = record && walk.CountedActionFiles.Add(path);
        if (!firstTime && walk.Actions.TryGetValue(path, out var known))
            return known;
        walk.Actions[path] = CommandActivities.None; // an action that calls itself stops here
        var result = CommandActivities.None;
        foreach (var step in YamlDocuments.Root(context, path).Get("runs").Get("steps").Items())
        {
            var evidence = new Evidence(path, step.Line());
            var activities = Step(walk, step, null, evidence, firstTime);
            if (firstTime)
                PipelineRecorder.Record(context, activities, evidence);
            result = result.Or(activities);
        }
        return walk.Actions[path] = result;
    }

    /// <summary>`./.github/actions/setup` or `./.github/workflows/build.yml@main`, without `./` and a ref; null for a remote action.</summary>
    private static string? LocalPath(string uses)
    {
        if (!uses.StartsWith("./", StringComparison.Ordinal))
            return null;
        var path = uses[2..];
        var at = path.IndexOf('@');
        return (at >= 0 ? path[..at] : path).TrimEnd('/');
    }

    /// <summary>The workflows whose successful completion starts this one (`on: workflow_run` with a check of the conclusion).</summary>
    private static IEnumerable<string> AfterSuccessfulRunOf(Walk walk, string path, YamlNode root)
    {
        var run = root.Get("on").Get("workflow_run");
        if (run is null || walk.Context.Snapshot.ReadText(path) is not { } text || !SuccessCheck().IsMatch(text))
            return [];
        var names = run.Get("workflows") is YamlSequenceNode list ? list.Children.Select(c => c.Scalar()).OfType<string>() : run.Scalar("workflows") is { } one ? [one] : [];
        return names.Select(n => walk.ByName.GetValueOrDefault(n)).OfType<string>().Where(p => p != path).ToList();
    }

    [GeneratedRegex(@"workflow_run\.conclusion\s*==\s*['""]success['""]")]
    private static partial Regex SuccessCheck();

    private static IEnumerable<string> Triggers(YamlNode root) =>
        root.Get("on") switch
        {
            YamlScalarNode one when one.Value is not null => [one.Value],
            YamlSequenceNode many => many.Children.Select(c => c.Scalar()).OfType<string>(),
            YamlMappingNode map => map.Entries().Select(e => e.Key),
            _ => [],
        };

    private static IReadOnlyList<string> Needs(YamlNode job) =>
        job.Get("needs") switch
        {
            YamlScalarNode one when one.Value is not null => [one.Value],
            YamlSequenceNode many => many.Children.Select(c => c.Scalar()).OfType<string>().ToList(),
            _ => [],
        };

    private static IEnumerable<string> Upstream(string job, IReadOnlyDictionary<string, IReadOnlyList<string>> needs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(needs.GetValueOrDefault(job) ?? []);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (!seen.Add(next))
                continue;
            foreach (var n in needs.GetValueOrDefault(next) ?? [])
                queue.Enqueue(n);
        }
        return seen;
    }

    private static void CountAction(Walk walk, string uses)
    {
        if (uses.StartsWith("./", StringComparison.Ordinal) || uses.StartsWith("docker://", StringComparison.Ordinal))
            return;
        var owner = uses.Split('/')[0].ToLowerInvariant();
        if (owner is "actions" or "github")
            return;
        walk.ThirdParty++;
        var at = uses.LastIndexOf('@');
        if (at > 0 && FullSha().IsMatch(uses[(at + 1)..]))
            walk.Pinned++;
    }

    /// <summary>A step that restores a cache: actions/cache, or a setup action whose cache is on.</summary>
    private static bool Caches(string uses, YamlNode? with)
    {
        var action = uses.Split('@')[0].ToLowerInvariant();
        return action is "actions/cache" or "actions/cache/restore" or "swatinem/rust-cache" or "gradle/actions/setup-gradle" or "gradle/gradle-build-action" or "mozilla-actions/sccache-action"
            // setup-go caches by default since v4.
            || action == "actions/setup-go" && with.Scalar("cache") is not "false"
            || action.StartsWith("actions/setup-", StringComparison.Ordinal) && with.Scalar("cache") is { Length: > 0 } and not "false"
            || action == "ruby/setup-ruby" && with.Scalar("bundler-cache") == "true"
            || action == "astral-sh/setup-uv" && with.Scalar("enable-cache") == "true"
            || action.StartsWith("docker/build-push-action", StringComparison.Ordinal) && with.Scalar("cache-from") is not null;
    }

    private static void SetupStep(FactContext context, string uses, YamlNode? with, YamlNode? matrix, Evidence evidence)
    {
        var action = uses.Split('@')[0].ToLowerInvariant();
        foreach (var (name, input, runtime) in SetupActions)
        {
            if (action != name || with.Scalar(input) is not { } versions)
                continue;
            // setup-dotnet takes several versions, one a line.
            foreach (var version in versions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                foreach (var resolved in ResolveMatrix(version, matrix))
                    context.RuntimeSource(runtime, resolved, evidence, "ci");
        }
        if (action == "pnpm/action-setup" && with.Scalar("version") is { } pnpm)
            context.SetEntry(FactKeys.PackageManagers, "pnpm", Versions.Normalize(pnpm), evidence);
    }

    [GeneratedRegex(@"\$\{\{\s*matrix(?:\.([A-Za-z0-9_\-]+)(?:\.(?<sub>[A-Za-z0-9_\-]+))?|\[\s*['""]([A-Za-z0-9_\-]+)['""]\s*\])\s*\}\}")]
    private static partial Regex AnyMatrixReference();

    /// <summary>A command with each matrix reference (`${{ matrix.db }}`, `${{matrix['db']}}`) put in, one variant per combination of values (at most 32).</summary>
    private static IEnumerable<string> ExpandMatrix(string text, YamlNode? matrix, int depth)
    {
        var m = AnyMatrixReference().Match(text);
        if (!m.Success || depth > 3)
            return m.Success ? [] : [text];
        var key = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        // `${{ matrix.tests.command }}`: a matrix of mappings (otwarchive's tests: [{command: rspec, arguments: spec/models}, ...]).
        var values = (m.Groups["sub"].Success
                ? matrix.Get(key).Items().Select(i => i.Scalar(m.Groups["sub"].Value)).Concat(matrix.Get("include").Items().Select(i => i.Get(key).Scalar(m.Groups["sub"].Value)))
                : matrix.Get(key).Items().Select(i => i.Scalar()).Concat(matrix.Get("include").Items().Select(i => i.Scalar(key))))
            .OfType<string>().Where(v => !v.Contains("${{", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Take(8);
        return values.SelectMany(v => ExpandMatrix(text.Replace(m.Value, v, StringComparison.Ordinal), matrix, depth + 1)).Take(32).ToList();
    }

    /// <summary>`${{ matrix.node }}` becomes each value the matrix lists for it (its own list and its include entries); a plain version stays itself.</summary>
    internal static IEnumerable<string> ResolveMatrix(string value, YamlNode? matrix)
    {
        var m = MatrixReference().Match(value);
        if (!m.Success)
            return value.Contains("${{", StringComparison.Ordinal) ? [] : [value];
        var key = m.Groups[1].Value;
        var values = matrix.Get(key) switch
        {
            YamlSequenceNode seq => seq.Children.Select(c => c.Scalar()).OfType<string>().ToList(),
            YamlScalarNode one when one.Value is not null && !one.Value.Contains("${{", StringComparison.Ordinal) => [one.Value],
            _ => [],
        };
        values.AddRange(matrix.Get("include").Items().Select(i => i.Scalar(key)).OfType<string>());
        return values.Distinct(StringComparer.Ordinal).Select(v => value.Replace(m.Value, v, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\b(?:make|just|task|mage|\./manage|npm\s+run|pnpm(?:\s+run)?|yarn)\s+[\w.:-]*(?:push|publish)[\w.:-]*")]
    private static partial Regex PushTarget();

    [GeneratedRegex(@"(?<![\w-])--push(?![\w-])(?!=false)")]
    private static partial Regex PushFlag();
}
