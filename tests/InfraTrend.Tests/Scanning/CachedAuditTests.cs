using System.Text.RegularExpressions;
using InfraTrend.Auditing;
using InfraTrend.Reports;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Scanning;

/// <summary>The persistent cache never changes a result: audits with it cold, warm and without it give the same report.</summary>
public sealed partial class CachedAuditTests : IDisposable
{
    private readonly string _caches = Path.Combine(Path.GetTempPath(), "infratrend-tests", "caches-" + Guid.NewGuid().ToString("N")[..12]);

    public CachedAuditTests() => Directory.CreateDirectory(_caches);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_caches, recursive: true);
    }

    [GeneratedRegex("\"(auditedAt|durationMs)\": [^,\n]+")]
    private static partial Regex Timing();

    private static string Json(AuditResult result) => Timing().Replace(JsonReport.Render(result), "\"$1\": null");

    private (string Json, AuditResult Result) Audit(TestRepository repo, string? cache, List<string> warnings)
    {
        var result = Auditor.Audit(repo.Root, new AuditOptions
        {
            Cache = cache is null ? null : new CacheRequest(Path.Combine(_caches, cache + ".db"), warnings.Add, warnings.Add),
        });
        return (Json(result), result);
    }

    // Each call in a second of its own: git compares file times to the second (its nanoseconds only when built with
    // USE_NSEC), so a refresh after a second call in the same second keeps the first call's nanoseconds in the index,
    // and the audit, which compares them exactly, rightly reads such a file instead of trusting the index.
    private static void Age(TestRepository repo, int call = 0)
    {
        var anHourAgo = DateTime.UtcNow.AddHours(-1).AddSeconds(-10 * call);
        foreach (var path in repo.Git("ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(repo.PathOf(path)))
                File.SetLastWriteTimeUtc(repo.PathOf(path), anHourAgo);
        }
        repo.Git("update-index", "-q", "--refresh");
    }

    // A small service that grows by a commit at a time: TypeScript, JavaScript and Python sources (lexed), C# sources
    // (the parsing prefilter's verdict), a manifest, renames and deletions.
    private static List<string> History(TestRepository repo)
    {
        repo.Write("package.json", """{ "name": "svc", "dependencies": { "express": "4.19.0", "helmet": "7.0.0", "pino": "9.0.0" } }""")
            .Write("requirements.txt", "fastapi==0.110.0\nsentry-sdk==2.0.0\n")
            .Write("Api/Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>""");
        var commits = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            repo.Write($"src/service{i % 5}.ts", $"import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet()); // {i}\napp.get('/health{i}', (req, res) => res.json({{ ok: true }}));\nconst s = \"/* not a comment {i} */\";\n");
            if (i % 4 == 0)
                repo.Write($"web/page{i}.jsx", $"export const Page = () => <div>{{/* {i} */}}console.log('x')</div>;\n");
            if (i % 3 == 0)
                repo.Write("app/main.py", $"import sentry_sdk\nfrom fastapi import FastAPI\n# {i}\nsentry_sdk.init(dsn=\"{i}\")\napp = FastAPI()\n");
            if (i % 3 == 1)
                repo.Write("Api/Program.cs", $"var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHealthChecks();\n// {i}\nvar app = builder.Build();\napp.MapHealthChecks(\"/health\");\napp.UseCors(p => p.WithOrigins(\"https://{i}.example\"));\napp.Run();\n");
            if (i % 5 == 2)
                repo.Write($"Api/Plain{i}.cs", $"namespace Api;\npublic sealed class Plain{i} {{ }}\n");
            if (i == 7)
                repo.Git("mv", "src/service1.ts", "src/renamed.ts");
            if (i == 11)
                File.Delete(repo.PathOf("src/service2.ts"));
            commits.Add(repo.Commit($"change {i}"));
        }
        return commits;
    }

    [Fact]
    public void Every_commit_of_a_history_checked_out_audits_the_same_with_a_cold_cache_a_warm_one_and_none()
    {
        using var repo = TestRepository.Create();
        var commits = History(repo);
        var warnings = new List<string>();
        var used = 0;

        for (var i = 0; i < commits.Count; i++)
        {
            repo.Git("checkout", "-q", "--detach", commits[i]);
            // Half the commits with every file older than the index (known from it without reading), half just checked
            // out (racily clean, so read and hashed); every third with a tracked file changed and an untracked one.
            if (i % 2 == 0)
                Age(repo, call: i);
            if (i % 3 == 0)
                repo.Write("src/service0.ts", $"import pino from 'pino';\nconst log = pino(); // changed in the tree at {i}\n").Write("src/untracked.ts", $"console.log('{i}');\n");

            var (none, _) = Audit(repo, cache: null, warnings);
            var (cold, coldRun) = Audit(repo, cache: $"cold{i}", warnings);
            var (warmer, _) = Audit(repo, cache: "warm", warnings); // warm with every earlier commit's values
            var (warm, warmRun) = Audit(repo, cache: "warm", warnings);

            Assert.Equal(none, cold);
            Assert.Equal(none, warmer);
            Assert.Equal(none, warm);
            Assert.Equal(0, coldRun.Cache!.Hits);
            Assert.True(coldRun.Cache.Misses > 0);
            Assert.True(warmRun.Cache!.Misses == 0, $"commit {i}: {warmRun.Cache.Misses} misses on a warm run");
            // A file git's index vouches for is never hashed: only the changed and untracked ones, when every file is older than the index.
            if (i % 2 == 0)
                Assert.True(i % 3 == 0 ? warmRun.Cache.Hashed > 0 : warmRun.Cache.Hashed == 0, $"commit {i}: {warmRun.Cache.Hashed} files hashed");
            used += warmRun.Cache.Hits;
            repo.Git("checkout", "-q", "--", ".");
            repo.Git("clean", "-q", "-f", "--", "src");
        }
        Assert.Empty(warnings);
        Assert.True(used > 100, $"{used} values read from the warm cache");
    }

    [Fact]
    public void A_file_git_converts_on_checkout_is_never_given_the_value_of_the_committed_blob()
    {
        using var repo = TestRepository.Create();
        repo.Write(".gitattributes", "*.ts text eol=crlf\n")
            .Write("src/app.ts", "const a = '/*';\n// helmet\nconst b = 1; /* x */\n");
        repo.Commit("init");
        File.Delete(repo.PathOf("src/app.ts"));
        repo.Git("checkout", "--", "src/app.ts");
        Age(repo);
        var warnings = new List<string>();

        // The commit's blob (LF) worked out and kept first, under the very id the index gives the CRLF file.
        Auditor.Audit(repo.Root, new AuditOptions { Ref = "HEAD", Cache = new CacheRequest(Path.Combine(_caches, "h.db"), warnings.Add, warnings.Add) });
        var (none, _) = Audit(repo, cache: null, warnings);
        var (cached, run) = Audit(repo, cache: "h", warnings);

        Assert.Equal(none, cached);
        Assert.True(run.Cache!.Misses > 0);
        Assert.Empty(warnings);
    }
}
