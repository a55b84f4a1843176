using InfraTrend.Bench;

// dotnet run -c Release --project bench/InfraTrend.Bench -- history [--runs N] [--keep DB]
// dotnet run -c Release --project bench/InfraTrend.Bench -- regex FOLDER [--every N] [--top N]
// dotnet run -c Release --project bench/InfraTrend.Bench -- alloc FOLDER [--top N]
// dotnet run -c Release --project bench/InfraTrend.Bench -- sources FOLDER [--top N] [--rounds N]
const string Usage = "usage: InfraTrend.Bench history [--runs N] [--keep DB] | regex FOLDER [--every N] [--top N] | alloc FOLDER [--top N] | sources FOLDER [--top N] [--rounds N]";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
switch (args.FirstOrDefault() ?? "history")
{
    case "history":
        return HistoryBenchmark.Run(int.Parse(Option("--runs") ?? "10000"), Option("--keep"));
    case "regex" when args.Length > 1:
        return RegexBenchmark.Run(args[1], int.Parse(Option("--every") ?? "1"), int.Parse(Option("--top") ?? "25"));
    case "alloc" when args.Length > 1:
        return AllocationBenchmark.Run(args[1], int.Parse(Option("--top") ?? "25"));
    case "sources" when args.Length > 1:
        return SourceBenchmark.Run(args[1], int.Parse(Option("--top") ?? "25"), int.Parse(Option("--rounds") ?? "2"));
    default:
        Console.Error.WriteLine(Usage);
        return 1;
}
