using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Ruby;

/// <summary>
/// Ruby's deployable parts: a Rails application (config/application.rb), a Rack application (a config.ru: Sinatra, Roda,
/// Hanami, Grape) or a Sinatra app started on its own, and a Sidekiq or Resque worker with no web framework. A gem (a
/// gemspec without a config.ru) is a library, and an engine's dummy app under spec/ or test/ is a fixture.
/// </summary>
public static partial class RubyParts
{
    private static readonly string[] WebGems = ["sinatra", "roda", "hanami", "grape", "rack-app", "padrino", "cuba", "hanami-router"];
    private static readonly string[] WorkerGems = ["sidekiq", "resque", "shoryuken", "sneakers", "racecar", "karafka"];

    [GeneratedRegex(@"^\s*module\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ModuleName();

    public static IEnumerable<(string Folder, string Name, string Kind)> Detect(Snapshot snapshot)
    {
        foreach (var gemfile in Gemfiles.Of(snapshot))
        {
            var folder = gemfile.Folder;
            if (IsFixture(folder))
                continue;
            var name = folder == "." ? Path.GetFileName(snapshot.Root) : folder[(folder.LastIndexOf('/') + 1)..];
            if (RailsApplication(snapshot, folder) is { } application)
            {
                yield return (folder, ModuleName().Match(application) is { Success: true } m ? m.Groups[1].Value : name, "service");
            }
            else if (snapshot.Exists(PartDetector.Join(folder, "config.ru")) || gemfile.RuntimeAny(WebGems) is not null && !gemfile.UsesGemspec)
            {
                yield return (folder, name, "service");
            }
            else if (gemfile.RuntimeAny(WorkerGems) is not null && !gemfile.UsesGemspec)
            {
                yield return (folder, name, "worker");
            }
        }
    }

    /// <summary>The text of the folder's config/application.rb when it defines a Rails application.</summary>
    internal static string? RailsApplication(Snapshot snapshot, string folder)
    {
        var path = PartDetector.Join(folder, "config/application.rb");
        return snapshot.Exists(path) && snapshot.ReadText(path) is { } text && text.Contains("Rails::Application", StringComparison.Ordinal) ? text : null;
    }

    /// <summary>Folders that hold test fixtures or examples: an engine's spec/dummy app is not deployed.</summary>
    internal static bool IsFixture(string folder) =>
        PartDetector.IsTestOrExample(folder) || folder.Split('/').Any(s => s is "spec" or "dummy" or "vendor" or "templates" or "template");
}
