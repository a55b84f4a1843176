using System.Text.RegularExpressions;

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
    IReadOnlyList<string> Scanners,
    bool Publish = false,
    IReadOnlyList<string>? SupplyChain = null)
{
    public static readonly CommandActivities None = new(false, false, false, false, false, false, false, []);

    /// <summary>What the step adds to the artifacts' supply chain: signing, sbom, provenance.</summary>
    public IReadOnlyList<string> Attestations => SupplyChain ?? [];

    public CommandActivities Or(CommandActivities o) =>
        new(Build || o.Build, Test || o.Test, Lint || o.Lint, Typecheck || o.Typecheck, Deploy || o.Deploy, Migrate || o.Migrate, MigrationCheck || o.MigrationCheck,
            Scanners.Union(o.Scanners).Order(StringComparer.Ordinal).ToList(), Publish || o.Publish,
            Attestations.Union(o.Attestations).Order(StringComparer.Ordinal).ToList());

    public bool Any => Build || Test || Lint || Typecheck || Deploy || Migrate || MigrationCheck || Publish || Scanners.Count > 0 || Attestations.Count > 0;
}

/// <summary>
/// Classifies shell commands and actions. Package scripts, Makefile targets and repository shell scripts that a
/// command calls are followed (a `pnpm test` step runs whatever the `test` script says), so names alone never decide.
/// </summary>
public static partial class CommandClassifier
{
    // Rails and rake take a list of tasks: Rails' generated pipeline runs `bin/rails db:test:prepare test test:system`.
    [GeneratedRegex(@"\b(jest|vitest|mocha|ava|qunit|karma\s+start|pytest|py\.test|tox|nox|python3?\s+-m\s+unittest|manage\.py\s+test|django-admin\s+test|[\w.]+-manage\s+test|go\s+test|gotestsum|dotnet\s+test|rspec|(rails|rake)\s+(?:[\w:.-]+\s+)*(test|spec)(?:(?![\w:])|:\w+)|rake(?=[ \t]*(?:$|\n|[;&|]))|docker[- ]compose\b[^\n;&|]*\brun\b[^\n;&|]*\s(tests?|specs?|test-runner)(?=[ \t]*(?:$|\n|[;&|]))|(mvn|mvnw|\./mvnw)\b[^\n;&|]*\b(test|verify)|(gradle|gradlew|\./gradlew)\b[^\n;&|]*\b(test|check|build)|cargo\s+(test|nextest)|playwright\s+test|cypress\s+run|phpunit|pest|artisan\s+test|bun\s+test|node\s+--test|deno\s+test|swift\s+test|ctest|mix\s+test|bats|bazel\s+test|sbt\b[^\n;&|]*\btest|meson\s+test|zig\s+build\s+test|xcodebuild\b[^\n;&|]*\btest|flutter\s+test|busted|hatch\s+(test|run\s+test)|cucumber|jasmine|parallel_(rspec|test|cucumber)|turbo_tests)\b")]
    private static partial Regex TestCommand();

    // Maven runs the test phase before package, verify, install and deploy, unless the tests are skipped.
    [GeneratedRegex(@"\b(mvn|mvnw|\./mvnw)\b[^\n;&|]*\b(test|package|verify|install|deploy)\b")]
    private static partial Regex MavenTestPhase();

    // A skip whose value is an expression (`-DskipTests=${{ matrix.os == 'windows-latest' }}`, `-DskipTests=$SKIP`) skips
    // the tests in some runs only: the others run them.
    [GeneratedRegex(@"-DskipTests(?!=(?:false\b|\$))|-Dmaven\.test\.skip=true")]
    private static partial Regex MavenSkipsTests();

    [GeneratedRegex(@"\b(gradle|gradlew|\./gradlew)\b[^\n;&|]*\s(-x|--exclude-task)[ =]test\b")]
    private static partial Regex GradleSkipsTests();

    [GeneratedRegex(@"\b(gradle|gradlew|\./gradlew)\b[^\n;&|]*(-x|--exclude-task)[ =]test\b[^\n;&|]*")]
    private static partial Regex GradleInvocation();

    [GeneratedRegex(@"\b(eslint|next\s+lint|biome\s+(check|lint|ci)|prettier\s+(--check|-c|--list-different|-l)|ruff(\s+check)?|flake8|pylint|golangci-lint|staticcheck|go\s+vet|gofmt\s+-[lsd]|goimports\s+-l|revive|rubocop|standardrb|erb_lint|haml-lint|reek|dotnet\s+format\b[^\n;&|]*--verify-no-changes|stylelint|tslint|oxlint|xo|ktlint|detekt|checkstyle|spotless(Check|:check)|pmd|clippy|cargo\s+fmt\b[^\n;&|]*--check|hadolint|shellcheck|markdownlint|yamllint|actionlint|black\s+--check|isort\s+(--check|-c)|php-cs-fixer\b[^\n;&|]*--dry-run|phpcs|pre-commit\s+run|helm\s+lint|tflint|terraform\s+(validate|fmt\s+[^\n;&|]*-check)|kube-linter|kubeconform|kubeval|kubevious|buf\s+lint|swiftlint|credo|mix\s+format\s+--check-formatted|clang-tidy|cppcheck|sqlfluff\s+lint|super-linter|djlint|pronto\s+run)\b")]
    private static partial Regex LintCommand();

    [GeneratedRegex(@"\b(tsc\b[^\n;&|]*(--noEmit|-p|--project|-b|--build)|tsc\s*($|&&|;)|vue-tsc|svelte-check|mypy|pyright|basedpyright|pytype|pyre\s+check|astro\s+check|nuxi\s+typecheck|sorbet|srb\s+tc|steep\s+check|phpstan|psalm|flow\s+check|dialyzer)")]
    private static partial Regex TypecheckCommand();

    [GeneratedRegex(@"\b((npm|pnpm|yarn|bun)\s+(run\s+)?build|next\s+build|vite\s+build|ng\s+build|nest\s+build|tsc\b(?![^\n;&|]*--noEmit)|webpack|rollup|esbuild|tsup|turbo\s+(run\s+)?build|nx\s+(run-many\s+[^\n]*build|build)|dotnet\s+(build|publish|pack)|msbuild|go\s+build|goreleaser\s+(build|release)|ko\s+build|(mvn|mvnw|\./mvnw)\b[^\n;&|]*\b(package|install|verify|compile)|(gradle|gradlew|\./gradlew)\b[^\n;&|]*\b(build|assemble|bootJar|jar|shadowJar)|sbt\b[^\n;&|]*\b(compile|package|assembly)|cargo\s+build|swift\s+build|bazel\s+build|mix\s+(compile|release)|cmake\s+--build|meson\s+compile|docker\s+(buildx\s+)?(build|bake)|docker\s+compose\s+build|docker-compose\s+build|skaffold\s+(build|run)|packer\s+build|nix\s+build|python3?\s+-m\s+build|python3?\s+setup\.py\s+(build|sdist|bdist_wheel)|poetry\s+build|uv\s+build|hatch\s+build|make(\s+build|\s+all)?\s*$|(bundle\s+exec\s+)?(rake|rails)\s+assets:precompile|flutter\s+build|xcodebuild\b[^\n;&|]*\bbuild)")]
    private static partial Regex BuildCommand();

