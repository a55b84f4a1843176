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
        if (CommandClassifier.Classify(command, ScriptIndex.Of(context)).Migrate || OwnMigrate(command))
            context.Add(FactKeys.MigrationsAppliedAt, stage, evidence);
    }

    /// <summary>Package managers and tools whose --upgrade flag upgrades packages or releases, not a database.</summary>
    [GeneratedRegex(@"^(?:sudo\s+)?(?:\S*/)?(?:pip3?|python3?\s+-m\s+pip|uv|poetry|pipx|npm|npx|yarn|pnpm|apt|apt-get|apk|brew|gem|bundle|conda|helm|choco|winget|dnf|yum|go|cargo|dotnet|composer|flatpak|snap|mas|certbot)\b")]
    private static partial Regex PackageTool();

    /// <summary>
    /// The project's own binary told to migrate its database: `./listmonk --upgrade --yes`, `dispatch database upgrade`,
    /// `python -m pretalx migrate`, `mayan-edms.py performupgrade`, `app migrate`, or an entrypoint's own command
    /// named for it alone (`run_initial_setup_or_perform_upgrade` as the command of a one-shot compose service). Self-hosted products ship their
    /// migrations inside the binary and apply them with a command of their own.
    /// </summary>
    [GeneratedRegex(@"(?:^|\s)--(?:upgrade|migrate)(?:\s|$|=)|^(?:\S*/)?[\w.-]+\s+(?:db|database)\s+(?:upgrade|migrate)\b|^python3?\s+-m\s+\w+\s+migrate\b|^(?:\S*/)?[\w.-]+\.py\s+(?:migrate|performupgrade|upgradedb|db_upgrade)\b|^(?:\S*/)?[\w-]+\s+(?:migrate|upgradedb|db-upgrade|db_upgrade|migrate-db|migratedb)(?:\s+(?:up|latest|--\S+|-\w))*\s*$|^(?:\S*/)?(?:[\w-]*[_-])?(?:upgrade|migrate)(?:[_-][\w-]*)?$")]
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
