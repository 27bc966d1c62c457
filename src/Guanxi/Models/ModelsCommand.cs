using System.CommandLine;
using System.Globalization;
using Guanxi.Cli;
using Guanxi.Domain.Models;
using Spectre.Console;

namespace Guanxi.Models;

/// <summary>`guanxi models run [--as-of]` and `guanxi models export --out FILE.csv [--run ID]`.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var models = new Command("models", "Customer models: evaluate every model for every customer, export the results.");
        models.Subcommands.Add(Run());
        models.Subcommands.Add(ExportResults());
        return models;
    }

    private static Command Run()
    {
        var db = CliOptions.Db;
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this day (YYYY-MM-DD); later data is ignored. Default: today." };
        var command = new Command("run", "Evaluate all models for all customers and store the results as a new run.") { asOf, db };
        command.SetAction(async (parse, ct) =>
        {
            if (!CliOptions.TryDay(parse, asOf, out var day)) return 2;

            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var summary = await services.GetRequiredService<ModelRunService>().RunAsync(day, "cli", ct);
            Print(summary);
            return 0;
        });
        return command;
    }

    private static void Print(ModelRunSummary summary)
    {
        var console = AnsiConsole.Console;
        var table = new Table().AddColumns("model", "class", "customers");
        foreach (var (model, classes) in summary.ClassCounts)
        {
            bool first = true;
            foreach (var (name, count) in classes)
            {
                table.AddRow(first ? Markup.Escape(model) : "", Markup.Escape(name), count.ToString("N0", CultureInfo.InvariantCulture));
                first = false;
            }
        }

        console.Write(table);
        var inv = CultureInfo.InvariantCulture;

        // Plain Console: the summary stays one line (the table's console wraps at 80 columns when piped).
        Console.WriteLine(string.Create(inv,
            $"run {summary.RunId} as of {summary.AsOf:yyyy-MM-dd}: {summary.Customers} customers in {summary.Total.TotalSeconds:F1} s (load {summary.Load.TotalSeconds:F1} s, evaluate {summary.Evaluate.TotalSeconds:F1} s, store {summary.Store.TotalSeconds:F1} s)"));

        // On stderr, so scripts reading the summary line keep reading one line; the run stores the same text.
        if (summary.Warning is { } warning)
        {
            Console.Error.WriteLine($"warning: run {summary.RunId}: {warning}");
        }
    }

    private static Command ExportResults()
    {
        var db = CliOptions.Db;
        var output = new Option<FileInfo>("--out") { Description = "Output CSV file", Required = true };
        var run = new Option<long?>("--run") { Description = "Run id (default: the latest finished run)" };
        var command = new Command("export", "Export one row per customer with every model's class.") { output, run, db };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var file = parse.GetValue(output)!;
            try
            {
                await using var stream = File.Create(file.FullName);
                var (runId, rows) = await services.GetRequiredService<ModelExport>().WriteCsvAsync(stream, parse.GetValue(run), ct);
                Console.WriteLine($"exported {rows} customers of run {runId} to {file.FullName}");
                return 0;
            }
            catch (Common.NotFoundException e)
            {
                File.Delete(file.FullName);
                Console.Error.WriteLine(e.Message + " Run `guanxi models run` first.");
                return 1;
            }
        });
        return command;
    }
}
