using System.Globalization;

namespace Guanxi.Domain.Sales;

/// <summary>
/// A month ("2027-01") or a quarter ("2027-Q1"): what targets, commitments and the forecast are set for. Days from
/// <see cref="First"/> to <see cref="Last"/>, both included, in the company's local time zone.
/// </summary>
public readonly record struct SalesPeriod(int Year, int Month, bool IsQuarter)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxLength = 7;

    public DateOnly First => new(Year, Month, 1);

    public DateOnly Last => First.AddMonths(IsQuarter ? 3 : 1).AddDays(-1);

    /// <summary>The quarter (1–4) the period is or lies in.</summary>
    public int Quarter => (Month - 1) / 3 + 1;

    public override string ToString() => IsQuarter
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>Reads "2027-01" or "2027-Q1" (also "2027-q1", surrounding blanks ignored); false for anything else or a year outside 2000–2100.</summary>
    public static bool TryParse(string? text, out SalesPeriod period)
    {
        period = default;
        var t = text?.Trim();
        if (t is null || t.Length != 7 || t[4] != '-') return false;
        if (!int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < MinYear or > MaxYear) return false;
        if (t[5] is 'Q' or 'q')
        {
            if (t[6] is < '1' or > '4') return false;
            period = new SalesPeriod(year, (t[6] - '1') * 3 + 1, true);
            return true;
        }
        if (!int.TryParse(t.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12) return false;
        period = new SalesPeriod(year, month, false);
        return true;
    }

    public static SalesPeriod QuarterOf(DateOnly day) => new(day.Year, (day.Month - 1) / 3 * 3 + 1, true);

    public static SalesPeriod MonthOf(DateOnly day) => new(day.Year, day.Month, false);

    /// <summary>The period of the same kind just before this one (the quarter before a quarter, the month before a month).</summary>
    public SalesPeriod Previous()
    {
        var first = First.AddMonths(IsQuarter ? -3 : -1);
        return new SalesPeriod(first.Year, first.Month, IsQuarter);
    }

    public SalesPeriod Next()
    {
        var first = First.AddMonths(IsQuarter ? 3 : 1);
        return new SalesPeriod(first.Year, first.Month, IsQuarter);
    }

    public bool Contains(DateOnly day) => day >= First && day <= Last;
}
