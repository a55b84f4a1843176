using InfraTrend.Facts.Deployment;

namespace InfraTrend.Facts.Node;

/// <summary>package.json files: frameworks, package manager and its version, lockfiles, the Node engine, test frameworks, seed and migrate scripts.</summary>
[FactSource]
public sealed class NodeManifestFacts : IFactSource
{
    /// <summary>Packages that make a framework application (hono is an identifier added beside facts.md's list).</summary>
    internal static readonly (string Package, string Framework)[] Frameworks =
    [
        ("express", "express"), ("@nestjs/core", "nestjs"), ("next", "nextjs"), ("fastify", "fastify"), ("koa", "koa"), ("hono", "hono"),
        ("react", "react"), ("vue", "vue"), ("nuxt", "vue"), ("@angular/core", "angular"), ("svelte", "svelte"), ("@sveltejs/kit", "svelte"),
    ];

    private static readonly (string Package, string Framework)[] TestFrameworks =
    [
        ("jest", "jest"), ("ts-jest", "jest"), ("vitest", "vitest"), ("mocha", "mocha"), ("@playwright/test", "playwright"), ("cypress", "cypress"),
    ];

    private static readonly (string File, string Manager)[] Lockfiles =
    [
        ("pnpm-lock.yaml", "pnpm"), ("package-lock.json", "npm"), ("npm-shrinkwrap.json", "npm"), ("yarn.lock", "yarn"), ("bun.lockb", "bun"), ("bun.lock", "bun"),
    ];

    public void Collect(FactContext context)
    {
        foreach (var manifest in NodeManifests.Of(context).Where(m => PartDetector.IsTestOrExample(m.Folder) && !IsExample(m.Folder)))
        {
            // An end-to-end test package (packages/app-tests, apps/web-e2e) tells the test frameworks only.
            foreach (var (package, framework) in TestFrameworks)
            {
                if (manifest.DependsOn(package))
                    context.Add(FactKeys.TestFrameworks, framework, manifest.EvidenceFor(package));
            }
        }

        var manifests = NodeManifests.Of(context).Where(m => !PartDetector.IsTestOrExample(m.Folder)).ToList();
        foreach (var manifest in manifests)
        {
            foreach (var (package, framework) in Frameworks)
            {
                if (manifest.DependsAtRuntime(package))
                    context.Add(FactKeys.Frameworks, framework, manifest.EvidenceFor(package));
            }
            foreach (var (package, framework) in TestFrameworks)
            {
                if (manifest.DependsOn(package))
                    context.Add(FactKeys.TestFrameworks, framework, manifest.EvidenceFor(package));
            }
            if (manifest.PackageManager is { } pm && pm.Split('@') is [var name, var version, ..])
                context.SetEntry(FactKeys.PackageManagers, name, Versions.Normalize(version.Split('+')[0]), manifest.EvidenceFor("packageManager"));
            if (manifest.NodeEngine is { } engine)
                context.RuntimeSource("node", engine, manifest.EvidenceFor("engines"), "manifest");

            var seed = manifest.PrismaSeed is not null
                || manifest.Scripts.Keys.Any(k => k is "seed" or "db:seed" or "prisma:seed" || k.StartsWith("seed:", StringComparison.Ordinal));
            if (seed)
                context.Flag(FactKeys.SeedScript, manifest.EvidenceFor(manifest.PrismaSeed is not null ? "seed" : manifest.Scripts.Keys.First(k => k.Contains("seed", StringComparison.Ordinal))));
            // vercel-build and heroku-postbuild are the hooks those platforms run on every deploy, in place of build.
            foreach (var stage in new[] { "start", "prestart", "start:prod", "start:production", "serve", "build", "vercel-build", "heroku-postbuild", "postinstall", "release" })
            {
                if (manifest.Scripts.TryGetValue(stage, out var body))
                    StartCommands.Record(context, body, stage.StartsWith("start", StringComparison.Ordinal) || stage is "prestart" or "serve" ? "start" : stage == "release" ? "release" : "build", manifest.EvidenceFor(stage));
            }
        }

        foreach (var (file, manager) in Lockfiles)
        {
            foreach (var lockfile in context.FilesNamed(file).Where(f => !NodeManifests.IsVendored(f.Path)))
            {
                var evidence = new Evidence(lockfile.Path, 0);
                context.Add(FactKeys.Lockfiles, file, evidence);
                // A lockfile names its manager but not the manager's version (packageManager or CI setup gives that).
                context.SetEntry(FactKeys.PackageManagers, manager, null, evidence);
            }
        }
    }

    private static bool IsExample(string folder) =>
        folder.Split('/').Any(s => s.ToLowerInvariant() is "example" or "examples" or "sample" or "samples" or "demo" or "demos" or "playground" or "playgrounds" or "fixtures" or "testdata" or "docs");
}
