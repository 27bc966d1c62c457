using System.Globalization;

namespace Guanxi.Domain.Care;

/// <summary>The days customers are greeted on (节日祝福): four Gregorian, five lunar and one solar-term festival.</summary>
public enum Festival
{
    NewYear = 0,
    SpringFestival = 1,
    Lantern = 2,
    WomensDay = 3,
    Qingming = 4,
    DragonBoat = 5,
    MidAutumn = 6,
    NationalDay = 7,
    DoubleNinth = 8,
}

/// <summary>
/// When each festival falls in a Gregorian year. Lunar festivals come from .NET's <see cref="ChineseLunisolarCalendar"/>
/// (the published tables, 1901–2100), counting past a leap month the way the calendar numbers it; Qingming is a solar term,
/// computed with the usual 21st-century rule (valid 2000–2099).
/// </summary>
public static class Festivals
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    private static readonly ChineseLunisolarCalendar Lunar = new();

    public static IReadOnlyList<Festival> All { get; } = Enum.GetValues<Festival>();

    public static DateOnly DateIn(Festival festival, int year)
    {
        if (year is < FirstYear or > LastYear) throw new ArgumentOutOfRangeException(nameof(year), year, $"Festival dates are known for {FirstYear}–{LastYear}.");
        return festival switch
        {
            Festival.NewYear => new DateOnly(year, 1, 1),
            Festival.SpringFestival => LunarDay(year, 1, 1),
            Festival.Lantern => LunarDay(year, 1, 15),
            Festival.WomensDay => new DateOnly(year, 3, 8),
            Festival.Qingming => Qingming(year),
            Festival.DragonBoat => LunarDay(year, 5, 5),
            Festival.MidAutumn => LunarDay(year, 8, 15),
            Festival.NationalDay => new DateOnly(year, 10, 1),
            Festival.DoubleNinth => LunarDay(year, 9, 9),
            _ => throw new ArgumentOutOfRangeException(nameof(festival), festival, null),
        };
    }

    /// <summary>Every festival from <paramref name="from"/> to <paramref name="to"/> (both included), in date order.</summary>
    public static IEnumerable<(Festival Festival, DateOnly Date)> Between(DateOnly from, DateOnly to) =>
        Enumerable.Range(from.Year, Math.Max(0, to.Year - from.Year + 1))
            .SelectMany(y => All.Select(f => (Festival: f, Date: DateIn(f, y))))
            .Where(x => x.Date >= from && x.Date <= to)
            .OrderBy(x => x.Date);

    /// <summary>
    /// The Gregorian day of lunar <paramref name="month"/>/<paramref name="day"/> of the lunar year that starts in
    /// <paramref name="year"/>. In a leap year the calendar numbers the leap month as the one after the month it repeats
    /// (GetLeapMonth = 5 means the 5th month of the year is 闰四月), so ordinary months from there on are one higher.
    /// </summary>
    public static DateOnly LunarDay(int year, int month, int day)
    {
        int leap = Lunar.GetLeapMonth(year);
        int index = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>
    /// Qingming, the day the sun reaches 15° of ecliptic longitude (Beijing time): day of April = ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋
    /// with Y the year's last two digits — the standard rule for 2000–2099, which has no exception for Qingming.
    /// </summary>
    private static DateOnly Qingming(int year)
    {
        int y = year % 100;
        return new DateOnly(year, 4, (int)Math.Floor(y * 0.2422 + 4.81) - y / 4);
    }
}
