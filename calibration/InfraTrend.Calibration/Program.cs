using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InfraTrend.Auditing;
using InfraTrend.Calibration;
using InfraTrend.Model;

// dotnet run -c Release --project calibration/InfraTrend.Calibration -- [--split SPLIT[,SPLIT...]|all] [--repos DIR] [--only OWNER/NAME] [--json FILE] [--analyzers FILE] [--dump DIR]
// dotnet run -c Release --project calibration/InfraTrend.Calibration -- auditors
const string Usage = "usage: InfraTrend.Calibration [--split SPLIT[,...]|all (every split not kept aside)] [--repos DIR] [--only OWNER/NAME] [--json FILE]\n" +
    "  [--analyzers FILE (every rule's result per repository, for fitting weights offline)] [--dump DIR (each audit's JSON report, to compare two builds)] | auditors";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
InfraTrend.Facts.FactExtractor.LimitPatternTime();

var home = FindCalibrationFolder();
if (home is null)
{
    Console.Error.WriteLine("calibration/corpus.json not found above the current folder: run from the InfraTrend checkout");
    return 1;
}
var corpus = JsonSerializer.Deserialize<List<CorpusEntry>>(File.ReadAllText(Path.Combine(home, "corpus.json")), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

if (args.FirstOrDefault() == "auditors")
    return CompareAuditors(home, corpus);

var split = Option("--split") ?? "tune";
var splits = split == "all" ? corpus.Where(e => !e.Aside).Select(e => e.Split).ToHashSet() : split.Split(',').ToHashSet();
if (splits.Any(s => !corpus.Any(e => e.Split == s)) || args.Contains("--help"))
{
    Console.Error.WriteLine(Usage);
    return 1;
}
var reposDir = Option("--repos") ?? Environment.GetEnvironmentVariable("INFRATREND_CORPUS") ?? Path.Combine(home, "repos");
var only = Option("--only");
var selected = corpus.Where(e => splits.Contains(e.Split) && (only is null || e.Repo == only)).ToList();
// Every look at a split kept aside is logged, so a note can say how often the kept-aside data was seen.
if (selected.Any(e => e.Aside))
    File.AppendAllText(Path.Combine(home, "holdout-log.md"),
        $"- {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: `--split {split}`{(only is null ? "" : $" `--only {only}`")} at tool commit {ToolCommit(home)}\n");

var agreement = new Agreement();
// The verdicts a reader could have learnt from: those not kept aside. Each repository's own verdict is left out below.
var tuningVerdicts = corpus.Where(e => !e.Aside)
    .Select(e => Verdict.PathOf(home, "verdicts", e.Repo))
    .Where(File.Exists).Select(Verdict.Read).ToList();
var knowingNothing = new Agreement();
// Where a second auditor wrote an independent verdict, the tool is also held against it, and the two auditors against
// each other on the same repositories: the tool cannot be held closer to one auditor than auditors are to each other.
var againstSecond = new Agreement();
var secondAgainstFirst = new Agreement();
var rows = new List<object>();
var analyzerRows = new List<object>();
var dump = Option("--dump");
if (dump is not null)
    Directory.CreateDirectory(dump);
Console.WriteLine($"{"repository",-40} {"split",-7} {"level",-9} " + string.Join(" ", Agreement.CategoryIds.Select(c => $"{Short(c),8}")) + $" {"overall",8}  time");
foreach (var entry in selected)
{
    var verdictPath = Verdict.PathOf(home, "verdicts", entry.Repo);
    if (!File.Exists(verdictPath))
    {
        Console.WriteLine($"{entry.Repo,-40} no verdict yet: not audited (a verdict is written before the tool runs)");
        continue;
    }
    var verdict = Verdict.Read(verdictPath);
    var repository = Locate(reposDir, entry.Repo);
    if (repository is null)
    {
        Console.WriteLine($"{entry.Repo,-40} not found under {reposDir}: git clone --bare https://github.com/{entry.Repo} {Path.Combine(reposDir, Verdict.FileName(entry.Repo))}");
        continue;
    }
    var clock = Stopwatch.StartNew();
    AuditResult result;
    try
    {
        result = Auditor.Audit(repository, new AuditOptions { Ref = verdict.Commit });
    }
    catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
    {
        Console.WriteLine($"{entry.Repo,-40} audit failed: {e.Message}");
        continue;
    }
    var scores = result.Evaluation.ScoreCard;
    var reading = new Reading(
        scores.Maturity.Level,
        scores.Overall,
        Categories.All.ToDictionary(c => c.Id(), c => scores.Category(c).Score));
    agreement.Add(verdict, reading);
    var secondPath = Verdict.PathOf(home, "verdicts-second", entry.Repo);
    if (File.Exists(secondPath))
    {
        var second = Verdict.Read(secondPath);
        againstSecond.Add(second, reading);
        secondAgainstFirst.Add(verdict, second.AsReading());
    }
    knowingNothing.Add(verdict, Agreement.KnowingNothing(tuningVerdicts.Where(v => v.Repo != entry.Repo).ToList()));
    var level = $"{reading.Level}{(verdict.Accepts(reading.Level) ? " " : "!")}[{verdict.LevelRange.Min()}-{verdict.LevelRange.Max()}]";
    var cells = Agreement.CategoryIds.Select(c =>
    {
        var tool = reading.Categories.GetValueOrDefault(c);
        var expected = verdict.Categories.GetValueOrDefault(c);
        var mark = Agreement.CategoryAgrees(expected, tool) ? " " : "!";
        return $"{Cell(tool)}/{Cell(expected)}{mark}".PadLeft(8);
    });
    Console.WriteLine($"{entry.Repo,-40} {entry.Split,-7} {level,-9} {string.Join(" ", cells)} {$"{Cell(reading.Overall)}/{verdict.Overall}",8}  {clock.Elapsed.TotalSeconds:0.0}s");
    rows.Add(new { entry.Repo, entry.Split, verdict.Commit, tool = reading, verdict = new { verdict.Level, verdict.LevelRange, verdict.Overall, verdict.Categories } });
    // What a weight fit needs to recompute every score: each rule's result with the metadata the scorer uses.
    analyzerRows.Add(new
    {
        entry.Repo,
        entry.Split,
        Rules = result.Evaluation.Results.Select(r => new
        {
            r.Analyzer.Id,
            Category = r.Analyzer.Category.Id(),
            r.Analyzer.Level,
            r.Analyzer.Weight,
            r.Analyzer.Essential,
            r.Score,
        }),
    });
    if (dump is not null)
        File.WriteAllText(Path.Combine(dump, Verdict.FileName(entry.Repo) + ".json"), InfraTrend.Reports.JsonReport.Render(result));
}

Console.WriteLine();
Console.WriteLine("tool/verdict in each cell; ! marks a level outside the accepted range or a category more than 15 points off (or null on one side only)");
PrintTotals(agreement, "tool against verdicts");
// Auditors' scores cluster, so a share of categories within 15 is reached with no look at the repository at all.
PrintTotals(knowingNothing, "for comparison, a reader who never looks (every figure the median of the other verdicts not kept aside)", ranks: false);
if (againstSecond.Count > 0)
{
    PrintTotals(againstSecond, "tool against the second auditors' verdicts, where one was written");
    PrintTotals(secondAgainstFirst, "the second auditors against the first, on the same repositories");
}
if (Option("--json") is { } json)
    File.WriteAllText(json, JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
if (Option("--analyzers") is { } analyzersFile)
    File.WriteAllText(analyzersFile, JsonSerializer.Serialize(analyzerRows, new JsonSerializerOptions { WriteIndented = true }));
return 0;

static void PrintTotals(Agreement agreement, string what, bool ranks = true)
{
    if (agreement.Count == 0)
    {
        Console.WriteLine($"{what}: nothing compared");
        return;
    }
    var (within, total) = agreement.Categories;
    Console.WriteLine($"{what}, {agreement.Count} repositories:");
    Console.WriteLine($"  level in accepted range: {agreement.LevelsInRange}/{agreement.Count} ({Percent(agreement.LevelsInRange, agreement.Count)})   goal >= 90%");
    Console.WriteLine($"  categories within {Agreement.Tolerance}: {within}/{total} ({Percent(within, total)})   goal >= 85%");
    var rho = agreement.OverallSpearman();
    // A leave-one-out median moves only against the repository's own verdict, so its "ranking" is an artefact: not printed.
    var spearman = !ranks ? "n/a (no ranking)" : $"{(rho is null ? "n/a" : rho.Value.ToString("0.00", CultureInfo.InvariantCulture))} (goal >= 0.85)";
    Console.WriteLine($"  overall: Spearman {spearman}, mean absolute difference {agreement.OverallMeanAbsoluteError().ToString("0.0", CultureInfo.InvariantCulture)}");
    Console.WriteLine("  bias (mean of second side - verdict): " + string.Join(", ", agreement.Bias().Select(b => $"{Short(b.Key)} {(b.Value is null ? "n/a" : b.Value.Value.ToString("+0;-0;0", CultureInfo.InvariantCulture))}")));
}

static int CompareAuditors(string home, List<CorpusEntry> corpus)
{
    var agreement = new Agreement();
    foreach (var entry in corpus)
    {
        var first = Verdict.PathOf(home, "verdicts", entry.Repo);
        var second = Verdict.PathOf(home, "verdicts-second", entry.Repo);
        if (!File.Exists(first) || !File.Exists(second))
            continue;
        var a = Verdict.Read(first);
        var b = Verdict.Read(second);
        agreement.Add(a, b.AsReading());
        Console.WriteLine($"{entry.Repo,-40} level {b.Level} vs {a.Level} [{a.LevelRange.Min()}-{a.LevelRange.Max()}]{(a.Accepts(b.Level) ? "" : "!")}  overall {b.Overall} vs {a.Overall}  " +
            string.Join(" ", Agreement.CategoryIds.Select(c => $"{Short(c)} {Cell(b.Categories.GetValueOrDefault(c))}/{Cell(a.Categories.GetValueOrDefault(c))}{(Agreement.CategoryAgrees(a.Categories.GetValueOrDefault(c), b.Categories.GetValueOrDefault(c)) ? "" : "!")}")));
    }
    PrintTotals(agreement, "second auditor against first");
    return 0;
}

static string Cell(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

static string Short(string category) => category switch
{
    "deployment" => "dep",
    "monitoring" => "mon",
    "security" => "sec",
    "database" => "db",
    "operations" => "ops",
    "testing" => "test",
    "scaling" => "scale",
    _ => category,
};

static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:0}%";

static string? Locate(string reposDir, string repo)
{
    var folder = Path.Combine(reposDir, Verdict.FileName(repo));
    // A fetched copy keeps its git directory in a 'repo' folder; a bare clone is the folder itself.
    foreach (var candidate in new[] { Path.Combine(folder, "repo"), folder })
        if (Directory.Exists(candidate) && (File.Exists(Path.Combine(candidate, "HEAD")) || Directory.Exists(Path.Combine(candidate, ".git"))))
            return candidate;
    return null;
}

static string? FindCalibrationFolder()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "calibration");
        if (File.Exists(Path.Combine(candidate, "corpus.json")))
            return candidate;
    }
    return null;
}

static string ToolCommit(string home)
{
    try
    {
        var info = new ProcessStartInfo("git", ["-C", home, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        var dirty = new ProcessStartInfo("git", ["-C", home, "status", "--porcelain", "--", "../src"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var status = Process.Start(dirty)!;
        var changes = status.StandardOutput.ReadToEnd().Trim();
        status.WaitForExit();
        return changes.Length > 0 ? text + " (with uncommitted changes in src)" : text;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
