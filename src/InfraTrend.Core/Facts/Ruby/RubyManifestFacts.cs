using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Go;

namespace InfraTrend.Facts.Ruby;

/// <summary>Gemfiles: frameworks (Rails, Sinatra), Bundler and its version (BUNDLED WITH), the lockfile, and the Ruby pin (`ruby "3.3.0"`).</summary>
// Adds to stack.packageManagers after them: the report keeps the order they were found in.
// After TestFileFacts, which reads stack.frameworks without what this source adds.
[FactSource(After = [typeof(GoModuleFacts), typeof(TestFileFacts)])]
public sealed partial class RubyManifestFacts : IFactSource
{
    [GeneratedRegex(@"\bSinatra::(Base|Application)\b|\brequire\s*\(?\s*['""]sinatra(/base)?['""]")]
    private static partial Regex SinatraApp();

    public void Collect(FactContext context)
    {
        var sources = RubySources.Of(context);
        foreach (var gemfile in Gemfiles.Of(context).Where(g => !RubyParts.IsFixture(g.Folder)))
        {
            var rails = gemfile.Runtime("rails") ?? gemfile.Runtime("railties");
            if (rails is not null)
                context.Add(FactKeys.Frameworks, "rails", rails.Evidence);
            // Beside Rails, Sinatra is usually a mounted tool's dependency (Sidekiq's web UI); it is a framework here only when the code uses it.
            if (gemfile.Runtime("sinatra") is { } sinatra && (rails is null || sources.Any(s => gemfile.Holds(s.Path) && s.HasCode(SinatraApp()))))
                context.Add(FactKeys.Frameworks, "sinatra", sinatra.Evidence);
            if (gemfile.Ruby is { } ruby)
                context.RuntimeSource("ruby", ruby, new Evidence(gemfile.Path, gemfile.RubyLine), "manifest");

            if (gemfile.Lock is { } lockfile)
            {
                context.Add(FactKeys.Lockfiles, Path.GetFileName(lockfile.Path), new Evidence(lockfile.Path, 0));
                context.SetEntry(FactKeys.PackageManagers, "bundler", lockfile.BundlerVersion, new Evidence(lockfile.Path, lockfile.BundlerLine));
            }
            else
            {
                context.SetEntry(FactKeys.PackageManagers, "bundler", null, new Evidence(gemfile.Path, 0));
            }
        }
    }
}