    [GeneratedRegex(@"(api\.render\.com/deploy|RENDER_DEPLOY_HOOK|render\s+deploys?\b|\b(flyctl|fly)\s+deploy|\bvercel\b[^\n]*(--prod|deploy)|\bnetlify\s+deploy|\brailway\s+(up|redeploy)|\bgit\s+push\s+[^\n]*(heroku|dokku)|\bheroku\s+(container:release|releases)|\bkubectl\s+(apply|set\s+image|rollout\s+restart|create\s+-f)|\bhelm\s+(upgrade|install)|\bhelmfile\s+(apply|sync)|\bskaffold\s+(run|deploy)|\bargocd\s+app\s+sync|\bflux\s+reconcile|\b(terraform|tofu|terragrunt)\s+(run-all\s+)?apply|\bpulumi\s+up|\b(serverless|sls)\s+deploy|\bsam\s+deploy|\bcdk\s+deploy|\baz\s+(webapp|functionapp|containerapp|staticwebapp)\s+(deploy|up|update|create)|\baz\s+spring(-cloud)?\s+app\s+deploy|\bazd\s+(up|deploy)|\bgcloud\s+(app|run|functions)\s+deploy|\bgcloud\s+run\s+services\s+(replace|update)|\baws\s+ecs\s+update-service|\baws\s+lambda\s+update-function-code|\baws\s+deploy\s+create-deployment|\baws\s+cloudformation\s+deploy|\beb\s+deploy|\bcf\s+push|\bwrangler\s+(deploy|publish|pages\s+deploy)|\bfirebase\s+deploy|\bkamal\s+deploy|\bkrane\s+(deploy|global-deploy)|\bcap\s+\S+\s+deploy|\bmina\s+deploy|\bdocker\s+stack\s+deploy|\bnomad\s+job\s+run|\bzappa\s+(deploy|update)|\bchalice\s+deploy|\bansible-playbook|\bcopilot\s+(svc\s+)?deploy|\bdokku\b|\bdpl\s+--provider)")]
    private static partial Regex DeployCommand();

    // Publishing a release artifact: an image pushed to a registry, a package uploaded to its registry, a GitHub release.
    // A multi-arch image is pushed as its per-architecture images and then the manifest list (`docker manifest push`);
    // JReleaser runs from its own CLI or as a Gradle or Maven plugin (`./gradlew jreleaserRelease`, `mvn jreleaser:full-release`).
    [GeneratedRegex(@"\bdocker\s+(image\s+)?push\b|\bdocker\s+(buildx\s+)?(build|bake)\b[^\n;&|]*\s--push\b|\bdocker\s+buildx\s+imagetools\s+create\b|\b(podman|buildah)\s+(manifest\s+)?push\b|\bskopeo\s+copy\b|\bcrane\s+(push|copy|append)\b|\bgoreleaser\s+release\b(?![^\n;&|]*--snapshot)|\bko\s+(build|publish|resolve|apply)\b(?![^\n;&|]*(--local|--push=false|\s-L\b))|\bgh\s+release\s+(create|upload)\b|\b(npm|pnpm)\s+publish\b(?![^\n;&|]*--dry-run)|\byarn\s+(npm\s+)?publish\b|\btwine\s+upload\b|\b(poetry|uv|hatch|flit)\s+publish\b|\bgem\s+push\b|\b(dotnet\s+)?nuget(\.exe)?\s+push\b|\b(mvn|mvnw|\./mvnw)\b[^\n;&|]*\b(deploy|jib:build)\b|\b(gradle|gradlew|\./gradlew)\b[^\n;&|]*\b(publish(?!ToMavenLocal)\w*|jib)\b|spring-boot:build-image\b[^\n;&|]*publish=true|\bbootBuildImage\b[^\n;&|]*--publishImage|\bhelm\s+(push|cm-push)\b|\bcr\s+upload\b|\bcargo\s+publish\b|\bjreleaser\s+(release|full-release|deploy)\b|\bjreleaser(Release|FullRelease|Deploy|Publish)\b|\bjreleaser:(release|full-release|deploy|publish)\b|\bdocker\s+manifest\s+push\b")]
    private static partial Regex PublishCommand();

    // A job that starts a deployment elsewhere (another repository's workflow, a deploy pipeline): `gh workflow run deploy.yml`.
    [GeneratedRegex(@"\bgh\s+workflow\s+run\s+[^\n;&|]*deploy", RegexOptions.IgnoreCase)]
    private static partial Regex DeployDispatch();

    // Dropwizard's migrations bundle adds a `db migrate` command to the application's own jar: `java -jar app.jar db migrate config.yml`.
    [GeneratedRegex(@"\b(prisma\s+migrate\s+deploy|prisma\s+db\s+push|dotnet\s+ef\s+database\s+update|alembic\b[^\n;&|]*\bupgrade\b|flask\s+db\s+upgrade|\bdb\s+upgrade\s+head\b|manage\.py\s+migrate|django-admin\s+migrate|(rails|rake)\s+[""']?(?:\w+:)*db:(migrate|prepare)\b(?!:(?:status|ensure))|flyway\b[^\n]*\bmigrate|flywayMigrate|liquibase\b[^\n]*\bupdate|knex(?:/bin/cli\.js)?\s+migrate:latest|typeorm\b[^\n]*migration:run|sequelize\b[^\n]*db:migrate|drizzle-kit\s+(migrate|push)|goose\b[^\n]*\bup\b|migrate\s+[^\n]*-(path|source|database)[^\n]*\bup\b|atlas\s+migrate\s+apply|dbmate\s+(up|migrate)|mix\s+ecto\.migrate|\bjava\b[^\n;&|]*\s-jar\s[^\n;&|]*\sdb\s+migrate\b)")]
    private static partial Regex MigrateCommand();

    [GeneratedRegex(@"\b(prisma\s+migrate\s+(diff|status|resolve)|prisma\s+validate|dotnet\s+ef\s+migrations\s+(has-pending-model-changes|list|script)|makemigrations\s+[^\n]*--check|alembic\s+check|atlas\s+migrate\s+(lint|validate)|squawk|flyway\b[^\n]*\bvalidate|liquibase\b[^\n]*\bvalidate|rails\s+db:schema:load)")]
    private static partial Regex MigrationCheckCommand();

    private static readonly (string Id, Regex Pattern)[] ScannerPatterns =
    [
        ("trivy", new Regex(@"\btrivy\b|aquasecurity/trivy-action|Security/Container-Scanning|Jobs/Container-Scanning", RegexOptions.IgnoreCase)),
        ("codeql", new Regex(@"github/codeql-action|\bcodeql\s+database|workflows/github-code-scanning/codeql", RegexOptions.IgnoreCase)),
        ("snyk", new Regex(@"\bsnyk\s+(test|monitor|code|container|iac)|snyk/actions|\bsnyk/snyk@|SnykSecurityScan@", RegexOptions.IgnoreCase)),
        ("npm-audit", new Regex(@"\bnpm\s+audit\b|\baudit-ci\b|\bbetter-npm-audit\b")),
        ("pnpm-audit", new Regex(@"\bpnpm\s+audit\b")),
        ("yarn-audit", new Regex(@"\byarn\s+(npm\s+)?audit\b")),
        ("dotnet-vulnerable", new Regex(@"dotnet\s+(list\s+[^\n]*)?package\s+(list\s+)?[^\n]*--vulnerable|dotnet\s+list\s+[^\n]*--vulnerable")),
        ("pip-audit", new Regex(@"\bpip-audit\b|pypa/gh-action-pip-audit|\bsafety\s+(check|scan)\b")),
        ("bandit", new Regex(@"\bbandit\b")),
        ("gosec", new Regex(@"\bgosec\b|securego/gosec")),
        ("govulncheck", new Regex(@"\bgovulncheck\b")),
        ("brakeman", new Regex(@"\bbrakeman\b")),
        ("bundler-audit", new Regex(@"\bbundle(r)?[-\s:]audit\b|rubysec/")),
        // GitLab's secret detection template runs gitleaks; its SAST template runs semgrep.
        ("gitleaks", new Regex(@"\bgitleaks\b|Security/Secret-Detection|Jobs/Secret-Detection", RegexOptions.IgnoreCase)),
        ("trufflehog", new Regex(@"\btrufflehog\b|trufflesecurity/", RegexOptions.IgnoreCase)),
        ("semgrep", new Regex(@"\bsemgrep\b|Security/SAST\.gitlab-ci|Jobs/SAST\.gitlab-ci", RegexOptions.IgnoreCase)),
        ("grype", new Regex(@"\bgrype\b|anchore/scan-action")),
        ("osv-scanner", new Regex(@"\bosv-scanner\b")),
        ("dependency-check", new Regex(@"\bdependency-check\b|dependency-check/Dependency-Check_Action|\bdependencyCheck(Analyze|Aggregate)\b|org\.owasp:dependency-check", RegexOptions.IgnoreCase)),
        ("dependency-review", new Regex(@"actions/dependency-review-action|/workflows/dependency-review\.ya?ml@", RegexOptions.IgnoreCase)),
        ("scorecard", new Regex(@"ossf/scorecard-action|\bscorecard\s+--")),
        ("checkov", new Regex(@"\bcheckov\b|bridgecrewio/checkov", RegexOptions.IgnoreCase)),
        ("hadolint", new Regex(@"\bhadolint\b")),
        ("sonarqube", new Regex(@"sonarsource/sonar|sonar-scanner|\bsonar:sonar\b|dotnet-sonarscanner|SonarSource/|SonarQubePrepare@|SonarCloudPrepare@|\bsonar\s+-D", RegexOptions.IgnoreCase)),
        ("veracode", new Regex(@"\bveracode\b", RegexOptions.IgnoreCase)),
        ("zap", new Regex(@"zaproxy/|owasp/zap2docker|\bzap-(baseline|full-scan|api-scan)\.py\b", RegexOptions.IgnoreCase)),
    ];

