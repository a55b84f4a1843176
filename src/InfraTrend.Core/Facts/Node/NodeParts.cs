using System.Text.RegularExpressions;
using InfraTrend.Scanning;
using InfraTrend.Facts.Deployment;

namespace InfraTrend.Facts.Node;

/// <summary>
/// Which JS/TS projects are deployable parts (facts.md, "parts"), and of which kind. A project is a part when it
/// is deployed or started on its own: a Dockerfile or platform descriptor in its folder, a build context in a
/// compose file, an Nx application, a framework application (next.config, vite + index.html, angular.json...),
/// or a server it starts. Libraries (published entry points, Nx libraries, packages other workspace packages
/// depend on) are not parts, and neither is a workspace root that only orchestrates its members.
/// </summary>
public static partial class NodeParts
{
    private static readonly string[] ServerFrameworks =
    [
        "express", "@nestjs/core", "fastify", "koa", "@hapi/hapi", "hapi", "restify", "@adonisjs/core", "hono", "@hono/node-server", "@trpc/server",
        "apollo-server", "@apollo/server", "apollo-server-express", "h3", "polka", "@feathersjs/feathers", "sails", "loopback", "@loopback/core", "elysia", "micro",
    ];

    private static readonly string[] WebFrameworks =
    [
        "next", "react", "vue", "@angular/core", "svelte", "@sveltejs/kit", "nuxt", "react-scripts", "vite", "astro", "gatsby", "@remix-run/react", "solid-js", "preact", "@builder.io/qwik",
        // A Storybook package builds a static catalogue of UI components (`storybook build`), served like any web build
        // (openremote/openremote's ui/app/storybook, on lit web components, was taken for an application).
        "storybook",
    ];

    private static readonly string[] WorkerLibraries = ["bullmq", "bull", "agenda", "bee-queue", "@temporalio/worker", "graphile-worker", "pg-boss", "node-cron", "@nestjs/bull", "@nestjs/bullmq"];

    private static readonly string[] ServerRenderingAdapters =
    [
        "@remix-run/node", "@remix-run/express", "@remix-run/serve", "@remix-run/cloudflare", "@react-router/node", "@react-router/serve", "@react-router/express",
        "@astrojs/node", "@sveltejs/adapter-node", "hono", "@hono/node-server", "express",
    ];

    private static readonly string[] DatabaseClients =
    [
        "@prisma/client", "prisma", "drizzle-orm", "pg", "postgres", "mysql2", "mongoose", "mongodb", "typeorm", "knex", "sequelize", "kysely", "@neondatabase/serverless", "@vercel/postgres", "better-sqlite3",
    ];

    private static readonly string[] PlatformFiles = ["vercel.json", "netlify.toml", "fly.toml", "Procfile", "railway.json", "railway.toml", "app.yaml", "render.yaml", "serverless.yml", "serverless.yaml", "wrangler.toml", "wrangler.json", "wrangler.jsonc"];

    public static IEnumerable<(string Folder, string Name, string Kind)> Detect(Snapshot snapshot)
    {
        var workspace = NodeWorkspace.Read(snapshot);
        if (workspace.Projects.Count == 0)
            yield break;
        var files = new RepositoryFiles(snapshot);
        var roots = NodeWorkspace.Roots(snapshot).ToHashSet(StringComparer.Ordinal);
        var found = new List<(string Folder, string Name, string Kind)>();
        var skippedRoots = new List<(NodeProject Project, string Kind)>();
        foreach (var project in workspace.Projects)
        {
            if (PartDetector.IsTestOrExample(project.Folder) || files.InsideDotnetWebProject(project.Folder))
                continue;
            var kind = KindOf(project, workspace, files, out var ownApplication);
            if (kind is null)
                continue;
            if (roots.Contains(project.Folder) && !ownApplication)
            {
                // A workspace root orchestrates its members; it is the application only when no member is, or when it is a
                // framework application or starts its own server (Unleash's root is the server, its frontend a member).
                skippedRoots.Add((project, kind));
                continue;
            }
            found.Add((project.Folder, project.Name, kind));
        }
        if (found.Count == 0)
            found.AddRange(skippedRoots.Select(r => (r.Project.Folder, r.Project.Name, r.Kind)));
        foreach (var part in found)
            yield return part;
    }

