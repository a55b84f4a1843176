using System.Text.RegularExpressions;
using InfraTrend.Facts.Node;

namespace InfraTrend.Facts.Ci;

/// <summary>What a pipeline step or start command really does, read from its command line.</summary>
public sealed record CommandActivities(
    bool Build,
    bool Test,
    bool Lint,
    bool Typecheck,
    bool Deploy,
    bool Migrate,
    bool MigrationCheck,
    IReadOnlyList<string> Scanners)
{
    public static readonly CommandActivities None = new(false, false, false, false, false, false, false, []);

    public CommandActivities Or(CommandActivities o) =>
        new(Build || o.Build, Test || o.Test, Lint || o.Lint, Typecheck || o.Typecheck, Deploy || o.Deploy, Migrate || o.Migrate, MigrationCheck || o.MigrationCheck,
            Scanners.Union(o.Scanners).Order(StringComparer.Ordinal).ToList());

    public bool Any => Build || Test || Lint || Typecheck || Deploy || Migrate || MigrationCheck || Scanners.Count > 0;
}

/// <summary>
/// Classifies shell commands and actions. Package scripts and Makefile targets that a command calls are
/// followed (a `pnpm test` step runs whatever the `test` script says), so names alone never decide.
/// </summary>
public static partial class CommandClassifier
{
    [GeneratedRegex(@"\b(jest|vitest|mocha|ava|pytest|py\.test|tox|nox|manage\.py\s+test|django-admin\s+test|python3?\s+-m\s+unittest|go\s+test|gotestsum|dotnet\s+test|rspec|rails\s+test|rake\s+(test|spec)|(mvn|mvnw|\./mvnw)\b[^\n;&|]*\b(test|verify)|(gradle|gradlew|\./gradlew)\b[^\n;&|]*\b(test|check)|cargo\s+(test|nextest)|playwright\s+test|cypress\s+run|phpunit|bun\s+test|node\s+--test|deno\s+test|swift\s+test|ctest|mix\s+test)\b")]
    private static partial Regex TestCommand();

    [GeneratedRegex(@"\b(eslint|next\s+lint|biome\s+(check|lint|ci)|prettier\s+(--check|-c)|ruff(\s+check)?|flake8|pylint|golangci-lint|staticcheck|go\s+vet|rubocop|standardrb|dotnet\s+format\b[^\n;&|]*--verify-no-changes|stylelint|tslint|oxlint|ktlint|checkstyle|spotless(Check|:check)|clippy|hadolint|shellcheck|markdownlint|black\s+--check|isort\s+--check)\b")]
    private static partial Regex LintCommand();

    [GeneratedRegex(@"\b(tsc\b[^\n;&|]*(--noEmit|-p|--project|-b|--build)|tsc\s*($|&&|;)|vue-tsc|svelte-check|mypy|pyright|basedpyright|pytype|astro\s+check|nuxi\s+typecheck|sorbet|srb\s+tc|steep\s+check)")]
    private static partial Regex TypecheckCommand();

    [GeneratedRegex(@"\b((npm|pnpm|yarn|bun)\s+(run\s+)?build|next\s+build|vite\s+build|nest\s+build|tsc\b(?![^\n;&|]*--noEmit)|webpack|rollup|esbuild|tsup|turbo\s+(run\s+)?build|nx\s+(run-many\s+[^\n]*build|build)|dotnet\s+(build|publish|pack)|msbuild|go\s+build|(mvn|mvnw|\./mvnw)\b[^\n;&|]*\b(package|install|verify|compile)|(gradle|gradlew|\./gradlew)\b[^\n;&|]*\b(build|assemble|bootJar|jar)|cargo\s+build|docker\s+(buildx\s+)?build|docker\s+compose\s+build|python\s+-m\s+build|poetry\s+build|make(\s+build|\s+all)?\s*$|bundle\s+exec\s+rake\s+assets:precompile)")]
    private static partial Regex BuildCommand();

