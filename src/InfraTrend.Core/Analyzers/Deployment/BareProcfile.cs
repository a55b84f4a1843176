using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

/// <summary>
/// A repository whose only descriptor is a Procfile that starts the web process and nothing else: no worker, no release
/// phase, no other descriptor. It is the start command (`web: bundle exec puma -C config/puma.rb`), not a description of
/// how the application is built, released and configured; auditors read such a Procfile, typical of tutorials and apps
/// pushed to Heroku by hand, as a thin descriptor (a one-line Procfile with the release phase commented out, a
/// tutorial's Heroku Procfile: both scored 30).
/// </summary>
internal static class BareProcfile
{
    public static bool IsOnlyDescriptor(AnalyzerContext context)
    {
        var platforms = context.Repository.List(FactKeys.Platforms);
        if (platforms.Count != 1 || platforms[0] != "heroku-procfile")
            return false;
        var processes = context.Repository.List(FactKeys.ProcfileProcesses);
        return processes.Count > 0 && processes.All(p => p == "web");
    }
}