    // The scanner another repository's reusable workflow or action runs, by the words of its path
    // (`org/shared/.github/workflows/security_owasp.yml`, `org/actions/trivy-scan-image`): it cannot be read here.
    private static readonly (string Id, Regex Pattern)[] ScannerNames =
    [
        ("codeql", PathWord(@"codeql")),
        ("trivy", PathWord(@"trivy")),
        ("snyk", PathWord(@"snyk")),
        ("dependency-check", PathWord(@"(dependency[-_]?check|owasp(?![-_.]?zap))")),
        ("veracode", PathWord(@"veracode")),
        ("grype", PathWord(@"grype")),
        ("semgrep", PathWord(@"semgrep")),
        ("gitleaks", PathWord(@"gitleaks")),
        ("trufflehog", PathWord(@"trufflehog")),
        ("osv-scanner", PathWord(@"osv([-_]scanner)?")),
        ("dependency-review", PathWord(@"dependency[-_]review")),
        ("sonarqube", PathWord(@"sonar(qube|cloud|[-_]?scanner)?")),
        ("zap", PathWord(@"(owasp[-_.]?)?zap")),
    ];

    /// <summary>A word of a path, between separators (- _ . /) or its ends.</summary>
    private static Regex PathWord(string word) => new(@"(^|[-_./])" + word + @"([-_./]|$)");

    /// <summary>The scanners named by the path of a remote reusable workflow or action (`owner/repo/path@ref`), its owner left out.</summary>
    private static IEnumerable<string> ScannersByName(string uses)
    {
        var reference = uses.Split('@')[0].ToLowerInvariant();
        if (reference.StartsWith("./", StringComparison.Ordinal) || reference.StartsWith("docker://", StringComparison.Ordinal) || reference.IndexOf('/', StringComparison.Ordinal) is not (> 0 and var slash))
            return [];
        var path = reference[(slash + 1)..];
        return ScannerNames.Where(p => p.Pattern.IsMatch(path)).Select(p => p.Id);
    }

    // Signing, SBOMs and provenance attestations for what the pipeline builds.
    private static readonly (string Id, Regex Pattern)[] SupplyChainPatterns =
    [
        ("signing", new Regex(@"\bcosign\s+(sign|attest)\b|\bnotation\s+sign\b|sigstore/gh-action-sigstore-python|\bgpg\b[^\n]*--detach-sign|\bminisign\s+-S\b", RegexOptions.IgnoreCase)),
        ("sbom", new Regex(@"\bsyft\b|anchore/sbom-action|actions/attest-sbom|\bcyclonedx\b|(^|\n)\s*sbom:\s*(?!false)\S|--sbom(=true|\s|$)|\btrivy\b[^\n]*--format\s+(cyclonedx|spdx)", RegexOptions.IgnoreCase)),
        ("provenance", new Regex(@"actions/attest-build-provenance|slsa-framework/slsa-github-generator|(^|\n)\s*provenance:\s*(?!false)\S|--provenance(=(?!false)\S+|\s|$)|\bcosign\s+attest\b", RegexOptions.IgnoreCase)),
    ];

    /// <summary>The supply-chain steps in a command line or an action's name and inputs.</summary>
    private static List<string> Attestations(string text) => SupplyChainPatterns.Where(p => p.Pattern.IsMatch(text)).Select(p => p.Id).ToList();

    private static readonly string[] DeployActions =
    [
        "johnbeynon/render-deploy-action", "render-oss/", "superfly/flyctl-actions", "amondnet/vercel-action", "vercel/",
        "netlify/actions", "nwtgck/actions-netlify", "azure/webapps-deploy", "azure/functions-action", "azure/container-apps-deploy-action",
        "azure/static-web-apps-deploy", "aws-actions/amazon-ecs-deploy-task-definition", "aws-actions/aws-cloudformation-github-deploy",
        "google-github-actions/deploy-", "akhileshns/heroku-deploy", "cloudflare/wrangler-action", "cloudflare/pages-action", "actions/deploy-pages",
        "peaceiris/actions-gh-pages", "w9jds/firebase-action", "firebaseextended/action-hosting-deploy", "appleboy/ssh-action", "bervproject/railway-deploy",
        "einaregilsson/beanstalk-deploy", "azure/k8s-deploy", "azure/arm-deploy", "hashicorp/tfc-workflows-github", "dokku/github-action",
        "pulumi/actions", "serverless/github-action",
    ];

    // Actions that publish a release artifact whatever their inputs (build-push actions are judged by their push input).
    private static readonly string[] PublishActions =
    [
        "softprops/action-gh-release", "ncipollo/release-action", "actions/create-release", "actions/upload-release-asset", "svenstaro/upload-release-action",
        "pypa/gh-action-pypi-publish", "helm/chart-releaser-action", "js-devtools/npm-publish", "rubygems/release-gem", "redhat-actions/push-to-registry",
        "jreleaser/release-action", "goreleaser/goreleaser-action", "ko-build/ko-action",
    ];

    /// <summary>Classifies one command line, following package scripts, Makefile targets and shell scripts it runs (three levels deep).</summary>
    public static CommandActivities Classify(string command, ScriptIndex scripts, int depth = 0)
    {
        var result = scripts.Classified.GetOrAdd(command, Direct);
        // A root pom.xml whose properties skip the tests (maven.test.skip, skipTests) makes every Maven run build without
        // testing (xxl-job's `mvn -B package`), unless the command turns them back on.
        if (result.Test && scripts.MavenSkipsTests && MavenInvocation().IsMatch(command) && !MavenTestsOn().IsMatch(command))
            result = result with { Test = Direct(MavenInvocation().Replace(command, "")).Test };
        // A Gradle check or build, or a Maven lifecycle run, runs the static checks the build applies (Spotless, Checkstyle, PMD...).
        if (!result.Lint && JvmLifecycle(command) && scripts.JvmStaticChecks)
            result = result with { Lint = true };
        // A Python task runner's task (`invoke deploy --branch main`, `fab deploy`): its name says what it is for, as a
        // package script's does (openFEC's CircleCI deploy job runs `invoke deploy`, a tasks.py task that runs cf push).
        foreach (Match task in PythonTask().Matches(command))
            result = result.Or(ByScriptName(task.Groups[1].Value));
        if (depth >= 3)
            return result;
        foreach (var (script, body) in scripts.Called(command).Distinct())
        {
            result = result.Or(scripts.Followed.GetOrAdd((body, depth + 1), static (key, scripts) => Classify(key.Body, scripts, key.Depth), scripts));
            // The script's name says what it is for when its body is a tool we do not know (`"test": "node run-tests.js"`).
            result = result.Or(ByScriptName(script));
        }
        return result;
    }