    [GeneratedRegex(@"(api\.render\.com/deploy|RENDER_DEPLOY_HOOK|render\s+deploys?\b|\b(flyctl|fly)\s+deploy|\bvercel\b[^\n]*(--prod|deploy)|\bnetlify\s+deploy|\brailway\s+up|\bgit\s+push\s+[^\n]*heroku|\bheroku\s+(container:release|releases)|\bkubectl\s+(apply|set\s+image|rollout)|\bhelm\s+(upgrade|install)|\bterraform\s+apply|\bpulumi\s+up|\b(serverless|sls)\s+deploy|\bsam\s+deploy|\bcdk\s+deploy|\baz\s+(webapp|functionapp|containerapp)\s+(deploy|up|update)|\bazd\s+(up|deploy)|\bgcloud\s+(app|run|functions)\s+deploy|\beb\s+deploy|\bwrangler\s+(deploy|publish|pages\s+deploy)|\bfirebase\s+deploy|\bkamal\s+deploy|\bcap\s+production\s+deploy|\bansible-playbook|\bcopilot\s+deploy|\bdokku\b)")]
    private static partial Regex DeployCommand();

    [GeneratedRegex(@"\b(prisma\s+migrate\s+deploy|prisma\s+db\s+push|dotnet\s+ef\s+database\s+update|alembic\s+upgrade|flask\s+db\s+upgrade|manage\.py\s+migrate|django-admin\s+migrate|rails\s+db:(migrate|prepare)|rake\s+db:migrate|flyway\b[^\n]*\bmigrate|flywayMigrate|liquibase\b[^\n]*\bupdate|knex\s+migrate:latest|typeorm\b[^\n]*migration:run|sequelize\b[^\n]*db:migrate|drizzle-kit\s+(migrate|push)|goose\b[^\n]*\bup\b|migrate\s+[^\n]*-(path|source|database)[^\n]*\bup\b|atlas\s+migrate\s+apply|dbmate\s+(up|migrate)|mix\s+ecto\.migrate)")]
    private static partial Regex MigrateCommand();

    [GeneratedRegex(@"\b(prisma\s+migrate\s+(diff|status|resolve)|prisma\s+validate|dotnet\s+ef\s+migrations\s+(has-pending-model-changes|list|script)|makemigrations\s+[^\n]*--check|alembic\s+check|atlas\s+migrate\s+(lint|validate)|squawk|flyway\b[^\n]*\bvalidate|liquibase\b[^\n]*\bvalidate|rails\s+db:schema:load)")]
    private static partial Regex MigrationCheckCommand();

    private static readonly (string Id, Regex Pattern)[] ScannerPatterns =
    [
        ("trivy", new Regex(@"\btrivy\b|aquasecurity/trivy-action", RegexOptions.IgnoreCase)),
        ("codeql", new Regex(@"github/codeql-action|\bcodeql\s+database", RegexOptions.IgnoreCase)),
        ("snyk", new Regex(@"\bsnyk\s+(test|monitor|code|container|iac)|snyk/actions", RegexOptions.IgnoreCase)),
        ("npm-audit", new Regex(@"\bnpm\s+audit\b|\baudit-ci\b|\bbetter-npm-audit\b")),
        ("pnpm-audit", new Regex(@"\bpnpm\s+audit\b")),
        ("yarn-audit", new Regex(@"\byarn\s+(npm\s+)?audit\b")),
        ("dotnet-vulnerable", new Regex(@"dotnet\s+(list\s+[^\n]*)?package\s+(list\s+)?[^\n]*--vulnerable|dotnet\s+list\s+[^\n]*--vulnerable")),
        ("pip-audit", new Regex(@"\bpip-audit\b|pypa/gh-action-pip-audit|\bsafety\s+check\b")),
        ("bandit", new Regex(@"\bbandit\b")),
        ("gosec", new Regex(@"\bgosec\b|securego/gosec")),
        ("govulncheck", new Regex(@"\bgovulncheck\b")),
        ("brakeman", new Regex(@"\bbrakeman\b")),
        ("bundler-audit", new Regex(@"\bbundle(r)?[-\s]audit\b")),
        ("gitleaks", new Regex(@"\bgitleaks\b")),
        ("trufflehog", new Regex(@"\btrufflehog\b|trufflesecurity/", RegexOptions.IgnoreCase)),
        ("semgrep", new Regex(@"\bsemgrep\b", RegexOptions.IgnoreCase)),
        ("grype", new Regex(@"\bgrype\b|anchore/scan-action")),
        ("osv-scanner", new Regex(@"\bosv-scanner\b")),
        ("scorecard", new Regex(@"ossf/scorecard-action|\bscorecard\s+--")),
        ("checkov", new Regex(@"\bcheckov\b|bridgecrewio/checkov", RegexOptions.IgnoreCase)),
        ("hadolint", new Regex(@"\bhadolint\b")),
        ("sonarqube", new Regex(@"sonarsource/sonar|sonar-scanner|\bsonar:sonar\b|dotnet-sonarscanner|SonarSource/", RegexOptions.IgnoreCase)),
    ];

