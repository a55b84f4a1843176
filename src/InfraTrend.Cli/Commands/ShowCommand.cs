using InfraTrend.History;
using InfraTrend.Reports;

namespace InfraTrend.Cli.Commands;

/// <summary>`infratrend show RUN`: reprints a recorded audit in any report format, as it was scored.</summary>
public static class ShowCommand
{
    public static readonly CommandSpec Spec = new(
        "show",
        "Reprint a recorded audit in any report format: console summary, Markdown, JSON, HTML or SARIF.",
        "infratrend show RUN [PATH] [--format console|md|json|html|sarif] [--out FILE] [--db PATH]",
        [
            new("--format", "FORMAT", "console (default), md, json, html or sarif."),
            new("--out", "FILE", "Write the report to FILE."),
            HistoryAccess.DbOption,
        ],
        MaxPositionals: 2,
        Details: "RUN is a run number, latest, previous or a commit SHA prefix (see 'infratrend history').\n"
            + "The run is shown with the rules and weights it was recorded with.");

    public static int Run(Arguments args, Terminal terminal) =>
        HistoryAccess.Guard(terminal, () =>
        {
            var format = args.Choice("--format", "console", "console", "md", "json", "html", "sarif");
            var name = args.Positionals.FirstOrDefault() ?? throw new UsageException("show needs a RUN (a number, latest, previous or a commit SHA prefix)");
            var target = HistoryAccess.Locate(args, args.Positionals.ElementAtOrDefault(1));
            using var db = HistoryAccess.OpenExisting(target);
            var repository = HistoryAccess.RequireRepository(db, target);
            var run = RunQueries.Run(db!, repository.Id, name);
            var result = RecordedAudit.Load(db!, run.Id);
            var report = format switch
            {
                "md" => MarkdownReport.Render(result),
                "json" => JsonReport.Render(result),
                "html" => HtmlReport.Render(result),
                "sarif" => SarifReport.Render(result),
                _ => ConsoleReport.Render(result, new ConsoleReportOptions { Color = terminal.Color && args.Value("--out") is null, Width = terminal.Width }),
            };
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
