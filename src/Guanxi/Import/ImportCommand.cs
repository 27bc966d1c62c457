using System.CommandLine;
using Guanxi.Cli;
using Spectre.Console;

namespace Guanxi.Import;

internal static class ImportCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db;
        var kind = new Argument<string>("kind") { Description = "customers, orders, order-lines, interactions, service-requests or opportunities" };
        kind.AcceptOnlyFromAmong("customers", "orders", "order-lines", "interactions", "service-requests", "opportunities");
        var file = new Argument<FileInfo>("file") { Description = "CSV (UTF-8 or GB18030/GBK) or XLSX file" };
        var encoding = new Option<string?>("--encoding") { Description = "Text encoding of a CSV file (utf-8, gb18030, gbk); detected when omitted" };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Where to write rejected rows (default: FILE.rejects.csv)" };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "CSV of `file header,guanxi column` pairs overriding the header aliases" };
        var roundCents = new Option<bool>("--round-cents") { Description = "Accept order amounts with more than two decimals by rounding them to cents (half away from zero); counted before the summary" };
        var dateFormat = new Option<string?>("--date-format") { Description = $"How the file writes dates: {DateForms.Names}; decided from the file when omitted" };
        var createCustomers = new Option<bool>("--create-customers")
        {
            Description = "order-lines: a line naming a customer id Guanxi does not know creates the customer (name from a mapped name column, else \"Customer <id>\"); without it such orders are rejected",
        };
        var command = new Command("import", "Import customers, orders, order lines, interactions, service requests or opportunities; rejected rows are reported with their line numbers while good rows go in.")
        {
            kind, file, encoding, rejects, mapping, roundCents, dateFormat, createCustomers, db,
        };
        command.SetAction(async (parse, ct) =>
        {
            var importKind = Enum.Parse<ImportKind>(parse.GetValue(kind)!.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
            var path = parse.GetValue(file)!.FullName;
            var options = new ImportOptions(parse.GetValue(encoding), parse.GetValue(mapping)?.FullName, parse.GetValue(roundCents), parse.GetValue(dateFormat), parse.GetValue(createCustomers));
            try
            {
                await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
                var importer = services.GetRequiredService<ImportService>();
                var summary = Console.IsOutputRedirected
                    ? await importer.RunAsync(importKind, path, options, parse.GetValue(rejects)?.FullName, null, ct)
                    : await WithProgressBarAsync(p => importer.RunAsync(importKind, path, options, parse.GetValue(rejects)?.FullName, p, ct));
                if (summary.Resumed) Console.WriteLine("resumed an interrupted import of this file");
                if (summary.RoundedAmounts > 0) Console.WriteLine($"rounded {summary.RoundedAmounts} amounts to cents");
                if (summary.RejectsPath is not null) Console.WriteLine($"rejected rows with line numbers and reasons: {summary.RejectsPath}");
                if (summary.LinesLine is { } lines) Console.WriteLine(lines);
                Console.WriteLine(summary.Line);
                return 0;
            }
            catch (ImportFileException e)
            {
                await Console.Error.WriteLineAsync($"guanxi import: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<ImportSummary> WithProgressBarAsync(Func<IProgress<ImportProgress>, Task<ImportSummary>> run)
    {
        ImportSummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("importing", maxValue: 1.0);
                var progress = new Progress<ImportProgress>(p =>
                {
                    if (p.TotalBytes is > 0) task.Value = Math.Min(1.0, (double)p.BytesRead / p.TotalBytes.Value);
                });
                summary = await run(progress);
                task.Value = 1.0;
            });
        return summary!;
    }
}
