using System.CommandLine;
using System.Globalization;
using Guanxi.Cli;
using Guanxi.Domain.Sales;

namespace Guanxi.Sales;

/// <summary>`guanxi sales forecast --period 2027-Q1` and `guanxi sales backtest [--periods N] [--months]`.</summary>
internal static class SalesCommands
{
    public static Command Sales()
    {
        var sales = new Command("sales", "The sales forecast and its backtest.");
        sales.Subcommands.Add(Forecast());
        sales.Subcommands.Add(Backtest());
        return sales;
    }

    private static Command Forecast()
    {
        var db = CliOptions.Db;
        var period = new Option<string?>("--period") { Description = "A month (2027-01) or a quarter (2027-Q1). Default: the current quarter." };
        var currency = new Option<string?>("--currency") { Description = "Only opportunities, targets and commitments in this currency (default CNY)." };
        var command = new Command("forecast", "Print the forecast per owner: weighted pipeline, model, committed, target, won, attainment; and the total.") { period, currency, db };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(period) is { } p && !SalesPeriod.TryParse(p, out _))
            {
                await Console.Error.WriteLineAsync($"--period: '{p}' is not a month such as 2027-01 or a quarter such as 2027-Q1.");
                return 2;
            }
            if (parse.GetValue(currency) is { } c && CurrencyCode.Normalize(c) is null)
            {
                await Console.Error.WriteLineAsync($"--currency: '{c}' is not an ISO 4217 currency code.");
                return 2;
            }
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var f = await services.GetRequiredService<SalesForecast>().ForecastAsync(parse.GetValue(period), parse.GetValue(currency), ct);
            Console.WriteLine(ForecastTable(f));
            return 0;
        });
        return command;
    }

    private static Command Backtest()
    {
        var db = CliOptions.Db;
        var periods = new Option<int?>("--periods") { Description = $"How many past periods before the current one (1–{SalesForecast.MaxBacktestPeriods}, default 6)." };
        var months = new Option<bool>("--months") { Description = "Months instead of quarters." };
        var currency = new Option<string?>("--currency") { Description = "Only opportunities in this currency (default CNY)." };
        var command = new Command("backtest", "Compare the model and the naive weighted pipeline, as of each past period's start, with what was won; print the mean absolute percentage errors.")
        {
            periods, months, currency, db,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(periods) is { } n && n is < 1 or > SalesForecast.MaxBacktestPeriods)
            {
                await Console.Error.WriteLineAsync($"--periods: give 1 to {SalesForecast.MaxBacktestPeriods}.");
                return 2;
            }
            if (parse.GetValue(currency) is { } c && CurrencyCode.Normalize(c) is null)
            {
                await Console.Error.WriteLineAsync($"--currency: '{c}' is not an ISO 4217 currency code.");
                return 2;
            }
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var b = await services.GetRequiredService<SalesForecast>().BacktestAsync(parse.GetValue(periods), parse.GetValue(months), parse.GetValue(currency), ct);
            Console.WriteLine(BacktestTable(b));
            return 0;
        });
        return command;
    }

    private static string Money(decimal? amount) => amount is { } a ? a.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Percent(decimal? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>The forecast as a fixed-width table, one line per owner and a total line.</summary>
    public static string ForecastTable(ForecastDto f)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"Forecast {f.Period} ({f.From:yyyy-MM-dd} – {f.To:yyyy-MM-dd}), {f.Currency}");
        w.WriteLine($"{"owner",-20} {"weighted",14} {"model",14} {"committed",14} {"target",14} {"won",14} {"attainment",10}");
        void Line(string name, ForecastLineDto l) =>
            w.WriteLine($"{name,-20} {Money(l.Weighted),14} {Money(l.Model),14} {Money(l.Committed),14} {Money(l.Target),14} {Money(l.Won),14} {Percent(l.Attainment),10}");
        foreach (var l in f.Owners) Line(l.Owner ?? "(no owner)", l);
        Line("total", f.Total);
        return w.ToString().TrimEnd();
    }

    public static string BacktestTable(BacktestDto b)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"Backtest, {b.Currency}: each period as forecast at its start against what those opportunities won in it");
        w.WriteLine($"{"period",-8} {"open",6} {"weighted",14} {"model",14} {"actual",14} {"won in period",14}");
        foreach (var p in b.Periods)
            w.WriteLine($"{p.Period,-8} {p.Open,6} {Money(p.Weighted),14} {Money(p.Model),14} {Money(p.Actual),14} {Money(p.WonInPeriod),14}");
        w.WriteLine($"MAPE weighted {Percent(b.WeightedMape / 100)}, model {Percent(b.ModelMape / 100)}");
        return w.ToString().TrimEnd();
    }
}
