using System.CommandLine;
using System.Globalization;
using Guanxi.Cli;

namespace Guanxi.Marketing;

/// <summary>`guanxi care run [--as-of YYYY-MM-DD[THH:mm]]`.</summary>
internal static class CareCommands
{
    public static Command Care()
    {
        var care = new Command("care", "Care rules (birthdays, festivals, welcome, win-back, churn warning).");
        var db = CliOptions.Db;
        var asOf = new Option<string?>("--as-of") { Description = "The run's instant, YYYY-MM-DD or YYYY-MM-DDTHH:mm in the business's time zone (default: now; a day alone runs at the clock's time of day). Quiet hours are read at this instant." };
        var run = new Command("run", "Run the active care rules for a day and print what each queued (a second run on the same day adds nothing).") { asOf, db };
        run.SetAction(async (parse, ct) =>
        {
            DateOnly? day = null;
            TimeOnly? at = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) day = d;
                else if (DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
                    (day, at) = (DateOnly.FromDateTime(dt), TimeOnly.FromDateTime(dt));
                else
                {
                    await Console.Error.WriteLineAsync("--as-of: a date YYYY-MM-DD or an instant YYYY-MM-DDTHH:mm.");
                    return 2;
                }
            }
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var result = await services.GetRequiredService<CareRunner>().RunAsync(day, at, ct);
            foreach (var r in result.Rules) Console.WriteLine(r.Line);
            Console.WriteLine(result.TotalLine);
            return 0;
        });
        care.Subcommands.Add(run);
        return care;
    }
}