    private static readonly string[] DeployActions =
    [
        "johnbeynon/render-deploy-action", "render-oss/", "superfly/flyctl-actions", "amondnet/vercel-action", "vercel/",
        "netlify/actions", "nwtgck/actions-netlify", "azure/webapps-deploy", "azure/functions-action", "azure/container-apps-deploy-action",
        "aws-actions/amazon-ecs-deploy-task-definition", "google-github-actions/deploy-", "akhileshns/heroku-deploy",
        "cloudflare/wrangler-action", "cloudflare/pages-action", "actions/deploy-pages", "peaceiris/actions-gh-pages",
        "w9jds/firebase-action", "firebaseextended/action-hosting-deploy", "appleboy/ssh-action", "bervProject/railway-deploy",
        "einaregilsson/beanstalk-deploy", "azure/k8s-deploy", "azure/arm-deploy", "hashicorp/tfc-workflows-github",
    ];

    /// <summary>Classifies one command line, following package scripts and Makefile targets it runs (two levels deep).</summary>
    public static CommandActivities Classify(string command, ScriptIndex scripts, int depth = 0)
    {
        var result = Direct(command);
        if (depth >= 2)
            return result;
        foreach (var (script, body) in scripts.Called(command))
        {
            result = result.Or(Classify(body, scripts, depth + 1));
            // The script's name says what it is for when its body is a tool we do not know (`"test": "node run-tests.js"`).
            result = result.Or(ByScriptName(script));
        }
        return result;
    }

    public static CommandActivities Direct(string command)
    {
        var scanners = ScannerPatterns.Where(p => p.Pattern.IsMatch(command)).Select(p => p.Id).ToList();
        return new CommandActivities(
            BuildCommand().IsMatch(command),
            TestCommand().IsMatch(command),
            LintCommand().IsMatch(command),
            TypecheckCommand().IsMatch(command),
            DeployCommand().IsMatch(command),
            MigrateCommand().IsMatch(command),
            MigrationCheckCommand().IsMatch(command),
            scanners);
    }

    /// <summary>An action reference (`owner/repo@ref`) and its inputs, classified.</summary>
    public static CommandActivities Action(string uses, string inputs)
    {
        var lower = uses.ToLowerInvariant();
        var scanners = ScannerPatterns.Where(p => p.Pattern.IsMatch(uses)).Select(p => p.Id).ToList();
        var deploy = DeployActions.Any(a => lower.StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal));
        var direct = Direct(inputs);
        return new CommandActivities(
            lower.StartsWith("docker/build-push-action", StringComparison.Ordinal) || direct.Build,
            lower.StartsWith("cypress-io/github-action", StringComparison.Ordinal) || direct.Test,
            lower.Contains("lint", StringComparison.Ordinal) || direct.Lint,
            direct.Typecheck,
            deploy || direct.Deploy,
            direct.Migrate,
            direct.MigrationCheck,
            scanners.Union(direct.Scanners).ToList());
    }

    private static CommandActivities ByScriptName(string script)
    {
        var name = script.ToLowerInvariant();
        return CommandActivities.None with
        {
            Test = name is "test" or "tests" || name.StartsWith("test:", StringComparison.Ordinal),
            Lint = name is "lint" || name.StartsWith("lint:", StringComparison.Ordinal),
            Typecheck = name is "typecheck" or "type-check" or "check-types" or "types" or "tsc",
            Build = name is "build" || name.StartsWith("build:", StringComparison.Ordinal),
            Deploy = name is "deploy" || name.StartsWith("deploy:", StringComparison.Ordinal),
        };
    }
}