    /// <summary>The part kind of a project, or null when it is not deployed on its own.</summary>
    private static string? KindOf(NodeProject project, NodeWorkspace workspace, RepositoryFiles files, out bool ownApplication)
    {
        var manifest = project.Manifest;
        var names = files.NamesIn(project.Folder);
        var framework = FrameworkApplication(project, names, files);
        bool Runtime(params string[] packages) => manifest?.DependsAtRuntimeOnAny(packages) == true;
        bool NotPeer(params string[] packages) => manifest is not null && packages.Any(p => manifest.DependsOn(p) && !manifest.PeerDependencies.Contains(p));

        var server = Runtime(ServerFrameworks) || NxExecutorKind(project) == "service";
        var web = NotPeer(WebFrameworks) || NxExecutorKind(project) == "web";
        var worker = Runtime(WorkerLibraries);
        var dockerfile = names.Any(DockerfileFacts.IsDockerfile);
        var deployed = dockerfile || names.Any(n => PlatformFiles.Contains(n, StringComparer.Ordinal)) || files.IsBuildContext(project.Folder);
        var nxApplication = project.NxProjectType == "application" && !IsEndToEnd(project.Folder);
        var startsServer = manifest is not null && StartsServer(manifest);
        // An Nx workspace keeps every application's dependencies at its root and starts their builds from there (ghostfolio's
        // `node main`): its root is never a server of its own.
        ownApplication = framework is not null || server && startsServer && !files.Exists(PartDetector.Join(project.Folder, "nx.json"));

        var strong = deployed || nxApplication || framework is not null || server && startsServer;
        var library = manifest?.HasEntryPoints == true || project.NxProjectType == "library" || workspace.UsedBy(project).Any() || framework is null && AngularLibraryOnly(project, files);
        if (!strong && library)
            return null;
        var starts = manifest is not null && manifest.Scripts.Keys.Any(k => k is "start" or "serve" or "dev" or "start:prod" or "start:production");
        if (!strong && !server && !web && !worker && !starts)
            return null;

        if (framework is "mobile" or "desktop")
            return "app";
        if (framework is "next" or "nuxt" or "sveltekit" or "remix" or "astro")
            return RendersOnServer(project, framework, files) || Runtime(DatabaseClients) ? "service" : "web";
        if (framework is not null)
            return "web";
        if (server)
            return SaysWorker(project) ? "worker" : "service";
        if (web)
            return "web";
        if (worker)
            return "worker";
        return "app";
    }

    /// <summary>The framework application a folder holds, by its configuration files: next, nuxt, sveltekit, remix, astro, spa, mobile, desktop, or null.</summary>
    private static string? FrameworkApplication(NodeProject project, IReadOnlySet<string> names, RepositoryFiles files)
    {
        var manifest = project.Manifest;
        bool Has(string prefix) => names.Any(n => n.StartsWith(prefix, StringComparison.Ordinal) && ConfigExtension().IsMatch(n[prefix.Length..]));
        bool Depends(params string[] packages) => manifest is not null && packages.Any(p => manifest.DependsOn(p) && !manifest.PeerDependencies.Contains(p));

        if (Depends("electron") || names.Contains("src-tauri") || files.HasFolder(project.Folder, "src-tauri"))
            return "desktop";
        if (Depends("expo", "react-native") && !Depends("react-native-web") || names.Contains("app.json") && Depends("expo"))
            return "mobile";
        if (Has("next.config"))
            return "next";
        if (Has("nuxt.config"))
            return "nuxt";
        if (Has("svelte.config") && Depends("@sveltejs/kit"))
            return "sveltekit";
        if (Has("remix.config") || Has("react-router.config"))
            return "remix";
        if (Has("astro.config"))
            return "astro";
        if (names.Contains("angular.json") && !AngularLibraryOnly(project, files))
            return "spa";
        if (names.Contains("index.html") && (Has("vite.config") || Depends("vite")))
            return "spa";
        if (files.Exists(PartDetector.Join(project.Folder, "public/index.html")) && Depends("react-scripts", "react-app-rewired", "@craco/craco", "vue-cli-service", "@vue/cli-service"))
            return "spa";
        if (Has("gatsby-config") || Has("vue.config") || Has("quasar.config"))
            return "spa";
        return null;
    }

