using System.Text.RegularExpressions;
using InfraTrend.Facts.Ci;

namespace InfraTrend.Facts.Deployment;

/// <summary>What a platform's build, start or release command does about migrations, followed through package scripts.</summary>
internal static partial class StartCommands
{
    /// <summary>Records where migrations are applied when <paramref name="command"/> applies them ("start", "build" or "release").</summary>
    public static void Record(FactContext context, string? command, string stage, Evidence evidence)
    {
        if (string.IsNullOrWhiteSpace(command))
            return;
        if (CommandClassifier.Classify(command, ScriptIndex.Of(context)).Migrate || OwnMigrate(command) || RunsMigratingRakeTask(context, command))
            context.Add(FactKeys.MigrationsAppliedAt, stage, evidence);
    }

    /// <summary>`bin/rails heroku:release`, `bundle exec rake deploy:migrate`: a Rails command that runs one of the project's own rake tasks.</summary>
    [GeneratedRegex(@"(?:^|[\s;&])(?:\S*/)?(?:rails|rake)\s+(?<task>[a-z_][\w:]*)(?=\s|$|;|&)")]
    private static partial Regex RakeTaskCommand();

    [GeneratedRegex(@"^\s*namespace\s+[:'""]?(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex RakeNamespace();

    [GeneratedRegex(@"^\s*task\s*\(?\s*[:'""]?(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex RakeTask();

    [GeneratedRegex(@"\bdb:(?:migrate|prepare)\b")]
    private static partial Regex RakeMigrate();

    /// <summary>
    /// The project's rake tasks (lib/tasks/*.rake) whose body runs db:migrate or db:prepare, by their full name
    /// (`heroku:release`): a Procfile release phase or start command that runs one applies the migrations.
    /// </summary>
    private static HashSet<string> MigratingRakeTasks(FactContext context) => context.Cached("migrating-rake-tasks", () =>
    {
        var tasks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in context.Snapshot.Files.Where(f => f.Name.EndsWith(".rake", StringComparison.Ordinal) && !Node.NodeManifests.IsVendored(f.Path)))
        {
            if (context.Snapshot.ReadText(file.Path) is not { } text || !RakeMigrate().IsMatch(text))
                continue;
            var space = RakeNamespace().Match(text) is { Success: true } ns ? ns.Groups["name"].Value + ":" : "";
            var found = RakeTask().Matches(text).ToList();
            for (var i = 0; i < found.Count; i++)
            {
                var end = i + 1 < found.Count ? found[i + 1].Index : text.Length;
                if (RakeMigrate().IsMatch(text[found[i].Index..end]))
                    tasks.Add(space + found[i].Groups["name"].Value);
            }
        }
        return tasks;
    });

    private static bool RunsMigratingRakeTask(FactContext context, string command) =>
        RakeTaskCommand().Match(command) is { Success: true } m && !m.Groups["task"].Value.StartsWith("db:", StringComparison.Ordinal)
        && MigratingRakeTasks(context).Contains(m.Groups["task"].Value);

    /// <summary>Package managers and tools whose --upgrade flag upgrades packages or releases, not a database.</summary>
    [GeneratedRegex(@"^(?:sudo\s+)?(?:\S*/)?(?:pip3?|python3?\s+-m\s+pip|uv|poetry|pipx|npm|npx|yarn|pnpm|apt|apt-get|apk|brew|gem|bundle|conda|helm|choco|winget|dnf|yum|go|cargo|dotnet|composer|flatpak|snap|mas|certbot)\b")]
    private static partial Regex PackageTool();

    /// <summary>
    /// The project's own binary told to migrate its database: `./listmonk --upgrade --yes`, `dispatch database upgrade`,
    /// `python -m pretalx migrate`, `mayan-edms.py performupgrade`, `app migrate` (with its options: `/hanko migrate up --config /etc/config/config.yaml`), a Go server's start flag (`serve -automigrate`,
    /// Go flags take one dash), or an entrypoint's own command
    /// named for it alone (`run_initial_setup_or_perform_upgrade` as the command of a one-shot compose service, `scripts/db-migrate.mjs`
    /// or `node scripts/migrate.js` as the command of a migration image). Self-hosted products ship their
    /// migrations inside the binary and apply them with a command of their own.
    /// </summary>
    [GeneratedRegex(@"(?:^|\s)--?(?:auto-?)?(?:upgrade|migrate)(?:\s|$|=)|^(?:\S*/)?[\w.-]+\s+(?:db|database)\s+(?:upgrade|migrate)\b|^python3?\s+-m\s+\w+\s+migrate\b|^(?:\S*/)?[\w.-]+\.py\s+(?:migrate|performupgrade|upgradedb|db_upgrade)\b|^(?:\S*/)?[\w-]+\s+(?:migrate|upgradedb|db-upgrade|db_upgrade|migrate-db|migratedb)(?:\s+(?:up|latest|--\S+(?:\s+/\S+)?|-\w))*\s*$|^(?:(?:node|bun|tsx|python3?|ruby|bash|sh)\s+)?(?:\S*/)?(?:[\w-]*[_-])?(?:upgrade|migrate)(?:[_-][\w-]*)?(?:\.(?:sh|mjs|cjs|js|ts|py|rb))?$")]
    private static partial Regex OwnMigrateSegment();

    /// <summary>Whether one line of a script, page or manifest applies the migrations: a known migration tool, or the project's own command.</summary>
    public static bool Migrates(string line) => CommandClassifier.Direct(line).Migrate || OwnMigrate(line);

    [GeneratedRegex(@"&&|\|\||;|\||\n")]
    private static partial Regex ShellSeparator();

    [GeneratedRegex(@"\binstall\b")]
    private static partial Regex Install();

    /// <summary>Shell tools, not the product: `git`, `docker` and the like migrate nothing of the application's.</summary>
    [GeneratedRegex(@"^(?:git|docker|kubectl|echo|make|cd|curl|wget|terraform|mvn|gradle|\./gradlew)\b")]
    private static partial Regex ShellTool();

    /// <summary>Words that start a shell segment without being the command (`exec`, env assignments).</summary>
    [GeneratedRegex(@"^(?:exec\s+|env\s+|(?:/bin/|/usr/bin/)?(?:ba)?sh\s+-c\s+|(?:\w+=\S*\s+)+|gosu\s+\S+\s+|su-exec\s+\S+\s+)+")]
    private static partial Regex Prefix();

    /// <summary>Whether a shell command runs the project's own migrate or upgrade command (see <see cref="OwnMigrateSegment"/>).</summary>
    public static bool OwnMigrate(string command)
    {
        foreach (var raw in ShellSeparator().Split(command))
        {
            var segment = raw.Trim().Trim('"', '\'', '[', ']', '`', ' ').Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
            segment = Prefix().Replace(segment, "");
            if (segment.Length == 0 || segment.StartsWith('#') || PackageTool().IsMatch(segment))
                continue;
            if (Install().IsMatch(segment) || ShellTool().IsMatch(segment))
                continue;
            if (OwnMigrateSegment().IsMatch(segment))
                return true;
        }
        return false;
    }
}
