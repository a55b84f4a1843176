using InfraTrend.Bench;

// dotnet run -c Release --project bench/InfraTrend.Bench -- history [--runs N] [--keep DB]
var mode = args.FirstOrDefault() ?? "history";
if (mode != "history")
{
    Console.Error.WriteLine("usage: InfraTrend.Bench history [--runs N] [--keep DB]");
    return 1;
}
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
var keep = args.SkipWhile(a => a != "--keep").Skip(1).FirstOrDefault();
return HistoryBenchmark.Run(runs, keep);
