using System.Diagnostics;
using System.Globalization;
using Dapper;
using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.History;
using InfraTrend.Model;
using InfraTrend.Scanning;
using InfraTrend.Scoring;

namespace InfraTrend.Bench;

/// <summary>
/// Fills a history database with runs of a synthetic 100-analyzer catalogue (a repository with two parts, findings
/// that flip now and then so tasks open, resolve and reopen), then times what a user waits for: recording one more
/// run, `history`, `tasks`, a trend query, and the full task replay an out-of-order run costs.
/// </summary>
public static class HistoryBenchmark
{
    private const int Analyzers = 100;
    private const string Remote = "https://example.com/bench/app.git";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset Start = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static int Run(int runs, string? keep)
    {
        var folder = Directory.CreateTempSubdirectory("infratrend-bench-").FullName;
        var dbPath = keep ?? Path.Combine(folder, "history.db");
        if (File.Exists(dbPath))
            throw new InvalidOperationException($"{dbPath} exists; the benchmark fills a new database");
        var catalogue = Catalogue();
        var options = ScoringOptions.Default;
        var ruleset = Evaluation.RulesetVersionOf(catalogue, options);
        var random = new Random(42);
        var failing = new bool[Analyzers * 2];
        for (var i = 0; i < failing.Length; i++)
            failing[i] = random.NextDouble() < 0.4;

        Console.WriteLine(string.Create(Invariant, $"InfraTrend history benchmark: {runs:N0} runs x {Analyzers} analyzers ({catalogue.Count(a => a.Scope == AnalyzerScope.Part)} per part, 2 parts), {Environment.ProcessorCount} cores"));
        Console.WriteLine($"database: {dbPath}");

        using var db = HistoryDatabase.Open(dbPath);
        var fill = Stopwatch.StartNew();
        var recording = new Stopwatch();
        long factsBytes = 0;
        for (var r = 0; r < runs; r++)
        {
            var audit = Audit(r, catalogue, failing, random, options, ruleset);
            factsBytes += audit.Facts.ToStorageJson().ToJsonString().Length;
            recording.Start();
            RunRecorder.Record(db, audit);
            recording.Stop();
            if ((r + 1) % 1000 == 0)
                Console.WriteLine(string.Create(Invariant, $"  {r + 1,6:N0} runs recorded, {fill.Elapsed.TotalSeconds:0.0} s"));
        }
        Console.WriteLine(string.Create(Invariant, $"filled in {fill.Elapsed.TotalSeconds:0.0} s, of which recording {recording.Elapsed.TotalSeconds:0.0} s ({recording.Elapsed.TotalMilliseconds / runs:0.00} ms a run on average)"));

        var repositoryId = RunQueries.Repositories(db).Single().Id;
        var record = Times(20, i => RunRecorder.Record(db, Audit(runs + i, catalogue, failing, random, options, ruleset)));
        var repo = GitRepositoryWithRemote(folder);
        var cli = (string[] args) => InfraTrend.Cli.Cli.Run([.. args, "--db", dbPath], TextWriter.Null, TextWriter.Null);
        var historyTable = Times(5, _ => Expect0(cli(["history", repo])));
        var historyAll = Times(5, _ => Expect0(cli(["history", repo, "--all"])));
        var historyJson = Times(5, _ => Expect0(cli(["history", repo, "--format", "json"])));
        var tasks = Times(5, _ => Expect0(cli(["tasks", repo])));
        var tasksAll = Times(5, _ => Expect0(cli(["tasks", repo, "--all", "--format", "json"])));
        var trendCategory = Times(5, _ => RunQueries.Trend(db, repositoryId, new TrendQuery(Category.Ci)));
        var trendOverall = Times(5, _ => RunQueries.Trend(db, repositoryId, new TrendQuery()));
        var trendPart = Times(5, _ => RunQueries.Trend(db, repositoryId, new TrendQuery(Category.Monitoring, Part: "api")));
        var replay = Times(3, _ => TaskTracker.Replay(db, repositoryId));
        var backfill = Times(3, i => RunRecorder.Record(db, Audit(-1 - i, catalogue, failing, random, options, ruleset)));
        // Every command opens the history and checks it first: that cost is paid on each audit, so it is measured here.
        var open = Times(5, _ => HistoryDatabase.Open(dbPath).Dispose());

        db.Connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        var total = runs + 20 + 3;
        var size = new FileInfo(dbPath).Length;
        var storedFacts = db.Connection.ExecuteScalar<long>("SELECT sum(length(brotli_json)) FROM facts");
        var taskCount = db.Connection.ExecuteScalar<long>("SELECT count(*) FROM tasks");
        var eventCount = db.Connection.ExecuteScalar<long>("SELECT count(*) FROM task_events");

        Console.WriteLine();
        Console.WriteLine("operation                                   median      min      max");
        Line("record one run (latest, incremental tasks)", record);
        Line("history (latest 50, CLI in process)", historyTable);
        Line("history --all (every run)", historyAll);
        Line("history --format json (every run)", historyJson);
        Line("tasks (open, CLI in process)", tasks);
        Line("tasks --all --format json", tasksAll);
        Line("trend query: CI category", trendCategory);
        Line("trend query: overall", trendOverall);
        Line("trend query: monitoring of part 'api'", trendPart);
        Line("task replay over every run", replay);
        Line("record one older run (backfill: replay)", backfill);
        Line("open the history, its check included", open);
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"database: {size / 1048576.0:0.0} MiB for {total:N0} runs = {size / 1024.0 / total:0.0} KiB a run"));
        Console.WriteLine(string.Create(Invariant, $"  facts: {factsBytes / (double)runs / 1024:0.0} KiB a run as JSON ({storedFacts / 1024.0 / total:0.0} KiB a run stored, compressed); tasks: {taskCount}, task events: {eventCount:N0}"));
        if (keep is null)
            Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static void Line(string name, IReadOnlyList<double> ms)
    {
        var sorted = ms.Order().ToList();
        Console.WriteLine(string.Create(Invariant, $"{name,-42} {sorted[sorted.Count / 2],7:0.0} ms {sorted[0],7:0.0} {sorted[^1],7:0.0}"));
    }

    private static IReadOnlyList<double> Times(int count, Action<int> action)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            action(i);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static void Expect0(int code)
    {
        if (code != 0)
            throw new InvalidOperationException($"the command exited with {code}");
    }

    private static List<AnalyzerDescriptor> Catalogue() =>
        Enumerable.Range(0, Analyzers)
            .Select(i => new AnalyzerDescriptor(
                $"bench.rule-{i:000}",
                Categories.All[i % Categories.All.Count],
                2 + i % 4,
                1 + i % 3,
                "benchmark weight",
                (Severity)(i % 4),
                $"Benchmark rule {i}",
                "something",
                "it matters",
                "do the thing",
                () => throw new InvalidOperationException("benchmark rules are never run"),
                i % 10 < 3 ? AnalyzerScope.Part : AnalyzerScope.Repository))
            .ToList();

    /// <summary>Run <paramref name="r"/>: commit time every two hours, each finding flipping with a 3% chance.</summary>
    private static AuditResult Audit(int r, List<AnalyzerDescriptor> catalogue, bool[] failing, Random random, ScoringOptions options, string ruleset)
    {
        for (var i = 0; i < failing.Length; i++)
        {
            if (random.NextDouble() < 0.03)
                failing[i] = !failing[i];
        }
        var facts = Facts(r);
        var results = new List<AnalyzerResult>();
        for (var i = 0; i < catalogue.Count; i++)
        {
            var a = catalogue[i];
            var findings = a.Scope == AnalyzerScope.Part
                ? facts.Parts.Select((p, k) => new ScopedFinding(a, p.Path, Finding(a, failing[i * 2 + k], p.Path + "/src/app.ts"))).ToList()
                : [new ScopedFinding(a, ".", Finding(a, failing[i * 2], ".github/workflows/ci.yml"))];
            results.Add(Scorer.Result(a, findings));
        }
        var evaluation = Evaluation.FromResults(facts, results, options, ruleset);
        var committedAt = Start.AddHours(2 * r);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(r)));
        var info = new RepositoryInfo("/bench/app", sha, "main", committedAt, false, Remote, "0000000000000000000000000000000000000001");
        return new AuditResult(info, "0.1.0", committedAt.AddMinutes(5), TimeSpan.FromMilliseconds(800), 1200, [], [], facts, evaluation);
    }

    private static Finding Finding(AnalyzerDescriptor a, bool failing, string path) =>
        failing
            ? new Finding("repository", FindingStatus.Fail, 0, [new Evidence(path, 12)], $"{a.Title} is not met: nothing in the repository shows it.", "Add the missing configuration to the project.")
            : new Finding("repository", FindingStatus.Pass, 1, [new Evidence(path, 3), new Evidence("README.md", 0)], $"{a.Title} is met.");

    /// <summary>A facts model of realistic size (about what the sample repository gives), different in every run.</summary>
    private static RepositoryFacts Facts(int r)
    {
        var repository = new FactTable();
        repository.Add(FactKeys.Platforms, "render", new Evidence("render.yaml", 1));
        repository.Add(FactKeys.CiSystems, "github-actions", new Evidence(".github/workflows/ci.yml", 1));
        repository.Add(FactKeys.Lockfiles, "pnpm-lock.yaml", new Evidence("pnpm-lock.yaml", 0));
        PartFacts Part(string path)
        {
            var facts = new FactTable();
            facts.Add(FactKeys.Languages, "typescript", new Evidence($"{path}/package.json", 1));
            facts.Add(FactKeys.Frameworks, "express", new Evidence($"{path}/package.json", 8));
            facts.Add(FactKeys.Frameworks, $"build-{r}", new Evidence($"{path}/package.json", 9));
            return new PartFacts(path, path, "service") { Facts = facts };
        }
        return new RepositoryFacts { Repository = repository, Parts = [Part("api"), Part("web")] };
    }

    /// <summary>A git repository whose origin is the benchmark's remote, so `history` and `tasks` find the recorded runs.</summary>
    private static string GitRepositoryWithRemote(string folder)
    {
        var path = Path.Combine(folder, "app");
        Directory.CreateDirectory(path);
        foreach (var args in new[] { new[] { "init", "-q" }, ["remote", "add", "origin", Remote] })
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = path, UseShellExecute = false };
            foreach (var a in args)
                info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            process.WaitForExit();
        }
        return path;
    }
}
