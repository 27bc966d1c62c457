using System.CommandLine;
using System.Globalization;
using Guanxi.Cli;

namespace Guanxi.Marketing;

/// <summary>`guanxi care run [--as-of YYYY-MM-DD]`.</summary>
internal static class CareCommands
{
    public static Command Care()
    {
        var care = new Command("care", "Care rules (birthdays, festivals, welcome, win-back, churn warning).");
        var db = CliOptions.Db;
        var asOf = new Option<string?>("--as-of") { Description = "The day to run for, YYYY-MM-DD (default: today in the business's time zone)." };
        var run = new Command("run", "Run the active care rules for a day and print what each queued (a second run on the same day adds nothing).") { asOf, db };
        run.SetAction(async (parse, ct) =>
        {
            DateOnly? day = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    await Console.Error.WriteLineAsync("--as-of: a date YYYY-MM-DD.");
                    return 2;
                }
                day = d;
            }
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var result = await services.GetRequiredService<CareRunner>().RunAsync(day, ct);
            foreach (var r in result.Rules) Console.WriteLine(r.Line);
            Console.WriteLine(result.TotalLine);
            return 0;
        });
        care.Subcommands.Add(run);
        return care;
    }
}