    /// <summary>A meta-framework application with server code: API routes, server modules, or a server adapter.</summary>
    private static bool RendersOnServer(NodeProject project, string framework, RepositoryFiles files)
    {
        var manifest = project.Manifest;
        if (manifest is not null && manifest.DependsAtRuntimeOnAny(ServerRenderingAdapters))
            return true;
        var prefix = project.Folder == "." ? "" : project.Folder + "/";
        return files.Under(prefix).Any(path =>
        {
            var relative = path[prefix.Length..];
            return framework switch
            {
                "next" => NextServerFile().IsMatch(relative),
                "nuxt" => relative.StartsWith("server/", StringComparison.Ordinal) || relative.StartsWith("src/server/", StringComparison.Ordinal),
                "sveltekit" => relative.Contains("+server.", StringComparison.Ordinal) || relative.Contains(".server.", StringComparison.Ordinal),
                "remix" => relative.Contains(".server.", StringComparison.Ordinal) || relative.StartsWith("server/", StringComparison.Ordinal),
                _ => false,
            };
        });
    }

    /// <summary>The package's start command launches a process (node, nest start, next start...), not a watch build.</summary>
    public static bool StartsServer(NodeManifest manifest)
    {
        foreach (var name in new[] { "start", "start:prod", "start:production", "serve", "prod", "start:server" })
        {
            if (manifest.Scripts.TryGetValue(name, out var body) && ServerLaunch().IsMatch(body))
                return true;
        }
        return false;
    }

    /// <summary>What an Nx project's executors say it is: web, service, or null.</summary>
    private static string? NxExecutorKind(NodeProject project)
    {
        if (project.NxText is not { } text || project.NxProjectType == "library")
            return null;
        if (NxWebExecutor().IsMatch(text))
            return "web";
        if (NxNodeExecutor().IsMatch(text))
            return "service";
        return null;
    }

    /// <summary>An Angular workspace whose every project is a library (a component package, not an application).</summary>
    private static bool AngularLibraryOnly(NodeProject project, RepositoryFiles files)
    {
        var angular = PartDetector.Join(project.Folder, "angular.json");
        return files.Exists(angular) && files.Read(angular) is { } text
            && text.Contains("\"projectType\": \"library\"", StringComparison.Ordinal) && !text.Contains("\"projectType\": \"application\"", StringComparison.Ordinal);
    }

    private static bool SaysWorker(NodeProject project)
    {
        var folder = project.Folder[(project.Folder.LastIndexOf('/') + 1)..].ToLowerInvariant();
        var name = project.Name.ToLowerInvariant();
        return WorkerName().IsMatch(folder) || WorkerName().IsMatch(name);
    }