    [GeneratedRegex(@"(?:^|[;&|]\s*|\s)(?:invoke|inv|fab)\s+([a-z][\w.-]*)", RegexOptions.Multiline)]
    private static partial Regex PythonTask();

    [GeneratedRegex(@"\b(mvn|mvnw|\./mvnw)\b[^\n;&|]*")]
    private static partial Regex MavenInvocation();

    [GeneratedRegex(@"-D(skipTests|maven\.test\.skip)=false")]
    private static partial Regex MavenTestsOn();

    [GeneratedRegex(@"\b(gradle|gradlew|\./gradlew)\b[^\n;&|]*\b(check|build)\b|\b(mvn|mvnw|\./mvnw)\b[^\n;&|]*\b(validate|compile|test|package|verify|install|deploy)\b")]
    private static partial Regex JvmLifecycleCommand();

    // `gradle build -x check` leaves the checks out.
    [GeneratedRegex(@"(-x|--exclude-task)[ =]\S*check", RegexOptions.IgnoreCase)]
    private static partial Regex GradleExcludesChecks();

    private static bool JvmLifecycle(string command) =>
        (command.Contains("gradle", StringComparison.Ordinal) || command.Contains("mvn", StringComparison.Ordinal)) && JvmLifecycleCommand().IsMatch(command) && !GradleExcludesChecks().IsMatch(command);

    // `pip install tox`, `npm i -g jest`, `go install .../gotestsum@latest` name a tool without running it.
    [GeneratedRegex(@"^\s*(sudo\s+)?((python3?\s+-m\s+)?pip3?\s+install|pipx\s+install|uv\s+(pip\s+install|tool\s+install|add)|poetry\s+add|(npm|pnpm)\s+(i|install|add)\b[^\n]*\s(-g|--global|-D|--save-dev)\b|npm\s+i(nstall)?\s+-g|yarn\s+(global\s+)?add|gem\s+install|go\s+install|go\s+get|cargo\s+(install|binstall)|dotnet\s+tool\s+(install|restore)|apt(-get)?\s+install|apk\s+add|brew\s+install|choco\s+install|curl\b[^\n]*\|\s*(ba)?sh)\b")]
    private static partial Regex InstallCommand();

    /// <summary>The command with its install lines left out, split at newlines and shell separators.</summary>
    private static string WithoutInstalls(string command)
    {
        if (!command.Contains("install", StringComparison.Ordinal) && !command.Contains(" add", StringComparison.Ordinal) && !command.Contains("go get", StringComparison.Ordinal) && !command.Contains('|', StringComparison.Ordinal))
            return command;
        var segments = Regex.Split(command, @"\n|&&|;|\|\|");
        return string.Join('\n', segments.Where(s => !InstallCommand().IsMatch(s)));
    }

    // A script that logs in to a registry, then builds an image with a --push flag kept in a variable
    // (`OPTS="--platform ... --push"` then `docker buildx build $OPTS -t repo:tag .`): the build publishes.
    [GeneratedRegex(@"\b(docker|podman)\s+login\b.*--push\b.*\bdocker\s+(buildx\s+)?(build|bake)\b[^\n;&|]*\$", RegexOptions.Singleline)]
    private static partial Regex LoginBuildPush();

    [GeneratedRegex(@"\\[ \t]*\r?\n[ \t]*")]
    private static partial Regex LineContinuation();

    public static CommandActivities Direct(string command)
    {
        // A command continued over several lines (`docker buildx build \` then `--push` three lines down) is one command.
        if (command.Contains('\\', StringComparison.Ordinal))
            command = LineContinuation().Replace(command, " ");
        command = WithoutInstalls(command);
        var scanners = ScannerPatterns.Where(p => p.Pattern.IsMatch(command)).Select(p => p.Id).ToList();
        var mavenSkips = MavenSkipsTests().IsMatch(command);
        var maven = MavenTestPhase().IsMatch(command) && !mavenSkips;
        // `mvn package -Dmaven.test.skip=true` names the tests only to skip them, and `gradle build -x test` leaves them out.
        var testText = mavenSkips || GradleSkipsTests().IsMatch(command) ? MavenInvocation().Replace(GradleInvocation().Replace(command, ""), "") : command;
        return new CommandActivities(
            BuildCommand().IsMatch(command),
            TestCommand().IsMatch(testText) || maven,
            LintCommand().IsMatch(command),
            TypecheckCommand().IsMatch(command),
            DeployCommand().IsMatch(command) || DeployDispatch().IsMatch(command),
            MigrateCommand().IsMatch(command),
            MigrationCheckCommand().IsMatch(command),
            scanners,
            PublishCommand().IsMatch(command) || command.Contains("--push", StringComparison.Ordinal) && LoginBuildPush().IsMatch(command),
            Attestations(command));
    }

    /// <summary>An action reference (`owner/repo@ref`, a CI plugin or a task) and its inputs, classified.</summary>
    public static CommandActivities Action(string uses, string inputs)
    {
        var lower = uses.ToLowerInvariant();
        var scanners = ScannerPatterns.Where(p => p.Pattern.IsMatch(uses)).Select(p => p.Id).Union(ScannersByName(uses)).ToList();
        // An action that only installs the platform's CLI (superfly/flyctl-actions/setup-flyctl) deploys nothing by itself.
        var deploy = DeployActions.Any(a => lower.StartsWith(a, StringComparison.Ordinal)) && !lower.Contains("/setup-", StringComparison.Ordinal);
        var direct = Direct(inputs);
        // A reusable workflow of another repository (`alphagov/govuk-infrastructure/.github/workflows/brakeman.yml@main`)
        // cannot be read here: its file name says what it is for.
        if (lower.Contains("/.github/workflows/", StringComparison.Ordinal))
            direct = direct.Or(ByScriptName(Path.GetFileNameWithoutExtension(uses.Split('@')[0])));
        // docker/build-push-action (and its forks) pushes only when told to: `push: true`, `push: ${{ ... }}` or an output with push=true.
        var buildPush = lower.Contains("/build-push-action", StringComparison.Ordinal) || lower.StartsWith("docker/bake-action", StringComparison.Ordinal);
        var pushes = buildPush && (Input(inputs, "push") is { } push && push != "false" || Input(inputs, "outputs") is { } outputs && outputs.Contains("push=true", StringComparison.Ordinal));
        // An action handed a registry's credentials (ory/ci/releaser with docker_password, a shared release action with an
        // npm or PyPI token) uploads to that registry; a login action only logs in, and the push is judged at its own step.
        var credentials = !lower.Contains("login", StringComparison.Ordinal) && !lower.Contains("/setup-", StringComparison.Ordinal)
            && inputs.Split('\n').Any(line => line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && RegistryCredential().IsMatch(line[..colon].Trim()));
        var release = credentials || PublishActions.Any(a => lower.StartsWith(a, StringComparison.Ordinal))
            && !(lower.StartsWith("goreleaser/", StringComparison.Ordinal) && Input(inputs, "args") is { } args && (args.Contains("--snapshot", StringComparison.Ordinal) || !args.Contains("release", StringComparison.Ordinal)));
        // An action that dispatches another pipeline (bitwarden/gh-actions/trigger-actions, repository-dispatch) deploys when its inputs name a deploy.
        var dispatch = (lower.Contains("dispatch", StringComparison.Ordinal) || lower.Contains("trigger", StringComparison.Ordinal))
            && inputs.Split('\n').Any(line => line.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon && DeployWord().IsMatch(line[(colon + 2)..]));
        return new CommandActivities(
            // GoReleaser builds the binaries whatever it is asked to do with them.
            buildPush || direct.Build || lower.StartsWith("goreleaser/goreleaser-action", StringComparison.Ordinal) && Input(inputs, "args")?.StartsWith("check", StringComparison.Ordinal) != true,
            lower.StartsWith("cypress-io/github-action", StringComparison.Ordinal) || direct.Test,
            lower.Contains("lint", StringComparison.Ordinal) || LintAction(lower) || direct.Lint,
            direct.Typecheck,
            deploy || dispatch || direct.Deploy,
            direct.Migrate,
            direct.MigrationCheck,
            scanners.Union(direct.Scanners).ToList(),
            pushes || release || direct.Publish,
            Attestations(uses.Split('@')[0]).Union(direct.Attestations).ToList());
    }

