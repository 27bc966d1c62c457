using System.CommandLine;
using Guanxi.Cli;

namespace Guanxi.Service;

/// <summary>`guanxi sla check [--as-of YYYY-MM-DD]`.</summary>
internal static class ServiceCommands
{
    public static Command Sla()
    {
        var sla = new Command("sla", "Service-level deadlines of service requests.");
        var db = CliOptions.Db;
        var asOf = new Option<string?>("--as-of") { Description = "Check as of the end of this day (YYYY-MM-DD) in the service desk's time zone. Default: now." };
        var check = new Command("check", "Mark breached requests, warn assignees an hour before a deadline, tell managers after it; print the counts.") { asOf, db };
        check.SetAction(async (parse, ct) =>
        {
            if (!CliOptions.TryDay(parse, asOf, out var day)) return 2;
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var summary = await services.GetRequiredService<SlaCheck>().RunAsync(day, ct);
            if (summary.Warned > 0 || summary.Escalated > 0) Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{summary.Warned} warned, {summary.Escalated} escalated"));
            Console.WriteLine(summary.Line);
            return 0;
        });
        sla.Subcommands.Add(check);
        return sla;
    }
}