    private static bool IsEndToEnd(string folder)
    {
        var last = folder[(folder.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return last.EndsWith("-e2e", StringComparison.Ordinal) || last.EndsWith("e2e", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\.(js|cjs|mjs|ts|cts|mts)$")]
    private static partial Regex ConfigExtension();

    // app/**/route.ts (route handlers), pages/api/**, a custom server.
    [GeneratedRegex(@"^(src/)?(app/(.+/)?route\.(ts|js|mjs|tsx|jsx)$|pages/api/|server\.(ts|js|mjs)$)")]
    private static partial Regex NextServerFile();

    [GeneratedRegex(@"(^|[\s;&|(])(node|nodemon|ts-node|ts-node-dev|tsx|bun|deno|pm2|pm2-runtime|forever|node-dev|nest\s+start|next\s+start|nuxt\s+start|nuxi\s+preview|remix-serve|react-router-serve|fastify\s+start|micro|serve|sails\s+lift|adonis|wrangler\s+dev)\b")]
    private static partial Regex ServerLaunch();

    [GeneratedRegex(@"@nx/angular|@nrwl/angular|@angular-devkit/build-angular|@angular/build|@nx/next|@nrwl/next|@nx/react|@nrwl/react|@nx/vite:dev-server|@nx/webpack:dev-server|@nx/remix|@nx/vue")]
    private static partial Regex NxWebExecutor();

    [GeneratedRegex(@"@nx/js:node|@nrwl/js:node|@nx/node|@nrwl/node|@nx/nest|@nrwl/nest")]
    private static partial Regex NxNodeExecutor();

    [GeneratedRegex(@"worker|jobs?$|queue|consumer|scheduler|cron")]
    private static partial Regex WorkerName();

    /// <summary>The snapshot's files by folder, read once for the part rules.</summary>
    private sealed partial class RepositoryFiles(Snapshot snapshot)
    {
        private readonly ILookup<string, string> _byFolder = snapshot.Files.ToLookup(f => f.Directory, f => f.Name, StringComparer.Ordinal);
        private HashSet<string>? _folders;
        private List<string>? _dotnetWebFolders;
        private HashSet<string>? _buildContexts;

        public IReadOnlySet<string> NamesIn(string folder) => _byFolder[folder].ToHashSet(StringComparer.Ordinal);

        public bool Exists(string path) => snapshot.Exists(path);

        public string? Read(string path) => snapshot.ReadText(path);

        public IEnumerable<string> Under(string prefix) =>
            snapshot.Files.Select(f => f.Path).Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && !NodeManifests.IsVendored(p));

        public bool HasFolder(string parent, string name)
        {
            _folders ??= snapshot.Files.Select(f => f.Directory).SelectMany(AllFolders).ToHashSet(StringComparer.Ordinal);
            return _folders.Contains(PartDetector.Join(parent, name));
        }

        /// <summary>A front end in an ASP.NET Core project's folder (the SPA templates' ClientApp, a webpack build of its assets) is built and served by that project.</summary>
        public bool InsideDotnetWebProject(string folder)
        {
            _dotnetWebFolders ??= snapshot.Files
                .Where(f => f.Name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && snapshot.ReadText(f.Path) is { } text && text.Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal))
                .Select(f => f.Directory)
                .ToList();
            return _dotnetWebFolders.Any(web => web == "." || Prefixes.IsAtOrUnder(folder, web, '/'));
        }

        /// <summary>A compose service builds from this folder (`build: ./apps/api`, `context: apps/api`).</summary>
        public bool IsBuildContext(string folder)
        {
            _buildContexts ??= ReadBuildContexts();
            return folder != "." && _buildContexts.Contains(folder);
        }

        private HashSet<string> ReadBuildContexts()
        {
            var contexts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in snapshot.Files.Where(f => Deployment.ComposeFacts.IsComposeFile(f.Name) && !NodeManifests.IsVendored(f.Path)))
            {
                if (snapshot.ReadText(file.Path) is not { } text)
                    continue;
                foreach (Match m in BuildContext().Matches(text))
                {
                    if (Dotnet.DotnetWorkspace.NormalizePath(file.Directory, m.Groups[1].Value) is { } path)
                        contexts.Add(path);
                }
            }
            return contexts;
        }

        private static IEnumerable<string> AllFolders(string folder)
        {
            while (folder != ".")
            {
                yield return folder;
                folder = folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : ".";
            }
        }

        [GeneratedRegex(@"^\s*(?:build|context)\s*:\s*['""]?([.\w][^'""\s#]*)", RegexOptions.Multiline)]
        private static partial Regex BuildContext();
    }
}