/// <summary>Package scripts and Makefile targets of a repository, to follow what a command calls.</summary>
public sealed partial class ScriptIndex
{
    private readonly Dictionary<string, List<string>> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _targets = new(StringComparer.Ordinal);

    public static ScriptIndex Of(FactContext context) => context.Cached("script-index", () => Build(context));

    private static ScriptIndex Build(FactContext context)
    {
        var index = new ScriptIndex();
        foreach (var manifest in NodeManifests.Of(context))
            foreach (var (name, body) in manifest.Scripts)
                index.Add(index._scripts, name, body);
        foreach (var makefile in context.FilesNamed("Makefile", "makefile", "GNUmakefile"))
        {
            if (context.Snapshot.ReadText(makefile.Path) is not { } text)
                continue;
            string? target = null;
            foreach (var line in text.Split('\n'))
            {
                var m = MakeTarget().Match(line);
                if (m.Success)
                {
                    target = m.Groups[1].Value;
                    if (m.Groups[2].Value.Trim().Length > 0)
                        index.Add(index._targets, target, m.Groups[2].Value);
                }
                else if (target is not null && line.StartsWith('\t'))
                    index.Add(index._targets, target, line.Trim());
                else if (line.Trim().Length > 0 && !line.StartsWith('#'))
                    target = null;
            }
        }
        return index;
    }

    private void Add(Dictionary<string, List<string>> into, string name, string body)
    {
        if (!into.TryGetValue(name, out var list))
            into[name] = list = [];
        list.Add(body);
    }

    [GeneratedRegex(@"^([A-Za-z0-9_.\-/]+)\s*:(?!=)\s*(?:[^#;\n]*;)?(.*)$")]
    private static partial Regex MakeTarget();

    // `npm run x`, `pnpm x`, `yarn x`, `bun run x`, `pnpm --filter api test`, `npm test`, `make x`, `turbo run x`, `nx run-many -t x`.
    [GeneratedRegex(@"\b(?:npm|pnpm|yarn|bun)\s+(?:(?:-r|--recursive|-w|--workspaces?|--if-present|--silent|-s|--filter[= ]\S+|-F\s*\S+|--dir\s+\S+|-C\s+\S+|--prefix\s+\S+|workspace\s+\S+|workspaces\s+foreach(?:\s+-\S+)*)\s+)*(?:run(?:-script)?\s+)?([A-Za-z0-9:_\-.]+)")]
    private static partial Regex ScriptCall();

    [GeneratedRegex(@"\b(?:turbo\s+(?:run\s+)?|nx\s+(?:run-many\s+(?:--targets?[= ]|-t\s+)|affected\s+(?:--targets?[= ]|-t\s+)))([A-Za-z0-9:_\-.,]+)")]
    private static partial Regex TaskRunnerCall();

    [GeneratedRegex(@"\bmake\s+(?:-\S+\s+)*([A-Za-z0-9_.\-/]+(?:\s+[A-Za-z0-9_.\-/]+)*)")]
    private static partial Regex MakeCall();

    private static readonly HashSet<string> ManagerCommands = new(StringComparer.Ordinal)
    {
        "install", "i", "ci", "add", "remove", "exec", "dlx", "x", "npx", "audit", "publish", "version", "config", "cache", "set", "pack", "link", "why", "outdated", "update", "up", "store", "prune", "rebuild", "init", "create", "info", "view",
    };

    /// <summary>The scripts and targets a command calls, with their bodies.</summary>
    public IEnumerable<(string Name, string Body)> Called(string command)
    {
        foreach (Match m in ScriptCall().Matches(command))
        {
            var name = m.Groups[1].Value;
            if (ManagerCommands.Contains(name) || !_scripts.TryGetValue(name, out var bodies))
                continue;
            foreach (var body in bodies)
                yield return (name, body);
        }
        foreach (Match m in TaskRunnerCall().Matches(command))
        {
            foreach (var name in m.Groups[1].Value.Split(','))
                if (_scripts.TryGetValue(name, out var bodies))
                    foreach (var body in bodies)
                        yield return (name, body);
        }
        foreach (Match m in MakeCall().Matches(command))
        {
            foreach (var name in m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (_targets.TryGetValue(name, out var bodies))
                    foreach (var body in bodies)
                        yield return (name, body);
        }
    }
}
