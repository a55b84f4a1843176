using System.Text.Json.Nodes;
using InfraTrend.Auditing;
using InfraTrend.Reports;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Scanning;

public sealed class BlobCacheTests
{
    [Fact]
    public void A_value_is_computed_once_and_dropped_after_a_commit_that_did_not_use_it()
    {
        var cache = new BlobCache();
        var computed = new List<string>();
        int Value(string oid) => cache.Derived(oid, "length", () => { computed.Add(oid); return oid.Length; });

        Value("aa");
        Value("bbb");
        cache.EndCommit();
        Value("aa"); // the next commit uses only "aa"
        cache.EndCommit();

        Assert.Equal(1, cache.Count);
        Value("aa");
        Value("bbb");
        Assert.Equal(["aa", "bbb", "bbb"], computed);
    }

    /// <summary>
    /// Commits that change a file and change it back, remove a Python source and add it again, add a copy of a source
    /// at another path, and carry a binary file, so shared values meet every way a file comes and goes.
    /// </summary>
    private static (TestRepository Repo, List<string> Commits) ChangingRepository()
    {
        var repo = SampleRepositories.NodeExpressPrismaOnRender();
        var day = new DateTimeOffset(2025, 9, 1, 12, 0, 0, TimeSpan.Zero);
        var index = File.ReadAllText(repo.PathOf("backend/src/index.ts"));
        var withHelmet = index.Replace("import cors from 'cors';", "import cors from 'cors';\nimport helmet from 'helmet';").Replace("app.use(cors());", "app.use(cors());\napp.use(helmet());");
        const string program = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.UseHsts();\napp.MapHealthChecks(\"/health\");\napp.Run();\n";
        const string python = "import sentry_sdk\n\nsentry_sdk.init(dsn='x')\nprint('started')\n";
        repo.Write("services/orders/Orders.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n")
            .Write("services/orders/Program.cs", program)
            .Write("services/worker/pyproject.toml", "[project]\nname = \"worker\"\ndependencies = [\"sentry-sdk\", \"fastapi\"]\n")
            .Write("services/worker/worker/main.py", python)
            .WriteBytes("backend/src/blob.ts", [0x89, 0x50, 0x00, 0x01]);
        var commits = new List<string> { repo.Commit("services", day) };
        repo.Write("backend/src/index.ts", withHelmet).Write("services/orders/Program.cs", program.Replace("app.UseHsts();\n", ""));
        File.Delete(repo.PathOf("services/worker/worker/main.py"));
        commits.Add(repo.Commit("helmet; no HSTS; no worker source", day.AddDays(1)));
        repo.Write("backend/src/index.ts", index).Write("services/orders/Program.cs", program).Write("services/worker/worker/main.py", python);
        commits.Add(repo.Commit("everything back", day.AddDays(2)));
        repo.Write("backend/src/copy.ts", withHelmet);
        commits.Add(repo.Commit("a copy elsewhere", day.AddDays(3)));
        return (repo, commits);
    }

    /// <summary>The report of an audit, less when and how long it ran.</summary>
    private static string Report(AuditResult result)
    {
        var json = JsonReport.Build(result);
        json.Remove("auditedAt");
        json.Remove("durationMs");
        return json.ToJsonString();
    }

    [Fact]
    public void A_backfill_sharing_the_cache_records_for_each_commit_what_an_audit_of_that_commit_alone_finds()
    {
        var (repo, commits) = ChangingRepository();
        using var _ = repo;
        var cache = new BlobCache();

        var shared = commits.Select(c => Report(Auditor.Audit(repo.Root, new AuditOptions { Ref = c, Blobs = cache }))).ToList();
        var alone = commits.Select(c => Report(Auditor.Audit(repo.Root, new AuditOptions { Ref = c }))).ToList();

        Assert.True(cache.Count > 0);
        Assert.NotEqual(alone[0], alone[1]); // the commits differ, so equal reports mean something
        Assert.Contains("\"backend/src/blob.ts\"", alone[3]); // skipped as binary, in every commit
        for (var i = 0; i < commits.Count; i++)
            Assert.Equal(alone[i], shared[i]);
    }

    [Fact]
    public void After_a_backfill_the_cache_holds_what_its_last_commit_used_and_nothing_older()
    {
        var (repo, commits) = ChangingRepository();
        using var _ = repo;
        var backfill = new BlobCache();
        var lastOnly = new BlobCache();

        foreach (var commit in commits)
            Auditor.Audit(repo.Root, new AuditOptions { Ref = commit, Blobs = backfill });
        Auditor.Audit(repo.Root, new AuditOptions { Ref = commits[^1], Blobs = lastOnly });

        Assert.Equal(lastOnly.Count, backfill.Count);
        Assert.True(backfill.Count > 10, $"{backfill.Count} values kept");
    }

    [Fact]
    public void What_a_backfill_keeps_between_commits_holds_no_decoded_text_and_no_syntax_tree()
    {
        var (repo, commits) = ChangingRepository();
        using var _ = repo;
        var cache = new BlobCache();

        foreach (var commit in commits)
            Auditor.Audit(repo.Root, new AuditOptions { Ref = commit, Blobs = cache });

        // Texts are kept packed and lexed sources as their packed kinds; a C# file as the verdict of its prefilter, its
        // tree parsed again by the commit that needs it (trees were 30 MB of a 50,000-file monorepo's cache).
        var held = cache.Values.SelectMany(Parts).ToList();
        Assert.True(held.Count > 10, $"{held.Count} values kept");
        Assert.DoesNotContain(held, v => v is string || v is Microsoft.CodeAnalysis.SyntaxTree || v is InfraTrend.Facts.Code.SourceText);
    }

    /// <summary>A kept value, the items of a tuple and the fields of a record: where a text or a tree could hide.</summary>
    private static IEnumerable<object> Parts(object? value)
    {
        if (value is null)
            yield break;
        yield return value;
        var items = value is System.Runtime.CompilerServices.ITuple tuple ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i])
            : value.GetType().Namespace?.StartsWith("InfraTrend", StringComparison.Ordinal) == true
                ? value.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic).Select(f => f.GetValue(value))
                : [];
        foreach (var item in items)
            foreach (var part in Parts(item))
                yield return part;
    }

    [Fact]
    public void A_working_tree_snapshot_shares_nothing_in_memory_and_both_name_contents_by_blob_id()
    {
        using var repo = TestRepository.Create();
        repo.Write("a.ts", "same").Write("b.ts", "same");
        var commit = repo.Commit();

        using var working = new WorkingTreeSnapshot(repo.Root);
        using var past = new CommitSnapshot(repo.Root, commit, blobs: new BlobCache());

        Assert.Equal(past.ContentId("a.ts"), working.ContentId("a.ts")); // hashed or from the index (ContentIdTests)
        Assert.False(working.SharesDerivedValues);
        Assert.True(past.SharesDerivedValues);
        Assert.Equal(repo.Git("rev-parse", commit + ":a.ts").Trim(), past.ContentId("a.ts"));
        Assert.Equal(past.ContentId("a.ts"), past.ContentId("b.ts"));
        Assert.Null(past.ContentId("missing.ts"));
    }
}