    // An input that carries a registry's credentials: docker_password, dockerhub-token, registry_password, npm_token, pypi-api-token, goreleaser_key.
    [GeneratedRegex(@"^(docker|dockerhub|docker_hub|registry|ghcr|quay|ecr|npm|pypi|nuget|rubygems|gem|goreleaser)[-_]?(user(name)?[-_]?)?(password|passwd|pwd|token|api[-_]?token|api[-_]?key|key)$", RegexOptions.IgnoreCase)]
    private static partial Regex RegistryCredential();

    // A reusable workflow named for pushing or publishing what it builds: build-push-image.yaml, docker-publish.yml.
    [GeneratedRegex(@"(^|[-_.])(push|publish)([-_.]|$)")]
    private static partial Regex PublishWorkflowName();

    // A reusable workflow named for running a test suite: run-tests.yml, _run-node-unit-tests-and-publish-pacts.yml, rspec.yml.
    [GeneratedRegex(@"(^|[-_.])(tests?|specs?|rspec|minitest|pytest|jest|jasmine|cypress|playwright|e2e)([-_.]|$)")]
    private static partial Regex TestWorkflowName();

    /// <summary>
    /// Another repository's reusable workflow (`org/actions/.github/workflows/build-push-image.yaml@v1`), which cannot be
    /// read here: what its name says it runs, and a push of what it builds when its name says so or its caller passes a
    /// push input (docker/github-builder's build.yml with `push: ${{ ... }}`), like docker/build-push-action's.
    /// </summary>
    public static CommandActivities RemoteWorkflow(string uses, string inputs)
    {
        var activities = Action(uses, "");
        var name = Path.GetFileNameWithoutExtension(uses.Split('@')[0]).ToLowerInvariant();
        var pushInput = Input(inputs, "push") is { } push && push != "false";
        if (PublishWorkflowName().IsMatch(name) || pushInput && activities.Build)
            activities = activities with { Build = true, Publish = true, SupplyChain = activities.Attestations.Union(Attestations(inputs)).Order(StringComparer.Ordinal).ToList() };
        // A test word anywhere in its name (`_run-java-tests-and-publish-pacts.yml`, `_run-node-cypress-tests.yml`), where
        // ByScriptName reads a leading one only.
        if (TestWorkflowName().IsMatch(name))
            activities = activities with { Test = true };
        return activities;
    }

