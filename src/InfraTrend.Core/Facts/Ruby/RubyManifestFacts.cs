namespace InfraTrend.Facts.Ruby;

/// <summary>Gemfiles: frameworks (Rails, Sinatra), Bundler and its version (BUNDLED WITH), the lockfile, and the Ruby pin (`ruby "3.3.0"`).</summary>
public sealed class RubyManifestFacts : IFactSource
{
    private static readonly (string Gem, string Framework)[] Frameworks = [("rails", "rails"), ("railties", "rails"), ("sinatra", "sinatra")];

    public void Collect(FactContext context)
    {
        foreach (var gemfile in Gemfiles.Of(context).Where(g => !RubyParts.IsFixture(g.Folder)))
        {
            foreach (var (gem, framework) in Frameworks)
            {
                if (gemfile.Runtime(gem) is { } declared)
                    context.Add(FactKeys.Frameworks, framework, declared.Evidence);
            }
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
