using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Ruby;

/// <summary>
/// The application's Ruby code, lexed once per audit: its .rb files and config.ru, without tests, vendored gems, fixtures,
/// the database folder, or the development and test environments' settings (they say nothing about production).
/// </summary>
internal static class RubySources
{
    public static IReadOnlyList<SourceText> Of(FactContext context) => context.Cached("ruby-sources", () => Load(context));

    private static List<SourceText> Load(FactContext context)
    {
        var sources = SourceFiles.Application(context, "ruby").Where(s => Counts(s.Path)).ToList();
        foreach (var rackup in context.FilesNamed("config.ru"))
        {
            if (Counts(rackup.Path) && !SourceFiles.IsTest(rackup.Path) && !SourceFiles.IsNotApplication(rackup.Path) && context.Snapshot.ReadText(rackup.Path) is { } text)
                sources.Add(new SourceText(rackup.Path, text, LexerFamily.Hash, "ruby"));
        }
        return sources;
    }

    private static bool Counts(string path) =>
        !Gemfiles.IsVendored(path) && !RubyParts.IsFixture(Folder(path)) && !IsDatabaseScript(path) && !IsLocalEnvironment(path);

    /// <summary>config/environments/development.rb and test.rb: settings that never reach production.</summary>
    public static bool IsLocalEnvironment(string path) =>
        path.Contains("config/environments/", StringComparison.Ordinal) && Path.GetFileName(path) is "development.rb" or "test.rb";

    /// <summary>Migrations, seeds and schema: run by hand or by a deploy step, never the application's own behaviour.</summary>
    private static bool IsDatabaseScript(string path) => path.StartsWith("db/", StringComparison.Ordinal) || path.Contains("/db/", StringComparison.Ordinal);

    /// <summary>Scripts whose console output is their interface (setup, rake-like and boot files), not application logging.</summary>
    public static bool IsScript(string path)
    {
        var segments = path.Split('/');
        return segments.SkipLast(1).Any(s => s is "config" or "script" or "scripts" or "tasks" or "bin" or "exe")
            || Path.GetFileName(path) is "config.ru" or "Rakefile";
    }

    private static string Folder(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : ".";
}