    /// <summary>An action named for a linter or formatter check (astral-sh/ruff-action, rubocop/rubocop-action, pre-commit/action, psf/black).</summary>
    private static bool LintAction(string uses)
    {
        var name = uses.Split('@')[0];
        return LintCommand().IsMatch(name.Replace('-', ' ')) || name.StartsWith("pre-commit/action", StringComparison.Ordinal) || name == "psf/black" || name.StartsWith("reviewdog/action-", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(^|[^a-z])deploy", RegexOptions.IgnoreCase)]
    private static partial Regex DeployWord();

    /// <summary>The value of one `key: value` line of an action's inputs, or null.</summary>
    private static string? Input(string inputs, string key)
    {
        foreach (var line in inputs.Split('\n'))
        {
            if (line.StartsWith(key + ": ", StringComparison.Ordinal))
                return line[(key.Length + 2)..].Trim();
        }
        return null;
    }

    /// <summary>What a script, target or step is for, by its name: `test`, `test:unit`, `test-node`, `lint-js`, `build_all`.</summary>
    public static CommandActivities ByScriptName(string script)
    {
        var name = script.ToLowerInvariant();
        bool Is(params string[] words) => words.Any(w => name == w || name.StartsWith(w + ":", StringComparison.Ordinal) || name.StartsWith(w + "-", StringComparison.Ordinal) || name.StartsWith(w + "_", StringComparison.Ordinal));
        return CommandActivities.None with
        {
            // A task named coverage runs the tests to measure them (babybuddy's `gulp coverage`).
            Test = Is("test", "tests", "spec", "specs", "unit-test", "unit-tests", "integration-test", "e2e", "coverage"),
            Lint = Is("lint", "linter", "lints"),
            Typecheck = Is("typecheck", "type-check", "check-types", "types", "tsc", "mypy"),
            Build = Is("build", "compile"),
            Deploy = Is("deploy"),
        };
    }
}

/// <summary>Package scripts, Makefile targets and shell scripts of a repository, to follow what a command calls.</summary>
public sealed partial class ScriptIndex
{
    private const long MaxScriptSize = 128 * 1024;

    private readonly Dictionary<string, List<string>> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _targets = new(StringComparer.Ordinal);
    private readonly List<(Regex Pattern, string Body)> _patternTargets = [];
    private readonly Scanning.Snapshot? _snapshot;

    /// <summary>
    /// What each script body classifies as, by the depth it was reached at. An installer that calls its helper scripts
    /// dozens of times, each calling more, made the three-level walk visit one body tens of thousands of times (a
    /// 13-minute audit); each is now classified once per depth.
    /// </summary>
    internal readonly System.Collections.Concurrent.ConcurrentDictionary<(string Body, int Depth), CommandActivities> Followed = new();

    /// <summary>
    /// What each command is on its own (<see cref="CommandClassifier.Direct"/>, three dozen patterns): a monorepo's
    /// workflows run the same few commands in step after step (novuhq/novu: half of its workflows' reading was these patterns).
    /// </summary>
    internal readonly System.Collections.Concurrent.ConcurrentDictionary<string, CommandActivities> Classified = new(StringComparer.Ordinal);

    private ScriptIndex(Scanning.Snapshot? snapshot) => _snapshot = snapshot;

    public static ScriptIndex Of(FactContext context) => context.Cached("script-index", () => Build(context));

    // A Gradle build that applies a static check plugin (its tasks join `check`), or a Maven build that binds one to the lifecycle.
    [GeneratedRegex(@"\b(spotless|checkstyle|pmd|spotbugs|errorprone|ktlint|kotlinter|detekt|io\.spring\.javaformat)\b")]
    private static partial Regex GradleStaticCheck();

    [GeneratedRegex(@"<artifactId>(maven-checkstyle-plugin|spotless-maven-plugin|spring-javaformat-maven-plugin|maven-pmd-plugin|spotbugs-maven-plugin|ktlint-maven-plugin|detekt-maven-plugin)</artifactId>(?:(?!</plugin>).)*<goal>(check|validate|apply|pmd|cpd-check)</goal>", RegexOptions.Singleline)]
    private static partial Regex MavenStaticCheck();

    private bool? _jvmStaticChecks;

    /// <summary>True when the repository's Gradle or Maven build runs a linter or formatter check as part of its lifecycle.</summary>
    public bool JvmStaticChecks => _jvmStaticChecks ??= _snapshot is not null && _snapshot.Files.Any(f =>
        (f.Name is "build.gradle" or "build.gradle.kts" && _snapshot.ReadText(f.Path) is { } gradle && GradleStaticCheck().IsMatch(gradle))
        || (f.Name == "pom.xml" && _snapshot.ReadText(f.Path) is { } pom && MavenStaticCheck().IsMatch(pom)));

    [GeneratedRegex(@"<profiles>.*?</profiles>", RegexOptions.Singleline)]
    private static partial Regex MavenProfiles();

    [GeneratedRegex(@"<properties>(?:(?!</properties>).)*<(maven\.test\.skip|skipTests)>\s*true\s*</\1>", RegexOptions.Singleline)]
    private static partial Regex MavenSkipProperty();

    private bool? _mavenSkipsTests;

    /// <summary>True when the root pom.xml's properties (not a profile's) skip the tests: maven.test.skip or skipTests set to true.</summary>
    public bool MavenSkipsTests => _mavenSkipsTests ??= _snapshot?.ReadText("pom.xml") is { } pom && MavenSkipProperty().IsMatch(MavenProfiles().Replace(pom, ""));

    private static ScriptIndex Build(FactContext context)
    {
        var index = new ScriptIndex(context.Snapshot);
        foreach (var manifest in Node.NodeManifests.Of(context))
            foreach (var (name, body) in manifest.Scripts)
                index.Add(index._scripts, name, body);
        var makefiles = context.Snapshot.Files.Where(f =>
            f.Name is "Makefile" or "makefile" or "GNUmakefile" || f.Name.EndsWith(".mk", StringComparison.Ordinal) && !Node.NodeManifests.IsVendored(f.Path));
        foreach (var makefile in makefiles)
        {
            if (context.Snapshot.ReadText(makefile.Path) is not { } text)
                continue;
            string? target = null;
            // A line ending in a backslash goes on on the next one: a rule's prerequisites listed one a line
            // (`release-test: \` then `\tvet \`, `\tsec \`) are prerequisites, not recipe lines.
            foreach (var line in text.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            {
                var m = MakeTarget().Match(line);
                if (m.Success && !line.StartsWith('\t'))
                {
                    target = m.Groups[1].Value;
                    // A rule's prerequisites are targets too (`all: lint test build` runs them); a recipe may follow a `;`.
                    var prerequisites = m.Groups[2].Value.Trim();
                    var recipe = m.Groups[3].Value.Trim();
                    index.AddTarget(target, prerequisites.Length > 0 ? "make " + prerequisites : null);
                    if (recipe.Length > 0)
                        index.AddTarget(target, recipe);
                }
                else if (target is not null && line.StartsWith('\t'))
                    index.AddTarget(target, line.Trim());
                else if (line.Trim().Length > 0 && !line.StartsWith('#') && !MakeConditional().IsMatch(line))
                    target = null;
            }
        }
        // just's recipes are followed like Makefile targets (pretalx's CI runs `just test-coverage`).
        foreach (var justfile in context.Snapshot.Files.Where(f => f.Name is "justfile" or "Justfile" or ".justfile" && !Node.NodeManifests.IsVendored(f.Path)))
        {
            if (context.Snapshot.ReadText(justfile.Path) is not { } text)
                continue;
            string? recipe = null;
            foreach (var line in text.Split('\n'))
            {
                if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
                {
                    var m = JustRecipe().Match(line);
                    recipe = m.Success ? m.Groups[1].Value : null;
                    if (recipe is not null && m.Groups[2].Value.Trim() is { Length: > 0 } dependencies)
                        index.AddTarget(recipe, "just " + dependencies);
                    else if (recipe is not null)
                        index.AddTarget(recipe, null);
                }
                else if (recipe is not null && line.Trim() is { Length: > 0 } body && !body.StartsWith('#'))
                    index.AddTarget(recipe, body.TrimStart('@', '-'));
            }
        }
        // go-task's Taskfile: each task's commands (`cmds`, with `task: other` calling another task) and its `deps`.
        foreach (var taskfile in context.Snapshot.Files.Where(f => f.Name is "Taskfile.yml" or "Taskfile.yaml" or "taskfile.yml" or "taskfile.yaml" && !Node.NodeManifests.IsVendored(f.Path)))
        {
            foreach (var (name, task) in YamlDocuments.Root(context, taskfile.Path).Get("tasks").Entries())
            {
                index._taskfile = true;
                index.AddTarget(name, null);
                // A task may be a command, a list of commands, or a mapping with cmds and deps.
                IEnumerable<YamlDotNet.RepresentationModel.YamlNode> commands = task is YamlDotNet.RepresentationModel.YamlMappingNode ? task.Get("cmds").Items()
                    : task is YamlDotNet.RepresentationModel.YamlSequenceNode ? task.Items() : [task];
                foreach (var command in commands)
                {
                    if ((command.Scalar() ?? command.Scalar("cmd")) is { } line)
                        index.AddTarget(name, line);
                    else if (command.Scalar("task") is { } other)
                        index.AddTarget(name, "task " + other);
                }
                foreach (var dependency in task.Get("deps").Items())
                {
                    if ((dependency.Scalar() ?? dependency.Scalar("task")) is { } other)
                        index.AddTarget(name, "task " + other);
                }
            }
        }
        index.AddRakeDefaults(context);
        index.AddPsakeTasks(context);
        return index;
    }

    private bool _taskfile;

    // Rake's default task and what it depends on (`task default: %i[lint spec]`, `task :default => [:spec, "bundler:audit"]`):
    // a pipeline that runs a bare `rake` runs them.
    [GeneratedRegex(@"^\s*task\s*\(?\s*(?::default\s*=>|default:)\s*(?<deps>\[[^\]\n]*\]|%[wi]\[[^\]\n]*\]|:[\w:]+|[""'][\w:]+[""'])", RegexOptions.Multiline)]
    private static partial Regex RakeDefault();

    [GeneratedRegex(@"[\w:]+")]
    private static partial Regex RakeTaskName();

    private readonly List<string> _rakeDefault = [];

    /// <summary>The prerequisites of Rake's default task, from the root Rakefile and the Rails tasks folder (rake adds them up).</summary>
    private void AddRakeDefaults(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => f.Path == "Rakefile" || f.Path.StartsWith("lib/tasks/", StringComparison.Ordinal) && f.Name.EndsWith(".rake", StringComparison.Ordinal)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            foreach (Match m in RakeDefault().Matches(text))
            {
                var deps = m.Groups["deps"].Value;
                var list = deps.StartsWith('%') ? deps[3..] : deps;
                _rakeDefault.AddRange(RakeTaskName().Matches(list).Select(t => t.Value.TrimStart(':')).Where(t => t.Length > 0));
            }
        }
    }

    // `rake`, `bundle exec rake`, `bin/rake`: with no task named, Rake runs the default task.
    [GeneratedRegex(@"(?<![\w\-.])rake(?=[ \t]*(?:$|\n|[;&|]))", RegexOptions.Multiline)]
    private static partial Regex BareRakeCall();

    // psake's tasks: `task Test -depends Compile, MigrateTest -description "..." {` then the body up to a closing brace at
    // the start of a line; `exec { dotnet test ... }` lines are its commands. PowerShell names are case-insensitive.
    [GeneratedRegex(@"^task\s+(?<name>[\w.:-]+)(?:[^\n{]*?-depends?\s+(?<deps>[\w.:-]+(?:\s*,\s*[\w.:-]+)*))?[^\n{]*(?<body>\{)?", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex PsakeTask();

    private readonly Dictionary<string, List<string>> _psakeTasks = new(StringComparer.OrdinalIgnoreCase);

    private void AddPsakeTasks(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => f.Name.Equals("psakefile.ps1", StringComparison.OrdinalIgnoreCase) && !Node.NodeManifests.IsVendored(f.Path)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            foreach (Match m in PsakeTask().Matches(text))
            {
                var name = m.Groups["name"].Value;
                if (!_psakeTasks.TryGetValue(name, out var bodies))
                    _psakeTasks[name] = bodies = [];
                if (m.Groups["deps"].Success)
                    bodies.Add("invoke-psake " + string.Join(' ', m.Groups["deps"].Value.Split(',', StringSplitOptions.TrimEntries)));
                if (!m.Groups["body"].Success)
                    continue;
                var end = text.IndexOf("\n}", m.Index, StringComparison.Ordinal);
                var body = text[(m.Index + m.Length)..(end < 0 ? text.Length : end)];
                bodies.Add(string.Join('\n', body.Split('\n').Select(l => l.Trim().Replace("exec {", "", StringComparison.OrdinalIgnoreCase).TrimEnd('}', ' ', '`')).Where(l => l.Length > 0 && !l.StartsWith('#'))));
            }
        }
    }

    // `invoke-psake ci -properties @{...}`, `./psake.sh Test`: the tasks named before the first option (default when none).
    [GeneratedRegex(@"(?<![\w\-])(?:invoke-psake|psake(?:\.ps1|\.sh|\.cmd)?)(?![\w-])((?:[ \t]+(?!-)[^\s;&|""'`)]+)*)", RegexOptions.IgnoreCase)]
    private static partial Regex PsakeCall();

    // `gulp lint`, `npx grunt test`: their tasks are JavaScript functions we do not read, but a task's name says what it is for.
    [GeneratedRegex(@"(?<![\w\-./])(?:gulp|grunt)(?![\w-])((?:[ \t]+(?!-)[^\s;&|""'`)]+)*)")]
    private static partial Regex JsTaskRunnerCall();

    // `task build`, `task lint test`: go-task's runner, followed only when the repository has a Taskfile.
    [GeneratedRegex(@"(?<![\w\-./])task((?:[ \t]+[^\s;&|""'`)]+)+)")]
    private static partial Regex TaskCall();

    // `name arg *args:` or `@name:`, followed by the recipes it depends on; not `x := y` or an `[attribute]`.
    [GeneratedRegex(@"^@?([A-Za-z0-9_\-]+)(?:\s+[^:=\n]*)?:(?!=)\s*([A-Za-z0-9_\-\s]*?)\s*(?:#.*)?$")]
    private static partial Regex JustRecipe();

    private void AddTarget(string target, string? body)
    {
        if (target.Contains('%', StringComparison.Ordinal))
        {
            if (body is not null)
                _patternTargets.Add((new Regex("^" + Regex.Escape(target).Replace("%", ".+", StringComparison.Ordinal) + "$"), body));
            return;
        }
        if (body is null)
        {
            if (!_targets.ContainsKey(target))
                _targets[target] = [];
            return;
        }
        Add(_targets, target, body);
    }

    private void Add(Dictionary<string, List<string>> into, string name, string body)
    {
        if (!into.TryGetValue(name, out var list))
            into[name] = list = [];
        list.Add(body);
    }

    // `target: prereq prereq` (the recipe may follow a `;`, a `## help` comment may end the line), not a variable
    // assignment (`x := y`, `x ?= y`) or a target-specific one.
    [GeneratedRegex(@"^([A-Za-z0-9_.\-/%]+)\s*:(?![=:])([^#;=\n]*)(?:;(.*)|#.*)?$")]
    private static partial Regex MakeTarget();

    // `npm run x`, `pnpm x`, `yarn x`, `bun run x`, `pnpm --filter api test`, `npm test`, `make x`, `turbo run x`, `nx run-many -t x`.
    [GeneratedRegex(@"\b(?:npm|pnpm|yarn|bun)\s+(?:(?:-r|--recursive|-w|--workspaces?|--if-present|--silent|-s|--filter[= ]\S+|-F\s*\S+|--dir\s+\S+|--cwd[= ]\S+|-C\s+\S+|--prefix\s+\S+|workspace\s+\S+|workspaces\s+foreach(?:\s+-\S+)*)\s+)*(?<run>run(?:-script)?\s+)?([A-Za-z0-9:_\-.]+)")]
    private static partial Regex ScriptCall();

    // npm-run-all (and its run-s / run-p) takes script names and globs (`lint:*`); concurrently takes `npm:name`.
    [GeneratedRegex(@"\b(?:npm-run-all2?|run-s|run-p)\b((?:[ \t]+(?!&&|\|\||;)[^\s;&|]+)*)")]
    private static partial Regex RunAllCall();

    [GeneratedRegex(@"(?<![\w-])(?:npm|pnpm|yarn|bun):([A-Za-z0-9:_\-.*]+)")]
    private static partial Regex ConcurrentlyScript();

    private static readonly HashSet<string> RunAllOptionsWithValue = new(StringComparer.Ordinal) { "--npm-path", "--max-parallel" };

    [GeneratedRegex(@"\b(?:turbo\s+(?:run\s+)?|nx\s+(?:run-many\s+(?:--targets?[= ]|-t\s+)|affected\s+(?:--targets?[= ]|-t\s+)))([A-Za-z0-9:_\-.,]+)")]
    private static partial Regex TaskRunnerCall();

    // A word may hold quoted parts (`make -j"$JOBS" release-test`): the quotes do not end the command's targets.
    [GeneratedRegex(@"(?<![\w\-./])(?:\$\(MAKE\)|\$\{MAKE\}|make|gmake|just)((?:[ \t]+(?:[^\s;&|""'`)]|""[^""\n]*""|'[^'\n]*')+)+)")]
    private static partial Regex MakeCall();

    // A script in the repository run by path: `./ci/test.sh`, `bash scripts/build.sh`, `.buildkite/pipeline.sh`, `./build.ps1`.
    [GeneratedRegex(@"(?:^|[\s;&|(""'])(?:(?:bash|sh|zsh|source|\.|pwsh|powershell(?:\.exe)?(?:\s+-File)?)\s+)?(\.{0,2}/?[A-Za-z0-9_.\-/]*[A-Za-z0-9_\-](?:\.sh|\.bash|\.ps1)|\./[A-Za-z0-9_.\-/]+|(?:scripts?|bin|build-bin|ci|\.ci|build|tools|hack|\.github|\.buildkite|\.circleci)/[A-Za-z0-9_.\-/]+)")]
    private static partial Regex ShellScriptCall();

    // Conditionals inside a recipe (`ifeq ($(CI), true)` ... `endif`) do not end it.
    [GeneratedRegex(@"^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)\b")]
    private static partial Regex MakeConditional();

    [GeneratedRegex(@"\b(ruby|python3?|node)\b")]
    private static partial Regex InterpreterShebang();

    [GeneratedRegex(@"\b(ba|z|da|k)?sh\b|pwsh")]
    private static partial Regex ShellShebang();

    private static readonly HashSet<string> ManagerCommands = new(StringComparer.Ordinal)
    {
        "install", "i", "ci", "add", "remove", "exec", "dlx", "x", "npx", "audit", "publish", "version", "config", "cache", "set", "pack", "link", "why", "outdated", "update", "up", "store", "prune", "rebuild", "init", "create", "info", "view",
    };

    // Make's flags whose value is the next word.
    private static readonly HashSet<string> MakeFlagsWithValue = new(StringComparer.Ordinal) { "-C", "-f", "-j", "-l", "-o", "-W", "-I", "--directory", "--file", "--jobs" };

    /// <summary>The scripts, targets and shell scripts a command calls, with their bodies.</summary>
    public IEnumerable<(string Name, string Body)> Called(string command)
    {
        foreach (Match m in ScriptCall().Matches(command))
        {
            var name = m.Groups[1].Value;
            // `npm ci` installs, but `npm run ci` runs the script named ci.
            if (ManagerCommands.Contains(name) && !m.Groups["run"].Success)
                continue;
            foreach (var called in PackageScripts(name))
                yield return called;
        }
        foreach (Match m in TaskRunnerCall().Matches(command))
        {
            foreach (var name in m.Groups[1].Value.Split(','))
                foreach (var called in PackageScripts(name))
                    yield return called;
        }
        foreach (Match m in RunAllCall().Matches(command))
        {
            var words = m.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i].Trim('"', '\'');
                if (word == "--")
                    break; // what follows is passed to the scripts
                if (RunAllOptionsWithValue.Contains(word))
                    i++;
                else if (!word.StartsWith('-'))
                    foreach (var called in PackageScripts(word))
                        yield return called;
            }
        }
        foreach (Match m in ConcurrentlyScript().Matches(command))
        {
            foreach (var called in PackageScripts(m.Groups[1].Value))
                yield return called;
        }
        foreach (Match m in MakeCall().Matches(command))
        {
            var words = m.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if (MakeFlagsWithValue.Contains(word))
                    i++;
                else if (!word.StartsWith('-') && !word.Contains('=', StringComparison.Ordinal))
                    foreach (var called in Target(word))
                        yield return called;
            }
        }
        if (_rakeDefault.Count > 0 && BareRakeCall().IsMatch(command))
            foreach (var task in _rakeDefault)
                yield return (task, "rake " + task);
        foreach (Match m in PsakeCall().Matches(command))
        {
            var words = m.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in words.Length > 0 ? words : ["default"])
                if (_psakeTasks.TryGetValue(word, out var bodies))
                    foreach (var body in bodies)
                        yield return (word, body);
        }
        foreach (Match m in JsTaskRunnerCall().Matches(command))
        {
            foreach (var word in m.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                yield return (word, "");
        }
        if (_taskfile)
        {
            foreach (Match m in TaskCall().Matches(command))
            {
                foreach (var word in m.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word == "--")
                        break; // what follows is passed to the task
                    if (!word.StartsWith('-') && !word.Contains('=', StringComparison.Ordinal) && _targets.ContainsKey(word))
                        foreach (var called in Target(word))
                            yield return called;
                }
            }
        }
        foreach (var called in ShellScripts(command))
            yield return called;
    }

    /// <summary>
    /// The scripts a name or a glob names, as npm-run-all reads them: `*` matches within a `:`-separated segment, `**`
    /// across segments (`lint:*` is lint:js and lint:css, not lint:css:fix).
    /// </summary>
    private IEnumerable<(string Name, string Body)> PackageScripts(string nameOrGlob)
    {
        IEnumerable<string> names = [nameOrGlob];
        if (nameOrGlob.Contains('*'))
        {
            var pattern = new Regex("^" + Regex.Escape(nameOrGlob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^:]*", StringComparison.Ordinal) + "$");
            names = _scripts.Keys.Where(name => pattern.IsMatch(name)).Order(StringComparer.Ordinal).ToList();
        }
        foreach (var name in names)
        {
            if (_scripts.TryGetValue(name, out var bodies))
                foreach (var body in bodies)
                    yield return (name, body);
        }
    }

    /// <summary>A Makefile target's recipe lines and prerequisites; `build-${ARCH}` matches a `build-%` rule. An unknown target still has its name.</summary>
    private IEnumerable<(string Name, string Body)> Target(string word)
    {
        var name = Regex.Replace(word, @"\$\{?\(?[A-Za-z_][A-Za-z0-9_]*\)?\}?", "x");
        if (_targets.TryGetValue(name, out var bodies))
        {
            if (bodies.Count == 0)
                yield return (name, "");
            foreach (var body in bodies)
                yield return (name, body);
            yield break;
        }
        var matched = false;
        foreach (var (pattern, body) in _patternTargets)
        {
            if (!pattern.IsMatch(name))
                continue;
            matched = true;
            yield return (name, body);
        }
        // The Makefile may live where we cannot read it (generated, included from elsewhere): the target's name still says what it is for.
        if (!matched)
            yield return (name, "");
    }

    private ILookup<string, string>? _scriptsByName;

    private IReadOnlyList<string> ScriptsNamed(string path, bool anywhere = false)
    {
        _scriptsByName ??= _snapshot!.Files
            .Where(f => f.Name.EndsWith(".sh", StringComparison.Ordinal) || f.Name.EndsWith(".ps1", StringComparison.Ordinal))
            .ToLookup(f => f.Name, f => f.Path, StringComparer.Ordinal);
        var name = path[(path.LastIndexOf('/') + 1)..];
        return _scriptsByName[name].Where(p => anywhere || p.EndsWith("/" + path, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The lines of the repository's shell scripts a command runs by path, comments left out.</summary>
    private IEnumerable<(string Name, string Body)> ShellScripts(string command)
    {
        if (_snapshot is null)
            yield break;
        // Windows paths (`.\Build\runbuild.ps1`) name the same files.
        foreach (Match m in ShellScriptCall().Matches(command.Replace('\\', '/')))
        {
            var path = m.Groups[1].Value;
            while (path.StartsWith("./", StringComparison.Ordinal))
                path = path[2..];
            path = path.TrimStart('/');
            if (path.Length == 0)
                continue;
            // A script that calls another beside itself names it relative to its own folder: take the one file of that name.
            // A path inside a container (`docker compose exec webapp /webodm/webodm.sh test`) names the repository's one file of that name.
            if (!_snapshot.Exists(path) && (path.EndsWith(".sh", StringComparison.Ordinal) || path.EndsWith(".ps1", StringComparison.Ordinal)))
                path = ScriptsNamed(path) is [var only] ? only : ScriptsNamed(path[(path.LastIndexOf('/') + 1)..], anywhere: true) is [var one] ? one : path;
            if (_snapshot.Find(path) is not { } file || file.Size > MaxScriptSize || file.Name is "gradlew" or "mvnw" || _snapshot.ReadText(path) is not { } text)
                continue;
            // A path with no shell extension is followed only when it is a shell script (not a Ruby binstub or a data file).
            var shell = file.Name.EndsWith(".sh", StringComparison.Ordinal) || file.Name.EndsWith(".bash", StringComparison.Ordinal) || file.Name.EndsWith(".ps1", StringComparison.Ordinal)
                || text.StartsWith("#!", StringComparison.Ordinal) && ShellShebang().IsMatch(text.Split('\n')[0]);
            // A Ruby, Python or Node script a pipeline runs by path (signon's script/minitest-ci ends in
            // `exec "bundle exec rails test ..."`): its text is read for the commands it spells out, as a shell script's is.
            var interpreted = !shell && text.StartsWith("#!", StringComparison.Ordinal) && InterpreterShebang().IsMatch(text.Split('\n')[0]);
            if (!shell && !interpreted)
                continue;
            var body = string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
            var name = file.Name.Contains('.', StringComparison.Ordinal) ? file.Name[..file.Name.LastIndexOf('.')] : file.Name;
            yield return (name, body);
        }
    }
}
