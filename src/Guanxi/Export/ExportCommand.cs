using System.CommandLine;
using Guanxi.Cli;
using Guanxi.Customers;
using Guanxi.Domain.Customers;

namespace Guanxi.Export;

internal static class ExportCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db;
        var kind = new Argument<string>("what") { Description = "What to export: customers" };
        kind.AcceptOnlyFromAmong("customers");
        var output = new Option<FileInfo>("--out") { Description = "Output file: .csv or .xlsx", Required = true };
        var q = new Option<string?>("--q") { Description = "Search text (name, code, phone digits, email)" };
        var tag = new Option<string?>("--tag") { Description = "Only customers with this tag" };
        var city = new Option<string?>("--city") { Description = "Only customers in this city" };
        var type = new Option<CustomerKind?>("--kind") { Description = "Person or Organisation" };
        var headers = new Option<string>("--headers")
        {
            Description = "Header row and coded values: keys (machine names, for scripts and re-import), zh-CN or en (for people)",
            DefaultValueFactory = _ => "keys",
        };
        headers.AcceptOnlyFromAmong("keys", "zh-CN", "en");
        var command = new Command("export", "Export customers (with the list's filters) to CSV or XLSX.") { kind, output, q, tag, city, type, headers, db };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var export = services.GetRequiredService<CustomerExport>();
            var path = parse.GetValue(output)!.FullName;
            var query = new CustomerQuery { Q = parse.GetValue(q), Tag = parse.GetValue(tag), City = parse.GetValue(city), Kind = parse.GetValue(type) };
            var count = export.Write(query, path, ExportHeaderNames.Parse(parse.GetValue(headers)) ?? ExportHeaders.Keys);
            Console.WriteLine($"exported {count} customers to {path}");
            return 0;
        });
        return command;
    }
}
