using System.CommandLine;
using InfraTrend.History;
using InfraTrend.Reports;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend show RUN`: reprints a recorded audit in any report format, as it was scored.</summary>
public static class ShowCommand
{
    public static readonly Command Definition = Syntax.Command(
        "show",
        "Reprint a recorded audit in any report format: console summary, Markdown, JSON, HTML or SARIF.",
        [Syntax.Required("RUN", HistoryAccess.RunHelp), Syntax.Path()],
        [
            Syntax.Choice("--format", "FORMAT", "console (default), md, json, html or sarif.", "console", "md", "json", "html", "sarif"),
            Syntax.Value("--out", "FILE", "Write the report to FILE."),
            HistoryAccess.DbOption(),
        ],
        Run,
        details: "The run is shown with the rules and weights it was recorded with.");

    public static int Run(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var format = args.Value("--format") ?? "console";
            var name = args.Positionals[0];
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            using var db = HistoryAccess.OpenExisting(target);
            var repository = HistoryAccess.RequireRepository(db, target);
            var run = RunQueries.Run(db!, repository.Id, name);
            var result = RecordedAudit.Load(db!, run.Id);
            var report = ReportFormats.Render(result, format)
                ?? ConsoleReport.Render(result, new ConsoleReportOptions { Color = terminal.Color && args.Value("--out") is null, Width = terminal.Width });
            if (args.Value("--out") is { } outPath)
            {
                var full = Path.GetFullPath(outPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, report);
                terminal.Line($"Run {run.Number} written to {outPath}");
                return ExitCodes.Success;
            }
            terminal.Output.Write(report);
            return ExitCodes.Success;
        });
}
