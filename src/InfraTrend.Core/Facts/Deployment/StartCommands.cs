using InfraTrend.Facts.Ci;

namespace InfraTrend.Facts.Deployment;

/// <summary>What a platform's build, start or release command does about migrations, followed through package scripts.</summary>
internal static class StartCommands
{
    /// <summary>Records where migrations are applied when <paramref name="command"/> applies them ("start", "build" or "release").</summary>
    public static void Record(FactContext context, string? command, string stage, Evidence evidence)
    {
        if (string.IsNullOrWhiteSpace(command))
            return;
        if (CommandClassifier.Classify(command, ScriptIndex.Of(context)).Migrate)
            context.Add(FactKeys.MigrationsAppliedAt, stage, evidence);
    }
}
