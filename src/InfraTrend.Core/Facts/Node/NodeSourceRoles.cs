using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Node;

/// <summary>
/// JS/TS files that are tooling rather than the application: build and tool configuration (`vite.config.ts`,
/// `.eslintrc.js`), scripts and seeds. They still count for wiring (a `sentry.server.config.ts` starts Sentry),
/// but their console output and their language are not the application's.
/// </summary>
public static partial class NodeSourceRoles
{
    private static readonly HashSet<string> ToolingFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "scripts", "script", "tools", "tooling", "seeds", "seeders", "seed", "migrations", "migration", ".storybook", ".husky", ".github", ".vscode", ".devcontainer", ".config", "codegen", "__mocks__",
    };

    private static readonly HashSet<string> ToolingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "gulpfile", "gruntfile", "jakefile", "knexfile", "build", "setuptests", "setup-tests", "jest.setup", "vitest.setup", "test-setup", "seed", "ecosystem.config", "webpack", "rollup", "esbuild", "tsup",
    };

    /// <summary>True for configuration, scripts, seeds and migrations of a JS/TS project.</summary>
    public static bool IsTooling(string path)
    {
        var name = Path.GetFileName(path);
        if (ConfigFile().IsMatch(name) || name.StartsWith('.'))
            return true;
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 && ScriptExtensions.Contains(name[(dot + 1)..]) ? name[..dot] : name;
        if (ToolingNames.Contains(stem) || stem.StartsWith("webpack.", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".seed", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".stories", StringComparison.OrdinalIgnoreCase))
            return true;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (ToolingFolders.Contains(segments[i]))
                return true;
        }
        return false;
    }

    // next.config.js, vite.config.ts, tailwind.config.cjs, sentry.server.config.ts, drizzle.config.ts...
    [GeneratedRegex(@"\.config\.(js|cjs|mjs|ts|cts|mts)$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigFile();

    // A plain set, not a regex replace: this is asked for every JS/TS file, by several sources.
    private static readonly HashSet<string> ScriptExtensions = new(StringComparer.OrdinalIgnoreCase) { "js", "cjs", "mjs", "ts", "cts", "mts", "jsx", "tsx" };
}
