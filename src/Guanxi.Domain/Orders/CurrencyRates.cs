using System.Globalization;

namespace Guanxi.Domain.Orders;

/// <summary>
/// One month's rate of a currency (issue 17): <see cref="Rate"/> units of the base currency (<c>Currency:Base</c>) buy one
/// unit of <see cref="Currency"/> for orders placed in <see cref="Month"/> (always the first day of the month).
/// </summary>
public sealed class CurrencyRate
{
    public long Id { get; set; }
    public string Currency { get; set; } = "";
    public DateOnly Month { get; set; }
    public decimal Rate { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The rate table as the models, the home figures and the missing-rates report read it: an order in the base currency
/// counts as it is; an order in another currency is converted with the rate of the month it was placed in; a month
/// without a rate has no rate — never the previous month's, never a guess — and such an order is left out of the money
/// figures and reported. Conversion rounds each order to cents, half away from zero (as the import's --round-cents),
/// before anything is summed: a sum is the sum of its converted orders. Pure: built from the stored rows.
/// </summary>
public sealed class CurrencyRates
{
    public const string DefaultBase = "CNY";

    /// <summary>Rates are stored with this many decimals (decimal(18, 10)): IDR or VND in CNY still keep five significant digits.</summary>
    public const int RateScale = 10;

    /// <summary>The largest rate accepted: far above any real currency pair, below what the column holds.</summary>
    public const decimal MaxRate = 1_000_000m;

    private readonly Dictionary<string, Dictionary<int, decimal>> _rates = new(StringComparer.OrdinalIgnoreCase);

    public CurrencyRates(string baseCurrency, IEnumerable<(string Currency, DateOnly Month, decimal Rate)> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        Base = baseCurrency;
        foreach (var (currency, month, rate) in rates)
        {
            if (!_rates.TryGetValue(currency, out var months)) _rates[currency] = months = [];
            months[MonthNumber(month)] = rate;
        }
    }

    /// <summary>The currency every converted figure is in.</summary>
    public string Base { get; }

    /// <summary>Whether orders in this currency need no rate.</summary>
    public bool IsBase(string currency) => string.Equals(currency, Base, StringComparison.OrdinalIgnoreCase);

    /// <summary>The rate for an order in <paramref name="currency"/> placed on <paramref name="day"/>: 1 for the base currency, null when that month has none.</summary>
    public decimal? RateFor(string currency, DateOnly day) => RateFor(currency, day.DayNumber);

    /// <summary>As <see cref="RateFor(string, DateOnly)"/>, with the day as <see cref="DateOnly.DayNumber"/>.</summary>
    public decimal? RateFor(string currency, int dayNumber)
    {
        if (IsBase(currency)) return 1m;
        return _rates.TryGetValue(currency, out var months) && months.TryGetValue(MonthNumber(DateOnly.FromDayNumber(dayNumber)), out var rate) ? rate : null;
    }

    /// <summary>An order's amount in base-currency cents; false (and 0) when its month has no rate.</summary>
    public bool TryConvert(string currency, int dayNumber, long cents, out long baseCents)
    {
        if (IsBase(currency))
        {
            baseCents = cents;
            return true;
        }

        if (RateFor(currency, dayNumber) is { } rate)
        {
            baseCents = Convert(cents, rate);
            return true;
        }

        baseCents = 0;
        return false;
    }

    /// <summary>
    /// Month sums per currency (as the home figures group the orders in SQL) in base-currency cents, each converted with
    /// its month's rate; the orders of a month without a rate are counted in <c>Unconverted</c>, not summed.
    /// </summary>
    public (long Cents, long Unconverted) SumMonths(IEnumerable<(string Currency, int Year, int Month, long Orders, long Cents)> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        long cents = 0, unconverted = 0;
        foreach (var m in months)
        {
            if (TryConvert(m.Currency, new DateOnly(m.Year, m.Month, 1).DayNumber, m.Cents, out var converted)) cents += converted;
            else unconverted += m.Orders;
        }
        return (cents, unconverted);
    }

    /// <summary>Cents times the rate, rounded to whole cents half away from zero (a return's negative amount rounds the same way as its purchase).</summary>
    public static long Convert(long cents, decimal rate) => (long)Math.Round(cents * rate, 0, MidpointRounding.AwayFromZero);

    /// <summary>The first day of the day's month: the key a rate is stored under.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Months counted from year 0: a dictionary key for the month of a day.</summary>
    public static int MonthNumber(DateOnly day) => (day.Year * 12) + day.Month - 1;

    /// <summary>A month written <c>yyyy-MM</c> (2000–2100) as its first day; null for anything else.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 2000 and <= 2100
            ? month
            : null;

    /// <summary>Why a rate cannot be stored, or null when it can.</summary>
    public static string? RateProblem(decimal rate) =>
        rate <= 0 ? "The rate must be above zero: units of the base currency per one unit of the currency."
        : rate > MaxRate ? "The rate must be at most 1000000."
        : decimal.Round(rate, RateScale) != rate ? "The rate has at most 10 decimals."
        : null;
}
